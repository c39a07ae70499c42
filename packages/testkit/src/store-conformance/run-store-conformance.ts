import {
  AftersaleError,
  type AftersaleStore,
  type LeaseResult,
  type LedgerClaim,
  type StoreCapability,
  storeCapabilities,
  type WebhookDelivery,
} from '@aftersale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateShop } from '../generator/generate-shop.js';
import {
  complaintInput,
  customerInput,
  orderInput,
  personalDetails,
  refundInput,
  returnCaseInput,
} from './conformance-fixtures.js';

/** A clock the suite moves by hand; stores under test read it through their `now` setting. */
export interface ConformanceClock {
  now(): Date;
  advance(milliseconds: number): void;
}

/** What the suite needs of a store running in another process (for races between real clients). */
export interface RemoteStore {
  migrate: AftersaleStore['migrate'];
  claimIdempotencyKey: AftersaleStore['claimIdempotencyKey'];
  claimWebhooks: AftersaleStore['claimWebhooks'];
  completeWebhook: AftersaleStore['completeWebhook'];
  close(): Promise<void>;
}

/** Settings of {@link runStoreConformance}. */
export interface StoreConformanceOptions {
  /** Exactly what the backend declares; the suite checks the store says the same and runs those cases. */
  capabilities: readonly StoreCapability[];
  /**
   * Counts the rows holding any of `needles`, in every table (or collection) of the store's database,
   * JSON included: the audit that an erasure left nothing of the person.
   */
  findText(store: AftersaleStore, needles: readonly string[]): Promise<Array<{ table: string; rows: number }>>;
  /** Stores in other processes on the same database; required with the `multi-process` capability. */
  openRemoteStores?: (count: number) => Promise<RemoteStore[]>;
}

/**
 * Opens a store on the suite's database, with the suite's clock. Called once before the cases (then
 * `migrate()` runs once), and again by the cases for a second client or a reopen: every call must
 * reach the same database.
 */
export type StoreFactory = (settings: { now: () => Date }) => Promise<AftersaleStore> | AftersaleStore;

let shopCounter = 0;
/** A shop id of its own for each case, so cases never see each other's records. */
const newShop = (label: string) => {
  shopCounter += 1;
  return `conf-${label}-${Date.now().toString(36)}-${shopCounter}.myshopify.com`;
};

async function expectCode(promise: Promise<unknown>, code: string): Promise<AftersaleError> {
  try {
    await promise;
  } catch (error) {
    expect(AftersaleError.isInstance(error), `expected an AftersaleError ${code}, got ${String(error)}`).toBe(true);
    expect((error as AftersaleError).code).toBe(code);
    return error as AftersaleError;
  }
  throw new Error(`expected the call to fail with ${code}, and it succeeded`);
}

async function allPages<T>(read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 1000);
  return { items, pages };
}

/**
 * The behaviour every {@link AftersaleStore} must have: CRUD, paging, shop isolation, versions and
 * conflicts, the idempotency ledger (also between processes), the webhook inbox with leases on an
 * injected clock, the outbox, and GDPR export and erasure. Run it from a vitest file:
 *
 * @example
 * ```ts
 * import { runStoreConformance } from '@aftersale/testkit/vitest';
 * runStoreConformance('memory', ({ now }) => createMemoryStore({ now }), {
 *   capabilities: [],
 *   findText: (store, needles) => (store as MemoryStore).findText(needles),
 * });
 * ```
 */
export function runStoreConformance(name: string, factory: StoreFactory, options: StoreConformanceOptions): void {
  const declared = new Set(options.capabilities);
  let current = Date.parse('2026-03-02T09:00:00.000Z');
  const clock: ConformanceClock = {
    now: () => new Date(current),
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
  let store: AftersaleStore;
  const open = async () => factory({ now: clock.now });

  describe(`store conformance: ${name}`, () => {
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    });

    it('implements spec v1 and declares exactly the capabilities given', () => {
      expect(store.specificationVersion).toBe('v1');
      expect([...store.capabilities].sort()).toEqual([...declared].sort());
      for (const capability of store.capabilities) expect(storeCapabilities).toContain(capability);
      if (declared.has('multi-process')) expect(options.openRemoteStores).toBeTypeOf('function');
    });

    // A capability the backend lacks is named in the report, never skipped silently.
    for (const capability of storeCapabilities.filter((candidate) => !declared.has(candidate))) {
      it(`runs no ${capability} cases: the store does not declare ${capability}`, () => {
        expect(store.capabilities.has(capability)).toBe(false);
      });
    }

    describe('orders and customers', () => {
      it('upserts, reads back and replaces order snapshots', async () => {
        const shop = newShop('orders');
        const order = orderInput({ id: 'ord_1', customerId: 'cus_1' });
        await store.upsertOrders(shop, [order]);
        const read = await store.getOrder(shop, 'ord_1');
        expect(read?.order.id).toBe('ord_1');
        expect(read?.order.totals.total).toEqual(order.totals.total);
        expect(read?.anonymized).toBe(false);
        await store.upsertOrders(shop, [{ ...order, tags: ['vip'] }]);
        expect((await store.getOrder(shop, 'ord_1'))?.order.tags).toEqual(['vip']);
        expect(await store.getOrder(shop, 'ord_missing')).toBeNull();
      });

      it('rejects a batch holding an invalid order and writes none of it', async () => {
        const shop = newShop('invalid');
        const good = orderInput({ id: 'ord_good' });
        const bad = { ...orderInput({ id: 'ord_bad' }), currency: 'XXX1' };
        await expectCode(store.upsertOrders(shop, [good, bad as never]), 'invalid_order');
        expect(await store.getOrder(shop, 'ord_good')).toBeNull();
      });

      it('pages through orders oldest first, and through one customer’s purchase history', async () => {
        const shop = newShop('paging');
        const generated = generateShop({ seed: 7, customers: 6, orders: 37 });
        await store.upsertOrders(shop, generated.orders);
        const { items, pages } = await allPages((cursor) => store.listOrders(shop, { limit: 5, cursor }));
        expect(pages).toBe(8);
        expect(items.map((item) => item.order.id).sort()).toEqual(generated.orders.map((order) => order.id).sort());
        const times = items.map((item) => Date.parse(item.order.createdAt));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        const customerId = generated.orders[0]?.customer?.id as string;
        const history = await allPages((cursor) => store.listOrders(shop, { customerId, limit: 2, cursor }));
        expect(history.items.length).toBe(generated.orders.filter((order) => order.customer?.id === customerId).length);
        await expectCode(store.listOrders(shop, { limit: 0 }), 'invalid_input');
        await expectCode(store.listOrders(shop, { cursor: 'not-a-cursor' }), 'invalid_input');
      });

      it('keeps customers and lists them', async () => {
        const shop = newShop('customers');
        await store.upsertCustomers(shop, [customerInput('cus_a', 'a'), customerInput('cus_b', 'b')]);
        expect((await store.getCustomer(shop, 'cus_a'))?.customer.email).toBe('a@example.com');
        const { items } = await allPages((cursor) => store.listCustomers(shop, { limit: 1, cursor }));
        expect(items.map((item) => item.customer.id)).toEqual(['cus_a', 'cus_b']);
        await expectCode(store.upsertCustomers(shop, [{ id: '' } as never]), 'invalid_customer');
      });
    });

    describe('shop isolation', () => {
      it('never reads or writes across shops', async () => {
        const shopA = newShop('a');
        const shopB = newShop('b');
        await store.upsertOrders(shopA, [orderInput({ id: 'ord_same' })]);
        await store.upsertOrders(shopB, [orderInput({ id: 'ord_same', tags: ['b'] })]);
        await store.createReturnCase(returnCaseInput(shopA, 'ret_same'));
        expect((await store.getOrder(shopA, 'ord_same'))?.order.tags).toEqual([]);
        expect((await store.getOrder(shopB, 'ord_same'))?.order.tags).toEqual(['b']);
        expect(await store.getReturnCase(shopB, 'ret_same')).toBeNull();
        expect((await store.listReturnCases(shopB)).items).toEqual([]);
        await expectCode(store.updateReturnCase(returnCaseInput(shopB, 'ret_same'), 1), 'store_not_found');
        await store.claimIdempotencyKey({ shopId: shopA, key: 'k' });
        expect((await store.claimIdempotencyKey({ shopId: shopB, key: 'k' })).outcome).toBe('claimed');
      });
    });

    describe('return cases, refunds, complaints', () => {
      it('creates and updates with versions; a stale update is a conflict and writes nothing', async () => {
        const shop = newShop('versions');
        const created = await store.createReturnCase(returnCaseInput(shop, 'ret_1'), {
          events: [{ type: 'return-requested', subjectId: 'ret_1' }],
        });
        expect(created.version).toBe(1);
        const first = await store.updateReturnCase({ ...returnCaseInput(shop, 'ret_1'), status: 'approved' }, 1, {
          events: [{ type: 'return-approved', subjectId: 'ret_1' }],
        });
        expect(first.version).toBe(2);
        await expectCode(
          store.updateReturnCase({ ...returnCaseInput(shop, 'ret_1'), status: 'rejected' }, 1, {
            events: [{ type: 'return-rejected', subjectId: 'ret_1' }],
          }),
          'store_conflict',
        );
        const read = await store.getReturnCase(shop, 'ret_1');
        expect(read?.status).toBe('approved');
        expect(read?.version).toBe(2);
        const events = await store.listUnpublishedOutboxEvents({ shopId: shop });
        expect(events.map((event) => event.type)).toEqual(['return-requested', 'return-approved']);
        await expectCode(store.createReturnCase(returnCaseInput(shop, 'ret_1')), 'store_conflict');
      });

      it('lets exactly one of several concurrent updates of one version win', async () => {
        const shop = newShop('race-update');
        await store.createReturnCase(returnCaseInput(shop, 'ret_race'));
        const attempts = await Promise.allSettled(
          ['a', 'b', 'c', 'd', 'e'].map((status) =>
            store.updateReturnCase({ ...returnCaseInput(shop, 'ret_race'), status }, 1),
          ),
        );
        expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
        for (const attempt of attempts) {
          if (attempt.status === 'rejected')
            expect(AftersaleError.hasCode(attempt.reason, 'store_conflict')).toBe(true);
        }
      });

      it('rejects invalid records with every problem named', async () => {
        const shop = newShop('invalid-case');
        const error = await expectCode(
          store.createReturnCase({ ...returnCaseInput(shop, 'ret_x'), id: 'x', lines: [] }),
          'invalid_input',
        );
        expect(error.issues.map((issue) => issue.path).sort()).toEqual(['id', 'lines']);
        expect(await store.getReturnCase(shop, 'x')).toBeNull();
      });

      it('lists return cases by order and status, page by page', async () => {
        const shop = newShop('cases');
        for (let index = 0; index < 7; index += 1) {
          clock.advance(1000);
          await store.createReturnCase({
            ...returnCaseInput(shop, `ret_${index}`),
            orderId: index % 2 === 0 ? 'ord_even' : 'ord_odd',
            status: index < 3 ? 'requested' : 'received',
          });
        }
        const even = await allPages((cursor) => store.listReturnCases(shop, { orderId: 'ord_even', limit: 2, cursor }));
        expect(even.items.map((item) => item.id)).toEqual(['ret_0', 'ret_2', 'ret_4', 'ret_6']);
        const requested = await store.listReturnCases(shop, { status: 'requested' });
        expect(requested.items.map((item) => item.id)).toEqual(['ret_0', 'ret_1', 'ret_2']);
        expect(requested.nextCursor).toBeNull();
        await store.updateReturnCase(
          {
            ...returnCaseInput(shop, 'ret_5'),
            orderId: 'ord_odd',
            customerId: 'cus_5',
            platformReturnId: 'gid://shopify/Return/5',
          },
          1,
        );
        const byPlatformId = await store.listReturnCases(shop, { platformReturnId: 'gid://shopify/Return/5' });
        expect(byPlatformId.items.map((item) => item.id)).toEqual(['ret_5']);
        expect((await store.listReturnCases(shop, { customerId: 'cus_5' })).items.map((item) => item.id)).toEqual([
          'ret_5',
        ]);
      });

      it('keeps refunds with their money and versions', async () => {
        const shop = newShop('refunds');
        const refund = await store.createRefund(refundInput(shop, 'rfd_1', 'ord_1'));
        expect(refund.amount).toEqual({ amount: 12_990, currency: 'TRY' });
        const done = await store.updateRefund(
          { ...refundInput(shop, 'rfd_1', 'ord_1'), status: 'succeeded', platformRefundId: 'gid://shopify/Refund/1' },
          1,
        );
        expect(done.version).toBe(2);
        await expectCode(store.updateRefund(refundInput(shop, 'rfd_1', 'ord_1'), 1), 'store_conflict');
        expect((await store.listRefunds(shop, { orderId: 'ord_1' })).items.map((item) => item.status)).toEqual([
          'succeeded',
        ]);
        const byPlatformId = await store.listRefunds(shop, { platformRefundId: 'gid://shopify/Refund/1' });
        expect(byPlatformId.items.map((item) => item.id)).toEqual(['rfd_1']);
        expect((await store.listRefunds(shop, { idempotencyKey: 'refund:rfd_1' })).items).toHaveLength(1);
        expect((await store.listRefunds(shop, { platformRefundId: 'gid://shopify/Refund/2' })).items).toEqual([]);
        expect((await store.listRefunds(newShop('elsewhere'), { orderId: 'ord_1' })).items).toEqual([]);
      });

      it('appends complaint events in order, with a conflict on a stale sequence', async () => {
        const shop = newShop('complaints');
        await store.createComplaint(complaintInput(shop, 'cmp_1', 'cus_1'));
        const at = clock.now().toISOString();
        const first = await store.appendComplaintEvents(shop, 'cmp_1', [
          { type: 'complaint-opened', at, actor: 'customer' },
          { type: 'message-received', at, actor: 'customer', note: 'Kargo hasarlı geldi.' },
        ]);
        expect(first.map((event) => event.sequence)).toEqual([1, 2]);
        await store.appendComplaintEvents(shop, 'cmp_1', [{ type: 'reply-sent', at, actor: 'merchant:7' }], {
          expectedSequence: 2,
        });
        await expectCode(
          store.appendComplaintEvents(shop, 'cmp_1', [{ type: 'reply-sent', at, actor: 'merchant:8' }], {
            expectedSequence: 2,
          }),
          'store_conflict',
        );
        const concurrent = await Promise.all(
          [1, 2, 3, 4].map((index) =>
            store.appendComplaintEvents(shop, 'cmp_1', [{ type: 'note-added', at, actor: `merchant:${index}` }]),
          ),
        );
        expect(
          concurrent
            .flat()
            .map((event) => event.sequence)
            .sort(),
        ).toEqual([4, 5, 6, 7]);
        const { items } = await allPages((cursor) => store.listComplaintEvents(shop, 'cmp_1', { limit: 3, cursor }));
        expect(items.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(items[1]?.note).toBe('Kargo hasarlı geldi.');
        await expectCode(
          store.appendComplaintEvents(shop, 'cmp_missing', [{ type: 'reply-sent', at, actor: 'system' }]),
          'store_not_found',
        );
        await expectCode(
          store.appendComplaintEvents(shop, 'cmp_1', [{ type: 'Bad Type', at, actor: 'system' }]),
          'invalid_input',
        );
        const updated = await store.updateComplaint(
          { ...complaintInput(shop, 'cmp_1', 'cus_1'), status: 'resolved' },
          1,
        );
        expect(updated.status).toBe('resolved');
        expect((await store.listComplaints(shop, { customerId: 'cus_1' })).items).toHaveLength(1);
      });

      it('lists complaints by status and by deadline, whatever the offset the deadline was given in', async () => {
        const shop = newShop('complaint-deadlines');
        const deadlines = ['2026-03-05T17:00:00+03:00', '2026-03-05T15:00:00Z', null, '2026-03-04T09:00:00-05:00'];
        for (const [index, dueAt] of deadlines.entries()) {
          clock.advance(1000);
          await store.createComplaint({
            ...complaintInput(shop, `cmp_${index}`, `cus_${index}`),
            status: index === 3 ? 'resolved' : 'open',
            dueAt,
          });
        }
        const dueBy = (iso: string, status?: string) =>
          store
            .listComplaints(shop, { dueBefore: new Date(iso), ...(status === undefined ? {} : { status }) })
            .then((page) => page.items.map((item) => item.id));
        expect(await dueBy('2026-03-05T14:00:00Z')).toEqual(['cmp_0', 'cmp_3']);
        expect(await dueBy('2026-03-05T14:00:00Z', 'open')).toEqual(['cmp_0']);
        expect(await dueBy('2026-03-05T15:00:00Z', 'open')).toEqual(['cmp_0', 'cmp_1']);
        expect((await store.listComplaints(shop, { status: 'open' })).items).toHaveLength(3);
        await expectCode(store.listComplaints(shop, { dueBefore: new Date('not a date') }), 'invalid_input');
      });
    });

    describe('customer profiles and policy versions', () => {
      it('saves profiles with versions', async () => {
        const shop = newShop('profiles');
        const profile = { shopId: shop, customerId: 'cus_p', email: 'p@example.com', metrics: { orders: 2 } };
        const saved = await store.saveCustomerProfile(profile, 0);
        expect(saved.version).toBe(1);
        await expectCode(store.saveCustomerProfile(profile, 0), 'store_conflict');
        expect((await store.saveCustomerProfile({ ...profile, tags: ['loyal'] }, 1)).version).toBe(2);
        await expectCode(store.saveCustomerProfile(profile, 1), 'store_conflict');
        expect((await store.getCustomerProfile(shop, 'cus_p'))?.tags).toEqual(['loyal']);
      });

      it('numbers policy versions and never changes them', async () => {
        const shop = newShop('policies');
        const effectiveFrom = '2026-01-01T00:00:00.000Z';
        const versions = await Promise.all(
          [1, 2, 3].map((days) =>
            store.publishPolicyVersion({ shopId: shop, policyId: 'default', document: { days }, effectiveFrom }),
          ),
        );
        expect(versions.map((version) => version.version).sort()).toEqual([1, 2, 3]);
        expect((await store.getPolicyVersion(shop, 'default'))?.version).toBe(3);
        const second = await store.getPolicyVersion(shop, 'default', 2);
        expect(second?.document).toEqual(versions.find((version) => version.version === 2)?.document);
        const listed = await allPages((cursor) => store.listPolicyVersions(shop, 'default', { limit: 2, cursor }));
        expect(listed.items.map((version) => version.version)).toEqual([1, 2, 3]);
        expect(await store.getPolicyVersion(shop, 'other')).toBeNull();
      });
    });

    describe('outbox', () => {
      it('hands out unpublished events in order until they are marked published', async () => {
        const shop = newShop('outbox');
        const written = await store.appendOutboxEvents(shop, [
          { type: 'refund-issued', subjectId: 'rfd_1', payload: { amount: 100 } },
          { type: 'return-closed', subjectId: 'ret_1' },
        ]);
        expect(written[0]?.sequence).toBeLessThan(written[1]?.sequence as number);
        const pending = await store.listUnpublishedOutboxEvents({ shopId: shop });
        expect(pending.map((event) => event.type)).toEqual(['refund-issued', 'return-closed']);
        await store.markOutboxEventsPublished([written[0]?.sequence as number]);
        expect((await store.listUnpublishedOutboxEvents({ shopId: shop })).map((event) => event.type)).toEqual([
          'return-closed',
        ]);
      });
    });

    describe('idempotency ledger', () => {
      it('claims a key once, records its outcome and re-claims only a failed one on request', async () => {
        const shop = newShop('ledger');
        const claimed = await store.claimIdempotencyKey({ shopId: shop, key: 'refund:ret_1:1', fingerprint: 'f1' });
        expect(claimed.outcome).toBe('claimed');
        expect(claimed.entry.state).toBe('pending');
        const held = await store.claimIdempotencyKey({ shopId: shop, key: 'refund:ret_1:1' });
        expect(held).toMatchObject({ outcome: 'held', entry: { state: 'pending', fingerprint: 'f1' } });
        await store.recordIdempotencyOutcome({
          shopId: shop,
          key: 'refund:ret_1:1',
          state: 'failed',
          error: 'declined',
        });
        expect((await store.claimIdempotencyKey({ shopId: shop, key: 'refund:ret_1:1' })).entry.state).toBe('failed');
        const retried = await store.claimIdempotencyKey({ shopId: shop, key: 'refund:ret_1:1', retryFailed: true });
        expect(retried).toMatchObject({ outcome: 'claimed', entry: { state: 'pending', attempts: 2 } });
        await store.recordIdempotencyOutcome({
          shopId: shop,
          key: 'refund:ret_1:1',
          state: 'succeeded',
          result: { refundId: 'gid://shopify/Refund/9' },
        });
        const done = await store.claimIdempotencyKey({ shopId: shop, key: 'refund:ret_1:1', retryFailed: true });
        expect(done).toMatchObject({
          outcome: 'held',
          entry: { state: 'succeeded', result: { refundId: 'gid://shopify/Refund/9' } },
        });
        await expectCode(
          store.recordIdempotencyOutcome({ shopId: shop, key: 'never', state: 'succeeded' }),
          'store_not_found',
        );
      });

      it('keeps succeeded and failed final; pending and unknown take any outcome', async () => {
        const shop = newShop('ledger-final');
        await store.claimIdempotencyKey({ shopId: shop, key: 'k', fingerprint: 'f' });
        clock.advance(1000);
        const beat = await store.recordIdempotencyOutcome({ shopId: shop, key: 'k', state: 'pending' });
        expect(beat).toMatchObject({ state: 'pending', updatedAt: clock.now().toISOString() });
        await store.recordIdempotencyOutcome({ shopId: shop, key: 'k', state: 'unknown', error: 'timeout' });
        await expectCode(
          store.recordIdempotencyOutcome({ shopId: shop, key: 'k', state: 'pending' }),
          'store_conflict',
        );
        const reconciled = await store.recordIdempotencyOutcome({
          shopId: shop,
          key: 'k',
          state: 'succeeded',
          result: { refundId: 'r1' },
        });
        expect(reconciled).toMatchObject({ state: 'succeeded', error: null, result: { refundId: 'r1' } });
        const again = await store.recordIdempotencyOutcome({
          shopId: shop,
          key: 'k',
          state: 'succeeded',
          result: { refundId: 'r2' },
        });
        expect(again.result).toEqual({ refundId: 'r1' });
        for (const state of ['failed', 'unknown', 'pending'] as const) {
          const error = await expectCode(
            store.recordIdempotencyOutcome({ shopId: shop, key: 'k', state }),
            'store_conflict',
          );
          expect(error.message).toMatch(/final/);
        }
        expect(await store.getIdempotencyEntry(shop, 'k')).toMatchObject({
          state: 'succeeded',
          result: { refundId: 'r1' },
        });
        await store.claimIdempotencyKey({ shopId: shop, key: 'declined' });
        await store.recordIdempotencyOutcome({
          shopId: shop,
          key: 'declined',
          state: 'failed',
          error: 'card declined',
        });
        await expectCode(
          store.recordIdempotencyOutcome({ shopId: shop, key: 'declined', state: 'succeeded' }),
          'store_conflict',
        );
        expect((await store.getIdempotencyEntry(shop, 'declined'))?.error).toBe('card declined');
        expect(await store.getIdempotencyEntry(newShop('elsewhere'), 'k')).toBeNull();
      });

      it('lets exactly one of several racing outcomes settle a key', async () => {
        const shop = newShop('ledger-settle');
        await store.claimIdempotencyKey({ shopId: shop, key: 'k' });
        const outcomes = await Promise.allSettled(
          (['succeeded', 'failed', 'succeeded', 'failed'] as const).map((state, index) =>
            store.recordIdempotencyOutcome({ shopId: shop, key: 'k', state, result: { by: index } }),
          ),
        );
        const settled = await store.getIdempotencyEntry(shop, 'k');
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') {
            expect(outcome.value).toMatchObject({ state: settled?.state, result: settled?.result });
          } else {
            expect(AftersaleError.hasCode(outcome.reason, 'store_conflict')).toBe(true);
          }
        }
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(2);
      });

      it('lists keys to reconcile by state', async () => {
        const shop = newShop('reconcile');
        for (const key of ['a', 'b', 'c']) {
          clock.advance(10);
          await store.claimIdempotencyKey({ shopId: shop, key });
        }
        await store.recordIdempotencyOutcome({ shopId: shop, key: 'b', state: 'unknown', error: 'timeout' });
        expect(
          (await store.listIdempotencyEntries(shop, { state: 'unknown' })).items.map((entry) => entry.key),
        ).toEqual(['b']);
        const all = await allPages((cursor) => store.listIdempotencyEntries(shop, { limit: 2, cursor }));
        expect(all.items.map((entry) => entry.key)).toEqual(['a', 'b', 'c']);
      });

      it('gives a key to exactly one of many concurrent claims on one client', async () => {
        const shop = newShop('ledger-race');
        const claims = await Promise.all(
          Array.from({ length: 25 }, () => store.claimIdempotencyKey({ shopId: shop, key: 'refund:race' })),
        );
        expect(claims.filter((claim) => claim.outcome === 'claimed')).toHaveLength(1);
      });

      it('gives a key to exactly one of two concurrent clients', async () => {
        const shop = newShop('ledger-two');
        const second = await open();
        try {
          const keys = Array.from({ length: 60 }, (_, index) => `refund:two:${index}`);
          const results = await Promise.all(
            keys.flatMap((key) => [
              store.claimIdempotencyKey({ shopId: shop, key }),
              second.claimIdempotencyKey({ shopId: shop, key }),
            ]),
          );
          expect(results.filter((claim) => claim.outcome === 'claimed')).toHaveLength(keys.length);
        } finally {
          if (second !== store) await second.close();
        }
      });
    });

    describe('webhook inbox', () => {
      const delivery = (shopId: string, index: number) => ({
        shopId,
        platform: 'woocommerce' as const,
        topic: 'order.updated',
        dedupeKey: `woocommerce:1:${index}:hash${index}`,
        rawBody: JSON.stringify({ id: index }),
        headers: { 'x-wc-webhook-delivery-id': String(index) },
      });

      it('de-duplicates deliveries by shop and key', async () => {
        const shop = newShop('inbox-dedupe');
        const first = await store.enqueueWebhook(delivery(shop, 1));
        const again = await store.enqueueWebhook(delivery(shop, 1));
        expect(first.outcome).toBe('enqueued');
        expect(again).toMatchObject({ outcome: 'duplicate', delivery: { id: first.delivery.id } });
        expect((await store.enqueueWebhook(delivery(newShop('other'), 1))).outcome).toBe('enqueued');
      });

      it('leases claims on the clock, re-offers expired leases and purges bodies on completion', async () => {
        const shop = newShop('inbox-lease');
        for (let index = 0; index < 3; index += 1) await store.enqueueWebhook(delivery(shop, index));
        const batch = await store.claimWebhooks({ workerId: 'w1', limit: 2, leaseMs: 30_000, shopId: shop });
        expect(batch).toHaveLength(2);
        const rest = await store.claimWebhooks({ workerId: 'w2', limit: 10, leaseMs: 30_000, shopId: shop });
        expect(rest).toHaveLength(1);
        expect(await store.claimWebhooks({ workerId: 'w2', shopId: shop })).toEqual([]);
        const [kept, abandoned] = batch as [WebhookDelivery, WebhookDelivery];
        expect(await store.completeWebhook(kept.id, kept.leaseToken as string)).toEqual({ ok: true });
        const completed = await store.getWebhook(shop, kept.id);
        expect(await store.getWebhook(newShop('elsewhere'), kept.id)).toBeNull();
        expect(completed).toMatchObject({ status: 'completed', rawBody: null, headers: {} });
        clock.advance(30_001);
        const retaken = await store.claimWebhooks({ workerId: 'w3', shopId: shop, limit: 10 });
        expect(retaken.map((item) => item.id).sort()).toEqual([abandoned.id, rest[0]?.id].sort());
        expect(retaken.find((item) => item.id === abandoned.id)?.attempts).toBe(2);
        const lost: LeaseResult = await store.completeWebhook(abandoned.id, abandoned.leaseToken as string);
        expect(lost).toEqual({ ok: false, reason: 'lease_lost' });
        for (const item of retaken)
          expect((await store.completeWebhook(item.id, item.leaseToken as string)).ok).toBe(true);
      });

      it('retries a failed delivery at its retry time, and gives up on request', async () => {
        const shop = newShop('inbox-retry');
        await store.enqueueWebhook(delivery(shop, 1));
        await store.enqueueWebhook(delivery(shop, 2));
        const [one, two] = (await store.claimWebhooks({ workerId: 'w', shopId: shop })) as [
          WebhookDelivery,
          WebhookDelivery,
        ];
        const retryAt = new Date(clock.now().getTime() + 60_000);
        expect(await store.failWebhook(one.id, one.leaseToken as string, { error: 'HTTP 503', retryAt })).toEqual({
          ok: true,
        });
        expect(
          await store.failWebhook(two.id, two.leaseToken as string, { error: 'bad payload', retryAt: null }),
        ).toEqual({ ok: true });
        expect(await store.claimWebhooks({ workerId: 'w', shopId: shop })).toEqual([]);
        clock.advance(60_000);
        const again = await store.claimWebhooks({ workerId: 'w', shopId: shop });
        expect(again.map((item) => item.id)).toEqual([one.id]);
        expect(again[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
        expect((await store.getWebhook(shop, two.id))?.status).toBe('dead');
      });

      it('never hands one delivery to two clients claiming at once', async () => {
        const shop = newShop('inbox-clients');
        for (let index = 0; index < 24; index += 1) await store.enqueueWebhook(delivery(shop, index));
        const second = await open();
        try {
          const batches = await Promise.all(
            [store, second, store, second].map((client, index) =>
              client.claimWebhooks({ workerId: `c${index}`, limit: 6, shopId: shop }),
            ),
          );
          const ids = batches.flat().map((item) => item.id);
          expect(ids).toHaveLength(24);
          expect(new Set(ids).size).toBe(24);
          expect(new Set(batches.map((batch) => batch[0]?.leaseToken)).size).toBe(4);
        } finally {
          if (second !== store) await second.close();
        }
      });

      it('shares a backlog between several workers: each delivery completed exactly once', async () => {
        const shop = newShop('inbox-workers');
        for (let index = 0; index < 40; index += 1) await store.enqueueWebhook(delivery(shop, index));
        const seen: string[] = [];
        const worker = async (workerId: string) => {
          for (;;) {
            const batch = await store.claimWebhooks({ workerId, limit: 3, shopId: shop });
            if (batch.length === 0) return;
            for (const item of batch) {
              const done = await store.completeWebhook(item.id, item.leaseToken as string);
              if (done.ok) seen.push(item.id);
            }
          }
        };
        await Promise.all(['w1', 'w2', 'w3', 'w4'].map(worker));
        expect(seen).toHaveLength(40);
        expect(new Set(seen).size).toBe(40);
      });
    });

    if (declared.has('multi-process')) {
      describe('between processes', () => {
        let remotes: RemoteStore[] = [];
        beforeAll(async () => {
          if (options.openRemoteStores === undefined) {
            throw new Error(`${name} declares multi-process but gives no openRemoteStores`);
          }
          remotes = await options.openRemoteStores(2);
        }, 60_000);
        afterAll(async () => {
          await Promise.all(remotes.map((remote) => remote.close()));
        });

        it('gives each idempotency key to exactly one of two processes racing for it', async () => {
          const shop = newShop('process-ledger');
          const keys = Array.from({ length: 150 }, (_, index) => `refund:proc:${index}`);
          const [left, right] = remotes as [RemoteStore, RemoteStore];
          const results: LedgerClaim[][] = await Promise.all([
            Promise.all(keys.map((key) => left.claimIdempotencyKey({ shopId: shop, key }))),
            Promise.all(keys.map((key) => right.claimIdempotencyKey({ shopId: shop, key }))),
          ]);
          const winners = keys.map(
            (_, index) =>
              [results[0]?.[index], results[1]?.[index]].filter((claim) => claim?.outcome === 'claimed').length,
          );
          expect(winners.every((count) => count === 1)).toBe(true);
          const mine = await store.claimIdempotencyKey({ shopId: shop, key: keys[0] as string });
          expect(mine.outcome).toBe('held');
        }, 60_000);

        it('shares an inbox backlog between processes: each delivery completed exactly once', async () => {
          const shop = newShop('process-inbox');
          for (let index = 0; index < 60; index += 1) {
            await store.enqueueWebhook({
              shopId: shop,
              platform: 'shopify',
              topic: 'refunds/create',
              dedupeKey: `shopify:${index}`,
              rawBody: `{"id":${index}}`,
            });
          }
          const drain = async (remote: RemoteStore, workerId: string) => {
            const done: string[] = [];
            for (;;) {
              const batch = await remote.claimWebhooks({ workerId, limit: 4, shopId: shop });
              if (batch.length === 0) return done;
              for (const item of batch) {
                if ((await remote.completeWebhook(item.id, item.leaseToken as string)).ok) done.push(item.id);
              }
            }
          };
          const done = (await Promise.all(remotes.map((remote, index) => drain(remote, `p${index}`)))).flat();
          expect(done).toHaveLength(60);
          expect(new Set(done).size).toBe(60);
        }, 60_000);
      });
    }

    describe('GDPR and KVKK', () => {
      it('exports everything held about a person', async () => {
        const shop = newShop('export');
        const person = personalDetails('export');
        await seedPerson(store, shop, person, clock);
        const exported = await store.exportCustomerData({ shopId: shop, customerId: person.customerId });
        expect(exported.customer?.email).toBe(person.email);
        expect(exported.profile?.phone).toBe(person.phone);
        expect(exported.orders.map((order) => order.id).sort()).toEqual([person.orderId, person.guestOrderId].sort());
        expect(exported.returnCases.map((record) => record.id)).toEqual([person.returnCaseId]);
        expect(exported.refunds.map((record) => record.id)).toEqual([person.refundId]);
        expect(exported.complaints[0]?.events).toHaveLength(2);
        expect(exported.webhooks).toHaveLength(1);
        const guestOnly = await store.exportCustomerData({ shopId: shop, email: person.email });
        expect(guestOnly.orders.map((order) => order.id).sort()).toEqual([person.orderId, person.guestOrderId].sort());
      });

      it('exports and erases a person with no orders: a complaint only, or nothing at all', async () => {
        const shop = newShop('no-orders');
        const person = personalDetails('no-orders');
        await store.upsertCustomers(shop, [{ ...customerInput(person.customerId, person.tag), email: person.email }]);
        await store.createComplaint({
          ...complaintInput(shop, person.complaintId, person.customerId),
          description: `Call me at ${person.phone}`,
        });
        const exported = await store.exportCustomerData({ shopId: shop, customerId: person.customerId });
        expect(exported.customer?.email).toBe(person.email);
        expect(exported.orders).toEqual([]);
        expect(exported.refunds).toEqual([]);
        expect(exported.returnCases).toEqual([]);
        expect(exported.complaints.map((complaint) => complaint.id)).toEqual([person.complaintId]);
        const report = await store.eraseCustomer({ shopId: shop, customerId: person.customerId, email: person.email });
        expect(report.anonymized.orders).toBe(0);
        expect(await options.findText(store, [person.email, person.phone])).toEqual([]);

        const stranger = await store.exportCustomerData({
          shopId: shop,
          customerId: 'cus_nobody',
          email: 'nobody@example.com',
        });
        expect(stranger.customer).toBeNull();
        expect(stranger.orders).toEqual([]);
        expect(stranger.refunds).toEqual([]);
        expect(stranger.complaints).toEqual([]);
        const none = await store.eraseCustomer({ shopId: shop, customerId: 'cus_nobody', email: 'nobody@example.com' });
        expect(none.anonymized.orders).toBe(0);
      });

      it('erases a person: nothing of their e-mail, phone or name is left anywhere, the books still add up', async () => {
        const shop = newShop('erase');
        const person = personalDetails('erase');
        const other = personalDetails('keep');
        await seedPerson(store, shop, person, clock);
        await seedPerson(store, shop, other, clock);
        const needles = [person.email, person.phone, person.firstName, person.lastName];
        expect((await options.findText(store, needles)).length).toBeGreaterThan(0);
        const report = await store.eraseCustomer({ shopId: shop, customerId: person.customerId, email: person.email });
        expect(report.anonymized.orders).toBe(2);
        expect(await options.findText(store, needles)).toEqual([]);
        const order = await store.getOrder(shop, person.orderId);
        expect(order?.anonymized).toBe(true);
        expect(order?.order.totals.total).toEqual(orderInput({ id: person.orderId }).totals.total);
        expect((await store.getRefund(shop, person.refundId))?.amount).toEqual({ amount: 12_990, currency: 'TRY' });
        expect((await store.getReturnCase(shop, person.returnCaseId))?.customerNote).toBeNull();
        const events = await store.listComplaintEvents(shop, person.complaintId);
        expect(events.items.map((event) => event.type)).toEqual(['complaint-opened', 'message-received']);
        expect(await store.getCustomer(shop, person.customerId)).toBeNull();
        const kept = await options.findText(store, [other.email, other.phone, other.lastName]);
        expect(kept.length).toBeGreaterThan(0);
        expect((await store.getCustomer(shop, other.customerId))?.customer.email).toBe(other.email);
      });

      it('erases a shop and nothing else', async () => {
        const shop = newShop('erase-shop');
        const neighbour = newShop('neighbour');
        const person = personalDetails('gone');
        const stays = personalDetails('stays');
        await seedPerson(store, shop, person, clock);
        await seedPerson(store, neighbour, stays, clock);
        await store.publishPolicyVersion({
          shopId: shop,
          policyId: 'p',
          document: {},
          effectiveFrom: '2026-01-01T00:00:00Z',
        });
        await store.claimIdempotencyKey({ shopId: shop, key: 'k1' });
        await store.appendOutboxEvents(shop, [{ type: 'refund-issued', subjectId: 'rfd_x' }]);
        const report = await store.eraseShop(shop);
        expect(report.deleted).toMatchObject({
          orders: 2,
          customers: 1,
          customer_profiles: 1,
          return_cases: 1,
          refunds: 1,
          complaints: 1,
          complaint_events: 2,
          policy_versions: 1,
          idempotency_keys: 1,
          webhook_inbox: 1,
          outbox: 1,
        });
        expect(await options.findText(store, [shop, person.email])).toEqual([]);
        expect((await options.findText(store, [neighbour])).length).toBeGreaterThan(0);
        expect((await store.getOrder(neighbour, stays.orderId))?.order.email).toBe(stays.email);
      });
    });

    if (declared.has('versioned-migrations')) {
      describe('versioned migrations', () => {
        it('stays at the latest version, never goes down, and names a version that does not exist', async () => {
          const latest = (await store.migrate()).to;
          expect(latest).toBeGreaterThan(0);
          expect(await store.migrate({ to: 0 })).toEqual({ from: latest, to: latest });
          const error = await expectCode(store.migrate({ to: latest + 1 }), 'invalid_input');
          expect(error.message).toContain(String(latest));
          await expectCode(store.migrate({ to: 1.5 }), 'invalid_input');
        });
      });
    }

    describe('lifecycle', () => {
      it('migrates again without change, also from several callers at once', async () => {
        const results = await Promise.all([store.migrate(), store.migrate()]);
        for (const result of results) expect(result.from).toBe(result.to);
        const other = await open();
        if (other !== store) {
          const [mine, theirs] = await Promise.all([store.migrate(), other.migrate()]);
          expect(mine.to).toBe(theirs.to);
          await other.close();
        }
      });

      if (declared.has('persistent')) {
        it('keeps records across close and reopen', async () => {
          const shop = newShop('persist');
          const first = await open();
          await first.createReturnCase(returnCaseInput(shop, 'ret_kept'));
          await first.close();
          const second = await open();
          expect((await second.getReturnCase(shop, 'ret_kept'))?.version).toBe(1);
          await second.close();
        });
      }

      it('refuses calls after close with store_closed (the last case: it closes the store)', async () => {
        await store.close();
        await expectCode(store.getOrder('any.myshopify.com', 'x'), 'store_closed');
        await store.close();
      });
    });
  });
}

/** Writes everything a store may hold about one person, in one shop. */
async function seedPerson(
  store: AftersaleStore,
  shopId: string,
  person: ReturnType<typeof personalDetails>,
  clock: ConformanceClock,
): Promise<void> {
  await store.upsertCustomers(shopId, [
    {
      ...customerInput(person.customerId, person.tag),
      email: person.email,
      phone: person.phone,
      firstName: person.firstName,
      lastName: person.lastName,
    },
  ]);
  await store.saveCustomerProfile(
    {
      shopId,
      customerId: person.customerId,
      email: person.email,
      phone: person.phone,
      firstName: person.firstName,
      lastName: person.lastName,
      notes: `${person.firstName} prefers phone calls`,
    },
    0,
  );
  await store.upsertOrders(shopId, [
    orderInput({ id: person.orderId, customerId: person.customerId, person }),
    orderInput({ id: person.guestOrderId, person }),
  ]);
  await store.createReturnCase({
    ...returnCaseInput(shopId, person.returnCaseId),
    orderId: person.orderId,
    customerId: person.customerId,
    customerNote: `${person.firstName} ${person.lastName}: beden küçük geldi`,
  });
  await store.createRefund(refundInput(shopId, person.refundId, person.orderId));
  await store.createComplaint({
    ...complaintInput(shopId, person.complaintId, person.customerId),
    subject: `Complaint from ${person.firstName} ${person.lastName}`,
    description: `Call me at ${person.phone}`,
  });
  const at = clock.now().toISOString();
  await store.appendComplaintEvents(shopId, person.complaintId, [
    { type: 'complaint-opened', at, actor: 'customer' },
    { type: 'message-received', at, actor: 'customer', note: `Write to ${person.email}` },
  ]);
  await store.enqueueWebhook({
    shopId,
    platform: 'woocommerce',
    topic: 'order.created',
    dedupeKey: `woocommerce:1:${person.tag}:x`,
    rawBody: JSON.stringify({ billing: { email: person.email, phone: person.phone, first_name: person.firstName } }),
  });
}
