import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { refundedAmountForLine, refundedQuantities, remainingRefundable } from '../model/order-helpers.js';
import type { LineItem, Order } from '../model/schemas.js';
import { allocate } from '../money/allocate.js';
import { getCurrency, isCurrencyCode } from '../money/currency.js';
import {
  add,
  checkAmount,
  type Money,
  minimum,
  money,
  moneySchema,
  multiply,
  sameCurrency,
  subtract,
  sum,
  zero,
} from '../money/money.js';
import { divideRounded, type RoundingMode } from '../money/rounding.js';
import type { RefundPlan, RefundPlanLine } from '../spec/commerce-adapter.js';
import { unitsShare, unitsShareOf } from './units-share.js';

/** How outbound (delivery) shipping is refunded. */
export const shippingRefundModes = ['none', 'remaining', 'proportional'] as const;
/**
 * - `none`: not refunded;
 * - `remaining`: whatever of the shipping paid has not been refunded yet (a full withdrawal);
 * - `proportional`: the shipping paid × the share of the goods' value being refunded, capped at what remains.
 */
export type ShippingRefundMode = (typeof shippingRefundModes)[number];

/** A fee or deduction taken off a refund (return shipping, restocking, diminished value). */
export interface RefundDeduction {
  /** What it is: `return_shipping`, `restocking`, `diminished_value`, or a code of your own. */
  code: string;
  /** The policy rule that charged it, when a policy did. */
  ruleId?: string | null;
  /** The line it belongs to; null for the whole return. */
  lineItemId?: string | null;
  /** The amount taken off, tax included (positive). */
  amount: Money;
  /** The tax inside `amount` (positive; zero when the fee carries no tax). */
  tax: Money;
}

const deductionSchema = z.object({
  code: z.string().min(1),
  ruleId: z.string().nullish(),
  lineItemId: z.string().nullish(),
  amount: moneySchema.refine((value) => value.amount >= 0, 'must not be negative'),
  tax: moneySchema.refine((value) => value.amount >= 0, 'must not be negative'),
});

/** What to refund: which units of which lines, shipping, deductions. */
export const refundSelectionSchema = z.object({
  lines: z
    .array(z.object({ lineItemId: z.string().min(1), quantity: z.number().int().positive() }))
    .refine((lines) => new Set(lines.map((line) => line.lineItemId)).size === lines.length, {
      message: 'each line may appear once; add the quantities together',
    }),
  /** @default 'none' */
  shipping: z.enum(shippingRefundModes).default('none'),
  deductions: z.array(deductionSchema).default([]),
});
/** What to refund; see {@link computeRefund}. */
export type RefundSelection = z.input<typeof refundSelectionSchema>;
type ParsedSelection = z.output<typeof refundSelectionSchema>;
/** A refund selection that passed {@link refundSelectionSchema}, its defaults filled in. */
export interface ValidRefundSelection {
  lines: readonly { lineItemId: string; quantity: number }[];
  shipping: ShippingRefundMode;
  deductions: ParsedSelection['deductions'];
}

// A selection built in code (as evaluateReturn builds its own) is checked here without the schema
// machinery: only what the schema accepts passes, and it gives the same data. Anything else goes
// through the schema, which also writes the errors.
/** An object as the schemas take one (any object but an array). */
const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isMoney = (value: unknown, minimum: number): value is Money =>
  isObject(value) &&
  typeof (value as Money).amount === 'number' &&
  Number.isSafeInteger((value as Money).amount) &&
  (value as Money).amount >= minimum &&
  isCurrencyCode((value as Money).currency);
const optionalText = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

function quickSelection(selection: RefundSelection): ParsedSelection | null {
  if (!isObject(selection) || !Array.isArray(selection.lines)) return null;
  const shipping = selection.shipping === undefined ? 'none' : selection.shipping;
  if (!(shippingRefundModes as readonly unknown[]).includes(shipping)) return null;
  const lines: ParsedSelection['lines'] = [];
  const ids = new Set<string>();
  for (const line of selection.lines as unknown[]) {
    if (!isObject(line)) return null;
    const { lineItemId, quantity } = line as { lineItemId: unknown; quantity: unknown };
    if (typeof lineItemId !== 'string' || lineItemId.length === 0 || ids.has(lineItemId)) return null;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) return null;
    ids.add(lineItemId);
    lines.push({ lineItemId, quantity });
  }
  const deductions: ParsedSelection['deductions'] = [];
  if (selection.deductions !== undefined) {
    if (!Array.isArray(selection.deductions)) return null;
    for (const deduction of selection.deductions as unknown[]) {
      if (!isObject(deduction)) return null;
      const { code, ruleId, lineItemId, amount, tax } = deduction as Record<string, unknown>;
      if (typeof code !== 'string' || code.length === 0 || !optionalText(ruleId) || !optionalText(lineItemId))
        return null;
      if (!isMoney(amount, 0) || !isMoney(tax, 0)) return null;
      const parsed: ParsedSelection['deductions'][number] = {
        code,
        amount: { amount: amount.amount, currency: amount.currency },
        tax: { amount: tax.amount, currency: tax.currency },
      };
      if (ruleId !== undefined) parsed.ruleId = ruleId as string | null;
      if (lineItemId !== undefined) parsed.lineItemId = lineItemId as string | null;
      deductions.push(parsed);
    }
  }
  return { lines, shipping: shipping as ShippingRefundMode, deductions };
}

/** Options of {@link computeRefund}. */
export interface ComputeRefundOptions {
  /** Rounding of proportional shares (shipping, its tax). @default 'half-up' */
  rounding?: RoundingMode;
  /**
   * How the refund is split between the payments of a partly gift-card-paid order. Money paid by
   * gift card never goes back to a card, whatever is chosen. @default 'proportional'
   */
  tenderOrder?: 'proportional' | 'original_payment_first' | 'gift_card_first';
}

/** One tax of a refunded line. */
export interface RefundTax {
  title: string;
  rate: number;
  amount: Money;
}

/** The refund of one line: the adapter spec's `RefundPlanLine` with every part shown. */
export interface DetailedRefundPlanLine extends RefundPlanLine {
  /** Price of one unit before discounts (tax-inclusive when the order's prices are). */
  unitPrice: Money;
  /** `unitPrice × quantity`. */
  listed: Money;
  /** The refunded units' share of the line's own discounts. */
  lineDiscount: Money;
  /** The refunded units' share of order-level discounts. */
  orderDiscount: Money;
  /** Goods after discounts, before tax. */
  amount: Money;
  /** The refunded units' share of each tax of the line. */
  taxes: RefundTax[];
  /** Sum of `taxes`. */
  tax: Money;
  /** `amount + tax`: what the units cost the customer. */
  total: Money;
  /** How much was cut so the line never returns more than was paid for it minus earlier refunds; zero normally. */
  capped: Money;
}

/** Where the money goes back to. */
export interface RefundTender {
  /** `original_payment`: the card or account that paid; `gift_card`: back onto a gift card, never to a card. */
  kind: 'original_payment' | 'gift_card';
  /** The payment gateway, when the order's transactions say. */
  gateway: string | null;
  amount: Money;
}

/** A correction made to stay within what may be refunded. */
export interface RefundAdjustment {
  code: 'line_cap' | 'order_cap' | 'deduction_cap' | 'unassigned_tender';
  lineItemId: string | null;
  amount: Money;
}

/**
 * A computed refund: previewable data, nothing has moved. It is the adapter spec's `RefundPlan`
 * (pass it to `createRefund` as it is) with every part shown.
 */
export interface DetailedRefundPlan extends RefundPlan {
  lines: DetailedRefundPlanLine[];
  /** Outbound shipping refunded, tax included. */
  shipping: Money;
  /** The tax inside `shipping`. */
  shippingTax: Money;
  shippingMode: ShippingRefundMode;
  deductions: RefundDeduction[];
  /** Σ line amounts (goods, before tax). */
  subtotal: Money;
  /** Σ line taxes + shipping tax − the tax inside deductions. */
  tax: Money;
  /** Σ line totals. */
  goods: Money;
  /** Σ deduction amounts. */
  deductionsTotal: Money;
  /** What the customer gets back: goods + shipping − deductions, never below zero. */
  total: Money;
  tenders: RefundTender[];
  /** What could be refunded on the order before this refund, and after it. */
  remaining: { before: Money; after: Money };
  adjustments: RefundAdjustment[];
}

const noRefunds: ReadonlyMap<string, number> = new Map();

/** `sum` of one money field of each item as minor units, with the same checks, making no Money. */
function checkedSum<K extends string>(items: readonly { [key in K]: Money }[], key: K, currency: string): number {
  let total = 0;
  for (const item of items) {
    sameCurrency(currency, item[key].currency, 'add');
    total = checkAmount(total + item[key].amount, currency);
  }
  return total;
}

/** `sum` of one money field of each item: the same checks, one Money at the end. */
function sumOf<K extends string>(items: readonly { [key in K]: Money }[], key: K, currency: string): Money {
  getCurrency(currency);
  return { amount: checkedSum(items, key, currency), currency };
}

function lineById(order: Order, lineItemId: string): LineItem {
  for (const line of order.lines) if (line.id === lineItemId) return line;
  throw new AftersaleError({
    code: 'unknown_line_item',
    message: `Order ${order.source.name ?? order.id} has no line ${JSON.stringify(lineItemId)}; use an id from order.lines.`,
    details: { orderId: order.id, lineItemId },
  });
}

/**
 * What the customer paid for a line after discounts, with tax: `linePayment(order, id).paid`
 * without the split over units, which refunds do not need.
 */
function linePaid(order: Order, line: LineItem): Money {
  const currency = order.currency;
  const listed = multiply(line.unitPrice, line.quantity);
  // The sums and differences of `linePayment`, on minor units, with the same checks in the same order.
  getCurrency(currency);
  let lineDiscount = 0;
  for (const allocation of line.discountAllocations) {
    if (allocation.level !== 'line') continue;
    sameCurrency(currency, allocation.amount.currency, 'add');
    lineDiscount = checkAmount(lineDiscount + allocation.amount.amount, currency);
  }
  let orderDiscount = 0;
  for (const allocation of line.discountAllocations) {
    if (allocation.level !== 'order') continue;
    sameCurrency(currency, allocation.amount.currency, 'add');
    orderDiscount = checkAmount(orderDiscount + allocation.amount.amount, currency);
  }
  let tax = 0;
  for (const taxLine of line.taxLines) {
    sameCurrency(currency, taxLine.amount.currency, 'add');
    tax = checkAmount(tax + taxLine.amount.amount, currency);
  }
  const listedCurrency = listed.currency;
  sameCurrency(listedCurrency, currency, 'subtract');
  let net = checkAmount(listed.amount - lineDiscount, listedCurrency);
  sameCurrency(listedCurrency, currency, 'subtract');
  net = checkAmount(net - orderDiscount, listedCurrency);
  if (order.taxesIncluded) {
    sameCurrency(listedCurrency, currency, 'subtract');
    net = checkAmount(net - tax, listedCurrency);
  }
  sameCurrency(listedCurrency, currency, 'add');
  return { amount: checkAmount(net + tax, listedCurrency), currency: listedCurrency };
}

/**
 * The refund of `quantity` units of a line, the units taken after those already refunded: each part
 * (listed price, the line's discount, its share of order discounts, each tax) is split over the
 * line's units by largest remainder, and this refund gets the parts of its own units, so partial
 * refunds add up to the line exactly.
 */
function planLine(order: Order, line: LineItem, quantity: number, alreadyRefunded: number): DetailedRefundPlanLine {
  const currency = order.currency;
  const start = Math.min(alreadyRefunded, line.quantity);
  const listed = multiply(line.unitPrice, quantity);
  // The sums and differences run on minor units, with the checks `add` and `subtract` make, in
  // the same order; Money is made for what the plan shows.
  getCurrency(currency);
  let lineDiscountTotal = 0;
  let orderDiscountTotal = 0;
  for (const allocation of line.discountAllocations) {
    sameCurrency(currency, allocation.amount.currency, 'add');
    if (allocation.level === 'line')
      lineDiscountTotal = checkAmount(lineDiscountTotal + allocation.amount.amount, currency);
    else orderDiscountTotal = checkAmount(orderDiscountTotal + allocation.amount.amount, currency);
  }
  const lineDiscount = unitsShareOf(lineDiscountTotal, currency, line.quantity, start, quantity);
  const orderDiscount = unitsShareOf(orderDiscountTotal, currency, line.quantity, start, quantity);
  const taxes: RefundTax[] = line.taxLines.map((taxLine) => ({
    title: taxLine.title,
    rate: taxLine.rate,
    amount: unitsShare(taxLine.amount, line.quantity, start, quantity),
  }));
  let taxAmount = 0;
  for (const entry of taxes) {
    sameCurrency(currency, entry.amount.currency, 'add');
    taxAmount = checkAmount(taxAmount + entry.amount.amount, currency);
  }
  const tax: Money = { amount: taxAmount, currency };
  const inCurrency = listed.currency;
  sameCurrency(inCurrency, lineDiscount.currency, 'subtract');
  let subtotal = checkAmount(listed.amount - lineDiscount.amount, inCurrency);
  sameCurrency(inCurrency, orderDiscount.currency, 'subtract');
  subtotal = checkAmount(subtotal - orderDiscount.amount, inCurrency);
  if (order.taxesIncluded) {
    sameCurrency(inCurrency, currency, 'subtract');
    subtotal = checkAmount(subtotal - taxAmount, inCurrency);
  }
  sameCurrency(inCurrency, currency, 'add');
  const totalAmount = checkAmount(subtotal + taxAmount, inCurrency);
  // Never more than was paid for the line minus what earlier refunds returned for it. For every
  // unit of a line of an order with no refund yet, the sums above are the ones of what was paid,
  // so the total is what was paid and there is nothing to cap.
  const whole =
    quantity === line.quantity &&
    order.refunds.length === 0 &&
    line.discountAllocations.every((allocation) => allocation.level === 'line' || allocation.level === 'order');
  if (whole) {
    return {
      lineItemId: line.id,
      quantity,
      unitPrice: line.unitPrice,
      listed,
      lineDiscount,
      orderDiscount,
      amount: { amount: subtotal, currency: inCurrency },
      taxes,
      tax,
      total: { amount: totalAmount, currency: inCurrency },
      capped: zero(currency),
    };
  }
  const paid = linePaid(order, line);
  const left = order.refunds.length === 0 ? paid : subtract(paid, refundedAmountForLine(order, line.id));
  const ceiling = left.amount < 0 ? zero(currency) : left;
  let capped = zero(currency);
  let amount: Money = { amount: subtotal, currency: inCurrency };
  let total: Money;
  if (totalAmount > ceiling.amount) {
    capped = subtract({ amount: totalAmount, currency: inCurrency }, ceiling);
    amount = subtract(amount, capped);
    total = ceiling;
  } else {
    total = { amount: totalAmount, currency: inCurrency };
  }
  return {
    lineItemId: line.id,
    quantity,
    unitPrice: line.unitPrice,
    listed,
    lineDiscount,
    orderDiscount,
    amount,
    taxes,
    tax,
    total,
    capped,
  };
}

function shippingPaid(order: Order): { paid: Money; tax: Money } {
  const currency = order.currency;
  let paid = zero(currency);
  let tax = zero(currency);
  for (const shippingLine of order.shippingLines) {
    const discounts = sum(
      shippingLine.discountAllocations.map((allocation) => allocation.amount),
      currency,
    );
    const lineTax = sum(
      shippingLine.taxLines.map((taxLine) => taxLine.amount),
      currency,
    );
    const afterDiscounts = subtract(shippingLine.price, discounts);
    paid = add(paid, order.taxesIncluded ? afterDiscounts : add(afterDiscounts, lineTax));
    tax = add(tax, lineTax);
  }
  return { paid, tax };
}

function ratioOf(value: Money, numerator: Money, denominator: Money, rounding: RoundingMode): Money {
  if (denominator.amount === 0) return zero(value.currency);
  return money(
    divideRounded(BigInt(value.amount) * BigInt(numerator.amount), BigInt(denominator.amount), rounding),
    value.currency,
  );
}

function planShipping(
  order: Order,
  mode: ShippingRefundMode,
  goods: Money,
  rounding: RoundingMode,
): { mode: ShippingRefundMode; amount: Money; tax: Money } {
  const currency = order.currency;
  if (mode === 'none') return { mode, amount: zero(currency), tax: zero(currency) };
  const { paid, tax: paidTax } = shippingPaid(order);
  const refunded = sum(
    order.refunds.flatMap((refund) => (refund.shipping == null ? [] : [refund.shipping])),
    currency,
  );
  const remaining = subtract(paid, refunded);
  if (remaining.amount <= 0) return { mode, amount: zero(currency), tax: zero(currency) };
  let amount = remaining;
  if (mode === 'proportional') {
    const goodsPaid = sum(
      order.lines.map((line) => linePaid(order, lineById(order, line.id))),
      currency,
    );
    amount = minimum(ratioOf(paid, goods, goodsPaid, rounding), remaining);
  }
  return { mode, amount, tax: ratioOf(paidTax, amount, paid, rounding) };
}

interface TenderBucket {
  kind: RefundTender['kind'];
  gateway: string | null;
  capacity: number;
}

function tenderBuckets(order: Order): TenderBucket[] {
  if (order.transactions.length === 0) return [];
  const buckets = new Map<string, TenderBucket>();
  for (const transaction of order.transactions) {
    if (transaction.status !== 'success') continue;
    const sign =
      transaction.kind === 'sale' || transaction.kind === 'capture' ? 1 : transaction.kind === 'refund' ? -1 : 0;
    if (sign === 0) continue;
    const kind: RefundTender['kind'] = transaction.giftCard ? 'gift_card' : 'original_payment';
    const gateway = transaction.gateway ?? null;
    const key = `${kind}|${gateway ?? ''}`;
    const bucket = buckets.get(key) ?? { kind, gateway, capacity: 0 };
    bucket.capacity += sign * transaction.amount.amount;
    buckets.set(key, bucket);
  }
  return [...buckets.values()].filter((bucket) => bucket.capacity > 0);
}

function splitTenders(
  order: Order,
  total: Money,
  tenderOrder: NonNullable<ComputeRefundOptions['tenderOrder']>,
  adjustments: RefundAdjustment[],
): RefundTender[] {
  const currency = order.currency;
  if (total.amount === 0) return [];
  const buckets = tenderBuckets(order);
  if (buckets.length === 0) return [{ kind: 'original_payment', gateway: null, amount: total }];
  const capacity = buckets.reduce((all, bucket) => all + bucket.capacity, 0);
  const covered = Math.min(total.amount, capacity);
  const amounts: number[] = buckets.map(() => 0);
  if (tenderOrder === 'proportional') {
    allocate(
      money(covered, currency),
      buckets.map((bucket) => bucket.capacity),
    ).forEach((part, index) => {
      amounts[index] = part.amount;
    });
  } else {
    const first: RefundTender['kind'] = tenderOrder === 'gift_card_first' ? 'gift_card' : 'original_payment';
    const order_ = [
      ...buckets.map((bucket, index) => ({ bucket, index })).filter((entry) => entry.bucket.kind === first),
      ...buckets.map((bucket, index) => ({ bucket, index })).filter((entry) => entry.bucket.kind !== first),
    ];
    let left = covered;
    for (const { bucket, index } of order_) {
      const take = Math.min(left, bucket.capacity);
      amounts[index] = take;
      left -= take;
    }
  }
  const tenders: RefundTender[] = buckets
    .map((bucket, index) => ({
      kind: bucket.kind,
      gateway: bucket.gateway,
      amount: money(amounts[index] ?? 0, currency),
    }))
    .filter((tender) => tender.amount.amount > 0);
  if (covered < total.amount) {
    // The transactions do not account for all of it: the rest goes to the original payment, flagged.
    const rest = money(total.amount - covered, currency);
    tenders.push({ kind: 'original_payment', gateway: null, amount: rest });
    adjustments.push({ code: 'unassigned_tender', lineItemId: null, amount: rest });
  }
  return tenders;
}

/**
 * Computes the exact refund of a selection of order lines: per line the listed price, the line's own
 * discount, its share of order-level discounts and each of its taxes (tax-inclusive or exclusive
 * prices, several rates), plus shipping when asked, minus deductions. Pure: nothing is moved.
 *
 * Guarantees: the refund never exceeds what the customer paid minus what was already refunded (per
 * line and for the order); partial refunds of a line add up to exactly what was paid for it; money
 * paid by gift card is never sent back to a card.
 *
 * @throws AftersaleError `unknown_line_item` for a line the order does not have,
 *   `exceeds_refundable` for more units than remain refundable, `invalid_return_request` for a
 *   malformed selection, `currency_mismatch` for deductions in another currency.
 * @example
 * ```ts
 * const plan = computeRefund(order, { lines: [{ lineItemId: 'line_1', quantity: 1 }] });
 * plan.total; // { amount: 9900, currency: 'USD' }
 * ```
 */
export function computeRefund(
  order: Order,
  selection: RefundSelection,
  options: ComputeRefundOptions = {},
): DetailedRefundPlan {
  return computeRefundReusing(order, selection, options, null);
}

/**
 * {@link computeRefund} for a caller that plans some lines of one order more than once
 * (evaluateReturn plans every requested line, then the ones that go back): `planned` collects the
 * line plans made so far, and a line asked for again with the same quantity gets its plan back
 * instead of a new one (plans depend on the order and the quantity only).
 */
export function computeRefundReusing(
  order: Order,
  selection: RefundSelection,
  options: ComputeRefundOptions,
  planned: DetailedRefundPlanLine[] | null,
): DetailedRefundPlan {
  let parsed = quickSelection(selection);
  if (parsed === null) {
    const checked = refundSelectionSchema.safeParse(selection);
    if (!checked.success) {
      throw aftersaleErrorFromZod(checked.error, { code: 'invalid_return_request', subject: 'refund selection' });
    }
    parsed = checked.data;
  }
  return planRefund(order, parsed, options, planned);
}

/** The plan of each selected line, checked against what is left to refund (see {@link computeRefundReusing}). */
function planLines(
  order: Order,
  wanted: ValidRefundSelection['lines'],
  planned: DetailedRefundPlanLine[] | null,
  adjustments: RefundAdjustment[],
): DetailedRefundPlanLine[] {
  const refunded = order.refunds.length === 0 ? noRefunds : refundedQuantities(order);
  return wanted.map(({ lineItemId, quantity }) => {
    const line = lineById(order, lineItemId);
    const already = refunded.get(lineItemId) ?? 0;
    const refundable = Math.max(0, line.quantity - already);
    if (quantity > refundable) {
      throw new AftersaleError({
        code: 'exceeds_refundable',
        message: `Line ${JSON.stringify(lineItemId)} has ${refundable} unit(s) left to refund (${line.quantity} ordered, ${already} refunded); ${quantity} were asked for.`,
        details: { orderId: order.id, lineItemId, requested: quantity, refundable },
      });
    }
    const known = planned?.find((plan) => plan.lineItemId === lineItemId && plan.quantity === quantity);
    const plan = known ?? planLine(order, line, quantity, already);
    if (plan !== known) planned?.push(plan);
    if (plan.capped.amount > 0) adjustments.push({ code: 'line_cap', lineItemId, amount: plan.capped });
    return plan;
  });
}

/**
 * The line plans of a valid selection refunded with no shipping and no deductions, as
 * {@link planRefund} makes them, with every check the whole plan makes (quantities left, sums
 * that must stay exact, what remains refundable), but without its totals and tenders: for a
 * caller that needs what each line would refund (evaluateReturn, before it decides the lines).
 */
export function planRefundLines(
  order: Order,
  lines: ValidRefundSelection['lines'],
  planned: DetailedRefundPlanLine[] | null,
): DetailedRefundPlanLine[] {
  const currency = order.currency;
  const plans = planLines(order, lines, planned, []);
  // The checks of planRefund's totals with no shipping and no deductions, in its order.
  getCurrency(currency);
  const goods = Math.max(0, checkedSum(plans, 'total', currency));
  const before = remainingRefundable(order);
  let total: Money = { amount: goods, currency };
  if (goods > before.amount) {
    sameCurrency(currency, before.currency, 'subtract');
    checkAmount(goods - before.amount, currency);
    total = before;
  }
  const lineTax = checkedSum(plans, 'tax', currency);
  checkedSum(plans, 'amount', currency);
  if (lineTax >= 0) sameCurrency(currency, total.currency, 'compare');
  sameCurrency(before.currency, total.currency, 'subtract');
  checkAmount(before.amount - total.amount, before.currency);
  return plans;
}

/**
 * {@link computeRefundReusing} for a selection that is already valid (as a validated return
 * request's lines are: distinct ids, positive integer quantities).
 */
export function planRefund(
  order: Order,
  selection: ValidRefundSelection,
  options: ComputeRefundOptions,
  planned: DetailedRefundPlanLine[] | null,
): DetailedRefundPlan {
  const { lines: wanted, shipping: shippingMode, deductions: deductionInputs } = selection;
  const rounding = options.rounding ?? 'half-up';
  const currency = order.currency;
  const adjustments: RefundAdjustment[] = [];
  const lines = planLines(order, wanted, planned, adjustments);
  const goods = sumOf(lines, 'total', currency);
  const shipping = planShipping(order, shippingMode, goods, rounding);
  const deductions: RefundDeduction[] = deductionInputs.map((deduction) => ({
    code: deduction.code,
    ruleId: deduction.ruleId ?? null,
    lineItemId: deduction.lineItemId ?? null,
    amount: deduction.amount,
    tax: deduction.tax,
  }));
  for (const deduction of deductions) {
    if (deduction.amount.currency !== currency || deduction.tax.currency !== currency) {
      throw new AftersaleError({
        code: 'currency_mismatch',
        message: `Deduction ${deduction.code} is in ${deduction.amount.currency}, the order in ${currency}.`,
      });
    }
  }
  const deductionsTotal = sumOf(deductions, 'amount', currency);
  const deductionsTax = sumOf(deductions, 'tax', currency);
  const gross = add(goods, shipping.amount);
  let total = subtract(gross, deductionsTotal);
  if (total.amount < 0) {
    adjustments.push({ code: 'deduction_cap', lineItemId: null, amount: money(-total.amount, currency) });
    total = zero(currency);
  }
  const before = remainingRefundable(order);
  if (total.amount > before.amount) {
    adjustments.push({ code: 'order_cap', lineItemId: null, amount: subtract(total, before) });
    total = before;
  }
  const lineTax = sumOf(lines, 'tax', currency);
  const taxTotal = subtract(add(lineTax, shipping.tax), deductionsTax);
  return {
    orderId: order.id,
    currency,
    lines,
    shipping: shipping.amount,
    shippingTax: shipping.tax,
    shippingMode: shipping.mode,
    deductions,
    subtotal: sumOf(lines, 'amount', currency),
    tax: taxTotal.amount < 0 ? zero(currency) : minimum(taxTotal, total),
    goods,
    deductionsTotal,
    total,
    tenders: splitTenders(order, total, options.tenderOrder ?? 'proportional', adjustments),
    remaining: { before, after: subtract(before, total) },
    adjustments,
  };
}
