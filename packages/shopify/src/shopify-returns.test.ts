import { computeRefund, type Order } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { generateShop } from '@aftersale/testkit';
import { describe, expect, it } from 'vitest';
import { emulatorWithAdapter } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';

describe('returns', async () => {
  const { emulator, adapter, clock } = await emulatorWithAdapter();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const guarded = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    store,
  });
  const fulfilled = generateShop({ seed: 91, customers: 20, orders: 200 }).orders.filter(
    (order) =>
      order.fulfillmentStatus === 'fulfilled' &&
      order.financialStatus === 'paid' &&
      order.refunds.length === 0 &&
      order.lines.every((line) => !line.giftCard) &&
      order.transactions.every((transaction) => !transaction.giftCard),
  );
  const seeded = emulator.seedOrders(fulfilled.slice(0, 7));
  let next = 0;
  async function freshOrder(): Promise<Order> {
    const id = seeded[next++]?.id;
    const order = id ? await adapter.getOrder(id) : null;
    if (!order) throw new Error('out of fulfilled orders');
    return order;
  }
  const firstLine = (order: Order) => {
    const line = order.lines.find((entry) =>
      order.fulfillments.some((f) => f.lines.some((l) => l.lineItemId === entry.id)),
    );
    if (!line) throw new Error('no fulfilled line');
    return line;
  };

  it('requests, approves, processes with a refund, and closes a return', async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const requested = await adapter.returns.request({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'wrong_size', customerNote: 'Too small' }],
    });
    if (requested.outcome !== 'ok') throw new Error(JSON.stringify(requested.userErrors));
    expect(requested.return).toMatchObject({ orderId: order.id, status: 'REQUESTED' });
    expect(requested.return.lines).toEqual([expect.objectContaining({ lineItemId: line.id, quantity: 1 })]);

    const approved = await adapter.returns.approve(requested.return.id);
    expect(approved).toMatchObject({ outcome: 'ok', return: { status: 'OPEN' } });

    const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: 1 }] });
    const returnLineId = requested.return.lines[0]?.id ?? '';
    const processed = await guarded.returns.process(
      { returnId: requested.return.id, lines: [{ returnLineId, quantity: 1 }], refund: plan },
      { idempotencyKey: `process:${requested.return.id}` },
    );
    expect(processed.outcome).toBe('ok');
    const refunds = emulator.state.orders.get(order.id)?.refunds ?? [];
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.lines).toEqual([expect.objectContaining({ lineItemId: line.id, quantity: 1 })]);
    // Processing again under the same key replays the stored result: no second refund.
    const replayed = await guarded.returns.process(
      { returnId: requested.return.id, lines: [{ returnLineId, quantity: 1 }], refund: plan },
      { idempotencyKey: `process:${requested.return.id}` },
    );
    expect(replayed).toEqual(processed);
    expect(emulator.state.orders.get(order.id)?.refunds).toHaveLength(1);

    const read = await adapter.returns.get(requested.return.id);
    expect(read?.status).toBe('CLOSED');
    const closedAgain = await adapter.returns.close(requested.return.id);
    expect(closedAgain).toEqual({
      outcome: 'rejected',
      userErrors: [{ field: 'id', message: 'Return is closed', code: 'INVALID_STATE' }],
    });
  });

  it("declines a requested return with the decision's reason", async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const requested = await adapter.returns.request({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'changed_mind' }],
    });
    if (requested.outcome !== 'ok') throw new Error('request refused');
    const declined = await adapter.returns.decline(requested.return.id, {
      reason: 'final_sale',
      note: 'Final sale items cannot be returned.',
    });
    expect(declined).toMatchObject({ outcome: 'ok', return: { status: 'DECLINED' } });
    expect(emulator.state.returns.get(requested.return.id)?.decline).toEqual({
      reason: 'FINAL_SALE',
      note: 'Final sale items cannot be returned.',
    });
    const sent = emulator.documents.findLast((document) => document.operationName === 'AftersaleReturnDecline');
    expect(sent?.variables).toMatchObject({ input: { declineReason: 'FINAL_SALE', notifyCustomer: false } });
  });

  it('creates an open return with exchange lines, then closes it', async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const variantId = line.variantId;
    if (!variantId) throw new Error('line without a variant');
    const created = await adapter.returns.create({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'wrong_size' }],
      exchangeLines: [{ variantId, quantity: 1 }],
    });
    if (created.outcome !== 'ok') throw new Error(JSON.stringify(created.userErrors));
    expect(created.return.status).toBe('OPEN');
    expect(created.return.exchangeLines).toEqual([expect.objectContaining({ variantId, quantity: 1 })]);
    expect(await adapter.returns.close(created.return.id)).toMatchObject({
      outcome: 'ok',
      return: { status: 'CLOSED' },
    });
  });

  it('refuses exchange lines of a variant the shop does not have', async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const created = await adapter.returns.create({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'wrong_size' }],
      exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/424242', quantity: 1 }],
    });
    expect(created).toEqual({
      outcome: 'rejected',
      userErrors: [
        { field: 'input.exchangeLineItems.0.variantId', message: 'Variant does not exist', code: 'NOT_FOUND' },
      ],
    });
  });

  it("turns Shopify's user errors into results with the field path", async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const requested = await adapter.returns.request({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'defective' }],
    });
    if (requested.outcome !== 'ok') throw new Error('request refused');
    await adapter.returns.approve(requested.return.id);
    expect(await adapter.returns.approve(requested.return.id)).toEqual({
      outcome: 'rejected',
      userErrors: [{ field: 'id', message: 'Return is open', code: 'INVALID_STATE' }],
    });
  });

  it('answers a refused returnProcess the same way when asked again under its key', async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    const created = await adapter.returns.create({
      orderId: order.id,
      lines: [{ lineItemId: line.id, quantity: 1, reason: 'defective' }],
    });
    if (created.outcome !== 'ok') throw new Error('return refused');
    const returnLineId = created.return.lines[0]?.id ?? '';
    const tooMany = { returnId: created.return.id, lines: [{ returnLineId, quantity: 5 }] };
    const key = `process:${created.return.id}:too-many`;
    const first = await guarded.returns.process(tooMany, { idempotencyKey: key });
    expect(first).toEqual({
      outcome: 'rejected',
      userErrors: [
        {
          field: 'input.returnLineItems.0.quantity',
          message: 'Quantity exceeds the unprocessed quantity',
          code: 'INVALID',
        },
      ],
    });
    const processCalls = () =>
      emulator.documents.filter((document) => document.operationName === 'AftersaleReturnProcess').length;
    const before = processCalls();
    expect(await guarded.returns.process(tooMany, { idempotencyKey: key })).toEqual(first);
    expect(processCalls()).toBe(before);
  });

  it('refuses to return more than was fulfilled, naming the line', async () => {
    const order = await freshOrder();
    const line = firstLine(order);
    await expect(
      adapter.returns.request({ orderId: order.id, lines: [{ lineItemId: line.id, quantity: 999, reason: 'other' }] }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'lines[0].quantity' }] });
  });

  it('reads a return that does not exist as null', async () => {
    expect(await adapter.returns.get('gid://shopify/Return/1')).toBeNull();
  });
});
