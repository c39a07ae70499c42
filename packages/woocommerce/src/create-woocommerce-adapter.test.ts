import { AftersaleError, money, type RefundPlan } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { createWooCommerceEmulator, seedWooCommerceShop, type WooCommerceEmulator } from '@aftersale/testkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxDeliveries } from '../test/inbox.js';
import type { Clock } from './clock.js';
import { createWooCommerceAdapter, type WooCommerceAdapterSettings } from './create-woocommerce-adapter.js';

let emulator: WooCommerceEmulator;
afterEach(async () => {
  await emulator?.close();
});

/** A clock whose sleep advances time at once (backoff never waits) and records every wait. */
function manualClock(start = Date.now()): Clock & { advance(ms: number): void; sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

async function setup(
  settings: Partial<WooCommerceAdapterSettings> = {},
  emulatorOptions: { pageLatencyMs?: number } = {},
) {
  emulator = await createWooCommerceEmulator(emulatorOptions);
  const shop = emulator.shop;
  const set = shop.createProduct({
    name: 'Çay Bardağı Seti',
    sku: 'CAY-SET-6',
    price: '100.00',
    categories: [{ name: 'Mutfak', slug: 'mutfak' }],
    tags: [{ name: 'Cam', slug: 'cam' }],
  });
  const book = shop.createProduct({ name: 'Kürk Mantolu Madonna', price: '72.50', taxClass: 'reduced-rate' });
  const customer = shop.createCustomer({
    email: 'ismail@example.com',
    firstName: 'İsmail',
    lastName: 'Şengüloğlu',
    billing: { country: 'TR' },
  });
  const order = shop.createOrder({
    customerId: customer.id as number,
    lineItems: [
      { productId: set.id as number, quantity: 2 },
      { productId: book.id as number, quantity: 1 },
    ],
    shippingTotal: '50.00',
    coupon: { code: 'indirim10', percent: 10 },
  });
  const guest = shop.createOrder({
    billing: { first_name: 'Ayşe', last_name: 'Yılmaz', email: 'ISMAIL@example.com', country: 'TR' },
    lineItems: [{ productId: book.id as number, quantity: 1 }],
    shippingTotal: '50.00',
  });
  const clock = manualClock();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const adapter = createWooCommerceAdapter({
    url: emulator.url,
    consumerKey: emulator.consumerKey,
    consumerSecret: emulator.consumerSecret,
    store,
    clock,
    ...settings,
  });
  return { adapter, store, clock, order, guest, customer, set, book, orderId: String(order.id) };
}

/** Refund line 1 (one of two glasses: 90.00 + 18.00 tax) and all shipping (50.00 + 10.00). */
const planFor = (orderId: string, overrides: Partial<RefundPlan> = {}): RefundPlan => ({
  orderId,
  currency: 'TRY',
  lines: [{ lineItemId: '1', quantity: 1, amount: money(9000, 'TRY'), tax: money(1800, 'TRY') }],
  shipping: money(6000, 'TRY'),
  total: money(16800, 'TRY'),
  restock: true,
  note: 'Kırık bardak',
  ...overrides,
});

describe('createWooCommerceAdapter settings', () => {
  it('reports every problem at once, naming the environment variables', () => {
    const saved = [process.env.WOOCOMMERCE_CONSUMER_KEY, process.env.WOOCOMMERCE_CONSUMER_SECRET];
    delete process.env.WOOCOMMERCE_CONSUMER_KEY;
    delete process.env.WOOCOMMERCE_CONSUMER_SECRET;
    try {
      createWooCommerceAdapter({
        url: 'ftp://x',
        pageSize: 500,
        store: {} as never,
        webhookSecret: '',
      });
      expect.unreachable();
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_config')).toBe(true);
      const message = (error as Error).message;
      for (const part of [
        'url',
        'WOOCOMMERCE_CONSUMER_KEY',
        'WOOCOMMERCE_CONSUMER_SECRET',
        'pageSize',
        'store: must be an AftersaleStore',
        'webhookSecret',
      ])
        expect(message).toContain(part);
      expect((error as AftersaleError).issues).toHaveLength(6);
    } finally {
      if (saved[0] !== undefined) process.env.WOOCOMMERCE_CONSUMER_KEY = saved[0];
      if (saved[1] !== undefined) process.env.WOOCOMMERCE_CONSUMER_SECRET = saved[1];
    }
  });
});

describe('reading through the real client over OAuth 1.0a', () => {
  it('reads an order, a customer and product facts; absent ones are null', async () => {
    const { adapter, orderId, customer, set } = await setup();
    const order = await adapter.getOrder(orderId);
    expect(order?.totals.total).toEqual(money(34778, 'TRY'));
    expect(order?.lines[0]?.product).toMatchObject({ categories: ['mutfak'], tags: ['cam'] });
    expect(await adapter.getOrder('99999')).toBeNull();
    expect((await adapter.getCustomer(String(customer.id)))?.firstName).toBe('İsmail');
    expect(await adapter.getCustomer('99999')).toBeNull();
    // Product facts are cached.
    await adapter.getOrder(orderId);
    expect(
      emulator.requests.filter((r) => r.path === 'products' && r.query.include?.includes(String(set.id))),
    ).toHaveLength(1);
    expect(emulator.requests.every((r) => r.auth === 'oauth')).toBe(true);
    expect(adapter.shopId).toBe(emulator.url);
  });

  it('lists a customer’s orders, guest orders matched by e-mail', async () => {
    const { adapter, customer, orderId, guest } = await setup();
    const ids: string[] = [];
    for await (const order of adapter.listCustomerOrders(String(customer.id))) ids.push(order.id);
    expect(ids).toEqual([orderId, String(guest.id)]);
    const byEmail: string[] = [];
    for await (const order of adapter.listCustomerOrders('ismail@example.com')) byEmail.push(order.id);
    expect(byEmail).toEqual([String(guest.id)]);
  });

  it('pages at per_page 100 with bounded concurrency, re-signing each page, and retries', async () => {
    const { adapter, clock } = await setup({ concurrency: 3 }, { pageLatencyMs: 30 });
    seedWooCommerceShop(emulator.shop, { orders: 450, seed: 7 });
    emulator.injectFault({ kind: 'status', status: 503, method: 'GET', path: 'orders', times: 2 });
    emulator.injectFault({ kind: 'reset', method: 'GET', path: 'orders' });
    const ids: string[] = [];
    for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) ids.push(order.id);
    expect(ids).toHaveLength(452);
    expect(new Set(ids).size).toBe(452);
    const pageRequests = emulator.requests.filter((r) => r.path === 'orders' && r.status === 200);
    expect(pageRequests.map((r) => r.query.page).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(
      pageRequests.every(
        (r) => r.query.per_page === '100' && r.query.orderby === 'modified' && r.query.order === 'asc',
      ),
    ).toBe(true);
    const nonces = emulator.requests.map((r) => r.query.oauth_nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(emulator.pendingFaults()).toEqual([]);
    // Three failures of the first page, each followed by an exponential wait on the injected clock.
    expect(clock.sleeps).toEqual([200, 400, 800]);
    // Never more than `concurrency` requests at once, and the bound is used.
    expect(emulator.peakConcurrentRequests).toBeLessThanOrEqual(3);
    expect(emulator.peakConcurrentRequests).toBeGreaterThan(1);
    let customers = 0;
    for await (const _ of adapter.listCustomers({ pageSize: 50 })) customers++;
    expect(customers).toBe(emulator.shop.customers.size);
  });

  it('gives up with platform_unavailable after every retry, and platform_auth_failed on bad keys', async () => {
    const { adapter, orderId } = await setup({ retry: { attempts: 3 } });
    emulator.injectFault({ kind: 'status', status: 502, times: 3 });
    await expect(adapter.getOrder(orderId)).rejects.toMatchObject({ code: 'platform_unavailable' });
    const wrong = createWooCommerceAdapter({ url: emulator.url, consumerKey: 'ck_wrong', consumerSecret: 'cs_wrong' });
    await expect(wrong.getOrder(orderId)).rejects.toMatchObject({ code: 'platform_auth_failed' });
    // The right keys signed for another spelling of the site URL are refused too: OAuth signs the exact URL.
    const otherSpelling = createWooCommerceAdapter({
      url: emulator.url.replace('127.0.0.1', 'localhost'),
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
    });
    await expect(otherSpelling.getOrder(orderId)).rejects.toMatchObject({
      code: 'platform_auth_failed',
      message: expect.stringContaining('exact site URL'),
    });
  });
});

describe('order notes', () => {
  it('records a step on the order, private unless it is for the customer, and is never retried', async () => {
    const { adapter, orderId } = await setup();
    const first = await adapter.addOrderNote({ orderId, text: 'Return ret_1 approved by aftersale.' });
    const second = await adapter.addOrderNote({ orderId, text: 'Your return was approved.', customerVisible: true });
    const posts = emulator.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => [request.path, request.body])).toEqual([
      [`orders/${orderId}/notes`, { note: 'Return ret_1 approved by aftersale.', customer_note: false }],
      [`orders/${orderId}/notes`, { note: 'Your return was approved.', customer_note: true }],
    ]);
    const notes = emulator.shop.notes.get(Number(orderId)) ?? [];
    expect(notes.map((note) => [String(note.id), note.customer_note])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    // A note is not idempotent: a failed POST is reported, not repeated.
    emulator.injectFault({ kind: 'status', status: 503, method: 'POST', path: /notes$/ });
    await expect(adapter.addOrderNote({ orderId, text: 'again' })).rejects.toMatchObject({
      code: 'platform_unavailable',
    });
    expect(emulator.requests.filter((request) => request.path.endsWith('/notes'))).toHaveLength(3);
    await expect(adapter.addOrderNote({ orderId, text: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(adapter.addOrderNote({ orderId: 'gid://x', text: 'x' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(emulator.requests.filter((request) => request.path.endsWith('/notes'))).toHaveLength(3);
  });
});

describe('createRefund', () => {
  it('sends per-line refund_total, per-rate refund_tax, explicit api_refund/api_restock, the key in reason and meta', async () => {
    const { adapter, orderId } = await setup();
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'ret_1:1' });
    expect(result).toMatchObject({ outcome: 'created', replayed: false, idempotencyKey: 'ret_1:1' });
    const post = emulator.requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      amount: '168.00',
      reason: 'Kırık bardak [aftersale:ret_1:1]',
      api_refund: false,
      api_restock: true,
      line_items: [
        { id: 1, quantity: 1, refund_total: '90.00', refund_tax: [{ id: 1, refund_total: '18.00' }] },
        { id: 3, quantity: 0, refund_total: '50.00', refund_tax: [{ id: 1, refund_total: '10.00' }] },
      ],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_1:1' }],
    });
    if (result.outcome !== 'created') throw new Error('expected created');
    expect(result.refund.lines).toEqual([
      { lineItemId: '1', quantity: 1, subtotal: money(9000, 'TRY'), tax: money(1800, 'TRY'), restockType: null },
    ]);
    expect(result.refund.shipping).toEqual(money(6000, 'TRY'));
    // The same key again: the refund is replayed, nothing moves.
    const again = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'ret_1:1' });
    expect(again).toMatchObject({ outcome: 'created', replayed: true, platformRefundId: result.platformRefundId });
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
    await expect(
      adapter.createRefund(planFor(orderId, { note: 'other', restock: false }), { idempotencyKey: 'ret_1:1' }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('never exceeds the remaining refundable amount', async () => {
    const { adapter, orderId } = await setup();
    const plan = planFor(orderId, {
      lines: [{ lineItemId: '1', quantity: 2, amount: money(30000, 'TRY'), tax: money(6000, 'TRY') }],
      shipping: null,
      total: money(36000, 'TRY'),
    });
    const result = await adapter.createRefund(plan, { idempotencyKey: 'too-much' });
    expect(result).toMatchObject({ outcome: 'rejected', userErrors: [{ code: 'exceeds_refundable' }] });
    expect(emulator.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('returns WooCommerce’s refusal as a result (gateway refunds on a gateway that cannot)', async () => {
    const { adapter, orderId } = await setup({ gatewayRefunds: true });
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'gw' });
    expect(result).toMatchObject({
      outcome: 'rejected',
      userErrors: [{ code: 'woocommerce_rest_cannot_create_order_refund' }],
    });
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(0);
  });

  it('rejects a plan that does not add up before claiming its key or calling WooCommerce', async () => {
    const { adapter, orderId, store } = await setup();
    await expect(
      adapter.createRefund(planFor(orderId, { total: money(1, 'TRY') }), { idempotencyKey: 'bad' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await store.getIdempotencyEntry(adapter.shopId, 'bad')).toBeNull();
    expect(emulator.requests).toHaveLength(0);
    // Fixed, the same key then works.
    expect((await adapter.createRefund(planFor(orderId), { idempotencyKey: 'bad' })).outcome).toBe('created');
  });

  const faults = [
    { name: '503 before the write', fault: { kind: 'status', status: 503 } },
    { name: 'connection reset before the write', fault: { kind: 'reset' } },
    { name: 'connection reset after the write applied', fault: { kind: 'reset-after-write' } },
    { name: 'twice reset after the write', fault: { kind: 'reset-after-write', times: 2 } },
  ] as const;
  it.each(faults)('ends with exactly one refund under a $name', async ({ fault }) => {
    const { adapter, orderId } = await setup();
    emulator.injectFault({ ...fault, method: 'POST', path: /refunds$/ });
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'faulty' });
    expect(result.outcome).toBe('created');
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
    const again = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'faulty' });
    expect(again).toMatchObject({ outcome: 'created', replayed: true });
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
  });

  it('ends with exactly one refund under a slow answer that times out', async () => {
    const { adapter, orderId } = await setup({ timeoutMs: 100 });
    emulator.injectFault({ kind: 'slow', delayMs: 300, method: 'POST', path: /refunds$/ });
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'slow' });
    expect(result.outcome).toBe('created');
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
  });

  it('a worker killed between claiming the key and the call: in progress, then issued exactly once', async () => {
    const { adapter, orderId, store, clock } = await setup();
    await store.claimIdempotencyKey({ shopId: adapter.shopId, key: 'killed', operation: 'refund' });
    expect(await adapter.createRefund(planFor(orderId), { idempotencyKey: 'killed' })).toEqual({
      outcome: 'in_progress',
      idempotencyKey: 'killed',
    });
    clock.advance(5 * 60_000);
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'killed' });
    expect(result.outcome).toBe('created');
    expect(await adapter.createRefund(planFor(orderId), { idempotencyKey: 'killed' })).toMatchObject({
      replayed: true,
    });
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
    expect((await store.getIdempotencyEntry(adapter.shopId, 'killed'))?.state).toBe('succeeded');
  });

  it('a worker killed after the call landed: the next call finds it on WooCommerce', async () => {
    const { adapter, orderId, store } = await setup();
    // The first process claimed and sent, then died before recording.
    const first = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
    });
    await store.claimIdempotencyKey({ shopId: adapter.shopId, key: 'landed', operation: 'refund' });
    await first.createRefund(planFor(orderId), { idempotencyKey: 'landed' });
    const result = await adapter.createRefund(planFor(orderId), { idempotencyKey: 'landed' });
    expect(result).toMatchObject({ outcome: 'created', replayed: true });
    expect(emulator.shop.orderRefunds(Number(orderId))).toHaveLength(1);
  });

  it('the order turns refunded when fully refunded; suggestRefund agrees with WooCommerce', async () => {
    const { adapter, orderId } = await setup();
    const suggestion = await adapter.suggestRefund({
      orderId,
      lines: [
        { lineItemId: '1', quantity: 2 },
        { lineItemId: '2', quantity: 1 },
      ],
      refundShipping: true,
      compareWith: planFor(orderId),
    });
    expect(suggestion.total).toEqual(money(34778, 'TRY'));
    expect(suggestion.maximumRefundable).toEqual(money(34778, 'TRY'));
    expect(suggestion.comparison?.agrees).toBe(false);
    const plan: RefundPlan = {
      orderId,
      currency: 'TRY',
      lines: suggestion.lines,
      shipping: suggestion.shipping,
      total: suggestion.total,
    };
    const result = await adapter.createRefund(plan, { idempotencyKey: 'all' });
    expect(result.outcome).toBe('created');
    const order = await adapter.getOrder(orderId);
    expect(order?.financialStatus).toBe('refunded');
    expect(order?.source.rawStatus.order).toBe('refunded');
  });
});

describe('a 5k-order sync', () => {
  it('syncs 5,000 orders exactly once each', async () => {
    emulator = await createWooCommerceEmulator();
    seedWooCommerceShop(emulator.shop, { orders: 5000, seed: 11 });
    const adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
      concurrency: 6,
    });
    const seen = new Set<string>();
    let total = 0;
    for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) {
      seen.add(order.id);
      total += order.totals.total.amount;
    }
    expect(seen.size).toBe(5000);
    const expected = [...emulator.shop.orders.values()].reduce(
      (sum, order) => sum + Math.round(Number(order.total) * 100),
      0,
    );
    expect(total).toBe(expected);
    expect(emulator.requests.filter((r) => r.path === 'orders')).toHaveLength(50);
  }, 60_000);
});

describe('webhooks end to end', () => {
  it('emulator deliveries are verified, kept once, and parsed into events', async () => {
    const { adapter: plain, orderId } = await setup();
    const adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
      webhookSecret: (id) => ({ '1': 'whsec_Çok-Gizli', '2': 'whsec_action' })[id],
    });
    expect(plain.capabilities.has('webhooks')).toBe(false);
    expect(adapter.capabilities.has('webhooks')).toBe(true);
    const inbox = createMemoryStore();
    const { createWooCommerceWebhookHandler } = await import('./create-woocommerce-webhook-handler.js');
    const handler = createWooCommerceWebhookHandler({
      secret: (id) => ({ '1': 'whsec_Çok-Gizli', '2': 'whsec_action' })[id],
      store: inbox,
      shopId: adapter.shopId,
    });
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      void handler.node(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const hook = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
      emulator.addWebhook({ topic: 'order.updated', deliveryUrl: hook, secret: 'whsec_Çok-Gizli' });
      emulator.addWebhook({ topic: 'action.woocommerce_order_refunded', deliveryUrl: hook, secret: 'whsec_action' });
      await adapter.createRefund(planFor(orderId), { idempotencyKey: 'hooked' });
      const sent = await emulator.deliverWebhooks();
      expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200]);
      const kept = await inboxDeliveries(inbox, adapter.shopId);
      expect(kept.map((d) => d.topic)).toEqual(['order.updated', 'action.woocommerce_order_refunded']);
      const [update, action] = kept;
      const verified = await adapter.verifyWebhook?.({
        rawBody: update?.rawBody ?? '',
        headers: update?.headers ?? {},
      });
      expect(verified).toMatchObject({
        valid: true,
        platform: 'woocommerce',
        topic: 'order.updated',
        shopId: adapter.shopId,
      });
      const event = await adapter.parseWebhook?.({ topic: 'order.updated', rawBody: update?.rawBody ?? '' });
      expect(event?.type).toBe('order-updated');
      if (event?.type === 'order-updated') expect(event.order.refunds[0]?.lines[0]?.lineItemId).toBe('1');
      const refunded = await adapter.parseWebhook?.({
        topic: 'action.woocommerce_order_refunded',
        rawBody: action?.rawBody ?? '',
      });
      expect(refunded).toMatchObject({ type: 'refund-created', orderId, refund: { total: money(16800, 'TRY') } });
      expect(await adapter.parseWebhook?.({ topic: 'coupon.created', rawBody: '{}' })).toEqual({
        type: 'webhook-ignored',
        topic: 'coupon.created',
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a shop from the realistic generator', () => {
  it('is entered into the emulator and synced back with WooCommerce’s own totals', async () => {
    const { generateShop } = await import('@aftersale/testkit');
    const { seedWooCommerceFromGeneratedShop } = await import('@aftersale/testkit/emulators');
    emulator = await createWooCommerceEmulator();
    const generated = generateShop({ seed: 5, customers: 40, orders: 300, platform: 'woocommerce' });
    const seeded = seedWooCommerceFromGeneratedShop(emulator.shop, generated);
    expect(seeded.orderIds.size + seeded.skipped).toBe(300);
    expect(seeded.orderIds.size).toBeGreaterThan(50);
    const adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
    });
    const byId = new Map<string, Awaited<ReturnType<typeof adapter.getOrder>>>();
    for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) byId.set(order.id, order);
    expect(byId.size).toBe(seeded.orderIds.size);
    for (const [generatedId, wooId] of seeded.orderIds) {
      const source = generated.orders.find((order) => order.id === generatedId);
      const synced = byId.get(String(wooId));
      expect(synced?.lines.map((line) => line.quantity)).toEqual(source?.lines.map((line) => line.quantity));
      expect(synced?.totals.total.amount).toBe(Math.round(Number(emulator.shop.orders.get(wooId)?.total) * 100));
      expect(synced?.refunds.length).toBe(source?.refunds.length);
    }
  });
});
