import { describe, expect, it } from 'vitest';
import { findStatutoryPack, statutoryPacks } from './find-statutory-pack.js';
import type { StatutoryPack, StatutoryRule } from './statutory-pack.js';

function rulesOf(pack: StatutoryPack): StatutoryRule[] {
  const rules: StatutoryRule[] = [...pack.obligations];
  const withdrawal = pack.withdrawal;
  if (withdrawal !== null) {
    rules.push(
      withdrawal.periodRule,
      withdrawal.restockingFee.rule,
      withdrawal.returnCost.rule,
      withdrawal.refund.rule,
    );
    rules.push(withdrawal.outboundDelivery, withdrawal.partialOutboundDelivery, ...withdrawal.notes);
    if (withdrawal.notInformed) rules.push(withdrawal.notInformed.rule);
    for (const exception of Object.values(withdrawal.exceptions)) if (exception) rules.push(exception.rule);
  }
  const conformity = pack.conformity;
  if (conformity !== null) {
    rules.push(conformity.periodRule, conformity.presumptionRule, conformity.remediesRule);
    if (conformity.shortTermRejection)
      rules.push(conformity.shortTermRejection.rule, conformity.shortTermRejection.perishableRule);
  }
  return rules;
}

describe('statutory packs', () => {
  it('every rule has a stable id and cites an instrument and a provision; ids are unique within a pack', () => {
    for (const pack of statutoryPacks) {
      const rules = rulesOf(pack);
      expect(rules.length, pack.id).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.id, pack.id).toMatch(/^(eu|tr|uk|us)\.[a-z0-9_.]+$/);
        expect(rule.citation.instrument.length, rule.id).toBeGreaterThan(0);
        expect(rule.citation.provision.length, rule.id).toBeGreaterThan(0);
        expect(rule.summary.length, rule.id).toBeGreaterThan(20);
      }
      expect(new Set(rules.map((rule) => rule.id)).size, pack.id).toBe(rules.length);
      expect(pack.sources.length, pack.id).toBeGreaterThan(0);
      expect(pack.uncertainties.length, pack.id).toBeGreaterThan(0);
    }
  });

  it('the partial-withdrawal shipping question is marked uncertain wherever there is a withdrawal right', () => {
    for (const pack of statutoryPacks) {
      if (pack.withdrawal) expect(pack.withdrawal.partialOutboundDelivery.uncertainty, pack.id).toBeDefined();
    }
  });

  it('packs of one jurisdiction do not overlap in time', () => {
    const byJurisdiction = new Map<string, StatutoryPack[]>();
    for (const pack of statutoryPacks)
      byJurisdiction.set(pack.jurisdiction, [...(byJurisdiction.get(pack.jurisdiction) ?? []), pack]);
    for (const packs of byJurisdiction.values()) {
      const sorted = [...packs].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      for (let index = 1; index < sorted.length; index++) {
        const previous = sorted[index - 1] as StatutoryPack;
        expect(previous.effectiveUntil).not.toBeNull();
        expect((previous.effectiveUntil as string) < (sorted[index] as StatutoryPack).effectiveFrom).toBe(true);
      }
    }
  });

  it("selects by the consumer's country and the contract date", () => {
    expect(findStatutoryPack('DE', '2026-06-18')?.id).toBe('eu-2014-06-13');
    expect(findStatutoryPack('DE', '2026-06-19')?.id).toBe('eu-2026-06-19');
    expect(findStatutoryPack('TR', '2026-01-01')?.id).toBe('tr-2015-02-27');
    expect(findStatutoryPack('GB', '2026-01-01')?.id).toBe('uk-2015-10-01');
    expect(findStatutoryPack('US', '2026-01-01')?.id).toBe('us-2000-01-01');
    expect(findStatutoryPack('NO', '2026-01-01')).toBeNull();
    expect(findStatutoryPack('DE', '2014-01-01')).toBeNull();
  });
});
