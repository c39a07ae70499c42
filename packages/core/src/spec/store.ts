import type { Customer, CustomerInput, Order, OrderInput } from '../model/schemas.js';
import type {
  ArticleInput,
  ArticleRecord,
  ListArticlesOptions,
  ListSearchGapsOptions,
  SearchGapInput,
  SearchGapRecord,
} from './knowledge-records.js';
import type {
  ClaimWebhooksOptions,
  ComplaintEvent,
  ComplaintEventInput,
  ComplaintInput,
  ComplaintRecord,
  CustomerProfile,
  CustomerProfileInput,
  CustomerSnapshot,
  DataSubject,
  EnqueueResult,
  ErasureReport,
  FailWebhookOptions,
  LeaseResult,
  LedgerClaim,
  LedgerClaimInput,
  LedgerEntry,
  LedgerOutcomeInput,
  ListOptions,
  ListOrdersOptions,
  OrderSnapshot,
  OutboxEvent,
  OutboxEventInput,
  Page,
  PolicyVersion,
  PolicyVersionInput,
  RefundInput,
  RefundRecord,
  ReturnCaseInput,
  ReturnCaseRecord,
  WebhookDelivery,
  WebhookDeliveryInput,
} from './store-records.js';

/** The version of the store specification a store implements. */
export const storeSpecificationVersion = 'v1';

/**
 * What a backend can do, declared so the conformance suite runs the cases for each:
 * - `persistent`: records survive `close()` and a new store on the same database;
 * - `multi-process`: several processes may share the database (ledger and inbox races are real);
 * - `skip-locked`: inbox claims use `FOR UPDATE SKIP LOCKED`, so claimers never wait on each other;
 * - `sql-catalog`: the database catalogue can be enumerated (the SQL stores' `listTables` and `findText`);
 * - `versioned-migrations`: the schema has numbered migrations (`migrate({ to })`).
 */
export const storeCapabilities = [
  'persistent',
  'multi-process',
  'skip-locked',
  'sql-catalog',
  'versioned-migrations',
] as const;
export type StoreCapability = (typeof storeCapabilities)[number];

/**
 * Exactly-once money movement across processes. Claim a key before moving money; only the caller
 * that gets `claimed` proceeds, then records the outcome. A crash between the platform call and the
 * outcome leaves the key `pending`: treat it as `unknown` and reconcile with the platform.
 *
 * @example
 * ```ts
 * const claim = await store.claimIdempotencyKey({ shopId, key: `refund:${caseId}:1`, fingerprint });
 * if (claim.outcome === 'held') return claim.entry; // someone else moved (or is moving) the money
 * try {
 *   const refund = await adapter.createRefund(plan, { idempotencyKey: claim.entry.key });
 *   await store.recordIdempotencyOutcome({ shopId, key: claim.entry.key, state: 'succeeded', result: { id: refund.id } });
 * } catch (error) {
 *   await store.recordIdempotencyOutcome({ shopId, key: claim.entry.key, state: 'unknown', error: String(error) });
 * }
 * ```
 */
export interface IdempotencyLedger {
  /** Claims a key once (a unique constraint): `claimed` for the first caller, `held` (with its state) for every other. */
  claimIdempotencyKey(input: LedgerClaimInput): Promise<LedgerClaim>;
  /**
   * Records what became of the operation. A `pending` or `unknown` key may move to any outcome
   * (recording `pending` again refreshes `updatedAt`: a heartbeat of a long call); `succeeded` and
   * `failed` are final: recording the same state again returns the entry unchanged, recording another
   * throws `store_conflict` (take a `failed` key again with `retryFailed` instead). A key never claimed
   * throws `store_not_found`.
   */
  recordIdempotencyOutcome(input: LedgerOutcomeInput): Promise<LedgerEntry>;
  getIdempotencyEntry(shopId: string, key: string): Promise<LedgerEntry | null>;
  /** Keys in a state (such as `unknown` or `pending`) to reconcile, oldest first. */
  listIdempotencyEntries(
    shopId: string,
    options: ListOptions & { state?: LedgerEntry['state'] },
  ): Promise<Page<LedgerEntry>>;
}

/**
 * The webhook inbox: verified deliveries are enqueued (de-duplicated), then workers claim batches with
 * a lease, and complete or fail them. A worker that dies mid-batch loses nothing: its lease expires and
 * another worker claims the delivery. Raw bodies are purged once a delivery is completed.
 */
export interface WebhookInbox {
  /** Keeps a delivery unless one with the same shop and `dedupeKey` is already kept. */
  enqueueWebhook(input: WebhookDeliveryInput): Promise<EnqueueResult>;
  /** Leases up to `limit` deliveries that are due (or whose lease expired), oldest first. */
  claimWebhooks(options: ClaimWebhooksOptions): Promise<WebhookDelivery[]>;
  /**
   * Marks a leased delivery done and purges its raw body and headers. The lease token (handed out by
   * one claim, unguessable) is what names the delivery's shop here: a worker completes what it holds.
   */
  completeWebhook(id: string, leaseToken: string): Promise<LeaseResult>;
  /** Gives a leased delivery back for a retry at `retryAt`, or gives up on it (`retryAt: null`). */
  failWebhook(id: string, leaseToken: string, options: FailWebhookOptions): Promise<LeaseResult>;
  /** One delivery of the shop, by its id; `null` when the shop has none with that id. */
  getWebhook(shopId: string, id: string): Promise<WebhookDelivery | null>;
}

/** Options of writes that may also append outbox events in the same transaction. */
export interface WriteOptions {
  /** Events for the store app, written atomically with the record. */
  events?: OutboxEventInput[];
}

/**
 * Everything aftersale keeps, for one or many shops. Every method takes the shop (in its input or
 * as its first argument) and no method reads another shop's records, with three deliberate
 * exceptions for the app's background workers: `claimWebhooks` (one inbox worker serves every shop),
 * `listUnpublishedOutboxEvents` and `markOutboxEventsPublished` (one relay publishes every shop's
 * events, each event naming its shop); the first two take an optional `shopId` to serve one shop.
 * Records that several workers update carry a `version`: an update names the version it read, and a
 * stale one throws `store_conflict`.
 *
 * Made by `createMemoryStore`, `createSqliteStore` and `createPostgresStore` in `@aftersale/storage`;
 * adapters receive it through this interface and never import storage.
 */
export interface AftersaleStore extends IdempotencyLedger, WebhookInbox {
  readonly specificationVersion: 'v1';
  /** `memory`, `sqlite`, `postgres`, or a third party's name. */
  readonly backend: string;
  readonly capabilities: ReadonlySet<StoreCapability>;

  /** Brings the schema to the latest version (or `to`). Safe to call from several instances at once. */
  migrate(options?: { to?: number }): Promise<{ from: number; to: number }>;
  /** Releases connections. Calls after it throw `store_closed`. */
  close(): Promise<void>;

  // Orders and customers: snapshots of the normalized records (validated with parseOrder / parseCustomer), replaced wholesale.
  upsertOrders(shopId: string, orders: readonly OrderInput[]): Promise<void>;
  getOrder(shopId: string, orderId: string): Promise<OrderSnapshot<Order> | null>;
  listOrders(shopId: string, options?: ListOrdersOptions): Promise<Page<OrderSnapshot<Order>>>;
  upsertCustomers(shopId: string, customers: readonly CustomerInput[]): Promise<void>;
  getCustomer(shopId: string, customerId: string): Promise<CustomerSnapshot<Customer> | null>;
  listCustomers(shopId: string, options?: ListOptions): Promise<Page<CustomerSnapshot<Customer>>>;

  // Return cases (optimistic concurrency).
  createReturnCase(input: ReturnCaseInput, options?: WriteOptions): Promise<ReturnCaseRecord>;
  /** Replaces the case if `expectedVersion` is still current; else throws `store_conflict`. */
  updateReturnCase(input: ReturnCaseInput, expectedVersion: number, options?: WriteOptions): Promise<ReturnCaseRecord>;
  getReturnCase(shopId: string, id: string): Promise<ReturnCaseRecord | null>;
  /** Oldest first; `platformReturnId` finds the case a platform return webhook is about. */
  listReturnCases(
    shopId: string,
    options?: ListOptions & { orderId?: string; status?: string; customerId?: string; platformReturnId?: string },
  ): Promise<Page<ReturnCaseRecord>>;

  // Refunds (the money itself is guarded by the ledger).
  createRefund(input: RefundInput, options?: WriteOptions): Promise<RefundRecord>;
  updateRefund(input: RefundInput, expectedVersion: number, options?: WriteOptions): Promise<RefundRecord>;
  getRefund(shopId: string, id: string): Promise<RefundRecord | null>;
  /** Oldest first; `platformRefundId` finds the refund a `refunds/create` webhook is about. */
  listRefunds(
    shopId: string,
    options?: ListOptions & { orderId?: string; platformRefundId?: string; idempotencyKey?: string },
  ): Promise<Page<RefundRecord>>;

  // Complaints and their append-only events.
  createComplaint(input: ComplaintInput, options?: WriteOptions): Promise<ComplaintRecord>;
  updateComplaint(input: ComplaintInput, expectedVersion: number, options?: WriteOptions): Promise<ComplaintRecord>;
  getComplaint(shopId: string, id: string): Promise<ComplaintRecord | null>;
  /** Oldest first; with `dueBefore`, only complaints whose `dueAt` is at or before it (deadlines to watch). */
  listComplaints(
    shopId: string,
    options?: ListOptions & { customerId?: string; status?: string; dueBefore?: Date },
  ): Promise<Page<ComplaintRecord>>;
  /**
   * Appends events in order. With `expectedSequence` (the last sequence the caller saw), a concurrent
   * append in between throws `store_conflict`.
   */
  appendComplaintEvents(
    shopId: string,
    complaintId: string,
    events: readonly ComplaintEventInput[],
    options?: { expectedSequence?: number },
  ): Promise<ComplaintEvent[]>;
  listComplaintEvents(shopId: string, complaintId: string, options?: ListOptions): Promise<Page<ComplaintEvent>>;

  // Customer profiles (CRM).
  /** Creates (`expectedVersion` 0) or replaces (the current version) a profile. */
  saveCustomerProfile(input: CustomerProfileInput, expectedVersion: number): Promise<CustomerProfile>;
  getCustomerProfile(shopId: string, customerId: string): Promise<CustomerProfile | null>;

  // Policy versions (immutable; numbered per policy).
  publishPolicyVersion(input: PolicyVersionInput): Promise<PolicyVersion>;
  /** The given version, or the latest when `version` is left out. */
  getPolicyVersion(shopId: string, policyId: string, version?: number): Promise<PolicyVersion | null>;
  listPolicyVersions(shopId: string, policyId: string, options?: ListOptions): Promise<Page<PolicyVersion>>;

  // Outbox.
  appendOutboxEvents(shopId: string, events: readonly OutboxEventInput[]): Promise<OutboxEvent[]>;
  /** Unpublished events, in the order written. */
  listUnpublishedOutboxEvents(options?: { limit?: number; shopId?: string }): Promise<OutboxEvent[]>;
  markOutboxEventsPublished(sequences: readonly number[]): Promise<void>;

  // Knowledge base (`@aftersale/knowledge`): FAQ articles and searches that found no good answer.
  /** Creates an article or replaces it wholesale (by shop and id); each write raises its version. */
  upsertArticle(input: ArticleInput): Promise<ArticleRecord>;
  getArticle(shopId: string, id: string): Promise<ArticleRecord | null>;
  /** A shop's articles (or one language's), by id. */
  listArticles(shopId: string, options?: ListArticlesOptions): Promise<Page<ArticleRecord>>;
  /** Removes an article; `false` when the shop has no article with that id. */
  deleteArticle(shopId: string, id: string): Promise<boolean>;
  /** Keeps an anonymised search gap (the `gap` of a knowledge-base search), its time in UTC. */
  recordSearchGap(input: SearchGapInput): Promise<SearchGapRecord>;
  /** A shop's search gaps, oldest first (optionally since a moment). */
  listSearchGaps(shopId: string, options?: ListSearchGapsOptions): Promise<Page<SearchGapRecord>>;

  // GDPR / KVKK.
  /** Everything held about a person (Shopify `customers/data_request`). */
  exportCustomerData(subject: DataSubject): Promise<CustomerDataExport>;
  /** Removes a person's data and keeps anonymised financial records (Shopify `customers/redact`). */
  eraseCustomer(subject: DataSubject): Promise<ErasureReport>;
  /** Removes everything of a shop (Shopify `shop/redact`). */
  eraseShop(shopId: string): Promise<ErasureReport>;
}

/** What {@link AftersaleStore.exportCustomerData} returns. */
export interface CustomerDataExport {
  shopId: string;
  exportedAt: string;
  customer: Customer | null;
  profile: CustomerProfile | null;
  orders: Order[];
  returnCases: ReturnCaseRecord[];
  refunds: RefundRecord[];
  complaints: Array<ComplaintRecord & { events: ComplaintEvent[] }>;
  /** Webhook deliveries not yet purged that mention the person. */
  webhooks: WebhookDelivery[];
}
