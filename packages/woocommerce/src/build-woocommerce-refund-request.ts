import {
  AftersaleError,
  add,
  allocate,
  type Money,
  type Order,
  type RefundPlan,
  sum,
  toDecimalString,
  zero,
} from '@aftersale/core';

/** The body of `POST /wc/v3/orders/{id}/refunds` as aftersale sends it. */
export interface WooCommerceRefundRequest {
  amount: string;
  reason: string;
  api_refund: boolean;
  api_restock: boolean;
  line_items: {
    id: number;
    quantity: number;
    refund_total: string;
    refund_tax: { id: number; refund_total: string }[];
  }[];
  meta_data: { key: string; value: string }[];
}

/** Splits `amount` over the weights, or gives zeros when every weight is zero. */
function split(amount: Money, weights: Money[]): Money[] {
  if (weights.every((weight) => weight.amount === 0)) {
    return weights.map((_, index) => (index === 0 ? amount : zero(amount.currency)));
  }
  return allocate(
    amount,
    weights.map((weight) => Math.max(0, weight.amount)),
  );
}

/**
 * Checks that a refund plan adds up on its own (before any order is read or any key is claimed): one
 * currency, no negative amounts or quantities, a positive total equal to the lines, their tax and
 * shipping.
 * @throws AftersaleError `invalid_input` naming every problem.
 */
export function checkRefundPlan(plan: RefundPlan): void {
  const problems: string[] = [];
  const currency = plan.currency;
  const moneys: [string, Money][] = [['total', plan.total]];
  if (plan.shipping != null) moneys.push(['shipping', plan.shipping]);
  for (const line of plan.lines) {
    moneys.push([`line ${line.lineItemId} amount`, line.amount], [`line ${line.lineItemId} tax`, line.tax]);
    if (!Number.isInteger(line.quantity) || line.quantity < 0)
      problems.push(`line ${line.lineItemId} quantity must be a whole number, 0 or more`);
  }
  for (const [name, amount] of moneys) {
    if (amount.currency !== currency) problems.push(`${name} is in ${amount.currency}, not the plan's ${currency}`);
    if (amount.amount < 0) problems.push(`${name} is negative`);
  }
  // A refund of an amount alone (a goodwill gesture) has no lines and no shipping: its total is it.
  const amountOnly = plan.lines.length === 0 && (plan.shipping ?? zero(currency)).amount === 0;
  if (problems.length === 0) {
    const expected = add(
      sum(
        plan.lines.flatMap((line) => [line.amount, line.tax]),
        currency,
      ),
      plan.shipping ?? zero(currency),
    );
    if (!amountOnly && expected.amount !== plan.total.amount) {
      problems.push(
        `total ${toDecimalString(plan.total)} is not the lines, their tax and shipping (${toDecimalString(expected)})`,
      );
    }
    if (plan.total.amount <= 0) problems.push('total must be positive');
  }
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Refund plan for order ${plan.orderId} does not add up: ${problems.join('; ')}. Fix the plan (core's computeRefund builds one that does).`,
      issues: problems.map((message) => ({ path: 'plan', message })),
    });
  }
}

/**
 * Builds WooCommerce's refund request from a plan: per line `refund_total` (net) and `refund_tax`
 * per tax rate id (the line's tax split by the order line's own rates), shipping as a refunded
 * shipping line split into net and tax, and an explicit `amount` equal to the lines (or, for a refund of
 * an amount alone, that amount with no line items). `api_refund`
 * and `api_restock` are always explicit (WooCommerce defaults both to true).
 *
 * @throws AftersaleError `invalid_input` when the plan does not add up or names a line the order lacks.
 */
export function buildWooCommerceRefundRequest(
  order: Order,
  plan: RefundPlan,
  options: { idempotencyKey: string; gatewayRefund: boolean; metaKey: string },
): WooCommerceRefundRequest {
  const currency = order.currency;
  const problems: string[] = [];
  if (plan.currency !== currency) problems.push(`plan currency ${plan.currency} is not the order's ${currency}`);
  const lines: WooCommerceRefundRequest['line_items'] = [];
  for (const planLine of plan.lines) {
    const line = order.lines.find((candidate) => candidate.id === planLine.lineItemId);
    if (line === undefined) {
      problems.push(`line ${planLine.lineItemId} is not on order ${order.id}`);
      continue;
    }
    if (planLine.amount.amount < 0 || planLine.tax.amount < 0 || planLine.quantity < 0) {
      problems.push(`line ${planLine.lineItemId} has a negative quantity or amount`);
      continue;
    }
    const rates = line.taxLines.filter((tax) => tax.rateId != null);
    if (planLine.tax.amount > 0 && rates.length === 0) {
      problems.push(`line ${planLine.lineItemId} refunds tax but the order line has no tax rate`);
      continue;
    }
    const taxes =
      rates.length === 0
        ? []
        : split(
            planLine.tax,
            rates.map((tax) => tax.amount),
          );
    lines.push({
      id: Number(line.id),
      quantity: planLine.quantity,
      refund_total: toDecimalString(planLine.amount),
      refund_tax: rates.map((tax, index) => ({
        id: Number(tax.rateId),
        refund_total: toDecimalString(taxes[index] ?? zero(currency)),
      })),
    });
  }
  const shipping = plan.shipping ?? zero(currency);
  if (shipping.amount > 0) {
    const shippingLines = order.shippingLines;
    if (shippingLines.length === 0) problems.push('the plan refunds shipping but the order has no shipping line');
    const gross = shippingLines.map((line) =>
      order.taxesIncluded
        ? line.price
        : add(
            line.price,
            sum(
              line.taxLines.map((tax) => tax.amount),
              currency,
            ),
          ),
    );
    const parts = shippingLines.length === 0 ? [] : split(shipping, gross);
    shippingLines.forEach((line, index) => {
      const part = parts[index] ?? zero(currency);
      if (part.amount === 0) return;
      const taxes = line.taxLines.filter((tax) => tax.rateId != null);
      const net = order.taxesIncluded
        ? line.price.amount -
          sum(
            taxes.map((t) => t.amount),
            currency,
          ).amount
        : line.price.amount;
      const pieces = split(part, [{ amount: net, currency }, ...taxes.map((tax) => tax.amount)]);
      lines.push({
        id: Number(line.id),
        quantity: 0,
        refund_total: toDecimalString(pieces[0] ?? zero(currency)),
        refund_tax: taxes.map((tax, taxIndex) => ({
          id: Number(tax.rateId),
          refund_total: toDecimalString(pieces[taxIndex + 1] ?? zero(currency)),
        })),
      });
    });
  }
  const linesTotal = sum(
    plan.lines.flatMap((line) => [line.amount, line.tax]),
    currency,
  );
  const expected = add(linesTotal, shipping);
  const amountOnly = plan.lines.length === 0 && shipping.amount === 0;
  if (plan.total.currency === currency && !amountOnly && expected.amount !== plan.total.amount) {
    problems.push(
      `total ${toDecimalString(plan.total)} is not the lines, their tax and shipping (${toDecimalString(expected)})`,
    );
  }
  if (plan.total.amount <= 0) problems.push('total must be positive');
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Refund plan for order ${order.id} cannot be sent to WooCommerce: ${problems.join('; ')}.`,
      issues: problems.map((message) => ({ path: 'plan', message })),
    });
  }
  const note = plan.note ?? 'Refund';
  return {
    amount: toDecimalString(plan.total),
    reason: `${note} [aftersale:${options.idempotencyKey}]`,
    api_refund: options.gatewayRefund,
    api_restock: plan.restock === true || plan.restock === 'cancel',
    line_items: lines,
    meta_data: [{ key: options.metaKey, value: options.idempotencyKey }],
  };
}
