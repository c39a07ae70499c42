// Seeded simulation of customers from known BG/NBD and Gamma-Gamma parameters, for the parameter-
// recovery tests and the benchmark. Internal: not exported from the package.
import { type Money, money } from '../../money/money.js';
import type { BgNbdParameters } from './fit-bg-nbd.js';
import type { GammaGammaParameters } from './fit-gamma-gamma.js';

/** A seeded uniform generator on (0, 1): mulberry32. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (((mixed ^ (mixed >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
  };
}

function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, rate) draw (Marsaglia & Tsang 2000; shape < 1 through Gamma(shape + 1)·U^(1/shape)). */
export function sampleGamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1, rate) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = standardNormal(random);
    const v = (1 + c * normal) ** 3;
    if (v <= 0) continue;
    const uniform = random();
    if (Math.log(uniform) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulateCustomersOptions {
  bgNbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  count: number;
  seed: number;
  /** Each customer's age T is uniform in [minimumAge, maximumAge] periods. */
  minimumAge: number;
  maximumAge: number;
  currency: string;
  /** Periods after each customer's age T in which purchases are counted apart, as a hold-out. @default 0 */
  holdout?: number;
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  age: number;
  repeatValueTotal: Money;
  /** Purchases in (T, T + holdout]. */
  holdoutPurchases: number;
}

/**
 * Simulates customers exactly as the models describe them: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases
 * at exponential intervals of rate λ from the first purchase at time 0; after each repeat purchase
 * the customer drops out with probability p. Each repeat purchase is worth Gamma(p, ν) major units
 * with ν ~ Gamma(q, γ), rounded to the minor unit (at least one).
 */
export function simulateCustomers(options: SimulateCustomersOptions): SimulatedCustomer[] {
  const random = createRandom(options.seed);
  const { r, alpha, a, b } = options.bgNbd;
  const { p, q, gamma } = options.gammaGamma;
  const customers: SimulatedCustomer[] = [];
  for (let index = 0; index < options.count; index++) {
    const age = options.minimumAge + (options.maximumAge - options.minimumAge) * random();
    const rate = sampleGamma(random, r, alpha);
    const first = sampleGamma(random, a, 1);
    const dropout = first / (first + sampleGamma(random, b, 1));
    const spendRate = sampleGamma(random, q, gamma);
    let time = 0;
    let frequency = 0;
    let recency = 0;
    let total = 0;
    let holdoutPurchases = 0;
    const end = age + (options.holdout ?? 0);
    for (;;) {
      time += -Math.log(random()) / rate;
      if (time > end) break;
      if (time > age) holdoutPurchases++;
      else {
        frequency++;
        recency = time;
        total += Math.max(1, Math.round(sampleGamma(random, p, spendRate) * 100));
      }
      if (random() < dropout) break;
    }
    customers.push({ frequency, recency, age, repeatValueTotal: money(total, options.currency), holdoutPurchases });
  }
  return customers;
}
