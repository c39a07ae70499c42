import { getCurrency } from './currency.js';
import type { Money } from './money.js';
import { toDecimalString } from './parse-money.js';

export interface FormatMoneyOptions {
  /** How the currency is shown. @default 'symbol' */
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for people with `Intl.NumberFormat`, from its exact decimal text (never
 * through a float): `formatMoney(money(123450, 'TRY'), 'tr-TR')` is `₺1.234,50`,
 * in `en-US` `TRY 1,234.50`.
 */
export function formatMoney(value: Money, locale: string, options: FormatMoneyOptions = {}): string {
  const { exponent } = getCurrency(value.currency);
  const key = `${locale}|${value.currency}|${options.currencyDisplay ?? 'symbol'}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: value.currency,
      currencyDisplay: options.currencyDisplay ?? 'symbol',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  // Intl formats decimal strings exactly (ECMA-402 NumberFormat v3).
  return formatter.format(toDecimalString(value) as unknown as number);
}
