import { describe, expect, it } from 'vitest';
import type { BgNbdParameters } from './fit-bg-nbd.js';
import { probabilityAlive } from './probability-alive.js';

// Published CDNOW estimates (Fader, Hardie & Lee 2005), weeks.
const cdnow: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('probabilityAlive', () => {
  it('is 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))', () => {
    const { r, alpha, a, b } = cdnow;
    for (const [x, recency, age] of [
      [2, 30.43, 38.86],
      [1, 1.71, 38.86],
      [7, 20, 35],
    ] as const) {
      const direct = 1 / (1 + (a / (b + x - 1)) * ((alpha + age) / (alpha + recency)) ** (r + x));
      expect(probabilityAlive(cdnow, { frequency: x, recency, age })).toBeCloseTo(direct, 14);
    }
  });

  it('is 1 without repeat purchases, rises with recency and stays in [0, 1] for huge x', () => {
    expect(probabilityAlive(cdnow, { frequency: 0, recency: 0, age: 38 })).toBe(1);
    const early = probabilityAlive(cdnow, { frequency: 3, recency: 5, age: 38 });
    const late = probabilityAlive(cdnow, { frequency: 3, recency: 35, age: 38 });
    expect(late).toBeGreaterThan(early);
    const gone = probabilityAlive(cdnow, { frequency: 5000, recency: 10, age: 38 });
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(gone).toBeLessThan(1e-100);
    expect(probabilityAlive(cdnow, { frequency: 5000, recency: 38, age: 38 })).toBeCloseTo(
      1 / (1 + 0.793 / 5001.426),
      12,
    );
  });

  it('refuses invalid parameters and observations', () => {
    expect(() => probabilityAlive({ ...cdnow, a: 0 }, { frequency: 1, recency: 1, age: 2 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => probabilityAlive(cdnow, { frequency: 1, recency: 3, age: 2 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
