import { randomUUID } from 'node:crypto';
import {
  AftersaleError,
  type AftersaleStore,
  type ArticleRecord,
  articleInputSchema,
  type ComplaintEvent,
  type ComplaintRecord,
  type Customer,
  type CustomerDataExport,
  type CustomerProfile,
  complaintEventInputSchema,
  complaintInputSchema,
  customerProfileInputSchema,
  dataSubjectSchema,
  type ErasureReport,
  type LedgerEntry,
  type LedgerState,
  ledgerClaimInputSchema,
  ledgerOutcomeInputSchema,
  type Order,
  type OutboxEvent,
  type OutboxEventInput,
  outboxEventInputSchema,
  type PolicyVersion,
  policyVersionInputSchema,
  type RefundRecord,
  type ReturnCaseRecord,
  refundInputSchema,
  returnCaseInputSchema,
  type SearchGapRecord,
  safeParseCustomer,
  safeParseOrder,
  searchGapInputSchema,
  shopIdSchema,
  timestampSchema,
  type WebhookDelivery,
  webhookDeliveryInputSchema,
} from '@aftersale/core';
import { anonymizeOrder } from './shared/anonymize-order.js';
import { openLedgerStates, settledOutcome } from './shared/settled-outcome.js';
import { timeOrderedId } from './shared/time-ordered-id.js';
import { validateInput } from './shared/validate-input.js';
import { decodeCursor, pageLimit, toPage } from './sql/paging.js';

/** Settings of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock for timestamps and inbox leases. @default () => new Date() */
  now?: () => Date;
}

/** The memory store, with a scan over everything it holds (the audit the SQL stores run on their catalogue). */
export interface MemoryStore extends AftersaleStore {
  /** Counts, per collection, the records whose JSON contains any of `needles`. */
  findText(needles: readonly string[]): Promise<Array<{ table: string; column: string; rows: number }>>;
}

type Versioned<T> = T & { version: number; createdAt: string; updatedAt: string };
type Key = string;
const key = (...parts: string[]): Key => JSON.stringify(parts);
const copy = <T>(value: T): T => structuredClone(value);
const utc = (timestamp: string): string => new Date(timestamp).toISOString();
const compareKeys = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index] as string | number;
    const right = b[index] as string | number;
    if (left < right) return -1;
    if (left > right) return 1;
  }
  return 0;
};

/** Sorts, seeks past the cursor and cuts a page, like the SQL stores' keyset paging. */
function pageOf<T, Item>(
  records: readonly T[],
  options: { limit?: number; cursor?: string | null } | undefined,
  arity: number,
  sortKey: (record: T) => (string | number)[],
  map: (record: T) => Item,
) {
  const limit = pageLimit(options);
  const after = decodeCursor(options?.cursor, arity);
  const sorted = [...records].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  const rest = after === null ? sorted : sorted.filter((record) => compareKeys(sortKey(record), after) > 0);
  return toPage(rest.slice(0, limit + 1), limit, sortKey, (record) => map(copy(record)));
}

/**
 * A store in memory, for tests and quick scripts: the same behaviour as the SQL stores (validation,
 * versions and conflicts, the ledger, inbox leases, GDPR), gone when the process ends.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? (() => new Date());
  const stamp = () => now().toISOString();
  let closed = false;
  const orders = new Map<
    Key,
    { shopId: string; order: Order; anonymized: boolean; storedAt: string; createdAt: string }
  >();
  const customers = new Map<Key, { shopId: string; customer: Customer; storedAt: string }>();
  const returnCases = new Map<Key, Versioned<ReturnCaseRecord>>();
  const refunds = new Map<Key, Versioned<RefundRecord>>();
  const complaints = new Map<Key, Versioned<ComplaintRecord>>();
  const complaintEvents = new Map<Key, ComplaintEvent[]>();
  const profiles = new Map<Key, CustomerProfile>();
  const policies = new Map<Key, PolicyVersion[]>();
  const articles = new Map<Key, ArticleRecord>();
  const searchGaps = new Map<Key, SearchGapRecord>();
  const ledger = new Map<Key, LedgerEntry>();
  const inbox = new Map<string, WebhookDelivery>();
  const inboxKeys = new Map<Key, string>();
  const outbox: OutboxEvent[] = [];
  let outboxSequence = 0;

  const open = () => {
    if (closed) throw new AftersaleError({ code: 'store_closed', message: 'The memory store is closed.' });
  };

  /** Validates outbox events once, before anything is written, for {@link appendOutbox}. */
  const parseOutbox = (events: readonly OutboxEventInput[] | undefined) =>
    (events ?? []).map((event) => validateInput(outboxEventInputSchema, event, 'outbox event'));

  const appendOutbox = (shopId: string, parsed: ReturnType<typeof parseOutbox>): OutboxEvent[] => {
    const createdAt = stamp();
    const written = parsed.map((event) => {
      outboxSequence += 1;
      return { ...event, shopId, sequence: outboxSequence, createdAt, publishedAt: null };
    });
    outbox.push(...written);
    return written.map(copy);
  };

  function create<T extends { shopId: string; id: string }>(
    table: Map<Key, Versioned<T>>,
    record: T,
    events: readonly OutboxEventInput[] | undefined,
  ): Versioned<T> {
    open();
    const id = key(record.shopId, record.id);
    if (table.has(id)) {
      throw new AftersaleError({
        code: 'store_conflict',
        message: `${record.id} already exists in shop ${record.shopId}; read it and update it with its version instead.`,
        details: { id: record.id },
      });
    }
    const at = stamp();
    const stored = { ...record, version: 1, createdAt: at, updatedAt: at };
    const parsed = parseOutbox(events);
    table.set(id, stored);
    appendOutbox(record.shopId, parsed);
    return copy(stored);
  }

  function update<T extends { shopId: string; id: string }>(
    table: Map<Key, Versioned<T>>,
    record: T,
    expectedVersion: number,
    events: readonly OutboxEventInput[] | undefined,
  ): Versioned<T> {
    open();
    const id = key(record.shopId, record.id);
    const current = table.get(id);
    if (current === undefined) {
      throw new AftersaleError({
        code: 'store_not_found',
        message: `${record.id} does not exist in shop ${record.shopId}; create it first.`,
        details: { id: record.id },
      });
    }
    if (current.version !== expectedVersion) {
      throw new AftersaleError({
        code: 'store_conflict',
        message: `${record.id} is at version ${current.version}, not ${expectedVersion}: another worker changed it. Read it again and retry.`,
        details: { id: record.id, expectedVersion, currentVersion: current.version },
      });
    }
    const parsed = parseOutbox(events);
    const stored = { ...record, version: expectedVersion + 1, createdAt: current.createdAt, updatedAt: stamp() };
    table.set(id, stored);
    appendOutbox(record.shopId, parsed);
    return copy(stored);
  }

  const inShop = <T extends { shopId: string }>(table: Map<Key, T>, shopId: string) =>
    [...table.values()].filter((record) => record.shopId === shopId);

  function resolveSubject(input: unknown) {
    open();
    const subject = validateInput(dataSubjectSchema, input, 'data subject');
    const customerId = subject.customerId ?? null;
    const customer = customerId === null ? null : (customers.get(key(subject.shopId, customerId))?.customer ?? null);
    const profile = customerId === null ? null : (profiles.get(key(subject.shopId, customerId)) ?? null);
    const emails = [
      ...new Set([subject.email, customer?.email, profile?.email].filter((value): value is string => !!value)),
    ];
    const phones = [
      ...new Set([subject.phone, customer?.phone, profile?.phone].filter((value): value is string => !!value)),
    ];
    const subjectOrders = inShop(orders, subject.shopId).filter(
      (entry) =>
        (customerId !== null && entry.order.customer?.id === customerId) ||
        emails.includes(entry.order.email ?? entry.order.customer?.email ?? '\u0000') ||
        subject.orderIds.includes(entry.order.id),
    );
    const orderIds = subjectOrders.map((entry) => entry.order.id);
    const related = <T extends { shopId: string; orderId?: string | null; customerId?: string | null }>(
      table: Map<Key, T>,
    ) =>
      inShop(table, subject.shopId).filter(
        (record) =>
          (record.orderId != null && orderIds.includes(record.orderId)) ||
          (customerId !== null && record.customerId === customerId),
      );
    const needles = [...emails, ...phones];
    const deliveries = [...inbox.values()].filter(
      (delivery) =>
        delivery.shopId === subject.shopId &&
        delivery.rawBody !== null &&
        needles.some((needle) => delivery.rawBody?.includes(needle)),
    );
    return { subject, customerId, customer, profile, subjectOrders, related, deliveries };
  }

  const store: MemoryStore = {
    specificationVersion: 'v1',
    backend: 'memory',
    capabilities: new Set(),

    async migrate() {
      open();
      return { from: 0, to: 0 };
    },
    async close() {
      closed = true;
    },

    async findText(needles) {
      const collections: Record<string, unknown[]> = {
        orders: [...orders.values()],
        customers: [...customers.values()],
        returnCases: [...returnCases.values()],
        refunds: [...refunds.values()],
        complaints: [...complaints.values()],
        complaintEvents: [...complaintEvents.values()].flat(),
        customerProfiles: [...profiles.values()],
        policyVersions: [...policies.values()].flat(),
        knowledgeArticles: [...articles.values()],
        searchGaps: [...searchGaps.values()],
        idempotencyKeys: [...ledger.values()],
        webhookInbox: [...inbox.values()],
        outbox,
      };
      const hits = [];
      for (const [table, records] of Object.entries(collections)) {
        const rows = records.filter((record) =>
          needles.some((needle) => JSON.stringify(record).includes(needle)),
        ).length;
        if (rows > 0) hits.push({ table, column: '*', rows });
      }
      return hits;
    },

    async upsertOrders(shopId, input) {
      open();
      validateInput(shopIdSchema, shopId, 'shop id');
      const parsed = input.map((order) => {
        const result = safeParseOrder(order);
        if (!result.success) throw result.error;
        return result.data;
      });
      const storedAt = stamp();
      for (const order of parsed) {
        orders.set(key(shopId, order.id), {
          shopId,
          order: copy(order),
          anonymized: false,
          storedAt,
          createdAt: utc(order.createdAt),
        });
      }
    },
    async getOrder(shopId, orderId) {
      open();
      const entry = orders.get(key(shopId, orderId));
      return entry === undefined
        ? null
        : { shopId, order: copy(entry.order), anonymized: entry.anonymized, storedAt: entry.storedAt };
    },
    async listOrders(shopId, options) {
      open();
      const records = inShop(orders, shopId).filter(
        (entry) => options?.customerId === undefined || entry.order.customer?.id === options.customerId,
      );
      return pageOf(
        records,
        options,
        2,
        (entry) => [entry.createdAt, entry.order.id],
        (entry) => ({ shopId, order: entry.order, anonymized: entry.anonymized, storedAt: entry.storedAt }),
      );
    },
    async upsertCustomers(shopId, input) {
      open();
      validateInput(shopIdSchema, shopId, 'shop id');
      const parsed = input.map((customer) => {
        const result = safeParseCustomer(customer);
        if (!result.success) throw result.error;
        return result.data;
      });
      const storedAt = stamp();
      for (const customer of parsed)
        customers.set(key(shopId, customer.id), { shopId, customer: copy(customer), storedAt });
    },
    async getCustomer(shopId, customerId) {
      open();
      const entry = customers.get(key(shopId, customerId));
      return entry === undefined ? null : copy(entry);
    },
    async listCustomers(shopId, options) {
      open();
      return pageOf(
        inShop(customers, shopId),
        options,
        1,
        (entry) => [entry.customer.id],
        (entry) => entry,
      );
    },

    async createReturnCase(input, options) {
      return create(returnCases, validateInput(returnCaseInputSchema, input, 'return case'), options?.events);
    },
    async updateReturnCase(input, expectedVersion, options) {
      const record = validateInput(returnCaseInputSchema, input, 'return case');
      return update(returnCases, record, expectedVersion, options?.events);
    },
    async getReturnCase(shopId, id) {
      open();
      const record = returnCases.get(key(shopId, id));
      return record === undefined ? null : copy(record);
    },
    async listReturnCases(shopId, options) {
      open();
      const records = inShop(returnCases, shopId).filter(
        (record) =>
          (options?.orderId === undefined || record.orderId === options.orderId) &&
          (options?.status === undefined || record.status === options.status) &&
          (options?.customerId === undefined || record.customerId === options.customerId) &&
          (options?.platformReturnId === undefined || record.platformReturnId === options.platformReturnId),
      );
      return pageOf(
        records,
        options,
        2,
        (record) => [record.createdAt, record.id],
        (record) => record,
      );
    },

    async createRefund(input, options) {
      return create(refunds, validateInput(refundInputSchema, input, 'refund'), options?.events);
    },
    async updateRefund(input, expectedVersion, options) {
      return update(refunds, validateInput(refundInputSchema, input, 'refund'), expectedVersion, options?.events);
    },
    async getRefund(shopId, id) {
      open();
      const record = refunds.get(key(shopId, id));
      return record === undefined ? null : copy(record);
    },
    async listRefunds(shopId, options) {
      open();
      const records = inShop(refunds, shopId).filter(
        (record) =>
          (options?.orderId === undefined || record.orderId === options.orderId) &&
          (options?.platformRefundId === undefined || record.platformRefundId === options.platformRefundId) &&
          (options?.idempotencyKey === undefined || record.idempotencyKey === options.idempotencyKey),
      );
      return pageOf(
        records,
        options,
        2,
        (record) => [record.createdAt, record.id],
        (record) => record,
      );
    },

    async createComplaint(input, options) {
      return create(complaints, validateInput(complaintInputSchema, input, 'complaint'), options?.events);
    },
    async updateComplaint(input, expectedVersion, options) {
      const record = validateInput(complaintInputSchema, input, 'complaint');
      return update(complaints, record, expectedVersion, options?.events);
    },
    async getComplaint(shopId, id) {
      open();
      const record = complaints.get(key(shopId, id));
      return record === undefined ? null : copy(record);
    },
    async listComplaints(shopId, options) {
      open();
      const dueBefore = options?.dueBefore;
      if (dueBefore !== undefined && Number.isNaN(dueBefore.getTime())) {
        throw new AftersaleError({ code: 'invalid_input', message: 'dueBefore must be a valid Date.' });
      }
      const records = inShop(complaints, shopId).filter(
        (record) =>
          (options?.customerId === undefined || record.customerId === options.customerId) &&
          (options?.status === undefined || record.status === options.status) &&
          (dueBefore === undefined || (record.dueAt != null && Date.parse(record.dueAt) <= dueBefore.getTime())),
      );
      return pageOf(
        records,
        options,
        2,
        (record) => [record.createdAt, record.id],
        (record) => record,
      );
    },
    async appendComplaintEvents(shopId, complaintId, events, options) {
      open();
      const parsed = events.map((event) => validateInput(complaintEventInputSchema, event, 'complaint event'));
      if (!complaints.has(key(shopId, complaintId))) {
        throw new AftersaleError({
          code: 'store_not_found',
          message: `Complaint ${complaintId} does not exist in shop ${shopId}; create it before appending events.`,
        });
      }
      const list = complaintEvents.get(key(shopId, complaintId)) ?? [];
      const lastSequence = list.length;
      if (options?.expectedSequence !== undefined && options.expectedSequence !== lastSequence) {
        throw new AftersaleError({
          code: 'store_conflict',
          message: `Complaint ${complaintId} has events up to ${lastSequence}, not ${options.expectedSequence}: read the new events and retry.`,
          details: { expectedSequence: options.expectedSequence, currentSequence: lastSequence },
        });
      }
      const appended = parsed.map((event, index) => ({
        ...event,
        note: event.note ?? null,
        shopId,
        complaintId,
        sequence: lastSequence + index + 1,
      }));
      complaintEvents.set(key(shopId, complaintId), [...list, ...appended]);
      return copy(appended);
    },
    async listComplaintEvents(shopId, complaintId, options) {
      open();
      const list = complaintEvents.get(key(shopId, complaintId)) ?? [];
      return pageOf(
        list,
        options,
        1,
        (event) => [event.sequence],
        (event) => event,
      );
    },

    async saveCustomerProfile(input, expectedVersion) {
      open();
      const profile = validateInput(customerProfileInputSchema, input, 'customer profile');
      const id = key(profile.shopId, profile.customerId);
      const current = profiles.get(id);
      if ((current?.version ?? 0) !== expectedVersion) {
        throw new AftersaleError({
          code: 'store_conflict',
          message: `The profile of ${profile.customerId} is not at version ${expectedVersion} (changed or missing); read it again and retry.`,
        });
      }
      const at = stamp();
      const stored = { ...profile, version: expectedVersion + 1, createdAt: current?.createdAt ?? at, updatedAt: at };
      profiles.set(id, stored);
      return copy(stored);
    },
    async getCustomerProfile(shopId, customerId) {
      open();
      const profile = profiles.get(key(shopId, customerId));
      return profile === undefined ? null : copy(profile);
    },

    async publishPolicyVersion(input) {
      open();
      const policy = validateInput(policyVersionInputSchema, input, 'policy version');
      const id = key(policy.shopId, policy.policyId);
      const list = policies.get(id) ?? [];
      const stored = { ...policy, version: list.length + 1, createdAt: stamp() };
      policies.set(id, [...list, stored]);
      return copy(stored);
    },
    async getPolicyVersion(shopId, policyId, version) {
      open();
      const list = policies.get(key(shopId, policyId)) ?? [];
      const found = version === undefined ? list.at(-1) : list.find((entry) => entry.version === version);
      return found === undefined ? null : copy(found);
    },
    async listPolicyVersions(shopId, policyId, options) {
      open();
      return pageOf(
        policies.get(key(shopId, policyId)) ?? [],
        options,
        1,
        (entry) => [entry.version],
        (entry) => entry,
      );
    },

    async upsertArticle(input) {
      open();
      const article = validateInput(articleInputSchema, input, 'knowledge-base article');
      const id = key(article.shopId, article.id);
      const current = articles.get(id);
      const at = stamp();
      const stored: ArticleRecord = {
        ...article,
        version: (current?.version ?? 0) + 1,
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      };
      articles.set(id, stored);
      return copy(stored);
    },
    async getArticle(shopId, id) {
      open();
      const article = articles.get(key(shopId, id));
      return article === undefined ? null : copy(article);
    },
    async listArticles(shopId, options) {
      open();
      const language = options?.language;
      return pageOf(
        inShop(articles, shopId).filter((article) => language === undefined || article.language === language),
        options,
        1,
        (article) => [article.id],
        (article) => article,
      );
    },
    async deleteArticle(shopId, id) {
      open();
      return articles.delete(key(shopId, id));
    },
    async recordSearchGap(input) {
      open();
      const gap = validateInput(searchGapInputSchema, input, 'search gap');
      const record: SearchGapRecord = { ...gap, at: new Date(gap.at).toISOString(), id: `gap_${randomUUID()}` };
      searchGaps.set(key(record.shopId, record.id), record);
      return copy(record);
    },
    async listSearchGaps(shopId, options) {
      open();
      const since =
        options?.since === undefined
          ? null
          : new Date(validateInput(timestampSchema, options.since, 'since')).toISOString();
      return pageOf(
        inShop(searchGaps, shopId).filter((gap) => since === null || gap.at >= since),
        options,
        2,
        (gap) => [gap.at, gap.id],
        (gap) => gap,
      );
    },

    async appendOutboxEvents(shopId, events) {
      open();
      validateInput(shopIdSchema, shopId, 'shop id');
      return appendOutbox(shopId, parseOutbox(events));
    },
    async listUnpublishedOutboxEvents(options) {
      open();
      const limit = pageLimit(options);
      return outbox
        .filter(
          (event) => event.publishedAt === null && (options?.shopId === undefined || event.shopId === options.shopId),
        )
        .slice(0, limit)
        .map(copy);
    },
    async markOutboxEventsPublished(sequences) {
      open();
      const wanted = new Set(sequences);
      const at = stamp();
      for (const event of outbox) if (wanted.has(event.sequence) && event.publishedAt === null) event.publishedAt = at;
    },

    async claimIdempotencyKey(input) {
      open();
      const claim = validateInput(ledgerClaimInputSchema, input, 'idempotency claim');
      const id = key(claim.shopId, claim.key);
      const at = stamp();
      const current = ledger.get(id);
      if (current === undefined) {
        const entry: LedgerEntry = {
          shopId: claim.shopId,
          key: claim.key,
          operation: claim.operation,
          state: 'pending',
          fingerprint: claim.fingerprint ?? null,
          result: null,
          error: null,
          attempts: 1,
          claimedAt: at,
          updatedAt: at,
        };
        ledger.set(id, entry);
        return { outcome: 'claimed', entry: copy(entry) };
      }
      if (claim.retryFailed && current.state === 'failed') {
        Object.assign(current, {
          state: 'pending',
          error: null,
          result: null,
          attempts: current.attempts + 1,
          updatedAt: at,
        });
        return { outcome: 'claimed', entry: copy(current) };
      }
      return { outcome: 'held', entry: copy(current) };
    },
    async recordIdempotencyOutcome(input) {
      open();
      const outcome = validateInput(ledgerOutcomeInputSchema, input, 'idempotency outcome');
      const current = ledger.get(key(outcome.shopId, outcome.key));
      const recordable =
        outcome.state === 'pending'
          ? current?.state === 'pending'
          : openLedgerStates.includes(current?.state as LedgerState);
      if (current === undefined || !recordable) return copy(settledOutcome(outcome, current ?? null));
      Object.assign(current, {
        state: outcome.state,
        result: outcome.result === undefined ? null : copy(outcome.result),
        error: outcome.error ?? null,
        updatedAt: stamp(),
      });
      return copy(current);
    },
    async getIdempotencyEntry(shopId, entryKey) {
      open();
      const entry = ledger.get(key(shopId, entryKey));
      return entry === undefined ? null : copy(entry);
    },
    async listIdempotencyEntries(shopId, options) {
      open();
      const records = inShop(ledger, shopId).filter(
        (entry) => options.state === undefined || entry.state === options.state,
      );
      return pageOf(
        records,
        options,
        2,
        (entry) => [entry.claimedAt, entry.key],
        (entry) => entry,
      );
    },

    async enqueueWebhook(input) {
      open();
      const delivery = validateInput(webhookDeliveryInputSchema, input, 'webhook delivery');
      const dedupe = key(delivery.shopId, delivery.dedupeKey);
      const existing = inboxKeys.get(dedupe);
      if (existing !== undefined)
        return { outcome: 'duplicate', delivery: copy(inbox.get(existing) as WebhookDelivery) };
      const at = stamp();
      const stored: WebhookDelivery = {
        id: timeOrderedId('whk', now()),
        shopId: delivery.shopId,
        platform: delivery.platform,
        topic: delivery.topic,
        dedupeKey: delivery.dedupeKey,
        rawBody: delivery.rawBody,
        headers: delivery.headers,
        status: 'pending',
        attempts: 0,
        receivedAt: at,
        availableAt: at,
        leaseToken: null,
        leaseExpiresAt: null,
        lastError: null,
        completedAt: null,
      };
      inbox.set(stored.id, stored);
      inboxKeys.set(dedupe, stored.id);
      return { outcome: 'enqueued', delivery: copy(stored) };
    },
    async claimWebhooks(options) {
      open();
      const limit = options.limit ?? 10;
      const leaseMs = options.leaseMs ?? 60_000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(leaseMs) || leaseMs < 1) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `claimWebhooks needs an integer limit from 1 to 1000 and a positive integer leaseMs (got ${limit}, ${leaseMs}).`,
        });
      }
      const current = now();
      const at = current.toISOString();
      const token = `lease_${randomUUID()}`;
      const due = [...inbox.values()]
        .filter(
          (delivery) =>
            (options.shopId === undefined || delivery.shopId === options.shopId) &&
            ((delivery.status === 'pending' && delivery.availableAt <= at) ||
              (delivery.status === 'processing' && (delivery.leaseExpiresAt ?? '') <= at)),
        )
        .sort((a, b) => a.availableAt.localeCompare(b.availableAt) || a.id.localeCompare(b.id))
        .slice(0, limit);
      for (const delivery of due) {
        delivery.status = 'processing';
        delivery.leaseToken = token;
        delivery.leaseExpiresAt = new Date(current.getTime() + leaseMs).toISOString();
        delivery.attempts += 1;
      }
      return due.map(copy);
    },
    async completeWebhook(id, leaseToken) {
      open();
      const delivery = inbox.get(id);
      if (delivery === undefined || delivery.status !== 'processing' || delivery.leaseToken !== leaseToken) {
        return { ok: false, reason: 'lease_lost' };
      }
      Object.assign(delivery, {
        status: 'completed',
        rawBody: null,
        headers: {},
        leaseToken: null,
        leaseExpiresAt: null,
        completedAt: stamp(),
      });
      return { ok: true };
    },
    async failWebhook(id, leaseToken, failure) {
      open();
      const delivery = inbox.get(id);
      if (delivery === undefined || delivery.status !== 'processing' || delivery.leaseToken !== leaseToken) {
        return { ok: false, reason: 'lease_lost' };
      }
      Object.assign(delivery, {
        status: failure.retryAt === null ? 'dead' : 'pending',
        availableAt: (failure.retryAt ?? now()).toISOString(),
        leaseToken: null,
        leaseExpiresAt: null,
        lastError: failure.error,
      });
      return { ok: true };
    },
    async getWebhook(shopId, id) {
      open();
      const delivery = inbox.get(id);
      return delivery === undefined || delivery.shopId !== shopId ? null : copy(delivery);
    },

    async exportCustomerData(input) {
      const { subject, customer, profile, subjectOrders, related, deliveries } = resolveSubject(input);
      const byCreation = <T extends { createdAt: string; id: string }>(records: T[]) =>
        records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const exported: CustomerDataExport = {
        shopId: subject.shopId,
        exportedAt: stamp(),
        customer: copy(customer),
        profile: copy(profile),
        orders: subjectOrders
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.order.id.localeCompare(b.order.id))
          .map((entry) => copy(entry.order)),
        returnCases: byCreation(related(returnCases)).map(copy),
        refunds: byCreation(related(refunds)).map(copy),
        complaints: byCreation(related(complaints)).map((complaint) => ({
          ...copy(complaint),
          events: copy(complaintEvents.get(key(subject.shopId, complaint.id)) ?? []),
        })),
        webhooks: deliveries.map(copy),
      };
      return exported;
    },

    async eraseCustomer(input) {
      const { subject, customerId, subjectOrders, related, deliveries } = resolveSubject(input);
      const shopId = subject.shopId;
      const report: ErasureReport = { shopId, deleted: {}, anonymized: {} };
      const cases = related(returnCases);
      const complaintList = related(complaints);
      for (const entry of subjectOrders) {
        entry.order = anonymizeOrder(entry.order);
        entry.anonymized = true;
      }
      report.anonymized.orders = subjectOrders.length;
      if (customerId !== null) {
        report.deleted.customers = customers.delete(key(shopId, customerId)) ? 1 : 0;
        report.deleted.customerProfiles = profiles.delete(key(shopId, customerId)) ? 1 : 0;
      }
      for (const record of cases) Object.assign(record, { customerNote: null, customerId: null });
      report.anonymized.returnCases = cases.length;
      let events = 0;
      for (const record of complaintList) {
        Object.assign(record, { subject: null, description: null, customerId: null });
        for (const event of complaintEvents.get(key(shopId, record.id)) ?? []) {
          if (event.note != null) events += 1;
          event.note = null;
        }
      }
      report.anonymized.complaints = complaintList.length;
      report.anonymized.complaintEvents = events;
      for (const delivery of deliveries) {
        Object.assign(delivery, {
          rawBody: null,
          headers: {},
          status: delivery.status === 'completed' ? 'completed' : 'dead',
          lastError: delivery.status === 'completed' ? delivery.lastError : 'erased at the customer’s request',
          leaseToken: null,
          leaseExpiresAt: null,
        });
      }
      report.anonymized.webhookDeliveries = deliveries.length;
      return report;
    },

    async eraseShop(shopId) {
      open();
      validateInput(shopIdSchema, shopId, 'shop id');
      const report: ErasureReport = { shopId, deleted: {}, anonymized: {} };
      const drop = <T extends { shopId: string }>(name: string, table: Map<Key, T>) => {
        let count = 0;
        for (const [id, record] of table) {
          if (record.shopId === shopId) {
            table.delete(id);
            count += 1;
          }
        }
        report.deleted[name] = count;
      };
      drop('orders', orders);
      drop('customers', customers);
      drop('return_cases', returnCases);
      drop('refunds', refunds);
      drop('complaints', complaints);
      drop('customer_profiles', profiles);
      drop('idempotency_keys', ledger);
      drop('webhook_inbox', inbox);
      drop('knowledge_articles', articles);
      drop('search_gaps', searchGaps);
      let events = 0;
      for (const [id, list] of complaintEvents) {
        if ((JSON.parse(id) as string[])[0] === shopId) {
          events += list.length;
          complaintEvents.delete(id);
        }
      }
      report.deleted.complaint_events = events;
      let versions = 0;
      for (const [id, list] of policies) {
        if ((JSON.parse(id) as string[])[0] === shopId) {
          versions += list.length;
          policies.delete(id);
        }
      }
      report.deleted.policy_versions = versions;
      for (const [dedupe, id] of inboxKeys) if (!inbox.has(id)) inboxKeys.delete(dedupe);
      const kept = outbox.filter((event) => event.shopId !== shopId);
      report.deleted.outbox = outbox.length - kept.length;
      outbox.splice(0, outbox.length, ...kept);
      return report;
    },
  };
  return store;
}
