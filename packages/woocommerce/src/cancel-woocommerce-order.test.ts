import { money } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatedTurkishShop, emulatedTurkishShop } from '../test/emulated-tr-shop.js';
import { createWooCommerceAdapter } from './create-woocommerce-adapter.js';

let shop: EmulatedTurkishShop | undefined;
afterEach(async () => {
  await shop?.emulator.close();
  shop = undefined;
});

async function setup(...args: Parameters<typeof emulatedTurkishShop>) {
  shop = await emulatedTurkishShop(...args);
  return shop;
}

const refunds = (s: EmulatedTurkishShop, orderId = s.orderId) => s.emulator.shop.orderRefunds(Number(orderId));
const statusOf = (s: EmulatedTurkishShop, orderId = s.orderId) => s.emulator.shop.orders.get(Number(orderId))?.status;

describe('cancelOrder', () => {
  it('refunds what is left, restocking every unit, then cancels; cancelledAt is the cancelled order’s last change', async () => {
    const s = await setup();
    const result = await s.adapter.cancelOrder(
      { orderId: s.orderId, reason: 'customer', note: 'Customer asked by phone' },
      { idempotencyKey: 'cancel:1' },
    );
    if (result.outcome !== 'cancelled') throw new Error(`not cancelled: ${JSON.stringify(result)}`);
    const [refund] = refunds(s);
    expect(result).toMatchObject({
      refunded: money(34778, 'TRY'),
      platformRefundId: String(refund?.id),
      replayed: false,
      order: { financialStatus: 'voided', source: { rawStatus: { order: 'cancelled' } } },
    });
    expect(s.sent('POST', /refunds$/)[0]?.body).toEqual({
      amount: '347.78',
      reason: 'Customer asked by phone [aftersale:cancel:1]',
      api_refund: false,
      api_restock: true,
      line_items: [
        { id: 1, quantity: 2, refund_total: '180.00', refund_tax: [{ id: 1, refund_total: '36.00' }] },
        { id: 2, quantity: 1, refund_total: '65.25', refund_tax: [{ id: 2, refund_total: '6.53' }] },
        { id: 3, quantity: 0, refund_total: '50.00', refund_tax: [{ id: 1, refund_total: '10.00' }] },
      ],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'cancel:1' }],
    });
    expect(s.sent('PUT', /^orders\/\d+$/).map((request) => request.body)).toEqual([
      { status: 'cancelled', meta_data: [{ key: '_aftersale_cancel_key', value: 'cancel:1' }] },
    ]);
    expect(statusOf(s)).toBe('cancelled');
    const raw = s.emulator.shop.orders.get(Number(s.orderId));
    expect(result.order.cancelledAt).toBe(`${raw?.date_modified_gmt as string}Z`);
    expect(s.emulator.shop.notes.get(Number(s.orderId))?.[0]).toMatchObject({
      note: 'Customer asked by phone',
      customer_note: false,
    });
    expect(s.emulator.shop.restocked.get(s.products.set.id as number)).toBe(2);
    // Again: the same cancellation, nothing moves.
    const again = await s.adapter.cancelOrder(
      { orderId: s.orderId, reason: 'customer', note: 'Customer asked by phone' },
      { idempotencyKey: 'cancel:1' },
    );
    expect(again).toMatchObject({ outcome: 'cancelled', replayed: true, refunded: money(34778, 'TRY') });
    expect(refunds(s)).toHaveLength(1);
    expect(s.sent('PUT', /^orders\/\d+$/)).toHaveLength(1);
  });

  it('refunds only what remains after earlier refunds', async () => {
    const s = await setup();
    await s.adapter.createRefund(
      {
        orderId: s.orderId,
        currency: 'TRY',
        lines: [{ lineItemId: '1', quantity: 1, amount: money(9000, 'TRY'), tax: money(1800, 'TRY') }],
        total: money(10800, 'TRY'),
      },
      { idempotencyKey: 'earlier' },
    );
    const result = await s.adapter.cancelOrder({ orderId: s.orderId, reason: 'inventory' }, { idempotencyKey: 'c' });
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: money(23978, 'TRY') });
    expect(refunds(s)).toHaveLength(2);
    const second = s.sent('POST', /refunds$/)[1]?.body as { line_items: { quantity: number }[] } | undefined;
    expect(second?.line_items.map((line) => line.quantity)).toEqual([1, 1, 0]);
  });

  it('refuses a shipped (completed) order, and nothing is written', async () => {
    const s = await setup();
    s.emulator.shop.updateOrder(Number(s.orderId), { status: 'completed' });
    const result = await s.adapter.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'late' });
    expect(result).toMatchObject({
      outcome: 'rejected',
      userErrors: [{ field: 'orderId', code: 'order_shipped', message: expect.stringContaining('completed') }],
    });
    expect(s.emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
    expect(
      await s.adapter.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'late' }),
    ).toMatchObject({
      outcome: 'rejected',
    });
    expect(
      await s.adapter.cancelOrder({ orderId: '99999', reason: 'customer' }, { idempotencyKey: 'none' }),
    ).toMatchObject({ outcome: 'rejected', userErrors: [{ code: 'not_found' }] });
    expect(statusOf(s)).toBe('completed');
  });

  it('cancels without a refund when asked, and refuses an order someone else cancelled', async () => {
    const s = await setup();
    const result = await s.adapter.cancelOrder(
      { orderId: s.orderId, reason: 'fraud', refund: false },
      { idempotencyKey: 'no-refund' },
    );
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: money(0, 'TRY'), platformRefundId: null });
    expect(refunds(s)).toHaveLength(0);
    s.emulator.shop.updateOrder(s.cardOrder.id as number, { status: 'cancelled' });
    expect(
      await s.adapter.cancelOrder({ orderId: s.cardOrderId, reason: 'customer' }, { idempotencyKey: 'other' }),
    ).toMatchObject({ outcome: 'rejected', userErrors: [{ code: 'order_cancelled' }] });
  });

  it('refunds through the gateway when gatewayRefunds is on', async () => {
    const s = await setup({ gatewayRefunds: true });
    const result = await s.adapter.cancelOrder(
      { orderId: s.cardOrderId, reason: 'customer' },
      { idempotencyKey: 'gw' },
    );
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: money(42000, 'TRY') });
    expect(refunds(s, s.cardOrderId)[0]?.refunded_payment).toBe(true);
  });

  const faults = [
    { name: 'refund made, answer lost', fault: { kind: 'reset-after-write', method: 'POST', path: /refunds$/ } },
    { name: '503 on the refund', fault: { kind: 'status', status: 503, method: 'POST', path: /refunds$/ } },
    { name: 'cancelled, answer lost', fault: { kind: 'reset-after-write', method: 'PUT', path: /^orders\/\d+$/ } },
    { name: '503 on the cancellation', fault: { kind: 'status', status: 503, method: 'PUT', path: /^orders\/\d+$/ } },
  ] as const;
  it.each(faults)('ends with one refund and one cancellation under a $name', async ({ fault }) => {
    const s = await setup();
    s.emulator.injectFault(fault);
    const result = await s.adapter.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'f' });
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: money(34778, 'TRY') });
    expect(s.emulator.pendingFaults()).toEqual([]);
    expect(refunds(s)).toHaveLength(1);
    expect(statusOf(s)).toBe('cancelled');
    const statusNotes = (s.emulator.shop.notes.get(Number(s.orderId)) ?? []).filter((note) =>
      String(note.note).endsWith('to Cancelled.'),
    );
    expect(statusNotes).toHaveLength(1);
    expect(
      await s.adapter.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'f' }),
    ).toMatchObject({ outcome: 'cancelled', replayed: true });
    expect(refunds(s)).toHaveLength(1);
  });

  it('finds its cancellation on WooCommerce without a ledger', async () => {
    const s = await setup();
    const bare = createWooCommerceAdapter({
      url: s.emulator.url,
      consumerKey: s.emulator.consumerKey,
      consumerSecret: s.emulator.consumerSecret,
    });
    const first = await bare.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'nl' });
    const second = await bare.cancelOrder({ orderId: s.orderId, reason: 'customer' }, { idempotencyKey: 'nl' });
    expect(first).toMatchObject({ outcome: 'cancelled', replayed: false });
    expect(second).toMatchObject({ outcome: 'cancelled', replayed: true, refunded: money(34778, 'TRY') });
    expect(refunds(s)).toHaveLength(1);
  });
});
