import { describe, expect, it } from 'vitest';
import { runPolicyEvalBench } from '../bench/policy-eval.bench.js';
import {
  aftersaleBenchDecision,
  benchInputs,
  benchPolicy,
  createJsonRulesEngine,
  evaluateByHand,
  evaluateWithAftersale,
  evaluateWithJsonRulesEngine,
  jsonRules,
} from '../bench/policy-eval-cases.js';

/** Every rule id of the policy (window, overrides, exclusions, fees, waivers, limits). */
function ruleIds(): string[] {
  return [
    benchPolicy.window.id,
    ...benchPolicy.windowOverrides.map((rule) => rule.id),
    ...benchPolicy.exclusions.map((rule) => rule.id),
    ...(benchPolicy.fees.returnShipping ? [benchPolicy.fees.returnShipping.id] : []),
    ...benchPolicy.fees.restocking.map((rule) => rule.id),
    ...benchPolicy.fees.waivers.map((rule) => rule.id),
    benchPolicy.limits.id,
    ...(benchPolicy.limits.returnsPerCustomer ? [benchPolicy.limits.returnsPerCustomer.id] : []),
  ];
}

describe('policy benchmark', () => {
  it('is a 20-rule policy, written the same way for json-rules-engine', () => {
    expect(ruleIds()).toHaveLength(20);
    expect(jsonRules.map((rule) => rule.name).sort()).toEqual(ruleIds().sort());
  });

  it('aftersale, json-rules-engine and the hand-written function reach the same decisions on the benchmark inputs', async () => {
    const inputs = benchInputs(300);
    const engine = createJsonRulesEngine();
    const seen = {
      eligible: 0,
      ineligible: 0,
      restocking: 0,
      returnShipping: 0,
      windows: new Set<string>(),
      failed: new Set<string>(),
    };
    for (const input of inputs) {
      const decision = evaluateWithAftersale(input);
      // Every fact is given, so nothing is left conditional.
      expect(decision.lines.every((line) => line.status !== 'conditional')).toBe(true);
      const expected = aftersaleBenchDecision(decision);
      expect(evaluateByHand(input), input.order.id).toEqual(expected);
      expect(await evaluateWithJsonRulesEngine(engine, input), input.order.id).toEqual(expected);
      for (const line of expected.lines) {
        if (line.eligible) seen.eligible++;
        else seen.ineligible++;
        if (line.restocking > 0) seen.restocking++;
        seen.windows.add(line.window);
        for (const rule of line.failed) seen.failed.add(rule);
      }
      if (expected.returnShipping > 0) seen.returnShipping++;
    }
    // The inputs exercise every rule: each window wins somewhere, each exclusion and limit refuses something.
    expect([...seen.windows].sort()).toEqual([
      'window.default',
      'window.electronics',
      'window.holiday',
      'window.sale',
      'window.vip',
    ]);
    expect([...seen.failed].sort()).toEqual(
      expect.arrayContaining([
        'exclusion.clearance',
        'exclusion.engraved',
        'exclusion.final-sale',
        'exclusion.food',
        'exclusion.gift-cards',
        'exclusion.hygiene',
        'exclusion.software',
        'limits.order',
        'limits.returns-per-customer',
        'window.default',
        'window.sale',
      ]),
    );
    expect(seen.eligible).toBeGreaterThan(150);
    expect(seen.ineligible).toBeGreaterThan(150);
    expect(seen.restocking).toBeGreaterThan(20);
    expect(seen.returnShipping).toBeGreaterThan(20);
  }, 120_000);

  it('runs at smoke size and reports positive timings and ratios', async () => {
    const result = await runPolicyEvalBench({ orders: 20, samples: 1, minimumMs: 20 });
    expect(result.orders).toBe(20);
    for (const value of Object.values(result.microsecondsPerOrder)) expect(value).toBeGreaterThan(0);
    expect(result.ratioVsJsonRulesEngine).toBeGreaterThan(0);
    expect(result.ratioVsHandwritten).toBeGreaterThan(0);
  }, 60_000);
});
