import type { ExchangeInput } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import type { ShopifyEmulatorFault } from '@aftersale/testkit/emulators';
import { describe, expect, it } from 'vitest';
import { canonicalShop, emulatorWithAdapter, sent } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';

describe('exchanges', async () => {
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

  /** A fresh EUR order and the exchange of one of its 49.90 shirts for `quantity` of a variant. */
  function shirtFor(variant: string, quantity: number, extra: Partial<ExchangeInput> = {}): ExchangeInput {
    const seeded = shop.fresh('ord_canon_eur');
    return {
      orderId: seeded.id,
      returnLines: [{ lineItemId: seeded.lineIds.line_canon_eur_shirt ?? '', quantity: 1, reason: 'wrong_size' }],
      newLines: [{ variantId: shop.variant(variant), quantity }],
      ...extra,
    };
  }
  const order = (id: string) => {
    const found = emulator.state.orders.get(id);
    if (!found) throw new Error(`no order ${id}`);
    return found;
  };

  it('returns a shirt for socks and refunds the 37.90 difference within returnProcess', async () => {
    const input = shirtFor('var_canon_2002', 1, { note: 'Case ret_9' });
    const result = await guarded.exchanges.create(input, { idempotencyKey: 'exchange:ret_9' });
    if (result.outcome !== 'created') throw new Error(JSON.stringify(result));
    expect(result).toMatchObject({ replayed: false, idempotencyKey: 'exchange:ret_9' });
    const [refund] = order(input.orderId).refunds;
    expect(result.exchange).toEqual({
      id: order(input.orderId).returnIds[0],
      orderId: input.orderId,
      newOrderId: null,
      returnedValue: { amount: 4990, currency: 'EUR' },
      newItemsValue: { amount: 1200, currency: 'EUR' },
      difference: { amount: -3790, currency: 'EUR' },
      settlement: { kind: 'refunded', amount: { amount: 3790, currency: 'EUR' }, platformRefundId: refund?.id },
    });
    expect(order(input.orderId).refunds).toHaveLength(1);
    expect(refund).toMatchObject({ total: 3790, returnId: result.exchange.id });
    expect(sent(emulator, 'AftersaleExchangeReturnCreate').at(-1)?.variables).toMatchObject({
      input: {
        orderId: input.orderId,
        returnLineItems: [{ quantity: 1, returnReasonNote: 'wrong_size' }],
        exchangeLineItems: [{ variantId: shop.variant('var_canon_2002'), quantity: 1 }],
      },
    });
    const processed = sent(emulator, 'AftersaleExchangeReturnProcess').at(-1)?.variables as {
      input: Record<string, unknown>;
    };
    expect(processed.input).toMatchObject({
      returnId: result.exchange.id,
      note: 'Case ret_9 [aftersale:exchange:ret_9]',
      returnLineItems: [{ quantity: 1 }],
      exchangeLineItems: [{ quantity: 1 }],
      financialTransfer: {
        issueRefund: { orderTransactions: [{ transactionAmount: { amount: '37.90', currencyCode: 'EUR' } }] },
      },
    });
    expect(emulator.state.returns.get(result.exchange.id)?.status).toBe('CLOSED');
    expect(order(input.orderId).exchangeBalance).toBe(0);
  });

  it('asks for the 49.90 the customer owes, with the payment link Shopify offers', async () => {
    const input = shirtFor('var_canon_2001', 2);
    const result = await guarded.exchanges.create(input, { idempotencyKey: `exchange:${input.orderId}` });
    if (result.outcome !== 'created') throw new Error(JSON.stringify(result));
    expect(result.exchange).toMatchObject({
      newItemsValue: { amount: 9980, currency: 'EUR' },
      difference: { amount: 4990, currency: 'EUR' },
      settlement: {
        kind: 'payment_due',
        amount: { amount: 4990, currency: 'EUR' },
        paymentUrl: expect.stringMatching(/^https:\/\//),
      },
    });
    expect(order(input.orderId).refunds).toHaveLength(0);
    expect(sent(emulator, 'AftersaleExchangeReturnProcess').at(-1)?.variables).not.toHaveProperty(
      'input.financialTransfer',
    );
  });

  it('waives what the customer owes, or keeps what the shop owes, as the settlement says', async () => {
    const dearer = shirtFor('var_canon_2001', 2, { settlement: { customerOwes: 'absorb', shopOwes: 'refund' } });
    expect(await guarded.exchanges.create(dearer, { idempotencyKey: `exchange:${dearer.orderId}` })).toMatchObject({
      outcome: 'created',
      exchange: { settlement: { kind: 'absorbed', amount: { amount: 4990, currency: 'EUR' } } },
    });
    const cheaper = shirtFor('var_canon_2002', 1, { settlement: { customerOwes: 'charge', shopOwes: 'keep' } });
    expect(await guarded.exchanges.create(cheaper, { idempotencyKey: `exchange:${cheaper.orderId}` })).toMatchObject({
      outcome: 'created',
      exchange: { settlement: { kind: 'kept', amount: { amount: 3790, currency: 'EUR' } } },
    });
    expect(order(cheaper.orderId).refunds).toHaveLength(0);
    const same = shirtFor('var_canon_2001', 1);
    expect(await guarded.exchanges.create(same, { idempotencyKey: `exchange:${same.orderId}` })).toMatchObject({
      outcome: 'created',
      exchange: { difference: { amount: 0, currency: 'EUR' }, settlement: { kind: 'none' } },
    });
  });

  it('adds the tax to the new items of an order whose prices exclude it', async () => {
    const seeded = shop.fresh('ord_canon_try');
    const result = await guarded.exchanges.create(
      {
        orderId: seeded.id,
        returnLines: [{ lineItemId: seeded.lineIds.line_canon_try_mug ?? '', quantity: 1, reason: 'defective' }],
        newLines: [{ variantId: shop.variant('var_canon_2003'), quantity: 1 }],
      },
      { idempotencyKey: `exchange:${seeded.id}` },
    );
    // The mug cost 225.00 after its discount share, 270.00 with KDV; a new one is 250.00 + 20 % = 300.00.
    expect(result).toMatchObject({
      outcome: 'created',
      exchange: {
        returnedValue: { amount: 27000, currency: 'TRY' },
        newItemsValue: { amount: 30000, currency: 'TRY' },
        difference: { amount: 3000, currency: 'TRY' },
        settlement: { kind: 'payment_due', amount: { amount: 3000, currency: 'TRY' } },
      },
    });
  });

  it('processes the open return it is given instead of creating one', async () => {
    const input = shirtFor('var_canon_2002', 1);
    const created = await adapter.returns.create({
      orderId: input.orderId,
      lines: input.returnLines,
      exchangeLines: input.newLines,
    });
    if (created.outcome !== 'ok') throw new Error(JSON.stringify(created));
    const creates = sent(emulator, 'AftersaleExchangeReturnCreate').length;
    const result = await guarded.exchanges.create(
      { ...input, returnId: created.return.id },
      { idempotencyKey: `exchange:${input.orderId}` },
    );
    expect(result).toMatchObject({ outcome: 'created', exchange: { id: created.return.id } });
    expect(sent(emulator, 'AftersaleExchangeReturnCreate')).toHaveLength(creates);
    expect(order(input.orderId).returnIds).toEqual([created.return.id]);
  });

  it('refuses a variant the shop does not have, before anything is created', async () => {
    const input = shirtFor('var_canon_2002', 1);
    const result = await guarded.exchanges.create(
      { ...input, newLines: [{ variantId: 'gid://shopify/ProductVariant/424242', quantity: 1 }] },
      { idempotencyKey: `exchange:${input.orderId}` },
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      userErrors: [{ field: 'newLines.0.variantId', message: 'Variant does not exist' }],
    });
    expect(order(input.orderId).returnIds).toHaveLength(0);
  });

  const faults: [string, ShopifyEmulatorFault[]][] = [
    [
      'a reset after the return was created',
      [{ kind: 'reset-after-write', operation: 'AftersaleExchangeReturnCreate' }],
    ],
    ['a 503 on returnCreate', [{ kind: 'http-error', status: 503, operation: 'AftersaleExchangeReturnCreate' }]],
    [
      'a reset after the return was processed',
      [{ kind: 'reset-after-write', operation: 'AftersaleExchangeReturnProcess' }],
    ],
    ['a 502 on returnProcess', [{ kind: 'http-error', status: 502, operation: 'AftersaleExchangeReturnProcess' }]],
    ['a THROTTLED returnProcess', [{ kind: 'throttled', operation: 'AftersaleExchangeReturnProcess' }]],
    [
      'a lost returnProcess, then a 500 on the look',
      [
        { kind: 'reset-after-write', operation: 'AftersaleExchangeReturnProcess' },
        { kind: 'http-error', status: 500, operation: 'AftersaleExchangeReturn' },
      ],
    ],
  ];
  for (const [name, injected] of faults) {
    it(`ends with exactly one return and one refund after ${name}`, async () => {
      const input = shirtFor('var_canon_2002', 1);
      const key = `exchange:${input.orderId}`;
      emulator.injectFault(...injected);
      const first = await guarded.exchanges.create(input, { idempotencyKey: key });
      expect(first).toMatchObject({
        outcome: 'created',
        exchange: { settlement: { kind: 'refunded', amount: { amount: 3790 } } },
      });
      expect(emulator.pendingFaults()).toBe(0);
      await emulator.flushRequests();
      expect(order(input.orderId).returnIds).toHaveLength(1);
      expect(order(input.orderId).refunds).toHaveLength(1);
      expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
      const again = await guarded.exchanges.create(input, { idempotencyKey: key });
      expect(again).toMatchObject({ outcome: 'created', replayed: true });
      if (first.outcome === 'created' && again.outcome === 'created') expect(again.exchange).toEqual(first.exchange);
      expect(order(input.orderId).refunds).toHaveLength(1);
    });
  }

  const deaths: [string, string, boolean][] = [
    ['creating the return', 'exchange-return', false],
    ['processing the return', 'exchange-process', true],
  ];
  for (const [when, step, replayed] of deaths) {
    it(`reconciles a worker killed just after ${when}, without a second return or refund`, async () => {
      const input = shirtFor('var_canon_2002', 1);
      const key = `exchange:${input.orderId}:killed`;
      // The worker dies as it records the step's success: it records nothing more in the ledger.
      const dying = createShopifyAdapter({
        shop: emulator.shop,
        accessToken: emulator.accessToken,
        fetch: emulator.fetch,
        clock,
        store: {
          ...store,
          recordIdempotencyOutcome: async (entry) => {
            if (entry.key === `${key}#${step}` && entry.state === 'succeeded') throw new Error('worker killed');
            return store.recordIdempotencyOutcome(entry);
          },
        },
      });
      await expect(dying.exchanges.create(input, { idempotencyKey: key })).rejects.toThrow('worker killed');
      expect(order(input.orderId).returnIds).toHaveLength(1);
      clock.advance(200_000);
      const result = await guarded.exchanges.create(input, { idempotencyKey: key });
      expect(result).toMatchObject({
        outcome: 'created',
        replayed,
        exchange: { returnedValue: { amount: 4990 }, settlement: { kind: 'refunded', amount: { amount: 3790 } } },
      });
      expect(order(input.orderId).returnIds).toHaveLength(1);
      expect(order(input.orderId).refunds).toHaveLength(1);
      expect(emulator.state.returns.get(order(input.orderId).returnIds[0] ?? '')?.status).toBe('CLOSED');
    });
  }
});
