import { AftersaleError } from '../../errors/aftersale-error.js';
import { getCurrency } from '../../money/currency.js';
import { type Money, money } from '../../money/money.js';
import { checkParameters, invalidObservations } from './fit-bg-nbd.js';
import { type GammaGammaObservation, type GammaGammaParameters, observedMeanSpend } from './fit-gamma-gamma.js';

/** E[M | p, q, γ, m̄, x] in major units, as a float (internal: the public function rounds once). */
export function expectedAverageSpendValue(parameters: GammaGammaParameters, customer: GammaGammaObservation): number {
  checkParameters(parameters);
  const { p, q, gamma } = parameters;
  if (!(q > 1)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `The Gamma-Gamma mean spend p·γ/(q − 1) is infinite for q = ${q} ≤ 1; the fit says spend is too heavy-tailed to forecast.`,
    });
  }
  const { frequency: x, repeatValueTotal } = customer;
  if (!Number.isSafeInteger(x) || x < 0) {
    throw invalidObservations([{ path: 'frequency', message: `must be an integer ≥ 0, got ${x}` }]);
  }
  if (!Number.isSafeInteger(repeatValueTotal.amount) || repeatValueTotal.amount < 0) {
    throw invalidObservations([
      { path: 'repeatValueTotal.amount', message: `must be an integer ≥ 0, got ${repeatValueTotal.amount}` },
    ]);
  }
  if (x === 0 || repeatValueTotal.amount === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * observedMeanSpend(customer))) / (p * x + q - 1);
}

/**
 * The Gamma-Gamma conditional expected average spend of a customer's future purchases:
 * E[M | m̄, x] = p(γ + x·m̄) / (px + q − 1), a weighted average of the population mean p·γ/(q−1) and
 * the customer's own exact mean m̄, the customer's weight growing with their number of repeat
 * purchases x. Customers without repeat purchases (or with zero spend, left out of the fit) get the
 * population mean. Rounded half-up to the currency's minor unit.
 * @throws AftersaleError `invalid_input` when q ≤ 1 (infinite mean) or the observation is invalid.
 */
export function expectedAverageSpend(parameters: GammaGammaParameters, customer: GammaGammaObservation): Money {
  const { currency } = customer.repeatValueTotal;
  const { exponent } = getCurrency(currency);
  return money(Math.round(expectedAverageSpendValue(parameters, customer) * 10 ** exponent), currency);
}
