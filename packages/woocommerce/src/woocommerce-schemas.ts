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
/**
 * Text that may be null: one check, cheaper than `.nullable()`. In an object its key must be there (zod
 * checks that a custom field that is not optional is present).
 */
const textOrNull = z.custom<string | null | undefined>((value) => value == null || typeof value === 'string', {
  error: 'expected a string or null',
});
/** Text that may be missing or null (most WooCommerce fields). */
const optionalText = textOrNull.optional();
const date = optionalText;
/** A decimal that may be null, its key there. */
const decimalOrNull = z.custom<string | number | null | undefined>(
  (value) => value == null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
  { error: 'expected a decimal string or number' },
);
/** A decimal that may be missing or null. */
const optionalDecimal = decimalOrNull.optional();
/** An id that may be null, its key there. */
const idOrNull = z.custom<string | number | null | undefined>(
  (value) => value == null || typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)),
  { error: 'expected an integer or string id' },
);
/** An id that may be missing or null. */
const optionalId = idOrNull.optional();

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

/*
 * Check-only twins of the order's schemas, for the sync's hot path. zod's compiled validator builds a
 * copy of every list or object that is optional or has a default, and runs every field that may be
 * missing in a closure of its own, even when it only checks. These twins accept the same values but
 * require every key a current WooCommerce sends (null where it has nothing), so checking an order
 * builds nothing. Each accepts a subset of what its tolerant schema accepts: a payload they refuse (an
 * older server's, or an invalid one) goes through the tolerant schema, which fills the defaults or
 * names the issues.
 */
const taxEntryCheckSchema = z.object({ id: id, total: decimalOrNull, subtotal: decimalOrNull });
const taxEntriesCheckSchema = z.array(taxEntryCheckSchema);

const lineItemMetaCheckSchema = z.object({
  id: idOrNull,
  key: z.string(),
  value: z.unknown(),
  display_key: textOrNull,
  display_value: z.unknown(),
});

const addressCheckSchema = z.object({
  first_name: textOrNull,
  last_name: textOrNull,
  company: textOrNull,
  address_1: textOrNull,
  address_2: textOrNull,
  city: textOrNull,
  state: textOrNull,
  postcode: textOrNull,
  country: textOrNull,
  phone: textOrNull,
});

const lineItemCheckSchema = z.object({
  id: id,
  name: z.string(),
  product_id: idOrNull,
  variation_id: idOrNull,
  quantity: z.number(),
  subtotal: decimal,
  subtotal_tax: decimalOrNull,
  total: decimal,
  total_tax: decimalOrNull,
  taxes: taxEntriesCheckSchema,
  meta_data: z.array(lineItemMetaCheckSchema),
  sku: textOrNull,
});

const shippingLineCheckSchema = z.object({
  id: id,
  method_title: textOrNull,
  method_id: textOrNull,
  instance_id: idOrNull,
  total: decimal,
  total_tax: decimalOrNull,
  taxes: taxEntriesCheckSchema,
});

const feeLineCheckSchema = z.object({
  id: id,
  name: textOrNull,
  total: decimal,
  total_tax: decimalOrNull,
  taxes: taxEntriesCheckSchema,
});

/** {@link wooCommerceOrderSchema}, check-only: nothing optional, nothing defaulted. */
export const wooCommerceOrderCheckSchema = z.object({
  id: id,
  number: idOrNull,
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean(),
  date_created: textOrNull,
  date_created_gmt: textOrNull,
  date_modified: textOrNull,
  date_modified_gmt: textOrNull,
  date_paid_gmt: textOrNull,
  date_completed_gmt: textOrNull,
  total: decimal,
  total_tax: decimalOrNull,
  customer_id: idOrNull,
  billing: addressCheckSchema.extend({ email: textOrNull }),
  // A shipping address has no e-mail.
  shipping: addressCheckSchema.extend({ email: optionalText }),
  payment_method: textOrNull,
  line_items: z.array(lineItemCheckSchema),
  tax_lines: z.array(
    z.object({
      id: id,
      rate_code: textOrNull,
      rate_id: id,
      label: textOrNull,
      compound: z.boolean().nullable(),
      tax_total: decimalOrNull,
      shipping_tax_total: decimalOrNull,
      rate_percent: z.number().nullable(),
    }),
  ),
  shipping_lines: z.array(shippingLineCheckSchema),
  fee_lines: z.array(feeLineCheckSchema),
  coupon_lines: z.array(z.object({ id: id, code: z.string(), discount: decimalOrNull, discount_tax: decimalOrNull })),
  refunds: z.array(z.object({ id: id, reason: textOrNull, total: decimal, total_tax: decimalOrNull })),
});

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

/**
 * {@link wooCommerceRefundSchema}, check-only as far as its lists go (see
 * {@link wooCommerceOrderCheckSchema}): a refund's own meta has no display keys.
 */
export const wooCommerceRefundCheckSchema = wooCommerceRefundSchema.extend({
  meta_data: z.array(wooCommerceMetaSchema),
  line_items: z.array(lineItemCheckSchema),
  shipping_lines: z.array(shippingLineCheckSchema),
  fee_lines: z.array(feeLineCheckSchema),
});

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
