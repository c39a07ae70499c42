import { AftersaleError } from '../../errors/aftersale-error.js';
import type { BgNbdObservation, BgNbdParameters } from './fit-bg-nbd.js';
import { probabilityAlive } from './probability-alive.js';

/**
 * A churn-risk band:
 * - `low`: P(alive) ≥ `medium` threshold (default 0.7)
 * - `medium`: P(alive) in [`high`, `medium`) threshold (default [0.3, 0.7))
 * - `high`: P(alive) < `high` threshold (default 0.3)
 * - `undetermined`: no repeat purchase yet; BG/NBD puts P(alive) at 1 by construction, so it cannot
 *   tell a one-time buyer who left from one who will return (look at their age T instead).
 */
export type ChurnRiskBand = 'low' | 'medium' | 'high' | 'undetermined';

/** The P(alive) thresholds of {@link churnRisk}. */
export interface ChurnRiskThresholds {
  /** Below this P(alive) the risk is `high`. @default 0.3 */
  high?: number;
  /** Below this P(alive) (and at or above `high`) the risk is `medium`; at or above it, `low`. @default 0.7 */
  medium?: number;
}

/** The default thresholds: high below 0.3, medium below 0.7, low from 0.7. */
export const defaultChurnRiskThresholds: Readonly<Required<ChurnRiskThresholds>> = { high: 0.3, medium: 0.7 };

/** A customer's churn-risk band and the probability it is read from. */
export interface ChurnRisk {
  readonly band: ChurnRiskBand;
  /** P(alive | x, t_x, T) under BG/NBD. */
  readonly probabilityAlive: number;
}

/**
 * Puts a customer in a churn-risk band by their BG/NBD probability of being alive (1 − P(alive) is
 * the probability they have churned). Customers without repeat purchases are `undetermined`.
 * @throws AftersaleError `invalid_input` for thresholds outside 0 ≤ high ≤ medium ≤ 1, invalid
 * parameters or an invalid observation.
 */
export function churnRisk(
  parameters: BgNbdParameters,
  customer: BgNbdObservation,
  thresholds: ChurnRiskThresholds = {},
): ChurnRisk {
  const high = thresholds.high ?? defaultChurnRiskThresholds.high;
  const medium = thresholds.medium ?? defaultChurnRiskThresholds.medium;
  if (!(high >= 0 && high <= medium && medium <= 1)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Churn-risk thresholds must satisfy 0 ≤ high ≤ medium ≤ 1; got high = ${high}, medium = ${medium}.`,
    });
  }
  const alive = probabilityAlive(parameters, customer);
  if (customer.frequency === 0) return { band: 'undetermined', probabilityAlive: alive };
  return { band: alive < high ? 'high' : alive < medium ? 'medium' : 'low', probabilityAlive: alive };
}
