import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { type CustomerMetrics, computeCustomerMetrics, emptyAggregates } from './customer-metrics.js';
import { rfmSegment, rfmSegmentNames, rfmSegments, scoreRfm } from './score-rfm.js';

const now = new Date('2026-06-01T00:00:00Z');
const day = 86_400_000;

/** Metrics of a customer with `orders` orders, the last `daysAgo` days before now, spending `spend` minor units. */
function metrics(orders: number, daysAgo: number, spend: number, currency = 'EUR'): CustomerMetrics {
  const aggregates = emptyAggregates();
  if (orders > 0) {
    aggregates.orderCount = orders;
    aggregates.firstOrderAt = now.getTime() - (daysAgo + 10) * day;
    aggregates.lastOrderAt = now.getTime() - daysAgo * day;
    aggregates.spend.set(currency, {
      currency,
      orders,
      gross: { amount: spend, currency },
      refunded: { amount: 0, currency },
      returned: { amount: 0, currency },
    });
  }
  return computeCustomerMetrics(aggregates, { now });
}

describe('rfmSegment', () => {
  it('covers every cell of the 5 × 5 grid with one of the ten ordered groups', () => {
    const seen = new Set<string>();
    for (let recency = 1; recency <= 5; recency++) {
      for (let fm = 1; fm <= 5; fm++) seen.add(rfmSegment(recency, fm));
    }
    expect([...seen].sort()).toEqual(rfmSegments.filter((segment) => segment !== 'prospects').sort());
  });

  it('places the corners as Shopify describes them', () => {
    expect(rfmSegment(5, 5)).toBe('champions');
    expect(rfmSegment(5, 1)).toBe('new');
    expect(rfmSegment(4, 5)).toBe('loyal');
    expect(rfmSegment(4, 3)).toBe('active');
    expect(rfmSegment(3, 3)).toBe('needs_attention');
    expect(rfmSegment(4, 2)).toBe('promising');
    expect(rfmSegment(1, 5)).toBe('previously_loyal');
    expect(rfmSegment(2, 4)).toBe('at_risk');
    expect(rfmSegment(2, 1)).toBe('almost_lost');
    expect(rfmSegment(1, 1)).toBe('dormant');
    expect(rfmSegmentNames.needs_attention).toBe('Needs attention');
  });
});

describe('scoreRfm', () => {
  it('scores quintiles by rank for a large shop, ties sharing a score', () => {
    const customers = Array.from({ length: 1000 }, (_, index) => ({
      profileId: `cus_${index}`,
      metrics: metrics(1 + (index % 10), index % 400, 1_000 + index * 10),
    }));
    const scores = scoreRfm(customers, { now });
    expect(scores.every((score) => score.method === 'quintiles')).toBe(true);
    const count = (field: 'recency' | 'frequency' | 'monetary', value: number) =>
      scores.filter((score) => score[field] === value).length;
    // Spend is all distinct: exactly 200 per quintile.
    for (let value = 1; value <= 5; value++) expect(count('monetary', value)).toBe(200);
    // Ten order counts, 100 customers each: two counts per quintile.
    for (let value = 1; value <= 5; value++) expect(count('frequency', value)).toBe(200);
    // The most recent buyers score 5 on recency, the longest gone 1.
    expect(scores.find((score) => score.profileId === 'cus_0')?.recency).toBe(5);
    expect(scores.find((score) => score.profileId === 'cus_399')?.recency).toBe(1);
    const best = scores.find((score) => score.profileId === 'cus_809'); // 10 orders, 9 days ago, high spend
    expect(best).toMatchObject({ recency: 5, frequency: 5, monetary: 5, frequencyMonetary: 5, segment: 'champions' });
  });

  it('uses fixed thresholds for a small shop', () => {
    const customers = [
      { profileId: 'a', metrics: metrics(9, 3, 90_000) },
      { profileId: 'b', metrics: metrics(1, 10, 2_000) },
      { profileId: 'c', metrics: metrics(3, 200, 8_000) },
      { profileId: 'd', metrics: metrics(2, 400, 3_000) },
      { profileId: 'e', metrics: metrics(0, 0, 0) },
    ];
    const scores = scoreRfm(customers, { now });
    expect(scores.map((score) => score.segment)).toEqual(['champions', 'new', 'at_risk', 'dormant', 'prospects']);
    expect(scores[0]).toMatchObject({ method: 'fixed', recency: 5, frequency: 5 });
    // Median order value: 2000, 2667, 1500, 10000 → 2333.5; c's 8000 is ≥ 2×, < 4× → 3.
    expect(scores[2]).toMatchObject({ recency: 2, frequency: 3, monetary: 3, frequencyMonetary: 3 });
    expect(scores[4]).toMatchObject({ recency: null, segment: 'prospects' });
  });

  it('takes explicit thresholds and ranks money within each currency', () => {
    const scores = scoreRfm(
      [
        { profileId: 'eur', metrics: metrics(1, 5, 5_000, 'EUR') },
        { profileId: 'try', metrics: metrics(1, 5, 5_000, 'TRY') },
      ],
      {
        now,
        method: 'fixed',
        thresholds: { netSpend: { EUR: [1_000, 2_000, 4_000, 8_000], TRY: [10_000, 20_000, 40_000, 80_000] } },
      },
    );
    expect(scores.map((score) => score.monetary)).toEqual([4, 1]);
  });

  it('rejects thresholds that do not increase', () => {
    expect(() => scoreRfm([], { now, thresholds: { recencyDays: [30, 20, 90, 365] } })).toThrow(AftersaleError);
  });
});
