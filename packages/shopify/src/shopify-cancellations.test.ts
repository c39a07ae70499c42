import { createMemoryStore } from '@aftersale/storage';
import type { ShopifyEmulatorFault } from '@aftersale/testkit/emulators';
import { describe, expect, it } from 'vitest';
import { canonicalShop, emulatorWithAdapter, sent } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';

describe('cancellations', async () => {
  // Shopify's cancel job takes 3 s on the emulator's clock.
  const { emulator, clock } = await emulatorWithAdapter({ orderCancelDurationMs: 3000 });
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const guarded = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    random: () => 0.5,
    store,
    cancelPollIntervalMs: 1000,
  });
  const shop = canonicalShop(emulator);
  const order = (id: string) => {
    const found = emulator.state.orders.get(id);
    if (!found) throw new Error(`no order ${id}`);
    return found;
  };
  // The USD order was paid 47.88 and refunded 21.44 before: 26.44 is left.
  const cancelRefunds = (id: string) => order(id).refunds.slice(1);

  it('cancels an unshipped order, waits for the job on the clock, and refunds what is left', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    const slept = clock.slept;
    const result = await guarded.cancelOrder(
      { orderId: id, reason: 'customer', note: 'Case ret_11', notifyCustomer: true },
      { idempotencyKey: 'cancel:ret_11' },
    );
    if (result.outcome !== 'cancelled') throw new Error(JSON.stringify(result));
    expect(result).toMatchObject({
      refunded: { amount: 2644, currency: 'USD' },
      platformRefundId: cancelRefunds(id)[0]?.id,
      replayed: false,
      idempotencyKey: 'cancel:ret_11',
      order: { id, cancelledAt: expect.any(String), financialStatus: 'refunded' },
    });
    expect(clock.slept - slept).toBeGreaterThanOrEqual(3000);
    expect(sent(emulator, 'AftersaleOrderCancel').at(-1)?.variables).toEqual({
      orderId: id,
      reason: 'CUSTOMER',
      restock: true,
      notifyCustomer: true,
      refundMethod: { originalPaymentMethodsRefund: true },
      staffNote: 'Case ret_11 [aftersale:cancel:ret_11]',
    });
    expect(cancelRefunds(id)).toEqual([
      expect.objectContaining({
        total: 2644,
        lines: [expect.objectContaining({ quantity: 1, restockType: 'CANCEL' })],
        shipping: { subtotal: 500, tax: 0 },
      }),
    ]);
    expect(order(id).cancelReason).toBe('CUSTOMER');
  });

  it('maps the reason, and refunds nothing when told not to', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    const result = await guarded.cancelOrder(
      { orderId: id, reason: 'inventory', refund: false, restock: false },
      { idempotencyKey: `cancel:${id}` },
    );
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: { amount: 0, currency: 'USD' } });
    expect(sent(emulator, 'AftersaleOrderCancel').at(-1)?.variables).toMatchObject({
      reason: 'INVENTORY',
      restock: false,
      refundMethod: { originalPaymentMethodsRefund: false },
    });
    expect(order(id).transactions.filter((entry) => entry.kind === 'REFUND')).toHaveLength(1);
  });

  it('refuses an order with fulfilled lines before sending anything, and again under its key', async () => {
    const { id } = shop.fresh('ord_canon_jpy');
    const calls = sent(emulator, 'AftersaleOrderCancel').length;
    const first = await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: `cancel:${id}` });
    expect(first).toEqual({
      outcome: 'rejected',
      userErrors: [
        {
          field: 'orderId',
          message: `Order ${id} has fulfilled lines; return them instead of cancelling the order`,
          code: 'fulfilled',
        },
      ],
      idempotencyKey: `cancel:${id}`,
    });
    expect(await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: `cancel:${id}` })).toEqual(
      first,
    );
    expect(sent(emulator, 'AftersaleOrderCancel')).toHaveLength(calls);
    expect(order(id).cancelledAt).toBeNull();
  });

  it('refuses an order cancelled already under another key', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    expect(
      (await guarded.cancelOrder({ orderId: id, reason: 'fraud' }, { idempotencyKey: `cancel:${id}:a` })).outcome,
    ).toBe('cancelled');
    expect(
      await guarded.cancelOrder({ orderId: id, reason: 'fraud' }, { idempotencyKey: `cancel:${id}:b` }),
    ).toMatchObject({
      outcome: 'rejected',
      userErrors: [{ field: 'orderId', code: 'already_cancelled' }],
    });
    expect(cancelRefunds(id)).toHaveLength(1);
  });

  it('answers in_progress while the job outlasts its polling, then the cancel under the same key', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    const impatient = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      clock,
      store,
      cancelPollIntervalMs: 500,
      cancelPollAttempts: 2,
    });
    const key = `cancel:${id}`;
    expect(await impatient.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key })).toEqual({
      outcome: 'in_progress',
      idempotencyKey: key,
    });
    clock.advance(5000);
    const result = await impatient.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key });
    expect(result).toMatchObject({ outcome: 'cancelled', refunded: { amount: 2644, currency: 'USD' } });
    expect(sent(emulator, 'AftersaleOrderCancel').filter((document) => document.variables.orderId === id)).toHaveLength(
      1,
    );
    expect(cancelRefunds(id)).toHaveLength(1);
  });

  const faults: [string, ShopifyEmulatorFault[]][] = [
    ['a reset after the cancel was accepted', [{ kind: 'reset-after-write', operation: 'AftersaleOrderCancel' }]],
    ['a 503 on orderCancel', [{ kind: 'http-error', status: 503, operation: 'AftersaleOrderCancel' }]],
    ['a dropped connection before orderCancel', [{ kind: 'connection-reset', operation: 'AftersaleOrderCancel' }]],
    ['a THROTTLED orderCancel', [{ kind: 'throttled', operation: 'AftersaleOrderCancel' }]],
    [
      'a lost cancel, then a 500 on the look',
      [
        { kind: 'reset-after-write', operation: 'AftersaleOrderCancel' },
        { kind: 'http-error', status: 500, operation: 'AftersaleOrderCancelled' },
      ],
    ],
  ];
  for (const [name, injected] of faults) {
    it(`ends with exactly one cancel and one refund after ${name}`, async () => {
      const { id } = shop.fresh('ord_canon_usd');
      const key = `cancel:${id}`;
      emulator.injectFault(...injected);
      const first = await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key });
      expect(first).toMatchObject({ outcome: 'cancelled', refunded: { amount: 2644, currency: 'USD' } });
      expect(emulator.pendingFaults()).toBe(0);
      await emulator.flushRequests();
      expect(cancelRefunds(id)).toHaveLength(1);
      expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
      const again = await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key });
      expect(again).toMatchObject({ outcome: 'cancelled', replayed: true, refunded: { amount: 2644 } });
      expect(cancelRefunds(id)).toHaveLength(1);
    });
  }

  it('reconciles a worker killed after Shopify took the cancel, without cancelling again', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    const key = `cancel:${id}:killed`;
    const dying = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      clock,
      store: {
        ...store,
        recordIdempotencyOutcome: async (entry) => {
          if (entry.key.startsWith(key) && entry.state !== 'pending') throw new Error('worker killed');
          return store.recordIdempotencyOutcome(entry);
        },
      },
    });
    await expect(dying.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key })).rejects.toThrow(
      'worker killed',
    );
    expect(await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key })).toEqual({
      outcome: 'in_progress',
      idempotencyKey: key,
    });
    clock.advance(200_000);
    const result = await guarded.cancelOrder({ orderId: id, reason: 'customer' }, { idempotencyKey: key });
    expect(result).toMatchObject({ outcome: 'cancelled', replayed: true, refunded: { amount: 2644 } });
    expect(sent(emulator, 'AftersaleOrderCancel').filter((document) => document.variables.orderId === id)).toHaveLength(
      1,
    );
    expect(cancelRefunds(id)).toHaveLength(1);
  });
});
