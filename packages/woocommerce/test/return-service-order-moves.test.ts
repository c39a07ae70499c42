import { AftersaleError, definePolicy, money } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReturnServiceShop, returnServiceShop, staff } from './return-service-shop.js';

// Money moves on an order outside a return case, on the WooCommerce emulator with a SQLite store: a
// goodwill refund of an amount, and the cancellation of an unshipped order with its refund. Each is
// checked on aftersale's side (refund record, outbox event, message) and on WooCommerce's (refunds,
// order status, notes), and each refusal is checked to move nothing anywhere.

const policy = definePolicy({
  schemaVersion: 1,
  id: 'cay-evi-returns',
  version: 3,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
});

let current: ReturnServiceShop | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** The shop with an order of one glass set and one book, 50.00 shipping: 259.75 with KDV. */
async function setup(status: 'processing' | 'completed') {
  current = await returnServiceShop({ policy });
  const s = current;
  const raw = s.placeOrder({
    status,
    lines: [
      { productId: s.products.set.id as number, quantity: 1 },
      { productId: s.products.book.id as number, quantity: 1 },
    ],
  });
  expect(raw.total).toBe('259.75');
  const orderId = String(raw.id);
  const [setLine = '', bookLine = ''] = s.lineIds(raw);
  return { ...s, orderId, setLine, bookLine };
}

/** What moved for an order, on both sides, to show that a refusal moved nothing. */
async function moved(s: ReturnServiceShop, orderId: string) {
  return {
    wooRefunds: s.refunds(orderId).length,
    writes: s.emulator.requests.filter(
      (request) => request.method !== 'GET' && request.path.startsWith(`orders/${orderId}`),
    ).length,
    records: (await s.store.listRefunds(s.shopId, { orderId })).items.length,
    ledger: (await s.store.listIdempotencyEntries(s.shopId, {})).items.length,
    outbox: (await s.outbox()).length,
    status: s.shop.orders.get(Number(orderId))?.status,
  };
}

describe('a goodwill refund on WooCommerce', () => {
  it('refunds 30.00 for an overcharge once: an amount-only WooCommerce refund, its record, event and note', async () => {
    const s = await setup('completed');
    const input = {
      amount: money(3000, 'TRY'),
      reason: 'kargo ücreti fazla alındı',
      note: 'overcharged shipping',
      actor: staff,
      locale: 'tr-TR',
    };
    const result = await s.service.goodwillRefund({ ...input, order: await s.order(s.orderId) });
    expect(result.outcome).toBe('refunded');
    if (result.outcome !== 'refunded') return;
    const [refund] = s.refunds(s.orderId);
    expect(result).toMatchObject({
      amount: money(3000, 'TRY'),
      platformRefundId: String(refund?.id),
      replayed: false,
    });
    expect(result.refundId).toMatch(/^rfd_gw_[0-9a-f]{24}$/);
    expect(result.idempotencyKey).toMatch(new RegExp(`^${s.shopId}:goodwill:${s.orderId}:3000TRY:`));

    // WooCommerce: one refund of the amount, no lines, nothing restocked, the key in its meta.
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(refund).toMatchObject({ amount: '30.00', refunded_payment: false, line_items: [] });
    expect(refund?.meta_data).toContainEqual(
      expect.objectContaining({ key: '_aftersale_idempotency_key', value: result.idempotencyKey }),
    );
    expect(s.shop.restocked.size).toBe(0);
    expect(s.shop.remainingRefundable(Number(s.orderId))).toBe(25_975 - 3_000);

    // aftersale: the record (no case), the event with the reason, the note.
    expect(await s.store.getRefund(s.shopId, result.refundId)).toMatchObject({
      returnCaseId: null,
      amount: money(3000, 'TRY'),
      status: 'succeeded',
      platformRefundId: String(refund?.id),
      idempotencyKey: result.idempotencyKey,
    });
    const outbox = await s.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      type: 'goodwill-refund-issued',
      subjectId: result.refundId,
      payload: {
        orderId: s.orderId,
        language: 'tr',
        amount: money(3000, 'TRY'),
        reason: 'kargo ücreti fazla alındı',
        platformRefundId: String(refund?.id),
        message: `${s.orderId} numaralı siparişiniz için iyi niyet göstergesi olarak ₺30,00 iade edildi.`,
      },
    });
    expect(s.notes(s.orderId).map((note) => note.note)).toEqual([
      `aftersale · Sipariş ${s.orderId} · iade kaydı ${result.refundId}: iyi niyet iadesi yapıldı, ₺30,00`,
    ]);

    // The same call again (a double click, a retried job): the recorded outcome, nothing moves.
    const again = await s.service.goodwillRefund({ ...input, order: await s.order(s.orderId) });
    expect(again).toMatchObject({ outcome: 'refunded', refundId: result.refundId, replayed: true });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.outbox()).toHaveLength(1);
  });

  it('more than the order’s total is refused before anything moves', async () => {
    const s = await setup('completed');
    const before = await moved(s, s.orderId);
    const error = await s.service
      .goodwillRefund({
        order: await s.order(s.orderId),
        amount: money(25_976, 'TRY'),
        reason: 'overcharged',
        actor: staff,
        locale: 'en-GB',
      })
      .catch((caught: unknown) => caught);
    expect(AftersaleError.hasCode(error, 'exceeds_refundable') && error.details).toMatchObject({
      requested: 25_976,
      remaining: 25_975,
    });
    expect(await moved(s, s.orderId)).toEqual(before);
    expect(s.notes(s.orderId)).toHaveLength(0);
  });

  it('more than what remains after a return’s refund is refused before anything moves', async () => {
    const s = await setup('completed');
    const opened = await s.service.request({
      order: await s.order(s.orderId),
      request: { lines: [{ lineItemId: s.setLine, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr-TR',
    });
    await s.service.received(opened.case.id, { actor: staff });
    await s.service.inspect(opened.case.id, [{ lineItemId: s.setLine, quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    await s.service.refund(opened.case.id, { actor: staff });
    expect(s.shop.remainingRefundable(Number(s.orderId))).toBe(13_975);

    const before = await moved(s, s.orderId);
    const error = await s.service
      .goodwillRefund({
        order: await s.order(s.orderId),
        amount: money(13_976, 'TRY'),
        reason: 'overcharged',
        actor: staff,
        locale: 'tr-TR',
      })
      .catch((caught: unknown) => caught);
    expect(AftersaleError.hasCode(error, 'exceeds_refundable') && error.details).toMatchObject({
      remaining: 13_975,
    });
    expect(await moved(s, s.orderId)).toEqual(before);
  });

  it('an order read before another refund: WooCommerce’s remaining amount wins and nothing is refunded', async () => {
    const s = await setup('completed');
    const stale = await s.order(s.orderId);
    // Meanwhile 200.00 is refunded in the admin: 59.75 remain.
    s.shop.createRefund(Number(s.orderId), { amount: '200.00', api_refund: false, reason: 'wp-admin' });
    const error = await s.service
      .goodwillRefund({
        order: stale,
        amount: money(10_000, 'TRY'),
        reason: 'late delivery',
        actor: staff,
        locale: 'tr-TR',
      })
      .catch((caught: unknown) => caught);
    expect(AftersaleError.isInstance(error) && error.code).toBe('refund_rejected');
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['200.00']);
    expect((await s.store.listRefunds(s.shopId, { orderId: s.orderId })).items).toHaveLength(0);
    expect(await s.outbox()).toHaveLength(0);
  });
});

describe('cancelling an order on WooCommerce', () => {
  it('an unshipped (processing) order is cancelled with the refund of all it cost, once', async () => {
    const s = await setup('processing');
    const input = {
      reason: 'customer' as const,
      actor: staff,
      note: 'Müşteri telefonla iptal istedi',
      locale: 'tr-TR',
    };
    const result = await s.service.cancelOrder({ ...input, order: await s.order(s.orderId) });
    expect(result.outcome).toBe('cancelled');
    if (result.outcome !== 'cancelled') return;
    const [refund] = s.refunds(s.orderId);
    expect(result).toMatchObject({
      amount: money(25_975, 'TRY'),
      platformRefundId: String(refund?.id),
      idempotencyKey: `${s.shopId}:cancel:${s.orderId}`,
      replayed: false,
    });
    expect(result.refundId).toMatch(/^rfd_cx_[0-9a-f]{24}$/);

    // WooCommerce: cancelled, one refund of the whole order, its items back in stock.
    const raw = s.shop.orders.get(Number(s.orderId));
    expect(raw?.status).toBe('cancelled');
    expect(raw?.meta_data).toContainEqual(
      expect.objectContaining({ key: '_aftersale_cancel_key', value: result.idempotencyKey }),
    );
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(refund).toMatchObject({ amount: '259.75', refunded_payment: false });
    expect(s.shop.remainingRefundable(Number(s.orderId))).toBe(0);
    expect(s.shop.restocked.get(s.products.set.id as number)).toBe(1);
    expect(s.shop.restocked.get(s.products.book.id as number)).toBe(1);
    expect((await s.order(s.orderId)).cancelledAt).not.toBeNull();

    // aftersale: the record, the event in Turkish, the note; the staff note kept on WooCommerce too.
    expect(await s.store.getRefund(s.shopId, result.refundId)).toMatchObject({
      returnCaseId: null,
      amount: money(25_975, 'TRY'),
      platformStatus: 'cancelled',
      platformRefundId: String(refund?.id),
    });
    const outbox = await s.outbox();
    expect(outbox.map((event) => event.type)).toEqual(['order-cancelled']);
    expect(outbox[0]?.payload).toMatchObject({
      reason: 'customer',
      amount: money(25_975, 'TRY'),
      message: `${s.orderId} numaralı siparişiniz iptal edildi. ₺259,75 ödeme yönteminize iade edildi.`,
    });
    expect(s.notes(s.orderId).map((note) => note.note)).toEqual([
      `aftersale · Sipariş ${s.orderId} · iade kaydı ${result.refundId}: sipariş iptal edildi, ₺259,75`,
    ]);
    const allNotes = (s.shop.notes.get(Number(s.orderId)) ?? []).map((note) => note.note);
    expect(allNotes).toContain('Müşteri telefonla iptal istedi');

    // Again, with the order as it reads now (cancelled): the recorded outcome, nothing moves.
    const again = await s.service.cancelOrder({ ...input, order: await s.order(s.orderId) });
    expect(again).toMatchObject({ outcome: 'cancelled', refundId: result.refundId, replayed: true });
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.outbox()).toHaveLength(1);
  });

  it('the cancellation’s answer is lost after WooCommerce cancelled: the adapter finds it, one refund', async () => {
    const s = await setup('processing');
    s.emulator.injectFault({ kind: 'reset-after-write', method: 'PUT', path: `orders/${s.orderId}` });
    const result = await s.service.cancelOrder({
      order: await s.order(s.orderId),
      reason: 'inventory',
      actor: staff,
      locale: 'en-GB',
    });
    expect(result).toMatchObject({ outcome: 'cancelled', amount: money(25_975, 'TRY') });
    expect(s.emulator.pendingFaults()).toHaveLength(0);
    expect(s.shop.orders.get(Number(s.orderId))?.status).toBe('cancelled');
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect((await s.outbox())[0]?.payload).toMatchObject({
      language: 'en',
      message: `Your order ${s.orderId} is cancelled. We have refunded TRY\u00a0259.75 to your original payment.`,
    });
  });

  it('after a partial refund in the admin, the cancellation refunds what is left', async () => {
    const s = await setup('processing');
    s.shop.createRefund(Number(s.orderId), { amount: '30.00', api_refund: false, reason: 'wp-admin' });
    const result = await s.service.cancelOrder({
      order: await s.order(s.orderId),
      reason: 'inventory',
      actor: staff,
      locale: 'tr-TR',
    });
    expect(result).toMatchObject({ outcome: 'cancelled', amount: money(22_975, 'TRY') });
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['30.00', '229.75']);
    expect(s.shop.orders.get(Number(s.orderId))?.status).toBe('cancelled');
    expect(s.shop.remainingRefundable(Number(s.orderId))).toBe(0);
    expect((await s.outbox())[0]?.payload).toMatchObject({
      amount: money(22_975, 'TRY'),
      message: `${s.orderId} numaralı siparişiniz iptal edildi. ₺229,75 ödeme yönteminize iade edildi.`,
    });
  });

  it('without a refund (refund: false) the order is cancelled and nothing is paid back', async () => {
    const s = await setup('processing');
    const result = await s.service.cancelOrder({
      order: await s.order(s.orderId),
      reason: 'fraud',
      actor: staff,
      locale: 'tr-TR',
      refund: false,
      restock: false,
    });
    expect(result).toMatchObject({ outcome: 'cancelled', amount: money(0, 'TRY'), platformRefundId: null });
    expect(s.shop.orders.get(Number(s.orderId))?.status).toBe('cancelled');
    expect(s.refunds(s.orderId)).toHaveLength(0);
    expect(s.shop.restocked.size).toBe(0);
    if (result.outcome !== 'cancelled') return;
    expect(await s.store.getRefund(s.shopId, result.refundId)).toMatchObject({
      amount: money(0, 'TRY'),
      platformRefundId: null,
      platformStatus: 'cancelled',
    });
    expect((await s.outbox())[0]?.payload).toMatchObject({
      amount: money(0, 'TRY'),
      reason: 'fraud',
      message: `${s.orderId} numaralı siparişiniz iptal edildi.`,
    });
    expect(s.notes(s.orderId).map((note) => note.note)).toEqual([
      `aftersale · Sipariş ${s.orderId} · iade kaydı ${result.refundId}: sipariş iptal edildi`,
    ]);
  });

  it('a completed (shipped) order is refused before anything is sent', async () => {
    const s = await setup('completed');
    const before = await moved(s, s.orderId);
    const error = await s.service
      .cancelOrder({ order: await s.order(s.orderId), reason: 'customer', actor: staff, locale: 'tr-TR' })
      .catch((caught: unknown) => caught);
    expect(AftersaleError.isInstance(error) && error.code).toBe('order_not_cancellable');
    expect(await moved(s, s.orderId)).toEqual(before);
    expect(before.status).toBe('completed');
    expect(await s.store.getIdempotencyEntry(s.shopId, `${s.shopId}:cancel:${s.orderId}`)).toBeNull();
    expect(s.notes(s.orderId)).toHaveLength(0);
  });
});
