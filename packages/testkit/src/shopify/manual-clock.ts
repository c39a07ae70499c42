/**
 * A clock for tests: time stands still until advanced, and `sleep` advances it at once, so code that
 * waits (throttling, backoff) runs instantly and deterministically. Share one between the emulator
 * and the adapter so both see the same time.
 */
export interface ManualClock {
  now(): number;
  /** Advances time by `milliseconds` and resolves at once. */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward. */
  advance(milliseconds: number): void;
  /** Sets the time (epoch milliseconds). */
  set(epochMilliseconds: number): void;
  /** Total time slept through `sleep`, in milliseconds. */
  readonly slept: number;
}

/** Makes a {@link ManualClock} starting at `start` (epoch ms or a date). @default 2026-11-01T00:00:00Z */
export function createManualClock(start: number | Date = Date.parse('2026-11-01T00:00:00Z')): ManualClock {
  let current = typeof start === 'number' ? start : start.getTime();
  let slept = 0;
  return {
    now: () => current,
    sleep: async (milliseconds, signal) => {
      signal?.throwIfAborted();
      const step = Math.max(0, milliseconds);
      current += step;
      slept += step;
    },
    advance: (milliseconds) => {
      current += Math.max(0, milliseconds);
    },
    set: (epochMilliseconds) => {
      current = epochMilliseconds;
    },
    get slept() {
      return slept;
    },
  };
}
