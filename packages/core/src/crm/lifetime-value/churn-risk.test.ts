import { describe, expect, it } from 'vitest';
import { churnRisk, defaultChurnRiskThresholds } from './churn-risk.js';

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('churnRisk', () => {
  it('bands by P(alive): high below 0.3, medium below 0.7, low from 0.7', () => {
    expect(defaultChurnRiskThresholds).toEqual({ high: 0.3, medium: 0.7 });
    const recent = churnRisk(cdnow, { frequency: 4, recency: 38, age: 39 });
    expect(recent.band).toBe('low');
    expect(recent.probabilityAlive).toBeGreaterThanOrEqual(0.7);
    const slipping = churnRisk(cdnow, { frequency: 2, recency: 20, age: 39 });
    expect(slipping.probabilityAlive).toBeGreaterThanOrEqual(0.3);
    expect(slipping.probabilityAlive).toBeLessThan(0.7);
    expect(slipping.band).toBe('medium');
    const gone = churnRisk(cdnow, { frequency: 8, recency: 5, age: 39 });
    expect(gone.probabilityAlive).toBeLessThan(0.3);
    expect(gone.band).toBe('high');
  });

  it('leaves one-time buyers undetermined and accepts other thresholds', () => {
    expect(churnRisk(cdnow, { frequency: 0, recency: 0, age: 39 })).toEqual({
      band: 'undetermined',
      probabilityAlive: 1,
    });
    const customer = { frequency: 2, recency: 20, age: 39 };
    expect(churnRisk(cdnow, customer, { high: 0.6, medium: 0.9 }).band).toBe('high');
    expect(() => churnRisk(cdnow, customer, { high: 0.8, medium: 0.5 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
