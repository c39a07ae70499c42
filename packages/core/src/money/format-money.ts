import { getCurrency } from './currency.js';
import type { Money } from './money.js';
import { toDecimalString } from './parse-money.js';

export interface FormatMoneyOptions {
  /** How the currency is shown. @default 'symbol' */
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
}

// Formatters by locale, then display, then currency: no key is built per call.
const formatters = new Map<string, Map<string, Map<string, Intl.NumberFormat>>>();

function formatterFor(locale: string, currency: string, exponent: number, display: string): Intl.NumberFormat {
  let byDisplay = formatters.get(locale);
  if (byDisplay === undefined) {
    byDisplay = new Map();
    formatters.set(locale, byDisplay);
  }
  let byCurrency = byDisplay.get(display);
  if (byCurrency === undefined) {
    byCurrency = new Map();
    byDisplay.set(display, byCurrency);
  }
  let formatter = byCurrency.get(currency);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display as NonNullable<FormatMoneyOptions['currencyDisplay']>,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    byCurrency.set(currency, formatter);
  }
  return formatter;
}

/**
 * Formats an amount for people with `Intl.NumberFormat`, from its exact decimal text (never
 * through a float): `formatMoney(money(123450, 'TRY'), 'tr-TR')` is `₺1.234,50`,
 * in `en-US` `TRY 1,234.50`.
 */
export function formatMoney(value: Money, locale: string, options: FormatMoneyOptions = {}): string {
  const { exponent } = getCurrency(value.currency);
  const formatter = formatterFor(locale, value.currency, exponent, options.currencyDisplay ?? 'symbol');
  // Intl formats decimal strings exactly (ECMA-402 NumberFormat v3).
  return formatter.format(toDecimalString(value) as unknown as number);
}
