import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { remainingRefundable } from '../model/order-helpers.js';
import type { Order } from '../model/schemas.js';
import { compare, type Money, moneySchema, zero } from '../money/money.js';
import { resolveLanguage } from '../policy/message-catalogue.js';
import { hasCapability, type RefundPlan } from '../spec/commerce-adapter.js';
import type { RefundRecord } from '../spec/store-records.js';
import { returnActorSchema } from './return-case.js';
import { describeOrderEvent, type OrderNotificationType, toOutboxEvent } from './return-notifications.js';
import { capabilityMissing, digest, platformRefused, type ReturnServiceContext } from './return-service-context.js';
import type {
  CancelOrderServiceInput,
  GoodwillRefundInput,
  OrderMoneyResult,
  ReturnServiceAdapter,
} from './return-service-types.js';

/**
 * Money moves on an order as a whole, not tied to a return: a goodwill refund and the cancellation of
 * an unshipped order. Each goes through the adapter's ledger under one key, writes a refund record
 * with its store-app event (the outbox), and answers a retry with the recorded outcome.
 */

const goodwillSchema = z.object({
  amount: moneySchema,
  reason: z.string().trim().min(1, 'give the reason for the goodwill refund'),
  note: z.string().max(2000).optional(),
  actor: returnActorSchema,
  locale: z.string().min(1),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

const cancelSchema = z.object({
  reason: z.enum(['customer', 'inventory', 'fraud', 'declined', 'other']),
  actor: returnActorSchema,
  note: z.string().max(2000).optional(),
  locale: z.string().min(1),
  refund: z.boolean().optional(),
  restock: z.boolean().optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

function orderName(order: Order): string {
  return order.source.name ?? order.id;
}

export function createOrderMoneyMoves(context: ReturnServiceContext, adapter: ReturnServiceAdapter) {
  const { shopId, store, logger } = context;

  /** True when the ledger already holds the key: a retry of a move made (or under way), whatever the order says now. */
  async function ledgerHolds(key: string): Promise<boolean> {
    if (typeof store.getIdempotencyEntry !== 'function') return false;
    const entry = await store.getIdempotencyEntry(shopId, key);
    return entry !== null && entry.state !== 'failed';
  }

  function replay(record: RefundRecord, outcome: 'refunded' | 'cancelled'): OrderMoneyResult {
    return {
      outcome,
      refundId: record.id,
      amount: record.amount,
      platformRefundId: record.platformRefundId ?? null,
      idempotencyKey: record.idempotencyKey,
      replayed: true,
    };
  }

  async function record(
    type: OrderNotificationType,
    order: Order,
    locale: string,
    facts: {
      refundId: string;
      key: string;
      amount: Money;
      platformRefundId: string | null;
      reason: string;
      plan: unknown;
      platformStatus: string;
    },
  ): Promise<void> {
    const notification = describeOrderEvent(type, {
      locale,
      orderId: order.id,
      orderName: orderName(order),
      amount: facts.amount,
      refundId: facts.refundId,
      platformRefundId: facts.platformRefundId,
      reason: facts.reason,
      at: context.at(),
    });
    await store.createRefund(
      {
        shopId,
        id: facts.refundId,
        orderId: order.id,
        returnCaseId: null,
        idempotencyKey: facts.key,
        amount: facts.amount,
        status: 'succeeded',
        plan: JSON.parse(JSON.stringify(facts.plan)),
        platformRefundId: facts.platformRefundId,
        platformStatus: facts.platformStatus,
      },
      { events: [toOutboxEvent(notification)] },
    );
    await context.announce(order.id, [notification], locale);
  }

  return {
    async goodwillRefund(input: GoodwillRefundInput): Promise<OrderMoneyResult> {
      const parsed = goodwillSchema.safeParse({ ...input, order: undefined });
      if (!parsed.success)
        throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'goodwill refund' });
      const { amount, reason, locale } = parsed.data;
      const { order } = input;
      resolveLanguage(locale);
      if (amount.currency !== order.currency) {
        throw new AftersaleError({
          code: 'currency_mismatch',
          message: `The goodwill refund is in ${amount.currency} but order ${orderName(order)} is in ${order.currency}; give the amount in the order's currency.`,
          details: { orderId: order.id },
        });
      }
      if (amount.amount <= 0) {
        throw new AftersaleError({
          code: 'invalid_amount',
          message: `A goodwill refund must be positive; got ${amount.amount} minor units.`,
          details: { orderId: order.id },
        });
      }
      const key =
        parsed.data.idempotencyKey ??
        `${shopId}:goodwill:${order.id}:${amount.amount}${amount.currency}:${digest(reason.trim())}`;
      const refundId = `rfd_gw_${digest(key)}`;
      const done = await store.getRefund(shopId, refundId);
      if (done) return replay(done, 'refunded');
      if (!(await ledgerHolds(key))) {
        const remaining = remainingRefundable(order);
        if (compare(amount, remaining) > 0) {
          throw new AftersaleError({
            code: 'exceeds_refundable',
            message: `A goodwill refund of ${amount.amount} ${amount.currency} minor units is more than the ${remaining.amount} that remain refundable on order ${orderName(order)}; refund at most that (reload the order if it changed).`,
            details: { orderId: order.id, requested: amount.amount, remaining: remaining.amount },
          });
        }
      }
      const plan: RefundPlan = {
        orderId: order.id,
        currency: order.currency,
        lines: [],
        shipping: null,
        total: amount,
        restock: false,
        note: parsed.data.note ?? null,
        notifyCustomer: false,
      };
      const result = await adapter.createRefund(plan, { idempotencyKey: key });
      if (result.outcome === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
      if (result.outcome === 'rejected') {
        throw platformRefused(
          'issue the goodwill refund',
          `order ${orderName(order)}`,
          result.userErrors,
          'refund_rejected',
        );
      }
      await record('goodwill-refund-issued', order, locale, {
        refundId,
        key,
        amount,
        platformRefundId: result.platformRefundId,
        reason: reason.trim(),
        plan: { ...plan, reason: reason.trim(), actor: parsed.data.actor },
        platformStatus: 'refunded',
      });
      logger.info({ orderId: order.id, refundId, replayed: result.replayed }, 'goodwill refund issued');
      return {
        outcome: 'refunded',
        refundId,
        amount,
        platformRefundId: result.platformRefundId,
        idempotencyKey: key,
        replayed: result.replayed,
      };
    },

    async cancelOrder(input: CancelOrderServiceInput): Promise<OrderMoneyResult> {
      const parsed = cancelSchema.safeParse({ ...input, order: undefined });
      if (!parsed.success)
        throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'order cancellation' });
      const { order } = input;
      const { locale } = parsed.data;
      resolveLanguage(locale);
      if (!hasCapability(adapter, 'cancellations') || typeof adapter.cancelOrder !== 'function') {
        throw capabilityMissing('cancellations', 'Cancelling an order');
      }
      const key = parsed.data.idempotencyKey ?? `${shopId}:cancel:${order.id}`;
      const refundId = `rfd_cx_${digest(key)}`;
      const done = await store.getRefund(shopId, refundId);
      if (done) return replay(done, 'cancelled');
      if (!(await ledgerHolds(key))) {
        const shipped = order.fulfillments
          .flatMap((fulfillment) => fulfillment.lines)
          .filter((line) => line.quantity > 0);
        if (
          order.cancelledAt ||
          shipped.length > 0 ||
          order.fulfillmentStatus === 'fulfilled' ||
          order.fulfillmentStatus === 'partially_fulfilled'
        ) {
          throw new AftersaleError({
            code: 'order_not_cancellable',
            message: order.cancelledAt
              ? `Order ${orderName(order)} was cancelled already (${order.cancelledAt}).`
              : `Order ${orderName(order)} has fulfilled lines (${[...new Set(shipped.map((line) => line.lineItemId))].join(', ') || order.fulfillmentStatus}); a shipped order is not cancelled: take the items back with a return case, or refund with goodwillRefund.`,
            details: { orderId: order.id, fulfillmentStatus: order.fulfillmentStatus },
          });
        }
      }
      const result = await adapter.cancelOrder(
        {
          orderId: order.id,
          reason: parsed.data.reason,
          refund: parsed.data.refund ?? true,
          restock: parsed.data.restock ?? true,
          note: parsed.data.note ?? null,
          notifyCustomer: false,
        },
        { idempotencyKey: key },
      );
      if (result.outcome === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
      if (result.outcome === 'rejected') {
        throw platformRefused('cancel the order', `order ${orderName(order)}`, result.userErrors);
      }
      const amount = result.refunded ?? zero(order.currency);
      await record('order-cancelled', order, locale, {
        refundId,
        key,
        amount,
        platformRefundId: result.platformRefundId,
        reason: parsed.data.reason,
        plan: {
          kind: 'cancellation',
          reason: parsed.data.reason,
          actor: parsed.data.actor,
          refund: parsed.data.refund ?? true,
        },
        platformStatus: 'cancelled',
      });
      logger.info({ orderId: order.id, refundId, replayed: result.replayed }, 'order cancelled');
      return {
        outcome: 'cancelled',
        refundId,
        amount,
        platformRefundId: result.platformRefundId,
        idempotencyKey: key,
        replayed: result.replayed,
      };
    },
  };
}
