import { describe, expect, it } from 'vitest';
import { createRandom, sampleGamma, simulateCustomers } from './simulate-customers.js';

describe('simulateCustomers', () => {
  it('is reproducible from its seed and keeps 0 ≤ recency ≤ age', () => {
    const options = {
      bgNbd: { r: 0.5, alpha: 5, a: 0.8, b: 2.5 },
      gammaGamma: { p: 6, q: 4, gamma: 15 },
      count: 500,
      seed: 3,
      minimumAge: 10,
      maximumAge: 40,
      currency: 'USD',
    };
    const first = simulateCustomers(options);
    expect(simulateCustomers(options)).toEqual(first);
    expect(simulateCustomers({ ...options, seed: 4 })).not.toEqual(first);
    for (const customer of first) {
      expect(customer.recency).toBeGreaterThanOrEqual(0);
      expect(customer.recency).toBeLessThanOrEqual(customer.age);
      expect(customer.age).toBeGreaterThanOrEqual(10);
      expect(customer.age).toBeLessThanOrEqual(40);
      expect(customer.repeatValueTotal.amount === 0).toBe(customer.frequency === 0);
    }
  });

  it('draws Gamma variates with the right mean and variance (shape below and above 1)', () => {
    const random = createRandom(42);
    for (const [shape, rate] of [
      [0.3, 2],
      [4, 0.5],
    ] as const) {
      const draws = Array.from({ length: 100_000 }, () => sampleGamma(random, shape, rate));
      const mean = draws.reduce((total, value) => total + value, 0) / draws.length;
      const variance = draws.reduce((total, value) => total + (value - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean / (shape / rate) - 1)).toBeLessThan(0.02);
      expect(Math.abs(variance / (shape / rate ** 2) - 1)).toBeLessThan(0.05);
    }
  });
});
