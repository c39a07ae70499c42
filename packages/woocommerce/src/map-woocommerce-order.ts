import {
  add,
  aftersaleErrorFromZod,
  allocate,
  type DiscountAllocation,
  divideRounded,
  type FeeLine,
  type FinancialStatus,
  type Fulfillment,
  type FulfillmentStatus,
  type LineItem,
  type Money,
  money,
  multiply,
  type Order,
  type ProductFacts,
  parseOrder,
  type Refund,
  type ShippingLine,
  subtract,
  type TaxLine,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import { mapWooCommerceAddress } from './map-woocommerce-address.js';
import { mapWooCommerceRefund } from './map-woocommerce-refund.js';
import {
  type WooCommerceOrder,
  type WooCommerceRefund,
  wooCommerceOrderCheckSchema,
  wooCommerceOrderSchema,
  wooCommerceRefundCheckSchema,
  wooCommerceRefundSchema,
} from './woocommerce-schemas.js';
import { wooId, wooMoney, wooTimestamp } from './woocommerce-values.js';

/** What {@link mapWooCommerceOrder} may be given beside the order. */
export interface MapWooCommerceOrderOptions {
  /**
   * The order's full refunds (`GET /orders/{id}/refunds`). Without them the order's refund summaries
   * are used: totals only, no lines, and the order's last modification time as the refund time.
   */
  refunds?: readonly unknown[];
  /** Product facts (tags, categories) by WooCommerce product id, for policy scopes. */
  products?: ReadonlyMap<string, ProductFacts>;
  /**
   * Always run the result through core's `parseOrder` (zod). The mapper builds a valid order by
   * construction and checks cheaply what construction cannot settle (an order failing that goes
   * through `parseOrder` anyway), so this is off by default for speed; tests turn it on.
   * @default false
   */
  validate?: boolean;
}

const financialByStatus: Record<string, FinancialStatus> = {
  pending: 'pending',
  'checkout-draft': 'pending',
  'on-hold': 'pending',
  processing: 'paid',
  completed: 'paid',
  refunded: 'refunded',
  cancelled: 'voided',
  failed: 'voided',
};

const fulfillmentByStatus: Record<string, FulfillmentStatus> = {
  pending: 'unfulfilled',
  'checkout-draft': 'unfulfilled',
  'on-hold': 'unfulfilled',
  processing: 'unfulfilled',
  completed: 'fulfilled',
};

/** price × quantity; core's `multiply` (BigInt, overflow-checked) only when the product is not a safe integer. */
function times(price: Money, quantity: number): Money {
  const amount = price.amount * quantity;
  return Number.isSafeInteger(amount) ? { amount, currency: price.currency } : multiply(price, quantity);
}

/**
 * The order and refund schemas with zod's ahead-of-time compiled fast path, built once: a sync parses
 * thousands of orders. A valid payload takes the compiled path; an invalid one falls back to the
 * regular parser, so the issues reported are the same. (Where `new Function` is not allowed, zod hands
 * the schema back uncompiled.) The check-only twins are what the mapper checks payloads with.
 */
const compiledOrderSchema = z.compile(wooCommerceOrderSchema);
const compiledRefundSchema = z.compile(wooCommerceRefundSchema);
const compiledOrderCheckSchema = z.compile(wooCommerceOrderCheckSchema);
const compiledRefundCheckSchema = z.compile(wooCommerceRefundCheckSchema);

/**
 * A WooCommerce order as validated by {@link wooCommerceOrderSchema} but not copied by it: the lists
 * it defaults to empty may be missing.
 */
type WooCommerceOrderPayload = z.input<typeof wooCommerceOrderSchema>;

/** Nothing, for lists a payload may leave out. */
const noItems: readonly never[] = [];

/**
 * Validates a WooCommerce order without copying it: a payload with every list present passes the
 * check-only schema (zod's `validate`, which builds nothing), and the mapper reads only the fields it
 * checks. Any other payload is parsed by the tolerant schema, which fills the defaults or names the
 * issues.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
function checkWooCommerceOrder(input: unknown): WooCommerceOrderPayload {
  if (compiledOrderCheckSchema.validate(input)) return input;
  return parseWooCommerceOrder(input);
}

/**
 * Validates a WooCommerce refund without copying it, as {@link checkWooCommerceOrder} does an order.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
function checkWooCommerceRefund(input: unknown): WooCommerceRefund {
  if (compiledRefundCheckSchema.validate(input)) return input;
  return parseWooCommerceRefund(input);
}

/**
 * Parses a WooCommerce REST v3 order (or an order webhook body) tolerantly.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
export function parseWooCommerceOrder(input: unknown): WooCommerceOrder {
  const parsed = compiledOrderSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce order' });
  return parsed.data;
}

/**
 * Parses a WooCommerce refund tolerantly.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
export function parseWooCommerceRefund(input: unknown): WooCommerceRefund {
  const parsed = compiledRefundSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce refund' });
  return parsed.data;
}

/** A line's, fee's or shipping line's taxes: one entry per WooCommerce tax rate. */
type TaxEntries = readonly { id: string | number; total?: string | number | null | undefined }[];
type TaxEntry = TaxEntries[number];

/** What the tax helpers share while one order is mapped. */
interface TaxContext {
  readonly currency: string;
  readonly none: Money;
  /** The order's tax rates by rate id, from its `tax_lines`: title and rate (a fraction). */
  readonly rates: Map<string, { title: string; rate: number | null }>;
  /**
   * Each owner's share of each rate's charged tax, by the owner's (first) tax entry for the rate: an
   * owner is a line item, a fee line or a shipping line.
   */
  readonly allocated: Map<TaxEntry, Money>;
}

/** A tax amount WooCommerce already rounded to cents. */
const roundedCents = /^-?\d+(?:\.\d{1,2})?$/;

/** The same pattern as core's `timestampSchema`: ISO 8601 with seconds and `Z` or an offset. */
const timestampPattern = z.regexes.datetime({ offset: true });

/** The number `count` decimal digits at `start` spell, or -1 when one is not a digit. */
function digitsAt(value: string, start: number, count: number): number {
  let result = 0;
  for (let index = start; index < start + count; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/**
 * Whether a timestamp is one core's order schema accepts (null is: those fields may be null).
 * WooCommerce's own form as `wooTimestamp` gives it (`2026-01-01T08:00:00Z`, days 1 to 28, which
 * every month has) is read digit by digit; anything else is left to the schema's pattern.
 */
function soundTimestamp(value: string | null | undefined): boolean {
  if (value == null) return true;
  if (
    value.length === 20 &&
    value.charCodeAt(4) === 45 && // -
    value.charCodeAt(7) === 45 &&
    value.charCodeAt(10) === 84 && // T
    value.charCodeAt(13) === 58 && // :
    value.charCodeAt(16) === 58 &&
    value.charCodeAt(19) === 90 && // Z
    digitsAt(value, 0, 4) >= 0
  ) {
    const month = digitsAt(value, 5, 2);
    const day = digitsAt(value, 8, 2);
    const hour = digitsAt(value, 11, 2);
    const minute = digitsAt(value, 14, 2);
    const second = digitsAt(value, 17, 2);
    if (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 28 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    )
      return true;
  }
  return timestampPattern.test(value);
}

/** A decimal without its leading minus sign. */
function unsigned(value: string | number): string {
  const text = String(value);
  return text.charCodeAt(0) === 45 ? text.slice(1) : text;
}

/** A tax amount as an allocation weight: its magnitude, `'0'` when there is none. */
function weightOf(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '0' : unsigned(value);
}

/** The allocation weights of tax entries, or null when they are all zero (nothing to split by). */
function weightsOf(entries: readonly TaxEntry[]): string[] | null {
  const weights: string[] = [];
  let any = false;
  for (const entry of entries) {
    const weight = weightOf(entry.total);
    if (Number(weight) !== 0) any = true;
    weights.push(weight);
  }
  return any ? weights : null;
}

/** Adds to `entries` each owner's first tax entry for `rateId`. */
function collectRate(owners: readonly { taxes?: TaxEntries | undefined }[], rateId: string, entries: TaxEntry[]): void {
  for (const owner of owners) {
    for (const tax of owner.taxes ?? noItems) {
      if (String(tax.id) !== rateId) continue;
      entries.push(tax);
      break;
    }
  }
}

/** Splits one rate's charged tax over the entries collected for it (see {@link mapWooCommerceOrder}). */
function spread(context: TaxContext, charged: Money, entries: readonly TaxEntry[]): void {
  if (entries.length === 0) return;
  // Usually WooCommerce rounded per line and the lines already add up to what was charged.
  const own: Money[] = [];
  let ownTotal = 0;
  for (const entry of entries) {
    const total = entry.total;
    if (typeof total !== 'string' || !roundedCents.test(total)) break;
    const part = wooMoney(total, context.currency);
    own.push(part);
    ownTotal += part.amount;
  }
  if (own.length === entries.length && ownTotal === charged.amount) {
    for (let index = 0; index < entries.length; index++)
      context.allocated.set(entries[index] as TaxEntry, own[index] as Money);
    return;
  }
  const weights = weightsOf(entries);
  if (weights === null) return;
  const parts = allocate(charged, weights);
  for (let index = 0; index < entries.length; index++)
    context.allocated.set(entries[index] as TaxEntry, parts[index] ?? context.none);
}

/** An owner's share of the rate of its tax entry `index`: the share of its first entry for that rate. */
function shareOf(context: TaxContext, taxes: TaxEntries, index: number): Money | undefined {
  const tax = taxes[index] as TaxEntry;
  const share = context.allocated.get(tax);
  if (share !== undefined || index === 0) return share;
  const rateId = String(tax.id);
  for (let earlier = 0; earlier < index; earlier++) {
    const other = taxes[earlier] as TaxEntry;
    if (String(other.id) === rateId) return context.allocated.get(other);
  }
  return undefined;
}

/** The tax lines of one owner: its shares of the rates, or its own tax split by weight. */
function taxLinesOf(context: TaxContext, taxes: TaxEntries, charged: Money, base: Money): TaxLine[] {
  if (taxes.length === 0) return [];
  let amounts: readonly (Money | undefined)[] = [];
  let complete = context.allocated.size > 0;
  if (complete) {
    const found: (Money | undefined)[] = [];
    for (let index = 0; index < taxes.length; index++) {
      const amount = shareOf(context, taxes, index);
      if (amount === undefined) complete = false;
      found.push(amount);
    }
    amounts = found;
  }
  // Without the order's per-rate totals (a partial payload), the line's own rounded tax is split.
  if (!complete) {
    if (charged.amount === 0) amounts = [];
    else if (taxes.length === 1) amounts = [charged];
    else {
      const weights = weightsOf(taxes);
      amounts = weights === null ? [] : allocate(charged, weights);
    }
  }
  const result: TaxLine[] = [];
  for (let index = 0; index < taxes.length; index++) {
    const amount = amounts[index] ?? context.none;
    if (amount.amount === 0) continue;
    const rateId = String((taxes[index] as TaxEntry).id);
    const known = context.rates.get(rateId);
    const rate = known?.rate ?? (base.amount > 0 ? Math.round((amount.amount / base.amount) * 10_000) / 10_000 : 0);
    result.push({ title: known?.title ?? 'Tax', rate, amount, rateId });
  }
  return result;
}

/** One line item (see {@link mapWooCommerceOrder}). */
function mapLineItem(
  item: NonNullable<WooCommerceOrderPayload['line_items']>[number],
  context: TaxContext,
  included: boolean,
  couponCodes: readonly string[],
  products: ReadonlyMap<string, ProductFacts> | undefined,
): LineItem {
  const currency = context.currency;
  const quantity = Math.max(0, Math.trunc(item.quantity));
  const subtotal = wooMoney(item.subtotal, currency);
  const total = wooMoney(item.total, currency);
  const tax = wooMoney(item.total_tax, currency);
  const listed = included ? add(subtotal, wooMoney(item.subtotal_tax, currency)) : subtotal;
  const paidBeforeTax = included ? add(total, tax) : total;
  // A subtotal that does not divide by the quantity is rounded up per unit, so the difference
  // stays a (tiny) non-negative discount and the line still adds up exactly.
  const unitPrice =
    quantity === 0
      ? listed
      : listed.amount % quantity === 0
        ? { amount: listed.amount / quantity, currency }
        : money(divideRounded(BigInt(listed.amount), BigInt(quantity), 'ceil'), currency);
  const discount = subtract(times(unitPrice, quantity), paidBeforeTax);
  const discountAllocations: DiscountAllocation[] =
    discount.amount === 0
      ? []
      : [
          {
            amount: discount,
            level: 'order',
            code: couponCodes.length === 1 ? (couponCodes[0] ?? null) : null,
            title: couponCodes.length > 0 ? couponCodes.join(', ') : null,
          },
        ];
  const variationId = wooId(item.variation_id);
  const properties: Record<string, string> = {};
  for (const meta of item.meta_data ?? noItems) {
    if (meta.key.charCodeAt(0) === 95) continue; // `_…` keys are WooCommerce's own
    const value = meta.display_value ?? meta.value;
    if (typeof value === 'string' || typeof value === 'number')
      properties[meta.display_key ?? meta.key] = String(value);
  }
  const productId = wooId(item.product_id);
  return {
    id: String(item.id),
    productId,
    variantId: variationId,
    sku: item.sku === '' ? null : (item.sku ?? null),
    title: item.name,
    variantTitle: variationId === null ? null : Object.values(properties).join(' / ') || null,
    quantity,
    unitPrice,
    discountAllocations,
    taxLines: taxLinesOf(context, item.taxes ?? noItems, tax, total),
    product: (productId === null
      ? undefined
      : (products?.get(variationId ?? productId) ?? products?.get(productId))) ?? {
      tags: [],
      categories: [],
    },
    giftCard: false,
    requiresShipping: true,
    properties: variationId === null ? properties : {},
  };
}

/**
 * What core's order schema checks and the mapper cannot guarantee by construction: ids that are not
 * empty, timestamps in ISO 8601 with an offset, tax rates that are not negative, unique line ids,
 * refund lines that name a line of the order and whole refunded quantities. (Money is exact safe
 * integers in the order's currency by construction: `wooMoney` and core's arithmetic refuse anything
 * else, and an unknown currency fails at the first amount.)
 */
function soundOrder(order: Order): boolean {
  if (order.id === '' || !soundTimestamp(order.createdAt)) return false;
  if (!soundTimestamp(order.processedAt) || !soundTimestamp(order.cancelledAt)) return false;
  const lines = order.lines;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as LineItem;
    if (line.id === '') return false;
    for (let other = 0; other < index; other++) if ((lines[other] as LineItem).id === line.id) return false;
    for (const taxLine of line.taxLines) if (!(taxLine.rate >= 0)) return false;
  }
  for (const line of order.shippingLines) {
    if (line.id === '') return false;
    for (const taxLine of line.taxLines) if (!(taxLine.rate >= 0)) return false;
  }
  for (const line of order.feeLines) {
    if (line.id === '') return false;
    for (const taxLine of line.taxLines) if (!(taxLine.rate >= 0)) return false;
  }
  for (const fulfillment of order.fulfillments) if (!soundTimestamp(fulfillment.shippedAt)) return false;
  for (const transaction of order.transactions) {
    if (transaction.createdAt !== order.processedAt && !soundTimestamp(transaction.createdAt)) return false;
  }
  for (const refund of order.refunds) {
    if (refund.id === '' || !soundTimestamp(refund.createdAt)) return false;
    for (const line of refund.lines) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) return false;
      if (!lines.some((orderLine) => orderLine.id === line.lineItemId)) return false;
    }
  }
  return true;
}

/**
 * Maps a WooCommerce order to core's normalized `Order`, money exact in minor units.
 *
 * - Line `unitPrice` is the line subtotal over its quantity, tax included when the order's
 *   `prices_include_tax` is true (WooCommerce's own line amounts are always net). The unrounded
 *   JSON-number `price` is never used for money.
 * - Coupon discounts (subtotal minus total) are order-level discount allocations.
 * - Taxes are kept per WooCommerce tax rate id.
 * - A guest order (customer id 0) has a customer reference with no id and the billing e-mail.
 * - The raw WooCommerce status is kept in `source.rawStatus.order`.
 *
 * The payload is validated (zod, compiled once); the result is an order core's `parseOrder` accepts:
 * money is exact by construction, and the few things the payload's types do not settle (empty ids,
 * timestamps, negative tax rates, duplicate lines, refund lines naming no line) are checked, an order
 * failing them going through `parseOrder`, which names every problem.
 *
 * @throws AftersaleError `invalid_order` when the payload does not parse or maps to an invalid order.
 */
export function mapWooCommerceOrder(input: unknown, options: MapWooCommerceOrderOptions = {}): Order {
  const order = checkWooCommerceOrder(input);
  const currency = order.currency.toUpperCase();
  const included = order.prices_include_tax ?? false;
  const taxLines = order.tax_lines ?? noItems;
  const lineItems = order.line_items ?? noItems;
  const shippingItems = order.shipping_lines ?? noItems;
  const feeItems = order.fee_lines ?? noItems;
  const context: TaxContext = { currency, none: zero(currency), rates: new Map(), allocated: new Map() };

  for (const taxLine of taxLines) {
    context.rates.set(String(taxLine.rate_id), {
      title: taxLine.label ?? taxLine.rate_code ?? 'Tax',
      rate: taxLine.rate_percent == null ? null : taxLine.rate_percent / 100,
    });
  }
  // WooCommerce keeps per-line, per-rate taxes unrounded ("1.125") and rounds each rate once for the
  // whole order (`tax_lines[].tax_total` for items and fees, `shipping_tax_total` for shipping): that
  // is what was charged. Each rate's charged amount is split over the lines by their unrounded
  // shares (largest remainder), so line taxes add up to the order's tax exactly.
  for (const taxLine of taxLines) {
    const rateId = String(taxLine.rate_id);
    const items = wooMoney(taxLine.tax_total, currency);
    if (items.amount !== 0) {
      const entries: TaxEntry[] = [];
      collectRate(lineItems, rateId, entries);
      collectRate(feeItems, rateId, entries);
      spread(context, items, entries);
    }
    const shipping = wooMoney(taxLine.shipping_tax_total, currency);
    if (shipping.amount !== 0) {
      const entries: TaxEntry[] = [];
      collectRate(shippingItems, rateId, entries);
      spread(context, shipping, entries);
    }
  }

  const couponCodes: string[] = [];
  for (const coupon of order.coupon_lines ?? noItems) couponCodes.push(coupon.code);
  const lines: LineItem[] = [];
  for (const item of lineItems) lines.push(mapLineItem(item, context, included, couponCodes, options.products));

  const shippingLines: ShippingLine[] = [];
  for (const line of shippingItems) {
    const net = wooMoney(line.total, currency);
    const tax = wooMoney(line.total_tax, currency);
    shippingLines.push({
      id: String(line.id),
      title: line.method_title ?? line.method_id ?? 'Shipping',
      code: line.method_id ?? null,
      price: included ? add(net, tax) : net,
      discountAllocations: [],
      taxLines: taxLinesOf(context, line.taxes ?? noItems, tax, net),
    });
  }

  const feeLines: FeeLine[] = [];
  for (const line of feeItems) {
    const net = wooMoney(line.total, currency);
    const tax = wooMoney(line.total_tax, currency);
    feeLines.push({
      id: String(line.id),
      title: line.name ?? 'Fee',
      amount: included ? add(net, tax) : net,
      taxLines: taxLinesOf(context, line.taxes ?? noItems, tax, net),
    });
  }

  const modifiedAt =
    wooTimestamp(order.date_modified_gmt, order.date_modified) ??
    wooTimestamp(order.date_created_gmt, order.date_created) ??
    new Date(0).toISOString();
  const refunds: Refund[] = [];
  if (options.refunds !== undefined) {
    for (const refund of options.refunds) refunds.push(mapWooCommerceRefund(checkWooCommerceRefund(refund), currency));
  } else {
    for (const summary of order.refunds ?? noItems) {
      refunds.push({
        id: String(summary.id),
        platformId: String(summary.id),
        createdAt: modifiedAt,
        note: summary.reason ?? null,
        lines: [],
        shipping: null,
        total: wooMoney(unsigned(summary.total), currency),
      });
    }
  }

  const status = order.status;
  let financialStatus: FinancialStatus = financialByStatus[status] ?? 'unknown';
  if (refunds.length > 0 && financialStatus === 'paid') financialStatus = 'partially_refunded';
  const completedAt = wooTimestamp(order.date_completed_gmt);
  const fulfillments: Fulfillment[] = [];
  if (status === 'completed') {
    const fulfilled: { lineItemId: string; quantity: number }[] = [];
    for (const line of lines) if (line.quantity > 0) fulfilled.push({ lineItemId: line.id, quantity: line.quantity });
    fulfillments.push({
      id: `${order.id}-completed`,
      status: 'completed',
      lines: fulfilled,
      shippedAt: completedAt,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      tracking: [],
    });
  }

  const paidAt = wooTimestamp(order.date_paid_gmt);
  const total = wooMoney(order.total, currency);
  const customerId = wooId(order.customer_id);
  const email = order.billing?.email || null;
  let discounts = zero(currency);
  let subtotal = zero(currency);
  for (const line of lines) {
    for (const allocation of line.discountAllocations) discounts = add(discounts, allocation.amount);
  }
  for (const line of lines) subtotal = add(subtotal, times(line.unitPrice, line.quantity));
  let shipping = zero(currency);
  for (const line of shippingLines) shipping = add(shipping, line.price);

  const mapped: Order = {
    id: String(order.id),
    source: {
      platform: 'woocommerce',
      id: String(order.id),
      name: order.number == null ? String(order.id) : String(order.number),
      rawStatus: { order: status },
    },
    currency,
    taxesIncluded: included,
    createdAt: wooTimestamp(order.date_created_gmt, order.date_created) ?? modifiedAt,
    processedAt: paidAt,
    cancelledAt: status === 'cancelled' ? modifiedAt : null,
    financialStatus,
    fulfillmentStatus: fulfillmentByStatus[status] ?? 'unknown',
    customer: { id: customerId, email },
    email,
    billingAddress: order.billing ? mapWooCommerceAddress(order.billing) : null,
    shippingAddress: order.shipping ? mapWooCommerceAddress(order.shipping) : null,
    tags: [],
    discountCodes: couponCodes,
    lines,
    shippingLines,
    feeLines,
    fulfillments,
    refunds,
    transactions:
      paidAt === null
        ? []
        : [
            {
              id: `${order.id}-payment`,
              kind: 'sale',
              status: 'success',
              gateway: order.payment_method || null,
              amount: total,
              createdAt: paidAt,
              parentId: null,
              giftCard: false,
            },
          ],
    totals: {
      subtotal,
      discounts,
      shipping: shipping.amount === 0 ? zero(currency) : shipping,
      tax: wooMoney(order.total_tax, currency),
      total,
    },
  };
  return options.validate === true || !soundOrder(mapped) ? parseOrder(mapped) : mapped;
}
