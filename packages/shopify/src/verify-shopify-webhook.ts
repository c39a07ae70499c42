import type { WebhookHeaders, WebhookVerification } from '@aftersale/core';

/** What {@link verifyShopifyWebhook} needs: the body exactly as received, never re-serialised. */
export interface VerifyShopifyWebhookInput {
  rawBody: string | Uint8Array;
  headers: WebhookHeaders;
  /** The app's client secret (API secret key). */
  secret: string;
  /**
   * `node` uses `node:crypto`; `webcrypto` uses `crypto.subtle` (edge runtimes). `auto` picks
   * WebCrypto when `crypto.subtle` exists. @default 'auto'
   */
  crypto?: 'auto' | 'node' | 'webcrypto';
}

/** Shopify's two header families: `X-Shopify-*` and the newer lower-case `shopify-*` (event delivery). */
const headerNames = {
  hmac: ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
  topic: ['x-shopify-topic', 'shopify-topic'],
  shop: ['x-shopify-shop-domain', 'shopify-shop-domain'],
  webhookId: ['x-shopify-webhook-id', 'shopify-webhook-id'],
  apiVersion: ['x-shopify-api-version', 'shopify-api-version'],
  eventId: ['x-shopify-event-id', 'shopify-event-id'],
  triggeredAt: ['x-shopify-triggered-at', 'shopify-triggered-at'],
} as const;

/** Reads a header from a Fetch `Headers` or Node's header object, case-insensitively. */
export function readHeader(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== name) continue;
    if (value === undefined) return null;
    return typeof value === 'string' ? value : (value[0] ?? null);
  }
  return null;
}

function firstHeader(headers: WebhookHeaders, names: readonly string[]): string | null {
  for (const name of names) {
    const value = readHeader(headers, name);
    if (value !== null && value !== '') return value;
  }
  return null;
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function base64ToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

/** Compares in time independent of where the first difference is (lengths are public: SHA-256 is 32 bytes). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

async function hmacSha256(secret: string, body: Uint8Array, mode: 'node' | 'webcrypto'): Promise<Uint8Array> {
  if (mode === 'webcrypto') {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new Uint8Array(await subtle.sign('HMAC', key, body as Uint8Array<ArrayBuffer>));
  }
  const { createHmac } = await import('node:crypto');
  return new Uint8Array(createHmac('sha256', secret).update(body).digest());
}

/**
 * Verifies a Shopify webhook: base64 HMAC-SHA256 of the raw body bytes with the app's secret,
 * compared in constant time. Reads both the `X-Shopify-*` and the lower-case `shopify-*` headers.
 * A bad delivery is a result (`{ valid: false, reason }`), not an exception.
 *
 * @example
 * ```ts
 * const result = await verifyShopifyWebhook({ rawBody: await request.text(), headers: request.headers, secret });
 * if (!result.valid) return new Response(null, { status: 401 });
 * ```
 */
export async function verifyShopifyWebhook(input: VerifyShopifyWebhookInput): Promise<WebhookVerification> {
  const signature = firstHeader(input.headers, headerNames.hmac);
  if (signature === null) return { valid: false, reason: 'missing_signature' };
  const expected = base64ToBytes(signature.trim());
  if (expected === null) return { valid: false, reason: 'invalid_signature' };
  const mode =
    input.crypto === 'node' || input.crypto === 'webcrypto'
      ? input.crypto
      : globalThis.crypto?.subtle
        ? 'webcrypto'
        : 'node';
  const actual = await hmacSha256(input.secret, toBytes(input.rawBody), mode);
  if (!constantTimeEqual(actual, expected)) return { valid: false, reason: 'invalid_signature' };
  const topic = firstHeader(input.headers, headerNames.topic);
  if (topic === null) return { valid: false, reason: 'missing_topic' };
  const shop = firstHeader(input.headers, headerNames.shop);
  if (shop === null) return { valid: false, reason: 'missing_shop' };
  const webhookId = firstHeader(input.headers, headerNames.webhookId);
  if (webhookId === null) return { valid: false, reason: 'missing_webhook_id' };
  return {
    valid: true,
    platform: 'shopify',
    topic,
    shopId: shop,
    webhookId,
    apiVersion: firstHeader(input.headers, headerNames.apiVersion),
    eventId: firstHeader(input.headers, headerNames.eventId),
    triggeredAt: firstHeader(input.headers, headerNames.triggeredAt),
  };
}
