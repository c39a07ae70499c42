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
  sum,
  type TaxLine,
  zero,
} from '@aftersale/core';
import { mapWooCommerceAddress } from './map-woocommerce-address.js';
import { mapWooCommerceRefund } from './map-woocommerce-refund.js';
import {
  type WooCommerceOrder,
  type WooCommerceRefund,
  wooCommerceOrderSchema,
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
   * Also run the result through core's `parseOrder` (zod). The mapper builds a valid order by
   * construction, so this is off by default for speed; tests turn it on. @default false
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
 * Parses a WooCommerce REST v3 order (or an order webhook body) tolerantly.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
export function parseWooCommerceOrder(input: unknown): WooCommerceOrder {
  const parsed = wooCommerceOrderSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce order' });
  return parsed.data;
}

/**
 * Parses a WooCommerce refund tolerantly.
 * @throws AftersaleError `invalid_order` naming every field that is missing or mistyped.
 */
export function parseWooCommerceRefund(input: unknown): WooCommerceRefund {
  const parsed = wooCommerceRefundSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce refund' });
  return parsed.data;
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
 * @throws AftersaleError `invalid_order` when the payload does not parse.
 */
export function mapWooCommerceOrder(input: unknown, options: MapWooCommerceOrderOptions = {}): Order {
  const order = parseWooCommerceOrder(input);
  const currency = order.currency.toUpperCase();
  const included = order.prices_include_tax;

  const rates = new Map<string, { title: string; rate: number | null }>();
  for (const taxLine of order.tax_lines) {
    rates.set(String(taxLine.rate_id), {
      title: taxLine.label ?? taxLine.rate_code ?? 'Tax',
      rate: taxLine.rate_percent == null ? null : taxLine.rate_percent / 100,
    });
  }
  // WooCommerce keeps per-line, per-rate taxes unrounded ("1.125") and rounds each rate once for the
  // whole order (`tax_lines[].tax_total` for items and fees, `shipping_tax_total` for shipping): that
  // is what was charged. Each rate's charged amount is split over the lines by their unrounded
  // shares (largest remainder), so line taxes add up to the order's tax exactly.
  type TaxEntries = readonly { id: string | number; total?: string | number | null | undefined }[];
  const none = zero(currency);
  const weightOf = (value: string | number | null | undefined): string =>
    value === null || value === undefined || value === '' ? '0' : String(value).replace(/^-/, '');
  const roundedCents = /^-?\d+(?:\.\d{1,2})?$/;
  const allocated = new Map<string, Money>();
  const spread = (rateId: string, charged: Money, owners: readonly { key: string; taxes: TaxEntries }[]): void => {
    if (charged.amount === 0) return;
    const keys: string[] = [];
    const entries: TaxEntries[number][] = [];
    for (const owner of owners) {
      for (const tax of owner.taxes) {
        if (String(tax.id) !== rateId) continue;
        keys.push(`${owner.key}|${rateId}`);
        entries.push(tax);
        break;
      }
    }
    if (entries.length === 0) return;
    // Usually WooCommerce rounded per line and the lines already add up to what was charged.
    const own: Money[] = [];
    let ownTotal = 0;
    for (const entry of entries) {
      const total = entry.total;
      if (typeof total !== 'string' || !roundedCents.test(total)) break;
      const part = wooMoney(total, currency);
      own.push(part);
      ownTotal += part.amount;
    }
    if (own.length === entries.length && ownTotal === charged.amount) {
      for (let index = 0; index < keys.length; index++) allocated.set(keys[index] as string, own[index] as Money);
      return;
    }
    const weights = entries.map((entry) => weightOf(entry.total));
    if (weights.every((weight) => Number(weight) === 0)) return;
    const parts = allocate(charged, weights);
    for (let index = 0; index < keys.length; index++) allocated.set(keys[index] as string, parts[index] ?? none);
  };
  const itemOwners: { key: string; taxes: TaxEntries }[] = [];
  for (const item of order.line_items) itemOwners.push({ key: `line:${item.id}`, taxes: item.taxes });
  for (const fee of order.fee_lines) itemOwners.push({ key: `fee:${fee.id}`, taxes: fee.taxes });
  const shippingOwners = order.shipping_lines.map((line) => ({ key: `shipping:${line.id}`, taxes: line.taxes }));
  for (const taxLine of order.tax_lines) {
    const rateId = String(taxLine.rate_id);
    spread(rateId, wooMoney(taxLine.tax_total, currency), itemOwners);
    spread(rateId, wooMoney(taxLine.shipping_tax_total, currency), shippingOwners);
  }
  const taxLinesOf = (key: string, taxes: TaxEntries, charged: Money, base: Money): TaxLine[] => {
    if (taxes.length === 0) return [];
    let amounts: (Money | undefined)[] = [];
    let complete = true;
    for (const tax of taxes) {
      const amount = allocated.get(`${key}|${String(tax.id)}`);
      if (amount === undefined) complete = false;
      amounts.push(amount);
    }
    // Without the order's per-rate totals (a partial payload), the line's own rounded tax is split.
    if (!complete) {
      amounts =
        charged.amount === 0
          ? []
          : taxes.length === 1
            ? [charged]
            : taxes.every((tax) => Number(weightOf(tax.total)) === 0)
              ? []
              : allocate(
                  charged,
                  taxes.map((tax) => weightOf(tax.total)),
                );
    }
    const result: TaxLine[] = [];
    for (let index = 0; index < taxes.length; index++) {
      const amount = amounts[index] ?? none;
      if (amount.amount === 0) continue;
      const rateId = String((taxes[index] as TaxEntries[number]).id);
      const known = rates.get(rateId);
      const rate = known?.rate ?? (base.amount > 0 ? Math.round((amount.amount / base.amount) * 10_000) / 10_000 : 0);
      result.push({ title: known?.title ?? 'Tax', rate, amount, rateId });
    }
    return result;
  };

  const couponCodes = order.coupon_lines.map((coupon) => coupon.code);
  const lines: LineItem[] = order.line_items.map((item) => {
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
    const visibleMeta = item.meta_data.filter((meta) => !meta.key.startsWith('_'));
    const properties: Record<string, string> = {};
    for (const meta of visibleMeta) {
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
      taxLines: taxLinesOf(`line:${item.id}`, item.taxes, tax, total),
      product: (productId === null
        ? undefined
        : (options.products?.get(variationId ?? productId) ?? options.products?.get(productId))) ?? {
        tags: [],
        categories: [],
      },
      giftCard: false,
      requiresShipping: true,
      properties: variationId === null ? properties : {},
    };
  });

  const shippingLines: ShippingLine[] = order.shipping_lines.map((line) => {
    const net = wooMoney(line.total, currency);
    const tax = wooMoney(line.total_tax, currency);
    return {
      id: String(line.id),
      title: line.method_title ?? line.method_id ?? 'Shipping',
      code: line.method_id ?? null,
      price: included ? add(net, tax) : net,
      discountAllocations: [],
      taxLines: taxLinesOf(`shipping:${line.id}`, line.taxes, tax, net),
    };
  });

  const feeLines: FeeLine[] = order.fee_lines.map((line) => {
    const net = wooMoney(line.total, currency);
    const tax = wooMoney(line.total_tax, currency);
    return {
      id: String(line.id),
      title: line.name ?? 'Fee',
      amount: included ? add(net, tax) : net,
      taxLines: taxLinesOf(`fee:${line.id}`, line.taxes, tax, net),
    };
  });

  const modifiedAt =
    wooTimestamp(order.date_modified_gmt, order.date_modified) ??
    wooTimestamp(order.date_created_gmt, order.date_created) ??
    new Date(0).toISOString();
  const refunds: Refund[] =
    options.refunds !== undefined
      ? options.refunds.map((refund) => mapWooCommerceRefund(parseWooCommerceRefund(refund), currency))
      : order.refunds.map((summary) => ({
          id: String(summary.id),
          platformId: String(summary.id),
          createdAt: modifiedAt,
          note: summary.reason ?? null,
          lines: [],
          shipping: null,
          total: wooMoney(String(summary.total).replace(/^-/, ''), currency),
        }));

  const status = order.status;
  let financialStatus: FinancialStatus = financialByStatus[status] ?? 'unknown';
  if (refunds.length > 0 && financialStatus === 'paid') financialStatus = 'partially_refunded';
  const completedAt = wooTimestamp(order.date_completed_gmt);
  const fulfillments: Fulfillment[] =
    status === 'completed'
      ? [
          {
            id: `${order.id}-completed`,
            status: 'completed',
            lines: lines
              .filter((line) => line.quantity > 0)
              .map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
            shippedAt: completedAt,
            deliveredAt: null,
            estimatedDeliveryAt: null,
            tracking: [],
          },
        ]
      : [];

  const paidAt = wooTimestamp(order.date_paid_gmt);
  const total = wooMoney(order.total, currency);
  const customerId = wooId(order.customer_id);
  const email = order.billing?.email || null;
  const discounts = sum(
    lines.flatMap((line) => line.discountAllocations.map((allocation) => allocation.amount)),
    currency,
  );
  const subtotal = sum(
    lines.map((line) => times(line.unitPrice, line.quantity)),
    currency,
  );
  const shipping = sum(
    shippingLines.map((line) => line.price),
    currency,
  );

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
  return options.validate === true ? parseOrder(mapped) : mapped;
}
