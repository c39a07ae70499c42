import { AftersaleError, formatMoney } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { lira, returnServiceWorld, staff, unshippedOrder } from './return-service-support.js';
import { sent } from './shopify-test-support.js';

describe('return service on Shopify: goodwill refunds and cancellations', async () => {
  // Shopify's cancel job takes five seconds on the emulator's clock; the adapter polls on the same
  // manual clock, so waiting for it advances time instead of sleeping.
  const world = await returnServiceWorld({ orderCancelDurationMs: 5000 });
  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return AftersaleError.isInstance(error) ? error.code : String(error);
    }
    return 'resolved';
  };

  it('refunds 50.00 of goodwill for an overcharge, exactly once, and refuses more than remains refundable', async () => {
    const { service, announced } = world.service();
    const order = await world.order();
    const input = {
      order,
      amount: lira(5000),
      reason: 'overcharged: gift wrapping billed but not given',
      note: 'hediye paketi',
      actor: staff,
      locale: 'tr-TR',
    };
    const refunded = await service.goodwillRefund(input);
    const shopifyRefunds = world.shopifyOrder(order.id).refunds;
    expect(shopifyRefunds).toEqual([expect.objectContaining({ total: 5000, lines: [], returnId: null })]);
    expect(refunded).toMatchObject({
      outcome: 'refunded',
      refundId: expect.stringMatching(/^rfd_gw_/),
      amount: lira(5000),
      platformRefundId: shopifyRefunds[0]?.id,
      idempotencyKey: expect.stringMatching(new RegExp(`^${world.shopId}:goodwill:${order.id}:5000TRY:`)),
      replayed: false,
    });
    if (refunded.outcome !== 'refunded') throw new Error('not refunded');
    const payment = world.shopifyOrder(order.id).transactions.find((transaction) => transaction.kind === 'SALE');
    expect(
      world
        .shopifyOrder(order.id)
        .transactions.filter((transaction) => shopifyRefunds[0]?.transactionIds.includes(transaction.id)),
    ).toEqual([expect.objectContaining({ kind: 'REFUND', amount: 5000, parentId: payment?.id })]);
    expect(shopifyRefunds[0]?.note).toContain('hediye paketi');

    expect(await world.store.getRefund(world.shopId, refunded.refundId)).toMatchObject({
      orderId: order.id,
      returnCaseId: null,
      amount: lira(5000),
      platformRefundId: shopifyRefunds[0]?.id,
      idempotencyKey: refunded.idempotencyKey,
      platformStatus: 'refunded',
    });
    expect(await world.outbox(refunded.refundId)).toEqual([
      expect.objectContaining({
        type: 'goodwill-refund-issued',
        payload: expect.objectContaining({
          orderId: order.id,
          amount: lira(5000),
          refundId: refunded.refundId,
          platformRefundId: shopifyRefunds[0]?.id,
          reason: 'overcharged: gift wrapping billed but not given',
          message: `${order.source.name} numaralı siparişiniz için iyi niyet göstergesi olarak ₺50,00 iade edildi.`,
        }),
      }),
    ]);
    expect(announced.map((event) => event.type)).toEqual(['goodwill-refund-issued']);

    // The same goodwill refund again answers with the first; Shopify's webhook is aftersale's own refund.
    expect(await service.goodwillRefund(input)).toMatchObject({ refundId: refunded.refundId, replayed: true });
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId: null, reason: 'known_refund' },
    ]);
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);

    // 790.00 remain: 800.00 is refused before anything is sent to Shopify.
    const reread = await world.adapter.getOrder(order.id);
    if (!reread) throw new Error('order vanished');
    const sends = sent(world.emulator, 'AftersaleRefundCreate').length;
    const tooMuch = service.goodwillRefund({ ...input, order: reread, amount: lira(80000), reason: 'late delivery' });
    await expect(tooMuch).rejects.toMatchObject({
      code: 'exceeds_refundable',
      details: { orderId: order.id, requested: 80000, remaining: 79000 },
    });
    expect(sent(world.emulator, 'AftersaleRefundCreate')).toHaveLength(sends);
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toHaveLength(1);
    expect(announced).toHaveLength(1);

    // Exactly what remains is allowed.
    const rest = await service.goodwillRefund({
      ...input,
      order: reread,
      amount: lira(79000),
      reason: 'late delivery',
    });
    expect(rest).toMatchObject({ outcome: 'refunded', amount: lira(79000), replayed: false });
    expect(world.shopifyOrder(order.id).refunds.map((refund) => refund.total)).toEqual([5000, 79000]);
    expect(world.shopifyOrder(order.id).financialStatus).toBe('REFUNDED');

    // Asked again on the order as first read (stale: it shows 840.00 refundable), the payments hold nothing
    // more: refused (by the adapter or by Shopify), and nothing is recorded.
    expect(['invalid_input', 'refund_rejected']).toContain(
      await codeOf(service.goodwillRefund({ ...input, amount: lira(1000), reason: 'damaged box' })),
    );
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(2);
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toHaveLength(2);
    expect(announced.map((event) => event.type)).toEqual(['goodwill-refund-issued', 'goodwill-refund-issued']);
    await world.deliverWebhooks(service);
  });

  it('refuses a goodwill refund over the refundable amount before anything moves', async () => {
    const { service, announced } = world.service();
    const order = await world.order();
    const sends = sent(world.emulator, 'AftersaleRefundCreate').length;
    const refused = service.goodwillRefund({
      order,
      amount: lira(90000),
      reason: 'late delivery',
      actor: staff,
      locale: 'en-GB',
    });
    await expect(refused).rejects.toMatchObject({
      code: 'exceeds_refundable',
      details: { orderId: order.id, requested: 90000, remaining: 84000 },
    });
    expect(sent(world.emulator, 'AftersaleRefundCreate')).toHaveLength(sends);
    expect(world.shopifyOrder(order.id).refunds).toEqual([]);
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('cancels an unshipped order with its refund once the cancel job completes on the clock', async () => {
    const { service, announced } = world.service();
    const order = await world.order(unshippedOrder);
    expect(order.fulfillmentStatus).toBe('unfulfilled');
    const slept = world.clock.slept;
    const input = {
      order,
      reason: 'customer' as const,
      actor: staff,
      note: 'customer asked by phone',
      locale: 'en-GB',
    };
    const cancelled = await service.cancelOrder(input);

    const shopifyOrder = world.shopifyOrder(order.id);
    expect(shopifyOrder.cancelledAt).not.toBeNull();
    expect(shopifyOrder.cancelReason).toBe('CUSTOMER');
    expect(world.clock.slept - slept).toBeGreaterThanOrEqual(5000);
    expect(shopifyOrder.refunds).toEqual([
      expect.objectContaining({
        total: 84000,
        lines: expect.arrayContaining([
          expect.objectContaining({ quantity: 1, restockType: 'CANCEL' }),
          expect.objectContaining({ quantity: 1, restockType: 'CANCEL' }),
        ]),
      }),
    ]);
    expect(cancelled).toMatchObject({
      outcome: 'cancelled',
      refundId: expect.stringMatching(/^rfd_cx_/),
      amount: lira(84000),
      platformRefundId: shopifyOrder.refunds[0]?.id,
      idempotencyKey: `${world.shopId}:cancel:${order.id}`,
      replayed: false,
    });
    if (cancelled.outcome !== 'cancelled') throw new Error('not cancelled');
    expect(sent(world.emulator, 'AftersaleOrderCancel')).toHaveLength(1);
    expect(sent(world.emulator, 'AftersaleOrderCancel')[0]?.variables).toMatchObject({
      orderId: order.id,
      reason: 'CUSTOMER',
      restock: true,
      notifyCustomer: false,
      refundMethod: { originalPaymentMethodsRefund: true },
      staffNote: expect.stringContaining('customer asked by phone'),
    });

    expect(await world.store.getRefund(world.shopId, cancelled.refundId)).toMatchObject({
      orderId: order.id,
      returnCaseId: null,
      amount: lira(84000),
      platformRefundId: shopifyOrder.refunds[0]?.id,
      platformStatus: 'cancelled',
    });
    expect(await world.outbox(cancelled.refundId)).toEqual([
      expect.objectContaining({
        type: 'order-cancelled',
        payload: expect.objectContaining({
          amount: lira(84000),
          reason: 'customer',
          message: `Your order ${order.source.name} is cancelled. We have refunded ${formatMoney(lira(84000), 'en-GB')} to your original payment.`,
        }),
      }),
    ]);

    // A retry (the order as first read) answers from the record; the refund webhook is known.
    expect(await service.cancelOrder(input)).toMatchObject({ refundId: cancelled.refundId, replayed: true });
    expect(sent(world.emulator, 'AftersaleOrderCancel')).toHaveLength(1);
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId: null, reason: 'known_refund' },
    ]);
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect(announced.map((event) => event.type)).toEqual(['order-cancelled']);

    // Cancelled now: a new cancellation under another key is refused before Shopify is asked.
    const reread = await world.adapter.getOrder(order.id);
    if (!reread) throw new Error('order vanished');
    expect(await codeOf(service.cancelOrder({ ...input, order: reread, idempotencyKey: 'cancel-again' }))).toBe(
      'order_not_cancellable',
    );
    expect(sent(world.emulator, 'AftersaleOrderCancel')).toHaveLength(1);
  });

  it('refuses to cancel a fulfilled order before anything is sent', async () => {
    const { service, announced } = world.service();
    const order = await world.order();
    const sends = sent(world.emulator, 'AftersaleOrderCancel').length;
    const refused = service.cancelOrder({ order, reason: 'customer', actor: staff, locale: 'tr-TR' });
    await expect(refused).rejects.toMatchObject({
      code: 'order_not_cancellable',
      details: { orderId: order.id, fulfillmentStatus: 'fulfilled' },
    });
    expect(sent(world.emulator, 'AftersaleOrderCancel')).toHaveLength(sends);
    expect(world.shopifyOrder(order.id)).toMatchObject({ cancelledAt: null, refunds: [] });
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toEqual([]);
    expect(announced).toEqual([]);
  });
});

describe('return service on Shopify: a cancel job slower than the adapter waits', async () => {
  // A minute on the emulator's clock: longer than the adapter's 30 looks a second apart.
  const world = await returnServiceWorld({ orderCancelDurationMs: 60_000 });

  it('answers in_progress, records nothing, and completes the cancellation on a later call', async () => {
    const { service, announced } = world.service();
    const order = await world.order(unshippedOrder);
    const input = { order, reason: 'inventory' as const, actor: staff, locale: 'tr-TR' };
    const first = await service.cancelOrder(input);
    expect(first).toEqual({ outcome: 'in_progress', idempotencyKey: `${world.shopId}:cancel:${order.id}` });
    expect(world.shopifyOrder(order.id)).toMatchObject({ cancelledAt: null, refunds: [] });
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toEqual([]);
    expect(announced).toEqual([]);

    // The job finishes on the clock; the same cancellation again finds it done and sends nothing new.
    world.clock.advance(60_000);
    const done = await service.cancelOrder(input);
    expect(sent(world.emulator, 'AftersaleOrderCancel')).toHaveLength(1);
    const shopifyOrder = world.shopifyOrder(order.id);
    expect(shopifyOrder).toMatchObject({
      cancelReason: 'INVENTORY',
      refunds: [expect.objectContaining({ total: 84000 })],
    });
    expect(shopifyOrder.cancelledAt).not.toBeNull();
    expect(done).toMatchObject({
      outcome: 'cancelled',
      amount: lira(84000),
      platformRefundId: shopifyOrder.refunds[0]?.id,
    });
    if (done.outcome !== 'cancelled') throw new Error('not cancelled');
    expect(await world.store.getRefund(world.shopId, done.refundId)).toMatchObject({
      amount: lira(84000),
      platformRefundId: shopifyOrder.refunds[0]?.id,
    });
    expect(announced).toEqual([
      expect.objectContaining({
        type: 'order-cancelled',
        payload: expect.objectContaining({
          message: `${order.source.name} numaralı siparişiniz iptal edildi. ₺840,00 ödeme yönteminize iade edildi.`,
        }),
      }),
    ]);
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId: null, reason: 'known_refund' },
    ]);
  });
});
