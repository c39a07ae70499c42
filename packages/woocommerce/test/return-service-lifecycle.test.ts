import { AftersaleError, definePolicy, money } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { crashingStore, type ReturnServiceShop, returnServiceShop, staff } from './return-service-shop.js';

// A return refunded to the original payment, from the request to the closed case, on the WooCommerce
// emulator with a SQLite store: the case, its refund record and its events on aftersale's side; the
// refund and the order notes on WooCommerce's side; and the refund made once under faults and crashes.

const policy = definePolicy({
  schemaVersion: 1,
  id: 'cay-evi-returns',
  version: 3,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  resolutions: { storeCredit: { enabled: true, bonusPercent: 10 } },
});

let current: ReturnServiceShop | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function setup(options: Omit<Parameters<typeof returnServiceShop>[0], 'policy'> = {}) {
  current = await returnServiceShop({ policy, ...options });
  const s = current;
  const raw = s.placeOrder({
    lines: [
      { productId: s.products.set.id as number, quantity: 2 },
      { productId: s.products.book.id as number, quantity: 1 },
    ],
  });
  const orderId = String(raw.id);
  const [setLine = '', bookLine = ''] = s.lineIds(raw);
  return { ...s, orderId, setLine, bookLine };
}

/** A case for one glass set (120.00 with its KDV), received and inspected as expected. */
async function inspectedCase(s: Awaited<ReturnType<typeof setup>>, locale = 'tr-TR') {
  const opened = await s.service.request({
    order: await s.order(s.orderId),
    request: { lines: [{ lineItemId: s.setLine, quantity: 1, reason: 'changed_mind' }] },
    locale,
  });
  const caseId = opened.case.id;
  await s.service.received(caseId, { actor: staff });
  await s.service.inspect(caseId, [{ lineItemId: s.setLine, quantity: 1, condition: 'as_expected' }], {
    actor: staff,
  });
  return caseId;
}

describe('a return refunded to the original payment, end to end on WooCommerce', () => {
  it('request → label (designated carrier) → in transit → received → inspected → refunded once → closed, noted in Turkish', async () => {
    const s = await setup();
    const opened = await s.service.request({
      order: await s.order(s.orderId),
      request: { lines: [{ lineItemId: s.setLine, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr-TR',
    });
    expect(opened.route.action).toBe('approve');
    expect(opened.case).toMatchObject({ id: 'ret_case1', status: 'approved', orderId: s.orderId });
    // One of two glass sets: 100.00 and its 20.00 KDV; the shipping stays paid.
    expect(opened.decision.refund?.total).toEqual(money(12000, 'TRY'));
    const caseId = opened.case.id;

    s.advance(1);
    const labelled = await s.service.issueLabel(caseId, { actor: staff });
    expect(labelled.status).toBe('awaiting_items');
    expect(labelled.shipment).toMatchObject({
      carrier: 'Yurtiçi Kargo',
      designated: true,
      trackingNumber: 'YK-ret_case1',
      provider: 'manual',
    });
    s.advance(20);
    const inTransit = await s.service.tracking(caseId, {
      stage: 'in_transit',
      at: new Date(s.clock.now()).toISOString(),
    });
    expect(inTransit.status).toBe('awaiting_items');
    s.advance(24);
    expect((await s.service.received(caseId, { actor: staff })).status).toBe('received');
    const inspected = await s.service.inspect(
      caseId,
      [{ lineItemId: s.setLine, quantity: 1, condition: 'as_expected' }],
      { actor: staff },
    );
    expect(inspected.status).toBe('inspected');
    expect(s.refunds(s.orderId)).toHaveLength(0);
    const refundableBefore = s.shop.remainingRefundable(Number(s.orderId));

    const refunded = await s.service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: false, refundId: 'rfd_case1' });
    expect(refunded.outcome === 'refunded' && refunded.case.resolution).toMatchObject({
      outcome: 'refunded',
      amount: money(12000, 'TRY'),
      reference: 'rfd_case1',
    });
    // A retry of the call moves nothing and sends nothing.
    const posts = s.refundPosts(s.orderId).length;
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
      refundId: 'rfd_case1',
    });
    expect(s.refundPosts(s.orderId)).toHaveLength(posts);
    const closed = await s.service.close(caseId, { actor: staff });
    expect(closed.status).toBe('closed');

    // WooCommerce: exactly one refund, of the set's line, without the gateway, carrying the key.
    const key = `${s.shopId}:${caseId}:refund`;
    const wooRefunds = s.refunds(s.orderId);
    expect(wooRefunds).toHaveLength(1);
    const [wooRefund] = wooRefunds;
    expect(wooRefund).toMatchObject({ amount: '120.00', refunded_payment: false });
    expect(wooRefund?.meta_data).toContainEqual(
      expect.objectContaining({ key: '_aftersale_idempotency_key', value: key }),
    );
    expect(wooRefund?.line_items).toEqual([
      expect.objectContaining({ quantity: -1, total: '-100.00', total_tax: '-20.00' }),
    ]);
    expect(s.shop.remainingRefundable(Number(s.orderId))).toBe(refundableBefore - 12_000);
    expect((await s.order(s.orderId)).refunds.map((refund) => refund.total)).toEqual([money(12000, 'TRY')]);

    // aftersale: the case, its refund record with WooCommerce's id, and the ledger.
    const record = await s.store.getReturnCase(s.shopId, caseId);
    expect(record).toMatchObject({ status: 'closed', orderId: s.orderId, customerId: String(s.customer.id) });
    expect(record?.statusHistory.map((entry) => entry.status)).toEqual([
      'requested',
      'approved',
      'awaiting_items',
      'received',
      'inspected',
      'resolved',
      'closed',
    ]);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toMatchObject({
      orderId: s.orderId,
      returnCaseId: caseId,
      idempotencyKey: key,
      amount: money(12000, 'TRY'),
      status: 'succeeded',
      platformRefundId: String(wooRefund?.id),
    });
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items).toHaveLength(1);
    expect(await s.store.getIdempotencyEntry(s.shopId, key)).toMatchObject({ state: 'succeeded', operation: 'refund' });

    // The events, in-process and in the outbox, each with a Turkish message and nothing personal.
    const types = [
      'return-requested',
      'return-approved',
      'return-label-issued',
      'return-in-transit',
      'return-received',
      'return-inspected',
      'refund-issued',
      'return-closed',
    ];
    expect(s.received.map((event) => event.type)).toEqual(types);
    const outbox = await s.outbox();
    expect(outbox.map((event) => event.type)).toEqual(types);
    expect(outbox.every((event) => event.subjectId === caseId)).toBe(true);
    const order = s.orderId;
    expect(outbox.map((event) => event.payload.message)).toEqual([
      `${order} numaralı siparişiniz için iade talebinizi aldık.`,
      // Delivered three days after shipping (the policy's transit days), then 30 days, in Istanbul.
      `${order} numaralı siparişinizin iadesi onaylandı. Lütfen ürünleri 5 Aralık 2026 tarihine kadar gönderin.`,
      `${order} numaralı siparişinizin iade etiketi hazır (takip numarası YK-ret_case1).`,
      `${order} numaralı siparişinizin iadesi bize doğru yolda.`,
      `${order} numaralı siparişinizden iade ettiğiniz ürünleri teslim aldık.`,
      `${order} numaralı siparişinizden iade ettiğiniz ürünleri kontrol ettik.`,
      `${order} numaralı siparişiniz için ₺120,00 iade edildi.`,
      `${order} numaralı siparişinizin iade işlemi tamamlandı.`,
    ]);
    expect(outbox[1]?.payload.deadline).toBe('2026-12-05T23:59:59.999+03:00');
    expect(outbox.find((event) => event.type === 'refund-issued')?.payload).toMatchObject({
      caseId,
      orderId: s.orderId,
      language: 'tr',
      status: 'resolved',
      amount: money(12000, 'TRY'),
      tracking: { carrier: 'Yurtiçi Kargo', number: 'YK-ret_case1' },
    });
    expect(s.received.map((event) => event.payload.message)).toEqual(outbox.map((event) => event.payload.message));
    const published = JSON.stringify(outbox);
    for (const personal of ['ismail@example.com', 'İsmail', 'Şengüloğlu', 'Gül Sokak']) {
      expect(published).not.toContain(personal);
    }

    // WooCommerce's order timeline: a private note per step, in Turkish, nothing personal.
    const notes = s.notes(s.orderId);
    expect(notes.map((note) => note.note)).toEqual([
      `aftersale · Sipariş ${order} · iade ${caseId}: iade talebi alındı (durum: talep edildi)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade onaylandı (durum: onaylandı)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade kargo etiketi oluşturuldu (durum: ürünler bekleniyor)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade kargosu yolda (durum: ürünler bekleniyor)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade edilen ürünler teslim alındı (durum: teslim alındı)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade edilen ürünler kontrol edildi (durum: kontrol edildi)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: para iadesi yapıldı, ₺120,00 (durum: sonuçlandı)`,
      `aftersale · Sipariş ${order} · iade ${caseId}: iade kapatıldı (durum: kapatıldı)`,
    ]);
    expect(notes.every((note) => note.customer_note === false)).toBe(true);
  });

  it('an English-speaking customer gets English messages and notes', async () => {
    const s = await setup();
    const caseId = await inspectedCase(s, 'en-GB');
    await s.service.refund(caseId, { actor: staff });
    const outbox = await s.outbox();
    expect(outbox.find((event) => event.type === 'refund-issued')?.payload).toMatchObject({
      language: 'en',
      message: `We have refunded TRY\u00a0120.00 for order ${s.orderId}.`,
    });
    expect(s.notes(s.orderId).at(-1)?.note).toBe(
      `aftersale · Order ${s.orderId} · return ${caseId}: refund issued, TRY\u00a0120.00 (status: resolved)`,
    );
  });
});

describe('the refund under faults: retried, exactly one refund on WooCommerce', () => {
  it('the response is lost after WooCommerce refunded: the adapter finds the refund by its key', async () => {
    const s = await setup();
    const caseId = await inspectedCase(s);
    s.emulator.injectFault({ kind: 'reset-after-write', method: 'POST', path: `orders/${s.orderId}/refunds` });
    const refunded = await s.service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', refundId: 'rfd_case1' });
    expect(s.emulator.pendingFaults()).toHaveLength(0);
    expect(s.refundPosts(s.orderId)).toHaveLength(1);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toMatchObject({
      amount: money(12000, 'TRY'),
      platformRefundId: String(s.refunds(s.orderId)[0]?.id),
    });
    expect((await s.outbox()).filter((event) => event.type === 'refund-issued')).toHaveLength(1);
  });

  it('a 503 before WooCommerce acted: looked for, not found, sent again once', async () => {
    const s = await setup();
    const caseId = await inspectedCase(s);
    s.emulator.injectFault({ kind: 'status', status: 503, method: 'POST', path: `orders/${s.orderId}/refunds` });
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(s.refundPosts(s.orderId).map((request) => request.status)).toEqual([503, 201]);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(s.refunds(s.orderId)[0]?.amount).toBe('120.00');
  });

  it('WooCommerce down for every attempt: the call fails with nothing recorded, a later retry refunds once', async () => {
    const s = await setup({ adapter: { retry: { attempts: 2 } } });
    const caseId = await inspectedCase(s);
    s.emulator.injectFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: `orders/${s.orderId}/refunds`,
      times: 2,
    });
    const failed = await s.service.refund(caseId, { actor: staff }).catch((error: unknown) => error);
    expect(AftersaleError.isInstance(failed)).toBe(true);
    expect((await s.service.get(caseId)).status).toBe('inspected');
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toBeNull();
    expect(await s.store.getIdempotencyEntry(s.shopId, `${s.shopId}:${caseId}:refund`)).toMatchObject({
      state: 'unknown',
    });
    expect(s.refunds(s.orderId)).toHaveLength(0);
    expect((await s.outbox()).map((event) => event.type)).not.toContain('refund-issued');

    s.advance(1);
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({ outcome: 'refunded' });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(s.refundPosts(s.orderId).map((request) => request.status)).toEqual([502, 502, 201]);
    expect((await s.outbox()).filter((event) => event.type === 'refund-issued')).toHaveLength(1);
  });

  it('a crash between claiming the key and the call: in progress until the claim is stale, then refunded once', async () => {
    const crash = crashingStore('claimIdempotencyKey', 'after');
    const s = await setup({ wrapStore: crash.wrap });
    const caseId = await inspectedCase(s);
    crash.armed.next = true;
    await expect(s.service.refund(caseId, { actor: staff })).rejects.toThrow('process killed');
    const key = `${s.shopId}:${caseId}:refund`;
    expect(await s.store.getIdempotencyEntry(s.shopId, key)).toMatchObject({ state: 'pending' });
    expect(s.refundPosts(s.orderId)).toHaveLength(0);

    // Another worker at once: the key is held and not yet stale, so nothing moves.
    const early = await s.service.refund(caseId, { actor: staff });
    expect(early.outcome).toBe('in_progress');
    expect(early.case.status).toBe('inspected');
    expect(s.refundPosts(s.orderId)).toHaveLength(0);

    // After the adapter's stale-claim time (2 minutes) the key is taken over: looked for, then sent once.
    s.advance(0.05);
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({ outcome: 'refunded' });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.service.refund(caseId, { actor: staff })).toMatchObject({ replayed: true });
    expect(s.refundPosts(s.orderId)).toHaveLength(1);
    expect(await s.store.getIdempotencyEntry(s.shopId, key)).toMatchObject({ state: 'succeeded' });
  });

  it('a crash after WooCommerce refunded and before the ledger recorded it: the retry finds the refund, none is added', async () => {
    const crash = crashingStore('recordIdempotencyOutcome', 'before');
    const s = await setup({ wrapStore: crash.wrap });
    const caseId = await inspectedCase(s);
    crash.armed.next = true;
    await expect(s.service.refund(caseId, { actor: staff })).rejects.toThrow('process killed');
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect((await s.service.get(caseId)).status).toBe('inspected');
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toBeNull();

    const retried = await s.service.refund(caseId, { actor: staff });
    expect(retried).toMatchObject({ outcome: 'refunded', replayed: true, refundId: 'rfd_case1' });
    expect(s.refundPosts(s.orderId)).toHaveLength(1);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1')).toMatchObject({
      platformRefundId: String(s.refunds(s.orderId)[0]?.id),
      amount: money(12000, 'TRY'),
    });
    expect((await s.outbox()).filter((event) => event.type === 'refund-issued')).toHaveLength(1);
    expect(s.notes(s.orderId).filter((note) => note.note.includes('para iadesi yapıldı'))).toHaveLength(1);
  });
});
