import {
  type AdapterCallOptions,
  AftersaleError,
  type AftersaleStore,
  type CreateRefundOptions,
  type PlatformReturn,
  type ReturnCreateInput,
  type ReturnOperations,
  type ReturnProcessInput,
  type ReturnRequestInput,
  type ReturnResult,
  toDecimalString,
} from '@aftersale/core';
import { z } from 'zod';
import { type Clock, systemClock } from './clock.js';
import { parseResponse } from './parse-response.js';
import {
  exchangeReturnQuery,
  orderRefundsQuery,
  returnApproveMutation,
  returnCancelMutation,
  returnCloseMutation,
  returnCreateMutation,
  returnDeclineMutation,
  returnProcessMutation,
  returnQuery,
  returnRequestMutation,
} from './shopify-documents.js';
import { readFulfillmentLines, spreadOverFulfillmentLines } from './shopify-fulfillment-lines.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import { returnSchema, type ShopifyReturn, userErrorSchema } from './shopify-graphql-types.js';
import { fingerprintPlan, validateRefundPlan } from './shopify-refunds.js';

/** Normalizes a GraphQL Return. */
export function mapShopifyReturn(entry: ShopifyReturn): PlatformReturn {
  return {
    id: entry.id,
    orderId: entry.order.id,
    status: entry.status,
    name: entry.name ?? null,
    lines: entry.returnLineItems.nodes.map((line) => ({
      id: line.id,
      lineItemId: line.fulfillmentLineItem?.lineItem.id ?? '',
      quantity: line.quantity,
      reason: line.returnReasonNote || null,
    })),
    exchangeLines: entry.exchangeLineItems.nodes.map((line) => ({
      id: line.id,
      variantId: line.variantId ?? null,
      quantity: line.quantity,
    })),
  };
}

const payloadSchema = z.object({ return: returnSchema.nullable(), userErrors: z.array(userErrorSchema) });

const declineReasons: Record<string, string> = {
  final_sale: 'FINAL_SALE',
  return_period_ended: 'RETURN_PERIOD_ENDED',
};

/** Returns on Shopify: request, approve, decline, create (with exchanges), process, close. */
export function createShopifyReturns(context: {
  client: ShopifyGraphqlClient;
  store: AftersaleStore | null;
  shopId: string;
  reasonDefinitions: Readonly<Record<string, string>>;
  /** The clock the ledger's staleness is read on. @default the system clock */
  clock?: Clock;
  /** A `pending` claim older than this is taken as a crashed attempt. @default 60000 */
  staleClaimMs?: number;
}): ReturnOperations {
  const { client } = context;
  const clock = context.clock ?? systemClock;
  const staleClaimMs = context.staleClaimMs ?? 60_000;

  /**
   * Whether an earlier attempt already processed these lines: `returnProcess` has no `@idempotent`,
   * so after a lost answer or a crash the return itself is looked at before sending again.
   */
  async function processedOnShopify(input: ReturnProcessInput, options?: AdapterCallOptions): Promise<boolean> {
    const data = parseResponse(
      z.object({
        return: z
          .object({
            returnLineItems: z.object({
              nodes: z.array(z.object({ id: z.string(), processedQuantity: z.number().int() })),
            }),
          })
          .nullable(),
      }),
      await client.request(
        exchangeReturnQuery,
        { id: input.returnId },
        { operation: 'exchangeReturn', signal: options?.signal },
      ),
      'exchangeReturn',
    );
    const processed = new Map(
      (data.return?.returnLineItems.nodes ?? []).map((line) => [line.id, line.processedQuantity]),
    );
    return input.lines.every((line) => (processed.get(line.returnLineId) ?? 0) >= line.quantity);
  }

  async function mutate(
    document: string,
    field: string,
    variables: Record<string, unknown>,
    options?: AdapterCallOptions,
  ): Promise<ReturnResult> {
    const data = parseResponse(
      z.object({ [field]: payloadSchema.nullable() }),
      await client.request(document, variables, {
        operation: field,
        signal: options?.signal,
        idempotent: false,
        expectedCost: 10,
      }),
      field,
    ) as Record<string, z.infer<typeof payloadSchema> | null>;
    const payload = data[field];
    if (!payload || payload.userErrors.length > 0 || !payload.return) {
      return {
        outcome: 'rejected',
        userErrors: (payload?.userErrors ?? []).map((error) => ({
          field: (error.field ?? []).join('.'),
          message: error.message,
          code: error.code ?? null,
        })),
      };
    }
    return { outcome: 'ok', return: mapShopifyReturn(payload.return) };
  }

  /** Returns name fulfilment lines: spread each order line's quantity over its fulfilment lines. */
  async function fulfillmentLines(input: ReturnRequestInput, options?: AdapterCallOptions) {
    const available = await readFulfillmentLines(client, input.orderId, options?.signal);
    return input.lines.flatMap((line, index) => {
      const spread = spreadOverFulfillmentLines(available, line.lineItemId, line.quantity);
      if (spread.missing > 0) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Line ${line.lineItemId} has fewer fulfilled items than the ${line.quantity} asked to return.`,
          issues: [{ path: `lines[${index}].quantity`, message: 'exceeds the fulfilled quantity' }],
        });
      }
      return spread.parts.map((part) => ({ ...part, line }));
    });
  }

  return {
    async request(input, options) {
      const parts = await fulfillmentLines(input, options);
      return mutate(
        returnRequestMutation,
        'returnRequest',
        {
          input: {
            orderId: input.orderId,
            returnLineItems: parts.map((part) => ({
              fulfillmentLineItemId: part.fulfillmentLineItemId,
              quantity: part.quantity,
              customerNote: part.line.customerNote ?? null,
              ...(context.reasonDefinitions[part.line.reason]
                ? { returnReasonDefinitionId: context.reasonDefinitions[part.line.reason] }
                : {}),
            })),
          },
        },
        options,
      );
    },
    approve: (returnId, options) =>
      mutate(returnApproveMutation, 'returnApproveRequest', { input: { id: returnId } }, options),
    decline: (returnId, decline, options) =>
      mutate(
        returnDeclineMutation,
        'returnDeclineRequest',
        {
          input: {
            id: returnId,
            declineReason: declineReasons[decline.reason] ?? 'OTHER',
            declineNote: decline.note ?? null,
            notifyCustomer: decline.notifyCustomer ?? false,
          },
        },
        options,
      ),
    async create(input: ReturnCreateInput, options) {
      const parts = await fulfillmentLines(input, options);
      return mutate(
        returnCreateMutation,
        'returnCreate',
        {
          input: {
            orderId: input.orderId,
            returnLineItems: parts.map((part) => ({
              fulfillmentLineItemId: part.fulfillmentLineItemId,
              quantity: part.quantity,
              returnReasonNote: part.line.reason,
              ...(context.reasonDefinitions[part.line.reason]
                ? { returnReasonDefinitionId: context.reasonDefinitions[part.line.reason] }
                : {}),
            })),
            exchangeLineItems: (input.exchangeLines ?? []).map((line) => ({
              variantId: line.variantId,
              quantity: line.quantity,
            })),
          },
        },
        options,
      );
    },
    async process(input: ReturnProcessInput, options: CreateRefundOptions) {
      const { store, shopId } = context;
      const key = options.idempotencyKey;
      if (input.refund) validateRefundPlan(input.refund);
      const fingerprint = input.refund ? await fingerprintPlan(input.refund) : `return:${input.returnId}`;
      if (store) {
        const claim = await store.claimIdempotencyKey({ shopId, key, operation: 'return-process', fingerprint });
        if (claim.outcome === 'held') {
          // Done before (processed, or refused by Shopify: nothing moved), so answer as then.
          if (claim.entry.state === 'succeeded' || claim.entry.state === 'failed')
            return claim.entry.result as ReturnResult;
          const stale = clock.now() - Date.parse(claim.entry.updatedAt) >= staleClaimMs;
          if (claim.entry.state === 'pending' && !stale) {
            throw new AftersaleError({
              code: 'idempotency_conflict',
              message: `Processing return ${input.returnId} under key ${key} is still in progress in another call; retry later with the same key.`,
              details: { idempotencyKey: key, state: claim.entry.state },
            });
          }
          // An earlier attempt crashed or lost its answer: if Shopify processed the lines, that was it.
          if (await processedOnShopify(input, options)) {
            const current = await this.get(input.returnId, options);
            if (current) {
              const result: ReturnResult = { outcome: 'ok', return: current };
              await store.recordIdempotencyOutcome({ shopId, key, state: 'succeeded', result });
              return result;
            }
          }
        }
      }
      let parentId: string | null = null;
      if (input.refund && input.refund.total.amount > 0) {
        const current = await this.get(input.returnId, options);
        if (!current)
          return { outcome: 'rejected', userErrors: [{ field: 'returnId', message: 'Return does not exist' }] };
        parentId = await paymentOf(current.orderId, options);
      }
      const refund = input.refund;
      try {
        const result = await mutate(
          returnProcessMutation,
          'returnProcess',
          {
            input: {
              returnId: input.returnId,
              returnLineItems: input.lines.map((line) => ({ id: line.returnLineId, quantity: line.quantity })),
              notifyCustomer: input.notifyCustomer ?? false,
              ...(refund?.shipping && refund.shipping.amount > 0
                ? {
                    refundShipping: {
                      shippingRefundAmount: { amount: toDecimalString(refund.shipping), currencyCode: refund.currency },
                    },
                  }
                : {}),
              ...(refund && parentId && refund.total.amount > 0
                ? {
                    financialTransfer: {
                      issueRefund: {
                        orderTransactions: [
                          {
                            parentId,
                            transactionAmount: { amount: toDecimalString(refund.total), currencyCode: refund.currency },
                          },
                        ],
                      },
                    },
                  }
                : {}),
            },
          },
          options,
        );
        if (store) {
          await store.recordIdempotencyOutcome(
            result.outcome === 'ok'
              ? { shopId, key, state: 'succeeded', result }
              : { shopId, key, state: 'failed', result, error: 'rejected by Shopify' },
          );
        }
        return result;
      } catch (error) {
        if (store)
          await store.recordIdempotencyOutcome({
            shopId,
            key,
            state: 'unknown',
            error: 'returnProcess outcome unknown',
          });
        throw error;
      }
    },
    close: (returnId, options) => mutate(returnCloseMutation, 'returnClose', { id: returnId }, options),
    cancel: (returnId, options) => mutate(returnCancelMutation, 'returnCancel', { id: returnId }, options),
    async get(returnId, options) {
      const data = parseResponse(
        z.object({ return: returnSchema.nullable() }),
        await client.request(returnQuery, { id: returnId }, { operation: 'return', signal: options?.signal }),
        'return',
      );
      return data.return ? mapShopifyReturn(data.return) : null;
    },
  };

  async function paymentOf(orderId: string, options?: AdapterCallOptions): Promise<string> {
    const data = parseResponse(
      z.object({
        order: z
          .object({ transactions: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string() })) })
          .nullable(),
      }),
      await client.request(orderRefundsQuery, { id: orderId }, { operation: 'orderRefunds', signal: options?.signal }),
      'orderRefunds',
    );
    const payment = data.order?.transactions.find(
      (transaction) =>
        transaction.status === 'SUCCESS' && (transaction.kind === 'SALE' || transaction.kind === 'CAPTURE'),
    );
    if (!payment) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Order ${orderId} has no captured payment to refund the return to.`,
        details: { orderId },
      });
    }
    return payment.id;
  }
}
