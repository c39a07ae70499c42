import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdnowSummaryOptions, readCdnowSummary, readCdnowTransactions } from '../../../test/cdnow-data.js';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { money } from '../../money/money.js';
import { toDecimalString } from '../../money/parse-money.js';
import { summarizeTransactions } from './summarize-transactions.js';

/** Rounds half-up to hundredths, as the published file did, in integer hundredths. */
const hundredths = (value: number): number => Math.round(value * 100);
const fileHundredths = (text: string): number => Math.round(Number(text) * 100);

describe('summarizeTransactions on CDNOW', () => {
  const summaries = summarizeTransactions(readCdnowTransactions(), cdnowSummaryOptions);
  const published = readCdnowSummary();

  it('rebuilds the published summary for every one of the 2,357 customers', () => {
    expect(published).toHaveLength(2357);
    expect(summaries).toHaveLength(published.length);
    const byId = new Map(summaries.map((summary) => [summary.customerId, summary]));
    const mismatches: string[] = [];
    for (const row of published) {
      const summary = byId.get(row.id);
      if (summary === undefined) {
        mismatches.push(`${row.id}: missing`);
        continue;
      }
      const ours = [
        summary.frequency,
        hundredths(summary.recency),
        hundredths(summary.age),
        toDecimalString(summary.averageRepeatValue),
      ];
      const theirs = [Number(row.x), fileHundredths(row.tx), fileHundredths(row.T), Number(row.zbar).toFixed(2)];
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        mismatches.push(`${row.id}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(theirs)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps exact totals: 946 repeat buyers, repeat spend summed in cents', () => {
    const repeat = summaries.filter((summary) => summary.frequency > 0);
    expect(repeat).toHaveLength(946);
    const customer = summaries.find((summary) => summary.customerId === '1');
    expect(customer).toMatchObject({
      frequency: 2,
      firstPurchaseDate: '1997-01-01',
      lastPurchaseDate: '1997-08-02',
      calibrationEnd: '1997-09-30',
      period: 'week',
      repeatValueTotal: { amount: 4469, currency: 'USD' }, // 29.73 + 14.96
      averageRepeatValue: { amount: 2235, currency: 'USD' }, // 22.345 rounded half-up
    });
    expect(customer?.recency).toBe(213 / 7);
    expect(customer?.age).toBe(272 / 7);
  });
});

describe('summarizeTransactions', () => {
  const options = { calibrationEnd: '2026-03-31', period: 'day' } as const;

  it('merges same-day purchases into one occasion and ignores purchases after the calibration end', () => {
    const [summary, ...rest] = summarizeTransactions(
      [
        { customerId: 'cus_1', purchasedAt: '2026-01-10', amount: money(1000, 'EUR') },
        { customerId: 'cus_1', purchasedAt: '2026-01-20', amount: money(333, 'EUR') },
        { customerId: 'cus_1', purchasedAt: '2026-01-20', amount: money(334, 'EUR') },
        { customerId: 'cus_1', purchasedAt: '2026-02-01', amount: money(1000, 'EUR') },
        { customerId: 'cus_1', purchasedAt: '2026-04-01', amount: money(9999, 'EUR') },
        { customerId: 'cus_2', purchasedAt: '2026-04-02', amount: money(500, 'EUR') },
      ],
      options,
    );
    expect(rest).toEqual([]);
    expect(summary).toEqual({
      customerId: 'cus_1',
      frequency: 2,
      recency: 22,
      age: 80,
      firstPurchaseDate: '2026-01-10',
      lastPurchaseDate: '2026-02-01',
      calibrationEnd: '2026-03-31',
      period: 'day',
      repeatValueTotal: money(1667, 'EUR'),
      averageRepeatValue: money(834, 'EUR'), // 833.5 half-up
    });
  });

  it('puts a timestamp on the calendar day of the shop time zone', () => {
    const transactions = [
      { customerId: 'c', purchasedAt: '2026-03-01T12:00:00Z', amount: money(100, 'TRY') },
      // 23:30 UTC on 1 March is already 2 March in Istanbul (UTC+3).
      { customerId: 'c', purchasedAt: new Date('2026-03-01T23:30:00Z'), amount: money(200, 'TRY') },
    ];
    expect(summarizeTransactions(transactions, { ...options, timeZone: 'UTC' })[0]?.frequency).toBe(0);
    const istanbul = summarizeTransactions(transactions, { ...options, timeZone: 'Europe/Istanbul' })[0];
    expect(istanbul).toMatchObject({
      frequency: 1,
      recency: 1,
      lastPurchaseDate: '2026-03-02',
      repeatValueTotal: money(200, 'TRY'),
    });
  });

  it('measures recency and age in weeks', () => {
    const [summary] = summarizeTransactions(
      [
        { customerId: 'c', purchasedAt: '2026-03-01', amount: money(100, 'USD') },
        { customerId: 'c', purchasedAt: '2026-03-15', amount: money(100, 'USD') },
      ],
      { calibrationEnd: new Date('2026-03-29T10:00:00Z'), period: 'week' },
    );
    expect(summary).toMatchObject({ frequency: 1, recency: 2, age: 4, calibrationEnd: '2026-03-29' });
  });

  it('refuses mixed currencies and invalid transactions, listing every problem', () => {
    expect(() =>
      summarizeTransactions(
        [
          { customerId: 'c', purchasedAt: '2026-03-01', amount: money(100, 'USD') },
          { customerId: 'c', purchasedAt: '2026-03-02', amount: money(100, 'EUR') },
        ],
        options,
      ),
    ).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    try {
      summarizeTransactions(
        [
          { customerId: '', purchasedAt: '2026-13-01', amount: { amount: 1.5, currency: 'USD' } },
          { customerId: 'c', purchasedAt: '2026-03-01', amount: { amount: -100, currency: 'USD' } },
        ],
        options,
      );
      expect.unreachable('invalid transactions must throw');
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_input')).toBe(true);
      expect((error as AftersaleError).issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining(['[0].customerId', '[0].purchasedAt', '[0].amount.amount', '[1].amount']),
      );
    }
    expect(() => summarizeTransactions([], { calibrationEnd: '2026-03-31', period: 'month' as 'day' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => summarizeTransactions([], { ...options, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('conserves money: first-day value plus repeat total is everything bought up to the calibration end', () => {
    const transaction = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c'),
      day: fc.integer({ min: 1, max: 60 }),
      amount: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(transaction, { minLength: 1, maxLength: 40 }), (rows) => {
        const transactions = rows.map((row) => ({
          customerId: row.customerId,
          purchasedAt: new Date(Date.UTC(2026, 0, row.day)).toISOString().slice(0, 10),
          amount: money(row.amount, 'USD'),
        }));
        for (const summary of summarizeTransactions(transactions, { calibrationEnd: '2026-02-15', period: 'day' })) {
          const mine = rows.filter((row) => row.customerId === summary.customerId && row.day <= 46);
          const firstDay = Math.min(...mine.map((row) => row.day));
          const firstDayValue = mine
            .filter((row) => row.day === firstDay)
            .reduce((total, row) => total + row.amount, 0);
          const everything = mine.reduce((total, row) => total + row.amount, 0);
          expect(firstDayValue + summary.repeatValueTotal.amount).toBe(everything);
          expect(summary.frequency).toBe(new Set(mine.map((row) => row.day)).size - 1);
          expect(summary.age).toBe(46 - firstDay);
          if (summary.frequency > 0) {
            const twice = 2 * summary.repeatValueTotal.amount;
            // half-up: |2·total − 2·x·mean| ≤ x, and a tie rounds up
            expect(Math.abs(twice - 2 * summary.frequency * summary.averageRepeatValue.amount)).toBeLessThanOrEqual(
              summary.frequency,
            );
          }
        }
      }),
    );
  });
});
