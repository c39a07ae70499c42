import { createHash } from 'node:crypto';
import type { Platform } from '../model/schemas.js';

/** What identifies one webhook delivery. */
export interface WebhookDedupeParts {
  platform: Platform;
  /** Shopify `X-Shopify-Webhook-Id`; WooCommerce `X-WC-Webhook-ID`. */
  webhookId?: string | null;
  /** WooCommerce `X-WC-Webhook-Delivery-ID` (reused for different deliveries within a second). */
  deliveryId?: string | null;
  /** The raw body exactly as received. */
  rawBody: string | Uint8Array;
}

/**
 * The inbox de-duplication key of a delivery: platform, webhook id, delivery id and the SHA-256 of the
 * raw body. The body hash is what tells apart two WooCommerce deliveries that share a delivery id; a
 * byte-identical redelivery gets the same key and is kept once.
 *
 * @example
 * ```ts
 * webhookDedupeKey({ platform: 'woocommerce', webhookId: '3', deliveryId: '21', rawBody })
 * // 'woocommerce:3:21:9f86d0...'
 * ```
 */
export function webhookDedupeKey(parts: WebhookDedupeParts): string {
  const digest = createHash('sha256').update(parts.rawBody).digest('hex');
  return `${parts.platform}:${parts.webhookId ?? ''}:${parts.deliveryId ?? ''}:${digest}`;
}
