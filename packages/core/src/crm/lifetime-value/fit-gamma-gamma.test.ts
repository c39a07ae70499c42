import { describe, expect, it } from 'vitest';
import { cdnowSummaryOptions, readCdnowSummary, readCdnowTransactions } from '../../../test/cdnow-data.js';
import { money } from '../../money/money.js';
import { parseMoney } from '../../money/parse-money.js';
import { fitGammaGamma, type GammaGammaParameters, gammaGammaLogLikelihood } from './fit-gamma-gamma.js';
import { simulateCustomers } from './simulate-customers.js';
import { summarizeTransactions } from './summarize-transactions.js';

describe('fitGammaGamma on CDNOW', () => {
  const summaries = summarizeTransactions(readCdnowTransactions(), cdnowSummaryOptions);

  it('reproduces the published estimates (p 6.25, q 3.74, gamma 15.44) within 0.01 on the exact means', () => {
    const fit = fitGammaGamma(summaries);
    expect(fit.customerCount).toBe(946);
    expect(fit.excludedCustomerCount).toBe(0);
    expect(fit.currency).toBe('USD');
    expect(Math.abs(fit.parameters.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(fit.parameters.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(fit.parameters.gamma - 15.44)).toBeLessThan(0.01);
    // Spend and frequency are close to independent here, as the model assumes.
    expect(Math.abs(fit.frequencyMonetaryCorrelation)).toBeLessThan(0.3);
    for (const name of ['p', 'q', 'gamma'] as const) {
      for (const factor of [0.99, 1.01]) {
        const moved = { ...fit.parameters, [name]: fit.parameters[name] * factor };
        expect(gammaGammaLogLikelihood(moved, summaries)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('drifts to gamma 15.45 on the file’s rounded means: why the summary keeps exact totals', () => {
    // The published means rounded to cents, written back as totals of x equal purchases.
    const rounded = readCdnowSummary().map((row) => ({
      frequency: Number(row.x),
      repeatValueTotal: money(parseMoney(row.zbar, 'USD').amount * Number(row.x), 'USD'),
    }));
    const fit = fitGammaGamma(rounded);
    expect(fit.parameters.gamma.toFixed(2)).toBe('15.45');
  });
});

describe('fitGammaGamma', () => {
  it('recovers known parameters from 20,000 simulated customers (q within 10 %, p and gamma within 20 %)', () => {
    const truth: GammaGammaParameters = { p: 6, q: 4, gamma: 15 };
    const customers = simulateCustomers({
      bgNbd: { r: 0.6, alpha: 6, a: 0.7, b: 3 },
      gammaGamma: truth,
      count: 20_000,
      seed: 11,
      minimumAge: 26,
      maximumAge: 78,
      currency: 'USD',
    });
    const fit = fitGammaGamma(customers);
    expect(Math.abs(fit.parameters.p / truth.p - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.parameters.q / truth.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.parameters.gamma / truth.gamma - 1)).toBeLessThan(0.2);
    // The population mean spend p·γ/(q − 1) is identified much better than p and γ apart.
    const mean = (fit.parameters.p * fit.parameters.gamma) / (fit.parameters.q - 1);
    expect(Math.abs(mean / 30 - 1)).toBeLessThan(0.05);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
  });

  it('leaves out zero-spend repeat buyers, counting them, and refuses too little data or mixed currencies', () => {
    const customers = [
      { frequency: 2, repeatValueTotal: money(3000, 'EUR') },
      { frequency: 1, repeatValueTotal: money(0, 'EUR') },
      { frequency: 0, repeatValueTotal: money(0, 'EUR') },
    ];
    expect(() => fitGammaGamma(customers)).toThrow(expect.objectContaining({ code: 'model_fit_failed' }));
    expect(() => fitGammaGamma([...customers, { frequency: 3, repeatValueTotal: money(4000, 'USD') }])).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    // Five customers whose spend barely varies: the likelihood keeps rising as p → ∞, γ → 0.
    const few = [
      ...customers,
      { frequency: 3, repeatValueTotal: money(9000, 'EUR') },
      { frequency: 1, repeatValueTotal: money(1200, 'EUR') },
      { frequency: 4, repeatValueTotal: money(8100, 'EUR') },
      { frequency: 2, repeatValueTotal: money(2500, 'EUR') },
    ];
    expect(() => fitGammaGamma(few)).toThrow(expect.objectContaining({ code: 'model_fit_failed' }));
    const cdnow = summarizeTransactions(readCdnowTransactions(), cdnowSummaryOptions);
    const fit = fitGammaGamma([...cdnow, { frequency: 2, repeatValueTotal: money(0, 'USD') }]);
    expect(fit.customerCount).toBe(946);
    expect(fit.excludedCustomerCount).toBe(1);
  });
});
