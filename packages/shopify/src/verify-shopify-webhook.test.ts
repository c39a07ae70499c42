import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readShared } from '../test/shopify-test-support.js';
import { verifyShopifyWebhook } from './verify-shopify-webhook.js';

interface Vector {
  id: string;
  platform: string;
  secret: string | null;
  body?: string;
  body_file?: string;
  expected_base64: string | null;
}

const vectors = (JSON.parse(readShared('platform/signature-vectors/vectors.json')) as Vector[]).filter(
  (vector) => vector.platform === 'shopify',
);

const headersFor = (signature: string, style: 'x-shopify' | 'shopify'): Record<string, string> =>
  style === 'x-shopify'
    ? {
        'X-Shopify-Hmac-Sha256': signature,
        'X-Shopify-Topic': 'orders/create',
        'X-Shopify-Shop-Domain': 'acme.myshopify.com',
        'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        'X-Shopify-API-Version': '2026-07',
      }
    : {
        'shopify-hmac-sha256': signature,
        'shopify-topic': 'orders/create',
        'shopify-shop-domain': 'acme.myshopify.com',
        'shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        'shopify-event-id': 'evt-1',
      };

describe('verifyShopifyWebhook', () => {
  it('has the Shopify signature vectors to check', () => {
    expect(vectors.map((vector) => vector.id)).toEqual(['shopify-lib-test', 'shopify-orders-create']);
  });

  for (const vector of vectors) {
    const body = vector.body ?? readShared(`platform/signature-vectors/${vector.body_file}`);
    for (const crypto of ['node', 'webcrypto'] as const) {
      for (const style of ['x-shopify', 'shopify'] as const) {
        it(`accepts ${vector.id} with ${crypto} crypto and ${style} headers`, async () => {
          const result = await verifyShopifyWebhook({
            rawBody: body,
            headers: headersFor(vector.expected_base64 ?? '', style),
            secret: vector.secret ?? '',
            crypto,
          });
          expect(result).toMatchObject({
            valid: true,
            platform: 'shopify',
            topic: 'orders/create',
            shopId: 'acme.myshopify.com',
            webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
          });
        });
      }
    }
  }

  it('verifies the raw bytes: a re-serialised body fails', async () => {
    const vector = vectors[1] as Vector;
    const body = readShared(`platform/signature-vectors/${vector.body_file}`);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    const result = await verifyShopifyWebhook({
      rawBody: reserialised,
      headers: headersFor(vector.expected_base64 ?? '', 'x-shopify'),
      secret: vector.secret ?? '',
    });
    expect(result).toEqual({ valid: false, reason: 'invalid_signature' });
  });

  it('works on bytes and on Fetch Headers', async () => {
    const body = new TextEncoder().encode('{"foo": "bar"}');
    const result = await verifyShopifyWebhook({
      rawBody: body,
      headers: new Headers(headersFor('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', 'x-shopify')),
      secret: 'test_secret_key',
    });
    expect(result.valid).toBe(true);
  });

  it('refuses a wrong secret, a tampered body, a missing or malformed signature, missing headers', async () => {
    const body = '{"foo": "bar"}';
    const good = 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=';
    const verify = (headers: Record<string, string>, rawBody = body, secret = 'test_secret_key') =>
      verifyShopifyWebhook({ rawBody, headers, secret });
    expect(await verify(headersFor(good, 'x-shopify'), body, 'other')).toEqual({
      valid: false,
      reason: 'invalid_signature',
    });
    expect(await verify(headersFor(good, 'x-shopify'), '{"foo": "baz"}')).toEqual({
      valid: false,
      reason: 'invalid_signature',
    });
    expect(await verify({})).toEqual({ valid: false, reason: 'missing_signature' });
    expect(await verify(headersFor('not base64!', 'x-shopify'))).toEqual({ valid: false, reason: 'invalid_signature' });
    const withoutTopic: Record<string, string> = { ...headersFor(good, 'x-shopify') };
    delete withoutTopic['X-Shopify-Topic'];
    expect(await verify(withoutTopic)).toEqual({ valid: false, reason: 'missing_topic' });
    const withoutId: Record<string, string> = { ...headersFor(good, 'shopify') };
    delete withoutId['shopify-webhook-id'];
    expect(await verify(withoutId)).toEqual({ valid: false, reason: 'missing_webhook_id' });
    const withoutShop: Record<string, string> = { ...headersFor(good, 'x-shopify') };
    delete withoutShop['X-Shopify-Shop-Domain'];
    expect(await verify(withoutShop)).toEqual({ valid: false, reason: 'missing_shop' });
  });

  it('agrees with an independent HMAC over random bodies', async () => {
    for (let index = 0; index < 20; index++) {
      const body = JSON.stringify({ index, text: 'çğıöşü \u2028 / \\ 😀'.repeat(index) });
      const signature = createHmac('sha256', 'secret').update(body).digest('base64');
      const result = await verifyShopifyWebhook({
        rawBody: body,
        headers: headersFor(signature, 'shopify'),
        secret: 'secret',
      });
      expect(result.valid).toBe(true);
    }
  });
});
