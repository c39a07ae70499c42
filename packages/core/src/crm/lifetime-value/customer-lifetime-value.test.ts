import { describe, expect, it } from 'vitest';
import { money } from '../../money/money.js';
import { customerLifetimeValue } from './customer-lifetime-value.js';
import { expectedAverageSpend } from './expected-average-spend.js';
import { expectedPurchases } from './expected-purchases.js';

const models = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};
const customer = { frequency: 2, recency: 30.43, age: 38.86, repeatValueTotal: money(4469, 'USD') };

describe('customerLifetimeValue', () => {
  it('without discounting is expected purchases times expected spend', () => {
    const value = customerLifetimeValue(models, customer, { horizon: 52, discountRate: 0 });
    const spend = (6.25 * (15.44 + 44.69)) / (6.25 * 2 + 3.74 - 1);
    expect(value).toEqual(money(Math.round(expectedPurchases(models.bgNbd, customer, 52) * spend * 100), 'USD'));
    expect(expectedAverageSpend(models.gammaGamma, customer)).toEqual(money(2466, 'USD'));
  });

  it('discounts each step’s expected purchases by (1 + rate)^step', () => {
    const step = 52 / 12;
    const spend = (6.25 * (15.44 + 44.69)) / (6.25 * 2 + 3.74 - 1);
    let expected = 0;
    let previous = 0;
    for (let month = 1; month <= 12; month++) {
      const purchases = expectedPurchases(models.bgNbd, customer, Math.min(month * step, 52));
      expected += ((purchases - previous) * spend) / 1.01 ** month;
      previous = purchases;
    }
    const value = customerLifetimeValue(models, customer, { horizon: 52, discountRate: 0.01, discountStep: step });
    expect(value).toEqual(money(Math.round(expected * 100), 'USD'));
    expect(value.amount).toBeLessThan(customerLifetimeValue(models, customer, { horizon: 52, discountRate: 0 }).amount);
    expect(value.amount).toBeGreaterThan(
      customerLifetimeValue(models, customer, { horizon: 52, discountRate: 0.05, discountStep: step }).amount,
    );
  });

  it('is zero over a zero horizon and refuses invalid options', () => {
    expect(customerLifetimeValue(models, customer, { horizon: 0, discountRate: 0.01 })).toEqual(money(0, 'USD'));
    expect(() => customerLifetimeValue(models, customer, { horizon: -1, discountRate: 0.01 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => customerLifetimeValue(models, customer, { horizon: 52, discountRate: 0.01, discountStep: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
