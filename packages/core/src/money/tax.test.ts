import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, sum } from './money.js';
import { addTax, extractTax } from './tax.js';

describe('tax', () => {
  it('adds tax on a tax-exclusive amount per rate', () => {
    const result = addTax(money(10000, 'TRY'), [{ rate: 0.2, title: 'KDV' }], 'half-up');
    expect(result.taxes[0]?.amount).toEqual(money(2000, 'TRY'));
    expect(result.gross).toEqual(money(12000, 'TRY'));
    const us = addTax(
      money(1999, 'USD'),
      [
        { rate: 0.06, title: 'state' },
        { rate: 0.025, title: 'county' },
      ],
      'half-up',
    );
    expect(us.taxes.map((t) => t.amount.amount)).toEqual([120, 50]); // 119.94 → 120, 49.975 → 50
    expect(us.gross).toEqual(money(2169, 'USD'));
  });

  it('extracts tax from tax-inclusive TRY prices', () => {
    const kdv20 = extractTax(money(12000, 'TRY'), [{ rate: 0.2 }], 'half-up');
    expect(kdv20.net).toEqual(money(10000, 'TRY'));
    expect(kdv20.taxes[0]?.amount).toEqual(money(2000, 'TRY'));
    // 99.99 incl. 20% → tax 16.665 → 16.67 (half-up)
    const odd = extractTax(money(9999, 'TRY'), [{ rate: '0.20' }], 'half-up');
    expect(odd.taxes[0]?.amount).toEqual(money(1667, 'TRY'));
    expect(odd.net).toEqual(money(8332, 'TRY'));
    // 10% KDV on food: 110 incl. → 10 tax
    expect(extractTax(money(11000, 'TRY'), [{ rate: 0.1 }], 'half-even').taxes[0]?.amount).toEqual(money(1000, 'TRY'));
    expect(extractTax(money(500, 'EUR'), [], 'half-up')).toEqual({
      net: money(500, 'EUR'),
      taxes: [],
      gross: money(500, 'EUR'),
    });
  });

  it('property: net + taxes = gross, both ways', () => {
    const rates = fc.array(
      fc.integer({ min: 0, max: 3000 }).map((bp) => ({ rate: bp / 10_000 })),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), rates, (amount, taxRates) => {
        for (const breakdown of [
          extractTax(money(amount, 'EUR'), taxRates, 'half-even'),
          addTax(money(amount, 'EUR'), taxRates, 'half-even'),
        ]) {
          expect(sum([breakdown.net, ...breakdown.taxes.map((t) => t.amount)], 'EUR')).toEqual(breakdown.gross);
        }
      }),
    );
  });

  it('property: extracting the tax that was added gives the net back within one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 3000 }), (amount, bp) => {
        const rate = [{ rate: bp / 10_000 }];
        const added = addTax(money(amount, 'TRY'), rate, 'half-even');
        const extracted = extractTax(added.gross, rate, 'half-even');
        expect(Math.abs(extracted.net.amount - amount)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
