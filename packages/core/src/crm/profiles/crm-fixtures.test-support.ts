import { parseOrder } from '../../model/parse-order.js';
import type { Order, Platform } from '../../model/schemas.js';

/** A line of a test order: sku, quantity and unit price in minor units. */
export interface TestLine {
  sku: string;
  quantity?: number;
  price: number;
}

/** Settings of {@link testOrder}: only what the CRM reads. */
export interface TestOrderOptions {
  id: string;
  at: string;
  platform?: Platform;
  customerId?: string | null;
  email?: string | null;
  phone?: string | null;
  countryCode?: string;
  currency?: string;
  lines: TestLine[];
  /** Refunds: which line index, how many units, the amount refunded, and whether the units came back. */
  refunds?: Array<{ id: string; at: string; line: number; quantity: number; amount: number; returned?: boolean }>;
  cancelledAt?: string;
}

/** A valid normalized order (no tax, no shipping) for CRM tests. */
export function testOrder(options: TestOrderOptions): Order {
  const currency = options.currency ?? 'EUR';
  const money = (amount: number) => ({ amount, currency });
  const lines = options.lines.map((line, index) => ({
    id: `${options.id}-line-${index + 1}`,
    sku: line.sku,
    productId: `prod-${line.sku}`,
    title: line.sku,
    quantity: line.quantity ?? 1,
    unitPrice: money(line.price),
  }));
  const total = options.lines.reduce((sum, line) => sum + line.price * (line.quantity ?? 1), 0);
  const platform = options.platform ?? 'shopify';
  return parseOrder({
    id: options.id,
    source: { platform, id: options.id, name: `#${options.id}` },
    currency,
    taxesIncluded: true,
    createdAt: options.at,
    cancelledAt: options.cancelledAt ?? null,
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: options.customerId ? { id: options.customerId, email: options.email ?? null } : null,
    email: options.email ?? null,
    billingAddress: { phone: options.phone ?? null, countryCode: options.countryCode ?? 'TR' },
    lines,
    refunds: (options.refunds ?? []).map((refund) => ({
      id: refund.id,
      createdAt: refund.at,
      lines: [
        {
          lineItemId: `${options.id}-line-${refund.line + 1}`,
          quantity: refund.quantity,
          subtotal: money(refund.amount),
          tax: money(0),
          restockType: refund.returned === false ? 'no_restock' : 'return',
        },
      ],
      total: money(refund.amount),
    })),
    totals: { subtotal: money(total), discounts: money(0), shipping: money(0), tax: money(0), total: money(total) },
  });
}
