import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, divideRoundedSafe, roundingModes } from './rounding.js';

describe('divideRoundedSafe', () => {
  it('rounds every safe-integer division exactly as the bigint divideRounded does, in every mode', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.maxSafeNat(),
          fc.maxSafeNat().map((n) => -n),
        ),
        fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
        fc.constantFrom(...roundingModes),
        (numerator, denominator, mode) => {
          const safe = divideRoundedSafe(numerator, denominator, mode);
          expect(safe).toBe(Number(divideRounded(BigInt(numerator), BigInt(denominator), mode)));
          expect(Object.is(safe, -0)).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('rounds the halves as each mode says', () => {
    expect(roundingModes.map((mode) => divideRoundedSafe(5, 2, mode))).toEqual(
      roundingModes.map((mode) => Number(divideRounded(5n, 2n, mode))),
    );
    expect(divideRoundedSafe(-5, 2, 'half-even')).toBe(-2);
    expect(divideRoundedSafe(7, 2, 'half-even')).toBe(4);
    expect(divideRoundedSafe(-5, 2, 'half-up')).toBe(-3);
  });
});
