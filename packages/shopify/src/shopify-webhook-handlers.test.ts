import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CustomerDataExport, computeRefund } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { generateShop } from '@aftersale/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatorWithAdapter, readShared } from '../test/shopify-test-support.js';
import {
  createShopifyNodeWebhookHandler,
  createShopifyWebhookHandler,
  processShopifyWebhooks,
} from './shopify-webhook-handlers.js';

describe('webhook endpoints and the inbox', async () => {
  const { emulator, adapter, clock } = await emulatorWithAdapter();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const shop = generateShop({ seed: 5, customers: 10, orders: 40 });
  emulator.seedCustomers(shop.customers);
  const seeded = emulator.seedOrders(shop.orders);

  const server: Server = createServer(createShopifyNodeWebhookHandler({ adapter, store }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  emulator.subscribeWebhooks({ url, topics: ['refunds/create', 'orders/updated'], headerStyle: 'x-shopify' });
  emulator.subscribeWebhooks({ url, topics: ['returns/approve', 'customers/update'], headerStyle: 'shopify' });

  const handleFetch = createShopifyWebhookHandler({ adapter, store });
  const signed = (body: string, headers: Record<string, string>, secret = emulator.webhookSecret) =>
    new Request('https://app.example/webhooks', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
        'x-shopify-shop-domain': emulator.shop,
        'x-shopify-api-version': '2026-10',
        ...headers,
      },
    });
  const work = async () => {
    let total = { completed: 0, failed: 0 };
    for (;;) {
      const round = await processShopifyWebhooks({ adapter, store, workerId: 'test', now: () => clock.now() });
      total = { completed: total.completed + round.completed, failed: total.failed + round.failed };
      if (round.completed + round.failed === 0) return total;
    }
  };

  it('takes a signed delivery into the inbox once, however often Shopify sends it', async () => {
    const records = await emulator.sendWebhook(
      'orders/updated',
      { admin_graphql_api_id: seeded[0]?.id, id: 1 },
      { duplicates: 2 },
    );
    expect(records.map((record) => record.status)).toEqual([200, 200, 200]);
    const deliveries = await store.claimWebhooks({ workerId: 'peek', limit: 50, shopId: emulator.shop });
    expect(deliveries.filter((delivery) => delivery.topic === 'orders/updated')).toHaveLength(1);
    for (const delivery of deliveries)
      await store.failWebhook(delivery.id, delivery.leaseToken ?? '', {
        error: 'peeked',
        retryAt: new Date(clock.now()),
      });
  });

  it('answers 401 to a bad signature and keeps nothing', async () => {
    const body = JSON.stringify({ admin_graphql_api_id: seeded[1]?.id });
    const forged = await handleFetch(
      signed(body, { 'x-shopify-topic': 'orders/updated', 'x-shopify-webhook-id': 'forged-1' }, 'wrong secret'),
    );
    expect(forged.status).toBe(401);
    const unsigned = await handleFetch(
      new Request('https://app.example/webhooks', {
        method: 'POST',
        body,
        headers: { 'x-shopify-topic': 'orders/updated' },
      }),
    );
    expect(unsigned.status).toBe(401);
    const deliveries = await store.claimWebhooks({ workerId: 'peek', limit: 50, shopId: emulator.shop });
    expect(deliveries.some((delivery) => delivery.headers['x-shopify-webhook-id'] === 'forged-1')).toBe(false);
    for (const delivery of deliveries)
      await store.failWebhook(delivery.id, delivery.leaseToken ?? '', {
        error: 'peeked',
        retryAt: new Date(clock.now()),
      });
  });

  it('processes deliveries from the inbox: orders, refunds, returns and customers update the snapshots', async () => {
    const refunds: string[] = [];
    const returns: string[] = [];
    // A refund made through the adapter: Shopify (the emulator) sends refunds/create on its own.
    const order = await adapter.getOrder(seeded[2]?.id ?? '');
    if (!order) throw new Error('no order');
    const line = order.lines[0];
    if (!line) throw new Error('no line');
    const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: 1 }] });
    const refund = await adapter.createRefund(plan, { idempotencyKey: 'hook-refund' });
    expect(refund.outcome).toBe('created');
    await emulator.flushWebhooks();
    const processed = await (async () => {
      let total = { completed: 0, failed: 0 };
      for (;;) {
        const round = await processShopifyWebhooks({
          adapter,
          store,
          workerId: 'worker-1',
          now: () => clock.now(),
          hooks: {
            onRefund: (event) => {
              refunds.push(event.orderId);
            },
            onReturn: (event) => {
              returns.push(event.returnId);
            },
          },
        });
        total = { completed: total.completed + round.completed, failed: total.failed + round.failed };
        if (round.completed + round.failed === 0) return total;
      }
    })();
    expect(processed.failed).toBe(0);
    expect(processed.completed).toBeGreaterThanOrEqual(2);
    expect(refunds).toEqual([order.id]);
    const stored = await store.getOrder(emulator.shop, order.id);
    expect(stored?.order.refunds).toHaveLength(1);
    expect((await store.getOrder(emulator.shop, seeded[0]?.id ?? ''))?.order.id).toBe(seeded[0]?.id);
    // A customers/update in the newer lower-case header family.
    const customerId = emulator.state.customerIdsBySeed.get(shop.customers[0]?.id ?? '') ?? '';
    const body = JSON.stringify({
      admin_graphql_api_id: customerId,
      email: 'new-address@example.com',
      first_name: 'Ada',
      tags: 'vip, returns',
    });
    const response = await handleFetch(
      new Request('https://app.example/webhooks', {
        method: 'POST',
        body,
        headers: {
          'shopify-hmac-sha256': createHmac('sha256', emulator.webhookSecret).update(body).digest('base64'),
          'shopify-topic': 'customers/update',
          'shopify-shop-domain': emulator.shop,
          'shopify-webhook-id': 'customer-update-1',
        },
      }),
    );
    expect(response.status).toBe(200);
    expect((await work()).completed).toBe(1);
    expect((await store.getCustomer(emulator.shop, customerId))?.customer).toMatchObject({
      email: 'new-address@example.com',
      tags: ['vip', 'returns'],
    });
    expect(returns).toEqual([]);

    // A return approved on Shopify arrives as returns/approve (in the lower-case header family): the
    // Return is re-read over GraphQL, its order's snapshot refreshed, and the hook called.
    const fulfilled = seeded.find((entry) => (emulator.state.orders.get(entry.id)?.fulfillments.length ?? 0) > 0);
    const shipped = fulfilled ? await adapter.getOrder(fulfilled.id) : null;
    const shippedLine = shipped?.fulfillments[0]?.lines[0];
    if (!shipped || !shippedLine) throw new Error('no fulfilled order');
    const requested = await adapter.returns.request({
      orderId: shipped.id,
      lines: [{ lineItemId: shippedLine.lineItemId, quantity: 1, reason: 'defective' }],
    });
    if (requested.outcome !== 'ok') throw new Error('return refused');
    await adapter.returns.approve(requested.return.id);
    await emulator.flushWebhooks();
    const round = await processShopifyWebhooks({
      adapter,
      store,
      workerId: 'worker-2',
      now: () => clock.now(),
      hooks: { onReturn: (event) => void returns.push(event.returnId) },
    });
    expect(round).toEqual({ completed: 1, failed: 0 });
    expect(returns).toEqual([requested.return.id]);
    expect((await store.getOrder(emulator.shop, shipped.id))?.order.id).toBe(shipped.id);
  });

  it('serves the compliance topics with the store: data request, customer redact, shop redact', async () => {
    const customerId = emulator.state.customerIdsBySeed.get(shop.customers[1]?.id ?? '') ?? '';
    const customer = await adapter.getCustomer(customerId);
    if (!customer) throw new Error('no customer');
    await store.upsertCustomers(emulator.shop, [customer]);
    const legacy = Number(customerId.split('/').pop());
    const sample = JSON.parse(readShared('platform/shopify/webhooks/payloads/customers-data_request.json')) as Record<
      string,
      unknown
    >;
    const exports: CustomerDataExport[] = [];
    const deliver = async (topic: string, payload: unknown, id: string) => {
      const body = JSON.stringify(payload);
      const response = await handleFetch(signed(body, { 'x-shopify-topic': topic, 'x-shopify-webhook-id': id }));
      expect(response.status).toBe(200);
      return processShopifyWebhooks({
        adapter,
        store,
        workerId: 'compliance',
        now: () => clock.now(),
        hooks: { onDataRequest: (data) => void exports.push(data) },
      });
    };
    const subject = {
      ...sample,
      shop_domain: emulator.shop,
      customer: { id: legacy, email: customer.email, phone: null },
    };
    expect(await deliver('customers/data_request', { ...subject, orders_requested: [] }, 'gdpr-1')).toEqual({
      completed: 1,
      failed: 0,
    });
    expect(exports).toHaveLength(1);
    expect(exports[0]?.customer?.id).toBe(customerId);
    expect(await deliver('customers/redact', { ...subject, orders_to_redact: [] }, 'gdpr-2')).toEqual({
      completed: 1,
      failed: 0,
    });
    expect(await store.getCustomer(emulator.shop, customerId)).toBeNull();
    expect(await deliver('shop/redact', { shop_id: 1, shop_domain: emulator.shop }, 'gdpr-3')).toEqual({
      completed: 1,
      failed: 0,
    });
    expect((await store.listOrders(emulator.shop)).items).toEqual([]);
  });
});
