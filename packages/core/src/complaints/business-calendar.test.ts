import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { type BusinessCalendarSettings, createBusinessCalendar } from './business-calendar.js';

const nineToSix: [string, string][] = [['09:00', '18:00']];
const weekdays = {
  monday: nineToSix,
  tuesday: nineToSix,
  wednesday: nineToSix,
  thursday: nineToSix,
  friday: nineToSix,
};
const allDay: [string, string][] = [['00:00', '24:00']];
const everyDay = {
  monday: allDay,
  tuesday: allDay,
  wednesday: allDay,
  thursday: allDay,
  friday: allDay,
  saturday: allDay,
  sunday: allDay,
};

const istanbul = createBusinessCalendar({ timeZone: 'Europe/Istanbul', week: weekdays, holidays: { country: 'TR' } });

// Turkey's official public holidays (law 2429 and the Diyanet calendar), written by hand from the
// official announcements: whole days, and the half days that close at 13:00 (bayram eves, 28 October).
const officialTurkey: Record<number, { full: string[]; half: string[] }> = {
  2024: {
    full: [
      '01-01',
      '04-10',
      '04-11',
      '04-12',
      '04-23',
      '05-01',
      '05-19',
      '06-16',
      '06-17',
      '06-18',
      '06-19',
      '07-15',
      '08-30',
      '10-29',
    ],
    half: ['04-09', '06-15', '10-28'],
  },
  2025: {
    full: [
      '01-01',
      '03-30',
      '03-31',
      '04-01',
      '04-23',
      '05-01',
      '05-19',
      '06-06',
      '06-07',
      '06-08',
      '06-09',
      '07-15',
      '08-30',
      '10-29',
    ],
    half: ['03-29', '06-05', '10-28'],
  },
  2026: {
    full: [
      '01-01',
      '03-20',
      '03-21',
      '03-22',
      '04-23',
      '05-01',
      '05-19',
      '05-27',
      '05-28',
      '05-29',
      '05-30',
      '07-15',
      '08-30',
      '10-29',
    ],
    half: ['03-19', '05-26', '10-28'],
  },
};

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

const at = (iso: string) => Date.parse(iso);
const hours = (millis: number) => millis / 3_600_000;

describe('business calendar: Turkish public holidays', () => {
  for (const [year, official] of Object.entries(officialTurkey)) {
    it(`matches the official table of ${year}, day by day`, () => {
      const found = { full: [] as string[], half: [] as string[] };
      for (const date of datesOf(Number(year))) {
        const holiday = istanbul.holidayOn(date);
        if (holiday === null) continue;
        if (holiday.closesAt === '00:00') found.full.push(date.slice(5));
        else if (holiday.closesAt === '13:00') found.half.push(date.slice(5));
        else throw new Error(`unexpected closing time ${holiday.closesAt} on ${date}`);
      }
      expect(found).toEqual(official);
    });
  }

  it('overlays what date-holidays gets wrong: no 13:00 eves, no 28 October, a bayram that ends at noon a day late', () => {
    const raw = new Holidays('TR').getHolidays(2026);
    expect(raw.some((holiday) => holiday.date.startsWith('2026-10-28'))).toBe(false);
    const ramazan = raw.find((holiday) => holiday.rule.startsWith('1 Shawwal'));
    expect(ramazan?.start.toISOString()).toBe('2026-03-19T15:00:00.000Z'); // 18:00 in Istanbul, not 13:00
    expect(ramazan?.end.toISOString()).toBe('2026-03-23T09:00:00.000Z'); // noon on the 23rd, a day late
    // The corrected calendar: the eve of Ramazan Bayramı works 09:00-13:00, the 23rd is a full day.
    expect(istanbul.workingIntervals('2026-03-19')).toEqual([
      [at('2026-03-19T09:00:00+03:00'), at('2026-03-19T13:00:00+03:00')],
    ]);
    expect(istanbul.workingIntervals('2026-03-23')).toEqual([
      [at('2026-03-23T09:00:00+03:00'), at('2026-03-23T18:00:00+03:00')],
    ]);
    expect(istanbul.workingIntervals('2026-10-28')).toEqual([
      [at('2026-10-28T09:00:00+03:00'), at('2026-10-28T13:00:00+03:00')],
    ]);
    expect(istanbul.workingIntervals('2026-10-29')).toEqual([]);
  });

  it('counts working time over a bayram: Thursday eve 10:00 to Monday 10:00 is 3 + 1 hours', () => {
    expect(
      hours(istanbul.businessMillisBetween(at('2026-03-19T10:00:00+03:00'), at('2026-03-23T10:00:00+03:00'))),
    ).toBe(4);
    expect(new Date(istanbul.addBusinessMillis(at('2026-03-19T10:00:00+03:00'), 4 * 3_600_000)).toISOString()).toBe(
      '2026-03-23T07:00:00.000Z',
    );
  });

  it('takes several intervals a day, closed dates, shortened days and open dates from the shop', () => {
    const split: [string, string][] = [
      ['09:00', '12:30'],
      ['13:30', '18:00'],
    ];
    const calendar = createBusinessCalendar({
      timeZone: 'Europe/Istanbul',
      week: {
        monday: split,
        tuesday: split,
        wednesday: split,
        thursday: split,
        friday: split,
        saturday: [['10:00', '14:00']],
      },
      holidays: { country: 'TR' },
      closedDates: ['2026-03-17'],
      halfDays: [{ date: '2026-12-31', closesAt: '12:00' }],
      openDates: ['2026-05-19'],
    });
    expect(
      hours(calendar.businessMillisBetween(at('2026-03-16T00:00:00+03:00'), at('2026-03-17T00:00:00+03:00'))),
    ).toBe(8);
    expect(calendar.workingIntervals('2026-03-17')).toEqual([]);
    expect(calendar.workingIntervals('2026-03-21')).toEqual([]); // a Saturday in the bayram
    expect(
      hours(calendar.businessMillisBetween(at('2026-03-14T00:00:00+03:00'), at('2026-03-15T00:00:00+03:00'))),
    ).toBe(4);
    expect(calendar.workingIntervals('2026-12-31')).toEqual([
      [at('2026-12-31T09:00:00+03:00'), at('2026-12-31T12:00:00+03:00')],
    ]);
    expect(calendar.workingIntervals('2026-05-19')).toHaveLength(2);
    expect(calendar.holidayOn('2026-05-19')).toBeNull();
  });

  it('reports every bad setting at once', () => {
    let caught: unknown;
    try {
      createBusinessCalendar({
        timeZone: 'Mars/Olympus',
        week: { monday: [['18:00', '09:00']], tuesday: [['9:00', '17:00']] },
        holidays: { country: 'tr' },
      } as BusinessCalendarSettings);
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'invalid_config')).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/timeZone: must be an IANA time zone/);
    expect(message).toMatch(/week\.monday\[0\]: a working interval must end after it starts/);
    expect(message).toMatch(/week\.tuesday\[0\]\[0\]: must be HH:mm/);
    expect(message).toMatch(/holidays\.country: must be an ISO 3166-1 alpha-2 code/);
  });
});

describe('business calendar: time zones and daylight saving', () => {
  it('counts 23 working hours on the day Berlin moves its clocks forward, 25 on the day it moves them back', () => {
    const berlin = createBusinessCalendar({ timeZone: 'Europe/Berlin', week: everyDay });
    expect(hours(berlin.businessMillisBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00')))).toBe(
      23,
    );
    expect(hours(berlin.businessMillisBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00')))).toBe(
      25,
    );
  });

  it('keeps 09:00-18:00 local across the change (New York, March 2026)', () => {
    const newYork = createBusinessCalendar({
      timeZone: 'America/New_York',
      week: weekdays,
      holidays: { country: 'US' },
    });
    // Friday 6 March (EST) and Monday 9 March (EDT): 9 hours each, on local clocks.
    expect(newYork.workingIntervals('2026-03-06')).toEqual([
      [at('2026-03-06T09:00:00-05:00'), at('2026-03-06T18:00:00-05:00')],
    ]);
    expect(newYork.workingIntervals('2026-03-09')).toEqual([
      [at('2026-03-09T09:00:00-04:00'), at('2026-03-09T18:00:00-04:00')],
    ]);
    expect(newYork.holidayOn('2026-07-03')).not.toBeNull(); // Independence Day observed on Friday
  });

  const zones = ['Europe/Istanbul', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
  const moment = fc.integer({ min: at('2025-12-20T00:00:00Z'), max: at('2027-01-10T00:00:00Z') });

  it('counts real elapsed time on a calendar that never closes, in any zone, across DST changes', () => {
    const calendars = zones.map((timeZone) => createBusinessCalendar({ timeZone, week: everyDay }));
    fc.assert(
      fc.property(fc.constantFrom(...calendars), moment, moment, (calendar, left, right) => {
        const [start, end] = left <= right ? [left, right] : [right, left];
        expect(calendar.businessMillisBetween(start, end)).toBe(end - start);
      }),
      { numRuns: 300 },
    );
  });

  it('adds up across any split point and inverts addBusinessMillis, with holidays and DST', () => {
    const calendars = [
      istanbul,
      createBusinessCalendar({ timeZone: 'Europe/Berlin', week: weekdays, holidays: { country: 'DE' } }),
      createBusinessCalendar({ timeZone: 'America/New_York', week: weekdays, holidays: { country: 'US' } }),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.array(moment, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 200 * 3_600_000 }),
        (calendar, moments, millis) => {
          const [a, b, c] = [...moments].sort((x, y) => x - y) as [number, number, number];
          expect(calendar.businessMillisBetween(a, c)).toBe(
            calendar.businessMillisBetween(a, b) + calendar.businessMillisBetween(b, c),
          );
          const due = calendar.addBusinessMillis(a, millis);
          expect(calendar.businessMillisBetween(a, due)).toBe(millis);
          expect(due).toBeGreaterThanOrEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });
});
