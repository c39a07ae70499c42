import { AftersaleError } from '../errors/aftersale-error.js';
import { allocate } from '../money/allocate.js';
import { add, type Money, multiply, subtract, sum, zero } from '../money/money.js';
import type { LineItem, Order } from './schemas.js';

/** The line with this id. @throws AftersaleError `invalid_input` when the order has no such line. */
export function getLine(order: Order, lineItemId: string): LineItem {
  const line = order.lines.find((candidate) => candidate.id === lineItemId);
  if (line === undefined) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Order ${order.source.name ?? order.id} has no line ${JSON.stringify(lineItemId)}.`,
      details: { orderId: order.id, lineItemId },
    });
  }
  return line;
}

/** Units already refunded per line id. */
export function refundedQuantities(order: Order): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const line of refund.lines) {
      quantities.set(line.lineItemId, (quantities.get(line.lineItemId) ?? 0) + line.quantity);
    }
  }
  return quantities;
}

/** Units of a line that can still be refunded: ordered minus refunded (never below zero). */
export function refundableQuantity(order: Order, lineItemId: string): number {
  const line = getLine(order, lineItemId);
  return Math.max(0, line.quantity - (refundedQuantities(order).get(lineItemId) ?? 0));
}

/** Money already refunded for a line's goods and their tax (shipping not included). */
export function refundedAmountForLine(order: Order, lineItemId: string): Money {
  getLine(order, lineItemId);
  let total = zero(order.currency);
  for (const refund of order.refunds) {
    for (const line of refund.lines) {
      if (line.lineItemId === lineItemId) total = add(total, add(line.subtotal, line.tax));
    }
  }
  return total;
}

/** Everything refunded on the order so far. */
export function totalRefunded(order: Order): Money {
  return sum(
    order.refunds.map((refund) => refund.total),
    order.currency,
  );
}

/** What can still be refunded on the order as a whole: charged total minus refunded, never below zero. */
export function remainingRefundable(order: Order): Money {
  const remaining = subtract(order.totals.total, totalRefunded(order));
  return remaining.amount < 0 ? zero(order.currency) : remaining;
}

/** Delivery facts of one line. */
export interface LineDelivery {
  /** Units delivered (from fulfilments with a delivery date). */
  deliveredQuantity: number;
  /** Units shipped. */
  shippedQuantity: number;
  /** When the first unit was delivered. */
  firstDeliveredAt: string | null;
  /** When the last unit was delivered, once every unit has been; otherwise null. */
  deliveredAt: string | null;
  /** When the last unit shipped, once every unit has; otherwise null. */
  shippedAt: string | null;
}

const later = (a: string | null, b: string | null | undefined): string | null =>
  b == null ? a : a === null || Date.parse(b) > Date.parse(a) ? b : a;
const earlier = (a: string | null, b: string | null | undefined): string | null =>
  b == null ? a : a === null || Date.parse(b) < Date.parse(a) ? b : a;

/** Delivery facts of a line, from the order's fulfilments. */
export function lineDelivery(order: Order, lineItemId: string): LineDelivery {
  const line = getLine(order, lineItemId);
  let deliveredQuantity = 0;
  let shippedQuantity = 0;
  let firstDeliveredAt: string | null = null;
  let lastDeliveredAt: string | null = null;
  let lastShippedAt: string | null = null;
  for (const fulfillment of order.fulfillments) {
    const quantity = fulfillment.lines
      .filter((entry) => entry.lineItemId === lineItemId)
      .reduce((total, entry) => total + entry.quantity, 0);
    if (quantity === 0) continue;
    shippedQuantity += quantity;
    lastShippedAt = later(lastShippedAt, fulfillment.shippedAt);
    if (fulfillment.deliveredAt != null) {
      deliveredQuantity += quantity;
      firstDeliveredAt = earlier(firstDeliveredAt, fulfillment.deliveredAt);
      lastDeliveredAt = later(lastDeliveredAt, fulfillment.deliveredAt);
    }
  }
  const all = line.quantity;
  return {
    deliveredQuantity,
    shippedQuantity,
    firstDeliveredAt,
    deliveredAt: deliveredQuantity >= all && all > 0 ? lastDeliveredAt : null,
    shippedAt: shippedQuantity >= all && all > 0 ? lastShippedAt : null,
  };
}

/** What a customer paid for a line, split into its parts. */
export interface LinePayment {
  /** Unit price × quantity, as listed (tax-inclusive when the order's prices are). */
  listed: Money;
  /** The line's own discounts. */
  lineDiscount: Money;
  /** Its share of order-level discounts. */
  orderDiscount: Money;
  /** Tax on the line, after discounts. */
  tax: Money;
  /** Paid after discounts, before tax (net). */
  net: Money;
  /** Paid in all: net + tax. */
  paid: Money;
  /** `paid` split over the units (largest remainder; the parts sum to `paid`). */
  perUnit: Money[];
}

/**
 * What the customer actually paid for a line after discounts and with tax, whether the order's
 * prices include tax or not.
 */
export function linePayment(order: Order, lineItemId: string): LinePayment {
  const line = getLine(order, lineItemId);
  const currency = order.currency;
  const listed = multiply(line.unitPrice, line.quantity);
  const lineDiscount = sum(
    line.discountAllocations.filter((d) => d.level === 'line').map((d) => d.amount),
    currency,
  );
  const orderDiscount = sum(
    line.discountAllocations.filter((d) => d.level === 'order').map((d) => d.amount),
    currency,
  );
  const tax = sum(
    line.taxLines.map((t) => t.amount),
    currency,
  );
  const afterDiscounts = subtract(subtract(listed, lineDiscount), orderDiscount);
  const net = order.taxesIncluded ? subtract(afterDiscounts, tax) : afterDiscounts;
  const paid = add(net, tax);
  const perUnit =
    line.quantity > 0
      ? allocate(
          paid,
          Array.from({ length: line.quantity }, () => 1),
        )
      : [];
  return { listed, lineDiscount, orderDiscount, tax, net, paid, perUnit };
}
