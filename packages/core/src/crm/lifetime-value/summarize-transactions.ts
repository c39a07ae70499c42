import { DateTime } from 'luxon';
import { z } from 'zod';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import { timestampSchema } from '../../model/schemas.js';
import { type Money, money } from '../../money/money.js';
import { divideRounded } from '../../money/rounding.js';
import { type PurchaseTransaction, purchaseTransactionSchema } from './purchase-transaction.js';

/** The unit in which recency and age are measured. */
export type PurchasePeriod = 'day' | 'week';

/** Days in each {@link PurchasePeriod}. */
export const purchasePeriodDays: Readonly<Record<PurchasePeriod, number>> = { day: 1, week: 7 };

/** Options of {@link summarizeTransactions}. */
export interface SummarizeTransactionsOptions {
  /**
   * The last calendar day of the calibration period (included), `YYYY-MM-DD`, or an instant whose
   * calendar day (in `timeZone`) is that day. Later purchases are ignored; customers whose first
   * purchase is later are left out.
   */
  calibrationEnd: string | Date;
  /** The unit of `recency` and `age`: CDNOW's published summary uses weeks. */
  period: PurchasePeriod;
  /**
   * The IANA time zone in which a timestamp falls on a calendar day (the shop's time zone).
   * @default 'UTC'
   */
  timeZone?: string;
}

/**
 * One customer's purchase history in the form the BG/NBD and Gamma-Gamma models read. Purchases on
 * the same calendar day are one purchase occasion.
 */
export interface PurchaseSummary {
  readonly customerId: string;
  /** x: repeat purchases, the number of distinct purchase days after the first one. */
  readonly frequency: number;
  /** t_x: periods from the first to the last purchase day (0 without repeat purchases). */
  readonly recency: number;
  /** T: periods from the first purchase day to the calibration end. */
  readonly age: number;
  /** The first purchase day, `YYYY-MM-DD`. */
  readonly firstPurchaseDate: string;
  /** The last purchase day in the calibration period, `YYYY-MM-DD`. */
  readonly lastPurchaseDate: string;
  /** The calibration end, `YYYY-MM-DD`. */
  readonly calibrationEnd: string;
  /** The unit of `recency` and `age`. */
  readonly period: PurchasePeriod;
  /** Exact total of the repeat purchase days (every purchase day but the first). */
  readonly repeatValueTotal: Money;
  /**
   * The mean value of a repeat purchase day, `repeatValueTotal / frequency` rounded half-up to
   * the minor unit (zero without repeat purchases). The models use the exact ratio.
   */
  readonly averageRepeatValue: Money;
}

const dayMilliseconds = 86_400_000;

const optionsSchema = z.object({
  calibrationEnd: z.union([z.iso.date(), timestampSchema, z.date()], {
    error: 'must be a calendar day (YYYY-MM-DD), an ISO 8601 timestamp with offset, or a Date',
  }),
  period: z.enum(['day', 'week']),
  timeZone: z
    .string()
    .refine((zone) => DateTime.now().setZone(zone).isValid, {
      message: 'must be an IANA time zone such as Europe/Istanbul',
    })
    .optional(),
});

/** Days since 1970-01-01 of a calendar day or of the day an instant falls on in `timeZone`. */
function dayNumber(value: string | Date, timeZone: string): number {
  let isoDate: string;
  if (typeof value === 'string' && value.length === 10) isoDate = value;
  else {
    const instant = typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromJSDate(value);
    isoDate = instant.setZone(timeZone).toISODate() as string;
  }
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / dayMilliseconds;
}

function dayText(day: number): string {
  return new Date(day * dayMilliseconds).toISOString().slice(0, 10);
}

/**
 * Summarises purchase transactions per customer for the lifetime-value models: repeat purchase
 * days x, recency t_x and age T in `period`s, and the exact total and mean of the repeat purchase
 * days (summed in minor units, never in floating point). This is how the published CDNOW summary
 * was built: `{ calibrationEnd: '1997-09-30', period: 'week' }`.
 *
 * Customers come out in the order of their first transaction in the input.
 *
 * @example
 * summarizeTransactions(
 *   [{ customerId: 'cus_1', purchasedAt: '2026-01-05', amount: money(2500, 'EUR') }],
 *   { calibrationEnd: '2026-06-30', period: 'week' },
 * )
 * @throws AftersaleError `invalid_input` for an invalid transaction or option (every problem is
 * listed), `currency_mismatch` when the transactions are in more than one currency, `amount_overflow`.
 */
export function summarizeTransactions(
  transactions: readonly PurchaseTransaction[],
  options: SummarizeTransactionsOptions,
): PurchaseSummary[] {
  const checkedOptions = optionsSchema.safeParse(options);
  if (!checkedOptions.success) {
    throw aftersaleErrorFromZod(checkedOptions.error, {
      code: 'invalid_input',
      subject: 'summarizeTransactions options',
    });
  }
  const checked = z.array(purchaseTransactionSchema).safeParse(transactions);
  if (!checked.success) {
    throw aftersaleErrorFromZod(checked.error, { code: 'invalid_input', subject: 'purchase transactions' });
  }
  const { period } = checkedOptions.data;
  const timeZone = checkedOptions.data.timeZone ?? 'UTC';
  const endDay = dayNumber(checkedOptions.data.calibrationEnd, timeZone);
  const periodDays = purchasePeriodDays[period];
  const currency = checked.data[0]?.amount.currency;

  // customer → (day → total minor units of that day)
  const days = new Map<string, Map<number, number>>();
  for (const transaction of checked.data) {
    if (transaction.amount.currency !== currency) {
      throw new AftersaleError({
        code: 'currency_mismatch',
        message: `Transactions of one summary must share a currency; found ${currency} and ${transaction.amount.currency}. Summarise each currency separately or convert first.`,
        details: { left: currency, right: transaction.amount.currency },
      });
    }
    const day = dayNumber(transaction.purchasedAt, timeZone);
    if (day > endDay) continue;
    let customerDays = days.get(transaction.customerId);
    if (customerDays === undefined) {
      customerDays = new Map();
      days.set(transaction.customerId, customerDays);
    }
    const total = (customerDays.get(day) ?? 0) + transaction.amount.amount;
    if (!Number.isSafeInteger(total)) money(total, transaction.amount.currency); // throws amount_overflow
    customerDays.set(day, total);
  }

  const calibrationEnd = dayText(endDay);
  const summaries: PurchaseSummary[] = [];
  for (const [customerId, customerDays] of days) {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    let total = 0n;
    for (const [day, amount] of customerDays) {
      if (day < first) first = day;
      if (day > last) last = day;
      total += BigInt(amount);
    }
    const frequency = customerDays.size - 1;
    const repeatTotal = total - BigInt(customerDays.get(first) as number);
    const repeatCurrency = currency as string;
    summaries.push({
      customerId,
      frequency,
      recency: (last - first) / periodDays,
      age: (endDay - first) / periodDays,
      firstPurchaseDate: dayText(first),
      lastPurchaseDate: dayText(last),
      calibrationEnd,
      period,
      repeatValueTotal: money(repeatTotal, repeatCurrency),
      averageRepeatValue: money(
        frequency === 0 ? 0n : divideRounded(repeatTotal, BigInt(frequency), 'half-up'),
        repeatCurrency,
      ),
    });
  }
  return summaries;
}
