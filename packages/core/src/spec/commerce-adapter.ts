import type { Customer, Order, Platform, Refund } from '../model/schemas.js';
import { compare, type Money, zero } from '../money/money.js';

/**
 * The platform-neutral commerce adapter: what every platform adapter (`@aftersale/shopify`,
 * `@aftersale/woocommerce`) implements so that core can read orders and customers, preview and issue
 * refunds, run returns, and take the platform's webhooks without knowing which platform it talks to.
 *
 * Expected outcomes are results (a refund the platform refused, a webhook with a bad signature);
 * failed I/O and bad input throw `AftersaleError`s.
 */

// ── Capabilities ────────────────────────────────────────────────────────────────────────────────

/**
 * What an adapter can do beyond the required reading and refunding. An adapter declares what it has;
 * the conformance suite runs the cases for every declared capability and checks that an undeclared one
 * is absent (nothing is skipped silently).
 *
 * - `returns`: return objects on the platform (request, approve, decline, process, close).
 * - `exchanges`: exchange lines inside a return.
 * - `store_credit`: refunds to store credit.
 * - `bulk_import`: a full-history import faster than paging (`bulkImportOrders`).
 * - `suggested_refund`: the platform computes a refund itself (`suggestRefund` asks it).
 * - `idempotent_refunds`: the platform itself de-duplicates a refund by key.
 * - `webhooks`: signed webhooks (`verifyWebhook`).
 * - `cancellations`: cancelling an unshipped order with its refund (`cancelOrder`).
 * - `order_notes`: notes on the order's timeline (`addOrderNote`).
 *
 * `store_credit` goes with `storeCredit`, `exchanges` with `exchanges`.
 */
export type AdapterCapability =
  | 'returns'
  | 'exchanges'
  | 'store_credit'
  | 'bulk_import'
  | 'suggested_refund'
  | 'idempotent_refunds'
  | 'webhooks'
  | 'cancellations'
  | 'order_notes';

/** Every capability name, for suites and documentation. */
export const adapterCapabilities: readonly AdapterCapability[] = [
  'returns',
  'exchanges',
  'store_credit',
  'bulk_import',
  'suggested_refund',
  'idempotent_refunds',
  'webhooks',
  'cancellations',
  'order_notes',
];

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

/** Options shared by every call that talks to the platform. */
export interface AdapterCallOptions {
  /** Aborts the call (and stops an iteration). */
  signal?: AbortSignal;
}

/** Options of the paginated readers. */
export interface AdapterListOptions extends AdapterCallOptions {
  /** Records fetched per platform request. The adapter documents its default and its maximum. */
  pageSize?: number;
}

/** What a bulk import reports as it streams. */
export interface BulkImportProgress {
  /** Orders emitted so far. */
  orders: number;
  /** Raw records (lines of the export) read so far. */
  objects: number;
  /** The platform's job status, such as `RUNNING` or `COMPLETED`. */
  status: string;
}

/** Options of {@link CommerceAdapter.bulkImportOrders}. */
export interface BulkImportOptions extends AdapterCallOptions {
  /** Only orders updated at or after this instant; all orders when left out. */
  updatedSince?: Date;
  /** Called as the import advances. */
  onProgress?: (progress: BulkImportProgress) => void;
}

// ── Refunds ─────────────────────────────────────────────────────────────────────────────────────

/**
 * One line of a refund plan. Amounts are positive and for the whole line (not per unit):
 * `amount` is the goods refunded without tax, `tax` the tax refunded with them.
 */
export interface RefundPlanLine {
  lineItemId: string;
  quantity: number;
  amount: Money;
  tax: Money;
}

/**
 * A refund to issue, platform-neutral and minimal: what core's refund computation produces and what
 * `createRefund` moves. `total` is what the customer gets back: the lines' amounts and taxes plus
 * `shipping`. A refund of an amount alone (a goodwill gesture, an overcharge) has no lines and no
 * shipping, and `total` is that amount.
 */
export interface RefundPlan {
  orderId: string;
  /** The order's currency; every amount in the plan is in it. */
  currency: string;
  lines: readonly RefundPlanLine[];
  /** Shipping refunded, tax included; `null` or zero for none. */
  shipping?: Money | null;
  total: Money;
  /**
   * Put the refunded quantities back in stock. `true` is a return to stock, `false` leaves stock
   * alone; `cancel` is for items never shipped. @default false
   */
  restock?: boolean | 'cancel';
  /** A note kept on the platform's refund (no personal data). */
  note?: string | null;
  /** Let the platform tell the customer. @default false */
  notifyCustomer?: boolean;
}

/** Options of {@link CommerceAdapter.createRefund}. */
export interface CreateRefundOptions extends AdapterCallOptions {
  /**
   * The key that makes the refund happen at most once: the same key never refunds twice, whatever
   * crashes or retries happen in between. Use one key per intended refund (such as the return case
   * id plus an attempt number).
   */
  idempotencyKey: string;
}

/** A validation message from the platform, with the path of the field it is about. */
export interface PlatformUserError {
  /** Path of the offending field in the request, such as `refundLineItems.0.quantity`. */
  field: string;
  message: string;
  /** The platform's own code, when it sends one. */
  code?: string | null;
}

/**
 * What became of `createRefund`:
 * - `created`: the refund exists on the platform. `replayed` is true when it was created by an earlier
 *   call under the same key (found in the ledger or on the platform), so nothing moved this time.
 * - `rejected`: the platform refused it; nothing moved. The user errors say why.
 * - `in_progress`: another worker holds the key and has not finished; ask again later.
 */
export type CreateRefundResult =
  | { outcome: 'created'; refund: Refund; platformRefundId: string; replayed: boolean; idempotencyKey: string }
  | { outcome: 'rejected'; userErrors: readonly PlatformUserError[]; idempotencyKey: string }
  | { outcome: 'in_progress'; idempotencyKey: string };

/** What to ask the platform to suggest: which lines and how many, and whether to refund shipping. */
export interface RefundSuggestionRequest extends AdapterCallOptions {
  orderId: string;
  lines: readonly { lineItemId: string; quantity: number }[];
  /** Refund all the shipping still refundable. @default false */
  refundShipping?: boolean;
  /** Core's own plan for the same lines: the suggestion is compared with it. */
  compareWith?: RefundPlan;
}

/** One difference between the platform's suggestion and core's plan. */
export interface RefundDisagreement {
  /** `total`, `shipping`, or `lines.<lineItemId>.amount|tax|quantity`. */
  field: string;
  platform: Money | number | null;
  aftersale: Money | number | null;
}

/** The platform's own refund computation for a set of lines. */
export interface RefundSuggestion {
  orderId: string;
  currency: string;
  lines: readonly RefundPlanLine[];
  shipping: Money;
  total: Money;
  /** The most that can still be refunded on the order, when the platform says. */
  maximumRefundable: Money | null;
  /**
   * The comparison with `compareWith`: `null` when no plan was given. A disagreement is reported,
   * never hidden or "fixed": platform facts win, and the caller decides what to do.
   */
  comparison: { agrees: boolean; disagreements: readonly RefundDisagreement[] } | null;
}

/**
 * Compares a platform's refund suggestion with core's plan, line by line, then shipping and total.
 * Pure; adapters use it to fill {@link RefundSuggestion.comparison}.
 */
export function compareRefundSuggestion(
  suggestion: Pick<RefundSuggestion, 'lines' | 'shipping' | 'total'>,
  plan: RefundPlan,
): { agrees: boolean; disagreements: RefundDisagreement[] } {
  const disagreements: RefundDisagreement[] = [];
  const differs = (a: Money, b: Money): boolean => a.currency !== b.currency || compare(a, b) !== 0;
  const planLines = new Map(plan.lines.map((line) => [line.lineItemId, line]));
  const seen = new Set<string>();
  for (const line of suggestion.lines) {
    seen.add(line.lineItemId);
    const mine = planLines.get(line.lineItemId);
    if (mine === undefined) {
      disagreements.push({ field: `lines.${line.lineItemId}.amount`, platform: line.amount, aftersale: null });
      continue;
    }
    if (mine.quantity !== line.quantity) {
      disagreements.push({
        field: `lines.${line.lineItemId}.quantity`,
        platform: line.quantity,
        aftersale: mine.quantity,
      });
    }
    if (differs(line.amount, mine.amount)) {
      disagreements.push({ field: `lines.${line.lineItemId}.amount`, platform: line.amount, aftersale: mine.amount });
    }
    if (differs(line.tax, mine.tax)) {
      disagreements.push({ field: `lines.${line.lineItemId}.tax`, platform: line.tax, aftersale: mine.tax });
    }
  }
  for (const mine of plan.lines) {
    if (!seen.has(mine.lineItemId)) {
      disagreements.push({ field: `lines.${mine.lineItemId}.amount`, platform: null, aftersale: mine.amount });
    }
  }
  const planShipping = plan.shipping ?? zero(plan.currency);
  if (differs(suggestion.shipping, planShipping)) {
    disagreements.push({ field: 'shipping', platform: suggestion.shipping, aftersale: planShipping });
  }
  if (differs(suggestion.total, plan.total)) {
    disagreements.push({ field: 'total', platform: suggestion.total, aftersale: plan.total });
  }
  return { agrees: disagreements.length === 0, disagreements };
}

// ── Returns ─────────────────────────────────────────────────────────────────────────────────────

/** A return on the platform, normalized. */
export interface PlatformReturn {
  /** The platform's return id. */
  id: string;
  orderId: string;
  /** Raw platform status, such as `REQUESTED`, `OPEN`, `DECLINED`, `CLOSED`. */
  status: string;
  name?: string | null;
  lines: readonly { id: string; lineItemId: string; quantity: number; reason?: string | null }[];
  exchangeLines: readonly { id: string; variantId: string | null; quantity: number }[];
}

/** The lines a customer asks to return, with the platform's reason vocabulary mapped by the adapter. */
export interface ReturnRequestInput {
  orderId: string;
  lines: readonly {
    lineItemId: string;
    quantity: number;
    /** aftersale's reason code (`defective`, `wrong_size`, `changed_mind`, `other`...). */
    reason: string;
    customerNote?: string | null;
  }[];
}

/** A merchant-created return, possibly with exchange items. */
export interface ReturnCreateInput extends ReturnRequestInput {
  exchangeLines?: readonly { variantId: string; quantity: number }[];
  notifyCustomer?: boolean;
}

/** Money settled for a processed return: the refund plan's lines are refunded within the return. */
export interface ReturnProcessInput {
  returnId: string;
  /** Return lines (platform return-line ids) and quantities processed. */
  lines: readonly { returnLineId: string; quantity: number }[];
  /** The refund to pay with the processing (amounts as in a {@link RefundPlan}); none for an exchange only. */
  refund?: RefundPlan | null;
  notifyCustomer?: boolean;
}

/** The result of a return mutation: the return as it now stands, or the platform's refusal. */
export type ReturnResult =
  | { outcome: 'ok'; return: PlatformReturn }
  | { outcome: 'rejected'; userErrors: readonly PlatformUserError[] };

/** Return objects on the platform; present when the adapter declares the `returns` capability. */
export interface ReturnOperations {
  request(input: ReturnRequestInput, options?: AdapterCallOptions): Promise<ReturnResult>;
  approve(returnId: string, options?: AdapterCallOptions): Promise<ReturnResult>;
  /** `reason` is the decision's decline reason (`final_sale`, `return_period_ended`, `other`). */
  decline(
    returnId: string,
    decline: { reason: string; note?: string | null; notifyCustomer?: boolean },
    options?: AdapterCallOptions,
  ): Promise<ReturnResult>;
  create(input: ReturnCreateInput, options?: AdapterCallOptions): Promise<ReturnResult>;
  process(input: ReturnProcessInput, options: CreateRefundOptions): Promise<ReturnResult>;
  close(returnId: string, options?: AdapterCallOptions): Promise<ReturnResult>;
  /**
   * Cancels a return nothing of which was processed (the customer changed their mind, or the case was
   * cancelled in aftersale). Optional: an adapter without it leaves the platform's return as it is.
   */
  cancel?(returnId: string, options?: AdapterCallOptions): Promise<ReturnResult>;
  get(returnId: string, options?: AdapterCallOptions): Promise<PlatformReturn | null>;
}

// ── Store credit ────────────────────────────────────────────────────────────────────────────────

/**
 * Store credit instead of money back: the returned lines are refunded on the platform's books (stock
 * and accounting as for a refund) and their value, plus any bonus the policy grants, becomes credit the
 * customer spends in the shop. On Shopify it is a refund to the store-credit refund method (the bonus a
 * store-credit account credit); on WooCommerce a refund recorded without the gateway and a
 * single-customer coupon.
 */
export interface StoreCreditPlan {
  orderId: string;
  /** The customer who gets the credit (the order's customer). */
  customerId: string;
  /** The customer's e-mail, for platforms that bind a credit to it (a WooCommerce coupon). */
  email?: string | null;
  currency: string;
  /** Lines given back for the credit, as in a {@link RefundPlan}; empty for credit not tied to lines. */
  lines: readonly RefundPlanLine[];
  /** Shipping credited, tax included. */
  shipping?: Money | null;
  /** The lines' amounts and taxes plus shipping: the value given back. */
  total: Money;
  /** Extra credit on top of `total` (the policy's store-credit bonus); zero or left out for none. */
  bonus?: Money | null;
  /** When the credit expires (ISO 8601); never when left out. */
  expiresAt?: string | null;
  /** Put the lines back in stock. @default false */
  restock?: boolean;
  /** A note kept on the platform (no personal data). */
  note?: string | null;
  /** Let the platform tell the customer. @default false */
  notifyCustomer?: boolean;
}

/** Credit as the platform holds it. */
export interface IssuedStoreCredit {
  /** The platform's id of the credit: a store-credit account transaction, a coupon id. */
  platformCreditId: string;
  /** `total` plus `bonus`: what the customer can spend. */
  amount: Money;
  /** The code the customer types at checkout (a coupon code); `null` when credit applies by itself. */
  code: string | null;
  expiresAt: string | null;
  /** The platform refund that took the lines back, when the plan had lines or shipping. */
  platformRefundId: string | null;
}

/** What became of {@link StoreCreditOperations.issue}: as {@link CreateRefundResult}. */
export type IssueStoreCreditResult =
  | { outcome: 'issued'; credit: IssuedStoreCredit; replayed: boolean; idempotencyKey: string }
  | { outcome: 'rejected'; userErrors: readonly PlatformUserError[]; idempotencyKey: string }
  | { outcome: 'in_progress'; idempotencyKey: string };

/** Store credit; present exactly when the adapter declares `store_credit`. */
export interface StoreCreditOperations {
  /** Issues the credit, exactly once per idempotency key (the lines' refund and the bonus included). */
  issue(plan: StoreCreditPlan, options: CreateRefundOptions): Promise<IssueStoreCreditResult>;
}

// ── Exchanges ───────────────────────────────────────────────────────────────────────────────────

/**
 * What to do with an exchange's price difference. A positive difference (the new items cost more)
 * is charged (`charge`: the platform's invoice or payment link) or waived (`absorb`, the merchant
 * pays it); a negative one is refunded to the original payment (`refund`) or kept by the shop
 * (`keep`). @default { customerOwes: 'charge', shopOwes: 'refund' }
 */
export interface ExchangeSettlement {
  customerOwes: 'charge' | 'absorb';
  shopOwes: 'refund' | 'keep';
}

/** An exchange: lines come back, other variants go out, and the difference is settled. */
export interface ExchangeInput {
  orderId: string;
  /** The lines coming back, with aftersale's reason codes. */
  returnLines: readonly { lineItemId: string; quantity: number; reason: string }[];
  /** The variants sent instead. */
  newLines: readonly { variantId: string; quantity: number }[];
  settlement?: ExchangeSettlement;
  /** The platform return the exchange belongs to, when one is open already (Shopify). */
  returnId?: string | null;
  /** A note kept on the platform (no personal data). */
  note?: string | null;
  notifyCustomer?: boolean;
}

/**
 * How an exchange's difference was settled: nothing to settle, a payment the customer still owes
 * (with the link or invoice the platform made), a refund, or waived by the merchant or the shop.
 */
export type ExchangeSettlementResult =
  | { kind: 'none' }
  | { kind: 'payment_due'; amount: Money; paymentUrl: string | null }
  | { kind: 'refunded'; amount: Money; platformRefundId: string }
  | { kind: 'absorbed'; amount: Money }
  | { kind: 'kept'; amount: Money };

/** An exchange as the platform holds it. */
export interface PlatformExchange {
  /** The platform's id of the exchange: a Shopify return id, a WooCommerce replacement order id. */
  id: string;
  orderId: string;
  /** The order the new items ship on, when the platform makes a new one (WooCommerce); else `null`. */
  newOrderId: string | null;
  /** What the customer paid for the returned lines (tax included, discounts taken off). */
  returnedValue: Money;
  /** What the new items cost (tax included). */
  newItemsValue: Money;
  /** `newItemsValue - returnedValue`: positive when the customer owes, negative when the shop does. */
  difference: Money;
  settlement: ExchangeSettlementResult;
}

/** What became of {@link ExchangeOperations.create}: as {@link CreateRefundResult}. */
export type ExchangeResult =
  | { outcome: 'created'; exchange: PlatformExchange; replayed: boolean; idempotencyKey: string }
  | { outcome: 'rejected'; userErrors: readonly PlatformUserError[]; idempotencyKey: string }
  | { outcome: 'in_progress'; idempotencyKey: string };

/** Exchanges; present exactly when the adapter declares `exchanges`. */
export interface ExchangeOperations {
  /** Creates the exchange and settles its difference, exactly once per idempotency key. */
  create(input: ExchangeInput, options: CreateRefundOptions): Promise<ExchangeResult>;
}

// ── Cancellations and notes ─────────────────────────────────────────────────────────────────────

/** Cancelling an order nothing of which has shipped, with the refund of what was paid. */
export interface CancelOrderInput {
  orderId: string;
  /** aftersale's reason: `customer`, `inventory`, `fraud`, `declined`, `other`. */
  reason: 'customer' | 'inventory' | 'fraud' | 'declined' | 'other';
  /** Refund what was paid to the original payment. @default true */
  refund?: boolean;
  /** Put the items back in stock. @default true */
  restock?: boolean;
  /** A staff note kept on the platform (no personal data). */
  note?: string | null;
  notifyCustomer?: boolean;
}

/** What became of `cancelOrder`: the cancelled order with its refund, or the platform's refusal. */
export type CancelOrderResult =
  | {
      outcome: 'cancelled';
      order: Order;
      /** What went back to the customer (zero when `refund` was false or nothing was paid). */
      refunded: Money;
      platformRefundId: string | null;
      replayed: boolean;
      idempotencyKey: string;
    }
  | { outcome: 'rejected'; userErrors: readonly PlatformUserError[]; idempotencyKey: string }
  | { outcome: 'in_progress'; idempotencyKey: string };

/** A note on the order's timeline. */
export interface OrderNoteInput {
  orderId: string;
  /** The text (no personal data beyond what the order holds). */
  text: string;
  /** Shown to the customer (WooCommerce's customer notes e-mail them). @default false */
  customerVisible?: boolean;
}

// ── Webhooks ────────────────────────────────────────────────────────────────────────────────────

/** Headers as a Fetch `Headers` or as Node's `IncomingHttpHeaders`. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a webhook verification needs: the body exactly as received, never re-serialised. */
export interface WebhookVerificationInput {
  rawBody: string | Uint8Array;
  headers: WebhookHeaders;
}

/** Why a webhook was refused. */
export type WebhookRejectionReason =
  | 'missing_signature'
  | 'invalid_signature'
  | 'missing_topic'
  | 'missing_shop'
  | 'missing_webhook_id';

/** A verified webhook's facts, or why it was refused. */
export type WebhookVerification =
  | {
      valid: true;
      platform: Platform;
      topic: string;
      /** The platform's delivery id; the inbox de-duplicates on it. */
      webhookId: string;
      /** The shop that sent it (Shopify's shop domain, WooCommerce's source URL). */
      shopId: string;
      apiVersion: string | null;
      /** The event id shared by retried deliveries of one event, when the platform sends one. */
      eventId: string | null;
      triggeredAt: string | null;
    }
  | { valid: false; reason: WebhookRejectionReason };

/**
 * A processed webhook, normalized. The adapter re-reads what a payload lacks (an empty
 * `returns/process` body, a return request without lines) from the platform.
 */
export type CommerceEvent =
  | { type: 'order-updated'; topic: string; order: Order }
  | { type: 'order-deleted'; topic: string; orderId: string }
  | { type: 'refund-created'; topic: string; orderId: string; refund: Refund }
  | { type: 'return-updated'; topic: string; returnId: string; return: PlatformReturn | null }
  | { type: 'customer-updated'; topic: string; customer: Customer }
  | { type: 'customer-deleted'; topic: string; customerId: string }
  | {
      type: 'customer-data-requested' | 'customer-redact-requested';
      topic: string;
      customerId: string | null;
      email: string | null;
      phone: string | null;
      orderIds: readonly string[];
    }
  | { type: 'shop-redact-requested'; topic: string }
  | { type: 'webhook-ignored'; topic: string };

// ── The adapter ─────────────────────────────────────────────────────────────────────────────────

/**
 * The commerce adapter specification, version 1. Every method that lists records pages through the
 * platform behind an async iterator: stop iterating (or abort) and no further page is fetched.
 */
export interface CommerceAdapter {
  readonly specificationVersion: 'v1';
  readonly platform: Platform;
  /** The shop this adapter talks to; the key of every record it stores. */
  readonly shopId: string;
  /** What it can do beyond the required methods. */
  readonly capabilities: ReadonlySet<AdapterCapability>;

  /** One order by the platform's id (a Shopify GID, a WooCommerce numeric id); `null` when absent. */
  getOrder(orderId: string, options?: AdapterCallOptions): Promise<Order | null>;
  /** Orders updated at or after `since`, oldest update first. */
  listOrdersUpdatedSince(since: Date, options?: AdapterListOptions): AsyncIterable<Order>;
  /** A customer's orders, oldest first. */
  listCustomerOrders(customerId: string, options?: AdapterListOptions): AsyncIterable<Order>;
  /** Every customer. */
  listCustomers(options?: AdapterListOptions): AsyncIterable<Customer>;
  /** One customer; `null` when absent. */
  getCustomer(customerId: string, options?: AdapterCallOptions): Promise<Customer | null>;

  /**
   * What a refund of these lines would be. With `suggested_refund` the platform computes it; otherwise
   * the adapter computes what the platform would accept. Moves no money.
   */
  suggestRefund(request: RefundSuggestionRequest): Promise<RefundSuggestion>;
  /** Issues the refund, exactly once per idempotency key. */
  createRefund(plan: RefundPlan, options: CreateRefundOptions): Promise<CreateRefundResult>;

  /** Return objects; present exactly when `capabilities` has `returns`. */
  readonly returns?: ReturnOperations;
  /** Store credit; present exactly when `capabilities` has `store_credit`. */
  readonly storeCredit?: StoreCreditOperations;
  /** Exchanges; present exactly when `capabilities` has `exchanges`. */
  readonly exchanges?: ExchangeOperations;
  /**
   * Cancels an unshipped order and refunds it, exactly once per idempotency key; present exactly when
   * `capabilities` has `cancellations`.
   */
  cancelOrder?(input: CancelOrderInput, options: CreateRefundOptions): Promise<CancelOrderResult>;
  /** Adds a note to the order's timeline; present exactly when `capabilities` has `order_notes`. */
  addOrderNote?(input: OrderNoteInput, options?: AdapterCallOptions): Promise<{ id: string }>;
  /** Full-history import; present exactly when `capabilities` has `bulk_import`. */
  bulkImportOrders?(options?: BulkImportOptions): AsyncIterable<Order>;

  /** Checks a webhook's signature over the raw bytes; present exactly when `capabilities` has `webhooks`. */
  verifyWebhook?(input: WebhookVerificationInput): Promise<WebhookVerification>;
  /**
   * Turns a verified webhook into a normalized event, re-reading from the platform what the payload
   * lacks. Present exactly when `verifyWebhook` is.
   */
  parseWebhook?(delivery: { topic: string; rawBody: string }, options?: AdapterCallOptions): Promise<CommerceEvent>;
}

/** True when the adapter declares the capability. */
export function hasCapability(adapter: Pick<CommerceAdapter, 'capabilities'>, capability: AdapterCapability): boolean {
  return adapter.capabilities.has(capability);
}
