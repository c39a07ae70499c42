import type {
  IdempotencyLedger,
  Logger,
  Order,
  OrderNoteInput,
  RefundSuggestion,
  RefundSuggestionRequest,
} from '@aftersale/core';
import type { Clock } from './clock.js';
import type { WooCommerceOrderWithMeta, WooCommerceRefund } from './woocommerce-schemas.js';

/**
 * What the adapter's money-moving operations (store credit, exchanges, cancellations) share: the
 * adapter's requests (one concurrency bound, retries on the injected clock), its readers and its
 * idempotency ledger. Built once by `createWooCommerceAdapter`; not part of the public API.
 */
export interface WooCommerceOperationContext {
  shopId: string;
  /** Send money moves through the payment gateway (`api_refund: true`); the adapter's `gatewayRefunds`. */
  gatewayRefunds: boolean;
  /** A ledger key `pending` for longer than this was left by a crashed worker. */
  staleClaimMs: number;
  clock: Clock;
  logger: Logger;
  /** The idempotency ledger; without it, a retry is recognised only by looking on WooCommerce. */
  ledger: IdempotencyLedger | undefined;
  /** `GET` with retries: the parsed body. */
  read(endpoint: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
  /** `GET` with retries, `null` on 404. */
  readOrNull(endpoint: string, signal?: AbortSignal): Promise<unknown | null>;
  /** Every page of a list. */
  readAll(endpoint: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<unknown[]>;
  /**
   * A write that must land at most once. It is sent; when the answer is lost (a reset, a timeout, a 5xx)
   * `lookup` looks for its effect on WooCommerce before each retry, and the write is sent again only
   * when `lookup` finds nothing. Resolves with the written object (or what `lookup` found).
   */
  write(
    method: 'post' | 'put',
    endpoint: string,
    body: unknown,
    options: { signal?: AbortSignal | undefined; lookup: () => Promise<unknown | null> },
  ): Promise<unknown>;
  /** An order, normalized, with its refunds read in full; `null` when absent. */
  getOrder(orderId: string, signal?: AbortSignal): Promise<Order | null>;
  /** An order as WooCommerce sends it (with its meta) and normalized; `null` when absent. */
  getOrderWithMeta(
    orderId: string,
    signal?: AbortSignal,
  ): Promise<{ raw: WooCommerceOrderWithMeta; order: Order } | null>;
  /** The refund of the order that carries this idempotency key, if any. */
  findRefundByKey(orderId: string, key: string, signal?: AbortSignal): Promise<WooCommerceRefund | null>;
  /** Adds a note to an order (sent once, never retried: a note is not worth a duplicate); its id. */
  addOrderNote(input: OrderNoteInput, signal?: AbortSignal): Promise<{ id: string }>;
  /** The adapter's `suggestRefund`. */
  suggestRefund(request: RefundSuggestionRequest): Promise<RefundSuggestion>;
}
