import { getCurrency, type Money, money, parseMoney } from '@aftersale/core';

/** `"12.30"`, `"-4.50"`, `"1234"`: plain decimals whose digits fit a double exactly. */
const plainDecimal = /^(-?)(\d{1,13})(?:\.(\d{1,4}))?$/;
const exponents = new Map<string, number>();

/**
 * Exact money from a WooCommerce decimal. Empty strings and missing values are zero. WooCommerce's
 * usual `"12.30"` is read by a fast path that only moves the decimal point (digits are never
 * rounded: a value with more decimals than the currency has goes through core's `parseMoney`,
 * which refuses it); anything else goes through `parseMoney` too. A property test checks both agree.
 */
export function wooMoney(value: string | number | null | undefined, currency: string): Money {
  if (value === null || value === undefined || value === '') return money(0, currency);
  if (typeof value === 'string') {
    const match = plainDecimal.exec(value);
    if (match !== null) {
      let exponent = exponents.get(currency);
      if (exponent === undefined) {
        exponent = getCurrency(currency).exponent;
        exponents.set(currency, exponent);
      }
      const fraction = match[3] ?? '';
      if (fraction.length <= exponent) {
        const digits = Number(`${match[2]}${fraction.padEnd(exponent, '0')}`);
        if (Number.isSafeInteger(digits))
          return { amount: match[1] === '-' && digits !== 0 ? -digits : digits, currency };
      }
    }
  }
  return parseMoney(value, currency);
}

/** A WooCommerce id (number or numeric string) as aftersale's string id; `0`, empty and missing are null. */
export function wooId(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return null;
  return String(value);
}

/**
 * WooCommerce dates carry no offset. The `_gmt` twin is UTC; without it (very old servers) the
 * site-local value is read as UTC too.
 */
export function wooTimestamp(gmt: string | null | undefined, local?: string | null): string | null {
  const value = gmt ?? local;
  if (value === null || value === undefined || value === '') return null;
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
}

/** A meta_data value by key, as a string (or null). */
export function metaValue(meta: readonly { key: string; value?: unknown }[], key: string): string | null {
  const entry = meta.find((item) => item.key === key);
  if (entry === undefined || entry.value === null || entry.value === undefined) return null;
  return typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value);
}
