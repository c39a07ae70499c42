import type {
  EnqueueResult,
  IdempotencyLedger,
  LedgerClaim,
  LedgerClaimInput,
  LedgerEntry,
  LedgerOutcomeInput,
  WebhookDelivery,
  WebhookDeliveryInput,
  WebhookInbox,
} from '@aftersale/core';

/**
 * A small in-memory idempotency ledger and webhook inbox for the adapter's own tests (the adapter
 * never imports a storage backend). It follows the store spec's rules for the parts the adapter uses.
 */
export function createTestLedger(
  clock: () => number = () => Date.now(),
): IdempotencyLedger &
  Pick<WebhookInbox, 'enqueueWebhook'> & { entries: Map<string, LedgerEntry>; deliveries: WebhookDelivery[] } {
  const entries = new Map<string, LedgerEntry>();
  const deliveries: WebhookDelivery[] = [];
  const now = () => new Date(clock()).toISOString();
  return {
    entries,
    deliveries,
    async claimIdempotencyKey(input: LedgerClaimInput): Promise<LedgerClaim> {
      const id = `${input.shopId}|${input.key}`;
      const existing = entries.get(id);
      if (existing !== undefined && !(existing.state === 'failed' && input.retryFailed === true)) {
        return { outcome: 'held', entry: { ...existing } };
      }
      const entry: LedgerEntry = {
        shopId: input.shopId,
        key: input.key,
        operation: input.operation ?? 'refund',
        state: 'pending',
        fingerprint: input.fingerprint ?? null,
        result: null,
        error: null,
        attempts: (existing?.attempts ?? 0) + 1,
        claimedAt: now(),
        updatedAt: now(),
      };
      entries.set(id, entry);
      return { outcome: 'claimed', entry: { ...entry } };
    },
    async recordIdempotencyOutcome(input: LedgerOutcomeInput): Promise<LedgerEntry> {
      const id = `${input.shopId}|${input.key}`;
      const existing = entries.get(id);
      if (existing === undefined) throw new Error(`no such key ${input.key}`);
      const entry = {
        ...existing,
        state: input.state,
        result: input.result ?? existing.result,
        error: input.error ?? null,
        updatedAt: now(),
      };
      entries.set(id, entry);
      return { ...entry };
    },
    async getIdempotencyEntry(shopId: string, key: string) {
      const entry = entries.get(`${shopId}|${key}`);
      return entry === undefined ? null : { ...entry };
    },
    async listIdempotencyEntries(shopId: string, options: { state?: LedgerEntry['state'] }) {
      const items = [...entries.values()].filter(
        (e) => e.shopId === shopId && (options.state === undefined || e.state === options.state),
      );
      return { items, nextCursor: null };
    },
    async enqueueWebhook(input: WebhookDeliveryInput): Promise<EnqueueResult> {
      const existing = deliveries.find((d) => d.shopId === input.shopId && d.dedupeKey === input.dedupeKey);
      if (existing !== undefined) return { outcome: 'duplicate', delivery: existing };
      const delivery: WebhookDelivery = {
        id: `whk_${deliveries.length + 1}`,
        shopId: input.shopId,
        platform: input.platform,
        topic: input.topic,
        dedupeKey: input.dedupeKey,
        rawBody: input.rawBody,
        headers: input.headers ?? {},
        status: 'pending',
        attempts: 0,
        receivedAt: now(),
        availableAt: now(),
        leaseToken: null,
        leaseExpiresAt: null,
        lastError: null,
        completedAt: null,
      };
      deliveries.push(delivery);
      return { outcome: 'enqueued', delivery };
    },
  };
}
