import type { IncomingMessage, ServerResponse } from 'node:http';
import { type EnqueueResult, type Logger, silentLogger, type WebhookInbox } from '@aftersale/core';
import { headerRecord } from './read-header.js';
import {
  verifyWooCommerceWebhook,
  type WooCommerceWebhookDelivery,
  type WooCommerceWebhookSecret,
} from './verify-woocommerce-webhook.js';

/** Settings of {@link createWooCommerceWebhookHandler}. */
export interface WooCommerceWebhookHandlerSettings {
  /** The webhooks' secrets (one, several, or by `X-WC-Webhook-ID`). */
  secret: WooCommerceWebhookSecret;
  /** The inbox that keeps verified deliveries, de-duplicated (an `AftersaleStore`). */
  store: Pick<WebhookInbox, 'enqueueWebhook'>;
  /**
   * Accept deliveries only from this shop (its home URL, as the adapter's `shopId`); a delivery
   * whose `X-WC-Webhook-Source` differs is refused. @default any shop
   */
  shopId?: string;
  /** Called after a delivery was kept or found to be a duplicate. */
  onDelivery?: (delivery: WooCommerceWebhookDelivery, result: EnqueueResult) => void | Promise<void>;
  /** @default silentLogger */
  logger?: Logger;
}

/** What a webhook request came to. */
export interface WooCommerceWebhookOutcome {
  status: 200 | 401 | 500;
  outcome: 'ping' | 'enqueued' | 'duplicate' | 'rejected' | 'failed';
  /** Why it was rejected or failed. */
  reason?: string;
}

/** Fetch API and Node `http` handlers for WooCommerce webhooks. */
export interface WooCommerceWebhookHandler {
  /** Handles raw bytes and headers (what both handlers use). */
  handle(
    rawBody: Uint8Array,
    headers: Headers | Record<string, string | string[] | undefined>,
  ): Promise<WooCommerceWebhookOutcome>;
  /** A Fetch API handler (`Request` in, `Response` out). */
  fetch(request: Request): Promise<Response>;
  /** A Node `http` handler. */
  node(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/**
 * Receives WooCommerce webhooks: verifies the signature over the raw bytes, answers the unsigned ping
 * with 200 and stores nothing, and keeps each verified delivery once in the store's inbox, keyed by
 * webhook id, delivery id and body hash (WooCommerce reuses a delivery id within a second, so the id
 * alone would drop real deliveries). Treat a delivery as "this resource's current state": WooCommerce
 * builds payloads at the end of a request and may collapse several changes into one.
 *
 * @example
 * ```ts
 * const webhooks = createWooCommerceWebhookHandler({ secret: process.env.WC_WEBHOOK_SECRET!, store });
 * http.createServer((req, res) => webhooks.node(req, res));
 * ```
 */
export function createWooCommerceWebhookHandler(
  settings: WooCommerceWebhookHandlerSettings,
): WooCommerceWebhookHandler {
  const logger = settings.logger ?? silentLogger;
  const handle: WooCommerceWebhookHandler['handle'] = async (rawBody, headers) => {
    const verification = verifyWooCommerceWebhook({ rawBody, headers, secret: settings.secret });
    if (!verification.valid) {
      logger.warn({ reason: verification.reason }, 'woocommerce webhook rejected');
      return { status: 401, outcome: 'rejected', reason: verification.reason };
    }
    if (verification.kind === 'ping') {
      logger.info({ webhookId: verification.webhookId }, 'woocommerce webhook ping');
      return { status: 200, outcome: 'ping' };
    }
    if (settings.shopId !== undefined && verification.shopId !== settings.shopId) {
      logger.warn({ topic: verification.topic }, 'woocommerce webhook from another shop');
      return { status: 401, outcome: 'rejected', reason: 'missing_shop' };
    }
    try {
      const result = await settings.store.enqueueWebhook({
        shopId: verification.shopId,
        platform: 'woocommerce',
        topic: verification.topic,
        dedupeKey: verification.dedupeKey,
        rawBody: Buffer.from(rawBody).toString('utf8'),
        headers: headerRecord(headers),
      });
      await settings.onDelivery?.(verification, result);
      return { status: 200, outcome: result.outcome };
    } catch (error) {
      logger.error({ topic: verification.topic, error: String(error) }, 'woocommerce webhook not stored');
      return { status: 500, outcome: 'failed', reason: 'store_failed' };
    }
  };
  return {
    handle,
    async fetch(request) {
      const body = new Uint8Array(await request.arrayBuffer());
      const outcome = await handle(body, request.headers);
      return new Response(JSON.stringify(outcome), {
        status: outcome.status,
        headers: { 'content-type': 'application/json' },
      });
    },
    async node(request, response) {
      const chunks: Buffer[] = [];
      for await (const chunk of request)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      const outcome = await handle(Buffer.concat(chunks), request.headers);
      response.writeHead(outcome.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(outcome));
    },
  };
}
