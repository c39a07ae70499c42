import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostThrottle } from './cost-throttle.js';
import { moneyFromBag } from './map-shopify-order.js';

describe('properties', () => {
  it('never asks for more than a leaky bucket that restores on the clock holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maximumAvailable: fc.integer({ min: 50, max: 4000 }),
          restoreRate: fc.integer({ min: 1, max: 500 }),
        }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        async (budget, requests) => {
          let now = 0;
          const throttle = new CostThrottle(budget, {
            now: () => now,
            sleep: async (milliseconds) => {
              now += milliseconds;
            },
          });
          // The server's own bucket, as Shopify keeps it.
          let bucket = budget.maximumAvailable;
          let seen = 0;
          for (const [requested, share] of requests) {
            const cost = Math.min(requested, budget.maximumAvailable);
            await throttle.acquire(cost);
            bucket = Math.min(budget.maximumAvailable, bucket + ((now - seen) / 1000) * budget.restoreRate);
            seen = now;
            expect(bucket).toBeGreaterThanOrEqual(cost - 1e-6);
            const actual = Math.floor(cost * share);
            bucket -= actual;
            throttle.report('operation', cost, {
              maximumAvailable: budget.maximumAvailable,
              currentlyAvailable: Math.floor(bucket),
              restoreRate: budget.restoreRate,
            });
          }
        },
      ),
    );
  });

  it("reads Shopify's decimal strings to the exact minor unit, on either side of a MoneyBag", () => {
    const currencies = [
      ['USD', 2],
      ['JPY', 0],
      ['BHD', 3],
      ['TRY', 2],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.constantFrom(...currencies),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        ([shopCurrency, shopExponent], [presentmentCurrency, presentmentExponent], shop, presentment) => {
          const decimal = (minor: number, exponent: number) =>
            exponent === 0
              ? String(minor)
              : `${Math.floor(minor / 10 ** exponent)}.${String(minor % 10 ** exponent).padStart(exponent, '0')}`;
          const bag = {
            shopMoney: { amount: decimal(shop, shopExponent), currencyCode: shopCurrency },
            presentmentMoney: { amount: decimal(presentment, presentmentExponent), currencyCode: presentmentCurrency },
          };
          expect(moneyFromBag(bag, 'shop')).toEqual({ amount: shop, currency: shopCurrency });
          expect(moneyFromBag(bag, 'presentment')).toEqual({ amount: presentment, currency: presentmentCurrency });
        },
      ),
    );
  });
});
