import { AftersaleError, formatMoney, type Money } from '@aftersale/core';
import type { CliIo } from '../cli-io.js';

/** `--date` or today (from the injected clock), as `YYYY-MM-DD`. */
export function dayOption(value: unknown, io: CliIo): string {
  if (value === undefined) return io.now().toISOString().slice(0, 10);
  const day = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `--date ${JSON.stringify(day)} is not a day; write it as YYYY-MM-DD, such as 2026-07-01.`,
    });
  }
  return day;
}

/** A comma-separated list of ISO 3166-1 alpha-2 countries (`TR,DE`). */
export function marketsOption(value: unknown): string[] {
  const markets = String(value)
    .split(',')
    .map((market) => market.trim().toUpperCase())
    .filter((market) => market !== '');
  const bad = markets.filter((market) => !/^[A-Z]{2}$/.test(market));
  if (markets.length === 0 || bad.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `--market ${JSON.stringify(String(value))}: list the countries sold to as ISO 3166-1 alpha-2 codes separated by commas, such as TR,DE,GB.`,
    });
  }
  return markets;
}

/** Pretty JSON with a trailing newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Money for people: `₺49,90`, `TRY 49.90`. */
export function moneyText(value: Money | null, locale: string): string {
  return value === null ? '-' : formatMoney(value, locale);
}
