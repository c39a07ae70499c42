import { add, negate, type Refund, type RefundLine, sum } from '@aftersale/core';
import type { WooCommerceRefund } from './woocommerce-schemas.js';
import { metaValue, wooMoney, wooTimestamp } from './woocommerce-values.js';

/** Meta key where aftersale writes the idempotency key of the refund it created. */
export const idempotencyMetaKey = '_aftersale_idempotency_key';

/**
 * Maps a WooCommerce refund (from `GET /orders/{id}/refunds`) to core's `Refund`. WooCommerce
 * stores refunded lines with negative quantities and amounts and names the order line in the
 * `_refunded_item_id` meta; aftersale's lines are positive.
 */
export function mapWooCommerceRefund(refund: WooCommerceRefund, currency: string): Refund {
  const lines: RefundLine[] = [];
  for (const item of refund.line_items) {
    const lineItemId = metaValue(item.meta_data, '_refunded_item_id') ?? String(item.id);
    lines.push({
      lineItemId,
      quantity: Math.abs(item.quantity),
      subtotal: negate(wooMoney(item.total, currency)),
      tax: negate(wooMoney(item.total_tax, currency)),
      restockType: null,
    });
  }
  const shipping =
    refund.shipping_lines.length === 0
      ? null
      : negate(
          sum(
            refund.shipping_lines.map((line) =>
              add(wooMoney(line.total, currency), wooMoney(line.total_tax, currency)),
            ),
            currency,
          ),
        );
  const createdAt = wooTimestamp(refund.date_created_gmt, refund.date_created) ?? new Date(0).toISOString();
  return {
    id: String(refund.id),
    platformId: String(refund.id),
    createdAt,
    note: refund.reason ?? null,
    lines,
    shipping,
    total: wooMoney(refund.amount, currency),
  };
}

/** The aftersale idempotency key recorded on a WooCommerce refund, if aftersale created it. */
export function refundIdempotencyKey(refund: WooCommerceRefund): string | null {
  const fromMeta = metaValue(refund.meta_data, idempotencyMetaKey);
  if (fromMeta !== null) return fromMeta;
  const match = /\[aftersale:([^\]]+)\]/.exec(refund.reason ?? '');
  return match?.[1] ?? null;
}
