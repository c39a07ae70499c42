import { describe, expect, it } from 'vitest';
import { canonicalShop, emulatorWithAdapter, readShared } from '../test/shopify-test-support.js';

describe('webhook events of cancellations', async () => {
  const { emulator, adapter } = await emulatorWithAdapter();
  const shop = canonicalShop(emulator);

  it('reads orders/cancelled as an order update, re-read from Shopify with its cancel time', async () => {
    const { id } = shop.fresh('ord_canon_usd');
    const cancelled = await adapter.cancelOrder(
      { orderId: id, reason: 'customer' },
      { idempotencyKey: `cancel:${id}` },
    );
    expect(cancelled.outcome).toBe('cancelled');
    const legacyId = Number(id.split('/').pop());
    const event = await adapter.parseWebhook({
      topic: 'orders/cancelled',
      rawBody: JSON.stringify({ id: legacyId, admin_graphql_api_id: id }),
    });
    expect(event).toMatchObject({
      type: 'order-updated',
      topic: 'orders/cancelled',
      order: { id, cancelledAt: expect.any(String), financialStatus: 'refunded' },
    });
  });

  it("reads Shopify's published orders/cancelled payload when the order cannot be re-read", async () => {
    const rawBody = readShared('platform/shopify/webhooks/payloads/orders-cancelled.json');
    const event = await adapter.parseWebhook({ topic: 'orders/cancelled', rawBody });
    expect(event).toMatchObject({
      type: 'order-updated',
      order: {
        id: 'gid://shopify/Order/820982911946154508',
        cancelledAt: '2021-12-31T19:00:00-05:00',
        currency: 'USD',
      },
    });
  });

  it("reads the cancel's refunds/create delivery as the refund of the order", async () => {
    const received: string[] = [];
    emulator.subscribeWebhooks({ url: 'http://127.0.0.1:9/unused', topics: ['refunds/create'] });
    const { id } = shop.fresh('ord_canon_usd');
    await adapter.cancelOrder({ orderId: id, reason: 'other' }, { idempotencyKey: `cancel:${id}` });
    await emulator.flushWebhooks();
    for (const delivery of emulator.webhookDeliveries)
      if (delivery.topic === 'refunds/create') received.push(delivery.body);
    const body = received.at(-1);
    if (!body) throw new Error('no refunds/create delivery');
    const event = await adapter.parseWebhook({ topic: 'refunds/create', rawBody: body });
    expect(event).toMatchObject({
      type: 'refund-created',
      orderId: id,
      refund: { id: emulator.state.orders.get(id)?.refunds.at(-1)?.id },
    });
  });
});
