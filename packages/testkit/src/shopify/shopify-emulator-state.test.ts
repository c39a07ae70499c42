import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EmulatedLine, type EmulatedOrder, type EmulatedRefund, EmulatorState } from './shopify-emulator-state.js';

/** A line and its order with only what the refund arithmetic reads. */
function lineOf(quantity: number, unitPrice: number, discount: number, tax: number, taxesIncluded: boolean) {
  const line = {
    id: 'gid://shopify/LineItem/1',
    quantity,
    unitPrice,
    discounts: discount === 0 ? [] : [{ amount: discount, targetSelection: 'ALL', code: null, title: null }],
    taxLines: [{ title: 'KDV', rate: 0.2, amount: tax }],
  } as unknown as EmulatedLine;
  const order = { taxesIncluded, lines: [line], refunds: [] as EmulatedRefund[] } as unknown as EmulatedOrder;
  return { line, order };
}

describe("the emulator's refund arithmetic", () => {
  it('gives back exactly what a line charged when its units are refunded a few at a time, never a cent more', () => {
    const state = new EmulatorState();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (quantity, unitPrice, discountPercent, tax, taxesIncluded, chunks) => {
          const discount = Math.floor((unitPrice * quantity * discountPercent) / 100);
          const { line, order } = lineOf(quantity, unitPrice, discount, tax, taxesIncluded);
          const whole = state.lineRefund(order, line, quantity);
          let left = quantity;
          const given = { subtotal: 0, tax: 0 };
          for (const chunk of [...chunks, quantity]) {
            if (left === 0) break;
            const units = Math.min(chunk, left);
            const part = state.lineRefund(order, line, units);
            given.subtotal += part.subtotal;
            given.tax += part.tax;
            order.refunds.push({
              lines: [{ lineItemId: line.id, quantity: units, ...part, restockType: 'NO_RESTOCK' }],
            } as unknown as EmulatedRefund);
            left -= units;
          }
          expect(given).toEqual(whole);
          expect(given.tax).toBe(tax);
        },
      ),
    );
  });

  it('splits a two-unit line tax of 15.93 as 7.97 then 7.96', () => {
    const state = new EmulatorState();
    const { line, order } = lineOf(2, 3995, 0, 1593, false);
    const first = state.lineRefund(order, line, 1);
    order.refunds.push({
      lines: [{ lineItemId: line.id, quantity: 1, ...first, restockType: 'NO_RESTOCK' }],
    } as unknown as EmulatedRefund);
    expect(first.tax).toBe(797);
    expect(state.lineRefund(order, line, 1).tax).toBe(796);
  });
});
