import { AftersaleError, formatMoney, type Order, type ReturnService } from '@aftersale/core';
import type { ShopifyEmulatorFault } from '@aftersale/testkit/emulators';
import { describe, expect, it } from 'vitest';
import { processShopifyWebhooks } from '../src/index.js';
import { lira, returnServiceWorld, staff } from './return-service-support.js';
import { sent } from './shopify-test-support.js';

describe('return service on Shopify: refunds under faults, and refunds made in the admin', async () => {
  const world = await returnServiceWorld();
  const lineOf = (order: Order, sku: string) => {
    const line = order.lines.find((entry) => entry.sku === sku);
    if (!line) throw new Error(`no line ${sku}`);
    return line;
  };

  /** A fresh order with its sweater's case opened (auto-approved); inspected unless told otherwise. */
  async function sweaterCase(service: ReturnService, options: { inspect?: boolean } = {}) {
    const order = await world.order();
    const sweater = lineOf(order, 'KAZAK-YUN-M');
    const opened = await service.request({
      order,
      request: { lines: [{ lineItemId: sweater.id, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr-TR',
    });
    expect(opened.case.status).toBe('approved');
    if (options.inspect ?? true) {
      await service.received(opened.case.id, { actor: staff });
      await service.inspect(opened.case.id, [{ lineItemId: sweater.id, quantity: 1, condition: 'as_expected' }], {
        actor: staff,
      });
    }
    const returnId = opened.platformReturnId ?? '';
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('OPEN');
    await world.deliverWebhooks(service);
    return { order, sweater, caseId: opened.case.id, returnId };
  }

  const refundsOn = (orderId: string) => world.shopifyOrder(orderId).refunds;
  const refundRecords = async (orderId: string) => (await world.store.listRefunds(world.shopId, { orderId })).items;
  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return AftersaleError.isInstance(error) ? error.code : String(error);
    }
    return 'resolved';
  };

  it('waits out a THROTTLED answer to returnProcess and refunds once', async () => {
    const { service } = world.service();
    const { order, caseId, returnId } = await sweaterCase(service);
    const throttledBefore = world.adapter.stats.throttled;
    world.emulator.injectFault({ kind: 'throttled', operation: 'AftersaleReturnProcess' });
    const sends = sent(world.emulator, 'AftersaleReturnProcess').length;
    const refunded = await service.refund(caseId, { actor: staff });
    expect(world.emulator.pendingFaults()).toBe(0);
    expect(world.adapter.stats.throttled).toBe(throttledBefore + 1);
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ total: 60000, returnId })]);
    // Sent twice: the THROTTLED answer (nothing done), then the processing itself.
    expect(
      sent(world.emulator, 'AftersaleReturnProcess')
        .slice(sends)
        .map((document) => document.throttled),
    ).toEqual([true, false]);
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'matched', caseId, refundId: refunded.outcome === 'refunded' ? refunded.refundId : '' },
    ]);
  });

  // A 5xx answer to returnProcess, and a response lost after Shopify processed the Return: the
  // adapter's ledger marks the key's outcome unknown, and a retry of the same refund must then find out
  // on Shopify what happened (the Return's processed quantities, its refund) instead of refusing.
  const unknownOutcomes: [string, ShopifyEmulatorFault, boolean][] = [
    ['a 503 (Shopify did nothing)', { kind: 'http-error', status: 503, operation: 'AftersaleReturnProcess' }, false],
    [
      'a response lost after Shopify processed the Return',
      { kind: 'reset-after-write', operation: 'AftersaleReturnProcess' },
      true,
    ],
  ];
  it.each(unknownOutcomes)('a refund retried after %s pays exactly once', async (_name, fault, shopifyActed) => {
    const { service, announced } = world.service();
    const { order, caseId, returnId } = await sweaterCase(service);
    world.emulator.injectFault(fault);

    expect(await codeOf(service.refund(caseId, { actor: staff }))).toBe('platform_unavailable');
    expect(world.emulator.pendingFaults()).toBe(0);
    expect(refundsOn(order.id)).toHaveLength(shopifyActed ? 1 : 0);
    expect((await service.get(caseId)).status).toBe('inspected');
    expect(await refundRecords(order.id)).toEqual([]);
    // The refund Shopify made is aftersale's own move under way: the webhook leaves it to that move.
    expect(await world.deliverWebhooks(service)).toEqual(
      shopifyActed ? [{ handled: 'ignored', caseId, reason: 'money_move_in_progress' }] : [],
    );

    const retried = await service.refund(caseId, { actor: staff });
    expect(retried).toMatchObject({ outcome: 'refunded', refundId: `rfd_${caseId.slice(4)}` });
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ total: 60000, returnId })]);
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('CLOSED');
    expect(await refundRecords(order.id)).toEqual([
      expect.objectContaining({ amount: lira(60000), returnCaseId: caseId }),
    ]);
    expect(await world.deliverWebhooks(service)).toEqual(
      shopifyActed ? [] : [{ handled: 'matched', caseId, refundId: `rfd_${caseId.slice(4)}` }],
    );
    expect(announced.filter((event) => event.type === 'refund-issued')).toHaveLength(1);
    expect(refundsOn(order.id)).toHaveLength(1);
  });

  it('a returnless refund (refundCreate) survives a lost response and a 5xx: retried, paid once', async () => {
    const { service } = world.service();
    const order = await world.order();
    const scarf = lineOf(order, 'SAL-IPEK');
    const opened = await service.request({
      order,
      request: { lines: [{ lineItemId: scarf.id, quantity: 1, reason: 'changed_mind', resolution: 'keep_item' }] },
      locale: 'en-GB',
    });
    expect(opened).toMatchObject({ platformReturnId: null, case: { status: 'approved' } });
    // Throttled (waited out), then a 502 (nothing happened: looked for, sent again), then a response lost
    // after Shopify refunded (looked for and found: not sent again).
    world.emulator.injectFault(
      { kind: 'throttled', operation: 'AftersaleRefundCreate' },
      { kind: 'http-error', status: 502, operation: 'AftersaleRefundCreate' },
      { kind: 'reset-after-write', operation: 'AftersaleRefundCreate' },
    );
    const sends = sent(world.emulator, 'AftersaleRefundCreate').length;
    const kept = await service.keep(opened.case.id, { actor: staff });
    expect(world.emulator.pendingFaults()).toBe(0);
    expect(kept).toMatchObject({ outcome: 'refunded', case: { status: 'resolved', resolution: { outcome: 'kept' } } });
    expect(
      sent(world.emulator, 'AftersaleRefundCreate')
        .slice(sends)
        .map((document) => document.status),
    ).toEqual([200, 502, 0]);
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ total: 24000, returnId: null })]);
    const [record] = await refundRecords(order.id);
    expect(record).toMatchObject({ amount: lira(24000), platformRefundId: refundsOn(order.id)[0]?.id });
    expect(await service.keep(opened.case.id, { actor: staff })).toMatchObject({ outcome: 'refunded', replayed: true });
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId: opened.case.id, reason: 'known_refund' },
    ]);
    expect(refundsOn(order.id)).toHaveLength(1);
    expect((await world.outbox(opened.case.id)).at(-1)?.payload.message).toBe(
      `We have refunded ${formatMoney(lira(24000), 'en-GB')} for order ${order.source.name}.`,
    );
  });

  /**
   * A refund someone makes in Shopify's admin, outside aftersale: of `lineItemId` (one unit) and
   * `amount` paid back to the card, or of the amount alone when no line is named.
   */
  async function adminRefund(order: Order, refund: { lineItemId?: string; amount: string }, key: string) {
    const payment = world.shopifyOrder(order.id).transactions.find((transaction) => transaction.kind === 'SALE');
    const answer = await world.admin<{ refundCreate: { refund: { id: string } | null } }>(
      `mutation AdminRefund($input: RefundInput!, $key: String!) {
        refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { field message } }
      }`,
      {
        key,
        input: {
          orderId: order.id,
          note: 'Mağazada iade edildi',
          refundLineItems: refund.lineItemId
            ? [{ lineItemId: refund.lineItemId, quantity: 1, restockType: 'RETURN' }]
            : [],
          transactions: [
            { orderId: order.id, parentId: payment?.id, amount: refund.amount, gateway: 'iyzico', kind: 'REFUND' },
          ],
        },
      },
    );
    const id = answer.refundCreate.refund?.id;
    if (!id) throw new Error('the admin refund was refused');
    return id;
  }

  it("reconciles a refund made in Shopify's admin with the inspected case; a later refund pays nothing", async () => {
    const { service, announced } = world.service();
    const { order, sweater, caseId, returnId } = await sweaterCase(service);
    const platformRefundId = await adminRefund(
      order,
      { lineItemId: sweater.id, amount: '600.00' },
      `admin:${order.id}`,
    );

    const handled = await world.deliverWebhooks(service);
    expect(handled).toEqual([{ handled: 'reconciled', caseId, refundId: expect.stringMatching(/^rfd_pf_/) }]);
    const refundId = handled[0]?.handled === 'reconciled' ? handled[0].refundId : '';
    expect(await refundRecords(order.id)).toEqual([
      expect.objectContaining({
        id: refundId,
        returnCaseId: caseId,
        amount: lira(60000),
        platformRefundId,
        platformStatus: 'admin',
        idempotencyKey: `${world.shopId}:platform-refund:${platformRefundId}`,
      }),
    ]);
    const state = await service.get(caseId);
    expect(state).toMatchObject({
      status: 'resolved',
      resolution: { outcome: 'refunded', amount: lira(60000), reference: refundId },
    });
    expect(state.history.at(-1)?.actor).toEqual({ kind: 'platform', id: 'admin' });
    const reconciled = (await world.outbox(caseId)).at(-1);
    expect(reconciled).toMatchObject({
      type: 'refund-reconciled',
      payload: { amount: lira(60000), message: `${order.source.name} numaralı siparişiniz için ₺600,00 iade edildi.` },
    });

    // A redelivery is known; a refund afterwards answers with the reconciled one and pays nothing.
    const body = world.emulator.webhookDeliveries.findLast((delivery) => delivery.topic === 'refunds/create')?.body;
    await world.emulator.sendWebhook('refunds/create', JSON.parse(body ?? '{}'));
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'ignored', caseId, reason: 'known_refund' }]);
    const processes = sent(world.emulator, 'AftersaleReturnProcess').length;
    expect(await service.refund(caseId, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      refundId,
      replayed: true,
    });
    expect(sent(world.emulator, 'AftersaleReturnProcess')).toHaveLength(processes);
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ id: platformRefundId, total: 60000 })]);
    expect(await refundRecords(order.id)).toHaveLength(1);

    // The admin refunded without processing the Return: closing the case closes it on Shopify.
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('OPEN');
    expect((await service.close(caseId, { actor: staff })).status).toBe('closed');
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('CLOSED');
    expect(announced.map((event) => event.type).slice(-2)).toEqual(['refund-reconciled', 'return-closed']);
  });

  it('records an admin refund while the items are on their way; the case resolves with it once inspected', async () => {
    const { service } = world.service();
    const { order, sweater, caseId } = await sweaterCase(service, { inspect: false });
    const platformRefundId = await adminRefund(
      order,
      { lineItemId: sweater.id, amount: '600.00' },
      `admin:${order.id}`,
    );
    const handled = await world.deliverWebhooks(service);
    expect(handled).toEqual([{ handled: 'recorded', caseId, refundId: expect.stringMatching(/^rfd_pf_/) }]);
    const refundId = handled[0]?.handled === 'recorded' ? handled[0].refundId : '';
    expect((await service.get(caseId)).status).toBe('approved');
    expect((await world.outbox(caseId)).map((event) => event.type)).not.toContain('refund-reconciled');

    await service.received(caseId, { actor: staff });
    await service.inspect(caseId, [{ lineItemId: sweater.id, quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    const processes = sent(world.emulator, 'AftersaleReturnProcess').length;
    const refunded = await service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({
      outcome: 'refunded',
      refundId,
      replayed: true,
      case: { status: 'resolved', resolution: { outcome: 'refunded', amount: lira(60000), reference: refundId } },
    });
    expect(sent(world.emulator, 'AftersaleReturnProcess')).toHaveLength(processes);
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ id: platformRefundId })]);
    expect(await refundRecords(order.id)).toEqual([expect.objectContaining({ id: refundId, platformRefundId })]);
    expect((await world.outbox(caseId)).at(-1)).toMatchObject({
      type: 'refund-reconciled',
      payload: { amount: lira(60000), status: 'resolved' },
    });
  });

  it("an admin refund of another line (the scarf) is not taken for the sweater case's refund", async () => {
    const { service } = world.service();
    const { order, caseId, returnId } = await sweaterCase(service);
    const scarf = lineOf(order, 'SAL-IPEK');
    await adminRefund(order, { lineItemId: scarf.id, amount: '240.00' }, `admin:${order.id}`);

    // The refund covers none of the case's lines: the case is not resolved with it.
    expect(await world.deliverWebhooks(service)).toMatchObject([{ handled: 'ignored' }]);
    expect(await service.get(caseId)).toMatchObject({ status: 'inspected', resolution: null });
    expect((await world.outbox(caseId)).map((event) => event.type)).not.toContain('refund-reconciled');

    // The sweater is still refunded in full when the case is.
    const refunded = await service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({
      outcome: 'refunded',
      replayed: false,
      case: { resolution: { amount: lira(60000) } },
    });
    expect(refundsOn(order.id).map((refund) => [refund.total, refund.returnId])).toEqual([
      [24000, null],
      [60000, returnId],
    ]);
  });

  it('an amount-only refund made in the admin (no line) is read from its webhook and leaves the case to its own refund', async () => {
    const { service } = world.service();
    const { order, caseId, returnId } = await sweaterCase(service);
    const platformRefundId = await adminRefund(order, { amount: '50.00' }, `admin:${order.id}`);
    expect(refundsOn(order.id)).toEqual([expect.objectContaining({ id: platformRefundId, total: 5000, lines: [] })]);

    // The refunds/create webhook of a refund without lines is processed (its currency and total come
    // from its transactions), and a 50.00 gesture does not resolve the sweater's case.
    const refunds: { total: unknown }[] = [];
    await world.emulator.flushWebhooks();
    const processed = await processShopifyWebhooks({
      adapter: world.adapter,
      store: world.store,
      workerId: 'return-service-test',
      now: () => world.clock.now(),
      hooks: {
        onRefund: async (event) => {
          refunds.push(event.refund);
          await service.handleCommerceEvent(event);
        },
      },
    });
    expect(processed).toEqual({ completed: 1, failed: 0 });
    expect(refunds).toEqual([expect.objectContaining({ total: lira(5000) })]);
    expect(await service.get(caseId)).toMatchObject({ status: 'inspected', resolution: null });

    const refunded = await service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(refundsOn(order.id).map((refund) => [refund.total, refund.returnId])).toEqual([
      [5000, null],
      [60000, returnId],
    ]);
  });
});
