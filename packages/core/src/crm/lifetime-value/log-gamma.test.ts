import { describe, expect, it } from 'vitest';
import { digamma, logAddExp, logBeta, logGamma, logSumExp } from './log-gamma.js';

const eulerGamma = 0.5772156649015329;

describe('logGamma', () => {
  it('matches factorials, Γ(½) = √π and Stirling for large arguments', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      factorial *= n;
      expect(logGamma(n + 1)).toBeCloseTo(Math.log(factorial), 11);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - eulerGamma * 1e-8, 8);
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expect(Math.abs(logGamma(x) - stirling) / stirling).toBeLessThan(1e-14);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });

  it('logBeta agrees with B(a, b) = Γ(a)Γ(b)/Γ(a+b)', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 13);
  });
});

describe('digamma', () => {
  it('matches known values and the recurrence ψ(x+1) = ψ(x) + 1/x', () => {
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 13);
    for (const x of [0.01, 0.3, 2.5, 7.7, 123.4, 1e5]) expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 11);
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.2, 1.7, 15, 400]) {
      const step = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((logGamma(x + step) - logGamma(x - step)) / (2 * step), 6);
    }
  });
});

describe('logAddExp and logSumExp', () => {
  it('add in log space without overflow or underflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logSumExp([800, 800, 800])).toBeCloseTo(800 + Math.log(3), 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
  });
});
