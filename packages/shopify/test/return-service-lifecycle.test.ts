import type { Order, OrderInput } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { lira, returnServiceWorld, staff, sweaterOrder } from './return-service-support.js';
import { sent } from './shopify-test-support.js';

describe('return service on Shopify: the lifecycle of a return', async () => {
  const world = await returnServiceWorld();
  const lineOf = (order: Order, sku: string) => {
    const line = order.lines.find((entry) => entry.sku === sku);
    if (!line) throw new Error(`no line ${sku}`);
    return line;
  };

  it('mirrors a Return from request to close, refunds once through returnProcess, and matches the webhook', async () => {
    const { service, announced } = world.service();
    const order = await world.order();
    const sweater = lineOf(order, 'KAZAK-YUN-M');

    const opened = await service.request({
      order,
      request: { lines: [{ lineItemId: sweater.id, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr-TR',
      customerNote: 'Beden olmadı',
    });
    const caseId = opened.case.id;
    expect(caseId).toBe('ret_rs1');
    expect(opened.route.action).toBe('approve');
    expect(opened.case.status).toBe('approved');
    const returnId = opened.platformReturnId ?? '';
    const platformReturn = () => world.emulator.state.returns.get(returnId);
    expect(platformReturn()).toMatchObject({ orderId: order.id, status: 'OPEN' });
    expect(platformReturn()?.lines).toEqual([
      expect.objectContaining({
        lineItemId: sweater.id,
        quantity: 1,
        processedQuantity: 0,
        customerNote: 'Beden olmadı',
      }),
    ]);
    expect(await world.store.getReturnCase(world.shopId, caseId)).toMatchObject({
      status: 'approved',
      platformReturnId: returnId,
      platformStatus: 'OPEN',
      customerNote: 'Beden olmadı',
    });
    // Shopify tells of the Return it opened and approved; those statuses are not the service's to move.
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId, reason: 'status_not_mapped' },
      { handled: 'ignored', caseId, reason: 'status_not_mapped' },
    ]);

    const labelled = await service.issueLabel(caseId, { actor: staff });
    expect(labelled).toMatchObject({
      status: 'awaiting_items',
      shipment: { carrier: 'Yurtiçi Kargo', trackingNumber: 'YK-2210-4410', designated: true, provider: 'manual' },
    });
    expect(platformReturn()?.status).toBe('OPEN');
    world.clock.advance(86_400_000);
    const moving = await service.tracking(caseId, {
      stage: 'in_transit',
      at: new Date(world.clock.now()).toISOString(),
    });
    expect(moving.status).toBe('awaiting_items');
    world.clock.advance(2 * 86_400_000);
    expect((await service.received(caseId, { actor: staff })).status).toBe('received');
    const inspected = await service.inspect(
      caseId,
      [{ lineItemId: sweater.id, quantity: 1, condition: 'as_expected' }],
      { actor: staff },
    );
    expect(inspected.status).toBe('inspected');
    expect(platformReturn()?.status).toBe('OPEN');
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(0);

    const refunded = await service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', refundId: 'rfd_rs1', replayed: false });
    const shopifyRefunds = world.shopifyOrder(order.id).refunds;
    expect(shopifyRefunds).toHaveLength(1);
    expect(shopifyRefunds[0]).toMatchObject({
      total: 60000,
      returnId,
      lines: [expect.objectContaining({ lineItemId: sweater.id, quantity: 1, restockType: 'RETURN' })],
    });
    expect(platformReturn()).toMatchObject({
      status: 'CLOSED',
      lines: [expect.objectContaining({ processedQuantity: 1 })],
    });
    expect(sent(world.emulator, 'AftersaleReturnProcess').at(-1)?.variables).toMatchObject({
      input: {
        returnId,
        financialTransfer: {
          issueRefund: { orderTransactions: [{ transactionAmount: { amount: '600.00', currencyCode: 'TRY' } }] },
        },
      },
    });
    expect(sent(world.emulator, 'AftersaleRefundCreate')).toHaveLength(0);

    // The refunds/create webhook is aftersale's own refund: its Shopify id is attached, nothing else moves.
    expect(await world.store.getRefund(world.shopId, 'rfd_rs1')).toMatchObject({
      amount: lira(60000),
      returnCaseId: caseId,
      idempotencyKey: `${world.shopId}:${caseId}:refund`,
      platformRefundId: null,
    });
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'matched', caseId, refundId: 'rfd_rs1' }]);
    expect((await world.store.getRefund(world.shopId, 'rfd_rs1'))?.platformRefundId).toBe(shopifyRefunds[0]?.id);
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toHaveLength(1);
    // A redelivery is recognised by the platform id now.
    await world.emulator.sendWebhook(
      'refunds/create',
      JSON.parse(world.emulator.webhookDeliveries.findLast((d) => d.topic === 'refunds/create')?.body ?? '{}'),
    );
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'ignored', caseId, reason: 'known_refund' }]);

    const closed = await service.close(caseId, { actor: staff });
    expect(closed.status).toBe('closed');
    expect(sent(world.emulator, 'AftersaleReturnClose')).toHaveLength(0);
    expect(platformReturn()?.status).toBe('CLOSED');
    expect(await world.store.getReturnCase(world.shopId, caseId)).toMatchObject({
      status: 'closed',
      platformStatus: 'CLOSED',
    });
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);

    // Every step wrote its event with the case (the outbox), in the customer's language.
    const outbox = await world.outbox(caseId);
    expect(outbox.map((event) => [event.type, event.payload.message])).toEqual([
      ['return-requested', '#RS-1001 numaralı siparişiniz için iade talebinizi aldık.'],
      [
        'return-approved',
        '#RS-1001 numaralı siparişinizin iadesi onaylandı. Lütfen ürünleri 27 Kasım 2026 tarihine kadar gönderin.',
      ],
      ['return-label-issued', '#RS-1001 numaralı siparişinizin iade etiketi hazır (takip numarası YK-2210-4410).'],
      ['return-in-transit', '#RS-1001 numaralı siparişinizin iadesi bize doğru yolda.'],
      ['return-received', '#RS-1001 numaralı siparişinizden iade ettiğiniz ürünleri teslim aldık.'],
      ['return-inspected', '#RS-1001 numaralı siparişinizden iade ettiğiniz ürünleri kontrol ettik.'],
      ['refund-issued', '#RS-1001 numaralı siparişiniz için ₺600,00 iade edildi.'],
      ['return-closed', '#RS-1001 numaralı siparişinizin iade işlemi tamamlandı.'],
    ]);
    expect(outbox[1]?.payload).toMatchObject({ deadline: '2026-11-27T23:59:59.999+03:00', language: 'tr' });
    expect(outbox[6]?.payload).toMatchObject({
      amount: lira(60000),
      status: 'resolved',
      tracking: { carrier: 'Yurtiçi Kargo', number: 'YK-2210-4410' },
    });
    expect(announced.map((event) => event.type)).toEqual(outbox.map((event) => event.type));
  });

  /** The sweater order as delivered in August: both the shop's 30 days and the 14 statutory days are over. */
  const deliveredInAugust = (name: string): OrderInput => {
    const order = sweaterOrder(name);
    return {
      ...order,
      createdAt: '2026-08-20T10:00:00Z',
      fulfillments: (order.fulfillments ?? []).map((fulfillment) => ({
        ...fulfillment,
        shippedAt: '2026-08-21T08:00:00Z',
        deliveredAt: '2026-08-25T12:00:00Z',
      })),
      transactions: (order.transactions ?? []).map((transaction) => ({
        ...transaction,
        createdAt: '2026-08-20T10:00:00Z',
      })),
    };
  };

  it('declines a case under review on Shopify with the reason the decision gives, and keeps the staff note', async () => {
    const { service, announced } = world.service({ routing: { whenIneligible: 'review' } });
    const order = await world.order(deliveredInAugust);
    const sweater = lineOf(order, 'KAZAK-YUN-M');
    const opened = await service.request({
      order,
      request: { lines: [{ lineItemId: sweater.id, quantity: 1, reason: 'changed_mind' }] },
      locale: 'en-GB',
    });
    const caseId = opened.case.id;
    expect(opened.decision.status).toBe('ineligible');
    expect(opened.route).toMatchObject({ action: 'review' });
    expect(opened.case).toMatchObject({ status: 'requested', review: { reasons: ['ineligible'] } });
    const returnId = opened.platformReturnId ?? '';
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('REQUESTED');
    const approvedIds = sent(world.emulator, 'AftersaleReturnApprove').map(
      (document) => (document.variables.input as { id: string }).id,
    );
    expect(approvedIds).not.toContain(returnId);

    const declined = await service.decline(caseId, {
      actor: staff,
      note: 'Delivered on 25 August; both periods ended',
    });
    expect(declined).toMatchObject({ status: 'declined', review: null });
    expect(declined.history.at(-1)).toMatchObject({ status: 'declined', actor: staff });
    expect(world.emulator.state.returns.get(returnId)).toMatchObject({
      status: 'DECLINED',
      decline: { reason: 'RETURN_PERIOD_ENDED' },
    });
    expect(sent(world.emulator, 'AftersaleReturnDecline').at(-1)?.variables).toMatchObject({
      input: { id: returnId, declineReason: 'RETURN_PERIOD_ENDED', notifyCustomer: false },
    });
    const stored = await world.store.getReturnCase(world.shopId, caseId);
    expect(stored).toMatchObject({ status: 'declined', platformStatus: 'DECLINED' });
    expect(stored?.statusHistory.at(-1)).toMatchObject({ status: 'declined', actor: 'staff:staff_7' });
    expect(stored?.data).toMatchObject({
      events: expect.arrayContaining([
        expect.objectContaining({ type: 'declined', note: 'Delivered on 25 August; both periods ended' }),
      ]),
    });

    // Shopify's webhooks of the request and the decline find the case declined already.
    const handled = await world.deliverWebhooks(service);
    expect(handled).toContainEqual({ handled: 'ignored', caseId, reason: 'invalid_transition' });
    expect(handled.every((entry) => entry.handled === 'ignored' && entry.caseId === caseId)).toBe(true);

    const closed = await service.close(caseId, { actor: staff });
    expect(closed.status).toBe('closed');
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('DECLINED');
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(0);

    const outbox = await world.outbox(caseId);
    expect(outbox.map((event) => [event.type, event.payload.message])).toEqual([
      ['return-requested', 'We have your return request for order #RS-1002.'],
      [
        'return-review-required',
        'A member of our team will look at your return request for order #RS-1002 and reply to you.',
      ],
      [
        'return-declined',
        'We cannot accept this return for order #RS-1002. You can reply to ask a member of our team to look again.',
      ],
      ['return-closed', 'Your return for order #RS-1002 is complete.'],
    ]);
    expect(outbox[1]?.payload).toMatchObject({ reviewReasons: ['ineligible'] });
    expect(outbox[2]?.payload).toMatchObject({ appealable: true, status: 'declined', language: 'en' });
    expect(announced.map((event) => event.type)).toEqual(outbox.map((event) => event.type));
  });

  it("a Return declined in Shopify's admin while its case waits for review: only the platform status is kept", async () => {
    const { service } = world.service();
    const order = await world.order();
    // Both lines, 840.00, are more than the 700.00 approved without a person.
    const opened = await service.request({
      order,
      request: {
        lines: order.lines.map((line) => ({ lineItemId: line.id, quantity: 1, reason: 'changed_mind' })),
      },
      locale: 'tr-TR',
    });
    const caseId = opened.case.id;
    expect(opened.route).toMatchObject({ action: 'review', reasons: ['over_limit'] });
    const returnId = opened.platformReturnId ?? '';
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('REQUESTED');
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'ignored', caseId, reason: 'status_not_mapped' }]);

    // Someone declines the Return in Shopify's admin.
    const answer = await world.admin<{ returnDeclineRequest: { return: { status: string } | null } }>(
      `mutation AdminDeclineReturn($input: ReturnDeclineRequestInput!) {
        returnDeclineRequest(input: $input) { return { id status } userErrors { field message } }
      }`,
      { input: { id: returnId, declineReason: 'OTHER', declineNote: 'Etiketleri sökülmüş' } },
    );
    expect(answer.returnDeclineRequest.return?.status).toBe('DECLINED');

    // The docs: a case waiting for a person is approved or declined only by staff, so the
    // returns/decline webhook keeps Shopify's status on the case and leaves the decision to staff.
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId, reason: 'invalid_transition' },
    ]);
    const stored = await world.store.getReturnCase(world.shopId, caseId);
    expect(stored).toMatchObject({ status: 'requested', platformStatus: 'DECLINED' });
    expect(stored?.data).toMatchObject({ platformReturn: { id: returnId, status: 'DECLINED' } });
    expect((await service.get(caseId)).review).toMatchObject({ reasons: ['over_limit'] });
    expect((await world.outbox(caseId)).map((event) => event.type)).toEqual([
      'return-requested',
      'return-review-required',
    ]);
  });

  it('a case cancelled before money moved cancels its Return on Shopify, once', async () => {
    const { service } = world.service();
    const order = await world.order();
    const sweater = lineOf(order, 'KAZAK-YUN-M');
    const opened = await service.request({
      order,
      request: { lines: [{ lineItemId: sweater.id, quantity: 1, reason: 'changed_mind' }] },
      locale: 'en-GB',
    });
    const returnId = opened.platformReturnId ?? '';
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('OPEN');
    const cancelled = await service.cancel(opened.case.id, { actor: staff, note: 'the customer kept the sweater' });
    expect(cancelled.status).toBe('cancelled');
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('CANCELED');
    expect(sent(world.emulator, 'AftersaleReturnCancel')).toHaveLength(1);
    expect(await world.store.getReturnCase(world.shopId, opened.case.id)).toMatchObject({
      status: 'cancelled',
      platformStatus: 'CANCELED',
    });
    // Shopify's returns/cancel webhook comes back: the case is cancelled already, nothing moves.
    const handled = await world.deliverWebhooks(service);
    expect(handled.every((entry) => entry.handled === 'ignored')).toBe(true);
  });
});
