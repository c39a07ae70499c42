// A quasi-Newton minimiser for the lifetime-value fits. Internal: not exported from the package.

/** The value of the objective and its gradient at a point. */
export interface ObjectiveEvaluation {
  value: number;
  gradient: number[];
}

export interface MinimizeBfgsOptions {
  /** Stop when every gradient component is at most this in absolute value. @default 1e-6 */
  gradientTolerance?: number;
  /** Stop when an iteration lowers the value by less than this, relative to |value| + 1. @default 1e-13 */
  valueTolerance?: number;
  /** @default 500 */
  maximumIterations?: number;
}

export interface MinimizeBfgsResult {
  point: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  /** True when the gradient or the improvement fell below its tolerance. */
  converged: boolean;
}

const dot = (left: readonly number[], right: readonly number[]): number => {
  let total = 0;
  for (let index = 0; index < left.length; index++) total += (left[index] as number) * (right[index] as number);
  return total;
};

const maximumAbsolute = (values: readonly number[]): number =>
  values.reduce((top, value) => Math.max(top, Math.abs(value)), 0);

/**
 * Minimises a smooth function of a few unconstrained variables by BFGS (Nocedal & Wright, algorithm
 * 6.1) with a backtracking Armijo line search. A step whose value is not finite is shortened, so the
 * objective may return `Infinity` (or NaN) outside its domain. The inverse-Hessian estimate starts as
 * a scaled identity after the first step and is updated only when the curvature condition holds.
 */
export function minimizeBfgs(
  objective: (point: readonly number[]) => ObjectiveEvaluation,
  start: readonly number[],
  options: MinimizeBfgsOptions = {},
): MinimizeBfgsResult {
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const valueTolerance = options.valueTolerance ?? 1e-13;
  const maximumIterations = options.maximumIterations ?? 500;
  const size = start.length;
  let point = [...start];
  let current = objective(point);
  let evaluations = 1;
  if (!Number.isFinite(current.value) || current.gradient.some((value) => !Number.isFinite(value))) {
    return { point, value: current.value, gradient: current.gradient, iterations: 0, evaluations, converged: false };
  }
  // Inverse Hessian estimate, row-major.
  let inverseHessian: number[][] = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => (row === column ? 1 : 0)),
  );
  let firstStep = true;
  let stalled = 0;
  for (let iteration = 1; iteration <= maximumIterations; iteration++) {
    if (maximumAbsolute(current.gradient) <= gradientTolerance) {
      return {
        point,
        value: current.value,
        gradient: current.gradient,
        iterations: iteration - 1,
        evaluations,
        converged: true,
      };
    }
    let direction = inverseHessian.map((row) => -dot(row, current.gradient));
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      // Not a descent direction (the estimate lost positive definiteness): restart from steepest descent.
      inverseHessian = inverseHessian.map((row, rowIndex) => row.map((_, column) => (rowIndex === column ? 1 : 0)));
      firstStep = true;
      direction = current.gradient.map((value) => -value);
      slope = dot(direction, current.gradient);
    }
    // On the first step, keep the trial step at most 1 in every coordinate.
    let step = firstStep ? Math.min(1, 1 / Math.max(maximumAbsolute(direction), 1e-300)) : 1;
    let next: ObjectiveEvaluation | undefined;
    let nextPoint: number[] = point;
    for (let attempt = 0; attempt < 60; attempt++) {
      nextPoint = point.map((value, index) => value + step * (direction[index] as number));
      const trial = objective(nextPoint);
      evaluations++;
      if (
        Number.isFinite(trial.value) &&
        trial.gradient.every((value) => Number.isFinite(value)) &&
        trial.value <= current.value + 1e-4 * step * slope
      ) {
        next = trial;
        break;
      }
      step *= 0.5;
    }
    if (next === undefined) {
      // No acceptable step along the direction: at the limit of floating-point precision.
      const converged = maximumAbsolute(current.gradient) <= gradientTolerance * 1e3;
      return { point, value: current.value, gradient: current.gradient, iterations: iteration, evaluations, converged };
    }
    const change = nextPoint.map((value, index) => value - (point[index] as number));
    const gradientChange = next.gradient.map((value, index) => value - (current.gradient[index] as number));
    const curvature = dot(change, gradientChange);
    const improvement = current.value - next.value;
    point = nextPoint;
    current = next;
    if (curvature > 1e-12 * Math.sqrt(dot(change, change) * dot(gradientChange, gradientChange))) {
      if (firstStep) {
        const scale = curvature / dot(gradientChange, gradientChange);
        inverseHessian = inverseHessian.map((row, rowIndex) =>
          row.map((_, column) => (rowIndex === column ? scale : 0)),
        );
        firstStep = false;
      }
      const rho = 1 / curvature;
      const hy = inverseHessian.map((row) => dot(row, gradientChange));
      const yhy = dot(gradientChange, hy);
      // H ← H − ρ(s yᵀH + H y sᵀ) + (ρ² yᵀHy + ρ) s sᵀ
      inverseHessian = inverseHessian.map((row, i) =>
        row.map(
          (value, j) =>
            value -
            rho * ((change[i] as number) * (hy[j] as number) + (hy[i] as number) * (change[j] as number)) +
            (rho * rho * yhy + rho) * (change[i] as number) * (change[j] as number),
        ),
      );
    }
    if (improvement <= valueTolerance * (Math.abs(current.value) + 1)) {
      stalled++;
      if (stalled >= 3) {
        const converged = maximumAbsolute(current.gradient) <= gradientTolerance * 1e3;
        return {
          point,
          value: current.value,
          gradient: current.gradient,
          iterations: iteration,
          evaluations,
          converged,
        };
      }
    } else stalled = 0;
  }
  return {
    point,
    value: current.value,
    gradient: current.gradient,
    iterations: maximumIterations,
    evaluations,
    converged: maximumAbsolute(current.gradient) <= gradientTolerance,
  };
}
