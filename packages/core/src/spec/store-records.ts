import { z } from 'zod';
import { platformSchema, timestampSchema } from '../model/schemas.js';
import { moneySchema } from '../money/money.js';

/**
 * Record types kept by an {@link AftersaleStore}. Every record belongs to a shop (`shopId`), and the
 * shop is part of every key. Inputs that cross the store boundary are validated with these schemas;
 * a record that fails is rejected with an `invalid_input` error and nothing is written.
 */

const id = z.string().min(1).max(255);
const json = z.record(z.string(), z.unknown());

/** The shop a record belongs to: the platform's shop domain or id, such as `acme.myshopify.com`. */
export const shopIdSchema = z.string().min(1).max(255);

/** A page of records and the cursor for the next one (`null` on the last page). */
export interface Page<T> {
  items: T[];
  /** Opaque; pass it back as `cursor` to read the next page. `null` when there is none. */
  nextCursor: string | null;
}

/** Paging options of every `list*` method. */
export interface ListOptions {
  /** How many records per page, 1 to 500. @default 50 */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

// ── Return cases ────────────────────────────────────────────────────────────────────────────────

/** A status change of a return case, kept in order. No personal data here: refer to people by id. */
export const statusChangeSchema = z.object({
  status: z.string().min(1),
  at: timestampSchema,
  /** Who changed it: `system`, `merchant:<staff id>`, `customer`. */
  actor: z.string().nullish(),
  reason: z.string().nullish(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** One line of a return case: which order line, how many, why, and what the customer wants. */
export const returnCaseLineSchema = z.object({
  lineItemId: id,
  quantity: z.number().int().positive(),
  /** Reason code such as `defective`, `wrong_size`, `changed_mind`. */
  reason: z.string().nullish(),
  /** Refund, store credit, exchange, keep item. */
  resolution: z.string().nullish(),
  /** Exchange target variant, when the resolution is an exchange. */
  exchangeVariantId: z.string().nullish(),
});
export type ReturnCaseLine = z.infer<typeof returnCaseLineSchema>;

/** What a caller gives to create a return case. */
export const returnCaseInputSchema = z.object({
  shopId: shopIdSchema,
  /** `ret_` + a unique suffix. */
  id: id.regex(/^ret_/, 'must start with ret_'),
  orderId: id,
  /** The customer's id; the customer's data itself lives in the customer records, where it can be erased. */
  customerId: z.string().nullish(),
  status: z.string().min(1),
  lines: z.array(returnCaseLineSchema).min(1),
  /** The policy decision as evaluated (a `ReturnDecision`), kept for audit. */
  decision: z.unknown().nullish(),
  /** The policy version the decision was made under. */
  policy: z.object({ policyId: id, version: z.number().int().positive() }).nullish(),
  statusHistory: z.array(statusChangeSchema).default([]),
  /** The customer's own words (personal data: cleared by `eraseCustomer`). */
  customerNote: z.string().nullish(),
  /** The platform's return id and raw status, beside the normalized ones. */
  platformReturnId: z.string().nullish(),
  platformStatus: z.string().nullish(),
  /** Anything else the return-case module needs (no personal data). */
  data: json.default({}),
});
export type ReturnCaseInput = z.input<typeof returnCaseInputSchema>;

/** A stored return case. `version` starts at 1 and grows by one on every update. */
export type ReturnCaseRecord = z.infer<typeof returnCaseInputSchema> & {
  version: number;
  createdAt: string;
  updatedAt: string;
};

// ── Refunds and the idempotency ledger ──────────────────────────────────────────────────────────

/** Where a money movement stands. `unknown` means it may or may not have happened: reconcile it. */
export const refundStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'unknown']);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const refundInputSchema = z.object({
  shopId: shopIdSchema,
  /** `rfd_` + a unique suffix. */
  id: id.regex(/^rfd_/, 'must start with rfd_'),
  orderId: id,
  returnCaseId: z.string().nullish(),
  /** The idempotency key the money movement was claimed under in the ledger. */
  idempotencyKey: id,
  amount: moneySchema,
  status: refundStatusSchema,
  /** The refund plan as computed (lines, tax, shipping), kept for audit. */
  plan: z.unknown().nullish(),
  /** The platform's refund id and raw status, once known. */
  platformRefundId: z.string().nullish(),
  platformStatus: z.string().nullish(),
  /** Why it failed, in words for an engineer (no personal data). */
  failureReason: z.string().nullish(),
});
export type RefundInput = z.input<typeof refundInputSchema>;
export type RefundRecord = z.infer<typeof refundInputSchema> & {
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The state of an idempotency key. A claim starts `pending`. */
export const ledgerStateSchema = z.enum(['pending', 'succeeded', 'failed', 'unknown']);
export type LedgerState = z.infer<typeof ledgerStateSchema>;

/** One idempotency key and what became of the operation it guards. */
export interface LedgerEntry {
  shopId: string;
  key: string;
  /** What the key guards, such as `refund`. */
  operation: string;
  state: LedgerState;
  /** A fingerprint of the request (a hash of the plan): a different request under the same key is a bug. */
  fingerprint: string | null;
  /** The operation's result (platform ids; no personal data). */
  result: unknown;
  /** Why it failed or why its outcome is unknown. */
  error: string | null;
  /** How many times the key was claimed (re-claims of `failed` keys included). */
  attempts: number;
  claimedAt: string;
  updatedAt: string;
}

export const ledgerClaimInputSchema = z.object({
  shopId: shopIdSchema,
  key: id,
  operation: z.string().min(1).default('refund'),
  fingerprint: z.string().nullish(),
  /** Take the key again when its last outcome was `failed` (the platform refused: nothing moved). @default false */
  retryFailed: z.boolean().default(false),
});
export type LedgerClaimInput = z.input<typeof ledgerClaimInputSchema>;

/**
 * The answer to a claim: `claimed` means this caller holds the key and must move the money and record
 * the outcome; `held` means someone else claimed it first, and `entry.state` says how it went.
 */
export type LedgerClaim = { outcome: 'claimed'; entry: LedgerEntry } | { outcome: 'held'; entry: LedgerEntry };

export const ledgerOutcomeInputSchema = z.object({
  shopId: shopIdSchema,
  key: id,
  state: ledgerStateSchema,
  result: z.unknown().optional(),
  error: z.string().nullish(),
});
export type LedgerOutcomeInput = z.input<typeof ledgerOutcomeInputSchema>;

// ── Orders and customers ────────────────────────────────────────────────────────────────────────

/** A stored order snapshot: the normalized order as last seen, with when it was stored. */
export interface OrderSnapshot<TOrder> {
  shopId: string;
  order: TOrder;
  /** Set when the customer was erased: the order keeps its money and lines, not the person. */
  anonymized: boolean;
  storedAt: string;
}

export interface CustomerSnapshot<TCustomer> {
  shopId: string;
  customer: TCustomer;
  storedAt: string;
}

export interface ListOrdersOptions extends ListOptions {
  /** Only this customer's orders (their purchase history), oldest first. */
  customerId?: string;
}

// ── Complaints ──────────────────────────────────────────────────────────────────────────────────

export const complaintInputSchema = z.object({
  shopId: shopIdSchema,
  /** `cmp_` + a unique suffix. */
  id: id.regex(/^cmp_/, 'must start with cmp_'),
  customerId: z.string().nullish(),
  orderId: z.string().nullish(),
  returnCaseId: z.string().nullish(),
  status: z.string().min(1),
  /** `email`, `phone`, `chat`, `marketplace`, `form`. */
  channel: z.string().min(1),
  category: z.string().nullish(),
  severity: z.enum(['low', 'normal', 'high', 'critical']).default('normal'),
  /** The customer's own words (personal data: cleared by `eraseCustomer`). */
  subject: z.string().nullish(),
  description: z.string().nullish(),
  /** When an answer is due (statutory or promised). */
  dueAt: timestampSchema.nullish(),
  data: json.default({}),
});
export type ComplaintInput = z.input<typeof complaintInputSchema>;
export type ComplaintRecord = z.infer<typeof complaintInputSchema> & {
  version: number;
  createdAt: string;
  updatedAt: string;
};

/**
 * An event in a complaint's append-only history, such as `complaint-opened`, `message-received`,
 * `complaint-escalated`. Events refer to people by id. Free text (`note`) is the one field an erasure
 * clears; the event itself stays.
 */
export const complaintEventInputSchema = z.object({
  type: z.string().regex(/^[a-z]+(-[a-z]+)+$/, 'must be <noun>-<verb>, such as message-received'),
  at: timestampSchema,
  /** `customer`, `merchant:<staff id>`, `system`. */
  actor: z.string().min(1),
  note: z.string().nullish(),
  data: json.default({}),
});
export type ComplaintEventInput = z.input<typeof complaintEventInputSchema>;
export type ComplaintEvent = z.infer<typeof complaintEventInputSchema> & {
  shopId: string;
  complaintId: string;
  /** 1, 2, 3... in the order appended. */
  sequence: number;
};

// ── Customer profiles (CRM) ─────────────────────────────────────────────────────────────────────

export const customerProfileInputSchema = z.object({
  shopId: shopIdSchema,
  customerId: id,
  /** Personal data, kept here where it can be erased. */
  email: z.string().nullish(),
  phone: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  locale: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  /** Computed CRM facts (order count, lifetime value, return rate, segments). */
  metrics: json.default({}),
  /** Merchant notes about the person (personal data). */
  notes: z.string().nullish(),
  data: json.default({}),
});
export type CustomerProfileInput = z.input<typeof customerProfileInputSchema>;
export type CustomerProfile = z.infer<typeof customerProfileInputSchema> & {
  version: number;
  createdAt: string;
  updatedAt: string;
};

// ── Policy versions ─────────────────────────────────────────────────────────────────────────────

export const policyVersionInputSchema = z.object({
  shopId: shopIdSchema,
  policyId: id,
  /** The policy document (rules), as the policy language defines it. */
  document: z.unknown(),
  effectiveFrom: timestampSchema,
  /** Who published it (`merchant:<staff id>`). */
  author: z.string().nullish(),
  note: z.string().nullish(),
});
export type PolicyVersionInput = z.input<typeof policyVersionInputSchema>;
/** A published policy version; versions are numbered 1, 2, 3... per policy and never change. */
export type PolicyVersion = z.infer<typeof policyVersionInputSchema> & { version: number; createdAt: string };

// ── Webhook inbox ───────────────────────────────────────────────────────────────────────────────

export const webhookDeliveryInputSchema = z.object({
  shopId: shopIdSchema,
  platform: platformSchema,
  topic: z.string().min(1),
  /** The de-duplication key; build it with `webhookDedupeKey`. */
  dedupeKey: z.string().min(1).max(512),
  /** The raw body exactly as received (purged once processed). */
  rawBody: z.string(),
  /** Headers as received (lower-case names); purged with the body. */
  headers: z.record(z.string(), z.string()).default({}),
});
export type WebhookDeliveryInput = z.input<typeof webhookDeliveryInputSchema>;

/** `pending` waits (maybe until `availableAt`), `processing` is leased, `dead` failed for good. */
export type WebhookStatus = 'pending' | 'processing' | 'completed' | 'dead';

export interface WebhookDelivery {
  id: string;
  shopId: string;
  platform: z.infer<typeof platformSchema>;
  topic: string;
  dedupeKey: string;
  /** `null` once processed or erased. */
  rawBody: string | null;
  headers: Record<string, string>;
  status: WebhookStatus;
  attempts: number;
  receivedAt: string;
  /** When it may be claimed (again). */
  availableAt: string;
  /** The current lease, while `processing`. */
  leaseToken: string | null;
  leaseExpiresAt: string | null;
  lastError: string | null;
  completedAt: string | null;
}

export type EnqueueResult =
  | { outcome: 'enqueued'; delivery: WebhookDelivery }
  | { outcome: 'duplicate'; delivery: WebhookDelivery };

export interface ClaimWebhooksOptions {
  /** Who claims (for logs and diagnostics). */
  workerId: string;
  /** At most this many. @default 10 */
  limit?: number;
  /** How long the claim holds; after it, another worker may take the delivery. @default 60000 */
  leaseMs?: number;
  /** Only this shop's deliveries. */
  shopId?: string;
}

/** Completing or failing needs the lease: a worker whose lease expired and was taken over gets `lease_lost`. */
export type LeaseResult = { ok: true } | { ok: false; reason: 'lease_lost' };

export interface FailWebhookOptions {
  /** What went wrong (no personal data). */
  error: string;
  /** When to try again; `null` gives up (`dead`). */
  retryAt: Date | null;
}

// ── Outbox ──────────────────────────────────────────────────────────────────────────────────────

/** An event for the store app, such as `return-requested` or `refund-issued`. No personal data. */
export const outboxEventInputSchema = z.object({
  type: z.string().regex(/^[a-z]+(-[a-z]+)+$/, 'must be <noun>-<verb>, such as refund-issued'),
  /** The record it is about (`ret_...`, `rfd_...`). */
  subjectId: id,
  payload: json.default({}),
});
export type OutboxEventInput = z.input<typeof outboxEventInputSchema>;
export type OutboxEvent = z.infer<typeof outboxEventInputSchema> & {
  shopId: string;
  /** Increasing in the order written, across shops. */
  sequence: number;
  createdAt: string;
  publishedAt: string | null;
};

// ── GDPR / KVKK ─────────────────────────────────────────────────────────────────────────────────

/** Who a data request is about: the customer's id, and e-mail/phone to find guest records. */
export const dataSubjectSchema = z.object({
  shopId: shopIdSchema,
  customerId: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  /** Orders named in the request (Shopify's `orders_to_redact`). */
  orderIds: z.array(z.string()).default([]),
});
export type DataSubject = z.input<typeof dataSubjectSchema>;

/** How many records an erasure touched, per kind. */
export interface ErasureReport {
  shopId: string;
  deleted: Record<string, number>;
  anonymized: Record<string, number>;
}
