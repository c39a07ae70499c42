import { z } from 'zod';

/**
 * Zod schemas of the WooCommerce REST API v3 payloads aftersale reads. They are tolerant on purpose (unknown keys are dropped, never refused):
 * current servers send more fields than the documentation shows (extra keys pass through), and
 * fields that older servers leave out are optional.
 */

/**
 * A decimal amount as WooCommerce sends it: a string (`"12.30"`, `""` for none) or a JSON number.
 * (A single type check rather than a union: it is read some twenty times per order, and a sync reads
 * thousands of orders.)
 */
const decimal = z.custom<string | number>(
  (value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
  { error: 'expected a decimal string or number' },
);
/** A WooCommerce id: an integer, or a string on some payloads. */
const id = z.custom<string | number>(
  (value) => typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)),
  { error: 'expected an integer or string id' },
);
/** Text that may be missing or null (most WooCommerce fields): one check, cheaper than `.nullish()`. */
const optionalText = z
  .custom<string | null | undefined>((value) => value == null || typeof value === 'string', {
    error: 'expected a string or null',
  })
  .optional();
const date = optionalText;
/** A decimal that may be missing or null. */
const optionalDecimal = z
  .custom<string | number | null | undefined>(
    (value) => value == null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
    { error: 'expected a decimal string or number' },
  )
  .optional();
/** An id that may be missing or null. */
const optionalId = z
  .custom<string | number | null | undefined>(
    (value) => value == null || typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)),
    { error: 'expected an integer or string id' },
  )
  .optional();

/** A `meta_data` entry; values may be any JSON. */
export const wooCommerceMetaSchema = z.object({
  id: optionalId,
  key: z.string(),
  value: z.unknown().optional(),
  display_key: optionalText,
  display_value: z.unknown().optional(),
});

const taxEntry = z.object({ id: id, total: optionalDecimal, subtotal: optionalDecimal });

export const wooCommerceAddressSchema = z.object({
  first_name: optionalText,
  last_name: optionalText,
  company: optionalText,
  address_1: optionalText,
  address_2: optionalText,
  city: optionalText,
  state: optionalText,
  postcode: optionalText,
  country: optionalText,
  email: optionalText,
  phone: optionalText,
});

export const wooCommerceLineItemSchema = z.object({
  id: id,
  name: z.string(),
  product_id: optionalId,
  variation_id: optionalId,
  quantity: z.number(),
  subtotal: decimal,
  subtotal_tax: optionalDecimal,
  total: decimal,
  total_tax: optionalDecimal,
  taxes: z.array(taxEntry).default([]),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
  sku: optionalText,
  // `price` (a JSON number, unrounded when prices include tax: 83.333333) is never read for money.
});

export const wooCommerceTaxLineSchema = z.object({
  id: id,
  rate_code: optionalText,
  rate_id: id,
  label: optionalText,
  compound: z.boolean().nullish(),
  tax_total: optionalDecimal,
  shipping_tax_total: optionalDecimal,
  /** Only on current servers (20 for 20 %). */
  rate_percent: z.number().nullish(),
});

export const wooCommerceShippingLineSchema = z.object({
  id: id,
  method_title: optionalText,
  method_id: optionalText,
  instance_id: optionalId,
  total: decimal,
  total_tax: optionalDecimal,
  taxes: z.array(taxEntry).default([]),
});

export const wooCommerceFeeLineSchema = z.object({
  id: id,
  name: optionalText,
  total: decimal,
  total_tax: optionalDecimal,
  taxes: z.array(taxEntry).default([]),
});

export const wooCommerceCouponLineSchema = z.object({
  id: id,
  code: z.string(),
  discount: optionalDecimal,
  discount_tax: optionalDecimal,
});

/** The refund summary inside an order: `{ id, reason, total }` with a negative `total`. */
export const wooCommerceOrderRefundSummarySchema = z.object({
  id: id,
  reason: optionalText,
  total: decimal,
  total_tax: optionalDecimal,
});

export const wooCommerceOrderSchema = z.object({
  id: id,
  number: optionalId,
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
  total_tax: optionalDecimal,
  customer_id: optionalId,
  billing: wooCommerceAddressSchema.nullish(),
  shipping: wooCommerceAddressSchema.nullish(),
  payment_method: optionalText,
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
  parent_id: optionalId,
  date_created: date,
  date_created_gmt: date,
  /** A positive decimal string. */
  amount: decimal,
  reason: optionalText,
  refunded_by: optionalId,
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
  email: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  role: optionalText,
  username: optionalText,
  billing: wooCommerceAddressSchema.nullish(),
  shipping: wooCommerceAddressSchema.nullish(),
  is_paying_customer: z.boolean().nullish(),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
});
/** A WooCommerce customer (`GET /wc/v3/customers/{id}`). */
export type WooCommerceCustomer = z.infer<typeof wooCommerceCustomerSchema>;

const term = z.object({ id: id, name: optionalText, slug: optionalText });

export const wooCommerceProductSchema = z.object({
  id: id,
  name: optionalText,
  type: optionalText,
  /** Set on variations: the variable product's id. */
  parent_id: optionalId,
  sku: optionalText,
  price: optionalDecimal,
  virtual: z.boolean().nullish(),
  downloadable: z.boolean().nullish(),
  categories: z.array(term).default([]),
  tags: z.array(term).default([]),
  brands: z.array(term).default([]),
  attributes: z.array(z.object({ name: optionalText, option: optionalText })).default([]),
});
/** A WooCommerce product or variation (`GET /wc/v3/products/{id}`). */
export type WooCommerceProduct = z.infer<typeof wooCommerceProductSchema>;

/** A fee line with its meta, as aftersale reads it on the orders it creates. */
const wooCommerceFeeLineWithMetaSchema = wooCommerceFeeLineSchema.extend({
  meta_data: z.array(wooCommerceMetaSchema).default([]),
});

/**
 * An order with the fields aftersale reads only on orders it writes to (a replacement order, an order
 * it cancels): the parent order, the payment link, the order's meta and its fee lines' meta. Kept apart
 * from {@link wooCommerceOrderSchema}, which a sync reads thousands of times.
 */
export const wooCommerceOrderWithMetaSchema = wooCommerceOrderSchema.extend({
  parent_id: optionalId,
  /** The checkout link where the customer pays a `pending` order. */
  payment_url: optionalText,
  meta_data: z.array(wooCommerceMetaSchema).default([]),
  fee_lines: z.array(wooCommerceFeeLineWithMetaSchema).default([]),
});
/** An order with its meta (see {@link wooCommerceOrderWithMetaSchema}). */
export type WooCommerceOrderWithMeta = z.infer<typeof wooCommerceOrderWithMetaSchema>;

/** A coupon as `GET /wc/v3/coupons/{id}` and `POST /wc/v3/coupons` send it. */
export const wooCommerceCouponSchema = z.object({
  id: id,
  code: z.string(),
  /** A decimal string in the shop's currency. */
  amount: decimal,
  discount_type: optionalText,
  description: optionalText,
  date_expires: date,
  date_expires_gmt: date,
  usage_limit: z.number().nullish(),
  usage_count: z.number().nullish(),
  email_restrictions: z.array(z.string()).default([]),
  meta_data: z.array(wooCommerceMetaSchema).default([]),
});
/** A WooCommerce coupon. */
export type WooCommerceCoupon = z.infer<typeof wooCommerceCouponSchema>;

/** An order note as `POST /wc/v3/orders/{id}/notes` answers it. */
export const wooCommerceOrderNoteSchema = z.object({
  id: id,
  note: optionalText,
  customer_note: z.boolean().nullish(),
  date_created_gmt: date,
});
