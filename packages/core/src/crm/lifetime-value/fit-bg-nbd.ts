import type { AftersaleIssue } from '../../errors/aftersale-error.js';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { digamma, logGamma } from './log-gamma.js';
import { minimizeBfgs } from './minimize-bfgs.js';

/**
 * What the BG/NBD model needs of one customer, all times in the same period unit (days or weeks):
 * a {@link PurchaseSummary} has these fields.
 */
export interface BgNbdObservation {
  /** x: repeat purchases (purchase days after the first) in the calibration period; an integer ≥ 0. */
  readonly frequency: number;
  /** t_x: time from the first to the last purchase, in periods; 0 when `frequency` is 0. */
  readonly recency: number;
  /** T: time from the first purchase to the end of the calibration period, in periods; ≥ `recency`. */
  readonly age: number;
}

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): while alive, a customer buys at rate λ ~ Gamma(r, α)
 * (shape r, rate α, in purchases per period); after each purchase they drop out with probability
 * p ~ Beta(a, b).
 */
export interface BgNbdParameters {
  /** Shape of the purchase-rate distribution. */
  readonly r: number;
  /** Rate (inverse scale) of the purchase-rate distribution, in periods. */
  readonly alpha: number;
  /** First shape of the dropout-probability distribution. */
  readonly a: number;
  /** Second shape of the dropout-probability distribution. */
  readonly b: number;
}

/** The maximum-likelihood BG/NBD fit. */
export interface BgNbdFit {
  readonly parameters: BgNbdParameters;
  /** The maximised log-likelihood (natural log, summed over customers). */
  readonly logLikelihood: number;
  /** How many customers the fit used. */
  readonly customerCount: number;
  /** Quasi-Newton iterations used. */
  readonly iterations: number;
}

/** Options of {@link fitBgNbd}. */
export interface FitBgNbdOptions {
  /**
   * Where the optimiser starts. @default a start derived from the data: r = 1, α = mean T / (mean x + 1),
   * a = 1, b = 1
   */
  start?: BgNbdParameters;
}

/** Customers with equal (x, t_x, T), counted once with a weight: the likelihood is a weighted sum. */
interface BgNbdGroups {
  frequencies: number[]; // distinct x values
  frequencyIndex: Int32Array; // per group: index into frequencies
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
  total: number;
}

/** Checks the observations and returns every problem found as issues. */
export function bgNbdObservationIssues(customers: readonly BgNbdObservation[]): AftersaleIssue[] {
  const issues: AftersaleIssue[] = [];
  customers.forEach((customer, index) => {
    if (issues.length >= 20) return;
    const { frequency, recency, age } = customer;
    if (!Number.isSafeInteger(frequency) || frequency < 0) {
      issues.push({ path: `[${index}].frequency`, message: `must be an integer ≥ 0, got ${frequency}` });
    }
    if (!Number.isFinite(age) || age < 0)
      issues.push({ path: `[${index}].age`, message: `must be a finite number ≥ 0, got ${age}` });
    if (!Number.isFinite(recency) || recency < 0 || recency > age) {
      issues.push({ path: `[${index}].recency`, message: `must be between 0 and age (${age}), got ${recency}` });
    } else if (frequency === 0 && recency !== 0) {
      issues.push({ path: `[${index}].recency`, message: `must be 0 when frequency is 0, got ${recency}` });
    }
  });
  return issues;
}

function groupObservations(customers: readonly BgNbdObservation[]): BgNbdGroups {
  const keys = new Map<string, number>();
  const rows: { frequency: number; recency: number; age: number; weight: number }[] = [];
  for (const { frequency, recency, age } of customers) {
    const key = `${frequency}|${recency}|${age}`;
    const found = keys.get(key);
    if (found === undefined) {
      keys.set(key, rows.length);
      rows.push({ frequency, recency, age, weight: 1 });
    } else (rows[found] as { weight: number }).weight++;
  }
  const frequencies = [...new Set(rows.map((row) => row.frequency))].sort((left, right) => left - right);
  const position = new Map(frequencies.map((value, index) => [value, index]));
  return {
    frequencies,
    frequencyIndex: Int32Array.from(rows, (row) => position.get(row.frequency) as number),
    frequency: Float64Array.from(rows, (row) => row.frequency),
    recency: Float64Array.from(rows, (row) => row.recency),
    age: Float64Array.from(rows, (row) => row.age),
    weight: Float64Array.from(rows, (row) => row.weight),
    total: customers.length,
  };
}

/**
 * The BG/NBD log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b), in log space:
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + logaddexp(−(r+x) ln(α+T), [x>0] (ln a − ln(b+x−1) − (r+x) ln(α+t_x))).
 */
function bgNbdLogLikelihoodWithGradient(
  groups: BgNbdGroups,
  parameters: BgNbdParameters,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, a, b } = parameters;
  const distinct = groups.frequencies.length;
  const constant = new Float64Array(distinct);
  const derivativeR = new Float64Array(distinct);
  const derivativeA = new Float64Array(distinct);
  const derivativeB = new Float64Array(distinct);
  const logDropout = new Float64Array(distinct);
  const inverseDropoutB = new Float64Array(distinct);
  const logAlpha = Math.log(alpha);
  const logGammaR = logGamma(r);
  const digammaR = digamma(r);
  const logGammaAB = logGamma(a + b);
  const digammaAB = digamma(a + b);
  const logGammaB = logGamma(b);
  const digammaB = digamma(b);
  for (let index = 0; index < distinct; index++) {
    const x = groups.frequencies[index] as number;
    constant[index] =
      logGamma(r + x) - logGammaR + r * logAlpha + logGammaAB + logGamma(b + x) - logGammaB - logGamma(a + b + x);
    derivativeR[index] = digamma(r + x) - digammaR + logAlpha;
    derivativeA[index] = digammaAB - digamma(a + b + x);
    derivativeB[index] = digammaAB + digamma(b + x) - digammaB - digamma(a + b + x);
    if (x > 0) {
      logDropout[index] = Math.log(a) - Math.log(b + x - 1);
      inverseDropoutB[index] = 1 / (b + x - 1);
    }
  }
  let value = 0;
  let gradientR = 0;
  let gradientAlpha = 0;
  let gradientA = 0;
  let gradientB = 0;
  const size = groups.weight.length;
  for (let group = 0; group < size; group++) {
    const index = groups.frequencyIndex[group] as number;
    const x = groups.frequency[group] as number;
    const weight = groups.weight[group] as number;
    const rx = r + x;
    const logAge = Math.log(alpha + (groups.age[group] as number));
    const alive = -rx * logAge; // the customer is still alive at T
    let logTerm = alive;
    let share = 0; // weight of the "dropped out after the last purchase" term
    let logRecency = 0;
    if (x > 0) {
      logRecency = Math.log(alpha + (groups.recency[group] as number));
      const dropped = (logDropout[index] as number) - rx * logRecency;
      const difference = dropped - alive;
      if (difference < 0) {
        const exponential = Math.exp(difference);
        logTerm = alive + Math.log1p(exponential);
        share = exponential / (1 + exponential);
      } else {
        const exponential = Math.exp(-difference);
        logTerm = dropped + Math.log1p(exponential);
        share = 1 / (1 + exponential);
      }
    }
    value += weight * ((constant[index] as number) + logTerm);
    const keep = 1 - share;
    gradientR += weight * ((derivativeR[index] as number) - keep * logAge - share * logRecency);
    gradientAlpha +=
      weight *
      (r / alpha -
        (keep * rx) / (alpha + (groups.age[group] as number)) -
        (x > 0 ? (share * rx) / (alpha + (groups.recency[group] as number)) : 0));
    gradientA += weight * ((derivativeA[index] as number) + share / a);
    gradientB += weight * ((derivativeB[index] as number) - share * (inverseDropoutB[index] as number));
  }
  return { value, gradient: [gradientR * r, gradientAlpha * alpha, gradientA * a, gradientB * b] };
}

/**
 * The BG/NBD log-likelihood of the customers under the given parameters (natural log, summed).
 * @throws AftersaleError `invalid_input` when an observation or a parameter is out of range.
 */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, customers: readonly BgNbdObservation[]): number {
  checkParameters(parameters);
  const issues = bgNbdObservationIssues(customers);
  if (issues.length > 0) throw invalidObservations(issues);
  return bgNbdLogLikelihoodWithGradient(groupObservations(customers), parameters).value;
}

export function checkParameters(parameters: object): void {
  const bad = Object.entries(parameters).filter(
    ([, value]) => !(typeof value === 'number' && Number.isFinite(value) && value > 0),
  );
  if (bad.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Model parameters must be finite positive numbers; check ${bad.map(([name, value]) => `${name} = ${String(value)}`).join(', ')}.`,
      issues: bad.map(([name]) => ({ path: name, message: 'must be a finite number > 0' })),
    });
  }
}

export function invalidObservations(issues: AftersaleIssue[]): AftersaleError {
  return new AftersaleError({
    code: 'invalid_input',
    message: `Customer summaries are invalid: ${issues
      .slice(0, 5)
      .map((issue) => `${issue.path} ${issue.message}`)
      .join('; ')}${issues.length > 5 ? '; …' : ''}. Build them with summarizeTransactions().`,
    issues,
  });
}

/** Largest |ln parameter| accepted as a finite maximum: beyond it the likelihood has no interior optimum. */
const logParameterLimit = 25;

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way") by
 * maximum likelihood: the log-space likelihood with its analytic gradient, maximised over the
 * log-parameters by BFGS, then restarted from the optimum with a fresh Hessian estimate to confirm it.
 *
 * @example
 * const { parameters } = fitBgNbd(summaries) // { r, alpha, a, b }
 * @throws AftersaleError `invalid_input` for invalid observations; `model_fit_failed` when the data
 * have no repeat purchases or the likelihood has no finite maximum.
 */
export function fitBgNbd(customers: readonly BgNbdObservation[], options: FitBgNbdOptions = {}): BgNbdFit {
  const issues = bgNbdObservationIssues(customers);
  if (issues.length > 0) throw invalidObservations(issues);
  if (!customers.some((customer) => customer.frequency > 0)) {
    throw new AftersaleError({
      code: 'model_fit_failed',
      message: `BG/NBD needs customers with repeat purchases; none of the ${customers.length} customers bought twice, so purchase and dropout rates cannot be told apart.`,
      details: { customerCount: customers.length },
    });
  }
  if (options.start !== undefined) checkParameters(options.start);
  const groups = groupObservations(customers);
  let meanFrequency = 0;
  let meanAge = 0;
  for (const customer of customers) {
    meanFrequency += customer.frequency / customers.length;
    meanAge += customer.age / customers.length;
  }
  const start = options.start ?? { r: 1, alpha: Math.max(meanAge, 1e-6) / (meanFrequency + 1), a: 1, b: 1 };
  const scale = 1 / groups.total;
  const objective = (point: readonly number[]) => {
    const [logR, logAlpha, logA, logB] = point as [number, number, number, number];
    if ([logR, logAlpha, logA, logB].some((value) => Math.abs(value) > 2 * logParameterLimit)) {
      return { value: Number.POSITIVE_INFINITY, gradient: [0, 0, 0, 0] };
    }
    const { value, gradient } = bgNbdLogLikelihoodWithGradient(groups, {
      r: Math.exp(logR),
      alpha: Math.exp(logAlpha),
      a: Math.exp(logA),
      b: Math.exp(logB),
    });
    return { value: -value * scale, gradient: gradient.map((component) => -component * scale) };
  };
  let result = minimizeBfgs(objective, [start.r, start.alpha, start.a, start.b].map(Math.log), {
    gradientTolerance: 1e-9,
  });
  let iterations = result.iterations;
  const confirm = minimizeBfgs(objective, result.point, { gradientTolerance: 1e-9 });
  iterations += confirm.iterations;
  if (confirm.value <= result.value) result = confirm;
  const [r, alpha, a, b] = result.point.map(Math.exp) as [number, number, number, number];
  if (!result.converged || result.point.some((value) => Math.abs(value) > logParameterLimit)) {
    throw new AftersaleError({
      code: 'model_fit_failed',
      message: `The BG/NBD likelihood has no finite maximum for these ${customers.length} customers (the search stopped at r = ${r}, alpha = ${alpha}, a = ${a}, b = ${b}). Use more customers or a longer calibration period.`,
      details: { customerCount: customers.length, r, alpha, a, b },
    });
  }
  return {
    parameters: { r, alpha, a, b },
    logLikelihood: -result.value / scale,
    customerCount: customers.length,
    iterations,
  };
}
