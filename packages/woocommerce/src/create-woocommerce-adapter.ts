import { createHash } from 'node:crypto';
import {
  type AdapterCallOptions,
  type AdapterCapability,
  type AdapterListOptions,
  AftersaleError,
  add,
  aftersaleErrorFromZod,
  allocate,
  type CancelOrderInput,
  type CancelOrderResult,
  type CommerceAdapter,
  type CommerceEvent,
  type CreateRefundOptions,
  type CreateRefundResult,
  type Customer,
  compareRefundSuggestion,
  type ExchangeOperations,
  type IdempotencyLedger,
  type LedgerEntry,
  type Logger,
  type Money,
  type Order,
  type OrderNoteInput,
  type ProductFacts,
  type RefundPlan,
  type RefundPlanLine,
  type RefundSuggestion,
  type RefundSuggestionRequest,
  remainingRefundable,
  type StoreCreditOperations,
  silentLogger,
  subtract,
  sum,
  toDecimalString,
  type WebhookInbox,
  type WebhookVerification,
  type WebhookVerificationInput,
  zero,
} from '@aftersale/core';
import pLimit from 'p-limit';
import { z } from 'zod';
import { buildWooCommerceRefundRequest, checkRefundPlan } from './build-woocommerce-refund-request.js';
import { createWooCommerceCancellation } from './cancel-woocommerce-order.js';
import { type Clock, systemClock } from './clock.js';
import { createWooCommerceExchange } from './create-woocommerce-exchange.js';
import { createWooCommerceStoreCredit, type IssueWooCommerceStoreCredit } from './issue-woocommerce-store-credit.js';
import { mapWooCommerceCustomer } from './map-woocommerce-customer.js';
import { mapWooCommerceOrder, parseWooCommerceRefund } from './map-woocommerce-order.js';
import { mapWooCommerceProduct } from './map-woocommerce-product.js';
import { idempotencyMetaKey, mapWooCommerceRefund, refundIdempotencyKey } from './map-woocommerce-refund.js';
import { shopIdFromUrl } from './shop-id-from-url.js';
import { verifyWooCommerceWebhook, type WooCommerceWebhookSecret } from './verify-woocommerce-webhook.js';
import {
  createRestClient,
  describeFailure,
  type RetrySettings,
  responseJson,
  totalPages,
  type WooCommerceResponse,
  type WooCommerceRestClient,
  withRetries,
} from './woocommerce-http.js';
import type { WooCommerceOperationContext } from './woocommerce-operation-context.js';
import { wooCommerceOrderNoteSchema, wooCommerceOrderWithMetaSchema } from './woocommerce-schemas.js';

/** What the adapter needs of an `AftersaleStore`: the idempotency ledger (and the inbox for webhooks). */
export type WooCommerceAdapterStore = IdempotencyLedger & Partial<Pick<WebhookInbox, 'enqueueWebhook'>>;

/** Settings of {@link createWooCommerceAdapter}. */
export interface WooCommerceAdapterSettings {
  /** The site URL exactly as WordPress knows it (`https://shop.example.com`); OAuth signs against it. */
  url: string;
  /** REST API consumer key (`ck_…`). @default process.env.WOOCOMMERCE_CONSUMER_KEY */
  consumerKey?: string;
  /** REST API consumer secret (`cs_…`). @default process.env.WOOCOMMERCE_CONSUMER_SECRET */
  consumerSecret?: string;
  /** Holds the idempotency ledger; without it a retried refund is found only by looking on WooCommerce. */
  store?: WooCommerceAdapterStore;
  /** The shop key of every record. @default the site URL without a trailing slash */
  shopId?: string;
  /**
   * Ask the payment gateway to send the money back (`api_refund: true`) for refunds, an exchange's
   * difference and a cancellation's refund. Off by default: WooCommerce then records the refund and the
   * merchant pays it back outside (bank transfer, cash on delivery), and a gateway without automatic
   * refunds does not make the refund fail. Store credit never goes through the gateway. @default false
   */
  gatewayRefunds?: boolean;
  /** Records per page (WooCommerce allows at most 100). @default 100 */
  pageSize?: number;
  /** Pages fetched at once. @default 4 */
  concurrency?: number;
  /** Retries of failed reads (and of refund attempts after looking). */
  retry?: Partial<RetrySettings>;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  /** How long product facts (tags, categories) stay cached. @default 600000 */
  productCacheTtlMs?: number;
  /**
   * A ledger key still `pending` after this long is treated as abandoned by a crashed worker: the
   * adapter looks on WooCommerce and, if the refund is not there, issues it. @default 120000
   */
  staleClaimMs?: number;
  /** Secrets of the shop's webhooks; enables `verifyWebhook` and `parseWebhook`. */
  webhookSecret?: WooCommerceWebhookSecret;
  /**
   * Issues store credit through the shop's store-credit plugin (a wallet, a gift-card balance) instead of
   * a single-customer coupon: `storeCredit.issue` still refunds the lines on the order's books, then
   * calls this with the amount (total plus bonus) and the idempotency key, on which the function must
   * de-duplicate. Without it the credit is a `fixed_cart` coupon usable once by the customer's e-mail.
   *
   * @example
   * ```ts
   * issueStoreCredit: async (credit) => {
   *   const entry = await wallet.credit(credit.customerId, credit.amount, { reference: credit.idempotencyKey });
   *   return { id: entry.id, code: null, replayed: entry.existing };
   * }
   * ```
   */
  issueStoreCredit?: IssueWooCommerceStoreCredit;
  /** The shop's language for customers (`tr-TR`); WooCommerce keeps none per customer. */
  locale?: string;
  /** An injected client (tests); by default `@woocommerce/woocommerce-rest-api`. */
  client?: WooCommerceRestClient;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The WooCommerce adapter: core's commerce adapter with store credit, exchanges, cancellations and
 * order notes, plus cached product facts.
 */
export interface WooCommerceAdapter extends CommerceAdapter {
  readonly platform: 'woocommerce';
  /** Store credit: the lines refunded without the gateway, then a single-customer coupon (or the plugin's credit). */
  readonly storeCredit: StoreCreditOperations;
  /** Exchanges: a replacement order credited with the returned value, the difference settled. */
  readonly exchanges: ExchangeOperations;
  /** Cancels an unshipped order with the refund of what is left; a shipped one is `rejected`. */
  cancelOrder(input: CancelOrderInput, options: CreateRefundOptions): Promise<CancelOrderResult>;
  /**
   * Adds a note to an order (private unless `customerVisible`: WooCommerce e-mails customer notes), to
   * record a return case's steps on it. Sent once, never retried. Resolves with the note's id.
   */
  addOrderNote(input: OrderNoteInput, options?: AdapterCallOptions): Promise<{ id: string }>;
  /** Product facts (tags, categories by slug) by product id, cached. */
  getProductFacts(productIds: readonly string[], options?: AdapterCallOptions): Promise<Map<string, ProductFacts>>;
}

const settingsSchema = z.object({
  url: z
    .string({ error: 'is required: the site URL, such as https://shop.example.com' })
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL'),
  consumerKey: z.string({ error: 'is required: pass consumerKey or set WOOCOMMERCE_CONSUMER_KEY' }).min(1),
  consumerSecret: z.string({ error: 'is required: pass consumerSecret or set WOOCOMMERCE_CONSUMER_SECRET' }).min(1),
  pageSize: z.number().int().min(1).max(100, 'WooCommerce allows at most 100 per page'),
  concurrency: z.number().int().min(1).max(32),
  timeoutMs: z.number().int().positive(),
  gatewayRefunds: z.boolean(),
  retry: z.object({
    attempts: z.number().int().min(1).max(20),
    baseDelayMs: z.number().nonnegative(),
    maxDelayMs: z.number().nonnegative(),
  }),
  productCacheTtlMs: z.number().nonnegative(),
  staleClaimMs: z.number().nonnegative(),
  store: z
    .custom<WooCommerceAdapterStore>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ['claimIdempotencyKey', 'recordIdempotencyOutcome'].every(
          (method) => typeof (value as Record<string, unknown>)[method] === 'function',
        ),
      {
        error:
          'must be an AftersaleStore (createMemoryStore, createSqliteStore or createPostgresStore from @aftersale/storage)',
      },
    )
    .optional(),
  webhookSecret: z
    .union(
      [
        z.string().min(1),
        z.array(z.string().min(1)).min(1),
        z.custom<(id: string) => string>((value) => typeof value === 'function'),
      ],
      {
        error: 'must be the webhook secret, a list of secrets, or a function from the webhook id to its secret',
      },
    )
    .optional(),
  issueStoreCredit: z
    .custom<IssueWooCommerceStoreCredit>((value) => typeof value === 'function', {
      error: 'must be a function from the credit to a promise of { id, code }',
    })
    .optional(),
  clock: z
    .custom<Clock>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Clock).now === 'function' &&
        typeof (value as Clock).sleep === 'function',
      { error: 'must have now() and sleep(ms, signal)' },
    )
    .optional(),
});

function validateSettings(settings: WooCommerceAdapterSettings) {
  const parsed = settingsSchema.safeParse({
    url: settings.url,
    consumerKey: settings.consumerKey ?? process.env.WOOCOMMERCE_CONSUMER_KEY,
    consumerSecret: settings.consumerSecret ?? process.env.WOOCOMMERCE_CONSUMER_SECRET,
    pageSize: settings.pageSize ?? 100,
    concurrency: settings.concurrency ?? 4,
    timeoutMs: settings.timeoutMs ?? 30_000,
    gatewayRefunds: settings.gatewayRefunds ?? false,
    retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, ...settings.retry },
    productCacheTtlMs: settings.productCacheTtlMs ?? 600_000,
    staleClaimMs: settings.staleClaimMs ?? 120_000,
    store: settings.store,
    webhookSecret: settings.webhookSecret,
    issueStoreCredit: settings.issueStoreCredit,
    clock: settings.clock,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AftersaleError({
      code: 'invalid_config',
      message: `Invalid WooCommerce adapter settings: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
  return parsed.data;
}

/**
 * The product ids that a page of raw orders names (line items' `product_id`, `0` left out), read before
 * the orders are validated: anything malformed is left for the order's validation to report.
 */
function productIdsOf(raws: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of raws) {
    const lines = (raw as { line_items?: unknown } | null)?.line_items;
    if (!Array.isArray(lines)) continue;
    for (const line of lines as ({ product_id?: unknown } | null)[]) {
      const id = String(line?.product_id ?? '');
      if (id !== '' && id !== '0') ids.push(id);
    }
  }
  return ids;
}

/** A stable hash of a refund plan: a different plan under the same key is a bug. */
function fingerprintOf(plan: RefundPlan): string {
  const canonical = {
    orderId: plan.orderId,
    currency: plan.currency,
    lines: plan.lines.map((line) => [line.lineItemId, line.quantity, line.amount.amount, line.tax.amount]),
    shipping: plan.shipping?.amount ?? 0,
    total: plan.total.amount,
    restock: plan.restock ?? false,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Creates the WooCommerce adapter on `@woocommerce/woocommerce-rest-api` (REST API v3). Settings are
 * validated once, here, and every problem is reported in one `invalid_config` error.
 *
 * Reads page with `per_page` 100, fetch pages with bounded concurrency and retry with backoff (each
 * attempt a freshly signed request; the `Link` header is never followed, since it repeats the old
 * OAuth signature). Refunds are exactly-once per idempotency key: the key is claimed in the store's
 * ledger, written into the refund's reason and meta, looked for on WooCommerce before any retry, and
 * a refund never exceeds WooCommerce's remaining refundable amount. Store credit (a refund without the
 * gateway and a single-customer coupon, or `issueStoreCredit`), exchanges (a replacement order),
 * cancellations and order notes are declared capabilities; the money-moving ones are exactly-once in
 * the same way, each step looked for on WooCommerce before it is sent.
 *
 * @example
 * ```ts
 * const adapter = createWooCommerceAdapter({ url: 'https://shop.example.com', store });
 * const order = await adapter.getOrder('16');
 * ```
 */
export function createWooCommerceAdapter(settings: WooCommerceAdapterSettings): WooCommerceAdapter {
  const config = validateSettings(settings);
  const clock = settings.clock ?? systemClock;
  const logger = settings.logger ?? silentLogger;
  const store = settings.store;
  const shopId = settings.shopId ?? shopIdFromUrl(config.url);
  const client =
    settings.client ??
    createRestClient({
      url: config.url,
      consumerKey: config.consumerKey,
      consumerSecret: config.consumerSecret,
      timeoutMs: config.timeoutMs,
    });
  const productCache = new Map<string, { facts: ProductFacts; at: number }>();
  const retryOptions = (signal?: AbortSignal) => ({ retry: config.retry, clock, logger, signal });
  // Every request of this adapter (list pages, product look-ups, refunds) shares one bound.
  const limit = pLimit(config.concurrency);

  const get = (endpoint: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<WooCommerceResponse> =>
    withRetries(`GET ${endpoint}`, () => limit(() => client.get(endpoint, params)), retryOptions(signal));

  /** GET that answers null on 404. */
  async function getOrNull(endpoint: string, signal?: AbortSignal): Promise<unknown | null> {
    try {
      return responseJson((await get(endpoint, {}, signal)).data);
    } catch (error) {
      if (
        AftersaleError.hasCode(error, 'platform_rejected') &&
        (error.details.status === 404 || error.details.status === 400)
      ) {
        return null;
      }
      throw error;
    }
  }

  /**
   * Every page of a list, in order: the first page tells how many there are, the others are fetched
   * `concurrency` at a time, each a new signed request for `page=N`. A body is parsed when its turn
   * comes, not on arrival: a page waiting in flight stays one string (which the garbage collector
   * never copies), and a parsed page is garbage by the time the next one is parsed.
   */
  async function* pages(
    endpoint: string,
    params: Record<string, unknown>,
    options: AdapterListOptions = {},
  ): AsyncGenerator<unknown[]> {
    const perPage = Math.min(100, Math.max(1, options.pageSize ?? config.pageSize));
    const fetchPage = async (page: number) => {
      const response = await get(endpoint, { ...params, per_page: perPage, page }, options.signal);
      return { data: response.data, pages: totalPages(response, perPage) };
    };
    const bodyOf = (page: number, data: unknown): unknown[] => {
      const body = responseJson(data);
      if (!Array.isArray(body)) {
        throw new AftersaleError({
          code: 'platform_rejected',
          message: `WooCommerce answered GET ${endpoint} page ${page} with something that is not a list.`,
        });
      }
      return body;
    };
    const first = await fetchPage(1);
    yield bodyOf(1, first.data);
    const last = first.pages;
    const inFlight = new Map<number, Promise<{ data: unknown }>>();
    let nextPage = 2;
    const fill = () => {
      while (nextPage <= last && inFlight.size < config.concurrency) {
        const promise = fetchPage(nextPage);
        promise.catch(() => undefined);
        inFlight.set(nextPage, promise);
        nextPage++;
      }
    };
    for (let page = 2; page <= last; page++) {
      options.signal?.throwIfAborted();
      fill();
      const result = await (inFlight.get(page) as Promise<{ data: unknown }>);
      inFlight.delete(page);
      fill();
      yield bodyOf(page, result.data);
    }
  }

  async function getProductFacts(productIds: readonly string[], options: AdapterCallOptions = {}) {
    const now = clock.now();
    const wanted = [...new Set(productIds)].filter((id) => {
      const cached = productCache.get(id);
      return cached === undefined || now - cached.at > config.productCacheTtlMs;
    });
    for (let index = 0; index < wanted.length; index += 100) {
      const batch = wanted.slice(index, index + 100);
      for await (const page of pages(
        'products',
        { include: batch.join(',') },
        { pageSize: 100, ...(options.signal ? { signal: options.signal } : {}) },
      )) {
        for (const raw of page) {
          const facts = mapWooCommerceProduct(raw);
          productCache.set(facts.id, {
            facts: { tags: facts.tags, categories: facts.categories, type: facts.type, vendor: facts.vendor },
            at: now,
          });
        }
      }
      for (const id of batch)
        if (!productCache.has(id)) productCache.set(id, { facts: { tags: [], categories: [] }, at: now });
    }
    const result = new Map<string, ProductFacts>();
    for (const id of productIds) {
      const cached = productCache.get(id);
      if (cached !== undefined) result.set(id, cached.facts);
    }
    return result;
  }

  async function orderRefunds(orderId: string, signal?: AbortSignal): Promise<unknown[]> {
    const all: unknown[] = [];
    for await (const page of pages(`orders/${orderId}/refunds`, {}, signal ? { signal } : {})) all.push(...page);
    return all;
  }

  /**
   * What mapping a page of raw orders needs, fetched once for the page (the full refunds of the orders
   * that have some, product facts), and the function that maps each order with it. The orders are
   * mapped one by one as they are read, so each normalized order is garbage as soon as its reader
   * is done with it.
   */
  async function orderMapper(raws: readonly unknown[], signal?: AbortSignal): Promise<(raw: unknown) => Order> {
    const products = await getProductFacts(productIdsOf(raws), signal ? { signal } : {});
    const refunds = new Map<string, unknown[]>();
    const withRefunds = raws.filter((raw) => ((raw as { refunds?: unknown[] }).refunds ?? []).length > 0);
    // The adapter's request limit bounds how many of these are in flight.
    await Promise.all(
      withRefunds.map(async (raw) => {
        const id = String((raw as { id: unknown }).id);
        refunds.set(id, await orderRefunds(id, signal));
      }),
    );
    const withoutRefunds = { products };
    return (raw) => {
      const full = refunds.size === 0 ? undefined : refunds.get(String((raw as { id: unknown }).id));
      return mapWooCommerceOrder(raw, full === undefined ? withoutRefunds : { products, refunds: full });
    };
  }

  /** Maps a page of raw orders (see {@link orderMapper}). */
  async function mapOrders(raws: readonly unknown[], signal?: AbortSignal): Promise<Order[]> {
    return raws.map(await orderMapper(raws, signal));
  }

  async function* listOrders(params: Record<string, unknown>, options: AdapterListOptions = {}): AsyncGenerator<Order> {
    for await (const page of pages('orders', params, options)) {
      const map = await orderMapper(page, options.signal);
      for (let index = 0; index < page.length; index++) {
        const raw = page[index];
        // The page is this generator's own: a payload is let go as soon as it is mapped, so the
        // garbage collector does not keep copying the orders already read.
        page[index] = undefined;
        yield map(raw);
      }
    }
  }

  async function getOrder(orderId: string, options: AdapterCallOptions = {}): Promise<Order | null> {
    if (!/^\d+$/.test(orderId)) return null;
    const raw = await getOrNull(`orders/${orderId}`, options.signal);
    if (raw === null) return null;
    const [order] = await mapOrders([raw], options.signal);
    return order ?? null;
  }

  async function getCustomer(customerId: string, options: AdapterCallOptions = {}): Promise<Customer | null> {
    if (!/^\d+$/.test(customerId)) return null;
    const raw = await getOrNull(`customers/${customerId}`, options.signal);
    return raw === null ? null : mapWooCommerceCustomer(raw, { locale: settings.locale ?? null });
  }

  /** The refund on WooCommerce carrying this idempotency key, if any. */
  async function findRefundByKey(orderId: string, key: string, signal?: AbortSignal) {
    for (const raw of await orderRefunds(orderId, signal)) {
      const refund = parseWooCommerceRefund(raw);
      if (refundIdempotencyKey(refund) === key) return refund;
    }
    return null;
  }

  async function record(key: string, state: LedgerEntry['state'], result: unknown, error?: string): Promise<void> {
    if (store === undefined) return;
    await store.recordIdempotencyOutcome({ shopId, key, state, result, ...(error === undefined ? {} : { error }) });
  }

  async function createRefund(plan: RefundPlan, options: CreateRefundOptions): Promise<CreateRefundResult> {
    const key = options.idempotencyKey;
    const signal = options.signal;
    if (key.trim() === '' || key.length > 200) {
      throw new AftersaleError({ code: 'invalid_input', message: 'idempotencyKey must be 1 to 200 characters.' });
    }
    // A plan that does not add up is refused before its key is claimed or anything is read.
    checkRefundPlan(plan);
    const fingerprint = fingerprintOf(plan);
    const created = (raw: unknown, currency: string, replayed: boolean): CreateRefundResult => {
      const refund = mapWooCommerceRefund(parseWooCommerceRefund(raw), currency);
      return { outcome: 'created', refund, platformRefundId: refund.id, replayed, idempotencyKey: key };
    };
    if (store !== undefined) {
      const claim = await store.claimIdempotencyKey({ shopId, key, operation: 'refund', fingerprint });
      if (claim.outcome === 'held') {
        const entry = claim.entry;
        if (entry.fingerprint !== null && entry.fingerprint !== fingerprint) {
          throw new AftersaleError({
            code: 'idempotency_conflict',
            message: `Idempotency key ${key} already guards a different refund; use a new key for a different refund.`,
          });
        }
        if (entry.state === 'failed') {
          return {
            outcome: 'rejected',
            userErrors: [{ field: 'refund', message: entry.error ?? 'rejected earlier', code: null }],
            idempotencyKey: key,
          };
        }
        // succeeded, unknown or pending: look on WooCommerce first.
        const found = await findRefundByKey(plan.orderId, key, signal);
        if (found !== null) {
          if (entry.state !== 'succeeded') await record(key, 'succeeded', { platformRefundId: String(found.id) });
          return created(found, plan.currency, true);
        }
        const abandoned = entry.state === 'unknown' || clock.now() - Date.parse(entry.updatedAt) > config.staleClaimMs;
        if (entry.state === 'pending' && !abandoned) return { outcome: 'in_progress', idempotencyKey: key };
        if (entry.state === 'succeeded') {
          throw new AftersaleError({
            code: 'store_corrupt',
            message: `The ledger says refund ${key} succeeded but WooCommerce order ${plan.orderId} has no refund with that key.`,
          });
        }
        logger.warn({ key, state: entry.state }, 'woocommerce refund key taken over');
      }
    } else {
      const found = await findRefundByKey(plan.orderId, key, signal);
      if (found !== null) return created(found, plan.currency, true);
    }

    // Never more than WooCommerce's remaining refundable amount: check first (WooCommerce refuses too).
    const order = await getOrder(plan.orderId, signal ? { signal } : {});
    if (order === null) {
      await record(key, 'failed', null, 'order not found');
      return {
        outcome: 'rejected',
        userErrors: [{ field: 'orderId', message: `Order ${plan.orderId} does not exist.`, code: 'not_found' }],
        idempotencyKey: key,
      };
    }
    const remaining = remainingRefundable(order);
    if (plan.total.amount > remaining.amount) {
      const message = `Refund ${toDecimalString(plan.total)} exceeds the remaining refundable ${toDecimalString(remaining)}.`;
      await record(key, 'failed', null, message);
      return {
        outcome: 'rejected',
        userErrors: [{ field: 'total', message, code: 'exceeds_refundable' }],
        idempotencyKey: key,
      };
    }
    const body = buildWooCommerceRefundRequest(order, plan, {
      idempotencyKey: key,
      gatewayRefund: config.gatewayRefunds,
      metaKey: idempotencyMetaKey,
    });

    // A reset after the write, a timeout or a 5xx leaves it unknown whether the refund landed: before
    // each retry, look for it on WooCommerce, and send again only when it is not there.
    const endpoint = `orders/${plan.orderId}/refunds`;
    try {
      const raw = await withRetries(
        `POST ${endpoint}`,
        async () => responseJson((await limit(() => client.post(endpoint, body))).data),
        {
          ...retryOptions(signal),
          beforeRetry: async () => {
            const found = await findRefundByKey(plan.orderId, key, signal);
            return found === null ? { found: false } : { found: true, value: found };
          },
        },
      );
      const result = created(raw, order.currency, false);
      await record(key, 'succeeded', {
        platformRefundId: result.outcome === 'created' ? result.platformRefundId : null,
      });
      return result;
    } catch (error) {
      if (signal?.aborted === true) {
        await record(key, 'unknown', null, 'aborted while the refund was being sent');
        throw error;
      }
      const status = AftersaleError.isInstance(error) ? error.details.status : undefined;
      if (AftersaleError.hasCode(error, 'platform_rejected')) {
        const failure = describeFailure(error.cause);
        await record(key, 'failed', null, `${failure.code ?? failure.status}: ${failure.message}`);
        return {
          outcome: 'rejected',
          userErrors: [{ field: 'refund', message: failure.message, code: failure.code }],
          idempotencyKey: key,
        };
      }
      if (AftersaleError.hasCode(error, 'platform_auth_failed')) {
        await record(key, 'failed', null, `HTTP ${String(status)}: the credentials were refused`);
        throw error;
      }
      await record(key, 'unknown', null, String((error as Error)?.message ?? error));
      throw error;
    }
  }

  async function suggestRefund(request: RefundSuggestionRequest): Promise<RefundSuggestion> {
    const order = await getOrder(request.orderId, request.signal ? { signal: request.signal } : {});
    if (order === null) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Order ${request.orderId} does not exist on WooCommerce.`,
      });
    }
    const currency = order.currency;
    const refunded = new Map<string, { quantity: number; net: number; tax: number }>();
    for (const refund of order.refunds) {
      for (const line of refund.lines) {
        const entry = refunded.get(line.lineItemId) ?? { quantity: 0, net: 0, tax: 0 };
        entry.quantity += line.quantity;
        entry.net += line.subtotal.amount;
        entry.tax += line.tax.amount;
        refunded.set(line.lineItemId, entry);
      }
    }
    const lines: RefundPlanLine[] = request.lines.map((wanted) => {
      const line = order.lines.find((candidate) => candidate.id === wanted.lineItemId);
      if (line === undefined) {
        throw new AftersaleError({
          code: 'unknown_line_item',
          message: `Order ${order.id} has no line ${wanted.lineItemId}.`,
        });
      }
      const done = refunded.get(line.id) ?? { quantity: 0, net: 0, tax: 0 };
      const left = line.quantity - done.quantity;
      if (wanted.quantity > left || wanted.quantity < 0) {
        throw new AftersaleError({
          code: 'exceeds_refundable',
          message: `Line ${line.id} has ${left} unit(s) left to refund, not ${wanted.quantity}.`,
        });
      }
      const tax = sum(
        line.taxLines.map((t) => t.amount),
        currency,
      );
      const gross = subtract(
        line.unitPrice.amount * line.quantity === 0
          ? zero(currency)
          : { amount: line.unitPrice.amount * line.quantity, currency },
        sum(
          line.discountAllocations.map((d) => d.amount),
          currency,
        ),
      );
      const net = order.taxesIncluded ? subtract(gross, tax) : gross;
      const netLeft = subtract(net, { amount: done.net, currency });
      const taxLeft = subtract(tax, { amount: done.tax, currency });
      const share = (amount: Money) =>
        wanted.quantity === 0 || left === 0
          ? zero(currency)
          : wanted.quantity === left
            ? amount
            : (allocate(amount, [wanted.quantity, left - wanted.quantity])[0] as Money);
      return { lineItemId: line.id, quantity: wanted.quantity, amount: share(netLeft), tax: share(taxLeft) };
    });
    const shippingCharged = sum(
      order.shippingLines.map((line) =>
        order.taxesIncluded
          ? line.price
          : add(
              line.price,
              sum(
                line.taxLines.map((t) => t.amount),
                currency,
              ),
            ),
      ),
      currency,
    );
    const shippingRefunded = sum(
      order.refunds.map((refund) => refund.shipping ?? zero(currency)),
      currency,
    );
    const shipping = request.refundShipping ? subtract(shippingCharged, shippingRefunded) : zero(currency);
    const total = add(
      sum(
        lines.flatMap((line) => [line.amount, line.tax]),
        currency,
      ),
      shipping,
    );
    const suggestion = { lines, shipping, total };
    return {
      orderId: order.id,
      currency,
      lines,
      shipping,
      total,
      maximumRefundable: remainingRefundable(order),
      comparison: request.compareWith === undefined ? null : compareRefundSuggestion(suggestion, request.compareWith),
    };
  }

  async function parseWebhook(
    delivery: { topic: string; rawBody: string },
    options: AdapterCallOptions = {},
  ): Promise<CommerceEvent> {
    const topic = delivery.topic;
    const [resource, event] = topic.split('.');
    if (topic === 'action.woocommerce_order_refunded') {
      const body = JSON.parse(delivery.rawBody) as { arg?: unknown };
      const orderId = String(body.arg);
      const order = await getOrder(orderId, options);
      const newest = order?.refunds.reduce<Order['refunds'][number] | undefined>(
        (best, refund) => (best === undefined || Number(refund.id) > Number(best.id) ? refund : best),
        undefined,
      );
      if (newest === undefined) return { type: 'webhook-ignored', topic };
      return { type: 'refund-created', topic, orderId, refund: newest };
    }
    if (resource === 'order') {
      const body = JSON.parse(delivery.rawBody) as { id?: unknown; refunds?: unknown[] };
      if (event === 'deleted') return { type: 'order-deleted', topic, orderId: String(body.id) };
      // A delivery is the order's current state; refunds are re-read in full when it has some.
      const [order] = await mapOrders([body], options.signal);
      if (order === undefined) return { type: 'webhook-ignored', topic };
      return { type: 'order-updated', topic, order };
    }
    if (resource === 'customer') {
      const body = JSON.parse(delivery.rawBody) as { id?: unknown };
      if (event === 'deleted') return { type: 'customer-deleted', topic, customerId: String(body.id) };
      return {
        type: 'customer-updated',
        topic,
        customer: mapWooCommerceCustomer(body, { locale: settings.locale ?? null }),
      };
    }
    return { type: 'webhook-ignored', topic };
  }

  const noteInputSchema = z.object({
    orderId: z.string().regex(/^\d+$/, 'must be a WooCommerce order id'),
    text: z.string().trim().min(1, 'must not be empty'),
    customerVisible: z.boolean().default(false),
  });
  async function addOrderNote(input: OrderNoteInput, signal?: AbortSignal): Promise<{ id: string }> {
    const parsed = noteInputSchema.safeParse(input);
    if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'order note' });
    const { orderId, text, customerVisible } = parsed.data;
    const endpoint = `orders/${orderId}/notes`;
    // A note is not idempotent on WooCommerce: a failed POST is reported, not repeated.
    const response = await withRetries(
      `POST ${endpoint}`,
      () => limit(() => client.post(endpoint, { note: text, customer_note: customerVisible })),
      { ...retryOptions(signal), retry: { ...config.retry, attempts: 1 } },
    );
    const note = wooCommerceOrderNoteSchema.safeParse(responseJson(response.data));
    if (!note.success)
      throw aftersaleErrorFromZod(note.error, { code: 'invalid_order', subject: 'WooCommerce order note' });
    return { id: String(note.data.id) };
  }

  const operations: WooCommerceOperationContext = {
    shopId,
    gatewayRefunds: config.gatewayRefunds,
    staleClaimMs: config.staleClaimMs,
    clock,
    logger,
    ledger: store,
    read: async (endpoint, params, signal) => responseJson((await get(endpoint, params, signal)).data),
    readOrNull: getOrNull,
    async readAll(endpoint, params, signal) {
      const all: unknown[] = [];
      for await (const page of pages(endpoint, params, signal ? { signal } : {})) all.push(...page);
      return all;
    },
    write: (method, endpoint, body, { signal, lookup }) =>
      withRetries(
        `${method.toUpperCase()} ${endpoint}`,
        async () => responseJson((await limit(() => client[method](endpoint, body))).data),
        {
          ...retryOptions(signal),
          beforeRetry: async () => {
            const found = await lookup();
            return found === null ? { found: false } : { found: true, value: found };
          },
        },
      ),
    getOrder: (orderId, signal) => getOrder(orderId, signal ? { signal } : {}),
    async getOrderWithMeta(orderId, signal) {
      if (!/^\d+$/.test(orderId)) return null;
      const raw = await getOrNull(`orders/${orderId}`, signal);
      if (raw === null) return null;
      const parsed = wooCommerceOrderWithMetaSchema.safeParse(raw);
      if (!parsed.success)
        throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce order' });
      const [order] = await mapOrders([raw], signal);
      return order === undefined ? null : { raw: parsed.data, order };
    },
    findRefundByKey,
    addOrderNote,
    suggestRefund,
  };

  const capabilities = new Set<AdapterCapability>([
    'store_credit',
    'exchanges',
    'cancellations',
    'order_notes',
    ...(settings.webhookSecret === undefined ? [] : (['webhooks'] as const)),
  ]);
  const webhookSecret = settings.webhookSecret;

  const adapter: WooCommerceAdapter = {
    specificationVersion: 'v1',
    platform: 'woocommerce',
    shopId,
    capabilities,
    getOrder,
    listOrdersUpdatedSince(since, options) {
      return listOrders(
        { modified_after: since.toISOString(), dates_are_gmt: true, orderby: 'modified', order: 'asc' },
        options,
      );
    },
    async *listCustomerOrders(customerId, options = {}) {
      const registered = /^\d+$/.test(customerId);
      const customer = registered ? await getCustomer(customerId, options) : null;
      const email = (registered ? customer?.email : customerId)?.toLowerCase() ?? null;
      const orders: Order[] = [];
      if (registered) {
        for await (const order of listOrders({ customer: customerId, orderby: 'date', order: 'asc' }, options))
          orders.push(order);
      }
      // Guest orders (customer id 0) belong to the person by e-mail.
      if (email !== null && email !== '') {
        for await (const order of listOrders({ search: email, customer: 0, orderby: 'date', order: 'asc' }, options)) {
          if (order.customer?.id == null && order.email?.toLowerCase() === email) orders.push(order);
        }
      }
      orders.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || Number(a.id) - Number(b.id));
      yield* orders;
    },
    async *listCustomers(options = {}) {
      for await (const page of pages('customers', { role: 'all', orderby: 'id', order: 'asc' }, options)) {
        for (const raw of page) yield mapWooCommerceCustomer(raw, { locale: settings.locale ?? null });
      }
    },
    getCustomer,
    suggestRefund,
    createRefund,
    storeCredit: createWooCommerceStoreCredit(operations, {
      couponSecret: config.consumerSecret,
      issueStoreCredit: settings.issueStoreCredit,
    }),
    exchanges: createWooCommerceExchange(operations),
    cancelOrder: createWooCommerceCancellation(operations),
    addOrderNote: (input, options = {}) => addOrderNote(input, options.signal),
    getProductFacts,
    ...(webhookSecret === undefined
      ? {}
      : {
          async verifyWebhook(input: WebhookVerificationInput): Promise<WebhookVerification> {
            const result = verifyWooCommerceWebhook({ ...input, secret: webhookSecret });
            if (!result.valid) return result;
            const { kind: _kind, ...facts } = result;
            return {
              valid: true,
              platform: 'woocommerce',
              topic: facts.topic,
              webhookId: facts.webhookId,
              shopId: result.kind === 'ping' ? shopId : facts.shopId,
              apiVersion: null,
              eventId: null,
              triggeredAt: null,
            };
          },
          parseWebhook,
        }),
  };
  return adapter;
}
