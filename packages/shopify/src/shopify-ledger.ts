import { AftersaleError, type AftersaleStore, type Logger, type PlatformUserError } from '@aftersale/core';
import type { Clock } from './clock.js';

/**
 * The idempotency ledger as the adapter's money-moving operations use it (store credit, exchanges,
 * cancellations): claim the key first, answer a finished key from the ledger, and take a crashed or
 * unknown attempt as a cue to look on Shopify before sending again. Operations made of several
 * mutations guard each with a sub-key (`<key>#<step>`), so a retry skips the steps already done.
 */
export interface LedgerContext {
  store: AftersaleStore | null;
  shopId: string;
  clock: Clock;
  logger: Logger;
  /** A `pending` claim older than this is taken as a crashed attempt. */
  staleClaimMs: number;
  /** Sends of one non-idempotent mutation in one call, counting the first. */
  maxAttempts: number;
}

/** What a claim allows. */
export type LedgerClaimOutcome<TResult> =
  | { kind: 'replay'; result: TResult }
  | { kind: 'rejected'; userErrors: PlatformUserError[] }
  | { kind: 'in_progress' }
  /** Go on; `reconcile` says an earlier attempt may have reached Shopify, so look before sending. */
  | { kind: 'proceed'; reconcile: boolean; claimedAt: number };

/** A stable SHA-256 fingerprint of a request: a different request under the same key is a caller's bug. */
export async function fingerprintOf(value: unknown): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(value)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Claims `key` for `operation`. Without a store every call proceeds (and exactly-once rests on what
 * Shopify shows when looked at).
 * @throws AftersaleError `idempotency_conflict` when the key already guards a different request.
 */
export async function claimKey<TResult>(
  context: LedgerContext,
  input: { key: string; operation: string; fingerprint: string },
): Promise<LedgerClaimOutcome<TResult>> {
  const { store, shopId, clock } = context;
  if (!store) return { kind: 'proceed', reconcile: false, claimedAt: clock.now() };
  const claim = await store.claimIdempotencyKey({ shopId, ...input });
  const entry = claim.entry;
  const claimedAt = Date.parse(entry.claimedAt);
  if (claim.outcome === 'claimed') return { kind: 'proceed', reconcile: false, claimedAt };
  if (entry.fingerprint && entry.fingerprint !== input.fingerprint) {
    throw new AftersaleError({
      code: 'idempotency_conflict',
      message: `The idempotency key ${input.key} already guards a different ${entry.operation}; use a new key for a new request.`,
      details: { idempotencyKey: input.key, operation: entry.operation },
    });
  }
  if (entry.state === 'succeeded') return { kind: 'replay', result: entry.result as TResult };
  if (entry.state === 'failed') {
    const result = entry.result as { userErrors?: PlatformUserError[] } | null;
    return { kind: 'rejected', userErrors: result?.userErrors ?? [] };
  }
  const age = clock.now() - Date.parse(entry.updatedAt);
  if (entry.state === 'pending' && age < context.staleClaimMs) return { kind: 'in_progress' };
  return { kind: 'proceed', reconcile: true, claimedAt };
}

/** Records how the operation under `key` ended; nothing without a store. */
export async function recordOutcome(
  context: LedgerContext,
  key: string,
  outcome:
    | { state: 'succeeded'; result: unknown }
    | { state: 'failed'; userErrors: readonly PlatformUserError[]; result?: Record<string, unknown> }
    | { state: 'unknown'; error: string; result?: unknown },
): Promise<void> {
  const { store, shopId } = context;
  if (!store) return;
  if (outcome.state === 'succeeded') {
    await store.recordIdempotencyOutcome({ shopId, key, state: 'succeeded', result: outcome.result });
  } else if (outcome.state === 'failed') {
    await store.recordIdempotencyOutcome({
      shopId,
      key,
      state: 'failed',
      result: { ...outcome.result, userErrors: outcome.userErrors },
      error: 'rejected by Shopify',
    });
  } else {
    await store.recordIdempotencyOutcome({
      shopId,
      key,
      state: 'unknown',
      error: outcome.error,
      ...(outcome.result === undefined ? {} : { result: outcome.result }),
    });
  }
}

/** What one step's mutation answered: its value, or Shopify's refusal (nothing moved). */
export type StepAnswer<T> = { ok: true; value: T } | { ok: false; userErrors: PlatformUserError[] };

/** A step's outcome: `replayed` when an earlier attempt had done it (found in the ledger or on Shopify). */
export type StepOutcome<T> = { ok: true; value: T; replayed: boolean } | { ok: false; userErrors: PlatformUserError[] };

/**
 * Runs one non-idempotent mutation at most once under `<key>#<step>`:
 *
 * - a sub-key already `succeeded` answers its recorded value, and nothing is sent;
 * - before the first send, `prepare` notes what Shopify holds already (kept in the sub-key's entry),
 *   so that a later `look` can tell this step's effect from older ones;
 * - a sub-key claimed now, in an operation that is not reconciling, sends at once; one held from an
 *   earlier attempt that got as far as `prepare` (it may have sent) is looked for on Shopify first,
 *   and the mutation is sent only when `look` finds nothing;
 * - an answer lost on the way back (`platform_unavailable`) is looked for again before each resend,
 *   up to `maxAttempts` sends.
 */
export async function runStep<T, P = null>(
  context: LedgerContext,
  input: {
    key: string;
    step: string;
    fingerprint: string;
    reconcile: boolean;
    prepare?: () => Promise<P>;
    look: (prepared: P | null) => Promise<T | null>;
    send: () => Promise<StepAnswer<T>>;
    signal?: AbortSignal | undefined;
  },
): Promise<StepOutcome<T>> {
  const key = `${input.key}#${input.step}`;
  const { store, shopId } = context;
  const claim = store
    ? await store.claimIdempotencyKey({ shopId, key, operation: input.step, fingerprint: input.fingerprint })
    : null;
  if (claim?.outcome === 'held' && claim.entry.state === 'succeeded')
    return { ok: true, value: claim.entry.result as T, replayed: true };
  const memo = claim?.outcome === 'held' ? (claim.entry.result as { prepared?: P } | null) : null;
  let prepared: P | null = memo?.prepared ?? null;
  // Without a store nothing tells whether an earlier attempt sent: look whenever reconciling. With
  // one, a held sub-key may have sent (with `prepare`, only once it was prepared).
  let look =
    claim === null
      ? input.reconcile
      : claim.outcome === 'held' && (input.prepare === undefined || memo?.prepared !== undefined);
  for (let attempt = 1; ; attempt++) {
    if (look) {
      const found = await input.look(prepared);
      if (found !== null) {
        await recordOutcome(context, key, { state: 'succeeded', result: found });
        return { ok: true, value: found, replayed: true };
      }
    }
    if (prepared === null && input.prepare) {
      prepared = await input.prepare();
      if (store) await store.recordIdempotencyOutcome({ shopId, key, state: 'pending', result: { prepared } });
    }
    try {
      const answer = await input.send();
      await recordOutcome(
        context,
        key,
        answer.ok ? { state: 'succeeded', result: answer.value } : { state: 'failed', userErrors: answer.userErrors },
      );
      return answer.ok ? { ...answer, replayed: false } : answer;
    } catch (error) {
      const outcomeUnknown = AftersaleError.hasCode(error, 'platform_unavailable');
      if (!outcomeUnknown || attempt >= context.maxAttempts) {
        await recordOutcome(context, key, {
          state: 'unknown',
          error: AftersaleError.isInstance(error) ? error.code : 'unexpected error',
          result: { prepared },
        });
        throw error;
      }
      context.logger.warn({ operation: input.step, attempt }, 'outcome unknown; looking on Shopify before resending');
      await context.clock.sleep(500 * 2 ** (attempt - 1), input.signal);
      look = true;
    }
  }
}
