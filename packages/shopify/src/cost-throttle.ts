import type { Clock } from './clock.js';

/** A plan's GraphQL Admin bucket: how many points it holds and how fast it refills. */
export interface ThrottleBudget {
  /** Bucket size in points. */
  maximumAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

/**
 * Shopify's documented budgets per plan (points/second restore; the bucket holds 20 seconds' worth).
 * Standard is 100/s with a 2000-point bucket; the older 1000-point bucket restoring 50/s shows up in
 * older responses. The adapter starts from the plan given and then follows what Shopify reports.
 */
export const shopifyPlanBudgets = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
} as const satisfies Record<string, ThrottleBudget>;

/** Shopify refuses any single query whose requested cost exceeds this. */
export const singleQueryMaximumCost = 1000;

/** `extensions.cost.throttleStatus` as Shopify sends it. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * A client-side mirror of Shopify's leaky bucket: before each request it waits (on the injected
 * clock) until the bucket holds the request's expected cost, so Shopify is never asked for more than
 * it has; after each response it adopts the bucket state Shopify reports.
 */
export class CostThrottle {
  #available: number;
  #maximum: number;
  #restoreRate: number;
  #updatedAt: number;
  readonly #clock: Clock;
  readonly #costs = new Map<string, number>();

  constructor(budget: ThrottleBudget, clock: Clock) {
    this.#maximum = budget.maximumAvailable;
    this.#available = budget.maximumAvailable;
    this.#restoreRate = budget.restoreRate;
    this.#clock = clock;
    this.#updatedAt = clock.now();
  }

  /** Points the bucket holds now, by the last report plus what was restored since. */
  available(): number {
    const elapsed = Math.max(0, this.#clock.now() - this.#updatedAt) / 1000;
    return Math.min(this.#maximum, this.#available + elapsed * this.#restoreRate);
  }

  get budget(): ThrottleBudget {
    return { maximumAvailable: this.#maximum, restoreRate: this.#restoreRate };
  }

  /** The requested cost last seen for an operation, or `fallback` before the first response. */
  expectedCost(operationKey: string, fallback: number): number {
    return this.#costs.get(operationKey) ?? fallback;
  }

  /** Waits until `cost` points are available, then reserves them. */
  async acquire(cost: number, signal?: AbortSignal): Promise<void> {
    const needed = Math.min(cost, this.#maximum);
    for (;;) {
      const available = this.available();
      if (available >= needed) {
        this.#available = available - needed;
        this.#updatedAt = this.#clock.now();
        return;
      }
      const waitMs = Math.ceil(((needed - available) / this.#restoreRate) * 1000);
      await this.#clock.sleep(Math.max(1, waitMs), signal);
    }
  }

  /** Adopts Shopify's report after a response (successful or THROTTLED). */
  report(
    operationKey: string,
    requestedQueryCost: number | null | undefined,
    status: ThrottleStatus | null | undefined,
  ): void {
    if (typeof requestedQueryCost === 'number') this.#costs.set(operationKey, requestedQueryCost);
    if (!status) return;
    this.#maximum = status.maximumAvailable;
    this.#restoreRate = status.restoreRate;
    this.#available = status.currentlyAvailable;
    this.#updatedAt = this.#clock.now();
  }

  /** How long until `cost` points are available again, in milliseconds. */
  waitFor(cost: number): number {
    const missing = Math.min(cost, this.#maximum) - this.available();
    return missing <= 0 ? 0 : Math.ceil((missing / this.#restoreRate) * 1000);
  }
}
