import { computeRefund, type StoreCreditPlan } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import type { ShopifyEmulatorFault } from '@aftersale/testkit/emulators';
import { describe, expect, it } from 'vitest';
import { canonicalShop, emulatorWithAdapter, sent } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';

describe('store credit', async () => {
  const { emulator, adapter, clock } = await emulatorWithAdapter();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const guarded = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    random: () => 0.5,
    store,
  });
  const shop = canonicalShop(emulator);
  const mehmet = shop.customers.get('cus_canon_mehmet') ?? '';

  /** A fresh TRY order and a plan crediting one mug (270.00) with a 10 % bonus (27.00). */
  async function mugPlan(bonus = 2700): Promise<StoreCreditPlan> {
    const seeded = shop.fresh('ord_canon_try');
    const order = await adapter.getOrder(seeded.id);
    if (!order) throw new Error('TRY order not read');
    const refund = computeRefund(order, {
      lines: [{ lineItemId: seeded.lineIds.line_canon_try_mug ?? '', quantity: 1 }],
    });
    return {
      orderId: order.id,
      customerId: mehmet,
      currency: 'TRY',
      lines: refund.lines,
      total: refund.total,
      bonus: { amount: bonus, currency: 'TRY' },
    };
  }
  const refundsOn = (orderId: string) => emulator.state.orders.get(orderId)?.refunds ?? [];
  const movements = () =>
    (emulator.state.customers.get(mehmet)?.storeCreditAccounts ?? []).flatMap((account) => account.transactions);
  const credits = () => movements().filter((entry) => entry.event === 'ADJUSTMENT');

  it('refunds the lines to store credit and credits the bonus to the customer account', async () => {
    const plan = await mugPlan();
    const before = movements().length;
    const result = await guarded.storeCredit.issue(
      { ...plan, expiresAt: '2027-11-01T00:00:00Z', note: 'Return case ret_7' },
      { idempotencyKey: 'credit:ret_7' },
    );
    if (result.outcome !== 'issued') throw new Error(JSON.stringify(result));
    expect(result).toMatchObject({ replayed: false, idempotencyKey: 'credit:ret_7' });
    expect(result.credit).toMatchObject({
      amount: { amount: 29700, currency: 'TRY' },
      code: null,
      expiresAt: '2027-11-01T00:00:00Z',
    });
    const [refund] = refundsOn(plan.orderId);
    expect(refundsOn(plan.orderId)).toHaveLength(1);
    expect(result.credit.platformRefundId).toBe(refund?.id);
    const refundCreate = sent(emulator, 'AftersaleRefundCreate').at(-1);
    expect(refundCreate?.variables).toMatchObject({
      key: 'credit:ret_7',
      input: {
        orderId: plan.orderId,
        note: 'Return case ret_7 [aftersale:credit:ret_7]',
        transactions: [],
        refundMethods: [
          {
            storeCreditRefund: { amount: { amount: '270.00', currencyCode: 'TRY' }, expiresAt: '2027-11-01T00:00:00Z' },
          },
        ],
      },
    });
    expect(sent(emulator, 'AftersaleStoreCreditCredit').at(-1)?.variables).toEqual({
      id: mehmet,
      creditInput: {
        creditAmount: { amount: '27.00', currencyCode: 'TRY' },
        expiresAt: '2027-11-01T00:00:00Z',
        notify: false,
      },
    });
    const added = movements().slice(before);
    expect(added.map((entry) => [entry.event, entry.amount])).toEqual([
      ['ORDER_REFUND', 27000],
      ['ADJUSTMENT', 2700],
    ]);
    expect(result.credit.platformCreditId).toBe(added[1]?.id);
  });

  it('credits a bonus alone when the plan gives back no lines', async () => {
    const plan = await mugPlan();
    const result = await guarded.storeCredit.issue(
      { ...plan, lines: [], total: { amount: 0, currency: 'TRY' }, bonus: { amount: 1500, currency: 'TRY' } },
      { idempotencyKey: 'credit:goodwill' },
    );
    expect(result).toMatchObject({
      outcome: 'issued',
      credit: { amount: { amount: 1500, currency: 'TRY' }, platformRefundId: null },
    });
    expect(refundsOn(plan.orderId)).toHaveLength(0);
  });

  it('answers a refusal as a rejected result, and again under its key without calling Shopify', async () => {
    const seeded = shop.fresh('ord_canon_usd');
    const order = await adapter.getOrder(seeded.id);
    if (!order) throw new Error('USD order not read');
    const refund = computeRefund(order, {
      lines: [{ lineItemId: seeded.lineIds.line_canon_usd_candle ?? '', quantity: 1 }],
    });
    // A guest order: Shopify has no customer to hold the credit.
    const plan: StoreCreditPlan = {
      orderId: order.id,
      customerId: mehmet,
      currency: 'USD',
      lines: refund.lines,
      total: refund.total,
    };
    const first = await guarded.storeCredit.issue(plan, { idempotencyKey: 'credit:guest' });
    expect(first).toEqual({
      outcome: 'rejected',
      userErrors: [
        {
          field: 'refundMethods.0.storeCreditRefund',
          message: 'Store credit can only be refunded to an order with a customer',
          code: null,
        },
      ],
      idempotencyKey: 'credit:guest',
    });
    const calls = sent(emulator, 'AftersaleRefundCreate').length;
    expect(await guarded.storeCredit.issue(plan, { idempotencyKey: 'credit:guest' })).toEqual(first);
    expect(sent(emulator, 'AftersaleRefundCreate')).toHaveLength(calls);
    // Only the refund the order was seeded with.
    expect(refundsOn(order.id)).toHaveLength(1);
  });

  it('refuses a plan that does not add up, a bonus in another currency, or an expiry in the past', async () => {
    const plan = await mugPlan();
    const calls = emulator.documents.length;
    await expect(
      adapter.storeCredit.issue({ ...plan, total: { amount: 1, currency: 'TRY' } }, { idempotencyKey: 'x:1' }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'total' })] });
    await expect(
      adapter.storeCredit.issue({ ...plan, bonus: { amount: 100, currency: 'EUR' } }, { idempotencyKey: 'x:2' }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'bonus', message: expect.any(String) }] });
    await expect(
      adapter.storeCredit.issue({ ...plan, expiresAt: '2020-01-01T00:00:00Z' }, { idempotencyKey: 'x:3' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
    expect(emulator.documents.length).toBe(calls);
  });

  const faults: [string, ShopifyEmulatorFault[]][] = [
    ['a reset after the refund was applied', [{ kind: 'reset-after-write', operation: 'AftersaleRefundCreate' }]],
    ['a reset after the credit was applied', [{ kind: 'reset-after-write', operation: 'AftersaleStoreCreditCredit' }]],
    ['a 503 on the credit', [{ kind: 'http-error', status: 503, operation: 'AftersaleStoreCreditCredit' }]],
    ['a dropped connection before the credit', [{ kind: 'connection-reset', operation: 'AftersaleStoreCreditCredit' }]],
    ['a THROTTLED credit', [{ kind: 'throttled', operation: 'AftersaleStoreCreditCredit' }]],
    [
      'a lost credit, then a 500 on the look',
      [
        { kind: 'reset-after-write', operation: 'AftersaleStoreCreditCredit' },
        { kind: 'http-error', status: 500, operation: 'AftersaleCustomerStoreCredit' },
      ],
    ],
  ];
  for (const [name, injected] of faults) {
    it(`ends with exactly one refund and one bonus credit after ${name}`, async () => {
      const plan = await mugPlan();
      const before = credits().length;
      const key = `credit:${plan.orderId}`;
      emulator.injectFault(...injected);
      const first = await guarded.storeCredit.issue(plan, { idempotencyKey: key });
      expect(first).toMatchObject({ outcome: 'issued', credit: { amount: { amount: 29700, currency: 'TRY' } } });
      expect(emulator.pendingFaults()).toBe(0);
      await emulator.flushRequests();
      expect(refundsOn(plan.orderId)).toHaveLength(1);
      expect(credits()).toHaveLength(before + 1);
      expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
      const again = await guarded.storeCredit.issue(plan, { idempotencyKey: key });
      expect(again).toMatchObject({ outcome: 'issued', replayed: true });
      if (first.outcome === 'issued' && again.outcome === 'issued') expect(again.credit).toEqual(first.credit);
      expect(refundsOn(plan.orderId)).toHaveLength(1);
      expect(credits()).toHaveLength(before + 1);
    });
  }

  it('reconciles a worker killed after its credit reached Shopify, without crediting again', async () => {
    const plan = await mugPlan();
    const before = credits().length;
    const key = `credit:${plan.orderId}:killed`;
    // A worker that dies once the credit is made: it records nothing more in the ledger.
    const dying = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      clock,
      store: {
        ...store,
        recordIdempotencyOutcome: async (input) => {
          if (input.key.startsWith(key) && input.state !== 'pending') throw new Error('worker killed');
          return store.recordIdempotencyOutcome(input);
        },
      },
    });
    await expect(dying.storeCredit.issue(plan, { idempotencyKey: key })).rejects.toThrow('worker killed');
    expect(credits()).toHaveLength(before + 1);
    expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('pending');
    // While the claim is fresh another worker may be at it: nothing is sent.
    const calls = emulator.documents.length;
    expect(await guarded.storeCredit.issue(plan, { idempotencyKey: key })).toEqual({
      outcome: 'in_progress',
      idempotencyKey: key,
    });
    expect(emulator.documents.length).toBe(calls);
    clock.advance(200_000);
    const result = await guarded.storeCredit.issue(plan, { idempotencyKey: key });
    expect(result).toMatchObject({ outcome: 'issued', replayed: true, credit: { amount: { amount: 29700 } } });
    expect(refundsOn(plan.orderId)).toHaveLength(1);
    expect(credits()).toHaveLength(before + 1);
    expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
  });

  it('refuses a different plan under a key already used', async () => {
    const plan = await mugPlan();
    const key = `credit:${plan.orderId}:reuse`;
    expect((await guarded.storeCredit.issue(plan, { idempotencyKey: key })).outcome).toBe('issued');
    await expect(
      guarded.storeCredit.issue({ ...plan, bonus: { amount: 5000, currency: 'TRY' } }, { idempotencyKey: key }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
    expect(refundsOn(plan.orderId)).toHaveLength(1);
  });
});
