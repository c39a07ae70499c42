import { DateTime } from 'luxon';

/** A moment as evaluation uses it: the ISO text (in the shop's time zone) and epoch milliseconds. */
export interface Instant {
  iso: string;
  millis: number;
}

// Time zone arithmetic is the costly part of an evaluation, and the same few days recur across
// calls (a shop's orders share delivery days), so results are memoised. Every function is pure.
const limit = 20_000;
const endOfDays = new Map<string, Instant>();
const shifted = new Map<string, string>();
const localDates = new Map<string, string>();
const zones = new Map<string, boolean>();
const moments = new Map<string, Instant>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make();
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}

function instant(value: DateTime): Instant {
  return { iso: value.toISO() as string, millis: value.toMillis() };
}

/** True for an IANA time zone luxon and Intl know. */
export function isTimeZone(zone: string): boolean {
  return remember(zones, zone, () => DateTime.fromMillis(0, { zone }).isValid);
}

/**
 * The end of the day reached by counting `days` then `months` from the calendar day of `start` in
 * `zone` (a period that starts on 5 March and runs 14 days ends at the end of 19 March there).
 */
export function endOfDayAfter(start: string, zone: string, days: number, months = 0): Instant {
  return remember(endOfDays, `${zone}|${start}|${days}|${months}`, () =>
    instant(DateTime.fromISO(start, { zone }).startOf('day').plus({ days }).plus({ months }).endOf('day')),
  );
}

/** The end of a calendar day (`YYYY-MM-DD`) in `zone`. */
export function endOfDate(date: string, zone: string): Instant {
  return remember(endOfDays, `${zone}|${date}|end`, () => instant(DateTime.fromISO(date, { zone }).endOf('day')));
}

/** `start` moved by `days` calendar days in `zone`, as ISO text. */
export function addDays(start: string, zone: string, days: number): string {
  return remember(
    shifted,
    `${zone}|${start}|${days}`,
    () => DateTime.fromISO(start, { zone }).plus({ days }).toISO() as string,
  );
}

/** The calendar day (`YYYY-MM-DD`) of a moment in `zone`. */
export function localDate(moment: string, zone: string): string {
  return remember(localDates, `${zone}|${moment}`, () => DateTime.fromISO(moment, { zone }).toISODate() as string);
}

/** A moment (a Date or ISO text) in `zone`; null when it is not a valid moment. */
export function instantIn(moment: Date | string, zone: string): Instant | null {
  if (typeof moment !== 'string') {
    const value = DateTime.fromJSDate(moment, { zone });
    return value.isValid ? instant(value) : null;
  }
  const known = moments.get(`${zone}|${moment}`);
  if (known !== undefined) return known;
  const value = DateTime.fromISO(moment, { zone });
  if (!value.isValid) return null;
  return remember(moments, `${zone}|${moment}`, () => instant(value));
}
