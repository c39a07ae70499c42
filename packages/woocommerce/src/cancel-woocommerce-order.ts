import {
  AftersaleError,
  aftersaleErrorFromZod,
  type CancelOrderInput,
  type CancelOrderResult,
  type CreateRefundOptions,
  type Order,
  remainingRefundable,
  toDecimalString,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import { buildWooCommerceRefundRequest, type WooCommerceRefundRequest } from './build-woocommerce-refund-request.js';
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
import { type WooCommerceRefund, wooCommerceOrderWithMetaSchema } from './woocommerce-schemas.js';
import { metaValue } from './woocommerce-values.js';

/** Meta key on an order aftersale cancelled: the idempotency key of the cancellation. */
export const cancelMetaKey = '_aftersale_cancel_key';

/**
 * WooCommerce statuses of an order that has shipped: `completed`, and the `shipped`, `delivered` and
 * `partially-shipped` statuses of the common shipment-tracking plugins.
 */
const shippedStatuses = new Set(['completed', 'shipped', 'delivered', 'partially-shipped', 'partial-shipped']);

const cancelInputSchema = z.object({
  orderId: z.string().min(1),
  reason: z.enum(['customer', 'inventory', 'fraud', 'declined', 'other']),
  refund: z.boolean().default(true),
  restock: z.boolean().default(true),
  note: z.string().nullish(),
  notifyCustomer: z.boolean().optional(),
});

/**
 * Cancels an unshipped WooCommerce order with the refund of what is left to refund, exactly once per
 * idempotency key:
 *
 * 1. reads the order and refuses (`rejected`, nothing sent) an order that has shipped (`completed`,
 *    or a shipment plugin's `shipped`/`delivered`) or that someone else already cancelled;
 * 2. refunds WooCommerce's remaining refundable amount (`POST /orders/{id}/refunds`, the remaining
 *    lines restocked unless `restock` is false, through the gateway when `gatewayRefunds` is on,
 *    the key in its reason and meta), unless `refund` is false or nothing is left;
 * 3. sets the status to `cancelled` (`PUT /orders/{id}`), the key in the order's meta.
 *
 * Each step looks on WooCommerce before it is sent or retried (the refund by its key, the
 * cancellation by the order's status and meta). WooCommerce keeps no cancellation date: the order's
 * `cancelledAt` is its last modification while it is `cancelled`.
 */
export function createWooCommerceCancellation(context: WooCommerceOperationContext) {
  async function cancelledByKey(orderId: string, key: string, signal?: AbortSignal): Promise<unknown | null> {
    const raw = await context.readOrNull(`orders/${orderId}`, signal);
    if (raw === null) return null;
    const order = wooCommerceOrderWithMetaSchema.safeParse(raw);
    return order.success && order.data.status === 'cancelled' && metaValue(order.data.meta_data, cancelMetaKey) === key
      ? raw
      : null;
  }

  /** The refund of everything left: each remaining unit and the shipping left, at WooCommerce's remaining amount. */
  async function refundOfTheRest(
    order: Order,
    options: { key: string; restock: boolean; note: string; signal?: AbortSignal | undefined },
  ): Promise<WooCommerceRefundRequest> {
    const remaining = remainingRefundable(order);
    const refundedUnits = new Map<string, number>();
    for (const refund of order.refunds) {
      for (const line of refund.lines)
        refundedUnits.set(line.lineItemId, (refundedUnits.get(line.lineItemId) ?? 0) + line.quantity);
    }
    const lines = order.lines
      .map((line) => ({ lineItemId: line.id, quantity: line.quantity - (refundedUnits.get(line.id) ?? 0) }))
      .filter((line) => line.quantity > 0);
    const suggestion = await context.suggestRefund({
      orderId: order.id,
      lines,
      refundShipping: true,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const body =
      suggestion.total.amount > 0
        ? buildWooCommerceRefundRequest(
            order,
            {
              orderId: order.id,
              currency: order.currency,
              lines: suggestion.lines,
              shipping: suggestion.shipping,
              total: suggestion.total,
              restock: options.restock,
              note: options.note,
            },
            { idempotencyKey: options.key, gatewayRefund: context.gatewayRefunds, metaKey: idempotencyMetaKey },
          )
        : {
            amount: toDecimalString(remaining),
            reason: `${options.note} [aftersale:${options.key}]`,
            api_refund: context.gatewayRefunds,
            api_restock: false,
            line_items: [],
            meta_data: [{ key: idempotencyMetaKey, value: options.key }],
          };
    if (suggestion.total.amount !== remaining.amount) {
      // Fees, or rounding: WooCommerce's remaining amount is what goes back; the lines still say what.
      context.logger.warn(
        { orderId: order.id, lines: toDecimalString(suggestion.total), remaining: toDecimalString(remaining) },
        'woocommerce cancellation refunds the remaining amount, which differs from its lines',
      );
    }
    return { ...body, amount: toDecimalString(remaining) };
  }

  return async function cancelOrder(
    input: CancelOrderInput,
    callOptions: CreateRefundOptions,
  ): Promise<CancelOrderResult> {
    const key = callOptions.idempotencyKey;
    const signal = callOptions.signal;
    const parsed = cancelInputSchema.safeParse(input);
    if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'cancellation' });
    const request = parsed.data;
    const fingerprint = fingerprintOf({ orderId: request.orderId, refund: request.refund, restock: request.restock });
    const claim = await claimKey(context, { key, operation: 'cancel', fingerprint, what: 'cancellation' });
    if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
    if (claim.kind === 'rejected') {
      return {
        outcome: 'rejected',
        userErrors: [{ field: 'orderId', message: claim.message, code: null }],
        idempotencyKey: key,
      };
    }
    const { succeededBefore } = claim;
    let acted = false;
    try {
      const found = /^\d+$/.test(request.orderId) ? await context.getOrderWithMeta(request.orderId, signal) : null;
      if (found === null) {
        return await reject(context, key, {
          field: 'orderId',
          message: `Order ${request.orderId} does not exist.`,
          code: 'not_found',
        });
      }
      const status = found.raw.status;
      const ours = status === 'cancelled' && metaValue(found.raw.meta_data, cancelMetaKey) === key;
      if (!ours) {
        if (succeededBefore) throw ledgerDisagrees(key, `cancellation of order ${request.orderId}`);
        if (shippedStatuses.has(status) || found.order.fulfillments.length > 0) {
          return await reject(context, key, {
            field: 'orderId',
            message: `Order ${request.orderId} is ${status}: it has shipped and cannot be cancelled; take it back as a return instead.`,
            code: 'order_shipped',
          });
        }
        if (status === 'cancelled') {
          return await reject(context, key, {
            field: 'orderId',
            message: `Order ${request.orderId} is already cancelled.`,
            code: 'order_cancelled',
          });
        }
      }

      let refund: WooCommerceRefund | null = await context.findRefundByKey(request.orderId, key, signal);
      if (refund === null && !ours && request.refund && remainingRefundable(found.order).amount > 0) {
        const body = await refundOfTheRest(found.order, {
          key,
          restock: request.restock,
          note: request.note ?? `Order cancelled (${request.reason})`,
          signal,
        });
        refund = parseWooCommerceRefund(
          await context.write('post', `orders/${request.orderId}/refunds`, body, {
            signal,
            lookup: () => context.findRefundByKey(request.orderId, key, signal),
          }),
        );
        acted = true;
      }
      if (!ours) {
        await context.write(
          'put',
          `orders/${request.orderId}`,
          { status: 'cancelled', meta_data: [{ key: cancelMetaKey, value: key }] },
          { signal, lookup: () => cancelledByKey(request.orderId, key, signal) },
        );
        acted = true;
        if (request.note != null && request.note !== '') {
          // The staff note is a courtesy: the cancellation stands whether or not it is written.
          await context
            .addOrderNote({ orderId: request.orderId, text: request.note, customerVisible: false }, signal)
            .catch((error: unknown) =>
              context.logger.warn({ orderId: request.orderId, error: String(error) }, 'cancellation note not written'),
            );
        }
      }
      const order = await context.getOrder(request.orderId, signal);
      if (order === null) {
        throw new AftersaleError({
          code: 'platform_rejected',
          message: `Order ${request.orderId} disappeared from WooCommerce while it was being cancelled; look at the order in WooCommerce before anything else.`,
        });
      }
      const refunded = refund === null ? zero(order.currency) : mapWooCommerceRefund(refund, order.currency).total;
      const platformRefundId = refund === null ? null : String(refund.id);
      await recordOutcome(context, key, 'succeeded', { platformRefundId });
      return {
        outcome: 'cancelled',
        order,
        refunded,
        platformRefundId,
        replayed: !acted,
        idempotencyKey: key,
      };
    } catch (error) {
      return settleFailure(context, key, error, { field: 'orderId', succeededBefore, signal });
    }
  };
}
