import { parseOrder } from '../model/parse-order.js';
import type { LineItem, Order, OrderInput } from '../model/schemas.js';
import { money } from '../money/money.js';

/** Test helper (not exported from the package): a line of `quantity` units at `unitPrice` minor units. */
export interface TestLine {
  id: string;
  quantity: number;
  unitPrice: number;
  lineDiscount?: number;
  orderDiscount?: number;
  /** Tax lines for the whole line: [rate, amount in minor units]. */
  taxes?: [number, number][];
  tags?: string[];
  type?: string;
  vendor?: string;
  categories?: string[];
  sku?: string;
  giftCard?: boolean;
  properties?: Record<string, string>;
}

/** Test helper: builds a valid order from a few facts, through `parseOrder`. */
export function testOrder(options: {
  currency: string;
  taxesIncluded?: boolean;
  lines: TestLine[];
  shipping?: { price: number; taxes?: [number, number][] };
  createdAt?: string;
  fulfillments?: OrderInput['fulfillments'];
  refunds?: OrderInput['refunds'];
  transactions?: OrderInput['transactions'];
  country?: string;
  tags?: string[];
  discountCodes?: string[];
}): Order {
  const { currency } = options;
  const m = (amount: number) => money(amount, currency);
  const lines: OrderInput['lines'] = options.lines.map((line) => ({
    id: line.id,
    title: `Item ${line.id}`,
    sku: line.sku ?? null,
    quantity: line.quantity,
    unitPrice: m(line.unitPrice),
    discountAllocations: [
      ...(line.lineDiscount ? [{ amount: m(line.lineDiscount), level: 'line' as const }] : []),
      ...(line.orderDiscount ? [{ amount: m(line.orderDiscount), level: 'order' as const }] : []),
    ],
    taxLines: (line.taxes ?? []).map(([rate, amount]) => ({ title: `VAT ${rate}`, rate, amount: m(amount) })),
    product: {
      tags: line.tags ?? [],
      type: line.type ?? null,
      vendor: line.vendor ?? null,
      categories: line.categories ?? [],
    },
    giftCard: line.giftCard ?? false,
    properties: line.properties ?? {},
  }));
  const parsedLines = lines as LineItem[];
  const taxesIncluded = options.taxesIncluded ?? false;
  let subtotal = 0;
  let discounts = 0;
  let tax = 0;
  for (const line of options.lines) {
    subtotal += line.unitPrice * line.quantity;
    discounts += (line.lineDiscount ?? 0) + (line.orderDiscount ?? 0);
    tax += (line.taxes ?? []).reduce((all, [, amount]) => all + amount, 0);
  }
  const shippingPrice = options.shipping?.price ?? 0;
  const shippingTax = (options.shipping?.taxes ?? []).reduce((all, [, amount]) => all + amount, 0);
  tax += shippingTax;
  const total = subtotal - discounts + shippingPrice + (taxesIncluded ? 0 : tax);
  return parseOrder({
    id: 'ord_1',
    source: { platform: 'custom', id: '1001', name: '#1001' },
    currency,
    taxesIncluded,
    createdAt: options.createdAt ?? '2026-03-02T10:00:00Z',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    shippingAddress: { countryCode: options.country ?? 'TR' },
    tags: options.tags ?? [],
    discountCodes: options.discountCodes ?? [],
    lines: parsedLines,
    shippingLines: options.shipping
      ? [
          {
            id: 'ship_1',
            title: 'Standard',
            price: m(shippingPrice),
            taxLines: (options.shipping.taxes ?? []).map(([rate, amount]) => ({
              title: `VAT ${rate}`,
              rate,
              amount: m(amount),
            })),
          },
        ]
      : [],
    fulfillments: options.fulfillments ?? [],
    refunds: options.refunds ?? [],
    transactions: options.transactions ?? [],
    totals: {
      subtotal: m(subtotal),
      discounts: m(discounts),
      shipping: m(shippingPrice),
      tax: m(tax),
      total: m(total),
    },
  });
}
