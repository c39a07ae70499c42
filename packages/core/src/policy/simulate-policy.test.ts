import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import { testOrder } from '../refund/test-order.js';
import { definePolicy } from './define-policy.js';
import { samplePolicyInput } from './sample-policy.js';
import { parsePolicyHistory, simulatePolicy } from './simulate-policy.js';

const current = definePolicy(samplePolicyInput);
const proposed = definePolicy({
  ...samplePolicyInput,
  version: 5,
  window: { days: 14, from: 'delivery', transitDays: 3 },
  fees: {
    ...samplePolicyInput.fees,
    restocking: [{ id: 'fee.restocking-electronics', percent: 15, products: { tags: ['electronics'] } }],
  },
});

function order(id: string, country: string, line: { id: string; unitPrice: number; tags?: string[] }) {
  return {
    ...testOrder({
      currency: 'TRY',
      country,
      lines: [{ id: line.id, quantity: 1, unitPrice: line.unitPrice, tags: line.tags ?? [] }],
      fulfillments: [
        {
          id: 'f1',
          lines: [{ lineItemId: line.id, quantity: 1 }],
          shippedAt: '2026-03-03T09:00:00Z',
          deliveredAt: '2026-03-05T12:00:00Z',
        },
      ],
    }),
    id: id,
  };
}

const history = parsePolicyHistory([
  {
    id: 'ret_late',
    order: order('ord_us_1', 'US', { id: 'shirt', unitPrice: 50000 }),
    request: { lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'changed_mind' }] },
    requestedAt: '2026-03-25T10:00:00Z',
  },
  {
    id: 'ret_phone',
    order: order('ord_us_2', 'US', { id: 'phone', unitPrice: 100000, tags: ['electronics'] }),
    request: { lines: [{ lineItemId: 'phone', quantity: 1, reason: 'changed_mind' }] },
    requestedAt: '2026-03-08T10:00:00Z',
  },
  {
    id: 'ret_tr',
    order: order('ord_tr_1', 'TR', { id: 'shirt', unitPrice: 50000 }),
    request: { lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'changed_mind' }] },
    requestedAt: '2026-03-10T10:00:00Z',
  },
]);

describe('simulatePolicy', () => {
  it('reports what a change of window and fees does to past requests', () => {
    const report = simulatePolicy(current, proposed, history, { shopTimeZone: 'Europe/Istanbul' });
    expect(report.before).toEqual({ id: 'acme-returns', version: 4 });
    expect(report.after).toEqual({ id: 'acme-returns', version: 5 });
    expect(report.requests).toBe(3);
    // 20 days after delivery: inside 30 days, outside 14; no statutory right in the US.
    const late = report.entries[0];
    expect(late?.changes).toEqual(['eligibility', 'status', 'basis', 'refund', 'fees']);
    expect(report.eligibility).toEqual({
      becameEligible: 0,
      becameIneligible: 1,
      linesBecameEligible: 0,
      linesBecameIneligible: 1,
    });
    // Restocking 10 % → 15 % of 1,000.00: 50.00 more in fees, 50.00 less refunded.
    const phone = report.entries[1];
    expect(phone?.changes).toEqual(['refund', 'fees']);
    if (phone === undefined || 'error' in phone.before || 'error' in phone.after)
      throw new Error('phone must evaluate');
    expect(phone.after.fees.amount - phone.before.fees.amount).toBe(5000);
    expect(phone.after.refund.amount - phone.before.refund.amount).toBe(-5000);
    // Turkey: 5 days after delivery, within both windows and the withdrawal period: nothing changes.
    expect(report.entries[2]?.changes).toEqual([]);
    expect(report.changed).toBe(2);
    // The late shirt: 500.00 − 49.90 return shipping refunded before, nothing after.
    expect(report.refunds.difference).toEqual(money(-(50000 - 4990) - 5000, 'TRY'));
    expect(report.fees.difference).toEqual(money(-4990 + 5000, 'TRY'));
    expect(report.errors).toBe(0);
  });

  it('reports requests a version cannot evaluate instead of failing the whole run', () => {
    const fewerReasons = definePolicy({
      ...samplePolicyInput,
      version: 6,
      reasons: [{ code: 'defective', basis: 'defect' }],
    });
    const report = simulatePolicy(current, fewerReasons, history.slice(0, 1), { shopTimeZone: 'Europe/Istanbul' });
    expect(report.errors).toBe(1);
    expect(report.entries[0]?.changes).toEqual(['error']);
    expect(report.entries[0]?.after).toMatchObject({ error: { code: 'invalid_return_request' } });
  });

  it('refuses versions in different currencies', () => {
    const euro = definePolicy({ ...samplePolicyInput, currency: 'EUR', fees: {}, resolutions: {} });
    expect(() => simulatePolicy(current, euro, history, { shopTimeZone: 'Europe/Istanbul' })).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
  });

  it('names every bad path of a history at once', () => {
    const bad = () => parsePolicyHistory([{ order: { id: 1 }, request: { lines: [] }, requestedAt: 'yesterday' }]);
    expect(bad).toThrow(AftersaleError);
    try {
      bad();
    } catch (error) {
      const paths = (error as AftersaleError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(['[0].request.lines', '[0].requestedAt']));
    }
    try {
      parsePolicyHistory([
        {
          order: { id: 1 },
          request: { lines: [{ lineItemId: 'a', quantity: 1, reason: 'x' }] },
          requestedAt: '2026-03-08T10:00:00Z',
        },
      ]);
      expect.unreachable('an invalid order must throw');
    } catch (error) {
      expect((error as AftersaleError).issues[0]?.path).toMatch(/^\[0\]\.order\./);
    }
  });
});
