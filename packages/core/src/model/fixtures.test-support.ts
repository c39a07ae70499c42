import type { OrderInput } from './schemas.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** 2 × 100.00 EUR with a 20.00 order discount and 10 % tax on top: the refund trap order. */
export function trapOrder(): OrderInput {
  return {
    id: 'order-1',
    source: { platform: 'custom', id: '1', name: '#1001', rawStatus: { financial: 'paid' } },
    currency: 'EUR',
    taxesIncluded: false,
    createdAt: '2026-11-01T09:00:00+03:00',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: { id: 'c1', email: 'ayse@example.com' },
    lines: [
      {
        id: 'line-1',
        title: 'Shirt',
        quantity: 2,
        unitPrice: eur(10000),
        discountAllocations: [{ amount: eur(2000), level: 'order', code: 'WELCOME20' }],
        taxLines: [{ title: 'VAT', rate: 0.1, amount: eur(1800) }],
      },
    ],
    fulfillments: [
      {
        id: 'f1',
        lines: [{ lineItemId: 'line-1', quantity: 1 }],
        shippedAt: '2026-11-02T10:00:00Z',
        deliveredAt: '2026-11-04T12:00:00Z',
      },
      {
        id: 'f2',
        lines: [{ lineItemId: 'line-1', quantity: 1 }],
        shippedAt: '2026-11-03T10:00:00Z',
        deliveredAt: null,
      },
    ],
    totals: { subtotal: eur(20000), discounts: eur(2000), shipping: eur(0), tax: eur(1800), total: eur(19800) },
  };
}
