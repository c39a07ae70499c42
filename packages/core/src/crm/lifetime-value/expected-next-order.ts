import { AftersaleError } from '../../errors/aftersale-error.js';
import type { BgNbdParameters } from './fit-bg-nbd.js';
import { probabilityAlive } from './probability-alive.js';
import { type PurchaseSummary, purchasePeriodDays } from './summarize-transactions.js';

/** When a customer's next order is expected, and how likely it is to come at all. */
export interface ExpectedNextOrder {
  /**
   * The median wait for the next order after the calibration end, in periods, for a customer who is
   * still alive: (α+T)·(2^(1/(r+x)) − 1).
   */
  readonly periodsAfterCalibrationEnd: number;
  /** The calibration end plus that wait, `YYYY-MM-DD`; null when it is more than 100 years away. */
  readonly date: string | null;
  /** The probability that the customer is alive, hence that a next order ever comes. */
  readonly probabilityOfOrder: number;
}

const dayMilliseconds = 86_400_000;

/**
 * The expected date of the customer's next order under BG/NBD. An alive customer's waiting time is
 * exponential with a rate whose posterior is Gamma(r+x, α+T), so P(no order within t) =
 * ((α+T)/(α+T+t))^(r+x). Its mean is infinite when r + x ≤ 1 (typical for one-time buyers), so the
 * median is reported: the t at which that probability is ½. The date is that far after the
 * calibration end (rounded to whole days); `probabilityOfOrder` (P(alive)) says how likely the order
 * is to come at all.
 * @throws AftersaleError `invalid_input` for invalid parameters or an invalid summary.
 */
export function expectedNextOrder(parameters: BgNbdParameters, summary: PurchaseSummary): ExpectedNextOrder {
  const probabilityOfOrder = probabilityAlive(parameters, summary);
  const { r, alpha } = parameters;
  const wait = (alpha + summary.age) * Math.expm1(Math.LN2 / (r + summary.frequency));
  const days = Math.round(wait * purchasePeriodDays[summary.period]);
  const end = Date.parse(`${summary.calibrationEnd}T00:00:00Z`);
  if (Number.isNaN(end)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `calibrationEnd must be a YYYY-MM-DD day, got ${summary.calibrationEnd}.`,
    });
  }
  const date =
    Number.isFinite(days) && days <= 36_525 ? new Date(end + days * dayMilliseconds).toISOString().slice(0, 10) : null;
  return { periodsAfterCalibrationEnd: wait, date, probabilityOfOrder };
}
