import { AftersaleError } from '../../errors/aftersale-error.js';
import type { BgNbdObservation, BgNbdParameters } from './fit-bg-nbd.js';
import { checkBgNbdInput, logOddsDroppedOut } from './probability-alive.js';

const maximumTerms = 1_000_000;

/** Terms larger than this are rescaled, so a long series of large terms never overflows. */
const rescaleAbove = 1e200;
const logRescale = Math.log(rescaleAbove);

/**
 * exp(logScale) · G, where G = (₂F₁(A, a−1; C; z) − 1) / (a − 1) as a power series: every term of
 * ₂F₁(A, a−1; C; z) after the first carries the factor a − 1, taken out here so that a = 1 needs no
 * special case. G = Σ_{k≥1} g_k, g_1 = A·z/C, g_{k+1} = g_k · (A+k)(a−1+k) z / ((C+k)(k+1)).
 *
 * With large fitted a and b (a shop whose customers hardly ever drop out) the terms grow to beyond
 * the largest double before they shrink while exp(logScale) underflows to zero; the sum is therefore
 * rescaled as it grows and multiplied by the scale in log space at the end.
 */
function scaledReducedSeries(numerator: number, a: number, denominator: number, z: number, logScale: number): number {
  let term = (numerator * z) / denominator;
  let total = term;
  let logShift = 0;
  for (let k = 1; k < maximumTerms; k++) {
    term *= (((numerator + k) * (a - 1 + k)) / ((denominator + k) * (k + 1))) * z;
    total += term;
    if (Math.abs(total) > rescaleAbove) {
      term /= rescaleAbove;
      total /= rescaleAbove;
      logShift += logRescale;
    }
    if (Math.abs(term) <= 1e-16 * Math.abs(total) && k > 2) {
      if (total === 0) return 0;
      return Math.sign(total) * Math.exp(logScale + logShift + Math.log(Math.abs(total)));
    }
  }
  throw new AftersaleError({
    code: 'invalid_input',
    message: `The expected-purchases series did not converge (z = ${z}): the horizon is too long for the fitted purchase rate; use a shorter horizon.`,
  });
}

/**
 * E[Y(t) | x, t_x, T]: the expected number of purchases in the `horizon` periods after the end of
 * the calibration period (Fader, Hardie & Lee 2005, equation 10):
 *
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + odds of dropout).
 *
 * Euler's transformation turns ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) into
 * (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose terms shrink fast even for large x; the factor
 * a − 1 of every term is divided out analytically, so a = 1 is no special case. For a new customer
 * (x = t_x = T = 0) it is the unconditional E[X(t)].
 * @throws AftersaleError `invalid_input` for invalid parameters, observation or horizon.
 */
export function expectedPurchases(parameters: BgNbdParameters, customer: BgNbdObservation, horizon: number): number {
  checkBgNbdInput(parameters, customer);
  if (!(Number.isFinite(horizon) && horizon >= 0)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `The horizon must be a finite number of periods ≥ 0, got ${horizon}.`,
    });
  }
  if (horizon === 0) return 0;
  const { r, alpha, a, b } = parameters;
  const { frequency: x, age } = customer;
  const z = horizon / (alpha + age + horizon);
  const logOneMinusZ = Math.log1p(-z);
  const epsilon = a - 1;
  // −expm1((a−1)·ln(1−z)) / (a−1), tending to −ln(1−z) as a → 1.
  const leading = epsilon === 0 ? -logOneMinusZ : -Math.expm1(epsilon * logOneMinusZ) / epsilon;
  const bracket = leading - scaledReducedSeries(a + b - 1 - r, a, a + b + x - 1, z, epsilon * logOneMinusZ);
  const logOdds = logOddsDroppedOut(parameters, customer);
  const alive = logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
  return (a + b + x - 1) * bracket * alive;
}
