import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWooCommerceEmulator, type WooCommerceEmulator } from './create-woocommerce-emulator.js';
import { seedWooCommerceShop } from './seed-woocommerce-shop.js';
import { oauthBaseString } from './woocommerce-oauth.js';

const shared = () => {
  const dir = process.env.AFTERSALE_SHARED_DIR;
  if (!dir) throw new Error('AFTERSALE_SHARED_DIR is not set: the platform material is required');
  return join(dir, 'platform/woocommerce/live-11.0.1');
};
const live = (name: string): unknown => JSON.parse(readFileSync(join(shared(), name), 'utf8'));

/** Merges two shapes: keys united, differing primitive types become `any`. */
function mergeShape(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a[0] === 'empty') return b;
    if (b[0] === 'empty') return a;
    return [mergeShape(a[0], b[0])];
  }
  if (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const merged: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, part] of Object.entries(b as Record<string, unknown>)) merged[key] = mergeShape(merged[key], part);
    return merged;
  }
  return a === b ? a : 'any';
}

/** The JSON shape of a value: keys and JSON types, recursively (array elements merged). */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return value.length === 0
      ? ['empty']
      : [value.map(shape).reduce((merged, item) => mergeShape(merged, item), undefined)];
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, shape(item)]),
    );
  }
  return typeof value;
}

/** Same keys everywhere, same JSON type where both sides have a value; empty arrays match any array. */
function expectSameShape(actual: unknown, expected: unknown, path = '$'): void {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected[0] === 'empty' || actual[0] === 'empty') return;
    expectSameShape(actual[0], expected[0], `${path}[]`);
    return;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected as object).sort());
    for (const key of Object.keys(expected as object)) {
      expectSameShape(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  if (expected === 'null' || actual === 'null' || expected === 'any' || actual === 'any') return;
  expect(actual, path).toEqual(expected);
}

/** A minimal OAuth 1.0a signer (HMAC-SHA256, params in the query) for the emulator's own tests. */
function signedUrl(
  emulator: WooCommerceEmulator,
  method: string,
  path: string,
  query: Record<string, string> = {},
  now = Date.now(),
  signedFor = emulator.url,
) {
  const base = `${emulator.url}/wp-json/wc/v3/${path}`;
  const signedBase = `${signedFor}/wp-json/wc/v3/${path}`;
  const params: [string, string][] = [
    ...Object.entries(query),
    ['oauth_consumer_key', emulator.consumerKey],
    ['oauth_nonce', randomBytes(16).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(Math.floor(now / 1000))],
    ['oauth_version', '1.0'],
  ];
  const signature = createHmac('sha256', `${emulator.consumerSecret}&`)
    .update(oauthBaseString(method, signedBase, params))
    .digest('base64');
  params.push(['oauth_signature', signature]);
  return `${base}?${new URLSearchParams(params).toString()}`;
}

let emulator: WooCommerceEmulator;
afterEach(async () => {
  await emulator?.close();
});

async function liveLikeShop() {
  emulator = await createWooCommerceEmulator();
  const shop = emulator.shop;
  const set = shop.createProduct({ name: 'Çay Bardağı Seti', sku: 'CAY-SET-6', price: '100.00' });
  const book = shop.createProduct({
    name: 'Kürk Mantolu Madonna',
    sku: 'KITAP-001',
    price: '72.50',
    taxClass: 'reduced-rate',
    categories: [{ id: 16, name: 'Kitaplar', slug: 'kitaplar' }],
  });
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
  return { set, book, customer, order };
}

describe('the WooCommerce emulator', () => {
  it('computes order A exactly as WooCommerce 11 did', async () => {
    const { order } = await liveLikeShop();
    const real = live('order-A-get.json') as Record<string, unknown>;
    for (const key of [
      'discount_total',
      'discount_tax',
      'shipping_total',
      'shipping_tax',
      'cart_tax',
      'total',
      'total_tax',
    ]) {
      expect(order[key], key).toBe(real[key]);
    }
  });

  it('answers with the same keys and JSON types as the real server', async () => {
    const { order, customer, set } = await liveLikeShop();
    const get = async (path: string, query: Record<string, string> = {}) => {
      const response = await fetch(signedUrl(emulator, 'GET', path, query));
      expect(response.status, path).toBe(200);
      return response.json();
    };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(signedUrl(emulator, 'POST', path), {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      return { status: response.status, body: await response.json() };
    };
    expectSameShape(shape(await get(`orders/${order.id}`)), shape(live('order-A-get.json')));
    expectSameShape(shape(await get('orders', { per_page: '2' })), shape(live('orders-list-page1.json')));
    expectSameShape(shape(await get(`customers/${customer.id}`)), shape(live('customer-get-turkish.json')));
    expectSameShape(shape(await get(`products/${set.id}`)), shape(live('product-get-simple.json')));
    const created = await post(`orders/${order.id}/refunds`, {
      reason: 'Kırık bardak',
      api_refund: false,
      line_items: [{ id: 1, quantity: 1, refund_total: 90, refund_tax: [{ id: 1, refund_total: 18 }] }],
    });
    expect(created.status).toBe(201);
    expectSameShape(shape(created.body), shape(live('refund-1-create-line-items.json')));
    expectSameShape(shape(await get(`orders/${order.id}/refunds`)), shape(live('refunds-list-after-partials.json')));
    expectSameShape(shape(await get('refunds')), shape(live('refunds-all-list.json')));
    expectSameShape(shape(await get(`orders/${order.id}`)), shape(live('order-A-get-after-partial-refunds.json')));
    expectSameShape(shape(await get(`orders/${order.id}/notes`)), shape(live('order-A-notes.json')));
    const over = await post(`orders/${order.id}/refunds`, { amount: '999.00', api_refund: false });
    expect(over.status).toBe(500);
    expect(over.body).toEqual(live('refund-error-more-than-remaining.json'));
    const missing = await fetch(signedUrl(emulator, 'GET', 'orders/99999'));
    expect(await missing.json()).toEqual(live('order-error-not-found.json'));
  });

  it('escapes bodies as PHP does', async () => {
    const { customer } = await liveLikeShop();
    const text = await (await fetch(signedUrl(emulator, 'GET', `customers/${customer.id}`))).text();
    expect(text).toContain('"first_name":"\\u0130smail"');
    expect(text).toContain('http:\\/\\/127.0.0.1');
  });

  it('applies WooCommerce auth rules', async () => {
    const { order } = await liveLikeShop();
    const basic = `Basic ${Buffer.from(`${emulator.consumerKey}:${emulator.consumerSecret}`).toString('base64')}`;
    const plainBasic = await fetch(`${emulator.url}/wp-json/wc/v3/orders/${order.id}`, {
      headers: { authorization: basic },
    });
    expect(plainBasic.status).toBe(401);
    expect(await plainBasic.json()).toEqual(live('auth-error-basic-over-plain-http.json'));
    const none = await fetch(`${emulator.url}/wp-json/wc/v3/orders`);
    expect(await none.json()).toEqual(live('auth-error-no-credentials.json'));
    const httpsBasic = await fetch(`${emulator.url}/wp-json/wc/v3/orders/${order.id}`, {
      headers: { authorization: basic, 'x-forwarded-proto': 'https' },
    });
    expect(httpsBasic.status).toBe(200);
    // The signature covers the exact URL: localhost instead of 127.0.0.1 fails.
    const wrongHost = signedUrl(
      emulator,
      'GET',
      `orders/${order.id}`,
      {},
      Date.now(),
      emulator.url.replace('127.0.0.1', 'localhost'),
    );
    const refused = await fetch(wrongHost);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('woocommerce_rest_authentication_error');
    // A replayed nonce and a stale timestamp are refused.
    const once = signedUrl(emulator, 'GET', `orders/${order.id}`);
    expect((await fetch(once)).status).toBe(200);
    expect((await fetch(once)).status).toBe(401);
    expect((await fetch(signedUrl(emulator, 'GET', 'orders', {}, Date.now() - 60 * 60_000))).status).toBe(401);
  });

  it('paginates with X-WP-Total, X-WP-TotalPages and a Link that repeats every parameter', async () => {
    emulator = await createWooCommerceEmulator();
    seedWooCommerceShop(emulator.shop, { orders: 5, seed: 3 });
    const response = await fetch(signedUrl(emulator, 'GET', 'orders', { per_page: '2', page: '2' }));
    expect(response.headers.get('x-wp-total')).toBe('5');
    expect(response.headers.get('x-wp-totalpages')).toBe('3');
    const link = response.headers.get('link') ?? '';
    expect(link).toMatch(/rel="prev"/);
    expect(link).toMatch(/rel="next"/);
    expect(link).toContain('oauth_signature=');
    expect(link).toContain('status%5B0%5D=any&dp=2&context=view');
    // Following the link as is replays the old signature and nonce: refused.
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '';
    expect((await fetch(next)).status).toBe(401);
    expect((await fetch(signedUrl(emulator, 'GET', 'orders', { per_page: '101' }))).status).toBe(400);
  });

  it('refunds: remaining amount, api_refund, ids used up by failures, refunded when full, restock', async () => {
    const { order, set } = await liveLikeShop();
    const id = order.id as number;
    const post = async (body: unknown) => {
      const response = await fetch(signedUrl(emulator, 'POST', `orders/${id}/refunds`), {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const first = await post({
      reason: 'r',
      api_refund: false,
      api_restock: true,
      line_items: [{ id: 1, quantity: 1, refund_total: 90, refund_tax: [{ id: 1, refund_total: 18 }] }],
    });
    expect(first.body.amount).toBe('108.00');
    expect(emulator.shop.products.get(set.id as number)?.stock_quantity).toBe(101);
    const gateway = await post({ amount: '1.00' });
    expect(gateway).toEqual({ status: 500, body: live('refund-error-api-refund-true-bacs.json') });
    const second = await post({ amount: '20.00', api_refund: false });
    expect((second.body.id as number) - (first.body.id as number)).toBe(2);
    expect(emulator.shop.remainingRefundable(id)).toBe(21978);
    const rest = await post({ amount: '219.78', api_refund: false });
    expect(rest.status).toBe(201);
    expect(emulator.shop.orders.get(id)?.status).toBe('refunded');
    expect((await post({ amount: '0.01', api_refund: false })).status).toBe(500);
  });

  it('injects faults: 5xx, slow, reset, and reset after the write applied', async () => {
    const { order } = await liveLikeShop();
    const id = order.id as number;
    emulator.injectFault({ kind: 'status', status: 503, path: 'orders' });
    expect((await fetch(signedUrl(emulator, 'GET', `orders/${id}`))).status).toBe(503);
    emulator.injectFault({ kind: 'reset', method: 'GET' });
    await expect(fetch(signedUrl(emulator, 'GET', `orders/${id}`))).rejects.toThrow();
    emulator.injectFault({ kind: 'reset-after-write', method: 'POST', path: /refunds$/ });
    await expect(
      fetch(signedUrl(emulator, 'POST', `orders/${id}/refunds`), {
        method: 'POST',
        body: JSON.stringify({ amount: '5.00', api_refund: false }),
      }),
    ).rejects.toThrow();
    expect(emulator.shop.remainingRefundable(id)).toBe(34778 - 500);
    emulator.injectFault({ kind: 'slow', delayMs: 20 });
    const started = performance.now();
    expect((await fetch(signedUrl(emulator, 'GET', `orders/${id}`))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(emulator.pendingFaults()).toEqual([]);
  });

  it('uses the injected clock for dates and OAuth timestamps', async () => {
    let now = Date.parse('2030-05-01T10:00:00Z');
    emulator = await createWooCommerceEmulator({ clock: { now: () => now } });
    const product = emulator.shop.createProduct({ name: 'X', price: '10.00' });
    expect(product.date_created_gmt).toBe('2030-05-01T10:00:00');
    expect((await fetch(signedUrl(emulator, 'GET', 'products', {}, now))).status).toBe(200);
    now += 60 * 60_000;
    expect((await fetch(signedUrl(emulator, 'GET', 'products', {}, now - 60 * 60_000))).status).toBe(401);
  });

  it('sends the unsigned ping and signed, PHP-escaped deliveries', async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { order } = await liveLikeShop();
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      emulator.addWebhook({ topic: 'order.updated', deliveryUrl: hook, secret: 'whsec_Çok-Gizli' });
      emulator.addWebhook({ topic: 'action.woocommerce_order_refunded', deliveryUrl: hook, secret: 's2' });
      await fetch(signedUrl(emulator, 'POST', `orders/${order.id}/refunds`), {
        method: 'POST',
        body: JSON.stringify({ amount: '5.00', api_refund: false }),
      });
      const sent = await emulator.deliverWebhooks();
      expect(sent.map((s) => s.topic)).toEqual(['ping', 'ping', 'order.updated', 'action.woocommerce_order_refunded']);
      expect(sent.every((s) => s.status === 200)).toBe(true);
      const [ping, update, action] = [received[0], received[2], received[3]];
      expect(ping?.body.toString()).toBe('webhook_id=1');
      expect(Object.keys(ping?.headers ?? {}).some((name) => name.startsWith('x-wc-'))).toBe(false);
      const body = update?.body ?? Buffer.alloc(0);
      expect(body.toString()).toContain('\\u0130smail');
      expect(body.toString()).toContain('\\/');
      const signature = createHmac('sha256', Buffer.from('whsec_Çok-Gizli', 'utf8')).update(body).digest('base64');
      expect(update?.headers['x-wc-webhook-signature']).toBe(signature);
      expect(update?.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(action?.body.toString() ?? '')).toEqual({
        action: 'woocommerce_order_refunded',
        arg: order.id,
      });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

/** What a captured request was: method, path under `/wc/v3/`, query and JSON body. */
interface CapturedRequest {
  file: string;
  request: { method: string; path: string; query?: Record<string, string>; body?: unknown };
  http_status: number;
}

/** The fields WooCommerce computes (money, quantities, ids, statuses, errors), kept recursively. */
const computed = new Set([
  'id',
  'code',
  'message',
  'data',
  'status',
  'customer_id',
  'prices_include_tax',
  'discount_total',
  'discount_tax',
  'shipping_total',
  'shipping_tax',
  'cart_tax',
  'total',
  'total_tax',
  'subtotal',
  'subtotal_tax',
  'quantity',
  'price',
  'amount',
  'refunded_payment',
  'rate_id',
  'rate_percent',
  'tax_total',
  'shipping_tax_total',
  'discount',
  'value',
]);
const nested = new Set(['line_items', 'tax_lines', 'shipping_lines', 'fee_lines', 'coupon_lines', 'refunds', 'taxes']);
function computedFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(computedFields);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => computed.has(key) || nested.has(key))
      .map(([key, item]) => [key, nested.has(key) ? computedFields(item) : item]),
  );
}

/** A signed JSON request to the emulator: its status and parsed body. */
async function call(method: string, path: string, body?: unknown, query: Record<string, string> = {}) {
  const response = await fetch(signedUrl(emulator, method, path, query), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & Record<string, unknown>[],
  };
}

describe('coupons, replacement orders and cancellations', () => {
  it('creates coupons as WooCommerce 11 does: lower-case unique codes, list by code or search, coupon.created', async () => {
    emulator = await createWooCommerceEmulator();
    const received: { topic: string | string[] | undefined; signature: string | string[] | undefined; body: string }[] =
      [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          topic: request.headers['x-wc-webhook-topic'],
          signature: request.headers['x-wc-webhook-signature'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      emulator.addWebhook({
        topic: 'coupon.created',
        deliveryUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
        secret: 'whsec_kupon',
      });
      // The live capture's request, then a store-credit coupon.
      const percent = await call('POST', 'coupons', {
        code: 'indirim10',
        discount_type: 'percent',
        amount: '10',
        individual_use: false,
        exclude_sale_items: false,
        description: '%10 indirim',
      });
      expect(percent.status).toBe(201);
      expectSameShape(shape(percent.body), shape(live('coupon-create-percent-10.json')));
      const real = live('coupon-create-percent-10.json') as Record<string, unknown>;
      for (const key of ['code', 'amount', 'status', 'discount_type', 'description', 'usage_limit', 'date_expires'])
        expect(percent.body[key], key).toEqual(real[key]);
      const credit = await call('POST', 'coupons', {
        code: 'CREDIT-ab12-CD34',
        discount_type: 'fixed_cart',
        amount: '297.00',
        usage_limit: 1,
        usage_limit_per_user: 1,
        email_restrictions: ['mehmet@example.com'],
        date_expires_gmt: '2027-06-30T21:00:00.000Z',
        description: 'Store credit [aftersale:ret_1]',
        meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_1' }],
      });
      expect(credit.body).toMatchObject({
        code: 'credit-ab12-cd34',
        amount: '297.00',
        discount_type: 'fixed_cart',
        usage_limit: 1,
        email_restrictions: ['mehmet@example.com'],
        date_expires: '2027-06-30T21:00:00',
        date_expires_gmt: '2027-06-30T21:00:00',
        meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_1' }],
      });
      // Codes are unique, whatever their case; a code is required.
      const again = await call('POST', 'coupons', { code: 'Credit-AB12-cd34', amount: '1' });
      expect(again).toEqual({
        status: 400,
        body: {
          code: 'woocommerce_rest_coupon_code_already_exists',
          message: 'The coupon code already exists',
          data: { status: 400 },
        },
      });
      expect((await call('POST', 'coupons', { amount: '1' })).status).toBe(400);
      const byCode = await call('GET', 'coupons', undefined, { code: 'credit-ab12-cd34' });
      expect(byCode.body.map((coupon) => coupon.id)).toEqual([credit.body.id]);
      const bySearch = await call('GET', 'coupons', undefined, { search: 'aftersale:ret_1' });
      expect(bySearch.body.map((coupon) => coupon.id)).toEqual([credit.body.id]);
      expect((await call('GET', `coupons/${credit.body.id}`)).body.code).toBe('credit-ab12-cd34');
      expect((await call('GET', 'coupons/99999')).status).toBe(404);
      await emulator.deliverWebhooks();
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    const deliveries = received.filter((delivery) => delivery.topic === 'coupon.created');
    expect(deliveries).toHaveLength(2);
    const [first] = deliveries;
    expect(first?.signature).toBe(
      createHmac('sha256', 'whsec_kupon')
        .update(first?.body ?? '')
        .digest('base64'),
    );
    expect(JSON.parse(first?.body ?? '{}')).toMatchObject({ code: 'indirim10', amount: '10.00' });
  });

  it('creates a pending replacement order with a negative taxable fee, then credits and pays it', async () => {
    const { set, customer, order } = await liveLikeShop();
    const shirt = emulator.shop.createProduct({ name: 'Tişört', price: '200.00' });
    const medium = emulator.shop.createProduct({
      name: 'Tişört - M',
      price: '220.00',
      parentId: shirt.id as number,
      attributes: [{ name: 'Beden', option: 'M' }],
    });
    const created = await call('POST', 'orders', {
      parent_id: order.id,
      customer_id: customer.id,
      currency: 'TRY',
      status: 'pending',
      set_paid: false,
      payment_method: 'emulated_card',
      line_items: [{ product_id: shirt.id, variation_id: medium.id, quantity: 1 }],
      fee_lines: [{ name: 'Exchange credit', tax_status: 'taxable', total: '-200.00' }],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_2' }],
    });
    expect(created.status).toBe(201);
    // 220.00 + 44.00 KDV, less the credit: 200.00 and the 40.00 KDV on it.
    expect(created.body).toMatchObject({
      status: 'pending',
      parent_id: order.id,
      total: '24.00',
      total_tax: '4.00',
      cart_tax: '4.00',
      needs_payment: true,
      date_paid: null,
      payment_url: expect.stringContaining(`/checkout/order-pay/${created.body.id}/?pay_for_order=true&key=wc_order_`),
      line_items: [{ product_id: shirt.id, variation_id: medium.id, total: '220.00', total_tax: '44.00' }],
      fee_lines: [
        { name: 'Exchange credit', total: '-200.00', total_tax: '-40.00', taxes: [{ id: 1, total: '-40.00' }] },
      ],
      tax_lines: [{ rate_id: 1, tax_total: '4.00' }],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_2' }],
    });
    const children = await call('GET', 'orders', undefined, { parent: String(order.id) });
    expect(children.body.map((child) => child.id)).toEqual([created.body.id]);
    // The rest waived, paid: processing.
    const updated = await call('PUT', `orders/${created.body.id}`, {
      fee_lines: [{ name: 'Exchange difference waived', tax_status: 'taxable', total: '-20.00' }],
      meta_data: [{ key: '_aftersale_exchange_settled', value: 'yes' }],
      set_paid: true,
    });
    expect(updated.body).toMatchObject({
      status: 'processing',
      total: '0.00',
      total_tax: '0.00',
      needs_payment: false,
      date_paid: expect.any(String),
      meta_data: [
        { key: '_aftersale_idempotency_key', value: 'ret_2' },
        { key: '_aftersale_exchange_settled', value: 'yes' },
      ],
    });
    expect((updated.body.fee_lines as unknown[]).length).toBe(2);
    // A negative fee never takes an order below zero (on the net amounts, as WooCommerce caps it), and
    // over several tax classes it is taxed by each class's share.
    const capped = await call('POST', 'orders', {
      line_items: [{ product_id: set.id, quantity: 1 }],
      fee_lines: [{ name: 'Too much', tax_status: 'none', total: '-500.00' }],
    });
    expect(capped.body).toMatchObject({ total: '20.00', fee_lines: [{ total: '-100.00', total_tax: '0.00' }] });
    const book = [...emulator.shop.products.values()].find((product) => product.tax_class === 'reduced-rate');
    const mixed = await call('POST', 'orders', {
      line_items: [
        { product_id: set.id, quantity: 1 },
        { product_id: book?.id, quantity: 1 },
      ],
      fee_lines: [{ name: 'Half off', total: '-86.25' }],
    });
    expect(mixed.body).toMatchObject({
      fee_lines: [
        {
          total: '-86.25',
          total_tax: '-13.63',
          taxes: [
            { id: 1, total: '-10.00' },
            { id: 2, total: '-3.63' },
          ],
        },
      ],
      // 100.00 + 20.00 and 72.50 + 7.25, less 86.25 + 13.63.
      total: '99.87',
    });
  });

  it('cancels an order by status, with a note of the change', async () => {
    const { order } = await liveLikeShop();
    const cancelled = await call('PUT', `orders/${order.id}`, {
      status: 'cancelled',
      meta_data: [{ key: '_aftersale_cancel_key', value: 'c1' }],
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      meta_data: [{ key: '_aftersale_cancel_key', value: 'c1' }],
    });
    const notes = await call('GET', `orders/${order.id}/notes`);
    expect(notes.body[0]).toMatchObject({ note: 'Order status changed from Processing to Cancelled.' });
  });
});

describe('replaying the live capture', () => {
  it('answers every captured order, refund and list request as WooCommerce 11.0.1 did', async () => {
    emulator = await createWooCommerceEmulator();
    const shop = emulator.shop;
    // The store as the capture's setup requests left it (products 10–14, customers 2 and 3, coupon 15).
    shop.createProduct({ id: 10, name: 'Çay Bardağı Seti', sku: 'CAY-SET-6', price: '100.00' });
    shop.createProduct({
      id: 11,
      name: 'Kürk Mantolu Madonna',
      sku: 'KITAP-001',
      price: '72.50',
      taxClass: 'reduced-rate',
      categories: [{ id: 16, name: 'Kitaplar', slug: 'kitaplar' }],
    });
    shop.createProduct({ id: 12, name: 'Pamuklu Tişört', sku: 'TSHIRT', price: '200.00' });
    for (const [id, size, price] of [
      [13, 'S', '200.00'],
      [14, 'M', '220.00'],
    ] as const) {
      shop.createProduct({
        id,
        parentId: 12,
        name: `Pamuklu Tişört - ${size}`,
        sku: `TSHIRT-${size}`,
        price,
        attributes: [{ name: 'Beden', option: size }],
      });
    }
    shop.createCustomer({ id: 2, email: 'ismail.senguloglu@example.com', firstName: 'İsmail', lastName: 'Şengüloğlu' });
    shop.createCustomer({ id: 3, email: 'john.smith@example.com', firstName: 'John', lastName: 'Smith' });
    expect(emulator.addCoupon('indirim10', 10).id).toBe(15);
    const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    emulator.addWebhook({ topic: 'order.created', deliveryUrl: hook, secret: 'whsec_order-created' });
    emulator.addWebhook({ topic: 'order.updated', deliveryUrl: hook, secret: 'whsec_order-updated' });

    const replayed = (live('_index.json') as CapturedRequest[]).filter(
      (entry) =>
        /^(order-[A-D]-|refund|setup-settings-tax-prices-include-tax|order-error|orders-list-page)/.test(entry.file) &&
        // Basic auth is replayed in the auth test; notes are checked by shape only (WooCommerce writes a
        // note per e-mail and stock change, which the emulator does not reproduce one by one).
        !entry.file.includes('basic-auth') &&
        !entry.file.endsWith('-notes.json'),
    );
    expect(replayed.length).toBe(25);
    for (const { file, request, http_status } of replayed) {
      const path = request.path.replace(/^\/wc\/v3\//, '');
      const response = await fetch(signedUrl(emulator, request.method, path, request.query ?? {}), {
        method: request.method,
        ...(request.body === undefined
          ? {}
          : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
      });
      expect(response.status, file).toBe(http_status);
      const actual = await response.json();
      const expected = live(file);
      expectSameShape(shape(actual), shape(expected), file);
      expect(computedFields(actual), file).toEqual(computedFields(expected));
    }

    // The deliveries of order A's creation (set_paid): created and updated, byte-identical bodies with
    // the same headers and the same payload as the real 004 and 005.
    try {
      await emulator.deliverWebhooks();
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    const [created, updated] = received.filter((delivery) => delivery.headers['x-wc-webhook-topic'] !== undefined);
    expect(created?.headers['x-wc-webhook-topic']).toBe('order.created');
    expect(updated?.headers['x-wc-webhook-topic']).toBe('order.updated');
    expect(created?.body.equals(updated?.body ?? Buffer.alloc(0))).toBe(true);
    const realDelivery = JSON.parse(
      readFileSync(join(shared(), 'webhooks/004-order.created.headers.json'), 'utf8'),
    ) as {
      headers: Record<string, string>;
    };
    const wcHeaders = (headers: Record<string, unknown>) =>
      Object.keys(headers)
        .filter((name) => name.startsWith('x-wc-'))
        .sort();
    expect(wcHeaders(created?.headers ?? {})).toEqual(wcHeaders(realDelivery.headers));
    expect(created?.headers['user-agent']).toBe(realDelivery.headers['user-agent']);
    const realBody = JSON.parse(readFileSync(join(shared(), 'webhooks/004-order.created.body'), 'utf8')) as unknown;
    const sentBody = JSON.parse(created?.body.toString('utf8') ?? '') as unknown;
    expectSameShape(shape(sentBody), shape(realBody), '004-order.created.body');
    expect(computedFields(sentBody)).toEqual(computedFields(realBody));
  });
});
