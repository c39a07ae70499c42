import { AftersaleError } from '../errors/aftersale-error.js';
import type { AftersaleStore, WriteOptions } from '../spec/store.js';
import type { Page } from '../spec/store-records.js';
import {
  type LedgerEntry,
  ledgerClaimInputSchema,
  ledgerOutcomeInputSchema,
  type OutboxEvent,
  outboxEventInputSchema,
  type RefundRecord,
  type ReturnCaseRecord,
  refundInputSchema,
  returnCaseInputSchema,
} from '../spec/store-records.js';
import type { ReturnServiceStore } from './return-service-types.js';

/**
 * Test helper (not exported from the package): an in-memory store with the subset of
 * {@link AftersaleStore} the return service and a fake adapter's ledger use. Inputs are validated with
 * the store schemas, updates check versions (`store_conflict`), and outbox rows are written with the
 * record they come with, as a real store does in one transaction.
 */
export interface FakeReturnStore
  extends ReturnServiceStore,
    Pick<AftersaleStore, 'claimIdempotencyKey' | 'recordIdempotencyOutcome'> {
  readonly outbox: OutboxEvent[];
  readonly cases: Map<string, ReturnCaseRecord>;
  readonly refunds: Map<string, RefundRecord>;
  /** Makes the next write of a refund record throw, as a process killed before it. */
  failNextRefundWrite(): void;
}

export function createFakeReturnStore(options: { now: () => Date }): FakeReturnStore {
  const cases = new Map<string, ReturnCaseRecord>();
  const refunds = new Map<string, RefundRecord>();
  const ledger = new Map<string, LedgerEntry>();
  const outbox: OutboxEvent[] = [];
  let sequence = 0;
  let failRefundWrite = false;
  const key = (shopId: string, id: string) => `${shopId}\u0000${id}`;
  const stamp = () => options.now().toISOString();

  function writeOutbox(shopId: string, write?: WriteOptions): void {
    for (const event of write?.events ?? []) {
      const parsed = outboxEventInputSchema.parse(event);
      outbox.push({ ...parsed, shopId, sequence: ++sequence, createdAt: stamp(), publishedAt: null });
    }
  }

  function page<T>(items: T[], limit = 50, cursor: string | null | undefined = null): Page<T> {
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
  }

  function conflict(what: string, id: string): AftersaleError {
    return new AftersaleError({ code: 'store_conflict', message: `${what} ${id} changed since it was read.` });
  }

  return {
    outbox,
    cases,
    refunds,
    failNextRefundWrite() {
      failRefundWrite = true;
    },
    async createReturnCase(input, write) {
      const parsed = returnCaseInputSchema.parse(input);
      if (cases.has(key(parsed.shopId, parsed.id))) throw conflict('Return case', parsed.id);
      const record: ReturnCaseRecord = { ...parsed, version: 1, createdAt: stamp(), updatedAt: stamp() };
      cases.set(key(parsed.shopId, parsed.id), structuredClone(record));
      writeOutbox(parsed.shopId, write);
      return record;
    },
    async updateReturnCase(input, expectedVersion, write) {
      const parsed = returnCaseInputSchema.parse(input);
      const current = cases.get(key(parsed.shopId, parsed.id));
      if (!current) throw new AftersaleError({ code: 'store_not_found', message: `No return case ${parsed.id}.` });
      if (current.version !== expectedVersion) throw conflict('Return case', parsed.id);
      const record: ReturnCaseRecord = {
        ...parsed,
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: stamp(),
      };
      cases.set(key(parsed.shopId, parsed.id), structuredClone(record));
      writeOutbox(parsed.shopId, write);
      return record;
    },
    async getReturnCase(shopId, id) {
      const record = cases.get(key(shopId, id));
      return record ? structuredClone(record) : null;
    },
    async listReturnCases(shopId, list = {}) {
      const items = [...cases.values()].filter(
        (record) =>
          record.shopId === shopId &&
          (list.orderId === undefined || record.orderId === list.orderId) &&
          (list.status === undefined || record.status === list.status) &&
          (list.platformReturnId === undefined || record.platformReturnId === list.platformReturnId),
      );
      return page(structuredClone(items), list.limit, list.cursor);
    },
    async createRefund(input, write) {
      if (failRefundWrite) {
        failRefundWrite = false;
        throw new Error('process killed before the refund record was written');
      }
      const parsed = refundInputSchema.parse(input);
      if (refunds.has(key(parsed.shopId, parsed.id))) throw conflict('Refund', parsed.id);
      const record: RefundRecord = { ...parsed, version: 1, createdAt: stamp(), updatedAt: stamp() };
      refunds.set(key(parsed.shopId, parsed.id), structuredClone(record));
      writeOutbox(parsed.shopId, write);
      return record;
    },
    async updateRefund(input, expectedVersion, write) {
      const parsed = refundInputSchema.parse(input);
      const current = refunds.get(key(parsed.shopId, parsed.id));
      if (!current) throw new AftersaleError({ code: 'store_not_found', message: `No refund ${parsed.id}.` });
      if (current.version !== expectedVersion) throw conflict('Refund', parsed.id);
      const record: RefundRecord = {
        ...parsed,
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: stamp(),
      };
      refunds.set(key(parsed.shopId, parsed.id), structuredClone(record));
      writeOutbox(parsed.shopId, write);
      return record;
    },
    async getRefund(shopId, id) {
      const record = refunds.get(key(shopId, id));
      return record ? structuredClone(record) : null;
    },
    async listRefunds(shopId, list = {}) {
      const items = [...refunds.values()].filter(
        (record) =>
          record.shopId === shopId &&
          (list.orderId === undefined || record.orderId === list.orderId) &&
          (list.platformRefundId === undefined || record.platformRefundId === list.platformRefundId) &&
          (list.idempotencyKey === undefined || record.idempotencyKey === list.idempotencyKey),
      );
      return page(structuredClone(items), list.limit, list.cursor);
    },
    async claimIdempotencyKey(input) {
      const parsed = ledgerClaimInputSchema.parse(input);
      const existing = ledger.get(key(parsed.shopId, parsed.key));
      if (existing && !(existing.state === 'failed' && parsed.retryFailed)) {
        return { outcome: 'held', entry: structuredClone(existing) };
      }
      const entry: LedgerEntry = {
        shopId: parsed.shopId,
        key: parsed.key,
        operation: parsed.operation,
        state: 'pending',
        fingerprint: parsed.fingerprint ?? null,
        result: null,
        error: null,
        attempts: (existing?.attempts ?? 0) + 1,
        claimedAt: stamp(),
        updatedAt: stamp(),
      };
      ledger.set(key(parsed.shopId, parsed.key), entry);
      return { outcome: 'claimed', entry: structuredClone(entry) };
    },
    async recordIdempotencyOutcome(input) {
      const parsed = ledgerOutcomeInputSchema.parse(input);
      const entry = ledger.get(key(parsed.shopId, parsed.key));
      if (!entry) throw new AftersaleError({ code: 'store_not_found', message: `No ledger key ${parsed.key}.` });
      entry.state = parsed.state;
      entry.result = parsed.result ?? entry.result;
      entry.error = parsed.error ?? null;
      entry.updatedAt = stamp();
      return structuredClone(entry);
    },
    async getIdempotencyEntry(shopId, id) {
      const entry = ledger.get(key(shopId, id));
      return entry ? structuredClone(entry) : null;
    },
  };
}
