import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AftersaleError,
  type AftersaleStore,
  type CommerceAdapter,
  type CommerceEvent,
  type CustomerDataExport,
  type Logger,
  silentLogger,
  webhookDedupeKey,
} from '@aftersale/core';

/** What a webhook endpoint needs: the adapter (it verifies) and the store (its inbox keeps deliveries). */
export interface ShopifyWebhookHandlerSettings {
  adapter: Pick<CommerceAdapter, 'verifyWebhook'>;
  store: Pick<AftersaleStore, 'enqueueWebhook'>;
  logger?: Logger;
}

/** The outcome of one delivery, before it becomes an HTTP answer. */
export type WebhookReceipt =
  | { status: 401; reason: string }
  | { status: 200; outcome: 'enqueued' | 'duplicate'; deliveryId: string };

const headerRecord = (headers: Headers | IncomingMessage['headers']): Record<string, string> => {
  const record: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === 'function') {
    (headers as Headers).forEach((value, key) => {
      record[key.toLowerCase()] = value;
    });
    return record;
  }
  for (const [key, value] of Object.entries(headers as IncomingMessage['headers'])) {
    if (value !== undefined) record[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
};

/** Verifies a delivery over its raw bytes and keeps it in the inbox (de-duplicated by webhook id). */
export async function receiveShopifyWebhook(
  settings: ShopifyWebhookHandlerSettings,
  rawBody: Uint8Array,
  headers: Headers | IncomingMessage['headers'],
): Promise<WebhookReceipt> {
  if (!settings.adapter.verifyWebhook) {
    throw new AftersaleError({ code: 'capability_not_supported', message: 'The adapter cannot verify webhooks.' });
  }
  const verification = await settings.adapter.verifyWebhook({ rawBody, headers: headerRecord(headers) });
  if (!verification.valid) {
    (settings.logger ?? silentLogger).warn({ reason: verification.reason }, 'shopify webhook refused');
    return { status: 401, reason: verification.reason };
  }
  const text = new TextDecoder().decode(rawBody);
  const result = await settings.store.enqueueWebhook({
    shopId: verification.shopId,
    platform: 'shopify',
    topic: verification.topic,
    dedupeKey: webhookDedupeKey({ platform: 'shopify', webhookId: verification.webhookId, rawBody }),
    rawBody: text,
    headers: headerRecord(headers),
  });
  return { status: 200, outcome: result.outcome, deliveryId: result.delivery.id };
}

/**
 * A webhook endpoint for the Fetch API (`Request` → `Response`): edge runtimes, Remix, Next.js route
 * handlers. 401 on a bad signature; 200 once the delivery is safely in the inbox.
 *
 * @example
 * ```ts
 * const handle = createShopifyWebhookHandler({ adapter, store });
 * export const POST = (request: Request) => handle(request);
 * ```
 */
export function createShopifyWebhookHandler(
  settings: ShopifyWebhookHandlerSettings,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const receipt = await receiveShopifyWebhook(settings, new Uint8Array(await request.arrayBuffer()), request.headers);
    return new Response(null, { status: receipt.status });
  };
}

/**
 * A webhook endpoint for Node's `http` and Express. It reads the raw body itself; with Express, mount
 * it before any JSON body parser (or give it `express.raw()`), since a re-serialised body fails the
 * signature check.
 */
export function createShopifyNodeWebhookHandler(
  settings: ShopifyWebhookHandlerSettings,
): (request: IncomingMessage & { body?: unknown }, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    let raw: Uint8Array;
    if (request.body instanceof Uint8Array) raw = request.body;
    else {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request)
        chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
      raw = new Uint8Array(Buffer.concat(chunks));
    }
    const receipt = await receiveShopifyWebhook(settings, raw, request.headers);
    response.statusCode = receipt.status;
    response.end();
  };
}

/** What processing does with each kind of event beyond updating the store's snapshots. */
export interface ShopifyWebhookHooks {
  /** A return changed on Shopify (the return-cases module reconciles it with its case). */
  onReturn?: (event: Extract<CommerceEvent, { type: 'return-updated' }>) => Promise<void> | void;
  /** A refund was made on Shopify (by aftersale or in the admin). */
  onRefund?: (event: Extract<CommerceEvent, { type: 'refund-created' }>) => Promise<void> | void;
  /** `customers/data_request`: send the export to the merchant (Shopify expects it within 30 days). */
  onDataRequest?: (data: CustomerDataExport) => Promise<void> | void;
}

/** Options of {@link processShopifyWebhooks}. */
export interface ProcessShopifyWebhooksOptions {
  adapter: Pick<CommerceAdapter, 'parseWebhook' | 'getOrder' | 'shopId'>;
  store: AftersaleStore;
  workerId: string;
  /** At most this many deliveries. @default 10 */
  limit?: number;
  hooks?: ShopifyWebhookHooks;
  /** The time, for retry scheduling. @default Date.now */
  now?: () => number;
  /** When a failed delivery is tried again. @default one minute later */
  retryAt?: (attempts: number) => Date | null;
  logger?: Logger;
}

/**
 * Processes deliveries from the inbox: orders and customers update the stored snapshots, refunds
 * and returns re-read their order (then call their hook), and the compliance topics are served by the store's
 * export and erasure. A delivery that fails is given back for a retry.
 * @returns how many deliveries were completed and failed.
 */
export async function processShopifyWebhooks(
  options: ProcessShopifyWebhooksOptions,
): Promise<{ completed: number; failed: number }> {
  const { adapter, store } = options;
  const logger = options.logger ?? silentLogger;
  const deliveries = await store.claimWebhooks({
    workerId: options.workerId,
    limit: options.limit ?? 10,
    shopId: adapter.shopId,
  });
  let completed = 0;
  let failed = 0;
  for (const delivery of deliveries) {
    try {
      if (delivery.platform !== 'shopify' || delivery.rawBody === null || !adapter.parseWebhook) {
        await store.completeWebhook(delivery.id, delivery.leaseToken ?? '');
        completed++;
        continue;
      }
      const event = await adapter.parseWebhook({ topic: delivery.topic, rawBody: delivery.rawBody });
      const shopId = delivery.shopId;
      switch (event.type) {
        case 'order-updated':
          await store.upsertOrders(shopId, [event.order]);
          break;
        case 'customer-updated':
          await store.upsertCustomers(shopId, [event.customer]);
          break;
        case 'refund-created': {
          const order = await adapter.getOrder(event.orderId);
          if (order) await store.upsertOrders(shopId, [order]);
          await options.hooks?.onRefund?.(event);
          break;
        }
        case 'return-updated': {
          // A return changes its order (returned quantities, a refund when processed): keep it current.
          const order = event.return ? await adapter.getOrder(event.return.orderId) : null;
          if (order) await store.upsertOrders(shopId, [order]);
          await options.hooks?.onReturn?.(event);
          break;
        }
        case 'customer-data-requested': {
          const data = await store.exportCustomerData({
            shopId,
            customerId: event.customerId,
            email: event.email,
            phone: event.phone,
            orderIds: [...event.orderIds],
          });
          await options.hooks?.onDataRequest?.(data);
          break;
        }
        case 'customer-redact-requested':
          await store.eraseCustomer({
            shopId,
            customerId: event.customerId,
            email: event.email,
            phone: event.phone,
            orderIds: [...event.orderIds],
          });
          break;
        case 'shop-redact-requested':
          await store.eraseShop(shopId);
          break;
        default:
          break;
      }
      await store.completeWebhook(delivery.id, delivery.leaseToken ?? '');
      completed++;
    } catch (error) {
      failed++;
      const code = AftersaleError.isInstance(error) ? error.code : 'unexpected_error';
      logger.warn({ topic: delivery.topic, code }, 'shopify webhook processing failed');
      const now = options.now?.() ?? Date.now();
      const retryAt = options.retryAt ? options.retryAt(delivery.attempts) : new Date(now + 60_000);
      await store.failWebhook(delivery.id, delivery.leaseToken ?? '', { error: code, retryAt });
    }
  }
  return { completed, failed };
}
