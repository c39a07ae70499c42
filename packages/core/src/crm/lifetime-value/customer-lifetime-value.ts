import { AftersaleError } from '../../errors/aftersale-error.js';
import { getCurrency } from '../../money/currency.js';
import { type Money, money } from '../../money/money.js';
import { expectedAverageSpendValue } from './expected-average-spend.js';
import { expectedPurchases } from './expected-purchases.js';
import type { BgNbdObservation, BgNbdParameters } from './fit-bg-nbd.js';
import type { GammaGammaObservation, GammaGammaParameters } from './fit-gamma-gamma.js';

/** The two fitted models a lifetime value needs. */
export interface LifetimeValueModels {
  /** Purchase and dropout model (from {@link fitBgNbd}). */
  readonly bgNbd: BgNbdParameters;
  /** Spend model (from {@link fitGammaGamma}). */
  readonly gammaGamma: GammaGammaParameters;
}

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions {
  /** How far ahead, in the summaries' periods (52 for a year of weeks). */
  horizon: number;
  /**
   * The discount rate per discount step, as a fraction (0.01 is 1 % per step). 0 gives the
   * undiscounted expected revenue.
   */
  discountRate: number;
  /**
   * The length of one discount step in periods: purchases expected within step i are discounted by
   * (1 + discountRate)^i. With weekly summaries and a monthly rate, 52 / 12.
   * @default 1
   */
  discountStep?: number;
}

/**
 * The customer's lifetime value over a horizon by discounted cash flow, as in the literature's DCF
 * approach (and the `lifetimes` package): the expected purchases in each discount step, from BG/NBD
 * (E[Y(t_i)] − E[Y(t_{i−1})]), times the Gamma-Gamma expected average spend, discounted by
 * (1 + discountRate)^(t_i / discountStep) and summed. It is expected revenue: multiply by your margin
 * for profit. The sum is computed in floating point (it is a model estimate) and rounded half-up to
 * the minor unit once, at the end.
 *
 * @example
 * customerLifetimeValue({ bgNbd, gammaGamma }, summary, { horizon: 52, discountRate: 0.01, discountStep: 52 / 12 })
 * @throws AftersaleError `invalid_input` for invalid parameters, observation or options.
 */
export function customerLifetimeValue(
  models: LifetimeValueModels,
  customer: BgNbdObservation & GammaGammaObservation,
  options: CustomerLifetimeValueOptions,
): Money {
  const { horizon, discountRate } = options;
  const discountStep = options.discountStep ?? 1;
  const problems: string[] = [];
  if (!(Number.isFinite(horizon) && horizon >= 0)) problems.push(`horizon must be a finite number ≥ 0, got ${horizon}`);
  if (!(Number.isFinite(discountRate) && discountRate > -1))
    problems.push(`discountRate must be a number > −1, got ${discountRate}`);
  if (!(Number.isFinite(discountStep) && discountStep > 0))
    problems.push(`discountStep must be a number > 0, got ${discountStep}`);
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Invalid lifetime-value options: ${problems.join('; ')}.`,
    });
  }
  const spend = expectedAverageSpendValue(models.gammaGamma, customer);
  let value = 0;
  let previousPurchases = 0;
  const steps = Math.ceil(horizon / discountStep - 1e-12);
  for (let step = 1; step <= steps; step++) {
    const time = Math.min(step * discountStep, horizon);
    const purchases = expectedPurchases(models.bgNbd, customer, time);
    value += ((purchases - previousPurchases) * spend) / (1 + discountRate) ** (time / discountStep);
    previousPurchases = purchases;
  }
  const { currency } = customer.repeatValueTotal;
  return money(Math.round(value * 10 ** getCurrency(currency).exponent), currency);
}
