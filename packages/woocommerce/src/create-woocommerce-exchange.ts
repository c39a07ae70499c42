import {
  add,
  aftersaleErrorFromZod,
  type CreateRefundOptions,
  computeRefund,
  type ExchangeInput,
  type ExchangeOperations,
  type ExchangeResult,
  type ExchangeSettlementResult,
  type Money,
  minimum,
  negate,
  type Order,
  remainingRefundable,
  subtract,
  sum,
  toDecimalString,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import { buildWooCommerceRefundRequest } from './build-woocommerce-refund-request.js';
import { exchangeCreditFeeNet } from './exchange-credit-fee.js';
import { parseWooCommerceRefund } from './map-woocommerce-order.js';
import { idempotencyMetaKey, mapWooCommerceRefund } from './map-woocommerce-refund.js';
import {
  claimKey,
  fingerprintOf,
  ledgerDisagrees,
  recordOutcome,
  reject,
  settleFailure,
} from './woocommerce-idempotency.js';
import type { WooCommerceOperationContext } from './woocommerce-operation-context.js';
import {
  type WooCommerceOrderWithMeta,
  type WooCommerceRefund,
  wooCommerceOrderWithMetaSchema,
  wooCommerceProductSchema,
} from './woocommerce-schemas.js';
import { metaValue, wooId, wooMoney } from './woocommerce-values.js';

/** Meta key on a replacement order naming the order it replaces items of. */
export const exchangeOfMetaKey = '_aftersale_exchange_of';
/** Meta key on a replacement order: the value of the returned lines it was credited with. */
export const returnedValueMetaKey = '_aftersale_returned_value';
/** Meta key on a replacement order: `yes` once its credit fee (and any waiver) is applied. */
export const exchangeSettledMetaKey = '_aftersale_exchange_settled';
/** Meta key on an exchange fee line: `credit` or `waived`. */
export const exchangeFeeMetaKey = '_aftersale_exchange_fee';

const exchangeInputSchema = z.object({
  orderId: z.string().regex(/^\d+$/, 'must be a WooCommerce order id'),
  returnLines: z
    .array(
      z.object({
        lineItemId: z.string().min(1),
        quantity: z.number().int().positive(),
        reason: z.string().min(1),
      }),
    )
    .min(1, 'an exchange takes at least one line back'),
  newLines: z
    .array(
      z.object({
        variantId: z.string().regex(/^\d+$/, 'must be a WooCommerce product or variation id'),
        quantity: z.number().int().positive(),
      }),
    )
    .min(1, 'an exchange sends at least one item'),
  settlement: z
    .object({ customerOwes: z.enum(['charge', 'absorb']), shopOwes: z.enum(['refund', 'keep']) })
    .default({ customerOwes: 'charge', shopOwes: 'refund' }),
  note: z.string().nullish(),
});

function parseOrderWithMeta(input: unknown): WooCommerceOrderWithMeta {
  const parsed = wooCommerceOrderWithMetaSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce order' });
  return parsed.data;
}

/** What the replacement order's items cost, tax included. */
function newItemsValueOf(order: WooCommerceOrderWithMeta): Money {
  const currency = order.currency.toUpperCase();
  return sum(
    order.line_items.map((line) => add(wooMoney(line.total, currency), wooMoney(line.total_tax, currency))),
    currency,
  );
}

/** The fee lines that credit the returned value (capped at the new items) and waive what the merchant absorbs. */
function exchangeFees(order: WooCommerceOrderWithMeta, credit: Money, waived: Money) {
  const currency = credit.currency;
  const rates = new Map(order.tax_lines.map((line) => [String(line.rate_id), line.rate_percent ?? null]));
  const items = order.line_items.map((line) => ({
    net: wooMoney(line.total, currency),
    ratePercent: line.taxes.reduce<number | null>(
      (total, tax) => (total ?? 0) + (rates.get(String(tax.id)) ?? 0),
      null,
    ),
  }));
  const fee = (name: string, kind: 'credit' | 'waived', gross: Money) => ({
    name,
    tax_status: 'taxable',
    tax_class: '',
    total: toDecimalString(negate(exchangeCreditFeeNet(gross, items, { pricesIncludeTax: order.prices_include_tax }))),
    meta_data: [{ key: exchangeFeeMetaKey, value: kind }],
  });
  return [
    ...(credit.amount > 0 ? [fee('Exchange credit', 'credit', credit)] : []),
    ...(waived.amount > 0 ? [fee('Exchange difference waived', 'waived', waived)] : []),
  ];
}

/**
 * Exchanges on WooCommerce, which has no exchange object: a replacement order carries the new items.
 *
 * 1. The replacement order (`POST /orders`, `pending`): the customer, the new variants, the original's
 *    addresses and payment method, `parent_id` the original order, meta naming the original, the
 *    returned lines and their value, and the idempotency key.
 * 2. Its credit (`PUT /orders/{id}`): a taxable negative fee "Exchange credit" worth the returned value
 *    capped at the new items' value (and, when the customer owes and the merchant absorbs it, a second
 *    fee "Exchange difference waived"). When nothing is left to pay it is marked paid (`set_paid`);
 *    otherwise it stays `pending` and its `payment_url` is the payment link.
 * 3. When the shop owes the customer and refunds: one refund on the original order, recording the
 *    returned lines (restocked) and moving the difference (through the gateway when the adapter's
 *    `gatewayRefunds` is on). The part credited to the replacement order stays paid on the original.
 *    Without that refund the returned lines are not refunded on the books: their value paid for the
 *    replacement order, and the merchant restocks them when they arrive.
 *
 * Exactly once per idempotency key: the key is claimed in the ledger, each step looks for its effect
 * on WooCommerce (the replacement order by its parent and meta, the credit by its meta, the refund by
 * its key) before it is sent, and is sent again only when it is not there.
 */
export function createWooCommerceExchange(context: WooCommerceOperationContext): ExchangeOperations {
  async function findReplacement(orderId: string, key: string, signal?: AbortSignal) {
    for (const raw of await context.readAll('orders', { parent: orderId }, signal)) {
      const order = parseOrderWithMeta(raw);
      if (metaValue(order.meta_data, idempotencyMetaKey) === key) return order;
    }
    return null;
  }

  async function settledReplacement(id: string, signal?: AbortSignal) {
    const raw = await context.readOrNull(`orders/${id}`, signal);
    if (raw === null) return null;
    const order = parseOrderWithMeta(raw);
    return metaValue(order.meta_data, exchangeSettledMetaKey) === 'yes' ? order : null;
  }

  async function create(input: ExchangeInput, callOptions: CreateRefundOptions): Promise<ExchangeResult> {
    const key = callOptions.idempotencyKey;
    const signal = callOptions.signal;
    const parsed = exchangeInputSchema.safeParse(input);
    if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'exchange' });
    const request = parsed.data;
    const fingerprint = fingerprintOf({
      orderId: request.orderId,
      returnLines: request.returnLines.map((line) => [line.lineItemId, line.quantity]),
      newLines: request.newLines.map((line) => [line.variantId, line.quantity]),
      settlement: request.settlement,
    });
    const claim = await claimKey(context, { key, operation: 'exchange', fingerprint, what: 'exchange' });
    if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
    if (claim.kind === 'rejected') {
      return {
        outcome: 'rejected',
        userErrors: [{ field: 'exchange', message: claim.message, code: null }],
        idempotencyKey: key,
      };
    }
    const { succeededBefore } = claim;
    let acted = false;
    try {
      const original = await context.getOrderWithMeta(request.orderId, signal);
      if (original === null) {
        return await reject(context, key, {
          field: 'orderId',
          message: `Order ${request.orderId} does not exist.`,
          code: 'not_found',
        });
      }
      const currency = original.order.currency;
      const returnedPlan = (order: Order) =>
        computeRefund(order, {
          lines: request.returnLines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
        });

      // 1. The replacement order.
      let replacement = await findReplacement(request.orderId, key, signal);
      let returnedValue: Money;
      if (replacement !== null) {
        returnedValue = wooMoney(metaValue(replacement.meta_data, returnedValueMetaKey), currency);
      } else {
        if (succeededBefore) throw ledgerDisagrees(key, `replacement order of order ${request.orderId}`);
        returnedValue = returnedPlan(original.order).total;
        const lineItems: { product_id: number; variation_id: number; quantity: number }[] = [];
        for (const [index, line] of request.newLines.entries()) {
          const raw = await context.readOrNull(`products/${line.variantId}`, signal);
          const product = raw === null ? null : wooCommerceProductSchema.safeParse(raw);
          if (product === null || !product.success) {
            return await reject(context, key, {
              field: `newLines.${index}.variantId`,
              message: `WooCommerce has no product or variation ${line.variantId}.`,
              code: 'not_found',
            });
          }
          const variation = product.data.type === 'variation';
          lineItems.push({
            product_id: Number(variation ? wooId(product.data.parent_id) : product.data.id),
            variation_id: variation ? Number(product.data.id) : 0,
            quantity: line.quantity,
          });
        }
        const from = original.raw;
        const body = {
          parent_id: Number(request.orderId),
          customer_id: Number(from.customer_id ?? 0),
          currency: from.currency,
          status: 'pending',
          set_paid: false,
          ...(from.payment_method ? { payment_method: from.payment_method } : {}),
          ...(from.billing ? { billing: from.billing } : {}),
          ...(from.shipping ? { shipping: from.shipping } : {}),
          line_items: lineItems,
          meta_data: [
            { key: idempotencyMetaKey, value: key },
            { key: exchangeOfMetaKey, value: request.orderId },
            {
              key: '_aftersale_returned_lines',
              value: JSON.stringify(
                request.returnLines.map(({ lineItemId, quantity, reason }) => ({ lineItemId, quantity, reason })),
              ),
            },
            { key: returnedValueMetaKey, value: toDecimalString(returnedValue) },
            ...(request.note == null ? [] : [{ key: '_aftersale_note', value: request.note }]),
          ],
        };
        replacement = parseOrderWithMeta(
          await context.write('post', 'orders', body, {
            signal,
            lookup: () => findReplacement(request.orderId, key, signal),
          }),
        );
        acted = true;
      }
      const replacementId = String(replacement.id);
      const newItemsValue = newItemsValueOf(replacement);
      const difference = subtract(newItemsValue, returnedValue);
      const credit = minimum(returnedValue, newItemsValue);
      const waived =
        difference.amount > 0 && request.settlement.customerOwes === 'absorb' ? difference : zero(currency);
      const owesNothing = difference.amount <= 0 || waived.amount > 0;

      // 2. The credit on the replacement order, and its payment when nothing is left to pay.
      if (metaValue(replacement.meta_data, exchangeSettledMetaKey) !== 'yes') {
        const body = {
          fee_lines: exchangeFees(replacement, credit, waived),
          meta_data: [{ key: exchangeSettledMetaKey, value: 'yes' }],
          ...(owesNothing ? { set_paid: true } : {}),
        };
        replacement = parseOrderWithMeta(
          await context.write('put', `orders/${replacementId}`, body, {
            signal,
            lookup: () => settledReplacement(replacementId, signal),
          }),
        );
        acted = true;
      }

      // 3. The difference the shop owes, refunded on the original order.
      let settlement: ExchangeSettlementResult;
      if (difference.amount === 0) settlement = { kind: 'none' };
      else if (difference.amount > 0) {
        settlement =
          waived.amount > 0
            ? { kind: 'absorbed', amount: waived }
            : {
                kind: 'payment_due',
                amount: wooMoney(replacement.total, currency),
                paymentUrl: replacement.payment_url || null,
              };
      } else if (request.settlement.shopOwes === 'keep') settlement = { kind: 'kept', amount: negate(difference) };
      else {
        const owed = negate(difference);
        let refund: WooCommerceRefund | null = await context.findRefundByKey(request.orderId, key, signal);
        if (refund === null) {
          if (succeededBefore) throw ledgerDisagrees(key, `refund on order ${request.orderId}`);
          const order = (await context.getOrder(request.orderId, signal)) ?? original.order;
          const remaining = remainingRefundable(order);
          if (owed.amount > remaining.amount) {
            return await reject(context, key, {
              field: 'difference',
              message: `The exchange owes ${toDecimalString(owed)} back but order ${order.id} has ${toDecimalString(remaining)} left to refund.`,
              code: 'exceeds_refundable',
            });
          }
          const returned = returnedPlan(order);
          const body = {
            ...buildWooCommerceRefundRequest(
              order,
              {
                orderId: order.id,
                currency,
                lines: returned.lines,
                shipping: null,
                total: sum(
                  returned.lines.flatMap((line) => [line.amount, line.tax]),
                  currency,
                ),
                restock: true,
                note:
                  request.note ??
                  `Exchange for order #${replacementId}: ${toDecimalString(returnedValue)} returned, ${toDecimalString(credit)} credited, ${toDecimalString(owed)} refunded`,
              },
              { idempotencyKey: key, gatewayRefund: context.gatewayRefunds, metaKey: idempotencyMetaKey },
            ),
            amount: toDecimalString(owed),
          };
          refund = parseWooCommerceRefund(
            await context.write('post', `orders/${request.orderId}/refunds`, body, {
              signal,
              lookup: () => context.findRefundByKey(request.orderId, key, signal),
            }),
          );
          acted = true;
        }
        const mapped = mapWooCommerceRefund(refund, currency);
        settlement = { kind: 'refunded', amount: mapped.total, platformRefundId: mapped.id };
      }
      await recordOutcome(context, key, 'succeeded', {
        replacementOrderId: replacementId,
        platformRefundId: settlement.kind === 'refunded' ? settlement.platformRefundId : null,
      });
      return {
        outcome: 'created',
        exchange: {
          id: replacementId,
          orderId: request.orderId,
          newOrderId: replacementId,
          returnedValue,
          newItemsValue,
          difference,
          settlement,
        },
        replayed: !acted,
        idempotencyKey: key,
      };
    } catch (error) {
      return settleFailure(context, key, error, { field: 'exchange', succeededBefore, signal });
    }
  }

  return { create };
}
