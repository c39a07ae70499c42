import { z } from 'zod';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import type { CustomerMetrics } from './customer-metrics.js';

/** Shopify's RFM groups, in the order of its reports. `prospects` have no orders yet. */
export const rfmSegments = [
  'champions',
  'loyal',
  'active',
  'needs_attention',
  'new',
  'promising',
  'at_risk',
  'previously_loyal',
  'almost_lost',
  'dormant',
  'prospects',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/** Display names, as Shopify writes them. */
export const rfmSegmentNames: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  active: 'Active',
  needs_attention: 'Needs attention',
  new: 'New',
  promising: 'Promising',
  at_risk: 'At risk',
  previously_loyal: 'Previously loyal',
  almost_lost: 'Almost lost',
  dormant: 'Dormant',
  prospects: 'Prospects',
};

/** One customer's scores (5 is best) and group. Scores are null for prospects. */
export interface RfmScore {
  profileId: string;
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  /** (F + M) / 2 rounded half up: the axis Shopify's groups use beside R. */
  frequencyMonetary: number | null;
  segment: RfmSegment;
  /** How the scores were made. */
  method: 'quintiles' | 'fixed';
}

const ascending4 = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([a, b, c, d]) => a < b && b < c && c < d, { message: 'must be four increasing numbers' });

/** Fixed thresholds for small shops: the four boundaries between scores 1–2, 2–3, 3–4 and 4–5. */
export const rfmThresholdsSchema = z.object({
  /** Days since the last order at most which a customer scores 5, 4, 3, 2 (read from the largest). @default [30, 90, 180, 365] */
  recencyDays: ascending4.default([30, 90, 180, 365]),
  /** Orders from which a customer scores 2, 3, 4, 5. @default [2, 3, 5, 8] */
  orders: ascending4.default([2, 3, 5, 8]),
  /**
   * Net spend (minor units) from which a customer scores 2, 3, 4, 5, per currency. A currency left
   * out uses multiples 1, 2, 4, 8 of the shop's median order value in that currency.
   */
  netSpend: z.record(z.string(), ascending4).default({}),
});
export type RfmThresholds = z.input<typeof rfmThresholdsSchema>;

/** Settings of {@link scoreRfm}. */
export const scoreRfmOptionsSchema = z.object({
  now: z.date(),
  /** `quintiles` ranks customers; `fixed` uses thresholds; `auto` uses fixed below `minimumForQuintiles`. @default 'auto' */
  method: z.enum(['auto', 'quintiles', 'fixed']).default('auto'),
  /** With fewer customers with orders than this, `auto` uses the fixed thresholds. @default 200 */
  minimumForQuintiles: z.number().int().positive().default(200),
  thresholds: rfmThresholdsSchema.default({ recencyDays: [30, 90, 180, 365], orders: [2, 3, 5, 8], netSpend: {} }),
});
export type ScoreRfmOptions = z.input<typeof scoreRfmOptionsSchema>;

/**
 * The group for a recency score and an (F + M) / 2 score, both 1 to 5. Our reading of Shopify's
 * published descriptions of its groups (see docs/concepts/purchase-history.md for the grid).
 */
export function rfmSegment(recency: number, frequencyMonetary: number): Exclude<RfmSegment, 'prospects'> {
  if (recency >= 5) {
    if (frequencyMonetary >= 4) return 'champions';
    if (frequencyMonetary === 3) return 'active';
    return frequencyMonetary === 2 ? 'promising' : 'new';
  }
  if (recency === 4) {
    if (frequencyMonetary >= 4) return 'loyal';
    return frequencyMonetary === 3 ? 'active' : 'promising';
  }
  if (recency === 3) return frequencyMonetary >= 4 ? 'loyal' : 'needs_attention';
  if (frequencyMonetary >= 5) return 'previously_loyal';
  if (frequencyMonetary >= 3) return 'at_risk';
  return recency === 2 ? 'almost_lost' : 'dormant';
}

interface Scored {
  profileId: string;
  days: number;
  orders: number;
  currency: string;
  spend: number;
  averageOrderValue: number;
}

/** Scores by rank: 1 + ⌊5 × (customers strictly worse) / n⌋, so ties share a score. */
function quintileScores(values: number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const countBelow = (value: number): number => {
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const countAbove = (value: number): number => {
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) <= value) low = middle + 1;
      else high = middle;
    }
    return n - low;
  };
  return values.map((value) => {
    const worse = higherIsBetter ? countBelow(value) : countAbove(value);
    return Math.min(5, 1 + Math.floor((5 * worse) / n));
  });
}

function fixedScore(value: number, bounds: readonly number[], higherIsBetter: boolean): number {
  if (higherIsBetter) {
    let score = 1;
    for (const bound of bounds) if (value >= bound) score++;
    return score;
  }
  let score = 5;
  for (const bound of bounds) if (value > bound) score--;
  return score;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * RFM scores (1 to 5, 5 best) and Shopify's RFM groups for a shop's customers. Recency is days since
 * the last order, frequency the order count, monetary the net spend, ranked within each currency. With
 * quintiles the scores are ranks; with fixed thresholds (the default below 200 customers with orders,
 * where quintiles of a handful of people mean little) they are absolute. Customers without orders are
 * `prospects`.
 */
export function scoreRfm(
  customers: ReadonlyArray<{ profileId: string; metrics: CustomerMetrics }>,
  options: ScoreRfmOptions,
): RfmScore[] {
  const parsed = scoreRfmOptionsSchema.safeParse(options);
  if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'RFM options' });
  const { now, method, minimumForQuintiles, thresholds } = parsed.data;
  const scored: Scored[] = [];
  const results = new Map<string, RfmScore>();
  for (const { profileId, metrics } of customers) {
    if (metrics.orderCount === 0 || metrics.lastOrderAt === null || metrics.currency === null) {
      results.set(profileId, {
        profileId,
        recency: null,
        frequency: null,
        monetary: null,
        frequencyMonetary: null,
        segment: 'prospects',
        method: 'fixed',
      });
      continue;
    }
    scored.push({
      profileId,
      days: Math.max(0, (now.getTime() - Date.parse(metrics.lastOrderAt)) / 86_400_000),
      orders: metrics.orderCount,
      currency: metrics.currency,
      spend: metrics.netSpend?.amount ?? 0,
      averageOrderValue: metrics.averageOrderValue?.amount ?? 0,
    });
  }
  const useQuintiles = method === 'quintiles' || (method === 'auto' && scored.length >= minimumForQuintiles);
  const recency = useQuintiles
    ? quintileScores(
        scored.map((entry) => entry.days),
        false,
      )
    : scored.map((entry) => fixedScore(entry.days, thresholds.recencyDays, false));
  const frequency = useQuintiles
    ? quintileScores(
        scored.map((entry) => entry.orders),
        true,
      )
    : scored.map((entry) => fixedScore(entry.orders, thresholds.orders, true));
  const monetary = new Array<number>(scored.length).fill(1);
  const byCurrency = new Map<string, number[]>();
  scored.forEach((entry, index) => {
    const list = byCurrency.get(entry.currency) ?? [];
    list.push(index);
    byCurrency.set(entry.currency, list);
  });
  for (const [currency, indices] of byCurrency) {
    if (useQuintiles) {
      const scores = quintileScores(
        indices.map((index) => (scored[index] as Scored).spend),
        true,
      );
      indices.forEach((index, position) => {
        monetary[index] = scores[position] as number;
      });
    } else {
      const typical = median(indices.map((index) => (scored[index] as Scored).averageOrderValue));
      const bounds = thresholds.netSpend[currency] ?? [typical, 2 * typical, 4 * typical, 8 * typical];
      for (const index of indices) monetary[index] = fixedScore((scored[index] as Scored).spend, bounds, true);
    }
  }
  scored.forEach((entry, index) => {
    const r = recency[index] as number;
    const f = frequency[index] as number;
    const m = monetary[index] as number;
    const fm = Math.floor((f + m + 1) / 2);
    results.set(entry.profileId, {
      profileId: entry.profileId,
      recency: r,
      frequency: f,
      monetary: m,
      frequencyMonetary: fm,
      segment: rfmSegment(r, fm),
      method: useQuintiles ? 'quintiles' : 'fixed',
    });
  });
  return customers.map(({ profileId }) => results.get(profileId) as RfmScore);
}
