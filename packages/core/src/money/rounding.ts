import { AftersaleError } from '../errors/aftersale-error.js';

/**
 * How a value that falls between two minor units is rounded.
 * - `half-up`: to the nearest, halves away from zero (commercial rounding)
 * - `half-even`: to the nearest, halves to the even neighbour (banker's rounding)
 * - `half-down`: to the nearest, halves toward zero
 * - `up`: away from zero; `down`: toward zero (truncate)
 * - `ceil`: toward +∞; `floor`: toward −∞
 */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

export const roundingModes: readonly RoundingMode[] = [
  'half-up',
  'half-even',
  'half-down',
  'up',
  'down',
  'ceil',
  'floor',
];

/** An exact rational number `numerator / denominator` (denominator > 0). */
export interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** Divides exactly and rounds the quotient to an integer with the given mode. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const negative = numerator < 0n;
  const awayFromZero = negative ? quotient - 1n : quotient + 1n;
  const twice = abs(remainder) * 2n;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return awayFromZero;
    case 'ceil':
      return negative ? quotient : awayFromZero;
    case 'floor':
      return negative ? awayFromZero : quotient;
    case 'half-up':
      return twice >= denominator ? awayFromZero : quotient;
    case 'half-down':
      return twice > denominator ? awayFromZero : quotient;
    case 'half-even':
      if (twice > denominator) return awayFromZero;
      if (twice < denominator) return quotient;
      return quotient % 2n === 0n ? quotient : awayFromZero;
  }
}

/**
 * {@link divideRounded} on safe integers (`denominator` > 0), without bigints: the remainder is
 * exact, and so is dividing it out.
 */
export function divideRoundedSafe(numerator: number, denominator: number, mode: RoundingMode): number {
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  if (remainder === 0) return quotient === 0 ? 0 : quotient;
  const negative = numerator < 0;
  const awayFromZero = negative ? quotient - 1 : quotient + 1;
  const twice = Math.abs(remainder) * 2;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return awayFromZero;
    case 'ceil':
      return negative ? quotient : awayFromZero;
    case 'floor':
      return negative ? awayFromZero : quotient;
    case 'half-up':
      return twice >= denominator ? awayFromZero : quotient;
    case 'half-down':
      return twice > denominator ? awayFromZero : quotient;
    case 'half-even':
      if (twice > denominator) return awayFromZero;
      if (twice < denominator) return quotient;
      return quotient % 2 === 0 ? quotient : awayFromZero;
  }
}

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal written as a string (`"12.30"`, `"-0.5"`) or a finite number (read through its
 * shortest decimal form, so `0.1` is exactly one tenth) as an exact ratio. No floating-point
 * arithmetic is done on the value.
 */
export function ratioFromDecimal(value: string | number): Ratio | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    if (/e/i.test(text)) {
      // Very large or very small numbers print in exponent form: expand it exactly.
      const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
      const exponent = Number.parseInt(exponentText, 10);
      const inner = ratioFromDecimal(mantissa);
      if (inner === undefined) return undefined;
      return exponent >= 0
        ? { numerator: inner.numerator * 10n ** BigInt(exponent), denominator: inner.denominator }
        : { numerator: inner.numerator, denominator: inner.denominator * 10n ** BigInt(-exponent) };
    }
  } else {
    text = value.trim();
  }
  const match = decimalPattern.exec(text);
  if (match === null) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const numerator = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}

/** Like {@link ratioFromDecimal}, but throws `invalid_input` naming `what` when the value is not a decimal. */
export function requireRatio(value: string | number, what: string): Ratio {
  const ratio = ratioFromDecimal(value);
  if (ratio === undefined) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `${what} must be a finite decimal number such as 12.5, got ${JSON.stringify(value)}.`,
    });
  }
  return ratio;
}

/** A ratio read once, with its terms as numbers when they are small enough to compute with exactly. */
export interface CachedRatio extends Ratio {
  small: { numerator: number; denominator: number } | null;
}

const ratios = new Map<string | number, CachedRatio>();
const smallLimit = 2 ** 31;

/**
 * {@link requireRatio} for values read again and again (a policy's percentages, tax rates), from a
 * cache. The result is shared: never change it.
 */
export function cachedRatio(value: string | number, what: string): CachedRatio {
  const known = ratios.get(value);
  if (known !== undefined) return known;
  const ratio = requireRatio(value, what);
  const small =
    ratio.numerator < BigInt(smallLimit) &&
    ratio.numerator > -BigInt(smallLimit) &&
    ratio.denominator < BigInt(smallLimit)
      ? { numerator: Number(ratio.numerator), denominator: Number(ratio.denominator) }
      : null;
  const cached: CachedRatio = { numerator: ratio.numerator, denominator: ratio.denominator, small };
  if (ratios.size >= 1_000) ratios.clear();
  ratios.set(value, cached);
  return cached;
}
