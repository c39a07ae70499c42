import { AftersaleError } from '../errors/aftersale-error.js';
import { getCurrency } from './currency.js';
import { type Money, money } from './money.js';
import { divideRounded, type RoundingMode, ratioFromDecimal } from './rounding.js';

export interface ParseMoneyOptions {
  /**
   * How to round a value with more decimals than the currency has ("0.005" USD). Without it such a
   * value is an error, never a silent rounding.
   */
  rounding?: RoundingMode;
}

/**
 * Parses a platform decimal (`"12.30"`, `"1234"`, `"-4.5"`, or a JSON number such as WooCommerce's
 * `83.333333`, read through its exact decimal form) into exact minor units.
 *
 * @example parseMoney('12.30', 'TRY') // { amount: 1230, currency: 'TRY' }
 * @example parseMoney('0.005', 'USD', { rounding: 'half-even' }) // { amount: 0, currency: 'USD' }
 * @throws AftersaleError `invalid_amount` when the text is not a decimal, or has more decimals than
 * the currency allows and no rounding was given; `unknown_currency`.
 */
export function parseMoney(value: string | number, currency: string, options: ParseMoneyOptions = {}): Money {
  const { exponent } = getCurrency(currency);
  const ratio = ratioFromDecimal(value);
  if (ratio === undefined) {
    throw new AftersaleError({
      code: 'invalid_amount',
      message: `${JSON.stringify(value)} is not a decimal amount; expected digits with an optional "." and sign, such as "12.30".`,
      details: { currency },
    });
  }
  const scaled = ratio.numerator * 10n ** BigInt(exponent);
  if (scaled % ratio.denominator !== 0n && options.rounding === undefined) {
    throw new AftersaleError({
      code: 'invalid_amount',
      message: `${JSON.stringify(value)} has more decimals than ${currency} allows (${exponent}); pass { rounding } to round it explicitly.`,
      details: { currency, exponent },
    });
  }
  return money(divideRounded(scaled, ratio.denominator, options.rounding ?? 'half-even'), currency);
}

/**
 * The exact decimal text of an amount in major units, with exactly the currency's number of
 * decimals: `toDecimalString(money(1230, 'TRY'))` is `"12.30"`, JPY has none, KWD three.
 * The inverse of {@link parseMoney}.
 */
export function toDecimalString(value: Money): string {
  const { exponent } = getCurrency(value.currency);
  const negative = value.amount < 0;
  const digits = Math.abs(value.amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}
