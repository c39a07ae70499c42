import type { Logger } from '../logger/logger.js';
import type { Order } from '../model/schemas.js';
import type { Money } from '../money/money.js';
import type { Policy } from '../policy/policy-schema.js';
import type { CustomerFacts, ReturnDecision, ReturnRequest } from '../policy/return-decision.js';
import type { CancelOrderInput, CommerceAdapter, PlatformExchange, RefundPlan } from '../spec/commerce-adapter.js';
import type { AftersaleStore } from '../spec/store.js';
import type { ReturnActor, ReturnCaseState, ReturnCaseStatus } from './return-case.js';
import type { StoredCredit } from './return-case-data.js';
import type { ReturnEventBus } from './return-event-bus.js';
import type { ReturnShippingProvider } from './return-shipping.js';
import type { ReturnRoute, ReturnRoutingOptions } from './route-return-decision.js';

/**
 * The store methods the return service uses. The first five are required; the others serve the
 * newer steps and each is asked for (an `invalid_config` error) only by the step that needs it:
 * `listRefunds` and `listReturnCases` by `handleCommerceEvent`, `updateRefund` to attach a platform
 * refund id a webhook reveals, `getIdempotencyEntry` to recognise a money move already under way.
 * An {@link AftersaleStore} has them all.
 */
export type ReturnServiceStore = Pick<
  AftersaleStore,
  'createReturnCase' | 'updateReturnCase' | 'getReturnCase' | 'createRefund' | 'getRefund'
> &
  Partial<Pick<AftersaleStore, 'listRefunds' | 'listReturnCases' | 'updateRefund' | 'getIdempotencyEntry'>>;

/**
 * The adapter operations the return service uses: refunds always; the platform's returns, store
 * credit, exchanges, cancellations and order notes when the adapter declares them.
 */
export type ReturnServiceAdapter = Pick<
  CommerceAdapter,
  'capabilities' | 'createRefund' | 'returns' | 'storeCredit' | 'exchanges' | 'cancelOrder' | 'addOrderNote'
>;

export interface ReturnServiceOptions {
  shopId: string;
  store: ReturnServiceStore;
  /**
   * Moves the money and mirrors the case on the platform. Its own idempotency ledger (in the store)
   * makes every money move happen once. With `returns` (Shopify) a case mirrors a platform Return;
   * with `order_notes` (WooCommerce) every step leaves a note on the order.
   */
  adapter: ReturnServiceAdapter;
  policy: Policy;
  /** The shop's IANA time zone: deadlines end at midnight there. */
  shopTimeZone: string;
  routing?: ReturnRoutingOptions;
  /** Where return labels come from; required only for `issueLabel`. */
  shipping?: ReturnShippingProvider;
  /** In-process subscribers; the store's outbox gets every event either way. */
  events?: ReturnEventBus;
  /** The clock. @default () => new Date() */
  now?: () => Date;
  /** Unique suffixes for case ids. @default crypto.randomUUID */
  newId?: () => string;
  logger?: Logger;
}

export interface RequestReturnInput {
  order: Order;
  request: ReturnRequest;
  /** The customer's locale: decides the language of every message of the case. */
  locale: string;
  customer?: CustomerFacts;
  actor?: ReturnActor;
  /** The customer's own words, kept apart from the events (erasable); passed to a platform return. */
  customerNote?: string;
}

export interface RequestReturnResult {
  case: ReturnCaseState;
  decision: ReturnDecision;
  route: ReturnRoute;
  /** The platform return the case mirrors (Shopify), or `null`. */
  platformReturnId: string | null;
}

export interface StaffAction {
  actor: ReturnActor;
  note?: string;
}

export type RefundReturnResult =
  | { outcome: 'refunded'; case: ReturnCaseState; refundId: string; replayed: boolean }
  | { outcome: 'in_progress'; case: ReturnCaseState };

/** What {@link ReturnService.credit} takes. */
export interface CreditReturnAction extends StaffAction {
  /** The credit's value when it differs from the decision's refund (items not as expected). */
  plan?: RefundPlan;
  /**
   * The order, for the customer and the e-mail a credit is bound to (a WooCommerce coupon); the case
   * keeps no e-mail.
   */
  order?: Order;
  /** When the credit expires (ISO 8601); never when left out. */
  expiresAt?: string;
}

export type CreditReturnResult =
  | {
      outcome: 'credited';
      case: ReturnCaseState;
      credit: StoredCredit;
      /** The aftersale refund record of the lines given back for the credit. */
      refundId: string;
      replayed: boolean;
    }
  | { outcome: 'in_progress'; case: ReturnCaseState };

/** What {@link ReturnService.exchange} takes. */
export interface ExchangeReturnInput {
  /** The variants sent instead of the returned lines. */
  newLines: readonly { variantId: string; quantity: number }[];
  action: StaffAction;
  /**
   * New items minus returned value, when the request gave no `exchangePrice` and the policy absorbs a
   * difference only up to a limit (the settlement depends on it).
   */
  expectedDifference?: Money;
}

export type ExchangeReturnResult =
  | {
      outcome: 'exchanged';
      case: ReturnCaseState;
      exchange: PlatformExchange;
      /** The refund record of a difference refunded to the customer, else `null`. */
      refundId: string | null;
      replayed: boolean;
    }
  | { outcome: 'in_progress'; case: ReturnCaseState };

/** A refund of an amount not tied to a return: a gesture of goodwill. */
export interface GoodwillRefundInput {
  order: Order;
  /** In the order's currency, positive, at most what remains refundable on the order. */
  amount: Money;
  /** Why (required; kept for audit, never sent to the customer). */
  reason: string;
  /** A note kept on the platform's refund (no personal data). */
  note?: string;
  actor: ReturnActor;
  /** The customer's locale: the language of the message. */
  locale: string;
  /**
   * The key that makes the refund happen once. @default derived from the order, the amount and the
   * reason: pass one to refund the same amount for the same reason twice on purpose.
   */
  idempotencyKey?: string;
}

/** Cancelling an order nothing of which has shipped, with its refund. */
export interface CancelOrderServiceInput {
  order: Order;
  reason: CancelOrderInput['reason'];
  actor: ReturnActor;
  /** A staff note kept on the platform (no personal data). */
  note?: string;
  /** The customer's locale: the language of the message. */
  locale: string;
  /** Refund what was paid. @default true */
  refund?: boolean;
  /** Put the items back in stock. @default true */
  restock?: boolean;
  /** The key that makes the cancellation happen once. @default derived from the order */
  idempotencyKey?: string;
}

/** What became of a goodwill refund or a cancellation. */
export type OrderMoneyResult =
  | {
      outcome: 'refunded' | 'cancelled';
      refundId: string;
      amount: Money;
      platformRefundId: string | null;
      idempotencyKey: string;
      replayed: boolean;
    }
  | { outcome: 'in_progress'; idempotencyKey: string };

/** What a webhook did to the return cases. */
export type CommerceEventHandling =
  | {
      /** An admin refund resolved the case (`refund-reconciled`). */
      handled: 'reconciled';
      caseId: string;
      refundId: string;
    }
  | {
      /** An admin refund was recorded on a case that cannot be resolved yet; its refund will not pay again. */
      handled: 'recorded';
      caseId: string;
      refundId: string;
    }
  | {
      /** The platform refund is one aftersale made: its platform id was attached to the record. */
      handled: 'matched';
      caseId: string | null;
      refundId: string;
    }
  | {
      /** A platform return's new status moved the case. */
      handled: 'moved';
      caseId: string;
      status: ReturnCaseStatus;
    }
  | {
      handled: 'ignored';
      caseId: string | null;
      reason:
        | 'known_refund'
        | 'no_open_case'
        | 'no_matching_case'
        | 'ambiguous_case'
        | 'money_move_in_progress'
        | 'no_case'
        | 'status_not_mapped'
        | 'invalid_transition'
        | 'not_about_returns';
    };
