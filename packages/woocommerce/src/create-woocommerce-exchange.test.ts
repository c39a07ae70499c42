import { type ExchangeInput, money } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatedTurkishShop, emulatedTurkishShop } from '../test/emulated-tr-shop.js';
import { createWooCommerceAdapter } from './create-woocommerce-adapter.js';

let shop: EmulatedTurkishShop | undefined;
afterEach(async () => {
  await shop?.emulator.close();
  shop = undefined;
});

async function setup() {
  shop = await emulatedTurkishShop({ gatewayRefunds: true });
  return shop;
}

/** The T-shirt S of the card order (200.00 + 40.00 KDV) back, for `variant` instead. */
const exchangeOf = (s: EmulatedTurkishShop, variant: 'medium' | 'set', overrides: Partial<ExchangeInput> = {}) => ({
  orderId: s.cardOrderId,
  returnLines: [{ lineItemId: s.cardOrderLines[0] ?? '', quantity: 1, reason: 'wrong_size' }],
  newLines: [{ variantId: String(s.products[variant].id), quantity: 1 }],
  ...overrides,
});

const replacements = (s: EmulatedTurkishShop) =>
  [...s.emulator.shop.orders.values()].filter((order) => order.parent_id === s.cardOrder.id);
const refunds = (s: EmulatedTurkishShop) => s.emulator.shop.orderRefunds(s.cardOrder.id as number);

describe('exchanges.create', () => {
  it('for a dearer size: a pending replacement order credited with the return, its payment link due', async () => {
    const s = await setup();
    const result = await s.adapter.exchanges.create(exchangeOf(s, 'medium'), { idempotencyKey: 'ret_9:exchange' });
    if (result.outcome !== 'created') throw new Error(`not created: ${JSON.stringify(result)}`);
    const [replacement] = replacements(s);
    const replacementId = String(replacement?.id);
    // 240.00 back, 264.00 out (220.00 + 44.00 KDV): 24.00 to pay.
    expect(result).toMatchObject({
      replayed: false,
      exchange: {
        id: replacementId,
        orderId: s.cardOrderId,
        newOrderId: replacementId,
        returnedValue: money(24000, 'TRY'),
        newItemsValue: money(26400, 'TRY'),
        difference: money(2400, 'TRY'),
        settlement: {
          kind: 'payment_due',
          amount: money(2400, 'TRY'),
          paymentUrl: expect.stringContaining(`/checkout/order-pay/${replacementId}/`),
        },
      },
    });
    const [orderPost] = s.sent('POST', /^orders$/);
    expect(orderPost?.body).toEqual({
      parent_id: s.cardOrder.id,
      customer_id: s.customer.id,
      currency: 'TRY',
      status: 'pending',
      set_paid: false,
      payment_method: 'emulated_card',
      billing: s.cardOrder.billing,
      shipping: s.cardOrder.shipping,
      line_items: [{ product_id: s.products.shirt.id, variation_id: s.products.medium.id, quantity: 1 }],
      meta_data: [
        { key: '_aftersale_idempotency_key', value: 'ret_9:exchange' },
        { key: '_aftersale_exchange_of', value: s.cardOrderId },
        {
          key: '_aftersale_returned_lines',
          value: JSON.stringify([{ lineItemId: s.cardOrderLines[0], quantity: 1, reason: 'wrong_size' }]),
        },
        { key: '_aftersale_returned_value', value: '240.00' },
      ],
    });
    const [feePut] = s.sent('PUT', /^orders\/\d+$/);
    expect(feePut?.body).toEqual({
      fee_lines: [
        {
          name: 'Exchange credit',
          tax_status: 'taxable',
          tax_class: '',
          total: '-200.00',
          meta_data: [{ key: '_aftersale_exchange_fee', value: 'credit' }],
        },
      ],
      meta_data: [{ key: '_aftersale_exchange_settled', value: 'yes' }],
    });
    expect(replacement).toMatchObject({ status: 'pending', total: '24.00', total_tax: '4.00', needs_payment: true });
    expect(refunds(s)).toHaveLength(0);
    // Read back through the adapter: the credit is a negative fee, tax included.
    const read = await s.adapter.getOrder(replacementId);
    expect(read?.totals.total).toEqual(money(2400, 'TRY'));
    expect(read?.feeLines.map((fee) => [fee.title, fee.amount])).toEqual([['Exchange credit', money(-20000, 'TRY')]]);
    // The same key again: the same exchange, nothing new.
    const again = await s.adapter.exchanges.create(exchangeOf(s, 'medium'), { idempotencyKey: 'ret_9:exchange' });
    expect(again).toEqual({ ...result, replayed: true });
    expect(replacements(s)).toHaveLength(1);
    expect(s.sent('PUT', /^orders\/\d+$/)).toHaveLength(1);
  });

  it('for a cheaper item: the replacement is paid by the credit and one refund sends the difference back', async () => {
    const s = await setup();
    const result = await s.adapter.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'ret_10:exchange' });
    if (result.outcome !== 'created') throw new Error(`not created: ${JSON.stringify(result)}`);
    const [refund] = refunds(s);
    expect(result.exchange).toMatchObject({
      returnedValue: money(24000, 'TRY'),
      newItemsValue: money(12000, 'TRY'),
      difference: money(-12000, 'TRY'),
      settlement: { kind: 'refunded', amount: money(12000, 'TRY'), platformRefundId: String(refund?.id) },
    });
    expect(replacements(s)[0]).toMatchObject({ status: 'processing', total: '0.00', needs_payment: false });
    expect(s.sent('PUT', /^orders\/\d+$/)[0]?.body).toMatchObject({ set_paid: true });
    // One refund on the original: the returned T-shirt at its full value, restocked; 120.00 moved by the gateway.
    expect(refunds(s)).toHaveLength(1);
    expect(s.sent('POST', /refunds$/)[0]?.body).toEqual({
      amount: '120.00',
      reason: `Exchange for order #${result.exchange.id}: 240.00 returned, 120.00 credited, 120.00 refunded [aftersale:ret_10:exchange]`,
      api_refund: true,
      api_restock: true,
      line_items: [
        {
          id: Number(s.cardOrderLines[0]),
          quantity: 1,
          refund_total: '200.00',
          refund_tax: [{ id: 1, refund_total: '40.00' }],
        },
      ],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_10:exchange' }],
    });
    expect(refund?.refunded_payment).toBe(true);
    expect(s.emulator.shop.restocked.get(s.products.small.id as number)).toBe(1);
    expect(await s.adapter.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'ret_10:exchange' })).toEqual({
      ...result,
      replayed: true,
    });
    expect(refunds(s)).toHaveLength(1);
    expect(replacements(s)).toHaveLength(1);
  });

  it('absorbs what the customer owes, or keeps what the shop owes, when the settlement says so', async () => {
    const s = await setup();
    const absorbed = await s.adapter.exchanges.create(
      exchangeOf(s, 'medium', { settlement: { customerOwes: 'absorb', shopOwes: 'refund' } }),
      { idempotencyKey: 'absorb' },
    );
    expect(absorbed).toMatchObject({
      outcome: 'created',
      exchange: { difference: money(2400, 'TRY'), settlement: { kind: 'absorbed', amount: money(2400, 'TRY') } },
    });
    const waived = replacements(s)[0];
    expect(waived).toMatchObject({ status: 'processing', total: '0.00' });
    const fees = (waived?.fee_lines ?? []) as { name: string; total: string }[];
    expect(fees.map((fee) => [fee.name, fee.total])).toEqual([
      ['Exchange credit', '-200.00'],
      ['Exchange difference waived', '-20.00'],
    ]);
    const kept = await s.adapter.exchanges.create(
      exchangeOf(s, 'set', { settlement: { customerOwes: 'charge', shopOwes: 'keep' } }),
      { idempotencyKey: 'keep' },
    );
    expect(kept).toMatchObject({
      outcome: 'created',
      exchange: { difference: money(-12000, 'TRY'), settlement: { kind: 'kept', amount: money(12000, 'TRY') } },
    });
    expect(refunds(s)).toHaveLength(0);
  });

  it('refuses a variant WooCommerce does not have, before anything is written', async () => {
    const s = await setup();
    const result = await s.adapter.exchanges.create(
      exchangeOf(s, 'set', { newLines: [{ variantId: '99999', quantity: 1 }] }),
      { idempotencyKey: 'unknown-variant' },
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      userErrors: [{ field: 'newLines.0.variantId', code: 'not_found' }],
    });
    expect(s.emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
    // The refusal is final for the key.
    expect(
      await s.adapter.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'unknown-variant' }).catch((e) => e),
    ).toMatchObject({ code: 'idempotency_conflict' });
    await expect(
      s.adapter.exchanges.create(exchangeOf(s, 'set', { newLines: [] }), { idempotencyKey: 'empty' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    // A line the order does not have, or more units than it has, is bad input: thrown, and final for its key.
    const wrongLine = exchangeOf(s, 'set', { returnLines: [{ lineItemId: '999', quantity: 1, reason: 'other' }] });
    await expect(s.adapter.exchanges.create(wrongLine, { idempotencyKey: 'wrong-line' })).rejects.toMatchObject({
      code: 'unknown_line_item',
    });
    expect((await s.store.getIdempotencyEntry(s.adapter.shopId, 'wrong-line'))?.state).toBe('failed');
    const tooMany = exchangeOf(s, 'set', {
      returnLines: [{ lineItemId: s.cardOrderLines[0] ?? '', quantity: 2, reason: 'other' }],
    });
    await expect(s.adapter.exchanges.create(tooMany, { idempotencyKey: 'too-many' })).rejects.toMatchObject({
      code: 'exceeds_refundable',
    });
    expect(s.emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  const faults = [
    {
      name: 'replacement order created, answer lost',
      fault: { kind: 'reset-after-write', method: 'POST', path: /^orders$/ },
    },
    { name: '503 on the replacement order', fault: { kind: 'status', status: 503, method: 'POST', path: /^orders$/ } },
    { name: 'credit applied, answer lost', fault: { kind: 'reset-after-write', method: 'PUT', path: /^orders\/\d+$/ } },
    { name: '503 on the credit', fault: { kind: 'status', status: 503, method: 'PUT', path: /^orders\/\d+$/ } },
    { name: 'refund made, answer lost', fault: { kind: 'reset-after-write', method: 'POST', path: /refunds$/ } },
    { name: '503 on the refund', fault: { kind: 'status', status: 503, method: 'POST', path: /refunds$/ } },
  ] as const;
  it.each(faults)('ends with one replacement order, one credit and one refund under a $name', async ({ fault }) => {
    const s = await setup();
    s.emulator.injectFault(fault);
    const result = await s.adapter.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'faulty' });
    expect(result).toMatchObject({
      outcome: 'created',
      exchange: { settlement: { kind: 'refunded', amount: money(12000, 'TRY') } },
    });
    expect(s.emulator.pendingFaults()).toEqual([]);
    const [replacement, ...others] = replacements(s);
    expect(others).toHaveLength(0);
    expect(replacement?.fee_lines).toHaveLength(1);
    expect(replacement).toMatchObject({ status: 'processing', total: '0.00' });
    expect(refunds(s)).toHaveLength(1);
    expect(await s.adapter.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'faulty' })).toMatchObject({
      outcome: 'created',
      replayed: true,
    });
    expect(replacements(s)).toHaveLength(1);
    expect(refunds(s)).toHaveLength(1);
  });

  it('finds a half-done exchange on WooCommerce without a ledger and finishes it', async () => {
    const s = await setup();
    const bare = createWooCommerceAdapter({
      url: s.emulator.url,
      consumerKey: s.emulator.consumerKey,
      consumerSecret: s.emulator.consumerSecret,
      gatewayRefunds: true,
      retry: { attempts: 1 },
    });
    // The credit is never answered: the replacement order exists, uncredited.
    s.emulator.injectFault({ kind: 'status', status: 502, method: 'PUT', path: /^orders\/\d+$/ });
    await expect(bare.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'resume' })).rejects.toMatchObject({
      code: 'platform_unavailable',
    });
    expect(replacements(s)).toHaveLength(1);
    expect(replacements(s)[0]).toMatchObject({ status: 'pending', fee_lines: [] });
    const result = await bare.exchanges.create(exchangeOf(s, 'set'), { idempotencyKey: 'resume' });
    expect(result).toMatchObject({
      outcome: 'created',
      replayed: false,
      exchange: { id: String(replacements(s)[0]?.id) },
    });
    expect(replacements(s)).toHaveLength(1);
    expect(replacements(s)[0]).toMatchObject({ status: 'processing', total: '0.00' });
    expect(refunds(s)).toHaveLength(1);
  });
});
