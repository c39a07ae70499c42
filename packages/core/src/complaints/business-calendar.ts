import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { isTimeZone } from '../policy/shop-calendar.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm (00:00 to 24:00)');
const intervalSchema = z
  .tuple([clock, clock])
  .refine(([start, end]) => start < end, 'a working interval must end after it starts');
const daySchema = z
  .array(intervalSchema)
  .default([])
  .refine(
    (intervals) =>
      intervals.every((interval, index) => index === 0 || (intervals[index - 1]?.[1] ?? '') <= interval[0]),
    'working intervals of a day must be in order and must not overlap',
  );
const dateSchema = z.iso.date();

/** Settings of a shop's business calendar. */
export const businessCalendarSettingsSchema = z.object({
  /** The shop's IANA time zone, such as `Europe/Istanbul`. */
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, such as Europe/Istanbul'),
  /** Working intervals per weekday (`[['09:00', '12:30'], ['13:30', '18:00']]`); a day left out is closed. */
  week: z.object({
    monday: daySchema,
    tuesday: daySchema,
    wednesday: daySchema,
    thursday: daySchema,
    friday: daySchema,
    saturday: daySchema,
    sunday: daySchema,
  }),
  /**
   * Public holidays from the `date-holidays` package for a country (ISO 3166-1 alpha-2) and region.
   * For `TR`, aftersale corrects the package: the bayrams run their official length (Ramazan 3 days,
   * Kurban 4 days), their eves and 28 October are half days closing at 13:00. `null` for no holidays.
   * @default null
   */
  holidays: z
    .object({
      country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, such as TR'),
      region: z.string().optional(),
    })
    .nullable()
    .default(null),
  /** Dates the shop is closed besides public holidays (`YYYY-MM-DD`). */
  closedDates: z.array(dateSchema).default([]),
  /** Dates the shop closes early (`{ date: '2026-12-31', closesAt: '13:00' }`), or an official date the holiday package gets wrong. */
  halfDays: z.array(z.object({ date: dateSchema, closesAt: clock })).default([]),
  /** Dates that are working days even if the holiday package says otherwise. */
  openDates: z.array(dateSchema).default([]),
});
export type BusinessCalendarSettings = z.input<typeof businessCalendarSettingsSchema>;

/** What {@link createBusinessCalendar} makes. Every function is pure (results are memoised). */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** Working milliseconds from `start` to `end` (0 when `end` is not after `start`). */
  businessMillisBetween(start: number, end: number): number;
  /** The moment when `millis` working milliseconds have passed since `start`. */
  addBusinessMillis(start: number, millis: number): number;
  /** The working intervals of a local date (`YYYY-MM-DD`), as epoch milliseconds. */
  workingIntervals(date: string): ReadonlyArray<readonly [number, number]>;
  /** Why a local date is closed or shortened: the holiday's name, or null on an ordinary day. */
  holidayOn(date: string): { name: string; closesAt: string } | null;
}

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const dayMillis = 86_400_000;
const bucketMillis = 900_000;

interface Closure {
  name: string;
  /** `00:00` for the whole day. */
  closesAt: string;
}

function minutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * dayMillis).toISOString().slice(0, 10);
}

function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / dayMillis;
}

/**
 * Public holiday closures of a country for a year, from `date-holidays`, with the Turkish
 * corrections applied. Keys are local dates.
 */
function holidayClosures(country: string, region: string | undefined, year: number): Map<string, Closure> {
  const closures = new Map<string, Closure>();
  const source = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const close = (date: string, closure: Closure) => {
    const known = closures.get(date);
    if (known === undefined || minutes(closure.closesAt) < minutes(known.closesAt)) closures.set(date, closure);
  };
  for (const holiday of source.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const first = holiday.date.slice(0, 10);
    if (country === 'TR' && (holiday.rule.startsWith('1 Shawwal') || holiday.rule.startsWith('10 Dhu al-Hijjah'))) {
      // date-holidays starts the bayram at 18:00 on the eve and ends it at noon a day late; the
      // official bayram closes at 13:00 on the eve (arife) and runs 3 (Ramazan) or 4 (Kurban) full days.
      const length = holiday.rule.startsWith('1 Shawwal') ? 3 : 4;
      const start = dayNumberOf(first);
      close(isoDate(start - 1), { name: `${holiday.name} (arife)`, closesAt: '13:00' });
      for (let day = 0; day < length; day++) close(isoDate(start + day), { name: holiday.name, closesAt: '00:00' });
      continue;
    }
    // Other holidays: every local date the holiday covers to its end is closed from when it starts.
    const last = Math.max(dayNumberOf(first), Math.ceil((holiday.end.getTime() - dayMillis / 2) / dayMillis) - 1);
    for (let day = dayNumberOf(first); day <= last; day++)
      close(isoDate(day), { name: holiday.name, closesAt: '00:00' });
  }
  if (country === 'TR') {
    // 28 October, the eve of Republic Day, is a half day from 13:00 (law 2429); date-holidays lacks it.
    close(`${year}-10-28`, { name: 'Cumhuriyet Bayramı (arife)', closesAt: '13:00' });
  }
  return closures;
}

/**
 * A shop's business calendar: working intervals in its time zone, minus public holidays and closures.
 * SLA clocks count only working time on it. Built on `luxon` (time zones, DST) and `date-holidays`.
 *
 * @example
 * ```ts
 * const calendar = createBusinessCalendar({
 *   timeZone: 'Europe/Istanbul',
 *   week: { monday: [['09:00', '18:00']], tuesday: [['09:00', '18:00']], wednesday: [['09:00', '18:00']],
 *     thursday: [['09:00', '18:00']], friday: [['09:00', '18:00']], saturday: [], sunday: [] },
 *   holidays: { country: 'TR' },
 * });
 * ```
 * @throws AftersaleError `invalid_config` naming every setting at fault.
 */
export function createBusinessCalendar(settings: BusinessCalendarSettings): BusinessCalendar {
  const parsed = businessCalendarSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_config', subject: 'business calendar settings' });
  }
  const { timeZone, week, holidays, closedDates, halfDays, openDates } = parsed.data;
  const closed = new Set(closedDates);
  const opened = new Set(openDates);
  const shortened = new Map(halfDays.map((half) => [half.date, half.closesAt]));
  const years = new Map<number, Map<string, Closure>>();
  const days = new Map<number, ReadonlyArray<readonly [number, number]>>();
  const buckets = new Map<number, number>();

  function closureOn(date: string): Closure | null {
    if (opened.has(date)) return null;
    if (closed.has(date)) return { name: 'closed', closesAt: '00:00' };
    const half = shortened.get(date);
    if (half !== undefined) return { name: 'half day', closesAt: half };
    if (holidays === null) return null;
    const year = Number(date.slice(0, 4));
    let closures = years.get(year);
    if (closures === undefined) {
      closures = holidayClosures(holidays.country, holidays.region, year);
      years.set(year, closures);
    }
    return closures.get(date) ?? null;
  }

  function intervalsOfDay(dayNumber: number): ReadonlyArray<readonly [number, number]> {
    const known = days.get(dayNumber);
    if (known !== undefined) return known;
    const date = isoDate(dayNumber);
    const weekday = weekdays[(((dayNumber + 3) % 7) + 7) % 7] as (typeof weekdays)[number];
    const closure = closureOn(date);
    const closesAt = closure === null ? 24 * 60 : minutes(closure.closesAt);
    const base = DateTime.fromISO(date, { zone: timeZone });
    const at = (minute: number) =>
      minute >= 24 * 60
        ? base.plus({ days: 1 }).toMillis()
        : base.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
    const result: Array<readonly [number, number]> = [];
    for (const [from, to] of week[weekday]) {
      const start = minutes(from);
      const end = Math.min(minutes(to), closesAt);
      if (end > start) result.push([at(start), at(end)]);
    }
    if (days.size >= 50_000) days.clear();
    days.set(dayNumber, result);
    return result;
  }

  function localDay(moment: number): number {
    const bucket = Math.floor(moment / bucketMillis);
    let day = buckets.get(bucket);
    if (day === undefined) {
      const local = DateTime.fromMillis(bucket * bucketMillis, { zone: timeZone });
      day = Date.UTC(local.year, local.month - 1, local.day) / dayMillis;
      if (buckets.size >= 200_000) buckets.clear();
      buckets.set(bucket, day);
    }
    return day;
  }

  return {
    timeZone,
    businessMillisBetween(start, end) {
      if (!(end > start)) return 0;
      let total = 0;
      const last = localDay(end);
      for (let day = localDay(start); day <= last; day++) {
        for (const [from, to] of intervalsOfDay(day)) {
          const overlap = Math.min(to, end) - Math.max(from, start);
          if (overlap > 0) total += overlap;
        }
      }
      return total;
    },
    addBusinessMillis(start, millis) {
      let remaining = millis;
      const first = localDay(start);
      for (let day = first; day < first + 3_700; day++) {
        for (const [from, to] of intervalsOfDay(day)) {
          const begin = Math.max(from, start);
          if (to <= begin) continue;
          if (remaining <= to - begin) return begin + remaining;
          remaining -= to - begin;
        }
      }
      throw new AftersaleError({
        code: 'invalid_config',
        message: `The business calendar in ${timeZone} has no working time in the ten years after ${new Date(start).toISOString()}; give the week working intervals.`,
      });
    },
    workingIntervals(date) {
      return intervalsOfDay(dayNumberOf(dateSchema.parse(date)));
    },
    holidayOn(date) {
      const closure = closureOn(dateSchema.parse(date));
      return closure === null ? null : { ...closure };
    },
  };
}
