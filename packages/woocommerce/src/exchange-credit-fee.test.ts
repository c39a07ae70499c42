import { money } from '@aftersale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangeCreditFeeNet } from './exchange-credit-fee.js';

/**
 * WooCommerce's tax of a negative fee, written out independently: each rate taxes the fee's share in
 * proportion to the items' net amounts, rounded half up (prices without tax) or half down (with tax).
 */
function wooFeeTax(net: number, items: { net: number; rate: number }[], halfDown: boolean): number {
  const total = items.reduce((sum, item) => sum + item.net, 0);
  const byRate = new Map<number, number>();
  for (const item of items) byRate.set(item.rate, (byRate.get(item.rate) ?? 0) + item.net);
  let tax = 0;
  for (const [rate, cost] of byRate) {
    if (rate === 0 || cost === 0) continue;
    const exact = (net * cost * rate) / (total * 100);
    const floor = Math.floor(exact);
    const rest = exact - floor;
    tax += halfDown ? (rest > 0.5 + 1e-9 ? floor + 1 : floor) : rest >= 0.5 - 1e-9 ? floor + 1 : floor;
  }
  return tax;
}

describe('exchangeCreditFeeNet', () => {
  it('splits a credit into the net whose WooCommerce tax makes it whole', () => {
    const shirts = [{ net: money(8387, 'EUR'), ratePercent: 19 }];
    expect(exchangeCreditFeeNet(money(4990, 'EUR'), shirts, { pricesIncludeTax: true })).toEqual(money(4193, 'EUR'));
    const socks = [{ net: money(1008, 'EUR'), ratePercent: 19 }];
    expect(exchangeCreditFeeNet(money(1200, 'EUR'), socks, { pricesIncludeTax: true })).toEqual(money(1008, 'EUR'));
    // Untaxed items and no credit.
    expect(
      exchangeCreditFeeNet(money(500, 'USD'), [{ net: money(900, 'USD'), ratePercent: null }], {
        pricesIncludeTax: false,
      }),
    ).toEqual(money(500, 'USD'));
    expect(exchangeCreditFeeNet(money(0, 'EUR'), socks, { pricesIncludeTax: false })).toEqual(money(0, 'EUR'));
    expect(() => exchangeCreditFeeNet(money(-1, 'EUR'), socks, { pricesIncludeTax: true })).toThrow(/zero or more/);
  });

  it('is exact whenever some net is, and otherwise a minor unit off at most (one or two rates)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ net: fc.integer({ min: 0, max: 50_000 }), rate: fc.constantFrom(0, 7.25, 8, 10, 19, 20) }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 0, max: 60_000 }),
        fc.boolean(),
        (items, gross, halfDown) => {
          fc.pre(items.some((item) => item.net > 0));
          const net = exchangeCreditFeeNet(
            money(gross, 'TRY'),
            items.map((item) => ({ net: money(item.net, 'TRY'), ratePercent: item.rate })),
            { pricesIncludeTax: halfDown },
          ).amount;
          const reached = net + wooFeeTax(net, items, halfDown);
          let reachable = false;
          for (let candidate = Math.max(0, net - 5); candidate <= net + 5 && !reachable; candidate++)
            reachable = candidate + wooFeeTax(candidate, items, halfDown) === gross;
          if (reachable) expect(reached).toBe(gross);
          else expect(Math.abs(reached - gross)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });
});
