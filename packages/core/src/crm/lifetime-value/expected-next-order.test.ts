import { describe, expect, it } from 'vitest';
import { money } from '../../money/money.js';
import { expectedNextOrder } from './expected-next-order.js';
import { probabilityAlive } from './probability-alive.js';
import type { PurchaseSummary } from './summarize-transactions.js';

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const summary: PurchaseSummary = {
  customerId: '1',
  frequency: 2,
  recency: 213 / 7,
  age: 272 / 7,
  firstPurchaseDate: '1997-01-01',
  lastPurchaseDate: '1997-08-02',
  calibrationEnd: '1997-09-30',
  period: 'week',
  repeatValueTotal: money(4469, 'USD'),
  averageRepeatValue: money(2235, 'USD'),
};

describe('expectedNextOrder', () => {
  it('is the median wait of an alive customer, after the calibration end', () => {
    const next = expectedNextOrder(cdnow, summary);
    // Half of the alive customers with this history have ordered by then.
    const { r, alpha } = cdnow;
    expect(((alpha + summary.age) / (alpha + summary.age + next.periodsAfterCalibrationEnd)) ** (r + 2)).toBeCloseTo(
      0.5,
      12,
    );
    const days = Math.round(next.periodsAfterCalibrationEnd * 7);
    expect(next.date).toBe(new Date(Date.UTC(1997, 8, 30 + days)).toISOString().slice(0, 10));
    expect(next.probabilityOfOrder).toBe(probabilityAlive(cdnow, summary));
  });

  it('puts a one-time buyer much further away, and gives no date beyond a hundred years', () => {
    const once = expectedNextOrder(cdnow, {
      ...summary,
      frequency: 0,
      recency: 0,
      averageRepeatValue: money(0, 'USD'),
    });
    expect(once.periodsAfterCalibrationEnd).toBeGreaterThan(
      10 * expectedNextOrder(cdnow, summary).periodsAfterCalibrationEnd,
    );
    expect(once.probabilityOfOrder).toBe(1);
    const dormant = expectedNextOrder({ ...cdnow, r: 0.05 }, { ...summary, frequency: 0, recency: 0 });
    expect(dormant.date).toBeNull();
  });
});
