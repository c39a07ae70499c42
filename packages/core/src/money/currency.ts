import * as iso4217 from 'dinero.js/currencies';
import { AftersaleError } from '../errors/aftersale-error.js';

/** An active ISO 4217 currency with its minor-unit exponent (JPY 0, TRY 2, KWD 3). */
export interface Currency {
  code: string;
  exponent: number;
}

// The currency table comes from dinero.js, which tracks the current ISO 4217 list.
const table = new Map<string, Currency>();
for (const entry of Object.values(iso4217) as Array<{ code: string; exponent: number }>) {
  table.set(entry.code, { code: entry.code, exponent: entry.exponent });
}

let last: Currency | null = null;

/** True when `code` is an active ISO 4217 currency code aftersale knows. */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && table.has(code);
}

/**
 * The currency for an ISO 4217 code, with its exponent.
 * @throws AftersaleError `unknown_currency` for anything else (including `XXX`, "no currency").
 */
export function getCurrency(code: string): Currency {
  // Amounts come in runs of one currency: the last one found is checked first.
  if (last !== null && code === last.code) return last;
  const currency = table.get(code);
  if (currency === undefined) {
    throw new AftersaleError({
      code: 'unknown_currency',
      message: `Unknown currency code ${JSON.stringify(code)}: use an active ISO 4217 code such as TRY, EUR or USD.`,
      details: { currency: code },
    });
  }
  last = currency;
  return currency;
}

/** Every currency aftersale knows, sorted by code. */
export function listCurrencies(): Currency[] {
  return [...table.values()].sort((a, b) => a.code.localeCompare(b.code));
}
