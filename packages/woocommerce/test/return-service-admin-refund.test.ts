import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CommerceEvent, type CommerceEventHandling, definePolicy, money } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWooCommerceWebhookHandler } from '../src/create-woocommerce-webhook-handler.js';
import { createRestClient } from '../src/woocommerce-http.js';
import { crashingStore, type ReturnServiceShop, returnServiceShop, staff } from './return-service-shop.js';

// A refund made in WooCommerce's admin, not by aftersale: WooCommerce signs its webhooks, the handler
// keeps them in the SQLite inbox, the adapter parses them, and the return service reconciles the
// refund with the open case, so the customer is never paid twice.

const policy = definePolicy({
  schemaVersion: 1,
  id: 'cay-evi-returns',
  version: 3,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
});
const webhookSecret = 'whsec_Çok-Gizli';

let current: ReturnServiceShop | undefined;
let server: Server | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
  const closing = server;
  server = undefined;
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

async function setup(options: Pick<Parameters<typeof returnServiceShop>[0], 'wrapStore'> = {}) {
  current = await returnServiceShop({ policy, adapter: { webhookSecret }, ...options });
  const s = current;
  const raw = s.placeOrder({
    lines: [
      { productId: s.products.set.id as number, quantity: 2 },
      { productId: s.products.book.id as number, quantity: 1 },
    ],
  });
  const orderId = String(raw.id);
  const [setLine = '', bookLine = ''] = s.lineIds(raw);

  // The store app's webhook endpoint: verified deliveries go to the SQLite inbox.
  const handler = createWooCommerceWebhookHandler({ secret: webhookSecret, store: s.store, shopId: s.shopId });
  server = createServer((request, response) => {
    void handler.node(request, response);
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const deliveryUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/webhooks/woocommerce`;
  s.emulator.addWebhook({ topic: 'order.updated', deliveryUrl, secret: webhookSecret });
  s.emulator.addWebhook({ topic: 'action.woocommerce_order_refunded', deliveryUrl, secret: webhookSecret });
  expect((await s.emulator.deliverWebhooks()).map((sent) => [sent.topic, sent.status])).toEqual([
    ['ping', 200],
    ['ping', 200],
  ]);

  /** The merchant in wp-admin: a refund of lines, recorded without the gateway, with the REST API's own rules. */
  const admin = createRestClient({
    url: s.emulator.url,
    consumerKey: s.emulator.consumerKey,
    consumerSecret: s.emulator.consumerSecret,
    timeoutMs: 10_000,
  });
  async function adminRefund(lines: { id: string; net: string; tax: string; rateId: number }[], amount: string) {
    // A refund without lines is an amount given back (a shipping fee, a gesture), as the admin allows.
    const response = await admin.post(`orders/${orderId}/refunds`, {
      amount,
      reason: 'Müşteri ürünü mağazaya getirdi',
      api_refund: false,
      api_restock: true,
      line_items: lines.map((line) => ({
        id: Number(line.id),
        quantity: 1,
        refund_total: line.net,
        refund_tax: [{ id: line.rateId, refund_total: line.tax }],
      })),
    });
    expect(response.status).toBe(201);
    return JSON.parse(String(response.data)) as { id: number };
  }

  /** WooCommerce sends its webhooks; the app's worker claims them, parses them and lets the service handle them. */
  async function processWebhooks(): Promise<
    { topic: string; event: CommerceEvent; handling: CommerceEventHandling }[]
  > {
    const sent = await s.emulator.deliverWebhooks();
    expect(sent.every((delivery) => delivery.status === 200)).toBe(true);
    const handled = [];
    for (const delivery of await s.store.claimWebhooks({ workerId: 'worker-1', limit: 50, shopId: s.shopId })) {
      const parseWebhook = s.adapter.parseWebhook;
      if (!parseWebhook) throw new Error('the adapter has a webhook secret, so it parses webhooks');
      const event = await parseWebhook({ topic: delivery.topic, rawBody: delivery.rawBody ?? '' });
      handled.push({ topic: delivery.topic, event, handling: await s.service.handleCommerceEvent(event) });
      await s.store.completeWebhook(delivery.id, delivery.leaseToken ?? '');
    }
    return handled;
  }

  /** The merchant edits the order in wp-admin (WooCommerce then sends order.updated with all its refunds). */
  async function adminEdit() {
    const response = await admin.put(`orders/${orderId}`, { meta_data: [{ key: 'gift_wrap', value: 'no' }] });
    expect(response.status).toBe(200);
  }

  return { ...s, orderId, setLine, bookLine, adminRefund, adminEdit, processWebhooks };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/**
 * WooCommerce tells of a refund twice (`order.updated` and the refund action), in an order the inbox
 * does not keep: the delivery that moved a case (if any), and what the others came to.
 */
function outcomes(handled: { handling: CommerceEventHandling }[]) {
  const acted = handled.filter((entry) => entry.handling.handled !== 'ignored').map((entry) => entry.handling);
  const ignored = handled.filter((entry) => entry.handling.handled === 'ignored').map((entry) => entry.handling);
  return { acted, ignored };
}

async function openCase(s: Setup, lineItemId: string, steps: 'awaiting_items' | 'inspected') {
  const opened = await s.service.request({
    order: await s.order(s.orderId),
    request: { lines: [{ lineItemId, quantity: 1, reason: 'changed_mind' }] },
    locale: 'tr-TR',
  });
  const caseId = opened.case.id;
  await s.service.issueLabel(caseId, { actor: staff });
  if (steps === 'inspected') {
    await s.service.received(caseId, { actor: staff });
    await s.service.inspect(caseId, [{ lineItemId, quantity: 1, condition: 'as_expected' }], { actor: staff });
  }
  return caseId;
}

const setRefund = (s: Setup) => [{ id: s.setLine, net: '100.00', tax: '20.00', rateId: 1 }];

describe('a refund made in the WooCommerce admin, delivered as a signed webhook', () => {
  it('resolves the inspected case (refund-reconciled), is not recorded twice, and a later refund pays nothing', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'inspected');
    const adminMade = await s.adminRefund(setRefund(s), '120.00');

    const handled = await s.processWebhooks();
    expect(handled.map((entry) => [entry.topic, entry.event.type]).sort()).toEqual([
      ['action.woocommerce_order_refunded', 'refund-created'],
      ['order.updated', 'order-updated'],
    ]);
    // The first delivery handled resolves the case; by the second the refund is known.
    const { acted, ignored } = outcomes(handled);
    expect(acted).toEqual([expect.objectContaining({ handled: 'reconciled', caseId })]);
    expect(ignored).toEqual([{ handled: 'ignored', caseId, reason: 'known_refund' }]);
    const reconciled = acted[0];
    const refundId = reconciled?.handled === 'reconciled' ? reconciled.refundId : '';
    expect(refundId).toMatch(/^rfd_pf_/);

    // aftersale: the case resolved by the platform's admin, one refund record with WooCommerce's id.
    const state = await s.service.get(caseId);
    expect(state.status).toBe('resolved');
    expect(state.resolution).toMatchObject({ outcome: 'refunded', amount: money(12000, 'TRY'), reference: refundId });
    expect(state.history.at(-1)?.actor).toEqual({ kind: 'platform', id: 'admin' });
    const records = (await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: refundId,
      returnCaseId: caseId,
      amount: money(12000, 'TRY'),
      platformRefundId: String(adminMade.id),
      platformStatus: 'admin',
      status: 'succeeded',
    });
    const reconciledEvent = (await s.outbox()).find((event) => event.type === 'refund-reconciled');
    expect(reconciledEvent?.payload).toMatchObject({
      caseId,
      status: 'resolved',
      amount: money(12000, 'TRY'),
      message: `${s.orderId} numaralı siparişiniz için ₺120,00 iade edildi.`,
    });
    expect(s.notes(s.orderId).at(-1)?.note).toBe(
      `aftersale · Sipariş ${s.orderId} · iade ${caseId}: mağaza panelinden yapılan iade kaydedildi, ₺120,00 (durum: sonuçlandı)`,
    );

    // The same webhooks again (WooCommerce retries deliveries): recognised, nothing recorded twice.
    for (const { event } of handled) {
      expect(await s.service.handleCommerceEvent(event)).toEqual({
        handled: 'ignored',
        caseId,
        reason: 'known_refund',
      });
    }
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items).toHaveLength(1);

    // The staff member presses "refund" afterwards: the reconciled refund answers, nothing is paid.
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
      refundId,
    });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(s.refundPosts(s.orderId)).toHaveLength(1);
    expect((await s.service.close(caseId, { actor: staff })).status).toBe('closed');
    expect((await s.outbox()).filter((event) => event.type === 'refund-issued')).toHaveLength(0);
  });

  it('before the items are back it is recorded on the case; the refund after inspection resolves with it and pays nothing', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'awaiting_items');
    const adminMade = await s.adminRefund(setRefund(s), '120.00');
    const handled = await s.processWebhooks();
    const { acted, ignored } = outcomes(handled);
    expect(acted).toEqual([expect.objectContaining({ handled: 'recorded', caseId })]);
    expect(ignored).toEqual([{ handled: 'ignored', caseId, reason: 'known_refund' }]);
    const recorded = acted[0];
    const refundId = recorded?.handled === 'recorded' ? recorded.refundId : '';
    expect((await s.service.get(caseId)).status).toBe('awaiting_items');
    expect((await s.outbox()).map((event) => event.type)).not.toContain('refund-reconciled');

    await s.service.received(caseId, { actor: staff });
    await s.service.inspect(caseId, [{ lineItemId: s.setLine, quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    const refunded = await s.service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: true, refundId });
    expect(refunded.case.resolution).toMatchObject({ outcome: 'refunded', amount: money(12000, 'TRY') });
    expect(s.refunds(s.orderId).map((refund) => refund.id)).toEqual([adminMade.id]);
    expect(s.refundPosts(s.orderId)).toHaveLength(1);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toBeNull();
    expect(await s.store.getRefund(s.shopId, refundId)).toMatchObject({
      platformRefundId: String(adminMade.id),
      returnCaseId: caseId,
    });
    const outbox = await s.outbox();
    expect(outbox.filter((event) => event.type === 'refund-reconciled')).toHaveLength(1);
    expect(outbox.filter((event) => event.type === 'refund-issued')).toHaveLength(0);
  });

  it('with two open cases on the order, the refund of one line goes to that line’s case', async () => {
    const s = await setup();
    const setCase = await openCase(s, s.setLine, 'inspected');
    const bookCase = await openCase(s, s.bookLine, 'inspected');
    // The book: 72.50 and 7.25 KDV at the reduced rate (rate 2).
    await s.adminRefund([{ id: s.bookLine, net: '72.50', tax: '7.25', rateId: 2 }], '79.75');
    const handled = await s.processWebhooks();
    expect(outcomes(handled)).toEqual({
      acted: [expect.objectContaining({ handled: 'reconciled', caseId: bookCase })],
      ignored: [{ handled: 'ignored', caseId: bookCase, reason: 'known_refund' }],
    });
    expect((await s.service.get(bookCase)).resolution).toMatchObject({ amount: money(7975, 'TRY') });
    expect((await s.service.get(setCase)).status).toBe('inspected');
    // The set's case is still refunded by aftersale, once.
    expect(await s.service.refund(setCase, { actor: staff })).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['79.75', '120.00']);
  });

  it('aftersale’s own refund coming back as a webhook is recognised and changes nothing', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'inspected');
    await s.service.refund(caseId, { actor: staff });
    const handled = await s.processWebhooks();
    expect(handled.map((entry) => entry.handling)).toEqual([
      { handled: 'ignored', caseId, reason: 'known_refund' },
      { handled: 'ignored', caseId, reason: 'known_refund' },
    ]);
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items.map((record) => record.id)).toEqual([
      'rfd_case1',
    ]);
    expect((await s.outbox()).map((event) => event.type)).not.toContain('refund-reconciled');
  });

  it('aftersale’s refund whose webhook arrives before its record is written is left to the refund’s retry', async () => {
    const crash = crashingStore('createRefund', 'before');
    const s = await setup({ wrapStore: crash.wrap });
    const caseId = await openCase(s, s.setLine, 'inspected');
    crash.armed.next = true;
    await expect(s.service.refund(caseId, { actor: staff })).rejects.toThrow('process killed');
    expect(s.refunds(s.orderId)).toHaveLength(1);

    const handled = await s.processWebhooks();
    expect(handled.map((entry) => entry.handling)).toEqual([
      { handled: 'ignored', caseId, reason: 'money_move_in_progress' },
      { handled: 'ignored', caseId, reason: 'money_move_in_progress' },
    ]);
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items).toHaveLength(0);

    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
      refundId: 'rfd_case1',
    });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items.map((record) => record.id)).toEqual([
      'rfd_case1',
    ]);
  });
});

describe('admin refunds that are not the case’s refund', () => {
  it('a refund of another line of the order does not resolve the case, and the case’s refund is still paid', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'inspected');
    // The merchant refunds the book (not part of the return) in the admin.
    await s.adminRefund([{ id: s.bookLine, net: '72.50', tax: '7.25', rateId: 2 }], '79.75');
    const handled = await s.processWebhooks();
    expect(outcomes(handled).acted).toEqual([]);
    expect((await s.service.get(caseId)).status).toBe('inspected');

    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: false,
      refundId: 'rfd_case1',
    });
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['79.75', '120.00']);
  });

  it('an amount given back in the admin (no lines) does not resolve the case, and the case’s refund is still paid', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'inspected');
    await s.adminRefund([], '10.00');
    const handled = await s.processWebhooks();
    expect(outcomes(handled).acted).toEqual([]);
    expect((await s.service.get(caseId)).status).toBe('inspected');
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['10.00', '120.00']);
  });

  it('an admin refund while aftersale’s claim is stuck (a worker died before sending) is not paid a second time', async () => {
    const crash = crashingStore('claimIdempotencyKey', 'after');
    const s = await setup({ wrapStore: crash.wrap });
    const caseId = await openCase(s, s.setLine, 'inspected');
    crash.armed.next = true;
    await expect(s.service.refund(caseId, { actor: staff })).rejects.toThrow('process killed');
    expect(s.refunds(s.orderId)).toHaveLength(0);

    // The customer calls; the merchant refunds the set in the admin.
    await s.adminRefund(setRefund(s), '120.00');
    await s.processWebhooks();

    // The stuck claim goes stale and the refund is retried: the customer is paid the 120.00 once.
    s.advance(1);
    const retried = await s.service.refund(caseId, { actor: staff });
    expect(retried.outcome).toBe('refunded');
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['120.00']);
  });

  it('an admin refund after aftersale’s refund failed with WooCommerce down is not paid a second time', async () => {
    const s = await setup();
    const caseId = await openCase(s, s.setLine, 'inspected');
    s.emulator.injectFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: `orders/${s.orderId}/refunds`,
      times: 5,
    });
    await expect(s.service.refund(caseId, { actor: staff })).rejects.toThrow();
    expect(s.refunds(s.orderId)).toHaveLength(0);
    expect(await s.store.getIdempotencyEntry(s.shopId, `${s.shopId}:${caseId}:refund`)).toMatchObject({
      state: 'unknown',
    });

    // The merchant gives up on aftersale and refunds the set in the admin; later the staff retries.
    await s.adminRefund(setRefund(s), '120.00');
    await s.processWebhooks();
    const retried = await s.service.refund(caseId, { actor: staff });
    expect(retried.outcome).toBe('refunded');
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['120.00']);
  });

  it('a refund made in the admin before the return was opened is not taken for the return’s refund later', async () => {
    const s = await setup();
    // One of the two sets arrived broken and was refunded in the admin, before any return.
    await s.adminRefund(setRefund(s), '120.00');
    expect(outcomes(await s.processWebhooks()).acted).toEqual([]);

    // Then the customer returns the other set; while it is on its way the merchant edits the order.
    const caseId = await openCase(s, s.setLine, 'awaiting_items');
    await s.adminEdit();
    expect(outcomes(await s.processWebhooks()).acted).toEqual([]);
    await s.service.received(caseId, { actor: staff });
    await s.service.inspect(caseId, [{ lineItemId: s.setLine, quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: false,
      refundId: 'rfd_case1',
    });
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['120.00', '120.00']);
  });
});
