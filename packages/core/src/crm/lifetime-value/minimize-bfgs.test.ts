import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './minimize-bfgs.js';

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x, y]: readonly number[]) => {
      const [u, v] = [x as number, y as number];
      return {
        value: (1 - u) ** 2 + 100 * (v - u * u) ** 2,
        gradient: [-2 * (1 - u) - 400 * u * (v - u * u), 200 * (v - u * u)],
      };
    };
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
  });

  it('shortens steps that leave the domain (non-finite values)', () => {
    // −ln x + x, minimum at x = 1, undefined for x ≤ 0.
    const objective = ([x]: readonly number[]) => {
      const value = x as number;
      return value > 0
        ? { value: -Math.log(value) + value, gradient: [-1 / value + 1] }
        : { value: Number.NaN, gradient: [Number.NaN] };
    };
    const result = minimizeBfgs(objective, [40]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
  });

  it('reports a start where the objective is not finite as not converged', () => {
    const result = minimizeBfgs(() => ({ value: Number.POSITIVE_INFINITY, gradient: [0] }), [0]);
    expect(result.converged).toBe(false);
  });
});
