// Special functions for the lifetime-value likelihoods. Internal: not exported from the package.

const lanczosG = 7;
const lanczosCoefficients = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). Arguments below 0.5 go
 * through Γ(x) = Γ(x + 1) / x, so no reflection is needed for the positive arguments the models use.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const shifted = x - 1;
  let series = lanczosCoefficients[0] as number;
  for (let index = 1; index < lanczosCoefficients.length; index++) {
    series += (lanczosCoefficients[index] as number) / (shifted + index);
  }
  const t = shifted + lanczosG + 0.5;
  return halfLogTwoPi + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x lifts the argument to at
 * least 10, then the asymptotic series to x⁻¹⁴ (truncation error below 1e-16 there).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let value = 0;
  let argument = x;
  while (argument < 10) {
    value -= 1 / argument;
    argument += 1;
  }
  const inverse = 1 / argument;
  const inverseSquared = inverse * inverse;
  // Σ B₂ₙ / (2n x²ⁿ) for n = 1..7, nested.
  const s = inverseSquared;
  const tail =
    s * (1 / 12 - s * (1 / 120 - s * (1 / 252 - s * (1 / 240 - s * (1 / 132 - s * (691 / 32760 - s / 12))))));
  return value + Math.log(argument) - 0.5 * inverse - tail;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln(e^a + e^b) without overflow or underflow; −∞ arguments are allowed. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln Σ e^(values[i]) without overflow; −∞ for an empty list. */
export function logSumExp(values: readonly number[]): number {
  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > maximum) maximum = value;
  if (maximum === Number.NEGATIVE_INFINITY || !Number.isFinite(maximum)) return maximum;
  let total = 0;
  for (const value of values) total += Math.exp(value - maximum);
  return maximum + Math.log(total);
}
