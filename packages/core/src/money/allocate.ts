import { AftersaleError } from '../errors/aftersale-error.js';
import { type Money, money } from './money.js';
import { ratioFromDecimal } from './rounding.js';

/**
 * Splits an amount into parts proportional to `weights` with the largest-remainder method: every
 * part gets the floor of its exact share, then the minor units left over go, one each, to the
 * parts with the largest remainders (ties to the earlier part). The parts always sum to the total
 * exactly. Negative totals are split the same way and negated.
 *
 * @param weights non-negative decimals (integers, money amounts, quantities or rates such as 0.18), not all zero.
 * @example allocate(money(1000, 'EUR'), [1, 1, 1]) // 3.34, 3.33, 3.33
 */
export function allocate(total: Money, weights: readonly (number | string)[]): Money[] {
  if (weights.length === 0) {
    throw new AftersaleError({ code: 'invalid_allocation', message: 'Cannot allocate over an empty list of weights.' });
  }
  const ratios = weights.map((weight, index) => {
    const ratio = ratioFromDecimal(weight);
    if (ratio === undefined || ratio.numerator < 0n) {
      throw new AftersaleError({
        code: 'invalid_allocation',
        message: `Allocation weight ${index} is ${JSON.stringify(weight)}: weights must be non-negative decimals.`,
      });
    }
    return ratio;
  });
  // Bring every weight to one common denominator so they become integers.
  const common = ratios.reduce((denominator, ratio) => lcm(denominator, ratio.denominator), 1n);
  const integers = ratios.map((ratio) => (ratio.numerator * common) / ratio.denominator);
  const weightTotal = integers.reduce((a, b) => a + b, 0n);
  if (weightTotal === 0n) {
    throw new AftersaleError({ code: 'invalid_allocation', message: 'Cannot allocate when every weight is zero.' });
  }
  const negative = total.amount < 0;
  const amount = BigInt(Math.abs(total.amount));
  const shares = integers.map((weight) => (amount * weight) / weightTotal);
  const remainders = integers.map((weight, index) => ({ index, remainder: (amount * weight) % weightTotal }));
  let left = amount - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((share) => money(negative ? -share : share, total.currency));
}

/** Splits an amount into `count` parts as equal as possible (the earlier parts get the extra units). */
export function split(total: Money, count: number): Money[] {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new AftersaleError({
      code: 'invalid_allocation',
      message: `Cannot split into ${count} parts: use a positive integer.`,
    });
  }
  return allocate(
    total,
    Array.from({ length: count }, () => 1),
  );
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
