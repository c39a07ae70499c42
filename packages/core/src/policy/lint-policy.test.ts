import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { lintPolicy, type PolicyLintFinding, policyLintCodes } from './lint-policy.js';
import type { PolicyInput } from './policy-schema.js';
import { samplePolicyInput } from './sample-policy.js';

const codes = (findings: readonly PolicyLintFinding[]) =>
  findings.map((finding) => `${finding.code} ${finding.ruleId ?? '-'}`);

describe('lintPolicy', () => {
  it('passes the sample policy with warnings and notes that say what the law changes', () => {
    const result = lintPolicy(samplePolicyInput, { markets: ['TR', 'DE', 'FR', 'US'], asOf: '2026-07-01' });
    expect(result.ok).toBe(true);
    expect(result.errors).toBe(0);
    expect(codes(result.findings)).toEqual([
      'withdrawal.restocking_fee fee.restocking-electronics',
      'withdrawal.return_cost fee.return-shipping',
      'statutory.window_shorter window.sale',
      'withdrawal.function_required eu.withdrawal.function',
    ]);
    const restocking = result.findings[0] as PolicyLintFinding;
    expect(restocking).toMatchObject({ severity: 'warning', path: 'fees.restocking[0]', markets: ['TR', 'DE', 'FR'] });
    expect(restocking.message).toContain('TR, DE, FR law forbids a restocking fee');
    const returnCost = result.findings[1] as PolicyLintFinding;
    expect(returnCost.markets).toEqual(['TR']);
    expect(result.findings[3]?.markets).toEqual(['DE', 'FR']);
  });

  it('has no withdrawal-function note before 19 June 2026', () => {
    const result = lintPolicy(samplePolicyInput, { markets: ['DE'], asOf: '2026-06-18' });
    expect(codes(result.findings)).not.toContain('withdrawal.function_required eu.withdrawal.function');
  });

  it('fails policies that take statutory rights away', () => {
    const off = lintPolicy({ ...samplePolicyInput, statutory: false }, { markets: ['TR', 'US'], asOf: '2026-07-01' });
    expect(off.ok).toBe(false);
    expect(off.findings[0]).toMatchObject({ code: 'statutory.disabled', severity: 'error', markets: ['TR'] });

    const creditOnly = lintPolicy(
      { ...samplePolicyInput, resolutions: { ...samplePolicyInput.resolutions, refund: { enabled: false } } },
      { markets: ['GB'], asOf: '2026-07-01' },
    );
    expect(codes(creditOnly.findings)).toContain('withdrawal.store_credit_only -');
    expect(creditOnly.errors).toBe(1);

    const understated = lintPolicy(
      {
        ...samplePolicyInput,
        exclusions: [
          {
            id: 'exclusion.clearance',
            kind: 'custom',
            products: { tags: ['clearance'] },
            label: { en: 'Clearance: no returns', tr: 'Tasfiye ürünleri iade edilemez' },
          },
          {
            id: 'exclusion.engraved',
            kind: 'personalised',
            label: { en: 'Engraved items cannot be returned', tr: 'Gravürlü ürünler iade edilemez' },
          },
        ],
      },
      { markets: ['TR', 'US'], asOf: '2026-07-01' },
    );
    // The custom exclusion understates withdrawal in TR; a personalised item is a statutory exception, so its text is true.
    const finding = understated.findings.find((candidate) => candidate.code === 'statutory.text_understates');
    expect(finding).toMatchObject({
      severity: 'error',
      ruleId: 'exclusion.clearance',
      path: 'exclusions[0].label',
      markets: ['TR'],
    });
    expect(understated.findings.filter((candidate) => candidate.code === 'statutory.text_understates')).toHaveLength(1);

    const onlyRight = lintPolicy(
      { ...samplePolicyInput, name: 'A 7-day return window is your only right' },
      { markets: ['DE'], asOf: '2026-07-01' },
    );
    expect(onlyRight.findings[0]).toMatchObject({ code: 'statutory.text_understates', ruleId: null, path: 'name' });
  });

  it('finds shadowed, unreachable and dead rules', () => {
    const policy: PolicyInput = {
      schemaVersion: 1,
      id: 'messy',
      version: 1,
      currency: 'EUR',
      window: { days: 30 },
      windowOverrides: [
        { id: 'window.short', days: 20 },
        { id: 'window.never', priority: -1, days: 90 },
        { id: 'window.everyone', priority: 2, days: 45 },
        { id: 'window.empty', priority: 3, days: 10, products: {} },
        { id: 'window.old', orderedBetween: { from: '2025-11-01', to: '2025-12-31' }, returnUntil: '2026-01-31' },
      ],
      exclusions: [{ id: 'exclusion.engraved', kind: 'personalised', personalisedWhenPropertiesPresent: false }],
      fees: {
        restocking: [
          { id: 'fee.all', percent: 5 },
          { id: 'fee.electronics', percent: 10, products: { tags: ['electronics'] } },
        ],
        waivers: [
          { id: 'waiver.shipping', fees: ['return_shipping'], bases: ['defect'] },
          { id: 'waiver.credit', resolutions: ['store_credit'] },
        ],
      },
      reasons: [
        { code: 'changed_mind', basis: 'voluntary' },
        { code: 'bad_smell', basis: 'defect', label: { en: 'Smells', tr: 'Smells' } },
      ],
    };
    const result = lintPolicy(policy, { markets: ['JP'], asOf: '2026-07-01' });
    expect(codes(result.findings)).toEqual([
      'rule.never_applies exclusion.engraved',
      'rule.never_applies waiver.credit',
      'rule.never_applies window.empty',
      'rule.unreachable fee.electronics',
      'rule.unreachable window.default',
      'rule.unreachable window.never',
      'rule.unreachable window.old',
      'rule.unreachable window.short',
      'rule.unreachable window.short',
      'translation.untranslated -',
      'market.no_statutory_pack -',
      'rule.expired window.old',
      'rule.no_effect waiver.shipping',
    ]);
    expect(result.ok).toBe(true);
    expect(result.warnings).toBe(10);
  });

  it('reports validation problems and missing translations as findings, with paths', () => {
    const result = lintPolicy(
      {
        ...samplePolicyInput,
        window: { days: -1 },
        reasons: [
          { code: 'changed_mind', basis: 'voluntary' },
          { code: 'bad_smell', basis: 'defect' },
        ],
      },
      { markets: ['TR'] },
    );
    expect(result.ok).toBe(false);
    expect(result.findings.map((finding) => [finding.code, finding.path])).toEqual([['policy.invalid', 'window.days']]);
    const translation = lintPolicy(
      {
        ...samplePolicyInput,
        reasons: [
          { code: 'changed_mind', basis: 'voluntary' },
          { code: 'bad_smell', basis: 'defect' },
        ],
      },
      { markets: ['TR'] },
    );
    expect(translation.findings.map((finding) => [finding.code, finding.path])).toEqual([
      ['translation.missing', 'reasons[1].label'],
    ]);
  });

  it('warns about markets the voluntary policy leaves out and undisclosed return costs', () => {
    const result = lintPolicy(
      {
        ...samplePolicyInput,
        fees: { returnShipping: { amount: money(4990, 'TRY') } },
        limits: { countries: ['TR'] },
        merchant: { returnCostsDisclosed: false, informedOfWithdrawal: false },
      },
      { markets: ['TR', 'DE'], asOf: '2026-01-10' },
    );
    expect(codes(result.findings)).toEqual([
      'market.not_served limits.order',
      'withdrawal.not_informed -',
      'withdrawal.return_cost fee.return-shipping',
      'statutory.window_shorter window.sale',
    ]);
    expect(result.findings[2]?.markets).toEqual(['TR', 'DE']);
  });

  it('refuses malformed options, and every code has a documented severity', () => {
    expect(() => lintPolicy(samplePolicyInput, { markets: ['tr'] })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    for (const entry of Object.values(policyLintCodes)) expect(['error', 'warning', 'info']).toContain(entry.severity);
  });
});
