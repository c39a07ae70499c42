import { z } from 'zod';

/**
 * Zod schemas of the WooCommerce REST API v3 payloads aftersale reads. They are tolerant on purpose (unknown keys are dropped, never refused):
 * current servers send more fields than the documentation shows (extra keys pass through), and
 * fields that older servers leave out are optional.
 */

/** A decimal amount as WooCommerce sends it: a string (`"12.30"`, `""` for none) or a JSON number. */
const decimal = z.union([z.string(), z.number()]);
const id = z.union([z.number().int(), z.string()]);
const date = z.string().nullish();

/** A `meta_data` entry; values may be any JSON. */
export const wooCommerceMetaSchema = z.object({
  id: id.nullish(),
  key: z.string(),
  value: z.unknown().optional(),
  display_key: z.string().nullish(),
  display_value: z.unknown().optional(),
});

const taxEntry = z.object({ id: id, total: decimal.nullish(), subtotal: decimal.nullish() });

export const wooCommerceAddressSchema = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address_1: z.string().nullish(),
  address_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export const wooCommerceLineItemSchema = z.object({
  id: id,
  name: z.string(),
  product_id: id.nullish(),
  variation_id: id.nullish(),
  quantity: z.number(),
  subtotal: decimal,
  subtotal_tax: decimal.nullish(),
  total: decimal,
  total_tax: decimal.nullish(),
  taxes: z.array(taxEntry).default([]),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
  sku: z.string().nullish(),
  // `price` (a JSON number, unrounded when prices include tax: 83.333333) is never read for money.
});

export const wooCommerceTaxLineSchema = z.object({
  id: id,
  rate_code: z.string().nullish(),
  rate_id: id,
  label: z.string().nullish(),
  compound: z.boolean().nullish(),
  tax_total: decimal.nullish(),
  shipping_tax_total: decimal.nullish(),
  /** Only on current servers (20 for 20 %). */
  rate_percent: z.number().nullish(),
});

export const wooCommerceShippingLineSchema = z.object({
  id: id,
  method_title: z.string().nullish(),
  method_id: z.string().nullish(),
  instance_id: z.union([z.string(), z.number()]).nullish(),
  total: decimal,
  total_tax: decimal.nullish(),
  taxes: z.array(taxEntry).default([]),
});

export const wooCommerceFeeLineSchema = z.object({
  id: id,
  name: z.string().nullish(),
  total: decimal,
  total_tax: decimal.nullish(),
  taxes: z.array(taxEntry).default([]),
});

export const wooCommerceCouponLineSchema = z.object({
  id: id,
  code: z.string(),
  discount: decimal.nullish(),
  discount_tax: decimal.nullish(),
});

/** The refund summary inside an order: `{ id, reason, total }` with a negative `total`. */
export const wooCommerceOrderRefundSummarySchema = z.object({
  id: id,
  reason: z.string().nullish(),
  total: decimal,
  total_tax: decimal.nullish(),
});

export const wooCommerceOrderSchema = z.object({
  id: id,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean().default(false),
  date_created: date,
  date_created_gmt: date,
  date_modified: date,
  date_modified_gmt: date,
  date_paid_gmt: date,
  date_completed_gmt: date,
  total: decimal,
  total_tax: decimal.nullish(),
  customer_id: id.nullish(),
  billing: wooCommerceAddressSchema.nullish(),
  shipping: wooCommerceAddressSchema.nullish(),
  payment_method: z.string().nullish(),
  line_items: z.array(wooCommerceLineItemSchema).default([]),
  tax_lines: z.array(wooCommerceTaxLineSchema).default([]),
  shipping_lines: z.array(wooCommerceShippingLineSchema).default([]),
  fee_lines: z.array(wooCommerceFeeLineSchema).default([]),
  coupon_lines: z.array(wooCommerceCouponLineSchema).default([]),
  refunds: z.array(wooCommerceOrderRefundSummarySchema).default([]),
});
/** A WooCommerce order as `GET /wc/v3/orders/{id}` and the order webhooks send it. */
export type WooCommerceOrder = z.infer<typeof wooCommerceOrderSchema>;

const refundLineItem = wooCommerceLineItemSchema;

export const wooCommerceRefundSchema = z.object({
  id: id,
  /** Only in the store-wide `GET /wc/v3/refunds` list. */
  parent_id: id.nullish(),
  date_created: date,
  date_created_gmt: date,
  /** A positive decimal string. */
  amount: decimal,
  reason: z.string().nullish(),
  refunded_by: id.nullish(),
  refunded_payment: z.boolean().nullish(),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
  /** Refunded lines: negative quantities and amounts, `_refunded_item_id` meta naming the order line. */
  line_items: z.array(refundLineItem).default([]),
  shipping_lines: z.array(wooCommerceShippingLineSchema).default([]),
  fee_lines: z.array(wooCommerceFeeLineSchema).default([]),
});
/** A WooCommerce refund as `GET /wc/v3/orders/{id}/refunds` sends it. */
export type WooCommerceRefund = z.infer<typeof wooCommerceRefundSchema>;

export const wooCommerceCustomerSchema = z.object({
  id: id,
  date_created: date,
  date_created_gmt: date,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  role: z.string().nullish(),
  username: z.string().nullish(),
  billing: wooCommerceAddressSchema.nullish(),
  shipping: wooCommerceAddressSchema.nullish(),
  is_paying_customer: z.boolean().nullish(),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
});
/** A WooCommerce customer (`GET /wc/v3/customers/{id}`). */
export type WooCommerceCustomer = z.infer<typeof wooCommerceCustomerSchema>;

const term = z.object({ id: id, name: z.string().nullish(), slug: z.string().nullish() });

export const wooCommerceProductSchema = z.object({
  id: id,
  name: z.string().nullish(),
  type: z.string().nullish(),
  /** Set on variations: the variable product's id. */
  parent_id: id.nullish(),
  sku: z.string().nullish(),
  price: decimal.nullish(),
  virtual: z.boolean().nullish(),
  downloadable: z.boolean().nullish(),
  categories: z.array(term).default([]),
  tags: z.array(term).default([]),
  brands: z.array(term).default([]),
  attributes: z.array(z.object({ name: z.string().nullish(), option: z.string().nullish() })).default([]),
});
/** A WooCommerce product or variation (`GET /wc/v3/products/{id}`). */
export type WooCommerceProduct = z.infer<typeof wooCommerceProductSchema>;
