import type { AftersaleIssue } from '../../errors/aftersale-error.js';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { getCurrency } from '../../money/currency.js';
import type { Money } from '../../money/money.js';
import { checkParameters, invalidObservations } from './fit-bg-nbd.js';
import { digamma, logGamma } from './log-gamma.js';
import { minimizeBfgs } from './minimize-bfgs.js';

/**
 * What the Gamma-Gamma model needs of one customer: a {@link PurchaseSummary} has these fields.
 * Customers without repeat purchases carry no information about spend and are left out of the fit.
 */
export interface GammaGammaObservation {
  /** x: repeat purchases; an integer ≥ 0. */
  readonly frequency: number;
  /** The exact total of the repeat purchases; its mean over `frequency` is the observed average spend. */
  readonly repeatValueTotal: Money;
}

/**
 * Gamma-Gamma parameters (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999): a transaction's value is
 * Gamma(p, ν) around the customer's mean p/ν, and ν ~ Gamma(q, γ) across customers. γ is in the
 * currency's major units (dollars, not cents).
 */
export interface GammaGammaParameters {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** The maximum-likelihood Gamma-Gamma fit. */
export interface GammaGammaFit {
  readonly parameters: GammaGammaParameters;
  /** The currency every observation was in; γ is in its major units. */
  readonly currency: string;
  /** The maximised log-likelihood (natural log, summed over the customers used). */
  readonly logLikelihood: number;
  /** Customers used: those with at least one repeat purchase and a positive average spend. */
  readonly customerCount: number;
  /** Customers with repeat purchases left out because their average spend is zero. */
  readonly excludedCustomerCount: number;
  /**
   * Pearson correlation between frequency and average spend among the customers used. The model
   * assumes they are independent: a value far from 0 (beyond about ±0.3) says its spend forecasts
   * are biased for this shop.
   */
  readonly frequencyMonetaryCorrelation: number;
  /** Quasi-Newton iterations used. */
  readonly iterations: number;
}

/** The observed mean spend of a customer in major units: an exact ratio turned into a float once. */
export function observedMeanSpend(customer: GammaGammaObservation): number {
  const { exponent } = getCurrency(customer.repeatValueTotal.currency);
  return customer.repeatValueTotal.amount / customer.frequency / 10 ** exponent;
}

interface GammaGammaGroups {
  frequencies: number[];
  frequencyIndex: Int32Array;
  frequency: Float64Array;
  mean: Float64Array;
  logMean: Float64Array;
  weight: Float64Array;
}

function groupObservations(rows: readonly { frequency: number; mean: number }[]): GammaGammaGroups {
  const keys = new Map<string, number>();
  const grouped: { frequency: number; mean: number; weight: number }[] = [];
  for (const { frequency, mean } of rows) {
    const key = `${frequency}|${mean}`;
    const found = keys.get(key);
    if (found === undefined) {
      keys.set(key, grouped.length);
      grouped.push({ frequency, mean, weight: 1 });
    } else (grouped[found] as { weight: number }).weight++;
  }
  const frequencies = [...new Set(grouped.map((row) => row.frequency))].sort((left, right) => left - right);
  const position = new Map(frequencies.map((value, index) => [value, index]));
  return {
    frequencies,
    frequencyIndex: Int32Array.from(grouped, (row) => position.get(row.frequency) as number),
    frequency: Float64Array.from(grouped, (row) => row.frequency),
    mean: Float64Array.from(grouped, (row) => row.mean),
    logMean: Float64Array.from(grouped, (row) => Math.log(row.mean)),
    weight: Float64Array.from(grouped, (row) => row.weight),
  };
}

/**
 * ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄),
 * summed, with its gradient with respect to (ln p, ln q, ln γ).
 */
function gammaGammaLogLikelihoodWithGradient(
  groups: GammaGammaGroups,
  parameters: GammaGammaParameters,
): { value: number; gradient: [number, number, number] } {
  const { p, q, gamma } = parameters;
  const distinct = groups.frequencies.length;
  const constant = new Float64Array(distinct);
  const derivativeP = new Float64Array(distinct);
  const derivativeQ = new Float64Array(distinct);
  const logGammaQ = logGamma(q);
  const digammaQ = digamma(q);
  const logScale = Math.log(gamma);
  for (let index = 0; index < distinct; index++) {
    const x = groups.frequencies[index] as number;
    const px = p * x;
    const logX = Math.log(x);
    constant[index] = logGamma(px + q) - logGamma(px) - logGammaQ + q * logScale + px * logX;
    derivativeP[index] = x * (digamma(px + q) - digamma(px) + logX);
    derivativeQ[index] = digamma(px + q) - digammaQ + logScale;
  }
  let value = 0;
  let gradientP = 0;
  let gradientQ = 0;
  let gradientGamma = 0;
  const size = groups.weight.length;
  for (let group = 0; group < size; group++) {
    const index = groups.frequencyIndex[group] as number;
    const x = groups.frequency[group] as number;
    const weight = groups.weight[group] as number;
    const logMean = groups.logMean[group] as number;
    const spread = gamma + x * (groups.mean[group] as number);
    const logSpread = Math.log(spread);
    const px = p * x;
    value += weight * ((constant[index] as number) + (px - 1) * logMean - (px + q) * logSpread);
    gradientP += weight * ((derivativeP[index] as number) + x * logMean - x * logSpread);
    gradientQ += weight * ((derivativeQ[index] as number) - logSpread);
    gradientGamma += weight * (q / gamma - (px + q) / spread);
  }
  return { value, gradient: [gradientP * p, gradientQ * q, gradientGamma * gamma] };
}

function usableRows(customers: readonly GammaGammaObservation[]): {
  rows: { frequency: number; mean: number }[];
  excluded: number;
  currency: string | undefined;
} {
  const issues: AftersaleIssue[] = [];
  const currency = customers[0]?.repeatValueTotal.currency;
  const rows: { frequency: number; mean: number }[] = [];
  let excluded = 0;
  customers.forEach((customer, index) => {
    if (issues.length >= 20) return;
    const { frequency, repeatValueTotal } = customer;
    if (!Number.isSafeInteger(frequency) || frequency < 0) {
      issues.push({ path: `[${index}].frequency`, message: `must be an integer ≥ 0, got ${frequency}` });
      return;
    }
    if (!Number.isSafeInteger(repeatValueTotal.amount) || repeatValueTotal.amount < 0) {
      issues.push({
        path: `[${index}].repeatValueTotal.amount`,
        message: `must be an integer ≥ 0 (minor units), got ${repeatValueTotal.amount}`,
      });
      return;
    }
    if (repeatValueTotal.currency !== currency) {
      issues.push({
        path: `[${index}].repeatValueTotal.currency`,
        message: `must be ${currency} like the first customer's, got ${repeatValueTotal.currency}`,
      });
      return;
    }
    if (frequency === 0) return;
    if (repeatValueTotal.amount === 0) excluded++;
    else rows.push({ frequency, mean: observedMeanSpend(customer) });
  });
  if (issues.length > 0) throw invalidObservations(issues);
  return { rows, excluded, currency };
}

/**
 * The Gamma-Gamma log-likelihood of the customers' average spend (customers with repeat purchases
 * and positive spend), natural log, summed.
 * @throws AftersaleError `invalid_input` when an observation or a parameter is out of range.
 */
export function gammaGammaLogLikelihood(
  parameters: GammaGammaParameters,
  customers: readonly GammaGammaObservation[],
): number {
  checkParameters(parameters);
  const { rows } = usableRows(customers);
  return gammaGammaLogLikelihoodWithGradient(groupObservations(rows), parameters).value;
}

const logParameterLimit = 25;

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005b, "RFM and CLV: using iso-value curves")
 * by maximum likelihood on the exact average spend of each customer with repeat purchases: the
 * log-space likelihood with its analytic gradient, maximised over the log-parameters by BFGS and
 * confirmed by a restart. Means are taken from the exact totals, not from rounded averages.
 *
 * @example
 * const { parameters } = fitGammaGamma(summaries) // { p, q, gamma }
 * @throws AftersaleError `invalid_input` for invalid observations; `model_fit_failed` with fewer than
 * two repeat buyers or when the likelihood has no finite maximum (spend that barely varies).
 */
export function fitGammaGamma(customers: readonly GammaGammaObservation[]): GammaGammaFit {
  const { rows, excluded, currency } = usableRows(customers);
  if (rows.length < 2 || currency === undefined) {
    throw new AftersaleError({
      code: 'model_fit_failed',
      message: `Gamma-Gamma needs at least two customers with repeat purchases and positive spend; found ${rows.length}.`,
      details: { customerCount: rows.length },
    });
  }
  const groups = groupObservations(rows);
  let meanSpend = 0;
  let meanFrequency = 0;
  for (const row of rows) {
    meanSpend += row.mean / rows.length;
    meanFrequency += row.frequency / rows.length;
  }
  let covariance = 0;
  let spendVariance = 0;
  let frequencyVariance = 0;
  for (const row of rows) {
    covariance += (row.frequency - meanFrequency) * (row.mean - meanSpend);
    spendVariance += (row.mean - meanSpend) ** 2;
    frequencyVariance += (row.frequency - meanFrequency) ** 2;
  }
  const correlation =
    spendVariance > 0 && frequencyVariance > 0 ? covariance / Math.sqrt(spendVariance * frequencyVariance) : 0;
  const scale = 1 / rows.length;
  const objective = (point: readonly number[]) => {
    if (point.some((value) => Math.abs(value) > 2 * logParameterLimit)) {
      return { value: Number.POSITIVE_INFINITY, gradient: [0, 0, 0] };
    }
    const [p, q, gamma] = point.map(Math.exp) as [number, number, number];
    const { value, gradient } = gammaGammaLogLikelihoodWithGradient(groups, { p, q, gamma });
    return { value: -value * scale, gradient: gradient.map((component) => -component * scale) };
  };
  // Start where the population mean spend p·γ/(q − 1) equals the observed mean: p = 1, q = 2.
  let result = minimizeBfgs(objective, [0, Math.log(2), Math.log(meanSpend)], { gradientTolerance: 1e-9 });
  let iterations = result.iterations;
  const confirm = minimizeBfgs(objective, result.point, { gradientTolerance: 1e-9 });
  iterations += confirm.iterations;
  if (confirm.value <= result.value) result = confirm;
  const [p, q, gamma] = result.point.map(Math.exp) as [number, number, number];
  if (!result.converged || result.point.some((value) => Math.abs(value) > logParameterLimit)) {
    throw new AftersaleError({
      code: 'model_fit_failed',
      message: `The Gamma-Gamma likelihood has no finite maximum for these ${rows.length} customers (the search stopped at p = ${p}, q = ${q}, gamma = ${gamma}); spend may vary too little between customers.`,
      details: { customerCount: rows.length, p, q, gamma },
    });
  }
  return {
    parameters: { p, q, gamma },
    currency,
    logLikelihood: -result.value / scale,
    customerCount: rows.length,
    excludedCustomerCount: excluded,
    frequencyMonetaryCorrelation: correlation,
    iterations,
  };
}
