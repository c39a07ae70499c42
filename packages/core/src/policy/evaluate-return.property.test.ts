import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { testOrder } from '../refund/test-order.js';
import { definePolicy } from './define-policy.js';
import { evaluateReturn } from './evaluate-return.js';
import type { ReturnRequest } from './return-decision.js';

const leafReasons = [
  'changed_mind',
  'too_small',
  'too_large',
  'fit_other',
  'damaged_on_arrival',
  'defective',
  'wrong_item',
  'not_as_described',
  'arrived_too_late',
  'other',
];
const rank = { ineligible: 0, conditional: 1, eligible: 2 } as const;
const day = 86_400_000;

function policyWith(days: number, overrideDays: number) {
  return definePolicy({
    schemaVersion: 1,
    id: 'property-policy',
    version: 1,
    currency: 'EUR',
    window: { days, from: 'delivery', transitDays: 4 },
    windowOverrides: [{ id: 'window.sale', priority: 5, days: overrideDays, products: { tags: ['sale'] } }],
    exclusions: [
      { id: 'exclusion.final-sale', kind: 'final_sale', products: { tags: ['final-sale'] } },
      { id: 'exclusion.hygiene', kind: 'hygiene_sealed', products: { productTypes: ['Cosmetics'] } },
    ],
    fees: {
      returnShipping: { amount: money(495, 'EUR') },
      restocking: [{ id: 'fee.restocking', percent: '12.5', products: { tags: ['electronics'] } }],
      waivers: [{ id: 'waiver.defects', bases: ['defect'] }],
    },
    resolutions: {
      storeCredit: { enabled: true, bonusPercent: 5 },
      keepItem: { enabled: true, maximumValue: money(1500, 'EUR') },
    },
    limits: { returnsPerCustomer: { maximum: 5, periodDays: 30 } },
  });
}

const scenario = fc.record({
  country: fc.constantFrom('TR', 'DE', 'FR', 'GB', 'US', 'JP'),
  business: fc.boolean(),
  returns: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  shippedDay: fc.integer({ min: 0, max: 20 }),
  deliveredAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  nowAfterShipping: fc.integer({ min: 0, max: 24 * 140 }),
  lines: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 3 }),
      unitPrice: fc.integer({ min: 100, max: 50_000 }),
      tag: fc.constantFrom('electronics', 'final-sale', 'sale', 'plain'),
      cosmetics: fc.boolean(),
      reason: fc.constantFrom(...leafReasons),
      sealBroken: fc.option(fc.boolean(), { nil: undefined }),
      photo: fc.boolean(),
      description: fc.boolean(),
      returned: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  days: fc.integer({ min: 0, max: 60 }),
  overrideDays: fc.integer({ min: 0, max: 30 }),
  extra: fc.integer({ min: 1, max: 90 }),
  locale: fc.constantFrom('tr-TR', 'en-GB', 'en'),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(input: Scenario, days: number, overrideDays: number) {
  const start = Date.parse('2026-05-01T08:00:00Z');
  const shippedAt = new Date(start + input.shippedDay * day).toISOString();
  const deliveredAt =
    input.deliveredAfter === null
      ? null
      : new Date(start + (input.shippedDay + input.deliveredAfter) * day).toISOString();
  const now = new Date(start + input.shippedDay * day + input.nowAfterShipping * 3_600_000).toISOString();
  const lines = input.lines.map((line, index) => ({
    id: `l${index}`,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    tags: [line.tag],
    ...(line.cosmetics ? { type: 'Cosmetics' } : {}),
    taxes: [[0.19, Math.round(line.unitPrice * line.quantity * 0.19)]] as [number, number][],
  }));
  const order = testOrder({
    currency: 'EUR',
    country: input.country,
    createdAt: '2026-04-30T12:00:00Z',
    lines,
    shipping: { price: 590 },
    fulfillments: [
      {
        id: 'f1',
        lines: lines.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
        shippedAt,
        deliveredAt,
      },
    ],
  });
  const request: ReturnRequest = {
    lines: input.lines.map((line, index) => ({
      lineItemId: `l${index}`,
      quantity: Math.min(line.returned, line.quantity),
      reason: line.reason,
      evidence: { photo: line.photo, description: line.description },
      ...(line.sealBroken === undefined ? {} : { sealBroken: line.sealBroken }),
    })),
  };
  return evaluateReturn(policyWith(days, overrideDays), order, request, {
    now,
    locale: input.locale,
    shopTimeZone: 'Europe/Istanbul',
    customer: {
      kind: input.business ? 'business' : 'consumer',
      ...(input.returns === undefined ? {} : { returns: { periodDays: 30, count: input.returns } }),
    },
  });
}

describe('evaluateReturn properties', () => {
  it('is deterministic and its decision is plain JSON', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const first = run(input, input.days, input.overrideDays);
        const second = run(input, input.days, input.overrideDays);
        expect(second).toEqual(first);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      { numRuns: 60 },
    );
  });

  it('extending a window never makes an eligible line ineligible', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const base = run(input, input.days, input.overrideDays);
        const longer = run(input, input.days + input.extra, input.overrideDays + input.extra);
        base.lines.forEach((line, index) => {
          const extended = longer.lines[index];
          expect(extended).toBeDefined();
          expect(rank[extended?.status ?? 'ineligible']).toBeGreaterThanOrEqual(rank[line.status]);
        });
      }),
      { numRuns: 120 },
    );
  });

  it('the refund of a decision never exceeds what remains refundable, and conserves its parts', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = run(input, input.days, input.overrideDays);
        const refund = decision.refund;
        if (refund === null) {
          expect(decision.lines.every((line) => !line.eligible)).toBe(true);
          return;
        }
        expect(refund.total.amount).toBeGreaterThanOrEqual(0);
        expect(refund.total.amount).toBeLessThanOrEqual(refund.remaining.before.amount);
        const parts = refund.goods.amount + refund.shipping.amount - refund.deductionsTotal.amount;
        expect(refund.total.amount).toBe(Math.max(0, parts));
        expect(refund.tenders.reduce((all, tender) => all + tender.amount.amount, 0)).toBe(refund.total.amount);
      }),
      { numRuns: 120 },
    );
  });
});
