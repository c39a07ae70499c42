import {
  AftersaleError,
  computeRefund,
  type ExchangeInput,
  type ExchangeOperations,
  type ExchangeResult,
  type ExchangeSettlement,
  type ExchangeSettlementResult,
  issuesFromZod,
  type Money,
  multiply,
  negate,
  type Order,
  type PlatformExchange,
  type PlatformUserError,
  parseMoney,
  percentage,
  subtract,
  sum,
  toDecimalString,
} from '@aftersale/core';
import { z } from 'zod';
import { type MoneySide, moneyFromBag } from './map-shopify-order.js';
import { parseResponse } from './parse-response.js';
import {
  exchangeReturnCreateMutation,
  exchangeReturnProcessMutation,
  exchangeReturnQuery,
  orderPaymentCollectionQuery,
  orderRefundsQuery,
  orderReturnRefundsQuery,
  orderReturnsQuery,
  variantPricesQuery,
} from './shopify-documents.js';
import { readFulfillmentLines, spreadOverFulfillmentLines } from './shopify-fulfillment-lines.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import { moneyBagSchema, transactionSchema, userErrorSchema } from './shopify-graphql-types.js';
import { claimKey, fingerprintOf, type LedgerContext, recordOutcome, runStep } from './shopify-ledger.js';
import type { ShopifyReader } from './shopify-reader.js';
import { refundMarker } from './shopify-refunds.js';

const exchangeInputSchema = z.object({
  orderId: z.string().min(1),
  returnLines: z
    .array(z.object({ lineItemId: z.string().min(1), quantity: z.number().int().positive(), reason: z.string() }))
    .min(1),
  newLines: z.array(z.object({ variantId: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  settlement: z.object({ customerOwes: z.enum(['charge', 'absorb']), shopOwes: z.enum(['refund', 'keep']) }).optional(),
  returnId: z.string().min(1).nullish(),
  note: z.string().nullish(),
  notifyCustomer: z.boolean().optional(),
});

const exchangeReturnSchema = z.object({
  id: z.string(),
  status: z.string(),
  order: z.object({ id: z.string() }),
  returnLineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        quantity: z.number().int(),
        processedQuantity: z.number().int(),
        fulfillmentLineItem: z.object({ id: z.string(), lineItem: z.object({ id: z.string() }) }).nullish(),
      }),
    ),
  }),
  exchangeLineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        quantity: z.number().int(),
        processedQuantity: z.number().int(),
        variantId: z.string().nullish(),
      }),
    ),
  }),
});
type ExchangeReturn = z.infer<typeof exchangeReturnSchema>;

const returnPayloadSchema = z
  .object({ return: exchangeReturnSchema.nullable(), userErrors: z.array(userErrorSchema) })
  .nullable();

/** Refunds this close before the key's first claim may be an earlier attempt's (clocks disagree). */
const reconcileWindowMs = 60_000;

/** The default settlement: charge what the customer owes, refund what the shop owes. */
const defaultSettlement: ExchangeSettlement = { customerOwes: 'charge', shopOwes: 'refund' };

const userErrorsOf = (list: z.infer<typeof userErrorSchema>[]): PlatformUserError[] =>
  list.map((error) => ({ field: (error.field ?? []).join('.'), message: error.message, code: error.code ?? null }));

/** The ledger's record of the return step. */
interface ReturnRecord {
  returnId: string;
}

/** The ledger's record of the processing step. */
interface ProcessRecord {
  platformRefundId: string | null;
}

/**
 * Exchanges on Shopify: a return with exchange line items (`returnCreate`, or the open return named
 * by `returnId`), processed with `returnProcess`. The returned lines are valued as the customer paid
 * for them (core's `computeRefund`: discounts off, tax included); the new items at the variants'
 * prices, tax included (added at the order's rates when its prices exclude tax). A difference the shop
 * owes is refunded within `returnProcess` (`financialTransfer.issueRefund`) or kept; one the customer
 * owes is left on the order as its outstanding balance, with the payment link Shopify offers
 * (`paymentCollectionDetails.additionalPaymentCollectionUrl`), or waived (`absorb`).
 */
export function createShopifyExchanges(context: {
  client: ShopifyGraphqlClient;
  reader: ShopifyReader;
  ledger: LedgerContext;
  money: MoneySide;
  reasonDefinitions: Readonly<Record<string, string>>;
}): ExchangeOperations {
  const { client, reader, ledger } = context;

  async function readReturn(returnId: string, signal?: AbortSignal): Promise<ExchangeReturn | null> {
    const data = parseResponse(
      z.object({ return: exchangeReturnSchema.nullable() }),
      await client.request(exchangeReturnQuery, { id: returnId }, { operation: 'exchangeReturn', signal }),
      'exchangeReturn',
    );
    return data.return;
  }

  /** What the new items cost, tax included. */
  async function newItemsValue(
    order: Order,
    lines: ExchangeInput['newLines'],
    signal?: AbortSignal,
  ): Promise<{ value: Money } | { userErrors: PlatformUserError[] }> {
    const shopCurrency = order.source.rawStatus?.shopCurrency ?? order.currency;
    if (shopCurrency !== order.currency) {
      throw new AftersaleError({
        code: 'invalid_config',
        message: `Variant prices are in the shop's currency (${shopCurrency}) but order ${order.id} is read in ${order.currency}: make the adapter with money: 'shop' for exchanges.`,
        issues: [{ path: 'money', message: "exchanges need money: 'shop'" }],
      });
    }
    const ids = [...new Set(lines.map((line) => line.variantId))];
    const data = parseResponse(
      z.object({ nodes: z.array(z.object({ id: z.string().optional(), price: z.string().optional() }).nullable()) }),
      await client.request(variantPricesQuery, { ids }, { operation: 'variantPrices', signal }),
      'variantPrices',
    );
    const prices = new Map<string, string>();
    for (const node of data.nodes) if (node?.id && node.price !== undefined) prices.set(node.id, node.price);
    const userErrors: PlatformUserError[] = [];
    const values: Money[] = [];
    lines.forEach((line, index) => {
      const price = prices.get(line.variantId);
      if (price === undefined) {
        userErrors.push({ field: `newLines.${index}.variantId`, message: 'Variant does not exist', code: 'not_found' });
        return;
      }
      const goods = multiply(parseMoney(price, order.currency), line.quantity);
      if (order.taxesIncluded) {
        values.push(goods);
        return;
      }
      // Prices without tax: the variant's own rate on this order, else the rate of the lines coming back.
      const sameVariant = order.lines.find((entry) => entry.variantId === line.variantId);
      const rate = (sameVariant ?? order.lines[0])?.taxLines.reduce((total, tax) => total + tax.rate, 0) ?? 0;
      values.push(goods, percentage(goods, String(Math.round(rate * 1_000_000) / 10_000), 'half-up'));
    });
    return userErrors.length > 0 ? { userErrors } : { value: sum(values, order.currency) };
  }

  /** Fulfilment lines for the returned order lines (returns name fulfilment lines, not order lines). */
  async function fulfillmentParts(input: ExchangeInput, signal?: AbortSignal) {
    const available = await readFulfillmentLines(client, input.orderId, signal);
    const parts: { fulfillmentLineItemId: string; quantity: number; reason: string }[] = [];
    const userErrors: PlatformUserError[] = [];
    input.returnLines.forEach((line, index) => {
      const spread = spreadOverFulfillmentLines(available, line.lineItemId, line.quantity);
      for (const part of spread.parts) parts.push({ ...part, reason: line.reason });
      if (spread.missing > 0)
        userErrors.push({
          field: `returnLines.${index}.quantity`,
          message: `Line ${line.lineItemId} has fewer fulfilled items than the ${line.quantity} to exchange`,
          code: 'not_fulfilled',
        });
    });
    return { parts, userErrors };
  }

  /** Does a return hold exactly these lines and exchange lines, none of them processed yet? */
  function matches(entry: ExchangeReturn, input: ExchangeInput): boolean {
    const wanted = new Map<string, number>();
    for (const line of input.returnLines)
      wanted.set(line.lineItemId, (wanted.get(line.lineItemId) ?? 0) + line.quantity);
    const held = new Map<string, number>();
    for (const line of entry.returnLineItems.nodes) {
      const lineItemId = line.fulfillmentLineItem?.lineItem.id ?? '';
      held.set(lineItemId, (held.get(lineItemId) ?? 0) + line.quantity);
    }
    const wantedVariants = new Map<string, number>();
    for (const line of input.newLines)
      wantedVariants.set(line.variantId, (wantedVariants.get(line.variantId) ?? 0) + line.quantity);
    const heldVariants = new Map<string, number>();
    for (const line of entry.exchangeLineItems.nodes)
      heldVariants.set(line.variantId ?? '', (heldVariants.get(line.variantId ?? '') ?? 0) + line.quantity);
    const same = (a: Map<string, number>, b: Map<string, number>) =>
      a.size === b.size && [...a].every(([id, quantity]) => b.get(id) === quantity);
    return same(wanted, held) && same(wantedVariants, heldVariants);
  }

  /** The return an earlier attempt created: the newest of the order's returns that matches the exchange. */
  async function findReturn(input: ExchangeInput, signal?: AbortSignal): Promise<ReturnRecord | null> {
    const data = parseResponse(
      z.object({ order: z.object({ returns: z.object({ nodes: z.array(exchangeReturnSchema) }) }).nullable() }),
      await client.request(orderReturnsQuery, { id: input.orderId }, { operation: 'orderReturns', signal }),
      'orderReturns',
    );
    const found = data.order?.returns.nodes.find(
      (entry) => (entry.status === 'OPEN' || entry.status === 'CLOSED') && matches(entry, input),
    );
    return found ? { returnId: found.id } : null;
  }

  /** The refund a processing of the return paid, when the return reads as processed. */
  async function findProcessing(
    orderId: string,
    returnId: string,
    expectsRefund: boolean,
    signal?: AbortSignal,
  ): Promise<ProcessRecord | null> {
    const entry = await readReturn(returnId, signal);
    if (!entry) return null;
    const processed =
      entry.returnLineItems.nodes.every((line) => line.processedQuantity >= line.quantity) &&
      entry.exchangeLineItems.nodes.every((line) => line.processedQuantity >= line.quantity);
    if (!processed) return null;
    if (!expectsRefund) return { platformRefundId: null };
    const data = parseResponse(
      z.object({
        order: z
          .object({
            refunds: z.array(z.object({ id: z.string(), return: z.object({ id: z.string() }).nullish() })),
          })
          .nullable(),
      }),
      await client.request(orderReturnRefundsQuery, { id: orderId }, { operation: 'orderReturnRefunds', signal }),
      'orderReturnRefunds',
    );
    const refund = data.order?.refunds.findLast((candidate) => candidate.return?.id === returnId);
    return { platformRefundId: refund?.id ?? null };
  }

  /** The order's captured payments, each with what it still holds, to pay a refund back to. */
  async function refundTransactions(orderId: string, amount: Money, signal?: AbortSignal) {
    const data = parseResponse(
      z.object({ order: z.object({ transactions: z.array(transactionSchema) }).nullable() }),
      await client.request(orderRefundsQuery, { id: orderId }, { operation: 'orderRefunds', signal }),
      'orderRefunds',
    );
    const transactions = data.order?.transactions ?? [];
    const refunded = new Map<string, number>();
    for (const transaction of transactions) {
      if (transaction.kind === 'REFUND' && transaction.status === 'SUCCESS' && transaction.parentTransaction)
        refunded.set(
          transaction.parentTransaction.id,
          (refunded.get(transaction.parentTransaction.id) ?? 0) +
            moneyFromBag(transaction.amountSet, context.money).amount,
        );
    }
    let remaining = amount.amount;
    const parts: { parentId: string; transactionAmount: { amount: string; currencyCode: string } }[] = [];
    for (const transaction of transactions) {
      if (remaining <= 0) break;
      if (transaction.status !== 'SUCCESS' || (transaction.kind !== 'SALE' && transaction.kind !== 'CAPTURE')) continue;
      const held = moneyFromBag(transaction.amountSet, context.money).amount - (refunded.get(transaction.id) ?? 0);
      const take = Math.min(held, remaining);
      if (take <= 0) continue;
      parts.push({
        parentId: transaction.id,
        transactionAmount: { amount: toDecimalString({ ...amount, amount: take }), currencyCode: amount.currency },
      });
      remaining -= take;
    }
    if (remaining > 0) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `The exchange's refund of ${toDecimalString(amount)} ${amount.currency} exceeds what order ${orderId}'s payments still hold; settle it with shopOwes 'keep' or refund it another way.`,
        details: { orderId, missing: toDecimalString({ ...amount, amount: remaining }) },
      });
    }
    return parts;
  }

  async function paymentUrl(orderId: string, signal?: AbortSignal): Promise<string | null> {
    const data = parseResponse(
      z.object({
        order: z
          .object({
            totalOutstandingSet: moneyBagSchema,
            paymentCollectionDetails: z.object({ additionalPaymentCollectionUrl: z.string().nullish() }),
          })
          .nullable(),
      }),
      await client.request(
        orderPaymentCollectionQuery,
        { id: orderId },
        { operation: 'orderPaymentCollection', signal },
      ),
      'orderPaymentCollection',
    );
    return data.order?.paymentCollectionDetails.additionalPaymentCollectionUrl ?? null;
  }

  async function mutateReturn(
    document: string,
    field: 'returnCreate' | 'returnProcess',
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ ok: true; value: ExchangeReturn } | { ok: false; userErrors: PlatformUserError[] }> {
    const data = parseResponse(
      z.object({ [field]: returnPayloadSchema }),
      await client.request(document, variables, { operation: field, signal, idempotent: false, expectedCost: 10 }),
      field,
    ) as Record<string, z.infer<typeof returnPayloadSchema>>;
    const payload = data[field];
    if (!payload?.return || payload.userErrors.length > 0)
      return { ok: false, userErrors: userErrorsOf(payload?.userErrors ?? []) };
    return { ok: true, value: payload.return };
  }

  return {
    async create(input, options): Promise<ExchangeResult> {
      const key = options.idempotencyKey;
      const signal = options.signal;
      const parsed = exchangeInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: 'The exchange is invalid; see issues.',
          issues: issuesFromZod(parsed.error),
        });
      }
      const settlement = input.settlement ?? defaultSettlement;
      const fingerprint = await fingerprintOf({
        operation: 'exchange',
        orderId: input.orderId,
        returnId: input.returnId ?? null,
        returnLines: input.returnLines.map((line) => [line.lineItemId, line.quantity, line.reason]),
        newLines: input.newLines.map((line) => [line.variantId, line.quantity]),
        settlement,
      });
      const claim = await claimKey<PlatformExchange>(ledger, { key, operation: 'exchange', fingerprint });
      if (claim.kind === 'replay')
        return { outcome: 'created', exchange: claim.result, replayed: true, idempotencyKey: key };
      if (claim.kind === 'rejected') return { outcome: 'rejected', userErrors: claim.userErrors, idempotencyKey: key };
      if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
      const rejected = async (userErrors: PlatformUserError[]): Promise<ExchangeResult> => {
        await recordOutcome(ledger, key, { state: 'failed', userErrors });
        return { outcome: 'rejected', userErrors, idempotencyKey: key };
      };
      try {
        const order = await reader.getOrder(input.orderId, signal);
        if (!order) return rejected([{ field: 'orderId', message: 'Order does not exist', code: 'not_found' }]);
        // Reconciling, a refund made since the key was first claimed may be this exchange's own: the
        // returned lines are valued as before it.
        const basis: Order = claim.reconcile
          ? {
              ...order,
              refunds: order.refunds.filter(
                (refund) => Date.parse(refund.createdAt) < claim.claimedAt - reconcileWindowMs,
              ),
            }
          : order;
        let returnedValue: Money;
        try {
          returnedValue = computeRefund(basis, {
            lines: input.returnLines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
          }).total;
        } catch (error) {
          if (!AftersaleError.isInstance(error)) throw error;
          return rejected([{ field: 'returnLines', message: error.message, code: error.code }]);
        }
        const priced = await newItemsValue(order, input.newLines, signal);
        if ('userErrors' in priced) return rejected(priced.userErrors);
        const difference = subtract(priced.value, returnedValue);
        const refundDue = difference.amount < 0 && settlement.shopOwes === 'refund';

        // Step 1: the return with its exchange lines.
        let returnId: string;
        let replayed = true;
        if (input.returnId) {
          const existing = await readReturn(input.returnId, signal);
          if (!existing || existing.order.id !== input.orderId)
            return rejected([{ field: 'returnId', message: 'Return does not exist on this order', code: 'not_found' }]);
          if (!matches(existing, input))
            return rejected([
              {
                field: 'returnId',
                message: `Return ${input.returnId} does not hold exactly these return and exchange lines; create the exchange without returnId`,
                code: 'mismatch',
              },
            ]);
          returnId = existing.id;
        } else {
          const { parts, userErrors } = await fulfillmentParts(input, signal);
          if (userErrors.length > 0) return rejected(userErrors);
          const created = await runStep<ReturnRecord>(ledger, {
            key,
            step: 'exchange-return',
            fingerprint,
            reconcile: claim.reconcile,
            signal,
            look: () => findReturn(input, signal),
            send: async () => {
              const answer = await mutateReturn(
                exchangeReturnCreateMutation,
                'returnCreate',
                {
                  input: {
                    orderId: input.orderId,
                    returnLineItems: parts.map((part) => ({
                      fulfillmentLineItemId: part.fulfillmentLineItemId,
                      quantity: part.quantity,
                      returnReasonNote: part.reason,
                      ...(context.reasonDefinitions[part.reason]
                        ? { returnReasonDefinitionId: context.reasonDefinitions[part.reason] }
                        : {}),
                    })),
                    exchangeLineItems: input.newLines.map((line) => ({
                      variantId: line.variantId,
                      quantity: line.quantity,
                    })),
                  },
                },
                signal,
              );
              return answer.ok ? { ok: true, value: { returnId: answer.value.id } } : answer;
            },
          });
          if (!created.ok) return rejected(created.userErrors);
          returnId = created.value.returnId;
          replayed = created.replayed;
        }

        // Step 2: process it, with the refund of what the shop owes.
        const current = await readReturn(returnId, signal);
        if (!current) return rejected([{ field: 'returnId', message: 'Return does not exist', code: 'not_found' }]);
        const processed = await runStep<ProcessRecord>(ledger, {
          key,
          step: 'exchange-process',
          fingerprint,
          reconcile: claim.reconcile,
          signal,
          look: () => findProcessing(input.orderId, returnId, refundDue, signal),
          send: async () => {
            const financialTransfer = refundDue
              ? {
                  issueRefund: {
                    orderTransactions: await refundTransactions(input.orderId, negate(difference), signal),
                  },
                }
              : null;
            const answer = await mutateReturn(
              exchangeReturnProcessMutation,
              'returnProcess',
              {
                input: {
                  returnId,
                  returnLineItems: current.returnLineItems.nodes
                    .filter((line) => line.quantity > line.processedQuantity)
                    .map((line) => ({ id: line.id, quantity: line.quantity - line.processedQuantity })),
                  exchangeLineItems: current.exchangeLineItems.nodes
                    .filter((line) => line.quantity > line.processedQuantity)
                    .map((line) => ({ id: line.id, quantity: line.quantity - line.processedQuantity })),
                  notifyCustomer: input.notifyCustomer ?? false,
                  note: [input.note ?? '', refundMarker(key)].filter((part) => part.length > 0).join(' '),
                  ...(financialTransfer ? { financialTransfer } : {}),
                },
              },
              signal,
            );
            if (!answer.ok) return answer;
            const found = refundDue ? await findProcessing(input.orderId, returnId, true, signal) : null;
            return { ok: true, value: { platformRefundId: found?.platformRefundId ?? null } };
          },
        });
        if (!processed.ok) return rejected(processed.userErrors);
        replayed = replayed && processed.replayed;

        let settled: ExchangeSettlementResult;
        if (difference.amount === 0) settled = { kind: 'none' };
        else if (difference.amount < 0 && settlement.shopOwes === 'keep')
          settled = { kind: 'kept', amount: negate(difference) };
        else if (difference.amount < 0) {
          const platformRefundId = processed.value.platformRefundId;
          if (!platformRefundId) {
            throw new AftersaleError({
              code: 'platform_rejected',
              message: `Shopify processed exchange return ${returnId} but shows no refund for it; check the order's refunds before settling it again.`,
              details: { operation: 'returnProcess', returnId },
            });
          }
          settled = { kind: 'refunded', amount: negate(difference), platformRefundId };
        } else if (settlement.customerOwes === 'absorb') settled = { kind: 'absorbed', amount: difference };
        else settled = { kind: 'payment_due', amount: difference, paymentUrl: await paymentUrl(input.orderId, signal) };

        const exchange: PlatformExchange = {
          id: returnId,
          orderId: input.orderId,
          newOrderId: null,
          returnedValue,
          newItemsValue: priced.value,
          difference,
          settlement: settled,
        };
        await recordOutcome(ledger, key, { state: 'succeeded', result: exchange });
        return { outcome: 'created', exchange, replayed, idempotencyKey: key };
      } catch (error) {
        await recordOutcome(ledger, key, {
          state: 'unknown',
          error: AftersaleError.isInstance(error) ? error.code : 'unexpected error',
        });
        throw error;
      }
    },
  };
}
