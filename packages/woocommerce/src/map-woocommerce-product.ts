import { aftersaleErrorFromZod, type ProductFacts } from '@aftersale/core';
import { type WooCommerceProduct, wooCommerceProductSchema } from './woocommerce-schemas.js';

/** A WooCommerce product's facts for policy scopes, with its id and (for a variation) its parent's id. */
export interface WooCommerceProductFacts extends ProductFacts {
  /** The product or variation id. */
  id: string;
  /** The variable product a variation belongs to; null for other products. */
  parentId: string | null;
  /** Virtual or downloadable: nothing is shipped. */
  requiresShipping: boolean;
}

/**
 * Parses a WooCommerce product or variation tolerantly.
 * @throws AftersaleError `invalid_input` naming every field that is missing or mistyped.
 */
export function parseWooCommerceProduct(input: unknown): WooCommerceProduct {
  const parsed = wooCommerceProductSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'WooCommerce product' });
  return parsed.data;
}

/**
 * Maps a WooCommerce product to the facts return policies scope on: tags and categories by slug
 * (names as a fallback), the product type, and the first brand as vendor.
 */
export function mapWooCommerceProduct(input: unknown): WooCommerceProductFacts {
  const product = parseWooCommerceProduct(input);
  const slug = (term: { slug?: string | null | undefined; name?: string | null | undefined; id: string | number }) =>
    term.slug || term.name || String(term.id);
  const parent =
    product.parent_id == null || product.parent_id === 0 || product.parent_id === '0'
      ? null
      : String(product.parent_id);
  return {
    id: String(product.id),
    parentId: parent,
    tags: product.tags.map(slug),
    categories: product.categories.map(slug),
    type: product.type ?? null,
    vendor: product.brands[0]?.name ?? null,
    requiresShipping: !(product.virtual === true || product.downloadable === true),
  };
}
