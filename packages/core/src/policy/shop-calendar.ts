import { DateTime } from 'luxon';

/** A moment as evaluation uses it: the ISO text (in the shop's time zone) and epoch milliseconds. */
export interface Instant {
  iso: string;
  millis: number;
}

// Time zone arithmetic is the costly part of an evaluation, and the same few days recur across
// calls (a shop's orders share delivery days), so results are memoised. Every function is pure.
// The caches are keyed by the zone, then by the moment's text as the caller holds it (no key is
// built per call), then by the day counts.
const limit = 20_000;

/** A memo of values by zone, moment text and a numeric variant; cleared when it grows past `limit`. */
class Memo<V> {
  private entries = new Map<string, Map<string, Map<number, V>>>();
  private size = 0;
  // Calls come in runs: on one zone (a shop's), and on one moment (the lines of an order). The
  // last zone's moments and the last moment's variants are checked first.
  private lastZone = '';
  private lastMoments: Map<string, Map<number, V>> | undefined;
  private lastMoment = '';
  private lastVariants: Map<number, V> | undefined;

  get(zone: string, moment: string, variant: number): V | undefined {
    if (this.lastVariants !== undefined && moment === this.lastMoment && zone === this.lastZone)
      return this.lastVariants.get(variant);
    let moments = this.lastMoments;
    if (moments === undefined || zone !== this.lastZone) {
      moments = this.entries.get(zone);
      if (moments === undefined) return undefined;
      this.lastZone = zone;
      this.lastMoments = moments;
      this.lastVariants = undefined;
    }
    const variants = moments.get(moment);
    if (variants === undefined) return undefined;
    this.lastMoment = moment;
    this.lastVariants = variants;
    return variants.get(variant);
  }

  remember(zone: string, moment: string, variant: number, make: () => V): V {
    const known = this.get(zone, moment, variant);
    if (known !== undefined) return known;
    const value = make();
    if (this.size >= limit) {
      this.entries.clear();
      this.size = 0;
      this.lastMoments = undefined;
      this.lastVariants = undefined;
    }
    let byMoment = this.entries.get(zone);
    if (byMoment === undefined) {
      byMoment = new Map();
      this.entries.set(zone, byMoment);
    }
    let byVariant = byMoment.get(moment);
    if (byVariant === undefined) {
      byVariant = new Map();
      byMoment.set(moment, byVariant);
    }
    byVariant.set(variant, value);
    this.size++;
    return value;
  }
}

const endOfDays = new Memo<Instant>();
const endOfDates = new Memo<Instant>();
const shifted = new Memo<string>();
const localDates = new Memo<string>();
const moments = new Memo<Instant>();
const zones = new Map<string, boolean>();

/** Day and month counts as one number, when they fit (they always do for real periods); else null. */
function variantOf(days: number, months: number): number | null {
  return Number.isSafeInteger(days) &&
    Number.isSafeInteger(months) &&
    days >= 0 &&
    days < 1_000_000 &&
    months >= 0 &&
    months < 1_000_000
    ? months * 1_000_000 + days
    : null;
}

function instant(value: DateTime): Instant {
  return { iso: value.toISO() as string, millis: value.toMillis() };
}

/** True for an IANA time zone luxon and Intl know. */
export function isTimeZone(zone: string): boolean {
  const known = zones.get(zone);
  if (known !== undefined) return known;
  const valid = DateTime.fromMillis(0, { zone }).isValid;
  if (zones.size >= limit) zones.clear();
  zones.set(zone, valid);
  return valid;
}

function computeEndOfDayAfter(start: string, zone: string, days: number, months: number): Instant {
  return instant(DateTime.fromISO(start, { zone }).startOf('day').plus({ days }).plus({ months }).endOf('day'));
}

/**
 * The end of the day reached by counting `days` then `months` from the calendar day of `start` in
 * `zone` (a period that starts on 5 March and runs 14 days ends at the end of 19 March there).
 */
export function endOfDayAfter(start: string, zone: string, days: number, months = 0): Instant {
  const variant = variantOf(days, months);
  if (variant === null) return computeEndOfDayAfter(start, zone, days, months);
  return (
    endOfDays.get(zone, start, variant) ??
    endOfDays.remember(zone, start, variant, () => computeEndOfDayAfter(start, zone, days, months))
  );
}

/** The end of a calendar day (`YYYY-MM-DD`) in `zone`. */
export function endOfDate(date: string, zone: string): Instant {
  return (
    endOfDates.get(zone, date, 0) ??
    endOfDates.remember(zone, date, 0, () => instant(DateTime.fromISO(date, { zone }).endOf('day')))
  );
}

function computeAddDays(start: string, zone: string, days: number): string {
  return DateTime.fromISO(start, { zone }).plus({ days }).toISO() as string;
}

/** `start` moved by `days` calendar days in `zone`, as ISO text. */
export function addDays(start: string, zone: string, days: number): string {
  const variant = variantOf(days, 0);
  if (variant === null) return computeAddDays(start, zone, days);
  return (
    shifted.get(zone, start, variant) ?? shifted.remember(zone, start, variant, () => computeAddDays(start, zone, days))
  );
}

/** The calendar day (`YYYY-MM-DD`) of a moment in `zone`. */
export function localDate(moment: string, zone: string): string {
  return (
    localDates.get(zone, moment, 0) ??
    localDates.remember(zone, moment, 0, () => DateTime.fromISO(moment, { zone }).toISODate() as string)
  );
}

/** A moment (a Date or ISO text) in `zone`; null when it is not a valid moment. */
export function instantIn(moment: Date | string, zone: string): Instant | null {
  if (typeof moment !== 'string') {
    const value = DateTime.fromJSDate(moment, { zone });
    return value.isValid ? instant(value) : null;
  }
  const known = moments.get(zone, moment, 0);
  if (known !== undefined) return known;
  const value = DateTime.fromISO(moment, { zone });
  if (!value.isValid) return null;
  return moments.remember(zone, moment, 0, () => instant(value));
}
