import {
  AftersaleError,
  createManualReturnShipping,
  createReturnEventBus,
  createReturnService,
  definePolicy,
  money,
  type ReturnNotification,
  type ReturnServiceStore,
} from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { createWooCommerceEmulator, type WooCommerceEmulator } from '@aftersale/testkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { createWooCommerceAdapter } from '../src/create-woocommerce-adapter.js';

// The return service (core) with the WooCommerce adapter against the emulator and a memory store:
// on WooCommerce the case lives in aftersale's store and ends in a REST refund.

let emulator: WooCommerceEmulator;
afterEach(async () => {
  await emulator?.close();
});

const policy = definePolicy({
  schemaVersion: 1,
  id: 'cay-evi-returns',
  version: 2,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  resolutions: { keepItem: { enabled: true, maximumValue: money(15000, 'TRY') } },
});

async function setup(options: { store?: ReturnServiceStore } = {}) {
  emulator = await createWooCommerceEmulator();
  const shop = emulator.shop;
  const glasses = shop.createProduct({ name: 'Çay Bardağı Seti', sku: 'CAY-SET-6', price: '100.00' });
  const customer = shop.createCustomer({
    email: 'musteri@example.com',
    firstName: 'Ayşe',
    lastName: 'Yılmaz',
    billing: { country: 'TR' },
  });
  const created = shop.createOrder({
    customerId: customer.id as number,
    status: 'completed',
    lineItems: [{ productId: glasses.id as number, quantity: 2 }],
    shippingTotal: '50.00',
  });
  const memory = createMemoryStore();
  const adapter = createWooCommerceAdapter({
    url: emulator.url,
    consumerKey: emulator.consumerKey,
    consumerSecret: emulator.consumerSecret,
    store: memory,
  });
  const order = await adapter.getOrder(String(created.id));
  if (!order) throw new Error('the emulator lost the order');
  let now = Date.parse(order.createdAt) + 3 * 86_400_000;
  const received: ReturnNotification[] = [];
  const events = createReturnEventBus();
  events.on('*', (event) => {
    received.push(event);
  });
  let ids = 0;
  const service = createReturnService({
    shopId: 'cay-evi.example',
    store: options.store ?? memory,
    adapter,
    policy,
    shopTimeZone: 'Europe/Istanbul',
    shipping: createManualReturnShipping(() => ({
      carrier: 'Yurtiçi Kargo',
      designated: true,
      trackingNumber: 'YK42',
    })),
    events,
    now: () => new Date(now),
    newId: () => `case${++ids}`,
  });
  const advance = (hours: number) => {
    now += hours * 3_600_000;
  };
  return { service, adapter, order, memory, received, advance, orderId: order.id, lineId: order.lines[0]?.id ?? '' };
}

const staff = { kind: 'staff' as const, id: 'staff_1' };

describe('a return case end to end on WooCommerce (emulator)', () => {
  it('requested → approved → label → in transit → received → inspected → refunded once → closed', async () => {
    const { service, adapter, memory, received, advance, orderId, lineId } = await setup();
    const opened = await service.request({
      order: (await adapter.getOrder(orderId)) ?? (undefined as never),
      request: { lines: [{ lineItemId: lineId, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr-TR',
    });
    expect(opened.route.action).toBe('approve');
    expect(opened.case.status).toBe('approved');
    // One of two glasses: 100.00 and its 20.00 KDV.
    expect(opened.decision.refund?.total).toEqual(money(12000, 'TRY'));
    const caseId = opened.case.id;

    advance(1);
    expect((await service.issueLabel(caseId, { actor: staff })).shipment).toMatchObject({
      carrier: 'Yurtiçi Kargo',
      designated: true,
      trackingNumber: 'YK42',
    });
    advance(20);
    await service.tracking(caseId, {
      stage: 'in_transit',
      at: new Date(Date.parse(opened.case.requestedAt) + 21 * 3_600_000).toISOString(),
    });
    advance(24);
    await service.received(caseId, { actor: staff });
    await service.inspect(caseId, [{ lineItemId: lineId, quantity: 1, condition: 'as_expected' }], { actor: staff });
    const refunded = await service.refund(caseId, { actor: staff });
    expect(refunded).toMatchObject({ outcome: 'refunded', replayed: false, refundId: 'rfd_case1' });
    // A retry of the same call moves nothing.
    expect(await service.refund(caseId, { actor: staff })).toMatchObject({ outcome: 'refunded', replayed: true });
    const closed = await service.close(caseId);
    expect(closed.status).toBe('closed');

    const after = await adapter.getOrder(orderId);
    expect(after?.refunds).toHaveLength(1);
    expect(after?.refunds[0]?.total).toEqual(money(12000, 'TRY'));
    expect((await memory.getRefund('cay-evi.example', 'rfd_case1'))?.status).toBe('succeeded');

    const types = [
      'return-requested',
      'return-approved',
      'return-label-issued',
      'return-in-transit',
      'return-received',
      'return-inspected',
      'refund-issued',
      'return-closed',
    ];
    expect(received.map((event) => event.type)).toEqual(types);
    const outbox = await memory.listUnpublishedOutboxEvents({ shopId: 'cay-evi.example' });
    expect(outbox.map((event) => event.type)).toEqual(types);
    const refundMessage = received.find((event) => event.type === 'refund-issued');
    expect(refundMessage?.payload.message).toMatch(/numaralı siparişiniz için ₺120,00 iade edildi\.$/);
    expect(JSON.stringify(outbox)).not.toContain('musteri@example.com');
  });

  it('a crash after the platform refunded and before the case was written: the retry replays, no second refund', async () => {
    let failNextRefundRecord = false;
    const wrapped = createMemoryStore();
    const store: ReturnServiceStore = {
      createReturnCase: (...args) => wrapped.createReturnCase(...args),
      updateReturnCase: (...args) => wrapped.updateReturnCase(...args),
      getReturnCase: (...args) => wrapped.getReturnCase(...args),
      getRefund: (...args) => wrapped.getRefund(...args),
      createRefund: async (...args) => {
        if (failNextRefundRecord) {
          failNextRefundRecord = false;
          throw new Error('process killed');
        }
        return wrapped.createRefund(...args);
      },
    };
    const { service, adapter, orderId, lineId } = await setup({ store });
    const opened = await service.request({
      order: (await adapter.getOrder(orderId)) ?? (undefined as never),
      request: { lines: [{ lineItemId: lineId, quantity: 2, reason: 'changed_mind' }] },
      locale: 'en-GB',
    });
    const caseId = opened.case.id;
    await service.received(caseId, { actor: staff });
    await service.inspect(caseId, [{ lineItemId: lineId, quantity: 2, condition: 'as_expected' }], { actor: staff });
    failNextRefundRecord = true;
    await expect(service.refund(caseId, { actor: staff })).rejects.toThrow('process killed');
    expect((await service.get(caseId)).status).toBe('inspected');
    const retried = await service.refund(caseId, { actor: staff });
    expect(retried).toMatchObject({ outcome: 'refunded', replayed: true });
    const after = await adapter.getOrder(orderId);
    expect(after?.refunds).toHaveLength(1);
  });

  it('a returnless refund under the keep-item threshold, and damaged goods need a plan for what came back', async () => {
    const { service, adapter, orderId, lineId } = await setup();
    const kept = await service.request({
      order: (await adapter.getOrder(orderId)) ?? (undefined as never),
      request: { lines: [{ lineItemId: lineId, quantity: 1, reason: 'changed_mind', resolution: 'keep_item' }] },
      locale: 'en-GB',
    });
    expect(kept.case.status).toBe('approved');
    const result = await service.keep(kept.case.id);
    expect(result.outcome).toBe('refunded');
    expect(result.case.resolution?.outcome).toBe('kept');

    const second = await service.request({
      order: (await adapter.getOrder(orderId)) ?? (undefined as never),
      request: { lines: [{ lineItemId: lineId, quantity: 1, reason: 'changed_mind' }] },
      locale: 'en-GB',
    });
    await service.received(second.case.id, { actor: staff });
    await service.inspect(second.case.id, [{ lineItemId: lineId, quantity: 1, condition: 'damaged' }], {
      actor: staff,
    });
    const error = await service.refund(second.case.id, { actor: staff }).catch((caught: unknown) => caught);
    expect(AftersaleError.isInstance(error) && error.code).toBe('invalid_input');
  });

  it('refuses to refund before the items are back, and cancels before money moved', async () => {
    const { service, adapter, orderId, lineId } = await setup();
    const opened = await service.request({
      order: (await adapter.getOrder(orderId)) ?? (undefined as never),
      request: { lines: [{ lineItemId: lineId, quantity: 1, reason: 'changed_mind' }] },
      locale: 'tr',
    });
    const early = await service.refund(opened.case.id).catch((caught: unknown) => caught);
    expect(AftersaleError.isInstance(early) && early.code).toBe('invalid_return_transition');
    expect((await adapter.getOrder(orderId))?.refunds).toHaveLength(0);
    expect((await service.cancel(opened.case.id, { actor: { kind: 'customer', id: '2' } })).status).toBe('cancelled');
  });
});
