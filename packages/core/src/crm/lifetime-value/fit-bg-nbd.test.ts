import { describe, expect, it } from 'vitest';
import { cdnowSummaryOptions, readCdnowTransactions } from '../../../test/cdnow-data.js';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { type BgNbdParameters, bgNbdLogLikelihood, fitBgNbd } from './fit-bg-nbd.js';
import { simulateCustomers } from './simulate-customers.js';
import { summarizeTransactions } from './summarize-transactions.js';

describe('fitBgNbd on CDNOW', () => {
  const summaries = summarizeTransactions(readCdnowTransactions(), cdnowSummaryOptions);
  const fit = fitBgNbd(summaries);

  it('reproduces the published estimates (r 0.243, alpha 4.414, a 0.793, b 2.426) to three decimals', () => {
    const { r, alpha, a, b } = fit.parameters;
    expect(Math.abs(r - 0.243)).toBeLessThan(0.0005);
    expect(Math.abs(alpha - 4.414)).toBeLessThan(0.0005);
    expect(Math.abs(a - 0.793)).toBeLessThan(0.0005);
    expect(Math.abs(b - 2.426)).toBeLessThan(0.0005);
    expect(fit.customerCount).toBe(2357);
  });

  it('reaches the published log-likelihood (about −9582.4), and nothing nearby is higher', () => {
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(bgNbdLogLikelihood(fit.parameters, summaries)).toBeCloseTo(fit.logLikelihood, 6);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        const moved = { ...fit.parameters, [name]: fit.parameters[name] * factor };
        expect(bgNbdLogLikelihood(moved, summaries)).toBeLessThan(fit.logLikelihood);
      }
    }
  });
});

describe('fitBgNbd', () => {
  it('recovers known parameters from 20,000 simulated customers (r, alpha within 5 %, a, b within 20 %)', () => {
    const truth: BgNbdParameters = { r: 0.6, alpha: 6, a: 0.7, b: 3 };
    const customers = simulateCustomers({
      bgNbd: truth,
      gammaGamma: { p: 6, q: 4, gamma: 15 },
      count: 20_000,
      seed: 7,
      minimumAge: 26,
      maximumAge: 78,
      currency: 'USD',
    });
    const fit = fitBgNbd(customers);
    expect(Math.abs(fit.parameters.r / truth.r - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.parameters.alpha / truth.alpha - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.parameters.a / truth.a - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.parameters.b / truth.b - 1)).toBeLessThan(0.2);
    // The maximum is at least as likely as the truth.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, customers));
  });

  it('stays finite and accurate for very frequent buyers (x in the thousands)', () => {
    const customers = [
      { frequency: 5000, recency: 99.9, age: 100 },
      { frequency: 3000, recency: 60, age: 100 },
      { frequency: 0, recency: 0, age: 100 },
      { frequency: 2, recency: 30, age: 100 },
      { frequency: 1, recency: 5, age: 100 },
      { frequency: 0, recency: 0, age: 50 },
    ];
    const value = bgNbdLogLikelihood({ r: 0.5, alpha: 2, a: 0.8, b: 2 }, customers);
    expect(Number.isFinite(value)).toBe(true);
    const fit = fitBgNbd(customers);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(value);
  });

  it('refuses data without repeat purchases and invalid observations', () => {
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, age: 10 }])).toThrow(
      expect.objectContaining({ code: 'model_fit_failed' }),
    );
    try {
      fitBgNbd([
        { frequency: 1.5, recency: 2, age: 10 },
        { frequency: 1, recency: 12, age: 10 },
        { frequency: 0, recency: 3, age: 10 },
      ]);
      expect.unreachable('invalid observations must throw');
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_input')).toBe(true);
      expect((error as AftersaleError).issues.map((issue) => issue.path)).toEqual([
        '[0].frequency',
        '[1].recency',
        '[2].recency',
      ]);
    }
    expect(() => bgNbdLogLikelihood({ r: -1, alpha: 1, a: 1, b: 1 }, [])).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
