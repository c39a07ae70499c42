import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money, sum } from '../money/money.js';
import { trapOrder } from './fixtures.test-support.js';
import {
  lineDelivery,
  linePayment,
  refundableQuantity,
  refundedAmountForLine,
  refundedQuantities,
  remainingRefundable,
  totalRefunded,
} from './order-helpers.js';
import { parseOrder } from './parse-order.js';
import type { OrderInput } from './schemas.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('order helpers', () => {
  it('computes what the customer paid per line and per unit (tax on top)', () => {
    const payment = linePayment(parseOrder(trapOrder()), 'line-1');
    expect(payment.listed).toEqual(money(20000, 'EUR'));
    expect(payment.orderDiscount).toEqual(money(2000, 'EUR'));
    expect(payment.lineDiscount).toEqual(money(0, 'EUR'));
    expect(payment.net).toEqual(money(18000, 'EUR'));
    expect(payment.tax).toEqual(money(1800, 'EUR'));
    expect(payment.paid).toEqual(money(19800, 'EUR'));
    expect(payment.perUnit).toEqual([money(9900, 'EUR'), money(9900, 'EUR')]); // 99.00 each, not 97.90
  });

  it('computes what the customer paid with tax-inclusive TRY prices', () => {
    const order = parseOrder({
      ...trapOrder(),
      currency: 'TRY',
      taxesIncluded: true,
      lines: [
        {
          id: 'l',
          title: 'Çay bardağı',
          quantity: 3,
          unitPrice: { amount: 10000, currency: 'TRY' },
          discountAllocations: [{ amount: { amount: 1000, currency: 'TRY' }, level: 'line' }],
          taxLines: [{ title: 'KDV %20', rate: 0.2, amount: { amount: 4833, currency: 'TRY' } }],
        },
      ],
      fulfillments: [],
      totals: {
        subtotal: { amount: 30000, currency: 'TRY' },
        discounts: { amount: 1000, currency: 'TRY' },
        shipping: { amount: 0, currency: 'TRY' },
        tax: { amount: 4833, currency: 'TRY' },
        total: { amount: 29000, currency: 'TRY' },
      },
    });
    const payment = linePayment(order, 'l');
    expect(payment.paid).toEqual(money(29000, 'TRY'));
    expect(payment.net).toEqual(money(24167, 'TRY'));
    expect(payment.perUnit.map((m) => m.amount)).toEqual([9667, 9667, 9666]);
  });

  it('tracks refunded quantities and amounts', () => {
    const input: OrderInput = {
      ...trapOrder(),
      refunds: [
        {
          id: 'r1',
          createdAt: '2026-11-06T10:00:00Z',
          lines: [{ lineItemId: 'line-1', quantity: 1, subtotal: eur(9000), tax: eur(900) }],
          total: eur(9900),
        },
      ],
    };
    const order = parseOrder(input);
    expect(refundedQuantities(order).get('line-1')).toBe(1);
    expect(refundableQuantity(order, 'line-1')).toBe(1);
    expect(refundedAmountForLine(order, 'line-1')).toEqual(money(9900, 'EUR'));
    expect(totalRefunded(order)).toEqual(money(9900, 'EUR'));
    expect(remainingRefundable(order)).toEqual(money(9900, 'EUR'));
    expect(() => refundableQuantity(order, 'missing')).toThrow(AftersaleError);
  });

  it('knows when each line was delivered (the last unit counts)', () => {
    const order = parseOrder(trapOrder());
    expect(lineDelivery(order, 'line-1')).toEqual({
      deliveredQuantity: 1,
      shippedQuantity: 2,
      firstDeliveredAt: '2026-11-04T12:00:00Z',
      deliveredAt: null,
      shippedAt: '2026-11-03T10:00:00Z',
    });
    const input = trapOrder();
    const delivered = parseOrder({
      ...input,
      fulfillments: (input.fulfillments ?? []).map((f, i) => ({ ...f, deliveredAt: `2026-11-0${5 + i}T12:00:00Z` })),
    });
    expect(lineDelivery(delivered, 'line-1').deliveredAt).toBe('2026-11-06T12:00:00Z');
  });

  it('property: per-unit payments always sum to the line payment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (unit, quantity, discountPercent, taxesIncluded) => {
          const listed = unit * quantity;
          const discount = Math.floor((listed * discountPercent) / 100);
          const tax = Math.floor((listed - discount) / 10);
          const order = parseOrder({
            ...trapOrder(),
            taxesIncluded,
            fulfillments: [],
            lines: [
              {
                id: 'l',
                title: 't',
                quantity,
                unitPrice: eur(unit),
                discountAllocations: [{ amount: eur(discount), level: 'order' }],
                taxLines: [{ title: 'VAT', rate: 0.1, amount: eur(tax) }],
              },
            ],
          });
          const payment = linePayment(order, 'l');
          expect(sum(payment.perUnit, 'EUR')).toEqual(payment.paid);
          expect(payment.perUnit).toHaveLength(quantity);
        },
      ),
    );
  });
});
