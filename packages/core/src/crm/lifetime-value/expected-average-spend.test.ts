import { describe, expect, it } from 'vitest';
import { money } from '../../money/money.js';
import { expectedAverageSpend } from './expected-average-spend.js';

const cdnow = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('expectedAverageSpend', () => {
  it('shrinks the customer’s exact mean toward the population mean p·γ/(q − 1)', () => {
    // CDNOW customer 1: x = 2, repeat total $44.69 (mean 22.345): 6.25 · (15.44 + 44.69) / (12.5 + 2.74) = 24.66
    expect(expectedAverageSpend(cdnow, { frequency: 2, repeatValueTotal: money(4469, 'USD') })).toEqual(
      money(2466, 'USD'),
    );
    // No repeat purchase: the population mean 6.25 · 15.44 / 2.74 = 35.22
    expect(expectedAverageSpend(cdnow, { frequency: 0, repeatValueTotal: money(0, 'USD') })).toEqual(
      money(3522, 'USD'),
    );
    // Many purchases: close to the customer's own mean.
    const loyal = expectedAverageSpend(cdnow, { frequency: 200, repeatValueTotal: money(200 * 1000, 'USD') });
    expect(Math.abs(loyal.amount - 1000)).toBeLessThan(20);
  });

  it('keeps the currency and its minor unit (JPY has none)', () => {
    expect(
      expectedAverageSpend({ p: 2, q: 3, gamma: 2000 }, { frequency: 1, repeatValueTotal: money(3000, 'JPY') }),
    ).toEqual(
      money(2500, 'JPY'), // 2 · (2000 + 3000) / (2 + 2)
    );
  });

  it('refuses q ≤ 1, where the mean spend is infinite', () => {
    expect(() =>
      expectedAverageSpend({ p: 2, q: 1, gamma: 3 }, { frequency: 1, repeatValueTotal: money(100, 'USD') }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
