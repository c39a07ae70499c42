import { getCurrency, type Money, money, parseMoney } from '@aftersale/core';

const exponents = new Map<string, number>();
/** The currency read last and its exponent: a sync reads thousands of amounts in one currency. */
let lastCurrency = '';
let lastExponent = 0;

/**
 * Minor units of a plain decimal (`"12.30"`, `"-4.50"`, `"1234"`) with at most 13 integer digits and
 * at most `exponent` decimals, read digit by digit (nothing is ever rounded); null for anything else.
 */
function plainMinorUnits(value: string, exponent: number): number | null {
  const length = value.length;
  let index = value.charCodeAt(0) === 45 ? 1 : 0;
  const negative = index === 1;
  let digits = 0;
  let integerDigits = 0;
  let fractionDigits = 0;
  let dot = false;
  for (; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code === 46) {
      if (dot) return null;
      dot = true;
      continue;
    }
    if (code < 48 || code > 57) return null;
    if (dot) {
      if (++fractionDigits > exponent) return null;
    } else if (++integerDigits > 13) return null;
    digits = digits * 10 + (code - 48);
  }
  if (integerDigits === 0 || (dot && fractionDigits === 0)) return null;
  for (let scale = fractionDigits; scale < exponent; scale++) digits *= 10;
  if (!Number.isSafeInteger(digits)) return null;
  return negative && digits !== 0 ? -digits : digits;
}

/**
 * Exact money from a WooCommerce decimal. Empty strings and missing values are zero. WooCommerce's
 * usual `"12.30"` is read by a fast path that only moves the decimal point (digits are never
 * rounded: a value with more decimals than the currency has goes through core's `parseMoney`,
 * which refuses it); anything else goes through `parseMoney` too. A property test checks both agree.
 */
export function wooMoney(value: string | number | null | undefined, currency: string): Money {
  if (value === null || value === undefined || value === '') return money(0, currency);
  if (typeof value === 'string') {
    let exponent = lastExponent;
    if (currency !== lastCurrency) {
      exponent = exponents.get(currency) ?? getCurrency(currency).exponent;
      exponents.set(currency, exponent);
      lastCurrency = currency;
      lastExponent = exponent;
    }
    const amount = plainMinorUnits(value, exponent);
    if (amount !== null) return { amount, currency };
  }
  return parseMoney(value, currency);
}

/** A WooCommerce id (number or numeric string) as aftersale's string id; `0`, empty and missing are null. */
export function wooId(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return null;
  return String(value);
}

/** A timestamp that ends with a UTC offset. */
const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * WooCommerce dates carry no offset. The `_gmt` twin is UTC; without it (very old servers) the
 * site-local value is read as UTC too.
 */
export function wooTimestamp(gmt: string | null | undefined, local?: string | null): string | null {
  const value = gmt ?? local;
  if (value === null || value === undefined || value === '') return null;
  return value.charCodeAt(value.length - 1) === 90 || zoned.test(value) ? value : `${value}Z`;
}

/** A meta_data value by key, as a string (or null). */
export function metaValue(meta: readonly { key: string; value?: unknown }[], key: string): string | null {
  const entry = meta.find((item) => item.key === key);
  if (entry === undefined || entry.value === null || entry.value === undefined) return null;
  return typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value);
}
