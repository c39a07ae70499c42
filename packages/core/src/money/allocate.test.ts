import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { allocate, split } from './allocate.js';
import { money, sum } from './money.js';

describe('allocate', () => {
  it('splits by largest remainder and conserves the total', () => {
    expect(allocate(money(1000, 'EUR'), [1, 1, 1]).map((m) => m.amount)).toEqual([334, 333, 333]);
    expect(allocate(money(100, 'EUR'), [70, 30]).map((m) => m.amount)).toEqual([70, 30]);
    // 5 × [0.3, 0.3, 0.4] = 1.5, 1.5, 2 → floors 1,1,2 → the first .5 gets the extra unit
    expect(allocate(money(5, 'USD'), [3, 3, 4]).map((m) => m.amount)).toEqual([2, 1, 2]);
    expect(allocate(money(-1000, 'EUR'), [1, 1, 1]).map((m) => m.amount)).toEqual([-334, -333, -333]);
    expect(allocate(money(7, 'JPY'), ['0.18', '0.08']).map((m) => m.amount)).toEqual([5, 2]);
    expect(allocate(money(10, 'EUR'), [0, 1]).map((m) => m.amount)).toEqual([0, 10]);
    expect(split(money(100, 'TRY'), 3).map((m) => m.amount)).toEqual([34, 33, 33]);
  });

  it('refuses empty, negative or all-zero weights', () => {
    expect(() => allocate(money(1, 'EUR'), [])).toThrow(AftersaleError);
    expect(() => allocate(money(1, 'EUR'), [0, 0])).toThrow(/every weight is zero/);
    expect(() => allocate(money(1, 'EUR'), [1, -1])).toThrow(/non-negative/);
    expect(() => split(money(1, 'EUR'), 0)).toThrow(AftersaleError);
  });

  it('property: parts sum exactly to the total, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const total = money(amount, 'TRY');
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sum(parts, 'TRY')).toEqual(total);
          const weightTotal = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, index) => {
            const exact = (BigInt(amount) * BigInt(weights[index] ?? 0)) / BigInt(weightTotal);
            expect(Math.abs(part.amount - Number(exact))).toBeLessThanOrEqual(1);
            if (weights[index] === 0) expect(part.amount).toBe(0);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: decimal weights (tax rates) conserve too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(
          fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 10_000).toString()),
          { minLength: 1, maxLength: 5 },
        ),
        (amount, weights) => {
          fc.pre(weights.some((weight) => Number(weight) > 0));
          expect(sum(allocate(money(amount, 'EUR'), weights), 'EUR').amount).toBe(amount);
        },
      ),
    );
  });
});
