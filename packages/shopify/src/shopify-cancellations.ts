import {
  AftersaleError,
  type CancelOrderInput,
  type CancelOrderResult,
  type CreateRefundOptions,
  issuesFromZod,
  type Order,
  type PlatformUserError,
  sum,
} from '@aftersale/core';
import { z } from 'zod';
import { parseResponse } from './parse-response.js';
import { orderCancelledQuery, orderCancelMutation } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import { userErrorSchema } from './shopify-graphql-types.js';
import { claimKey, fingerprintOf, type LedgerContext, recordOutcome, runStep } from './shopify-ledger.js';
import type { ShopifyReader } from './shopify-reader.js';
import { refundMarker } from './shopify-refunds.js';

const cancelInputSchema = z.object({
  orderId: z.string().min(1),
  reason: z.enum(['customer', 'inventory', 'fraud', 'declined', 'other']),
  refund: z.boolean().optional(),
  restock: z.boolean().optional(),
  note: z.string().nullish(),
  notifyCustomer: z.boolean().optional(),
});

/** aftersale's cancel reasons as Shopify's `OrderCancelReason`. */
const cancelReasons: Record<CancelOrderInput['reason'], string> = {
  customer: 'CUSTOMER',
  inventory: 'INVENTORY',
  fraud: 'FRAUD',
  declined: 'DECLINED',
  other: 'OTHER',
};

/** Refunds this close before the key's first claim may be the cancel's own (clocks disagree). */
const reconcileWindowMs = 60_000;

/** The ledger's record of the `orderCancel` step. */
interface CancelRecord {
  jobId: string | null;
}

/** The statuses of fulfilments that hold no shipped items. */
const voidFulfillments = new Set(['CANCELLED', 'ERROR', 'FAILURE']);

const hasShipped = (order: Order): boolean =>
  order.fulfillments.some(
    (fulfillment) =>
      !voidFulfillments.has((fulfillment.status ?? '').toUpperCase()) &&
      fulfillment.lines.some((line) => line.quantity > 0),
  );

/** Settings of the cancel job's polling. */
export interface CancelPolling {
  /** Wait between two looks at the order. */
  intervalMs: number;
  /** Looks before the cancel is reported `in_progress`. */
  attempts: number;
}

/**
 * Cancels an unshipped order on Shopify with `orderCancel` (refunding to the original payments and
 * restocking by default), then polls the order until `cancelledAt` is set, since Shopify cancels in a
 * job. An order with fulfilled lines is refused before anything is sent. `refunded` is what the refunds
 * Shopify made since the key was first claimed paid back.
 */
export function createShopifyCancellations(context: {
  client: ShopifyGraphqlClient;
  reader: ShopifyReader;
  ledger: LedgerContext;
  polling: CancelPolling;
}): (input: CancelOrderInput, options: CreateRefundOptions) => Promise<CancelOrderResult> {
  const { client, reader, ledger, polling } = context;

  async function cancelledAt(orderId: string, signal?: AbortSignal): Promise<string | null> {
    const data = parseResponse(
      z.object({ order: z.object({ cancelledAt: z.string().nullish() }).nullable() }),
      await client.request(orderCancelledQuery, { id: orderId }, { operation: 'orderCancelled', signal }),
      'orderCancelled',
    );
    return data.order?.cancelledAt ?? null;
  }

  /** Shopify cancels in a job: looks at the order until it reads as cancelled, a bounded number of times. */
  async function settles(orderId: string, signal?: AbortSignal): Promise<boolean> {
    for (let look = 1; look <= polling.attempts; look++) {
      if (await cancelledAt(orderId, signal)) return true;
      if (look < polling.attempts) await ledger.clock.sleep(polling.intervalMs, signal);
    }
    return false;
  }

  function cancelled(order: Order, since: number, replayed: boolean, key: string): CancelOrderResult {
    const refunds = order.refunds.filter((refund) => Date.parse(refund.createdAt) >= since - reconcileWindowMs);
    return {
      outcome: 'cancelled',
      order,
      refunded: sum(
        refunds.map((refund) => refund.total),
        order.currency,
      ),
      platformRefundId: refunds.at(-1)?.id ?? null,
      replayed,
      idempotencyKey: key,
    };
  }

  return async function cancelOrder(input, options) {
    const key = options.idempotencyKey;
    const signal = options.signal;
    const parsed = cancelInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: 'The cancellation is invalid; see issues.',
        issues: issuesFromZod(parsed.error),
      });
    }
    const refund = input.refund ?? true;
    const restock = input.restock ?? true;
    const fingerprint = await fingerprintOf({ operation: 'order-cancel', orderId: input.orderId, refund, restock });
    const claim = await claimKey<{ orderId: string; claimedAt: number }>(ledger, {
      key,
      operation: 'order-cancel',
      fingerprint,
    });
    if (claim.kind === 'rejected') return { outcome: 'rejected', userErrors: claim.userErrors, idempotencyKey: key };
    if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
    if (claim.kind === 'replay') {
      // The ledger keeps ids, not the order: it is read again as it stands now.
      const order = await reader.getOrder(claim.result.orderId, signal);
      if (!order)
        throw new AftersaleError({
          code: 'platform_rejected',
          message: `Shopify no longer has order ${input.orderId}.`,
          details: { orderId: input.orderId },
        });
      return cancelled(order, claim.result.claimedAt, true, key);
    }
    const rejected = async (userErrors: PlatformUserError[]): Promise<CancelOrderResult> => {
      await recordOutcome(ledger, key, { state: 'failed', userErrors });
      return { outcome: 'rejected', userErrors, idempotencyKey: key };
    };
    const succeeded = async (order: Order, replayed: boolean): Promise<CancelOrderResult> => {
      await recordOutcome(ledger, key, {
        state: 'succeeded',
        result: { orderId: order.id, claimedAt: claim.claimedAt },
      });
      return cancelled(order, claim.claimedAt, replayed, key);
    };
    try {
      const order = await reader.getOrder(input.orderId, signal);
      if (!order) return rejected([{ field: 'orderId', message: 'Order does not exist', code: 'not_found' }]);
      if (order.cancelledAt) {
        // Cancelled already: by an earlier attempt under this key when reconciling, else by someone else.
        if (claim.reconcile) return succeeded(order, true);
        return rejected([
          {
            field: 'orderId',
            message: `Order ${order.id} was already cancelled at ${order.cancelledAt}`,
            code: 'already_cancelled',
          },
        ]);
      }
      if (hasShipped(order)) {
        return rejected([
          {
            field: 'orderId',
            message: `Order ${order.id} has fulfilled lines; return them instead of cancelling the order`,
            code: 'fulfilled',
          },
        ]);
      }
      let sends = 0;
      const sent = await runStep<CancelRecord>(ledger, {
        key,
        step: 'order-cancel',
        fingerprint,
        reconcile: claim.reconcile,
        signal,
        look: async () => ((await cancelledAt(input.orderId, signal)) ? { jobId: null } : null),
        send: async () => {
          sends++;
          const data = parseResponse(
            z.object({
              orderCancel: z
                .object({
                  job: z.object({ id: z.string(), done: z.boolean() }).nullish(),
                  orderCancelUserErrors: z.array(userErrorSchema),
                })
                .nullable(),
            }),
            await client.request(
              orderCancelMutation,
              {
                orderId: input.orderId,
                reason: cancelReasons[input.reason],
                restock,
                notifyCustomer: input.notifyCustomer ?? false,
                refundMethod: { originalPaymentMethodsRefund: refund },
                staffNote: [input.note ?? '', refundMarker(key)].filter((part) => part.length > 0).join(' '),
              },
              { operation: 'orderCancel', signal, idempotent: false, expectedCost: 10 },
            ),
            'orderCancel',
          );
          const payload = data.orderCancel;
          if (payload && payload.orderCancelUserErrors.length > 0 && (sends > 1 || claim.reconcile)) {
            // Refused on a resend: an earlier send's job may still be cancelling the order.
            if (await settles(input.orderId, signal)) return { ok: true, value: { jobId: null } };
          }
          if (!payload || payload.orderCancelUserErrors.length > 0) {
            return {
              ok: false,
              userErrors: (payload?.orderCancelUserErrors ?? []).map((error) => ({
                field: (error.field ?? []).join('.'),
                message: error.message,
                code: error.code ?? null,
              })),
            };
          }
          return { ok: true, value: { jobId: payload.job?.id ?? null } };
        },
      });
      if (!sent.ok) return rejected(sent.userErrors);
      if (await settles(input.orderId, signal)) {
        const done = await reader.getOrder(input.orderId, signal);
        if (done) return succeeded(done, sent.replayed);
      }
      ledger.logger.warn({ operation: 'orderCancel', orderId: input.orderId }, 'cancel job not finished yet');
      await recordOutcome(ledger, key, { state: 'unknown', error: 'orderCancel job still running' });
      return { outcome: 'in_progress', idempotencyKey: key };
    } catch (error) {
      await recordOutcome(ledger, key, {
        state: 'unknown',
        error: AftersaleError.isInstance(error) ? error.code : 'unexpected error',
      });
      throw error;
    }
  };
}
