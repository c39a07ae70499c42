import { formatMoney, type Money, type Order, type ReturnService } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { lira, returnServiceWorld, shopPolicy, staff } from './return-service-support.js';
import { sent } from './shopify-test-support.js';

describe('return service on Shopify: store credit and exchanges', async () => {
  const world = await returnServiceWorld();
  const lineOf = (order: Order, sku: string) => {
    const line = order.lines.find((entry) => entry.sku === sku);
    if (!line) throw new Error(`no line ${sku}`);
    return line;
  };

  /** A fresh order whose sweater came back as expected, asked for with `resolution`. */
  async function inspectedSweater(
    service: ReturnService,
    resolution: 'store_credit' | 'exchange',
    locale: string,
    exchangePrice?: Money,
  ) {
    const order = await world.order();
    const sweater = lineOf(order, 'KAZAK-YUN-M');
    const opened = await service.request({
      order,
      request: {
        lines: [
          {
            lineItemId: sweater.id,
            quantity: 1,
            reason: 'changed_mind',
            resolution,
            ...(exchangePrice ? { exchangePrice } : {}),
          },
        ],
      },
      locale,
    });
    expect(opened.case.status).toBe('approved');
    // Shopify takes exchange lines only when a Return is created: lines to exchange open theirs with the exchange.
    if (resolution === 'exchange') expect(opened.platformReturnId).toBeNull();
    else expect(world.emulator.state.returns.get(opened.platformReturnId ?? '')?.status).toBe('OPEN');
    await service.received(opened.case.id, { actor: staff });
    await service.inspect(opened.case.id, [{ lineItemId: sweater.id, quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    await world.deliverWebhooks(service);
    return { order, sweater, caseId: opened.case.id, returnId: opened.platformReturnId ?? '' };
  }

  const customerCredits = (order: Order) => {
    const customerId = world.shopifyOrder(order.id).customerId ?? '';
    const customer = world.emulator.state.customers.get(customerId);
    return (customer?.storeCreditAccounts ?? []).flatMap((account) =>
      account.transactions.map((transaction) => ({ ...transaction, currency: account.currency })),
    );
  };

  it('credits the sweater to store credit with the 10 % bonus, exactly once across lost responses and a retry', async () => {
    const { service, announced } = world.service();
    const { order, sweater, caseId, returnId } = await inspectedSweater(service, 'store_credit', 'tr-TR');
    const creditsBefore = customerCredits(order).length;
    // Both of Shopify's answers are lost after it acted: the adapter looks before sending again.
    world.emulator.injectFault(
      { kind: 'reset-after-write', operation: 'AftersaleRefundCreate' },
      { kind: 'reset-after-write', operation: 'AftersaleStoreCreditCredit' },
    );
    const credited = await service.credit(caseId, { actor: staff, order, expiresAt: '2027-11-01T20:59:59Z' });
    expect(world.emulator.pendingFaults()).toBe(0);
    expect(credited).toMatchObject({
      outcome: 'credited',
      refundId: `rfd_${caseId.slice(4)}_credit`,
      credit: {
        amount: lira(66000),
        bonus: lira(6000),
        code: null,
        expiresAt: '2027-11-01T20:59:59Z',
      },
      case: { status: 'resolved', resolution: { outcome: 'credited', amount: lira(66000) } },
    });

    // Shopify: the sweater refunded to store credit (600.00), and the 60.00 bonus credited to the account.
    const refunds = world.shopifyOrder(order.id).refunds;
    expect(refunds).toEqual([
      expect.objectContaining({
        total: 60000,
        lines: [expect.objectContaining({ lineItemId: sweater.id, quantity: 1 })],
      }),
    ]);
    const refundTransactions = world
      .shopifyOrder(order.id)
      .transactions.filter((transaction) => refunds[0]?.transactionIds.includes(transaction.id));
    expect(refundTransactions).toEqual([
      expect.objectContaining({ kind: 'REFUND', gateway: 'shopify_store_credit', amount: 60000 }),
    ]);
    expect(customerCredits(order).slice(creditsBefore)).toEqual([
      expect.objectContaining({
        amount: 60000,
        currency: 'TRY',
        event: 'ORDER_REFUND',
        expiresAt: '2027-11-01T20:59:59Z',
      }),
      expect.objectContaining({
        amount: 6000,
        currency: 'TRY',
        event: 'ADJUSTMENT',
        expiresAt: '2027-11-01T20:59:59Z',
      }),
    ]);
    expect(credited.outcome === 'credited' && credited.credit.platformRefundId).toBe(refunds[0]?.id);
    // The Return's lines are processed without money: it is closed on Shopify.
    expect(world.emulator.state.returns.get(returnId)).toMatchObject({
      status: 'CLOSED',
      lines: [expect.objectContaining({ processedQuantity: 1 })],
    });
    expect(sent(world.emulator, 'AftersaleReturnProcess').at(-1)?.variables).not.toHaveProperty(
      'input.financialTransfer',
    );

    // aftersale: the refund record of the lines given back, the case resolved, the event in Turkish.
    expect(await world.store.getRefund(world.shopId, `rfd_${caseId.slice(4)}_credit`)).toMatchObject({
      amount: lira(60000),
      returnCaseId: caseId,
      platformRefundId: refunds[0]?.id,
      platformStatus: 'store_credit',
      idempotencyKey: `${world.shopId}:${caseId}:store-credit`,
    });
    const event = (await world.outbox(caseId)).at(-1);
    expect(event).toMatchObject({
      type: 'store-credit-issued',
      payload: {
        amount: lira(66000),
        storeCredit: { code: null, bonus: lira(6000), expiresAt: '2027-11-01T20:59:59Z' },
        deadline: '2027-11-01T20:59:59Z',
        message: `${order.source.name} numaralı siparişiniz için hesabınıza ₺660,00 mağaza kredisi eklendi. Kredi 1 Kasım 2027 tarihine kadar geçerlidir.`,
      },
    });

    // Shopify's refunds/create is the credit's own refund; a retry answers from the case; nothing moves again.
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'ignored', caseId, reason: 'known_refund' }]);
    const again = await service.credit(caseId, { actor: staff, order, expiresAt: '2027-11-01T20:59:59Z' });
    expect(again).toMatchObject({ outcome: 'credited', replayed: true, credit: { amount: lira(66000) } });
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect(customerCredits(order)).toHaveLength(creditsBefore + 2);
    expect(announced.filter((notification) => notification.type === 'store-credit-issued')).toHaveLength(1);

    expect((await service.close(caseId, { actor: staff })).status).toBe('closed');
    expect(world.emulator.state.returns.get(returnId)?.status).toBe('CLOSED');
  });

  it('a credit whose bonus Shopify keeps failing is retried later: the refund is not made twice, the bonus once', async () => {
    const { service, announced } = world.service();
    const { order, caseId } = await inspectedSweater(service, 'store_credit', 'en-GB');
    const creditsBefore = customerCredits(order).length;
    // Every send of the bonus within the call meets a 503 (the adapter sends it at most six times).
    world.emulator.injectFault(
      ...Array.from({ length: 6 }, () => ({
        kind: 'http-error' as const,
        status: 503,
        operation: 'AftersaleStoreCreditCredit',
      })),
    );
    const failed = service.credit(caseId, { actor: staff, order });
    await expect(failed).rejects.toMatchObject({ code: 'platform_unavailable' });
    expect(world.emulator.pendingFaults()).toBe(0);
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect(
      customerCredits(order)
        .slice(creditsBefore)
        .map((credit) => credit.event),
    ).toEqual(['ORDER_REFUND']);
    expect(await service.get(caseId)).toMatchObject({ status: 'inspected', resolution: null });
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toEqual([]);
    // Shopify's refunds/create of the credit's refund is left to the credit under way.
    expect(await world.deliverWebhooks(service)).toEqual([
      { handled: 'ignored', caseId, reason: 'money_move_in_progress' },
    ]);

    const retried = await service.credit(caseId, { actor: staff, order });
    expect(retried).toMatchObject({
      outcome: 'credited',
      credit: { amount: lira(66000), bonus: lira(6000), expiresAt: null },
      case: { status: 'resolved' },
    });
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect(customerCredits(order).slice(creditsBefore)).toEqual([
      expect.objectContaining({ amount: 60000, event: 'ORDER_REFUND' }),
      expect.objectContaining({ amount: 6000, event: 'ADJUSTMENT' }),
    ]);
    expect(await world.store.getRefund(world.shopId, `rfd_${caseId.slice(4)}_credit`)).toMatchObject({
      amount: lira(60000),
      platformRefundId: world.shopifyOrder(order.id).refunds[0]?.id,
    });
    expect(announced.filter((notification) => notification.type === 'store-credit-issued')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          message: `We have added ${formatMoney(lira(66000), 'en-GB')} of store credit for order ${order.source.name}.`,
        }),
      }),
    ]);
  });

  /** What Shopify holds of an exchange: the Returns of the order, the exchange lines, the refunds. */
  function exchangeOnShopify(orderId: string, sweaterId: string) {
    const order = world.shopifyOrder(orderId);
    const returns = order.returnIds.map((id) => world.emulator.state.returns.get(id)).filter((entry) => !!entry);
    const live = returns.filter((entry) => entry.status !== 'DECLINED' && entry.status !== 'CANCELED');
    return {
      order,
      withExchange: live.filter((entry) => entry.exchangeLines.length > 0),
      sweatersReturned: live
        .flatMap((entry) => entry.lines)
        .filter((line) => line.lineItemId === sweaterId)
        .reduce((total, line) => total + line.quantity, 0),
    };
  }

  it('exchanges the sweater for a dearer cashmere one: the customer pays 300.00 through the payment link', async () => {
    const { service } = world.service();
    const cashmere = world.variant('var_rs_5104');
    const { order, sweater, caseId } = await inspectedSweater(service, 'exchange', 'tr-TR', lira(90000));
    const result = await service.exchange(caseId, {
      newLines: [{ variantId: cashmere, quantity: 1 }],
      action: { actor: staff },
    });
    if (result.outcome !== 'exchanged') throw new Error(`not exchanged: ${result.outcome}`);
    const paymentUrl = result.exchange.settlement.kind === 'payment_due' ? result.exchange.settlement.paymentUrl : null;
    expect(result.exchange).toMatchObject({
      orderId: order.id,
      returnedValue: lira(60000),
      newItemsValue: lira(90000),
      difference: lira(30000),
      settlement: { kind: 'payment_due', amount: lira(30000) },
    });
    expect(paymentUrl).toMatch(/^https:\/\//);
    expect(result).toMatchObject({
      refundId: null,
      case: { status: 'resolved', resolution: { outcome: 'exchanged' } },
    });

    const shopify = exchangeOnShopify(order.id, sweater.id);
    expect(shopify.withExchange).toEqual([
      expect.objectContaining({
        id: result.exchange.id,
        exchangeLines: [expect.objectContaining({ variantId: cashmere, quantity: 1, processedQuantity: 1 })],
      }),
    ]);
    expect(shopify.sweatersReturned).toBe(1);
    expect(shopify.order.refunds).toHaveLength(0);
    expect(shopify.order.exchangeBalance).toBe(30000);

    const event = (await world.outbox(caseId)).at(-1);
    expect(event).toMatchObject({
      type: 'exchange-created',
      payload: {
        exchange: { exchangeId: result.exchange.id, settlement: 'payment_due' },
        payment: { amount: lira(30000), url: paymentUrl },
        message: `${order.source.name} numaralı siparişinizin değişim ürünü yola çıktı. Lütfen ₺300,00 tutarındaki fiyat farkını size gönderdiğimiz ödeme bağlantısıyla ödeyin.`,
      },
    });
    expect((await world.store.getReturnCase(world.shopId, caseId))?.data).toMatchObject({
      exchange: { id: result.exchange.id, settlement: { kind: 'payment_due', paymentUrl } },
    });
    expect((await world.store.listRefunds(world.shopId, { orderId: order.id })).items).toEqual([]);
    expect(
      await service.exchange(caseId, { newLines: [{ variantId: cashmere, quantity: 1 }], action: { actor: staff } }),
    ).toMatchObject({ outcome: 'exchanged', replayed: true, exchange: { id: result.exchange.id } });
    expect(sent(world.emulator, 'AftersaleExchangeReturnCreate')).toHaveLength(1);
    // From now on the case mirrors the exchange's Return, processed (closed) on Shopify.
    expect(await world.store.getReturnCase(world.shopId, caseId)).toMatchObject({
      platformReturnId: result.exchange.id,
      platformStatus: 'CLOSED',
    });
    // Shopify's returns/approve of that Return, read now, says it is closed: the case is closed with it.
    expect(await world.deliverWebhooks(service)).toEqual([{ handled: 'moved', caseId, status: 'closed' }]);
    expect((await service.get(caseId)).history.at(-1)).toMatchObject({
      status: 'closed',
      actor: { kind: 'platform', id: 'admin' },
    });
  });

  it('exchanges the sweater for a cheaper cotton one: the 150.00 difference is refunded once', async () => {
    const { service } = world.service();
    const cotton = world.variant('var_rs_5105');
    const { order, sweater, caseId } = await inspectedSweater(service, 'exchange', 'en-GB', lira(45000));
    const result = await service.exchange(caseId, {
      newLines: [{ variantId: cotton, quantity: 1 }],
      action: { actor: staff },
    });
    if (result.outcome !== 'exchanged') throw new Error(`not exchanged: ${result.outcome}`);
    const shopify = exchangeOnShopify(order.id, sweater.id);
    expect(shopify.order.refunds).toEqual([expect.objectContaining({ total: 15000, returnId: result.exchange.id })]);
    expect(result.exchange).toMatchObject({
      difference: lira(-15000),
      settlement: { kind: 'refunded', amount: lira(15000), platformRefundId: shopify.order.refunds[0]?.id },
    });
    expect(shopify.withExchange).toEqual([
      expect.objectContaining({
        exchangeLines: [expect.objectContaining({ variantId: cotton, quantity: 1, processedQuantity: 1 })],
      }),
    ]);
    expect(shopify.sweatersReturned).toBe(1);
    expect(result.refundId).toBe(`rfd_${caseId.slice(4)}_exchange`);
    expect(await world.store.getRefund(world.shopId, result.refundId ?? '')).toMatchObject({
      amount: lira(15000),
      returnCaseId: caseId,
      platformRefundId: shopify.order.refunds[0]?.id,
      platformStatus: 'exchange_refund',
    });
    expect((await world.outbox(caseId)).at(-1)).toMatchObject({
      type: 'exchange-created',
      payload: {
        amount: lira(15000),
        payment: null,
        exchange: { settlement: 'refunded' },
      },
    });
    // The refund of the difference is aftersale's own; the exchange's Return reads as closed.
    const handled = await world.deliverWebhooks(service);
    expect(handled).toHaveLength(2);
    expect(handled).toEqual(
      expect.arrayContaining([
        { handled: 'ignored', caseId, reason: 'known_refund' },
        { handled: 'moved', caseId, status: 'closed' },
      ]),
    );
    expect(world.shopifyOrder(order.id).refunds).toHaveLength(1);
    expect((await world.outbox(caseId)).map((event) => [event.type, event.payload.message]).slice(-2)).toEqual([
      [
        'exchange-created',
        `Your exchange for order ${order.source.name} is on its way. We have refunded the price difference of ${formatMoney(lira(15000), 'en-GB')}.`,
      ],
      ['return-closed', `Your return for order ${order.source.name} is complete.`],
    ]);
  });

  it('with merchant_absorbs up to 100.00, the 50.00 a navy sweater costs more is absorbed', async () => {
    const { service } = world.service({
      policy: shopPolicy({ enabled: true, priceDifference: 'merchant_absorbs', absorbUpTo: lira(10000) }),
    });
    const navy = world.variant('var_rs_5106');
    const { order, sweater, caseId } = await inspectedSweater(service, 'exchange', 'tr-TR', lira(65000));
    const result = await service.exchange(caseId, {
      newLines: [{ variantId: navy, quantity: 1 }],
      action: { actor: staff },
    });
    if (result.outcome !== 'exchanged') throw new Error(`not exchanged: ${result.outcome}`);
    expect(result.exchange).toMatchObject({
      difference: lira(5000),
      settlement: { kind: 'absorbed', amount: lira(5000) },
    });
    expect(sent(world.emulator, 'AftersaleExchangeReturnProcess').at(-1)?.variables).not.toHaveProperty(
      'input.financialTransfer',
    );
    const shopify = exchangeOnShopify(order.id, sweater.id);
    expect(shopify.withExchange).toHaveLength(1);
    expect(shopify.sweatersReturned).toBe(1);
    expect(shopify.order.refunds).toHaveLength(0);
    expect((await world.outbox(caseId)).at(-1)).toMatchObject({
      type: 'exchange-created',
      payload: {
        payment: null,
        exchange: { settlement: 'absorbed' },
        message: `${order.source.name} numaralı siparişinizin değişim ürünü yola çıktı.`,
      },
    });
  });
});
