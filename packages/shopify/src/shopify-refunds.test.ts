import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { computeRefund, type Order, type RefundPlan } from '@aftersale/core';
import { createMemoryStore, createSqliteStore } from '@aftersale/storage';
import { generateShop } from '@aftersale/testkit';
import type { ShopifyEmulatorFault } from '@aftersale/testkit/emulators';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatorWithAdapter } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';
import { fingerprintPlan } from './shopify-refunds.js';

const run = promisify(execFile);

/** Paid, fulfilled orders with no refund yet and no gift card: each test refunds one of its own. */
function refundableOrders(count: number): Order[] {
  const shop = generateShop({ seed: 77, customers: 30, orders: 400 });
  const picked = shop.orders.filter(
    (order) =>
      order.financialStatus === 'paid' &&
      order.refunds.length === 0 &&
      order.cancelledAt == null &&
      order.lines.length >= 2 &&
      order.lines.every((line) => !line.giftCard && line.quantity >= 1) &&
      order.transactions.every((transaction) => !transaction.giftCard),
  );
  if (picked.length < count) throw new Error(`only ${picked.length} refundable orders generated`);
  return picked.slice(0, count);
}

describe('refunds', async () => {
  const { emulator, adapter, clock } = await emulatorWithAdapter();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const guarded = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    random: () => 0.5,
    store,
    // Short enough for the slow-response fault to time out; whatever else times out under load is
    // reconciled the same way, so the assertions hold either way.
    retry: { requestTimeoutMs: 250 },
  });
  const orders = refundableOrders(16);
  const seeded = emulator.seedOrders(orders);
  let next = 0;
  /** The next fresh order, as the adapter reads it, and core's plan refunding its first line in full. */
  async function freshOrder(): Promise<{ order: Order; plan: RefundPlan }> {
    const mapping = seeded[next++];
    if (!mapping) throw new Error('out of seeded orders');
    const order = await adapter.getOrder(mapping.id);
    if (!order) throw new Error('seeded order not found');
    const line = order.lines[0];
    if (!line) throw new Error('order without lines');
    const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: line.quantity }] });
    return { order, plan };
  }
  const refundsOn = (orderId: string) => emulator.state.orders.get(orderId)?.refunds ?? [];

  it("suggests Shopify's refund and agrees with core's computation", async () => {
    const { order, plan } = await freshOrder();
    const suggestion = await adapter.suggestRefund({
      orderId: order.id,
      lines: plan.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
      compareWith: plan,
    });
    expect(suggestion.total).toEqual(plan.total);
    expect(suggestion.comparison).toEqual({ agrees: true, disagreements: [] });
    expect(suggestion.maximumRefundable?.amount).toBeGreaterThanOrEqual(plan.total.amount);
  });

  it('reports a disagreement between Shopify and core, never hiding it', async () => {
    const { order, plan } = await freshOrder();
    emulator.skewSuggestedRefund(order.id, 1);
    const suggestion = await adapter.suggestRefund({
      orderId: order.id,
      lines: plan.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
      compareWith: plan,
    });
    expect(suggestion.comparison?.agrees).toBe(false);
    expect(suggestion.comparison?.disagreements).toEqual([
      { field: 'total', platform: { ...plan.total, amount: plan.total.amount + 1 }, aftersale: plan.total },
    ]);
  });

  it('refunds through refundCreate with the @idempotent key, restock type, note and transactions', async () => {
    const { order, plan } = await freshOrder();
    const result = await adapter.createRefund(
      { ...plan, restock: true, note: 'Return case ret_1' },
      { idempotencyKey: 'refund:ret_1:1' },
    );
    expect(result).toMatchObject({ outcome: 'created', replayed: false, idempotencyKey: 'refund:ret_1:1' });
    if (result.outcome !== 'created') throw new Error('not created');
    expect(result.refund.total).toEqual(plan.total);
    expect(result.refund.lines).toEqual([
      expect.objectContaining({ lineItemId: plan.lines[0]?.lineItemId, restockType: 'return' }),
    ]);
    const sent = emulator.documents.findLast((document) => document.operationName === 'AftersaleRefundCreate');
    expect(sent?.query).toContain('@idempotent(key: $key)');
    expect(sent?.variables).toMatchObject({
      key: 'refund:ret_1:1',
      input: { orderId: order.id, note: 'Return case ret_1 [aftersale:refund:ret_1:1]' },
    });
    expect(refundsOn(order.id)).toHaveLength(1);
  });

  it('returns what Shopify refused as user errors with the field path', async () => {
    const { order, plan } = await freshOrder();
    const line = order.lines[0];
    if (!line) throw new Error('no line');
    const tooMany = { ...plan, lines: plan.lines.map((entry) => ({ ...entry, quantity: line.quantity + 1 })) };
    const result = await guarded.createRefund(tooMany, { idempotencyKey: `refund:${order.id}:too-many` });
    expect(result.outcome).toBe('rejected');
    if (result.outcome !== 'rejected') throw new Error('not rejected');
    expect(result.userErrors[0]?.field).toBe('refundLineItems.0.quantity');
    expect(refundsOn(order.id)).toHaveLength(0);
    expect((await store.getIdempotencyEntry(emulator.shop, `refund:${order.id}:too-many`))?.state).toBe('failed');
  });

  it('refuses a plan whose total does not add up, naming the field', async () => {
    const { plan } = await freshOrder();
    await expect(
      adapter.createRefund(
        { ...plan, total: { ...plan.total, amount: plan.total.amount + 1 } },
        { idempotencyKey: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'total' })] });
  });

  const faults: [string, ShopifyEmulatorFault[]][] = [
    ['a 503 before the write', [{ kind: 'http-error', status: 503, operation: 'AftersaleRefundCreate' }]],
    [
      'a 429 with Retry-After',
      [{ kind: 'http-error', status: 429, retryAfter: '2.0', operation: 'AftersaleRefundCreate' }],
    ],
    ['a THROTTLED answer', [{ kind: 'throttled', operation: 'AftersaleRefundCreate' }]],
    ['a dropped connection before the write', [{ kind: 'connection-reset', operation: 'AftersaleRefundCreate' }]],
    [
      'a connection reset after the write was applied',
      [{ kind: 'reset-after-write', operation: 'AftersaleRefundCreate' }],
    ],
    ['a response slower than the timeout', [{ kind: 'slow', delayMs: 600, operation: 'AftersaleRefundCreate' }]],
    [
      'two failures in a row',
      [
        { kind: 'reset-after-write', operation: 'AftersaleRefundCreate' },
        { kind: 'http-error', status: 500, operation: 'AftersaleOrderRefunds' },
      ],
    ],
  ];
  for (const [name, injected] of faults) {
    it(`ends with exactly one refund after ${name}, and a retry with the key replays it`, async () => {
      const { order, plan } = await freshOrder();
      const key = `refund:${order.id}:1`;
      emulator.injectFault(...injected);
      const first = await guarded.createRefund(plan, { idempotencyKey: key });
      expect(first.outcome).toBe('created');
      expect(emulator.pendingFaults()).toBe(0);
      // A request the adapter gave up on may still be running: let it finish, then count.
      await emulator.flushRequests();
      expect(refundsOn(order.id)).toHaveLength(1);
      expect((await store.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
      const again = await guarded.createRefund(plan, { idempotencyKey: key });
      expect(again).toMatchObject({ outcome: 'created', replayed: true });
      expect(refundsOn(order.id)).toHaveLength(1);
    });
  }

  it('refuses a different plan under a key already used', async () => {
    const { order, plan } = await freshOrder();
    const key = `refund:${order.id}:reuse`;
    await guarded.createRefund(plan, { idempotencyKey: key });
    const restocked: RefundPlan = { ...plan, restock: true };
    await expect(guarded.createRefund(restocked, { idempotencyKey: key })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
    expect(refundsOn(order.id)).toHaveLength(1);
  });

  describe('a worker killed between claiming the key and calling Shopify', () => {
    const directory = mkdtempSync(join(tmpdir(), 'aftersale-shopify-'));
    const filename = join(directory, 'ledger.db');
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('leaves a pending claim that a later attempt reconciles into exactly one refund', async () => {
      const { order, plan } = await freshOrder();
      const key = `refund:${order.id}:crash`;
      const script = fileURLToPath(new URL('../test/claim-and-die.mjs', import.meta.url));
      const child = run(process.execPath, [
        script,
        filename,
        emulator.shop,
        key,
        await fingerprintPlan(plan),
        String(clock.now()),
      ]);
      const outcome = await child.then(
        () => 'exited',
        (error: { signal?: string; stdout?: string; stderr?: string }) =>
          `${error.signal}:${error.stdout?.trim()}${error.stderr ? `\n${error.stderr}` : ''}`,
      );
      expect(outcome).toBe('SIGKILL:claimed');

      const ledger = createSqliteStore({ filename, now: () => new Date(clock.now()) });
      await ledger.migrate();
      try {
        const survivor = createShopifyAdapter({
          shop: emulator.shop,
          accessToken: emulator.accessToken,
          fetch: emulator.fetch,
          clock,
          store: ledger,
          staleClaimMs: 60_000,
        });
        // While the claim is fresh, another worker may still be at it: nothing is sent.
        expect(await survivor.createRefund(plan, { idempotencyKey: key })).toEqual({
          outcome: 'in_progress',
          idempotencyKey: key,
        });
        expect(refundsOn(order.id)).toHaveLength(0);
        // Once it is stale, the survivor looks on Shopify, finds nothing, and refunds once.
        clock.advance(60_001);
        const result = await survivor.createRefund(plan, { idempotencyKey: key });
        expect(result.outcome).toBe('created');
        expect(refundsOn(order.id)).toHaveLength(1);
        expect((await ledger.getIdempotencyEntry(emulator.shop, key))?.state).toBe('succeeded');
      } finally {
        await ledger.close();
      }
    });
  });

  it('reconciles a stale claim whose refund did reach Shopify without refunding again', async () => {
    const { order, plan } = await freshOrder();
    const key = `refund:${order.id}:lost-outcome`;
    // The refund was made, then the worker died before recording it: the ledger still says pending.
    const made = await adapter.createRefund(plan, { idempotencyKey: key });
    expect(made.outcome).toBe('created');
    await store.claimIdempotencyKey({
      shopId: emulator.shop,
      key,
      operation: 'refund',
      fingerprint: await fingerprintPlan(plan),
    });
    clock.advance(200_000);
    const result = await guarded.createRefund(plan, { idempotencyKey: key });
    expect(result).toMatchObject({ outcome: 'created', replayed: true });
    expect(refundsOn(order.id)).toHaveLength(1);
  });
});
