import { createHash } from 'node:crypto';
import { AftersaleError, type LedgerEntry, type PlatformUserError } from '@aftersale/core';
import { describeFailure } from './woocommerce-http.js';
import type { WooCommerceOperationContext } from './woocommerce-operation-context.js';

/** A stable hash of an operation's request: a different request under the same key is a bug. */
export function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * What claiming an idempotency key gave:
 * - `proceed`: this call does the work. `succeededBefore` is true when the ledger says an earlier call
 *   finished it (the work is then looked up on WooCommerce, never redone), with the result it recorded.
 * - `in_progress`: another worker holds the key and is not known to have died.
 * - `rejected`: an earlier call under the key was refused; the refusal stands.
 */
export type KeyClaim =
  | { kind: 'proceed'; succeededBefore: boolean; recorded: unknown }
  | { kind: 'in_progress' }
  | { kind: 'rejected'; message: string };

/** A refusal as an operation's `rejected` result. */
export interface Rejection {
  outcome: 'rejected';
  userErrors: readonly PlatformUserError[];
  idempotencyKey: string;
}

/**
 * Claims `key` for `operation` in the ledger. Without a ledger every call proceeds (and finds earlier
 * work by looking on WooCommerce).
 * @throws AftersaleError `invalid_input` for an empty or overlong key; `idempotency_conflict` when the
 *   key guards another request or another operation.
 */
export async function claimKey(
  context: WooCommerceOperationContext,
  claim: { key: string; operation: string; fingerprint: string; what: string },
): Promise<KeyClaim> {
  const { key, operation, fingerprint } = claim;
  if (key.trim() === '' || key.length > 200) {
    throw new AftersaleError({ code: 'invalid_input', message: 'idempotencyKey must be 1 to 200 characters.' });
  }
  const ledger = context.ledger;
  if (ledger === undefined) return { kind: 'proceed', succeededBefore: false, recorded: null };
  const result = await ledger.claimIdempotencyKey({ shopId: context.shopId, key, operation, fingerprint });
  if (result.outcome === 'claimed') return { kind: 'proceed', succeededBefore: false, recorded: null };
  const entry = result.entry;
  if (entry.operation !== operation || (entry.fingerprint !== null && entry.fingerprint !== fingerprint)) {
    throw new AftersaleError({
      code: 'idempotency_conflict',
      message: `Idempotency key ${key} already guards a different ${entry.operation === operation ? claim.what : entry.operation}; use a new key for a different ${claim.what}.`,
    });
  }
  if (entry.state === 'failed') return { kind: 'rejected', message: entry.error ?? 'rejected earlier' };
  if (entry.state === 'succeeded') return { kind: 'proceed', succeededBefore: true, recorded: entry.result };
  const abandoned =
    entry.state === 'unknown' || context.clock.now() - Date.parse(entry.updatedAt) > context.staleClaimMs;
  if (!abandoned) return { kind: 'in_progress' };
  context.logger.warn({ key, state: entry.state, operation }, 'woocommerce idempotency key taken over');
  return { kind: 'proceed', succeededBefore: false, recorded: null };
}

/** Records what became of the operation under `key` (nothing without a ledger). */
export async function recordOutcome(
  context: WooCommerceOperationContext,
  key: string,
  state: LedgerEntry['state'],
  result: unknown,
  error?: string,
): Promise<void> {
  if (context.ledger === undefined) return;
  await context.ledger.recordIdempotencyOutcome({
    shopId: context.shopId,
    key,
    state,
    result,
    ...(error === undefined ? {} : { error }),
  });
}

/** Records a refusal as final and returns it as a `rejected` result. */
export async function reject(
  context: WooCommerceOperationContext,
  key: string,
  userError: PlatformUserError,
): Promise<Rejection> {
  await recordOutcome(context, key, 'failed', null, `${userError.code ?? userError.field}: ${userError.message}`);
  return { outcome: 'rejected', userErrors: [userError], idempotencyKey: key };
}

const inputErrors = new Set(['invalid_input', 'unknown_line_item', 'exceeds_refundable', 'invalid_return_request']);

/**
 * Settles a failed operation the way `createRefund` does: WooCommerce's refusal is a `rejected`
 * result (recorded as final); bad input and refused credentials are recorded as final and thrown;
 * anything else (WooCommerce unreachable, an abort) leaves the outcome `unknown`, so the next call
 * under the key looks on WooCommerce before doing anything. An operation the ledger already has as
 * succeeded is never recorded again.
 */
export async function settleFailure(
  context: WooCommerceOperationContext,
  key: string,
  error: unknown,
  options: { field: string; succeededBefore: boolean; signal?: AbortSignal | undefined },
): Promise<Rejection> {
  if (options.succeededBefore) throw error;
  if (options.signal?.aborted === true) {
    await recordOutcome(context, key, 'unknown', null, 'aborted while the operation was being sent');
    throw error;
  }
  if (AftersaleError.hasCode(error, 'platform_rejected')) {
    const failure = error.cause === undefined ? { message: error.message, code: null } : describeFailure(error.cause);
    return reject(context, key, { field: options.field, message: failure.message, code: failure.code });
  }
  if (AftersaleError.isInstance(error) && (inputErrors.has(error.code) || error.code === 'platform_auth_failed')) {
    await recordOutcome(context, key, 'failed', null, `${error.code}: ${error.message}`);
    throw error;
  }
  await recordOutcome(context, key, 'unknown', null, String((error as Error)?.message ?? error));
  throw error;
}

/** The ledger says the operation succeeded but WooCommerce does not have what it made. */
export function ledgerDisagrees(key: string, missing: string): AftersaleError {
  return new AftersaleError({
    code: 'store_corrupt',
    message: `The ledger says the operation under idempotency key ${key} succeeded, but WooCommerce has no ${missing} carrying that key. Check whether it was deleted on WooCommerce before retrying under a new key.`,
  });
}
