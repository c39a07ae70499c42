import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { getCurrency, isCurrencyCode } from './currency.js';
import { cachedRatio, divideRounded, divideRoundedSafe, type RoundingMode, requireRatio } from './rounding.js';

/**
 * An amount of money: an integer number of minor units (cents, kuruş, fils) and an ISO 4217
 * currency code. `{ amount: 1230, currency: 'TRY' }` is ₺12,30. Plain data: JSON-serialisable,
 * compared by value, never a float.
 */
export interface Money {
  /** Integer minor units; may be negative. Always a safe integer. */
  readonly amount: number;
  /** ISO 4217 code. */
  readonly currency: string;
}

/** zod schema for an ISO 4217 currency code aftersale knows. */
export const currencyCodeSchema = z
  .string()
  .refine(isCurrencyCode, { message: 'must be an active ISO 4217 currency code such as TRY, EUR or USD' });

/** zod schema for {@link Money}. */
export const moneySchema = z.object({
  amount: z.number().int('must be an integer number of minor units').refine(Number.isSafeInteger, {
    message: 'must be a safe integer',
  }),
  currency: currencyCodeSchema,
});

/**
 * An amount of minor units checked as {@link money} checks it (a safe integer, no negative zero),
 * for arithmetic that runs on amounts and makes one {@link Money} at the end.
 */
export function checkAmount(amount: number | bigint, currency: string): number {
  if (typeof amount === 'bigint') {
    if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new AftersaleError({
        code: 'amount_overflow',
        message: `Amount ${amount} ${currency} (minor units) is beyond the exactly representable range.`,
      });
    }
    return Number(amount);
  }
  if (!Number.isSafeInteger(amount)) {
    if (Number.isInteger(amount)) {
      throw new AftersaleError({
        code: 'amount_overflow',
        message: `Amount ${amount} ${currency} (minor units) is beyond the exactly representable range.`,
      });
    }
    throw new AftersaleError({
      code: 'invalid_amount',
      message: `Money amounts are integer minor units; got ${amount} ${currency}. Use parseMoney("12.30", "${currency}") for decimals.`,
    });
  }
  return amount === 0 ? 0 : amount; // no negative zero
}

/**
 * Makes money from an integer number of minor units.
 * @example money(1230, 'TRY') // ₺12,30
 * @throws AftersaleError `invalid_amount` for a non-integer, `unknown_currency`, `amount_overflow`.
 */
export function money(amount: number | bigint, currency: string): Money {
  getCurrency(currency);
  return { amount: checkAmount(amount, currency), currency };
}

/** Zero in a currency. */
export function zero(currency: string): Money {
  return money(0, currency);
}

function assertSameCurrency(a: Money, b: Money, operation: string): void {
  if (a.currency !== b.currency) sameCurrency(a.currency, b.currency, operation);
}

/** Throws, as {@link add} and {@link subtract} do, when two currencies differ. */
export function sameCurrency(left: string, right: string, operation: string): void {
  if (left !== right) {
    throw new AftersaleError({
      code: 'currency_mismatch',
      message: `Cannot ${operation} ${left} and ${right}: amounts in different currencies cannot be combined.`,
      details: { left, right },
    });
  }
}

/** a + b. Both must share a currency. */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add');
  return { amount: checkAmount(a.amount + b.amount, a.currency), currency: a.currency };
}

/** a − b. Both must share a currency. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract');
  return { amount: checkAmount(a.amount - b.amount, a.currency), currency: a.currency };
}

/** Sum of many amounts in `currency` (zero for an empty list). */
export function sum(amounts: Iterable<Money>, currency: string): Money {
  let total = zero(currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

/** −a. */
export function negate(a: Money): Money {
  return { amount: checkAmount(-a.amount, a.currency), currency: a.currency };
}

/** |a|. */
export function absolute(a: Money): Money {
  return a.amount < 0 ? negate(a) : a;
}

/** Price × quantity: quantity must be an integer. */
export function multiply(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Quantity must be an integer, got ${quantity}. For fractions use percentage() or multiplyByRatio() with a rounding mode.`,
    });
  }
  // The product of safe integers that comes out a safe integer is exact (beyond 2^53 it would not be safe).
  const product = a.amount * quantity;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(a.amount)) return money(product, a.currency);
  return money(BigInt(a.amount) * BigInt(quantity), a.currency);
}

/**
 * a × (a decimal factor), rounded with an explicit mode: `multiplyByRatio(price, '0.5', 'half-even')`.
 * The factor is read exactly (see `ratioFromDecimal`).
 */
export function multiplyByRatio(a: Money, factor: string | number, rounding: RoundingMode): Money {
  const ratio = requireRatio(factor, 'Factor');
  return money(divideRounded(BigInt(a.amount) * ratio.numerator, ratio.denominator, rounding), a.currency);
}

/**
 * `percent`% of an amount, rounded with an explicit mode.
 * @example percentage(money(1999, 'EUR'), 15, 'half-up') // 3.00 EUR (2.9985 rounded)
 */
export function percentage(a: Money, percent: string | number, rounding: RoundingMode): Money {
  const ratio = cachedRatio(percent, 'Percentage');
  if (ratio.small !== null) {
    const product = a.amount * ratio.small.numerator;
    if (Number.isSafeInteger(product) && Number.isSafeInteger(a.amount)) {
      return money(divideRoundedSafe(product, ratio.small.denominator * 100, rounding), a.currency);
    }
  }
  return money(divideRounded(BigInt(a.amount) * ratio.numerator, ratio.denominator * 100n, rounding), a.currency);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. Both must share a currency. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'compare');
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

/** Same currency and amount. Never throws: different currencies are simply not equal. */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export const isZero = (a: Money): boolean => a.amount === 0;
export const isPositive = (a: Money): boolean => a.amount > 0;
export const isNegative = (a: Money): boolean => a.amount < 0;
export const lessThan = (a: Money, b: Money): boolean => compare(a, b) < 0;
export const lessThanOrEqual = (a: Money, b: Money): boolean => compare(a, b) <= 0;
export const greaterThan = (a: Money, b: Money): boolean => compare(a, b) > 0;
export const greaterThanOrEqual = (a: Money, b: Money): boolean => compare(a, b) >= 0;

/** The smaller of two amounts. */
export function minimum(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

/** The larger of two amounts. */
export function maximum(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}
