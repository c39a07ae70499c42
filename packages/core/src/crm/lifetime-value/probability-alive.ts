import {
  type BgNbdObservation,
  type BgNbdParameters,
  bgNbdObservationIssues,
  checkParameters,
  invalidObservations,
} from './fit-bg-nbd.js';

/**
 * ln of the odds that the customer dropped out after their last purchase rather than being alive:
 * ln(a / (b + x − 1)) + (r + x) · ln((α + T) / (α + t_x)); −∞ without repeat purchases.
 */
export function logOddsDroppedOut(parameters: BgNbdParameters, customer: BgNbdObservation): number {
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, age } = customer;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
}

export function checkBgNbdInput(parameters: BgNbdParameters, customer: BgNbdObservation): void {
  checkParameters(parameters);
  const issues = bgNbdObservationIssues([customer]);
  if (issues.length > 0) throw invalidObservations(issues);
}

/**
 * P(alive | x, t_x, T) under BG/NBD: the probability that the customer has not dropped out by the end
 * of the calibration period, 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), computed from the log odds.
 * A customer without repeat purchases is alive with probability 1: in BG/NBD a customer can only drop
 * out right after a purchase (see {@link churnRisk}).
 * @throws AftersaleError `invalid_input` for invalid parameters or an invalid observation.
 */
export function probabilityAlive(parameters: BgNbdParameters, customer: BgNbdObservation): number {
  checkBgNbdInput(parameters, customer);
  const logOdds = logOddsDroppedOut(parameters, customer);
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}
