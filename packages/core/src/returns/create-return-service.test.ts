import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import type { Order } from '../model/schemas.js';
import { formatMoney } from '../money/format-money.js';
import { money } from '../money/money.js';
import { definePolicy } from '../policy/define-policy.js';
import type { ReturnRequest } from '../policy/return-decision.js';
import { testOrder } from '../refund/test-order.js';
import type { AdapterCapability, CommerceEvent } from '../spec/commerce-adapter.js';
import { createReturnService } from './create-return-service.js';
import { createFakeCommerceAdapter } from './fake-commerce-adapter.test-support.js';
import { createFakeReturnStore } from './fake-return-store.test-support.js';
import { createReturnEventBus } from './return-event-bus.js';
import type { ReturnNotification } from './return-notifications.js';
import { createManualReturnShipping } from './return-shipping.js';
import type { ReturnRoutingOptions } from './route-return-decision.js';

const shopId = 'cay-evi.example';
const staff = { kind: 'staff' as const, id: 'staff_1' };

const basePolicy = {
  schemaVersion: 1 as const,
  id: 'shop-returns',
  version: 1,
  currency: 'TRY',
  window: { days: 30, from: 'delivery' as const, transitDays: 3 },
};

const generousPolicy = definePolicy({
  ...basePolicy,
  resolutions: {
    storeCredit: { enabled: true, bonusPercent: 10 },
    exchange: { enabled: true, priceDifference: 'merchant_absorbs', absorbUpTo: money(5000, 'TRY') },
    keepItem: { enabled: true, maximumValue: money(20000, 'TRY') },
  },
});

const plainPolicy = definePolicy(basePolicy);

const delivered = testOrder({
  currency: 'TRY',
  country: 'TR',
  createdAt: '2026-03-02T10:00:00Z',
  lines: [
    { id: 'shirt', quantity: 2, unitPrice: 50000, taxes: [[0.2, 20000]] },
    { id: 'mug', quantity: 1, unitPrice: 10000, taxes: [[0.2, 2000]] },
  ],
  shipping: { price: 3000 },
  fulfillments: [
    {
      id: 'f1',
      lines: [
        { lineItemId: 'shirt', quantity: 2 },
        { lineItemId: 'mug', quantity: 1 },
      ],
      shippedAt: '2026-03-03T09:00:00Z',
      deliveredAt: '2026-03-05T12:00:00Z',
    },
  ],
});
const order: Order = { ...delivered, customer: { id: 'cus_7', email: 'ayse@example.com' }, email: 'ayse@example.com' };

function setup(
  options: {
    capabilities?: AdapterCapability[];
    policy?: typeof generousPolicy;
    routing?: ReturnRoutingOptions;
    orders?: Order[];
    creditCodes?: boolean;
  } = {},
) {
  let now = Date.parse('2026-03-10T10:00:00Z');
  const clock = () => new Date(now);
  const store = createFakeReturnStore({ now: clock });
  const adapter = createFakeCommerceAdapter({
    shopId,
    store,
    capabilities: options.capabilities ?? [],
    orders: options.orders ?? [order],
    variantPrices: {
      'shirt-large': money(52000, 'TRY'),
      'shirt-silk': money(90000, 'TRY'),
      'shirt-plain': money(30000, 'TRY'),
    },
    creditCodes: options.creditCodes ?? false,
    now: clock,
  });
  const received: ReturnNotification[] = [];
  const events = createReturnEventBus();
  events.on('*', (event) => {
    received.push(event);
  });
  let ids = 0;
  const service = createReturnService({
    shopId,
    store,
    adapter,
    policy: options.policy ?? generousPolicy,
    shopTimeZone: 'Europe/Istanbul',
    ...(options.routing ? { routing: options.routing } : {}),
    shipping: createManualReturnShipping(() => ({ carrier: 'Yurtiçi Kargo', trackingNumber: 'YK42' }), {
      designatedCarrier: 'Yurtiçi Kargo',
    }),
    events,
    now: clock,
    newId: () => `case${++ids}`,
  });
  const advance = (hours: number) => {
    now += hours * 3_600_000;
  };
  /** Opens a case for the lines and brings it to inspected (items back, as expected). */
  async function inspected(request: ReturnRequest, locale = 'tr-TR') {
    const opened = await service.request({ order, request, locale });
    advance(24);
    await service.received(opened.case.id, { actor: staff });
    await service.inspect(
      opened.case.id,
      request.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, condition: 'as_expected' })),
      { actor: staff },
    );
    advance(1);
    return opened;
  }
  return { service, store, adapter, received, advance, inspected };
}

const oneShirt: ReturnRequest = { lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'changed_mind' }] };

async function caught(run: () => Promise<unknown>): Promise<AftersaleError> {
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!AftersaleError.isInstance(error)) throw new Error(`expected an AftersaleError, got ${String(error)}`);
  return error;
}

describe('platform return mirroring (an adapter with returns)', () => {
  it('opens, approves, processes with the refund and finds it closed: one money move, no createRefund', async () => {
    const { service, store, adapter, inspected } = setup({ capabilities: ['returns'] });
    const opened = await inspected(oneShirt);
    const requestCall = adapter.calls.find((call) => call.operation === 'returns.request');
    expect(requestCall?.input).toEqual({
      orderId: order.id,
      lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'changed_mind', customerNote: null }],
    });
    expect(opened.platformReturnId).toMatch(/^gid:\/\/platform\/Return\//);
    const record = await store.getReturnCase(shopId, opened.case.id);
    expect(record).toMatchObject({ platformReturnId: opened.platformReturnId, platformStatus: 'OPEN' });

    const refunded = await service.refund(opened.case.id, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: false, refundId: 'rfd_case1' });
    const process = adapter.calls.find((call) => call.operation === 'returns.process');
    expect(process?.input).toMatchObject({
      returnId: opened.platformReturnId,
      lines: [{ returnLineId: `${opened.platformReturnId}/line/1`, quantity: 1 }],
      refund: { orderId: order.id, total: opened.decision.refund?.total },
    });
    expect(adapter.calls.some((call) => call.operation === 'createRefund')).toBe(false);
    expect(adapter.moneyMoves).toHaveLength(1);
    expect((await store.getRefund(shopId, 'rfd_case1'))?.platformStatus).toBe('CLOSED');

    // Processing closed the platform return: closing the case does not close it again.
    const closed = await service.close(opened.case.id);
    expect(closed.status).toBe('closed');
    expect(adapter.calls.some((call) => call.operation === 'returns.close')).toBe(false);
    expect((await store.getReturnCase(shopId, opened.case.id))?.platformStatus).toBe('CLOSED');
  });

  it('declines an ineligible request on the platform with the decision reason', async () => {
    const { service, adapter, advance } = setup({ capabilities: ['returns'] });
    advance(24 * 100);
    const late = await service.request({ order, request: oneShirt, locale: 'en-GB' });
    expect(late.case.status).toBe('declined');
    const decline = adapter.calls.find((call) => call.operation === 'returns.decline');
    expect(decline?.input).toMatchObject({ returnId: late.platformReturnId, reason: 'return_period_ended' });
    expect(adapter.platformReturns.get(late.platformReturnId ?? '')?.status).toBe('DECLINED');
  });

  it('a reviewed case is approved (or declined) on the platform when staff decide, and closed there', async () => {
    const { service, adapter, store } = setup({ capabilities: ['returns'], routing: { alwaysReview: true } });
    const first = await service.request({ order, request: oneShirt, locale: 'tr' });
    expect(adapter.platformReturns.get(first.platformReturnId ?? '')?.status).toBe('REQUESTED');
    await service.approve(first.case.id, { actor: staff });
    expect(adapter.platformReturns.get(first.platformReturnId ?? '')?.status).toBe('OPEN');

    const second = await service.request({ order, request: oneShirt, locale: 'tr' });
    await service.decline(second.case.id, { actor: staff, override: true, note: 'worn, tags removed' });
    expect(adapter.calls.at(-1)).toEqual({
      operation: 'returns.decline',
      input: { returnId: second.platformReturnId, reason: 'other', notifyCustomer: false },
    });
    await service.close(second.case.id, { actor: staff });
    expect(adapter.calls.some((call) => call.operation === 'returns.close')).toBe(false);
    expect((await store.getReturnCase(shopId, second.case.id))?.status).toBe('closed');
  });

  it('a returnless refund opens no platform return and refunds with createRefund', async () => {
    const { service, adapter } = setup({ capabilities: ['returns'] });
    const kept = await service.request({
      order,
      request: { lines: [{ lineItemId: 'mug', quantity: 1, reason: 'changed_mind', resolution: 'keep_item' }] },
      locale: 'en',
    });
    expect(kept.platformReturnId).toBeNull();
    expect(await service.keep(kept.case.id)).toMatchObject({ outcome: 'refunded', replayed: false });
    expect(adapter.calls.map((call) => call.operation)).toEqual(['createRefund']);
  });

  it('a platform refusal is a typed error, and nothing is written or announced', async () => {
    const { service, store, adapter, received, inspected } = setup({ capabilities: ['returns'] });
    adapter.rejectNext('returns.request', [{ field: 'returnLineItems.0.quantity', message: 'Quantity is too high' }]);
    const refused = await caught(() => service.request({ order, request: oneShirt, locale: 'tr' }));
    expect(refused.code).toBe('platform_rejected');
    expect(refused.issues).toEqual([{ path: 'returnLineItems.0.quantity', message: 'Quantity is too high' }]);
    expect(store.cases.size).toBe(0);
    expect(store.outbox).toHaveLength(0);
    expect(received).toHaveLength(0);

    const opened = await inspected(oneShirt);
    const before = store.outbox.length;
    adapter.rejectNext('returns.process');
    expect((await caught(() => service.refund(opened.case.id, { actor: staff }))).code).toBe('refund_rejected');
    expect((await service.get(opened.case.id)).status).toBe('inspected');
    expect(store.outbox).toHaveLength(before);
    expect(adapter.moneyMoves).toHaveLength(0);
  });
});

describe('cancelling a mirrored case', () => {
  it('cancels the platform return with the case; a refusal leaves both as they were', async () => {
    const { service, adapter } = setup({ capabilities: ['returns'] });
    const first = await service.request({ order, request: oneShirt, locale: 'en' });
    adapter.rejectNext('returns.cancel', [{ field: 'id', message: 'Return has processed items' }]);
    expect((await caught(() => service.cancel(first.case.id, { actor: staff, note: 'customer kept it' }))).code).toBe(
      'platform_rejected',
    );
    expect((await service.get(first.case.id)).status).toBe('approved');
    expect(adapter.platformReturns.get(first.platformReturnId ?? '')?.status).toBe('OPEN');

    const cancelled = await service.cancel(first.case.id, { actor: staff, note: 'customer kept it' });
    expect(cancelled.status).toBe('cancelled');
    expect(adapter.platformReturns.get(first.platformReturnId ?? '')?.status).toBe('CANCELED');
    expect(adapter.moneyMoves).toHaveLength(0);
  });
});

describe('order notes (an adapter with order_notes)', () => {
  it('notes every step in the case language without personal data; a failing note does not undo the step', async () => {
    const { service, adapter, inspected } = setup({ capabilities: ['order_notes'] });
    const opened = await inspected(oneShirt, 'tr-TR');
    await service.refund(opened.case.id, { actor: staff });
    expect(adapter.notes.map((note) => note.text)).toEqual([
      'aftersale · Sipariş #1001 · iade ret_case1: iade talebi alındı (durum: talep edildi)',
      'aftersale · Sipariş #1001 · iade ret_case1: iade onaylandı (durum: onaylandı)',
      'aftersale · Sipariş #1001 · iade ret_case1: iade edilen ürünler teslim alındı (durum: teslim alındı)',
      'aftersale · Sipariş #1001 · iade ret_case1: iade edilen ürünler kontrol edildi (durum: kontrol edildi)',
      'aftersale · Sipariş #1001 · iade ret_case1: para iadesi yapıldı, ₺600,00 (durum: sonuçlandı)',
    ]);
    expect(adapter.notes.every((note) => note.orderId === order.id)).toBe(true);
    expect(JSON.stringify(adapter.notes)).not.toContain('ayse@example.com');

    adapter.breakNotes();
    const closed = await service.close(opened.case.id);
    expect(closed.status).toBe('closed');
    expect(adapter.notes).toHaveLength(5);
  });
});

describe('resolutions', () => {
  it('store credit: the decision refund plus the policy bonus, bound to the customer, exactly once', async () => {
    const { service, store, adapter, received, inspected } = setup({
      capabilities: ['store_credit'],
      creditCodes: true,
    });
    const opened = await inspected(oneShirt);
    const total = opened.decision.refund?.total;
    const result = await service.credit(opened.case.id, { actor: staff, order, expiresAt: '2027-03-10T20:59:59Z' });
    const issued = adapter.calls.find((call) => call.operation === 'storeCredit.issue');
    expect(issued?.input).toMatchObject({
      orderId: order.id,
      customerId: 'cus_7',
      email: 'ayse@example.com',
      total,
      bonus: money(Math.round((total?.amount ?? 0) / 10), 'TRY'),
      expiresAt: '2027-03-10T20:59:59Z',
    });
    expect(result).toMatchObject({ outcome: 'credited', replayed: false, refundId: 'rfd_case1_credit' });
    if (result.outcome !== 'credited') throw new Error('not credited');
    expect(result.case.resolution?.outcome).toBe('credited');
    expect(result.credit.code).toMatch(/^IADE-/);
    const record = await store.getRefund(shopId, 'rfd_case1_credit');
    expect(record).toMatchObject({ amount: total, status: 'succeeded', platformStatus: 'store_credit' });
    expect(JSON.stringify(record)).not.toContain('ayse@example.com');

    const event = received.find((notification) => notification.type === 'store-credit-issued');
    expect(event?.payload).toMatchObject({
      storeCredit: { code: result.credit.code, expiresAt: '2027-03-10T20:59:59Z' },
      deadline: '2027-03-10T20:59:59Z',
    });
    expect(event?.payload.message).toBe(
      `#1001 numaralı siparişiniz için hesabınıza ₺660,00 mağaza kredisi eklendi. Ödeme sırasında ${result.credit.code} kodunu kullanın. Kredi 10 Mart 2027 tarihine kadar geçerlidir.`,
    );

    expect(await service.credit(opened.case.id, { actor: staff, order })).toMatchObject({
      outcome: 'credited',
      replayed: true,
    });
    expect(adapter.moneyMoves).toHaveLength(1);
    // A refund of a credited case is refused by the lifecycle: it is resolved already.
    expect((await caught(() => service.refund(opened.case.id, { actor: staff }))).code).toBe(
      'invalid_return_transition',
    );
  });

  it('store credit is refused when the policy does not offer it or the adapter cannot issue it', async () => {
    const plain = setup({ capabilities: ['store_credit'], policy: plainPolicy });
    const opened = await plain.inspected(oneShirt);
    expect((await caught(() => plain.service.credit(opened.case.id, { actor: staff, order }))).code).toBe(
      'resolution_not_offered',
    );
    const without = setup({ capabilities: [] });
    const other = await without.inspected(oneShirt);
    expect((await caught(() => without.service.credit(other.case.id, { actor: staff, order }))).code).toBe(
      'capability_not_supported',
    );
    expect(plain.adapter.moneyMoves).toHaveLength(0);
  });

  it('exchange: the merchant absorbs a difference within absorbUpTo', async () => {
    const { service, adapter, received, inspected } = setup({ capabilities: ['exchanges'] });
    const opened = await inspected({
      lines: [
        {
          lineItemId: 'shirt',
          quantity: 1,
          reason: 'too_small',
          resolution: 'exchange',
          exchangePrice: money(62000, 'TRY'),
        },
      ],
    });
    const result = await service.exchange(opened.case.id, {
      newLines: [{ variantId: 'shirt-large', quantity: 1 }],
      action: { actor: staff },
    });
    expect(adapter.calls.at(-1)?.input).toMatchObject({
      orderId: order.id,
      returnLines: [{ lineItemId: 'shirt', quantity: 1, reason: 'too_small' }],
      newLines: [{ variantId: 'shirt-large', quantity: 1 }],
      settlement: { customerOwes: 'absorb', shopOwes: 'refund' },
    });
    expect(result).toMatchObject({ outcome: 'exchanged', replayed: false, refundId: null });
    if (result.outcome !== 'exchanged') throw new Error('not exchanged');
    expect(result.exchange.settlement).toEqual({ kind: 'absorbed', amount: money(2000, 'TRY') });
    expect(result.case.resolution).toMatchObject({ outcome: 'exchanged', reference: result.exchange.id });
    const event = received.find((notification) => notification.type === 'exchange-created');
    expect(event?.payload).toMatchObject({
      exchange: { exchangeId: result.exchange.id, settlement: 'absorbed' },
      payment: null,
    });
    expect(await service.exchange(opened.case.id, { newLines: [], action: { actor: staff } })).toMatchObject({
      outcome: 'exchanged',
      replayed: true,
    });
  });

  it('exchange: a difference over absorbUpTo is charged with a payment link; a negative one is refunded', async () => {
    const { service, store, adapter, received, inspected } = setup({ capabilities: ['exchanges'] });
    const dearer = await inspected(
      {
        lines: [
          {
            lineItemId: 'shirt',
            quantity: 1,
            reason: 'too_small',
            resolution: 'exchange',
            exchangePrice: money(100000, 'TRY'),
          },
        ],
      },
      'en-GB',
    );
    const charged = await service.exchange(dearer.case.id, {
      newLines: [{ variantId: 'shirt-silk', quantity: 1 }],
      action: { actor: staff },
    });
    expect(adapter.calls.at(-1)?.input).toMatchObject({ settlement: { customerOwes: 'charge' } });
    if (charged.outcome !== 'exchanged') throw new Error('not exchanged');
    expect(charged.exchange.settlement).toMatchObject({ kind: 'payment_due', amount: money(40000, 'TRY') });
    const due = received.find((notification) => notification.type === 'exchange-created');
    expect(due?.payload).toMatchObject({
      payment: { amount: money(40000, 'TRY'), url: expect.stringMatching(/^https:\/\/pay\.example\//) },
    });
    expect(due?.payload.message).toBe(
      `Your exchange for order #1001 is on its way. Please pay the price difference of ${formatMoney(money(40000, 'TRY'), 'en-GB')} with the payment link we sent you.`,
    );

    const cheaper = await inspected({
      lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'too_small', resolution: 'exchange' }],
    });
    const refunded = await service.exchange(cheaper.case.id, {
      newLines: [{ variantId: 'shirt-plain', quantity: 1 }],
      action: { actor: staff },
      expectedDifference: money(-20000, 'TRY'),
    });
    expect(refunded).toMatchObject({ outcome: 'exchanged', refundId: `rfd_case2_exchange` });
    expect(await store.getRefund(shopId, 'rfd_case2_exchange')).toMatchObject({
      amount: money(20000, 'TRY'),
      returnCaseId: cheaper.case.id,
    });
    const last = received.at(-1);
    expect(last?.payload.message).toBe(
      '#1001 numaralı siparişinizin değişim ürünü yola çıktı. ₺200,00 tutarındaki fiyat farkı iade edildi.',
    );
  });

  it('exchange: refused when the policy does not offer it; an unknown difference under a limit needs expectedDifference', async () => {
    const plain = setup({ capabilities: ['exchanges'], policy: plainPolicy });
    const opened = await plain.inspected(oneShirt);
    const newLines = [{ variantId: 'shirt-large', quantity: 1 }];
    expect(
      (await caught(() => plain.service.exchange(opened.case.id, { newLines, action: { actor: staff } }))).code,
    ).toBe('resolution_not_offered');
    const generous = setup({ capabilities: ['exchanges'] });
    const unknown = await generous.inspected(oneShirt);
    expect(
      (await caught(() => generous.service.exchange(unknown.case.id, { newLines, action: { actor: staff } }))).code,
    ).toBe('invalid_input');
    const result = await generous.service.exchange(unknown.case.id, {
      newLines,
      action: { actor: staff },
      expectedDifference: money(2000, 'TRY'),
    });
    expect(result.outcome).toBe('exchanged');
    expect(generous.adapter.calls.at(-1)?.input).toMatchObject({ settlement: { customerOwes: 'absorb' } });
  });
});

describe('every money move exactly once, even when the response is lost after the platform acted', () => {
  it('refund, store credit, exchange, return processing, goodwill and cancellation', async () => {
    const unshipped: Order = {
      ...order,
      id: 'ord_2',
      source: { ...order.source, id: '1002', name: '#1002' },
      fulfillments: [],
      fulfillmentStatus: 'unfulfilled',
    };
    const all: AdapterCapability[] = ['store_credit', 'exchanges', 'cancellations'];
    const { service, store, adapter, inspected } = setup({ capabilities: all, orders: [order, unshipped] });

    const refundCase = await inspected(oneShirt);
    adapter.failAfterActing('createRefund');
    await expect(service.refund(refundCase.case.id, { actor: staff })).rejects.toThrow('connection reset');
    expect(await service.refund(refundCase.case.id, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
    });
    expect(await service.refund(refundCase.case.id, { actor: staff })).toMatchObject({ replayed: true });

    const creditCase = await inspected(oneShirt);
    adapter.failAfterActing('storeCredit.issue');
    await expect(service.credit(creditCase.case.id, { actor: staff })).rejects.toThrow('connection reset');
    expect(await service.credit(creditCase.case.id, { actor: staff })).toMatchObject({ replayed: true });

    const exchangeCase = await inspected({
      lines: [{ lineItemId: 'shirt', quantity: 1, reason: 'too_small', resolution: 'exchange' }],
    });
    const exchange = {
      newLines: [{ variantId: 'shirt-plain', quantity: 1 }],
      action: { actor: staff },
      expectedDifference: money(-20000, 'TRY'),
    };
    adapter.failAfterActing('exchanges.create');
    await expect(service.exchange(exchangeCase.case.id, exchange)).rejects.toThrow('connection reset');
    expect(await service.exchange(exchangeCase.case.id, exchange)).toMatchObject({ replayed: true });

    const goodwill = {
      order,
      amount: money(5000, 'TRY'),
      reason: 'late delivery',
      actor: staff,
      locale: 'en',
    };
    adapter.failAfterActing('createRefund');
    await expect(service.goodwillRefund(goodwill)).rejects.toThrow('connection reset');
    expect(await service.goodwillRefund(goodwill)).toMatchObject({ outcome: 'refunded', replayed: true });
    expect(await service.goodwillRefund(goodwill)).toMatchObject({ outcome: 'refunded', replayed: true });

    const cancel = { order: unshipped, reason: 'customer' as const, actor: staff, locale: 'tr' };
    adapter.failAfterActing('cancelOrder');
    await expect(service.cancelOrder(cancel)).rejects.toThrow('connection reset');
    // The platform cancelled it: the order read now says so, and the retry still replays.
    expect(
      await service.cancelOrder({ ...cancel, order: { ...unshipped, cancelledAt: '2026-03-20T10:00:00Z' } }),
    ).toMatchObject({
      outcome: 'cancelled',
      replayed: true,
    });

    expect(adapter.moneyMoves.map((move) => move.operation)).toEqual([
      'createRefund',
      'storeCredit.issue',
      'exchanges.create',
      'createRefund',
      'cancelOrder',
    ]);
    expect(store.refunds.size).toBe(5);
  });

  it('a crash after the platform processed the return and before the record: the retry writes it once', async () => {
    const { service, store, adapter, inspected } = setup({ capabilities: ['returns'] });
    const opened = await inspected(oneShirt);
    adapter.failAfterActing('returns.process');
    await expect(service.refund(opened.case.id, { actor: staff })).rejects.toThrow('connection reset');
    expect((await service.get(opened.case.id)).status).toBe('inspected');
    store.failNextRefundWrite();
    await expect(service.refund(opened.case.id, { actor: staff })).rejects.toThrow('process killed');
    expect(await service.refund(opened.case.id, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
    });
    expect(adapter.moneyMoves).toHaveLength(1);
    expect(store.refunds.size).toBe(1);
  });
});

describe('money moves on an order, not tied to a return', () => {
  it('a goodwill refund: a reason is required, never more than remains refundable, and an event in the customer language', async () => {
    const { service, store, adapter, received } = setup();
    const base = { order, actor: staff, locale: 'en-GB', reason: 'late delivery' };
    expect((await caught(() => service.goodwillRefund({ ...base, amount: money(135001, 'TRY') }))).code).toBe(
      'exceeds_refundable',
    );
    expect((await caught(() => service.goodwillRefund({ ...base, reason: ' ', amount: money(100, 'TRY') }))).code).toBe(
      'invalid_input',
    );
    expect((await caught(() => service.goodwillRefund({ ...base, amount: money(100, 'EUR') }))).code).toBe(
      'currency_mismatch',
    );
    expect(adapter.calls).toHaveLength(0);

    const result = await service.goodwillRefund({ ...base, amount: money(7500, 'TRY'), note: 'courier delay' });
    expect(result).toMatchObject({ outcome: 'refunded', replayed: false, amount: money(7500, 'TRY') });
    if (result.outcome !== 'refunded') throw new Error('not refunded');
    expect(adapter.calls[0]?.input).toMatchObject({ lines: [], total: money(7500, 'TRY'), note: 'courier delay' });
    expect(await store.getRefund(shopId, result.refundId)).toMatchObject({
      returnCaseId: null,
      amount: money(7500, 'TRY'),
      status: 'succeeded',
    });
    expect(store.outbox.map((row) => [row.type, row.subjectId])).toEqual([['goodwill-refund-issued', result.refundId]]);
    expect(received[0]?.payload).toMatchObject({
      orderName: '#1001',
      reason: 'late delivery',
      message: `As a gesture of goodwill, we have refunded ${formatMoney(money(7500, 'TRY'), 'en-GB')} for order #1001.`,
    });

    // What remains refundable is the order's, after earlier refunds.
    const refunded: Order = {
      ...order,
      refunds: [{ id: 'r1', createdAt: '2026-03-08T10:00:00Z', lines: [], total: money(120000, 'TRY') }],
    };
    expect(
      (await caught(() => service.goodwillRefund({ ...base, order: refunded, amount: money(15001, 'TRY') }))).code,
    ).toBe('exceeds_refundable');
  });

  it('a cancellation: refused for a fulfilled order or without the capability; otherwise cancelled and refunded', async () => {
    const unshipped: Order = { ...order, fulfillments: [], fulfillmentStatus: 'unfulfilled' };
    const { service, store, adapter, received } = setup({ capabilities: ['cancellations'], orders: [unshipped] });
    const refused = await caught(() => service.cancelOrder({ order, reason: 'customer', actor: staff, locale: 'tr' }));
    expect(refused.code).toBe('order_not_cancellable');
    expect(adapter.calls).toHaveLength(0);

    const result = await service.cancelOrder({ order: unshipped, reason: 'inventory', actor: staff, locale: 'tr-TR' });
    expect(result).toMatchObject({ outcome: 'cancelled', amount: unshipped.totals.total, replayed: false });
    expect(adapter.calls[0]?.input).toMatchObject({
      orderId: order.id,
      reason: 'inventory',
      refund: true,
      restock: true,
    });
    expect(store.refunds.size).toBe(1);
    expect(received[0]).toMatchObject({
      type: 'order-cancelled',
      payload: { message: '#1001 numaralı siparişiniz iptal edildi. ₺1.350,00 ödeme yönteminize iade edildi.' },
    });

    const without = setup();
    expect(
      (
        await caught(() =>
          without.service.cancelOrder({ order: unshipped, reason: 'customer', actor: staff, locale: 'en' }),
        )
      ).code,
    ).toBe('capability_not_supported');
  });
});

describe('webhooks move cases', () => {
  function refundCreated(
    orderId: string,
    refund: ReturnType<ReturnType<typeof createFakeCommerceAdapter>['adminRefund']>,
  ) {
    return { type: 'refund-created', topic: 'refunds/create', orderId, refund } satisfies CommerceEvent;
  }

  it('a refund made in the admin resolves the open case once, and a later refund() pays nothing', async () => {
    const { service, store, adapter, received, inspected } = setup();
    const opened = await inspected(oneShirt, 'en-GB');
    const amount = opened.decision.refund?.total ?? money(0, 'TRY');
    const event = refundCreated(
      order.id,
      adapter.adminRefund(order.id, amount, [{ lineItemId: 'shirt', quantity: 1 }]),
    );
    const handled = await service.handleCommerceEvent(event);
    expect(handled).toMatchObject({ handled: 'reconciled', caseId: opened.case.id });
    const state = await service.get(opened.case.id);
    expect(state.resolution).toMatchObject({ outcome: 'refunded', amount });
    expect(state.history.at(-1)?.actor).toEqual({ kind: 'platform', id: 'admin' });
    expect(received.at(-1)).toMatchObject({
      type: 'refund-reconciled',
      payload: { message: `We have refunded ${formatMoney(amount, 'en-GB')} for order #1001.` },
    });

    // A redelivery changes nothing; a later refund() returns the reconciled resolution.
    expect(await service.handleCommerceEvent(event)).toMatchObject({ handled: 'ignored', reason: 'known_refund' });
    expect(await service.refund(opened.case.id, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: true,
      refundId: handled.handled === 'reconciled' ? handled.refundId : '',
    });
    expect(adapter.moneyMoves).toHaveLength(0);
    expect(store.refunds.size).toBe(1);
  });

  it('an admin refund before the items are back is recorded; the case resolves with it later, paying nothing', async () => {
    const { service, adapter, store } = setup();
    const opened = await service.request({ order, request: oneShirt, locale: 'tr' });
    const amount = opened.decision.refund?.total ?? money(0, 'TRY');
    const handled = await service.handleCommerceEvent(
      refundCreated(order.id, adapter.adminRefund(order.id, amount, [{ lineItemId: 'shirt', quantity: 1 }])),
    );
    expect(handled).toMatchObject({ handled: 'recorded', caseId: opened.case.id });
    expect((await service.get(opened.case.id)).status).toBe('approved');
    await service.received(opened.case.id, { actor: staff });
    await service.inspect(opened.case.id, [{ lineItemId: 'shirt', quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    const result = await service.refund(opened.case.id, { actor: staff });
    expect(result).toMatchObject({ outcome: 'refunded', replayed: true });
    expect(adapter.moneyMoves).toHaveLength(0);
    expect(store.refunds.size).toBe(1);
  });

  it("aftersale's own refunds are recognised: by platform id, or matched when processing a return did not tell it", async () => {
    const plain = setup();
    const opened = await plain.inspected(oneShirt);
    await plain.service.refund(opened.case.id, { actor: staff });
    const ours = plain.adapter.platformRefunds[0]?.refund;
    if (!ours) throw new Error('no refund on the platform');
    expect(await plain.service.handleCommerceEvent(refundCreated(order.id, ours))).toMatchObject({
      handled: 'ignored',
      reason: 'known_refund',
    });

    const mirrored = setup({ capabilities: ['returns'] });
    const processed = await mirrored.inspected(oneShirt);
    await mirrored.service.refund(processed.case.id, { actor: staff });
    const made = mirrored.adapter.platformRefunds[0]?.refund;
    if (!made) throw new Error('no refund on the platform');
    expect(await mirrored.service.handleCommerceEvent(refundCreated(order.id, made))).toMatchObject({
      handled: 'matched',
      caseId: processed.case.id,
      refundId: 'rfd_case1',
    });
    expect((await mirrored.store.getRefund(shopId, 'rfd_case1'))?.platformRefundId).toBe(made.platformId);
    expect(mirrored.adapter.moneyMoves).toHaveLength(1);
  });

  it('order-updated (how WooCommerce tells of an admin refund) reconciles the unknown refund, leaving ours alone', async () => {
    const { service, adapter, inspected } = setup();
    const ownCase = await inspected(oneShirt);
    await service.refund(ownCase.case.id, { actor: staff });
    const ours = adapter.platformRefunds[0]?.refund;
    if (!ours) throw new Error('no refund on the platform');
    const onlyOurs: CommerceEvent = {
      type: 'order-updated',
      topic: 'order.updated',
      order: { ...order, refunds: [ours] },
    };
    expect(await service.handleCommerceEvent(onlyOurs)).toMatchObject({ handled: 'ignored', reason: 'known_refund' });

    const second = await inspected(oneShirt);
    const amount = second.decision.refund?.total ?? money(0, 'TRY');
    const admin = adapter.adminRefund(order.id, amount, [{ lineItemId: 'shirt', quantity: 1 }]);
    const updated: CommerceEvent = {
      type: 'order-updated',
      topic: 'order.updated',
      order: { ...order, refunds: [ours, admin] },
    };
    expect(await service.handleCommerceEvent(updated)).toMatchObject({ handled: 'reconciled', caseId: second.case.id });
    expect((await service.get(second.case.id)).resolution).toMatchObject({ outcome: 'refunded', amount });
    // Delivered again (WooCommerce sends order.updated on every change): nothing more happens.
    expect(await service.handleCommerceEvent(updated)).toMatchObject({ handled: 'ignored', reason: 'known_refund' });
    expect(adapter.moneyMoves).toHaveLength(1);
  });

  it('an admin refund that does not give back the case lines, or was made before the case, is not the case refund', async () => {
    const { service, adapter, inspected } = setup();
    const opened = await inspected(oneShirt);
    const amount = opened.decision.refund?.total ?? money(0, 'TRY');
    // An amount of goodwill, no lines: not the return's refund.
    expect(await service.handleCommerceEvent(refundCreated(order.id, adapter.adminRefund(order.id, amount)))).toEqual({
      handled: 'ignored',
      caseId: null,
      reason: 'no_matching_case',
    });
    // The same line refunded a week before the case was requested: another story.
    const older = adapter.adminRefund(order.id, amount, [{ lineItemId: 'shirt', quantity: 1 }], '2026-03-03T10:00:00Z');
    expect(await service.handleCommerceEvent(refundCreated(order.id, older))).toMatchObject({
      handled: 'ignored',
      reason: 'no_matching_case',
    });
    // A refund carrying aftersale's mark is aftersale's own, even before its record is written.
    const marked = { ...adapter.adminRefund(order.id, amount, [{ lineItemId: 'shirt', quantity: 1 }]) };
    marked.note = `Return [aftersale:${shopId}:${opened.case.id}:refund]`;
    expect(await service.handleCommerceEvent(refundCreated(order.id, marked))).toMatchObject({
      handled: 'ignored',
      reason: 'money_move_in_progress',
    });
    expect((await service.get(opened.case.id)).resolution).toBeNull();
    // The case's own refund still pays the customer.
    expect(await service.refund(opened.case.id, { actor: staff })).toMatchObject({
      outcome: 'refunded',
      replayed: false,
    });
  });

  it('an admin refund with no open case is ignored', async () => {
    const { service, adapter } = setup();
    expect(
      await service.handleCommerceEvent(refundCreated(order.id, adapter.adminRefund(order.id, money(1000, 'TRY')))),
    ).toEqual({ handled: 'ignored', caseId: null, reason: 'no_open_case' });
  });

  it('return-updated mirrors CANCELED, CLOSED and DECLINED when the lifecycle allows, else only keeps the status', async () => {
    const { service, store, adapter } = setup({ capabilities: ['returns'], routing: { alwaysReview: true } });
    const waiting = await service.request({ order, request: oneShirt, locale: 'en' });
    const returnOf = (id: string | null, status: string) => {
      const found = adapter.platformReturns.get(id ?? '');
      if (!found) throw new Error('no platform return');
      return {
        type: 'return-updated',
        topic: 'returns/cancel',
        returnId: found.id,
        return: { ...found, status },
      } satisfies CommerceEvent;
    };
    expect(await service.handleCommerceEvent(returnOf(waiting.platformReturnId, 'CANCELED'))).toEqual({
      handled: 'moved',
      caseId: waiting.case.id,
      status: 'cancelled',
    });

    const approved = await service.request({ order, request: oneShirt, locale: 'en' });
    await service.approve(approved.case.id, { actor: staff });
    expect(await service.handleCommerceEvent(returnOf(approved.platformReturnId, 'DECLINED'))).toEqual({
      handled: 'ignored',
      caseId: approved.case.id,
      reason: 'invalid_transition',
    });
    expect((await store.getReturnCase(shopId, approved.case.id))?.platformStatus).toBe('DECLINED');
    expect((await service.get(approved.case.id)).status).toBe('approved');

    const done = await service.request({ order, request: oneShirt, locale: 'en' });
    await service.approve(done.case.id, { actor: staff });
    await service.received(done.case.id, { actor: staff });
    await service.inspect(done.case.id, [{ lineItemId: 'shirt', quantity: 1, condition: 'as_expected' }], {
      actor: staff,
    });
    await service.refund(done.case.id, { actor: staff });
    expect(await service.handleCommerceEvent(returnOf(done.platformReturnId, 'CLOSED'))).toMatchObject({
      handled: 'moved',
      status: 'closed',
    });
    expect(await service.handleCommerceEvent({ type: 'webhook-ignored', topic: 'app/uninstalled' })).toEqual({
      handled: 'ignored',
      caseId: null,
      reason: 'not_about_returns',
    });
  });
});

describe('shipping back', () => {
  it('the manual provider records the carrier and tracking the merchant enters, designated by the shop setting', async () => {
    const { service } = setup();
    const labelled = await service.request({ order, request: oneShirt, locale: 'tr' });
    const state = await service.issueLabel(labelled.case.id, { actor: staff });
    expect(state.shipment).toEqual({
      stage: 'label_issued',
      carrier: 'Yurtiçi Kargo',
      trackingNumber: 'YK42',
      designated: true,
      provider: 'manual',
    });
    const moving = await service.tracking(labelled.case.id, {
      stage: 'in_transit',
      at: '2026-03-11T10:00:00Z',
      trackingNumber: 'YK43',
    });
    expect(moving.shipment).toMatchObject({ stage: 'in_transit', trackingNumber: 'YK43', designated: true });

    const own = createManualReturnShipping(() => ({ carrier: 'aras  kargo' }), { designatedCarrier: 'Yurtiçi Kargo' });
    const input = { shopId, caseId: 'ret_1', orderId: order.id, lines: [] };
    expect(await own.createLabel(input)).toMatchObject({ carrier: 'aras  kargo', designated: false });
    expect(own.designatedCarrier).toBe('Yurtiçi Kargo');
    const same = createManualReturnShipping(() => ({ carrier: 'YURTİÇİ  KARGO' }), {
      designatedCarrier: 'Yurtiçi Kargo',
    });
    expect((await same.createLabel(input)).designated).toBe(true);
    const unknown = createManualReturnShipping(() => ({ carrier: 'PTT Kargo' }));
    await expect(unknown.createLabel(input)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
