import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './expected-purchases.js';
import type { BgNbdParameters } from './fit-bg-nbd.js';
import { simulateCustomers } from './simulate-customers.js';

const cdnow: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** The paper's equation with ₂F₁ summed directly, for comparison (converges for these z). */
function direct(parameters: BgNbdParameters, x: number, recency: number, age: number, t: number): number {
  const { r, alpha, a, b } = parameters;
  const z = t / (alpha + age + t);
  let term = 1;
  let hypergeometric = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= (((r + x + k) * (b + x + k)) / ((a + b + x - 1 + k) * (k + 1))) * z;
    hypergeometric += term;
    if (Math.abs(term) < 1e-18 * Math.abs(hypergeometric)) break;
  }
  const odds = x > 0 ? (a / (b + x - 1)) * ((alpha + age) / (alpha + recency)) ** (r + x) : 0;
  return (
    (((a + b + x - 1) / (a - 1)) * (1 - ((alpha + age) / (alpha + age + t)) ** (r + x) * hypergeometric)) / (1 + odds)
  );
}

describe('expectedPurchases', () => {
  it('agrees with the paper’s equation (10) summed directly', () => {
    for (const [x, recency, age, t] of [
      [2, 30.43, 38.86, 39],
      [0, 0, 38.86, 39],
      [10, 35, 38, 20],
      [0, 0, 0, 10],
      [1, 1.71, 38.86, 78],
    ] as const) {
      expect(expectedPurchases(cdnow, { frequency: x, recency, age }, t)).toBeCloseTo(
        direct(cdnow, x, recency, age, t),
        10,
      );
    }
  });

  it('gives 1.226 purchases in the next 39 weeks for CDNOW customer 1 (x 2, t_x 30.43, T 38.86)', () => {
    expect(expectedPurchases(cdnow, { frequency: 2, recency: 30.43, age: 38.86 }, 39).toFixed(3)).toBe('1.226');
  });

  it('is continuous through a = 1, zero at horizon 0 and increasing in the horizon', () => {
    const customer = { frequency: 3, recency: 20, age: 30 };
    const atOne = expectedPurchases({ ...cdnow, a: 1 }, customer, 26);
    expect(expectedPurchases({ ...cdnow, a: 1 + 1e-9 }, customer, 26)).toBeCloseTo(atOne, 7);
    expect(expectedPurchases({ ...cdnow, a: 1 - 1e-9 }, customer, 26)).toBeCloseTo(atOne, 7);
    expect(expectedPurchases(cdnow, customer, 0)).toBe(0);
    let previous = 0;
    for (const horizon of [1, 5, 26, 52, 520]) {
      const value = expectedPurchases(cdnow, customer, horizon);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it('stays finite for very frequent buyers', () => {
    // 2,000 repeat purchases in 38.5 weeks, the last on the final day: alive, buying ~47 a week.
    const value = expectedPurchases(cdnow, { frequency: 2000, recency: 38.5, age: 38.5 }, 10);
    expect(Number.isFinite(value)).toBe(true);
    // Rate (r+x)/(α+T) times 10 weeks, less the small chance of dropping out over ~466 purchases.
    const ratio = value / (((cdnow.r + 2000) / (cdnow.alpha + 38.5)) * 10);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1);
    // The same buyer silent for half a week has almost surely dropped out.
    expect(expectedPurchases(cdnow, { frequency: 2000, recency: 38, age: 38.5 }, 10)).toBeLessThan(1e-3);
  });

  it('stays finite when the fitted a and b are huge (customers who hardly ever drop out)', () => {
    // A fit on a generated shop whose buyers almost never drop out: a / (a + b) ≈ 0.36 %. The series'
    // terms pass 1e308 before they shrink while (1 − z)^(a−1) underflows: both are kept in scale.
    const parameters = {
      r: 0.6175441511313409,
      alpha: 9.039749818397988,
      a: 5388.1604972697105,
      b: 1513499.4322860409,
    };
    const value = expectedPurchases(parameters, { frequency: 3, recency: 202.28571428571428, age: 320 }, 52);
    // Equation (10) evaluated with mpmath at 60 digits: 0.5610509921761835.
    expect(value).toBeCloseTo(0.5610509921761835, 9);
  });

  it('matches simulation for a new customer: E[X(t)] is the mean repeat count over [0, t]', () => {
    const truth = { r: 0.6, alpha: 6, a: 0.7, b: 3 };
    const customers = simulateCustomers({
      bgNbd: truth,
      gammaGamma: { p: 6, q: 4, gamma: 15 },
      count: 40_000,
      seed: 5,
      minimumAge: 52,
      maximumAge: 52,
      currency: 'USD',
    });
    const mean = customers.reduce((total, customer) => total + customer.frequency, 0) / customers.length;
    const expected = expectedPurchases(truth, { frequency: 0, recency: 0, age: 0 }, 52);
    expect(Math.abs(mean / expected - 1)).toBeLessThan(0.03);
  });

  it('matches simulation conditionally on each history: hold-out purchases by calibration frequency', () => {
    const truth = { r: 0.6, alpha: 6, a: 0.7, b: 3 };
    const customers = simulateCustomers({
      bgNbd: truth,
      gammaGamma: { p: 6, q: 4, gamma: 15 },
      count: 40_000,
      seed: 9,
      minimumAge: 26,
      maximumAge: 52,
      currency: 'USD',
      holdout: 26,
    });
    const groups = [
      (x: number) => x === 0,
      (x: number) => x === 1,
      (x: number) => x >= 2 && x <= 4,
      (x: number) => x >= 5,
    ];
    for (const inGroup of groups) {
      const members = customers.filter((customer) => inGroup(customer.frequency));
      const actual = members.reduce((total, customer) => total + customer.holdoutPurchases, 0);
      const expected = members.reduce((total, customer) => total + expectedPurchases(truth, customer, 26), 0);
      expect(Math.abs(expected / actual - 1)).toBeLessThan(0.05);
    }
  });

  it('refuses a negative or infinite horizon', () => {
    expect(() => expectedPurchases(cdnow, { frequency: 0, recency: 0, age: 1 }, -1)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => expectedPurchases(cdnow, { frequency: 0, recency: 0, age: 1 }, Number.POSITIVE_INFINITY)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
