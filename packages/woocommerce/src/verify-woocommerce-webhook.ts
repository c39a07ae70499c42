import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookHeaders, type WebhookVerification, webhookDedupeKey } from '@aftersale/core';
import { readHeader } from './read-header.js';
import { shopIdFromUrl } from './shop-id-from-url.js';

/**
 * The secret of a WooCommerce webhook. Each webhook has its own: give one secret, several (each is
 * tried), or a function from the `X-WC-Webhook-ID` to its secret.
 */
export type WooCommerceWebhookSecret = string | readonly string[] | ((webhookId: string) => string | null | undefined);

/** What {@link verifyWooCommerceWebhook} needs: the body exactly as received, never re-serialised. */
export interface VerifyWooCommerceWebhookInput {
  rawBody: string | Uint8Array;
  headers: WebhookHeaders;
  secret: WooCommerceWebhookSecret;
}

/** A verified WooCommerce delivery: the spec's facts plus WooCommerce's own headers. */
export type WooCommerceWebhookDelivery = Extract<WebhookVerification, { valid: true }> & {
  kind: 'delivery';
  /** `order`, `customer`, `product`, `coupon` or `action`. */
  resource: string;
  /** `created`, `updated`, `deleted`, `restored`, or the action's hook name (`woocommerce_order_refunded`). */
  event: string;
  /** `X-WC-Webhook-ID`: the webhook (subscription) that sent it. */
  wooCommerceWebhookId: string;
  /** `X-WC-Webhook-Delivery-ID`: NOT unique; WooCommerce reuses it within a second. */
  deliveryId: string | null;
  /** The inbox key: webhook id, delivery id and the SHA-256 of the raw body. */
  dedupeKey: string;
};

/**
 * The unsigned ping WooCommerce sends when a webhook is created or activated: form body
 * `webhook_id=N`, no `X-WC-*` headers. Answer it with 200 and store nothing.
 */
export interface WooCommerceWebhookPing {
  valid: true;
  kind: 'ping';
  platform: 'woocommerce';
  topic: 'ping';
  webhookId: string;
  shopId: string;
  apiVersion: null;
  eventId: null;
  triggeredAt: null;
}

/** What {@link verifyWooCommerceWebhook} decides. */
export type WooCommerceWebhookVerification =
  | WooCommerceWebhookDelivery
  | WooCommerceWebhookPing
  | Extract<WebhookVerification, { valid: false }>;

const decoder = new TextDecoder();
const toBytes = (body: string | Uint8Array): Uint8Array =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : body;

/** True for WooCommerce's ping: `webhook_id=N` with no `X-WC-Webhook-*` header at all. */
function pingWebhookId(rawBody: Uint8Array, headers: WebhookHeaders): string | null {
  if (rawBody.length > 64) return null;
  for (const name of ['topic', 'signature', 'id', 'source', 'resource', 'event', 'delivery-id']) {
    if (readHeader(headers, `x-wc-webhook-${name}`) !== null) return null;
  }
  const match = /^webhook_id=(\d+)$/.exec(decoder.decode(rawBody).trim());
  return match?.[1] ?? null;
}

function secretsFor(secret: WooCommerceWebhookSecret, webhookId: string): string[] {
  if (typeof secret === 'string') return [secret];
  if (typeof secret === 'function') {
    const found = secret(webhookId);
    return found ? [found] : [];
  }
  return [...secret];
}

/**
 * Verifies a WooCommerce webhook: `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw body
 * bytes with the webhook's secret (UTF-8), compared in constant time. The body is never parsed or
 * re-serialised first: PHP escapes `/` as `\/` and non-ASCII as `\uXXXX`, which `JSON.stringify`
 * would not reproduce. The unsigned ping sent when a webhook is created is recognised as `kind: 'ping'`.
 * A bad delivery is a result (`{ valid: false, reason }`), not an exception.
 *
 * @example
 * ```ts
 * const result = verifyWooCommerceWebhook({ rawBody: await request.text(), headers: request.headers, secret });
 * if (!result.valid) return new Response(null, { status: 401 });
 * ```
 */
export function verifyWooCommerceWebhook(input: VerifyWooCommerceWebhookInput): WooCommerceWebhookVerification {
  const body = toBytes(input.rawBody);
  const signature = readHeader(input.headers, 'x-wc-webhook-signature');
  const source = readHeader(input.headers, 'x-wc-webhook-source');
  if (signature === null || signature === '') {
    const pingId = pingWebhookId(body, input.headers);
    if (pingId !== null) {
      return {
        valid: true,
        kind: 'ping',
        platform: 'woocommerce',
        topic: 'ping',
        webhookId: pingId,
        shopId: '',
        apiVersion: null,
        eventId: null,
        triggeredAt: null,
      };
    }
    return { valid: false, reason: 'missing_signature' };
  }
  const webhookId = readHeader(input.headers, 'x-wc-webhook-id');
  const expected = Buffer.from(signature.trim(), 'base64');
  if (expected.length !== 32) return { valid: false, reason: 'invalid_signature' };
  const matched = secretsFor(input.secret, webhookId ?? '').some((secret) => {
    const actual = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest();
    return timingSafeEqual(actual, expected);
  });
  if (!matched) return { valid: false, reason: 'invalid_signature' };
  const topic = readHeader(input.headers, 'x-wc-webhook-topic');
  if (topic === null || topic === '') return { valid: false, reason: 'missing_topic' };
  if (source === null || source === '' || !URL.canParse(source)) return { valid: false, reason: 'missing_shop' };
  if (webhookId === null || webhookId === '') return { valid: false, reason: 'missing_webhook_id' };
  const deliveryId = readHeader(input.headers, 'x-wc-webhook-delivery-id');
  const [resource = '', ...rest] = topic.split('.');
  return {
    valid: true,
    kind: 'delivery',
    platform: 'woocommerce',
    topic,
    webhookId: deliveryId ?? webhookId,
    shopId: shopIdFromUrl(source),
    apiVersion: null,
    eventId: null,
    triggeredAt: null,
    resource: readHeader(input.headers, 'x-wc-webhook-resource') ?? resource,
    event: readHeader(input.headers, 'x-wc-webhook-event') ?? rest.join('.'),
    wooCommerceWebhookId: webhookId,
    deliveryId,
    dedupeKey: webhookDedupeKey({ platform: 'woocommerce', webhookId, deliveryId, rawBody: body }),
  };
}
