import { z } from 'zod';
import { moneySchema } from '../money/money.js';

/** The platform a record came from. `custom` is for stores aftersale has no adapter for. */
export const platformSchema = z.enum(['shopify', 'woocommerce', 'custom']);
export type Platform = z.infer<typeof platformSchema>;

/** An ISO-8601 timestamp with a time zone offset or `Z`. */
export const timestampSchema = z.iso.datetime({ offset: true });

const idSchema = z.string().min(1);
const optionalText = z.string().nullish();

/** Where a record came from: the platform, its id there, and the raw status strings it had. */
export const sourceSchema = z.object({
  platform: platformSchema,
  /** The platform's own id (a Shopify GID, a WooCommerce numeric id as a string). */
  id: idSchema,
  /** What the customer sees: Shopify's `#1001`, WooCommerce's order number. */
  name: z.string().nullish(),
  /** Raw platform status strings, kept beside the normalized ones (`{ financial: 'PARTIALLY_REFUNDED' }`). */
  rawStatus: z.record(z.string(), z.string()).default({}),
});
export type Source = z.infer<typeof sourceSchema>;

export const addressSchema = z.object({
  firstName: optionalText,
  lastName: optionalText,
  company: optionalText,
  line1: optionalText,
  line2: optionalText,
  city: optionalText,
  province: optionalText,
  provinceCode: optionalText,
  postalCode: optionalText,
  /** ISO 3166-1 alpha-2, upper case (`TR`, `DE`); it drives the jurisdiction of a return. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, such as TR or DE')
    .nullish(),
  phone: optionalText,
});
export type Address = z.infer<typeof addressSchema>;

/** A tax charged: `rate` is a decimal fraction (0.18 is 18 %), `amount` is for the whole line. */
export const taxLineSchema = z.object({
  title: z.string(),
  rate: z.number().nonnegative(),
  amount: moneySchema,
  /** The platform's tax rate id (WooCommerce `rate_id`), when it has one. */
  rateId: z.string().nullish(),
});
export type TaxLine = z.infer<typeof taxLineSchema>;

/**
 * A discount on a line for the whole line (not per unit). `level: 'line'` is a discount on that
 * line itself; `'order'` is the line's share of an order-level discount.
 */
export const discountAllocationSchema = z.object({
  amount: moneySchema,
  level: z.enum(['line', 'order']),
  code: z.string().nullish(),
  title: z.string().nullish(),
});
export type DiscountAllocation = z.infer<typeof discountAllocationSchema>;

/** Product facts that return policies scope on. */
export const productFactsSchema = z.object({
  tags: z.array(z.string()).default([]),
  type: z.string().nullish(),
  vendor: z.string().nullish(),
  /** Collections (Shopify) or categories (WooCommerce), by handle or slug. */
  categories: z.array(z.string()).default([]),
});
export type ProductFacts = z.infer<typeof productFactsSchema>;

export const lineItemSchema = z.object({
  id: idSchema,
  productId: z.string().nullish(),
  variantId: z.string().nullish(),
  sku: z.string().nullish(),
  title: z.string(),
  variantTitle: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  /** Price of one unit before discounts; includes tax when the order's `taxesIncluded` is true. */
  unitPrice: moneySchema,
  discountAllocations: z.array(discountAllocationSchema).default([]),
  /** Taxes for the whole line, after discounts. */
  taxLines: z.array(taxLineSchema).default([]),
  product: productFactsSchema.default({ tags: [], categories: [] }),
  giftCard: z.boolean().default(false),
  requiresShipping: z.boolean().default(true),
  /** Custom properties (engraving text and the like): a personalised item. */
  properties: z.record(z.string(), z.string()).default({}),
});
export type LineItem = z.infer<typeof lineItemSchema>;

export const shippingLineSchema = z.object({
  id: idSchema,
  title: z.string(),
  code: z.string().nullish(),
  /** The shipping price before discounts (tax-inclusive when the order's prices are). */
  price: moneySchema,
  discountAllocations: z.array(discountAllocationSchema).default([]),
  taxLines: z.array(taxLineSchema).default([]),
});
export type ShippingLine = z.infer<typeof shippingLineSchema>;

export const feeLineSchema = z.object({
  id: idSchema,
  title: z.string(),
  amount: moneySchema,
  taxLines: z.array(taxLineSchema).default([]),
});
export type FeeLine = z.infer<typeof feeLineSchema>;

export const trackingSchema = z.object({
  company: z.string().nullish(),
  number: z.string().nullish(),
  url: z.string().nullish(),
});
export type Tracking = z.infer<typeof trackingSchema>;

export const fulfillmentSchema = z.object({
  id: idSchema,
  /** Raw platform status of the fulfilment. */
  status: z.string().nullish(),
  lines: z.array(z.object({ lineItemId: idSchema, quantity: z.number().int().positive() })),
  shippedAt: timestampSchema.nullish(),
  deliveredAt: timestampSchema.nullish(),
  estimatedDeliveryAt: timestampSchema.nullish(),
  tracking: z.array(trackingSchema).default([]),
});
export type Fulfillment = z.infer<typeof fulfillmentSchema>;

export const refundLineSchema = z.object({
  lineItemId: idSchema,
  quantity: z.number().int().nonnegative(),
  /** Refunded for the line's goods, before tax (positive). */
  subtotal: moneySchema,
  /** Refunded tax for the line (positive). */
  tax: moneySchema,
  restockType: z.enum(['no_restock', 'cancel', 'return', 'legacy_restock']).nullish(),
});
export type RefundLine = z.infer<typeof refundLineSchema>;

export const refundSchema = z.object({
  id: idSchema,
  /** The platform's refund id. */
  platformId: z.string().nullish(),
  createdAt: timestampSchema,
  note: z.string().nullish(),
  lines: z.array(refundLineSchema).default([]),
  /** Shipping refunded, tax included (positive). */
  shipping: moneySchema.nullish(),
  /** Everything refunded by this refund (positive). */
  total: moneySchema,
});
export type Refund = z.infer<typeof refundSchema>;

export const transactionSchema = z.object({
  id: idSchema,
  kind: z.enum(['authorization', 'capture', 'sale', 'refund', 'void', 'change', 'suggested_refund', 'unknown']),
  status: z.enum(['pending', 'success', 'failure', 'error', 'unknown']),
  gateway: z.string().nullish(),
  amount: moneySchema,
  createdAt: timestampSchema.nullish(),
  parentId: z.string().nullish(),
  /** Paid with a gift card: such money is never refunded to a card. */
  giftCard: z.boolean().default(false),
});
export type Transaction = z.infer<typeof transactionSchema>;

export const financialStatusSchema = z.enum([
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'unknown',
]);
export type FinancialStatus = z.infer<typeof financialStatusSchema>;

export const fulfillmentStatusSchema = z.enum([
  'unfulfilled',
  'partially_fulfilled',
  'fulfilled',
  'restocked',
  'unknown',
]);
export type FulfillmentStatus = z.infer<typeof fulfillmentStatusSchema>;

export const orderTotalsSchema = z.object({
  /** Sum of line prices × quantities before discounts. */
  subtotal: moneySchema,
  /** All discounts (line and order level, shipping discounts included). */
  discounts: moneySchema,
  /** Shipping after its discounts. */
  shipping: moneySchema,
  /** All taxes. */
  tax: moneySchema,
  /** What the customer was charged. */
  total: moneySchema,
});
export type OrderTotals = z.infer<typeof orderTotalsSchema>;

export const customerReferenceSchema = z.object({
  /** The platform's customer id; null for a guest order. */
  id: z.string().nullish(),
  email: z.string().nullish(),
});
export type CustomerReference = z.infer<typeof customerReferenceSchema>;

export const orderSchema = z.object({
  id: idSchema,
  source: sourceSchema,
  currency: z.string(),
  taxesIncluded: z.boolean(),
  createdAt: timestampSchema,
  processedAt: timestampSchema.nullish(),
  cancelledAt: timestampSchema.nullish(),
  financialStatus: financialStatusSchema,
  fulfillmentStatus: fulfillmentStatusSchema,
  customer: customerReferenceSchema.nullish(),
  /** Contact e-mail of the order (also for guests). */
  email: z.string().nullish(),
  billingAddress: addressSchema.nullish(),
  shippingAddress: addressSchema.nullish(),
  tags: z.array(z.string()).default([]),
  discountCodes: z.array(z.string()).default([]),
  lines: z.array(lineItemSchema),
  shippingLines: z.array(shippingLineSchema).default([]),
  feeLines: z.array(feeLineSchema).default([]),
  fulfillments: z.array(fulfillmentSchema).default([]),
  refunds: z.array(refundSchema).default([]),
  transactions: z.array(transactionSchema).default([]),
  totals: orderTotalsSchema,
});
/** A normalized order: the same shape whatever platform it came from. */
export type Order = z.infer<typeof orderSchema>;
/** What {@link parseOrder} accepts: defaults may be left out. */
export type OrderInput = z.input<typeof orderSchema>;

export const marketingConsentSchema = z.object({
  email: z.boolean().nullish(),
  sms: z.boolean().nullish(),
});

export const customerSchema = z.object({
  id: idSchema,
  source: sourceSchema,
  /** The same person's ids on other platforms, once matched. */
  otherIds: z.array(z.object({ platform: platformSchema, id: idSchema })).default([]),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  /** BCP 47 language tag such as `tr-TR` or `en`. */
  locale: z.string().nullish(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullish(),
  tags: z.array(z.string()).default([]),
  marketingConsent: marketingConsentSchema.default({}),
  createdAt: timestampSchema.nullish(),
  defaultAddress: addressSchema.nullish(),
});
/** A normalized customer. */
export type Customer = z.infer<typeof customerSchema>;
export type CustomerInput = z.input<typeof customerSchema>;
