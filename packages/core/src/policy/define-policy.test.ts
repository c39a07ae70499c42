import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import { definePolicy, parsePolicy, policyIssues } from './define-policy.js';
import type { PolicyInput } from './policy-schema.js';

const minimal: PolicyInput = {
  schemaVersion: 1,
  id: 'shop-returns',
  version: 1,
  currency: 'TRY',
  window: { days: 14 },
};

function issuesOf(input: unknown): string[] {
  try {
    definePolicy(input as PolicyInput);
  } catch (error) {
    if (AftersaleError.hasCode(error, 'invalid_policy'))
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('definePolicy', () => {
  it('fills the defaults, freezes the result, and round-trips through JSON', () => {
    const policy = definePolicy(minimal);
    expect(policy.window).toEqual({
      id: 'window.default',
      days: 14,
      from: 'delivery',
      transitDays: 5,
      splitDeliveries: 'per_line',
    });
    expect(policy.reasons.map((reason) => reason.code)).toEqual([
      'changed_mind',
      'size_fit',
      'problem',
      'arrived_too_late',
      'other',
    ]);
    expect(policy.shippingRefund).toEqual({ voluntary: 'when_all_returned', partialWithdrawal: 'proportional' });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.window)).toBe(true);
    const again = parsePolicy(JSON.stringify(policy));
    expect(again).toEqual(policy);
  });

  it('reports every problem at once, with its path', () => {
    const issues = issuesOf({
      ...minimal,
      window: { days: -1 },
      exclusions: [
        { id: 'x', kind: 'final_sale' },
        { id: 'x', kind: 'custom', products: { tags: ['a'] } },
      ],
      fees: { returnShipping: { amount: money(500, 'EUR') } },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^window\.days: /),
        'exclusions[0]: a final_sale exclusion needs products or minimumDiscountPercent',
        'exclusions[1].label: a custom exclusion needs a label in tr and en',
        'exclusions[1].id: rule id x is also used at exclusions[0].id',
        'fees.returnShipping.amount.currency: must be TRY, the policy currency',
      ]),
    );
  });

  it('rejects unknown fields (a typo is not silently ignored)', () => {
    expect(issuesOf({ ...minimal, windw: { days: 3 } })).toEqual([expect.stringContaining('windw')]);
  });

  it('checks the reason tree: leaves need a basis, new codes need both labels, codes are unique', () => {
    const issues = issuesOf({
      ...minimal,
      reasons: [
        { code: 'smell', basis: 'voluntary' },
        { code: 'changed_mind' },
        { code: 'colour', basis: 'voluntary', label: { tr: 'Renk' } },
        { code: 'problem', basis: 'defect', children: [{ code: 'changed_mind', basis: 'voluntary' }] },
      ],
      fees: { waivers: [{ id: 'waiver.x', reasons: ['nope'] }] },
    });
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^reasons\[2\]\.label\.en: /)]));
    const treeIssues = policyIssues({
      ...minimal,
      reasons: [
        { code: 'smell', basis: 'voluntary' },
        { code: 'changed_mind' },
        { code: 'problem', basis: 'defect', children: [{ code: 'changed_mind', basis: 'voluntary' }] },
      ],
      fees: { waivers: [{ id: 'waiver.x', reasons: ['nope'] }] },
    }).map((issue) => `${issue.path}: ${issue.message}`);
    expect(treeIssues).toEqual([
      'reasons[0].label: reason smell is not built in: give it a label in tr and en',
      'reasons[1].basis: a leaf reason needs a basis (voluntary or defect)',
      'reasons[2]: only leaf reasons carry a basis and evidence; customers pick leaves',
      'reasons[2].children[0].code: reason changed_mind appears twice',
      'fees.waivers[0].reasons[0]: no reason nope in the policy',
    ]);
  });

  it('window overrides take days or a last day, not both', () => {
    expect(issuesOf({ ...minimal, windowOverrides: [{ id: 'w', days: 3, returnUntil: '2027-01-31' }] })).toEqual([
      'windowOverrides[0]: give exactly one of days or returnUntil',
    ]);
  });

  it('parsePolicy refuses text that is not JSON', () => {
    expect(() => parsePolicy('{nope')).toThrow(expect.objectContaining({ code: 'invalid_policy' }));
  });
});
