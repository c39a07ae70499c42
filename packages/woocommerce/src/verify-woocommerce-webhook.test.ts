import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMemoryStore } from '@aftersale/storage';
import { describe, expect, it } from 'vitest';
import { inboxDeliveries } from '../test/inbox.js';
import { liveDir, readJson, sharedDir } from '../test/platform-material.js';
import { createWooCommerceWebhookHandler } from './create-woocommerce-webhook-handler.js';
import { verifyWooCommerceWebhook } from './verify-woocommerce-webhook.js';

interface Capture {
  name: string;
  body: Buffer;
  headers: Record<string, string>;
}

function deliveries(): Capture[] {
  const dir = join(liveDir(), 'webhooks');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.body'))
    .sort()
    .map((name) => ({
      name,
      body: readFileSync(join(dir, name)),
      headers: (readJson(join(dir, name.replace(/\.body$/, '.headers.json'))) as { headers: Record<string, string> })
        .headers,
    }));
}

const secrets = (readJson(join(liveDir(), 'webhook-secrets.json')) as { webhooks: { id: number; secret: string }[] })
  .webhooks;
const secretById = (id: string) => secrets.find((s) => String(s.id) === id)?.secret;

describe('verifyWooCommerceWebhook on the live deliveries', () => {
  const all = deliveries();
  const signed = all.filter((d) => d.headers['x-wc-webhook-signature'] !== undefined);
  const pings = all.filter((d) => d.headers['x-wc-webhook-signature'] === undefined);

  it('has the 18 deliveries: 15 signed, 3 pings', () => {
    expect(all).toHaveLength(18);
    expect(signed).toHaveLength(15);
    expect(pings).toHaveLength(3);
  });

  it.each(signed.map((d) => [d.name, d] as const))(
    '%s verifies with its secret over the raw bytes',
    (_name, delivery) => {
      const result = verifyWooCommerceWebhook({
        rawBody: delivery.body,
        headers: delivery.headers,
        secret: secretById,
      });
      expect(result).toMatchObject({
        valid: true,
        kind: 'delivery',
        platform: 'woocommerce',
        topic: delivery.headers['x-wc-webhook-topic'],
        shopId: 'http://127.0.0.1:8080',
        deliveryId: delivery.headers['x-wc-webhook-delivery-id'],
      });
      // The same bytes as a string verify too; a wrong secret, a flipped byte and a re-serialised body do not.
      expect(
        verifyWooCommerceWebhook({
          rawBody: delivery.body.toString('utf8'),
          headers: delivery.headers,
          secret: secretById,
        }).valid,
      ).toBe(true);
      expect(verifyWooCommerceWebhook({ rawBody: delivery.body, headers: delivery.headers, secret: 'wrong' })).toEqual({
        valid: false,
        reason: 'invalid_signature',
      });
      const flipped = Buffer.from(delivery.body);
      flipped[flipped.length - 2] = (flipped[flipped.length - 2] ?? 0) ^ 1;
      expect(verifyWooCommerceWebhook({ rawBody: flipped, headers: delivery.headers, secret: secretById }).valid).toBe(
        false,
      );
    },
  );

  it('refuses the re-serialised order bodies (PHP escapes / and non-ASCII)', () => {
    const orders = signed.filter((d) => d.headers['x-wc-webhook-resource'] === 'order');
    expect(orders).toHaveLength(12);
    for (const delivery of orders) {
      const reserialised = JSON.stringify(JSON.parse(delivery.body.toString('utf8')));
      expect(
        verifyWooCommerceWebhook({ rawBody: reserialised, headers: delivery.headers, secret: secretById }).valid,
      ).toBe(false);
    }
  });

  it.each(pings.map((d) => [d.name, d] as const))('%s is an unsigned ping', (_name, delivery) => {
    const result = verifyWooCommerceWebhook({ rawBody: delivery.body, headers: delivery.headers, secret: secretById });
    expect(result).toMatchObject({ valid: true, kind: 'ping', topic: 'ping' });
  });

  it('refuses an unsigned body that is not a ping, and missing headers', () => {
    expect(verifyWooCommerceWebhook({ rawBody: '{"id":1}', headers: {}, secret: 's' })).toEqual({
      valid: false,
      reason: 'missing_signature',
    });
    expect(
      verifyWooCommerceWebhook({
        rawBody: 'webhook_id=1',
        headers: { 'x-wc-webhook-topic': 'order.created' },
        secret: 's',
      }),
    ).toEqual({ valid: false, reason: 'missing_signature' });
    const delivery = signed[0] as Capture;
    const { 'x-wc-webhook-topic': _topic, ...withoutTopic } = delivery.headers;
    expect(verifyWooCommerceWebhook({ rawBody: delivery.body, headers: withoutTopic, secret: secretById })).toEqual({
      valid: false,
      reason: 'missing_topic',
    });
    expect(
      verifyWooCommerceWebhook({
        rawBody: delivery.body,
        headers: { ...delivery.headers, 'x-wc-webhook-signature': 'short' },
        secret: secretById,
      }),
    ).toEqual({ valid: false, reason: 'invalid_signature' });
  });
});

describe('the signature vectors', () => {
  const dir = join(sharedDir(), 'platform/signature-vectors');
  const vectors = (
    readJson(join(dir, 'vectors.json')) as {
      id: string;
      platform: string;
      secret: string | null;
      body_file?: string;
      expected_base64: string | null;
      wrong_if_restringified_base64?: string;
    }[]
  ).filter((v) => v.platform === 'woocommerce');

  it('has the WooCommerce vectors', () => {
    expect(vectors.map((v) => v.id)).toEqual(['wc-order-updated', 'wc-unicode', 'wc-ping']);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const body = readFileSync(join(dir, vector.body_file ?? ''));
    if (vector.expected_base64 === null) {
      const result = verifyWooCommerceWebhook({
        rawBody: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        secret: 'unused',
      });
      expect(result).toMatchObject({ valid: true, kind: 'ping' });
      return;
    }
    const headers = {
      'x-wc-webhook-signature': vector.expected_base64,
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-source': 'https://shop.example.com/',
      'x-wc-webhook-id': '7',
      'x-wc-webhook-delivery-id': 'abc',
    };
    expect(verifyWooCommerceWebhook({ rawBody: body, headers, secret: vector.secret ?? '' })).toMatchObject({
      valid: true,
      shopId: 'https://shop.example.com',
    });
    if (vector.wrong_if_restringified_base64 !== undefined) {
      const wrong = { ...headers, 'x-wc-webhook-signature': vector.wrong_if_restringified_base64 };
      expect(verifyWooCommerceWebhook({ rawBody: body, headers: wrong, secret: vector.secret ?? '' }).valid).toBe(
        false,
      );
    }
  });
});

describe('webhook handlers with inbox de-duplication', () => {
  it('keeps 14 of the 15 signed deliveries (013 and 015 are byte-identical), nothing for pings', async () => {
    const store = createMemoryStore();
    const handler = createWooCommerceWebhookHandler({ secret: secretById, store, shopId: 'http://127.0.0.1:8080' });
    const outcomes: string[] = [];
    for (const delivery of deliveries()) {
      const response = await handler.fetch(
        new Request('http://127.0.0.1/hooks', { method: 'POST', body: delivery.body, headers: delivery.headers }),
      );
      expect(response.status).toBe(200);
      outcomes.push(((await response.json()) as { outcome: string }).outcome);
    }
    expect(outcomes.filter((o) => o === 'ping')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'enqueued')).toHaveLength(14);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(1);
    const kept = await inboxDeliveries(store, 'http://127.0.0.1:8080');
    expect(kept).toHaveLength(14);
    expect(kept.every((d) => d.platform === 'woocommerce')).toBe(true);
    // 006 and 008 share a delivery id but are different deliveries: both kept.
    const ids = kept.map((d) => d.headers['x-wc-webhook-delivery-id']);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    // A redelivery of the same bytes is a duplicate.
    const first = deliveries()[3] as Capture;
    expect((await handler.handle(first.body, first.headers)).outcome).toBe('duplicate');
  });

  it('refuses a forged delivery with 401 and another shop', async () => {
    const store = createMemoryStore();
    const handler = createWooCommerceWebhookHandler({ secret: secretById, store, shopId: 'https://other.example' });
    const delivery = deliveries()[3] as Capture;
    expect(await handler.handle(delivery.body, delivery.headers)).toEqual({
      status: 401,
      outcome: 'rejected',
      reason: 'missing_shop',
    });
    const forged = { ...delivery.headers, 'x-wc-webhook-signature': Buffer.alloc(32).toString('base64') };
    expect((await handler.handle(delivery.body, forged)).status).toBe(401);
    expect(await inboxDeliveries(store, 'http://127.0.0.1:8080')).toHaveLength(0);
    expect(await inboxDeliveries(store, 'https://other.example')).toHaveLength(0);
  });

  it('serves the Node http handler over a socket', async () => {
    const store = createMemoryStore();
    const handler = createWooCommerceWebhookHandler({ secret: secretById, store });
    const server = createServer((req, res) => {
      void handler.node(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const [ping, order] = [deliveries()[0] as Capture, deliveries()[3] as Capture];
      const send = (d: Capture) =>
        fetch(`http://127.0.0.1:${port}/hooks`, { method: 'POST', body: d.body, headers: d.headers });
      expect((await send(ping)).status).toBe(200);
      const response = await send(order);
      expect(response.status).toBe(200);
      const kept = await inboxDeliveries(store, 'http://127.0.0.1:8080');
      expect(kept).toHaveLength(1);
      expect(kept[0]?.rawBody).toBe(order.body.toString('utf8'));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
