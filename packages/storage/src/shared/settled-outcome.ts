import { AftersaleError, type LedgerEntry, type LedgerState } from '@aftersale/core';

/** Ledger states an outcome may still be recorded over; `succeeded` and `failed` are final. */
export const openLedgerStates: LedgerState[] = ['pending', 'unknown'];

/**
 * The answer to recording an outcome over a key that did not take it: `store_not_found` for a key never
 * claimed, the entry unchanged for the same final state recorded again, `store_conflict` otherwise.
 */
export function settledOutcome(
  outcome: { shopId: string; key: string; state: LedgerEntry['state'] },
  current: LedgerEntry | null,
): LedgerEntry {
  if (current === null) {
    throw new AftersaleError({
      code: 'store_not_found',
      message: `Idempotency key ${outcome.key} was never claimed in shop ${outcome.shopId}; claim it before recording an outcome.`,
    });
  }
  if (current.state === outcome.state && !openLedgerStates.includes(current.state)) return current;
  throw new AftersaleError({
    code: 'store_conflict',
    message:
      current.state === 'succeeded' || current.state === 'failed'
        ? `Idempotency key ${outcome.key} already ${current.state}, a final outcome; it cannot become ${outcome.state}. Reconcile with the platform, or claim a failed key again with retryFailed.`
        : `Idempotency key ${outcome.key} is ${current.state}; only a pending key can be recorded as pending again (a heartbeat).`,
    details: { key: outcome.key, state: current.state, recorded: outcome.state },
  });
}
