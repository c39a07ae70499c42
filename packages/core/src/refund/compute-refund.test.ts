import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { linePayment } from '../model/order-helpers.js';
import type { Order } from '../model/schemas.js';
import { money } from '../money/money.js';
import { computeRefund } from './compute-refund.js';
import { testOrder } from './test-order.js';

const usd = (amount: number) => money(amount, 'USD');
const tryMoney = (amount: number) => money(amount, 'TRY');

/** Records a plan on the order as the platform would, so the next refund sees it. */
function withRefund(order: Order, plan: ReturnType<typeof computeRefund>, id: string): Order {
  return {
    ...order,
    refunds: [
      ...order.refunds,
      {
        id,
        createdAt: '2026-03-10T10:00:00Z',
        lines: plan.lines.map((line) => ({
          lineItemId: line.lineItemId,
          quantity: line.quantity,
          subtotal: line.amount,
          tax: line.tax,
        })),
        shipping: plan.shipping,
        total: plan.total,
      },
    ],
  };
}

describe('computeRefund', () => {
  it('100 × 2, order discount 20, 10% tax on top, one unit returned: 99.00 (not 97.90)', () => {
    const order = testOrder({
      currency: 'USD',
      lines: [{ id: 'l1', quantity: 2, unitPrice: 10000, orderDiscount: 2000, taxes: [[0.1, 1800]] }],
    });
    const plan = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    const line = plan.lines[0];
    expect(line?.listed).toEqual(usd(10000));
    expect(line?.orderDiscount).toEqual(usd(1000));
    expect(line?.amount).toEqual(usd(9000));
    expect(line?.tax).toEqual(usd(900));
    expect(plan.total).toEqual(usd(9900));
    expect(plan.tenders).toEqual([{ kind: 'original_payment', gateway: null, amount: usd(9900) }]);
    expect(plan.remaining).toEqual({ before: usd(19800), after: usd(9900) });
  });

  it('tax-inclusive TRY prices: takes the included KDV out of the refund, not on top', () => {
    // 3 × ₺119,99 with 20 % KDV included: gross 359,97, KDV 59,99 (rounded once for the line).
    const order = testOrder({
      currency: 'TRY',
      taxesIncluded: true,
      lines: [{ id: 'l1', quantity: 3, unitPrice: 11999, taxes: [[0.2, 5999]] }],
    });
    const plan = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 2 }] });
    expect(plan.lines[0]?.tax).toEqual(tryMoney(4000)); // units 1 and 2 of 59,99 → 20,00 + 20,00
    expect(plan.lines[0]?.amount).toEqual(tryMoney(23998 - 4000));
    expect(plan.total).toEqual(tryMoney(23998));
    const rest = computeRefund(withRefund(order, plan, 'r1'), { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(rest.lines[0]?.tax).toEqual(tryMoney(1999));
    expect(rest.total).toEqual(tryMoney(11999));
  });

  it('a second partial refund after a first takes the next units, and the parts add up to the line', () => {
    // 3 × 10.00 with an order discount of 10.00: 3.34 + 3.33 + 3.33.
    const order = testOrder({
      currency: 'EUR',
      lines: [{ id: 'l1', quantity: 3, unitPrice: 1000, orderDiscount: 1000, taxes: [[0.19, 380]] }],
    });
    const first = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(first.lines[0]?.orderDiscount).toEqual(money(334, 'EUR'));
    const afterFirst = withRefund(order, first, 'r1');
    const second = computeRefund(afterFirst, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(second.lines[0]?.orderDiscount).toEqual(money(333, 'EUR'));
    const afterSecond = withRefund(afterFirst, second, 'r2');
    const third = computeRefund(afterSecond, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(first.total.amount + second.total.amount + third.total.amount).toBe(linePayment(order, 'l1').paid.amount);
    expect(third.remaining.after).toEqual(money(0, 'EUR'));
  });

  it('a third refund asking for more than remains is a typed error', () => {
    const order = testOrder({ currency: 'USD', lines: [{ id: 'l1', quantity: 3, unitPrice: 500 }] });
    const first = withRefund(order, computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] }), 'r1');
    const second = withRefund(first, computeRefund(first, { lines: [{ lineItemId: 'l1', quantity: 1 }] }), 'r2');
    let caught: unknown;
    try {
      computeRefund(second, { lines: [{ lineItemId: 'l1', quantity: 2 }] });
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'exceeds_refundable')).toBe(true);
    expect((caught as AftersaleError).details).toMatchObject({ requested: 2, refundable: 1 });
  });

  it('an unknown line and a malformed selection are typed errors', () => {
    const order = testOrder({ currency: 'USD', lines: [{ id: 'l1', quantity: 1, unitPrice: 500 }] });
    expect(() => computeRefund(order, { lines: [{ lineItemId: 'nope', quantity: 1 }] })).toThrow(
      expect.objectContaining({ code: 'unknown_line_item' }),
    );
    expect(() => computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 0 }] })).toThrow(
      expect.objectContaining({ code: 'invalid_return_request' }),
    );
    expect(() =>
      computeRefund(order, {
        lines: [
          { lineItemId: 'l1', quantity: 1 },
          { lineItemId: 'l1', quantity: 1 },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_return_request' }));
  });

  it('several tax rates in one order, each refunded on its own', () => {
    const order = testOrder({
      currency: 'TRY',
      lines: [
        { id: 'food', quantity: 2, unitPrice: 5000, taxes: [[0.01, 100]] },
        { id: 'shirt', quantity: 1, unitPrice: 30000, taxes: [[0.2, 6000]] },
      ],
    });
    const plan = computeRefund(order, {
      lines: [
        { lineItemId: 'food', quantity: 1 },
        { lineItemId: 'shirt', quantity: 1 },
      ],
    });
    expect(plan.lines.map((line) => line.taxes.map((tax) => [tax.rate, tax.amount.amount]))).toEqual([
      [[0.01, 50]],
      [[0.2, 6000]],
    ]);
    expect(plan.tax).toEqual(tryMoney(6050));
    expect(plan.total).toEqual(tryMoney(5050 + 36000));
  });

  it('zero-decimal currencies: yen split over units without fractions', () => {
    const order = testOrder({
      currency: 'JPY',
      lines: [{ id: 'l1', quantity: 3, unitPrice: 1000, orderDiscount: 100, taxes: [[0.1, 290]] }],
    });
    const plan = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(plan.lines[0]?.orderDiscount).toEqual(money(34, 'JPY'));
    expect(plan.lines[0]?.tax).toEqual(money(97, 'JPY'));
    expect(plan.total).toEqual(money(1000 - 34 + 97, 'JPY'));
  });

  it('shipping: remaining on a full return, proportional on a part, and never twice', () => {
    const order = testOrder({
      currency: 'EUR',
      lines: [
        { id: 'a', quantity: 1, unitPrice: 3000 },
        { id: 'b', quantity: 1, unitPrice: 1000 },
      ],
      shipping: { price: 490 },
    });
    const part = computeRefund(order, { lines: [{ lineItemId: 'b', quantity: 1 }], shipping: 'proportional' });
    expect(part.shipping).toEqual(money(123, 'EUR')); // 4.90 × 10/40 = 1.225 → 1.23
    const after = withRefund(order, part, 'r1');
    const rest = computeRefund(after, { lines: [{ lineItemId: 'a', quantity: 1 }], shipping: 'remaining' });
    expect(rest.shipping).toEqual(money(367, 'EUR'));
    expect(part.total.amount + rest.total.amount).toBe(order.totals.total.amount);
    const none = computeRefund(order, { lines: [{ lineItemId: 'a', quantity: 1 }] });
    expect(none.shipping).toEqual(money(0, 'EUR'));
  });

  it('deductions come off the total with their tax, and never push it below zero', () => {
    const order = testOrder({ currency: 'USD', lines: [{ id: 'l1', quantity: 1, unitPrice: 500 }] });
    const plan = computeRefund(order, {
      lines: [{ lineItemId: 'l1', quantity: 1 }],
      deductions: [{ code: 'return_shipping', amount: usd(599), tax: usd(100) }],
    });
    expect(plan.total).toEqual(usd(0));
    expect(plan.adjustments).toEqual([{ code: 'deduction_cap', lineItemId: null, amount: usd(99) }]);
    const fee = computeRefund(order, {
      lines: [{ lineItemId: 'l1', quantity: 1 }],
      deductions: [{ code: 'restocking', amount: usd(50), tax: usd(0) }],
    });
    expect(fee.total).toEqual(usd(450));
    expect(fee.deductionsTotal).toEqual(usd(50));
  });

  it('caps a line at what was paid minus what a platform already refunded for it', () => {
    const base = testOrder({ currency: 'USD', lines: [{ id: 'l1', quantity: 2, unitPrice: 1000 }] });
    // The platform refunded 15.00 for one unit (more than its 10.00 share).
    const order: Order = {
      ...base,
      refunds: [
        {
          id: 'r1',
          createdAt: '2026-03-05T00:00:00Z',
          lines: [{ lineItemId: 'l1', quantity: 1, subtotal: usd(1500), tax: usd(0) }],
          shipping: null,
          total: usd(1500),
        },
      ],
    };
    const plan = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(plan.total).toEqual(usd(500));
    expect(plan.lines[0]?.capped).toEqual(usd(500));
    expect(plan.adjustments[0]?.code).toBe('line_cap');
  });

  it('money paid by gift card goes back to the gift card, never to a card', () => {
    const order = testOrder({
      currency: 'USD',
      lines: [{ id: 'l1', quantity: 2, unitPrice: 5000 }],
      transactions: [
        { id: 't1', kind: 'sale', status: 'success', gateway: 'gift_card', amount: usd(3000), giftCard: true },
        { id: 't2', kind: 'sale', status: 'success', gateway: 'stripe', amount: usd(7000) },
      ],
    });
    const proportional = computeRefund(order, { lines: [{ lineItemId: 'l1', quantity: 1 }] });
    expect(proportional.tenders).toEqual([
      { kind: 'gift_card', gateway: 'gift_card', amount: usd(1500) },
      { kind: 'original_payment', gateway: 'stripe', amount: usd(3500) },
    ]);
    const all = computeRefund(
      order,
      { lines: [{ lineItemId: 'l1', quantity: 2 }] },
      { tenderOrder: 'original_payment_first' },
    );
    expect(all.tenders).toEqual([
      { kind: 'gift_card', gateway: 'gift_card', amount: usd(3000) },
      { kind: 'original_payment', gateway: 'stripe', amount: usd(7000) },
    ]);
    const cardFirst = computeRefund(
      order,
      { lines: [{ lineItemId: 'l1', quantity: 1 }] },
      { tenderOrder: 'original_payment_first' },
    );
    expect(cardFirst.tenders).toEqual([{ kind: 'original_payment', gateway: 'stripe', amount: usd(5000) }]);
  });
});

describe('computeRefund properties', () => {
  const lineArbitrary = fc.record({
    quantity: fc.integer({ min: 1, max: 6 }),
    unitPrice: fc.integer({ min: 1, max: 100_000 }),
    lineDiscountPercent: fc.integer({ min: 0, max: 50 }),
    orderDiscountPercent: fc.integer({ min: 0, max: 50 }),
    taxPercent: fc.constantFrom(0, 1, 8, 10, 18, 20),
  });
  const orderArbitrary = fc.record({
    taxesIncluded: fc.boolean(),
    currency: fc.constantFrom('USD', 'TRY', 'JPY', 'KWD'),
    lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 4 }),
    shipping: fc.integer({ min: 0, max: 5000 }),
  });

  type OrderSpec = typeof orderArbitrary extends fc.Arbitrary<infer T> ? T : never;

  function build(spec: OrderSpec): Order {
    return testOrder({
      currency: spec.currency,
      taxesIncluded: spec.taxesIncluded,
      shipping: { price: spec.shipping },
      lines: spec.lines.map((line, index) => {
        const listed = line.quantity * line.unitPrice;
        const lineDiscount = Math.floor((listed * line.lineDiscountPercent) / 100);
        const orderDiscount = Math.floor(((listed - lineDiscount) * line.orderDiscountPercent) / 100);
        const base = listed - lineDiscount - orderDiscount;
        const tax = spec.taxesIncluded
          ? Math.round((base * line.taxPercent) / (100 + line.taxPercent))
          : Math.round((base * line.taxPercent) / 100);
        return {
          id: `l${index}`,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          lineDiscount,
          orderDiscount,
          taxes: [[line.taxPercent / 100, tax]],
        };
      }),
    });
  }

  it('refunding every unit in any order of partial refunds returns exactly what was paid, never more', () => {
    fc.assert(
      fc.property(orderArbitrary, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (spec, picks) => {
        let order = build(spec);
        const paid = order.totals.total.amount;
        let refunded = 0;
        let step = 0;
        for (;;) {
          const open = order.lines
            .map((line) => ({
              line,
              left:
                line.quantity -
                order.refunds
                  .flatMap((r) => r.lines)
                  .filter((l) => l.lineItemId === line.id)
                  .reduce((a, l) => a + l.quantity, 0),
            }))
            .filter((entry) => entry.left > 0);
          if (open.length === 0) break;
          const pick = picks[step % picks.length] ?? 0;
          const entry = open[pick % open.length];
          if (entry === undefined) break;
          const quantity = 1 + (pick % entry.left);
          const plan = computeRefund(order, {
            lines: [{ lineItemId: entry.line.id, quantity }],
            shipping: step % 2 === 0 ? 'proportional' : 'remaining',
          });
          expect(plan.total.amount).toBeGreaterThanOrEqual(0);
          expect(plan.total.amount).toBeLessThanOrEqual(plan.remaining.before.amount);
          expect(plan.subtotal.amount + plan.lines.reduce((a, l) => a + l.tax.amount, 0)).toBe(plan.goods.amount);
          expect(plan.tenders.reduce((a, tender) => a + tender.amount.amount, 0)).toBe(plan.total.amount);
          refunded += plan.total.amount;
          order = withRefund(order, plan, `r${step}`);
          step += 1;
        }
        // All goods back; shipping may lag only by what proportional shares left, which "remaining" takes.
        const goodsPaid = order.lines.reduce((a, line) => a + linePayment(order, line.id).paid.amount, 0);
        expect(refunded).toBeLessThanOrEqual(paid);
        expect(refunded).toBeGreaterThanOrEqual(goodsPaid);
      }),
      { numRuns: 150 },
    );
  });

  it('a line refunded unit by unit conserves every cent of its price, discounts and taxes', () => {
    fc.assert(
      fc.property(orderArbitrary, (spec) => {
        let order = build(spec);
        for (const line of order.lines) {
          let total = 0;
          let discount = 0;
          let tax = 0;
          for (let unit = 0; unit < line.quantity; unit++) {
            const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: 1 }] });
            const planned = plan.lines[0];
            if (planned === undefined) throw new Error('no line');
            total += planned.total.amount;
            discount += planned.lineDiscount.amount + planned.orderDiscount.amount;
            tax += planned.tax.amount;
            order = withRefund(order, plan, `r${line.id}${unit}`);
          }
          const payment = linePayment(order, line.id);
          expect(total).toBe(payment.paid.amount);
          expect(discount).toBe(payment.lineDiscount.amount + payment.orderDiscount.amount);
          expect(tax).toBe(payment.tax.amount);
        }
      }),
      { numRuns: 150 },
    );
  });
});
