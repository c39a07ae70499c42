import { AftersaleError, type Order } from '@aftersale/core';
import { generateShop } from '@aftersale/testkit';
import { abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { describe, expect, it } from 'vitest';
import { emulatorWithAdapter } from '../test/shopify-test-support.js';
import { createShopifyAdapter } from './create-shopify-adapter.js';

/** What must survive the trip through Shopify: everything but the ids Shopify gives. */
function comparable(order: Order, lineIds: Record<string, string>) {
  const line = (id: string) => lineIds[id] ?? id;
  return {
    currency: order.currency,
    taxesIncluded: order.taxesIncluded,
    createdAt: order.createdAt,
    cancelledAt: order.cancelledAt ?? null,
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    email: order.email ?? null,
    tags: order.tags,
    discountCodes: order.discountCodes,
    shippingCountry: order.shippingAddress?.countryCode ?? null,
    lines: order.lines.map((entry) => ({
      id: line(entry.id),
      title: entry.title,
      sku: entry.sku ?? null,
      quantity: entry.quantity,
      unitPrice: entry.unitPrice,
      discounts: entry.discountAllocations.map((discount) => [discount.amount, discount.level, discount.code ?? null]),
      taxes: entry.taxLines.map((tax) => [tax.title, tax.rate, tax.amount]),
      product: {
        tags: entry.product.tags,
        type: entry.product.type ?? null,
        vendor: entry.product.vendor ?? null,
        categories: entry.product.categories,
      },
      giftCard: entry.giftCard,
      properties: entry.properties,
    })),
    shipping: order.shippingLines.map((entry) => [entry.title, entry.price, entry.taxLines.map((tax) => tax.amount)]),
    fulfillments: order.fulfillments.map((entry) => ({
      lines: entry.lines.map((fulfilled) => [line(fulfilled.lineItemId), fulfilled.quantity]),
      deliveredAt: entry.deliveredAt ?? null,
    })),
    refunds: order.refunds.map((refund) => ({
      createdAt: refund.createdAt,
      lines: refund.lines.map((refunded) => [
        line(refunded.lineItemId),
        refunded.quantity,
        refunded.subtotal,
        refunded.tax,
      ]),
      total: refund.total,
    })),
    transactions: order.transactions.map((transaction) => [
      transaction.kind,
      transaction.status,
      transaction.amount,
      transaction.gateway ?? null,
    ]),
    totals: order.totals,
  };
}

describe('createShopifyAdapter reading', async () => {
  const { emulator, adapter } = await emulatorWithAdapter();
  const shop = generateShop({ seed: 11, customers: 20, orders: 60 });
  emulator.seedCustomers(shop.customers);
  const seeded = emulator.seedOrders(shop.orders, (_order, index) => ({
    updatedAt: new Date(Date.parse('2026-06-01T00:00:00Z') + index * 60_000).toISOString(),
  }));

  it('declares the spec it implements', () => {
    expect(adapter.specificationVersion).toBe('v1');
    expect(adapter.platform).toBe('shopify');
    expect([...adapter.capabilities].sort()).toEqual([
      'bulk_import',
      'cancellations',
      'exchanges',
      'idempotent_refunds',
      'returns',
      'store_credit',
      'suggested_refund',
      'webhooks',
    ]);
    expect(adapter.capabilities.has('order_notes')).toBe(false);
  });

  it('reads every seeded order back unchanged but for Shopify ids (exact money, product facts, refunds)', async () => {
    let refunded = 0;
    for (const [index, original] of shop.orders.entries()) {
      const mapping = seeded[index];
      if (!mapping) throw new Error('missing seed');
      const read = await adapter.getOrder(mapping.id);
      if (!read) throw new Error(`order ${mapping.id} not read`);
      const byShopifyId = Object.fromEntries(Object.entries(mapping.lineIds).map(([seedId, gid]) => [gid, seedId]));
      expect(comparable(read, byShopifyId)).toEqual(comparable(original, {}));
      if (original.refunds.length > 0) refunded++;
    }
    expect(refunded).toBeGreaterThan(0);
  });

  it('returns null for an order that does not exist', async () => {
    expect(await adapter.getOrder('gid://shopify/Order/999999999')).toBeNull();
  });

  it('pages through orders updated since a time, oldest update first, with no gaps or repeats', async () => {
    const since = new Date(Date.parse('2026-06-01T00:00:00Z') + 20 * 60_000);
    const ids: string[] = [];
    for await (const order of adapter.listOrdersUpdatedSince(since, { pageSize: 3 })) ids.push(order.id);
    expect(ids).toEqual(seeded.slice(20).map((entry) => entry.id));
  });

  it("lists a customer's orders and every customer", async () => {
    const customers = [];
    for await (const customer of adapter.listCustomers({ pageSize: 7 })) customers.push(customer);
    expect(customers).toHaveLength(20);
    expect(customers[0]?.email).toBe(shop.customers[0]?.email);
    const buyer = shop.orders.find((order) => order.customer?.id)?.customer?.id;
    const gid = emulator.state.customerIdsBySeed.get(buyer ?? '');
    if (!gid) throw new Error('no customer');
    const theirs = [];
    for await (const order of adapter.listCustomerOrders(gid)) theirs.push(order);
    expect(theirs.length).toBe(shop.orders.filter((order) => order.customer?.id === buyer).length);
    expect(theirs.every((order) => order.customer?.id === gid)).toBe(true);
    expect(await adapter.getCustomer(gid)).toMatchObject({
      id: gid,
      email: shop.customers.find((c) => c.id === buyer)?.email,
    });
  });

  it('keeps shop and presentment money apart', async () => {
    const [original] = shop.orders.filter((order) => order.currency === 'EUR');
    if (!original) throw new Error('no EUR order');
    const [mapping] = emulator.seedOrders([original], () => ({ presentment: { currency: 'USD', rate: '1.25' } }));
    const presentment = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      money: 'presentment',
    });
    const inShop = await adapter.getOrder(mapping?.id ?? '');
    const inPresentment = await presentment.getOrder(mapping?.id ?? '');
    expect(inShop?.currency).toBe('EUR');
    expect(inShop?.totals.total).toEqual(original.totals.total);
    expect(inPresentment?.currency).toBe('USD');
    expect(inPresentment?.totals.total.currency).toBe('USD');
    expect(inPresentment?.source.rawStatus).toMatchObject({ shopCurrency: 'EUR', presentmentCurrency: 'USD' });
    expect(inPresentment?.lines[0]?.unitPrice.amount).toBe(
      Math.round((original.lines[0]?.unitPrice.amount ?? 0) * 1.25),
    );
  });

  it('reports every configuration problem at once, naming the environment variable', () => {
    try {
      createShopifyAdapter({ shop: 'not a shop', apiVersion: '2024-01', env: {} });
      throw new Error('expected invalid_config');
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_config')).toBe(true);
      if (!AftersaleError.isInstance(error)) throw error;
      expect(error.issues.map((issue) => issue.path).sort()).toEqual(['accessToken', 'apiVersion', 'shop']);
      expect(error.message).toContain('SHOPIFY_ACCESS_TOKEN');
    }
  });

  it('takes the token from an OAuth session or the environment', () => {
    expect(
      createShopifyAdapter({ shop: 'x.myshopify.com', session: { shop: 'acme.myshopify.com', accessToken: 'shpua_1' } })
        .shopId,
    ).toBe('acme.myshopify.com');
    expect(createShopifyAdapter({ shop: 'acme.myshopify.com', env: { SHOPIFY_ACCESS_TOKEN: 'shpat_1' } }).shopId).toBe(
      'acme.myshopify.com',
    );
  });

  it("reaches the emulator through the library's runtime fetch hook when no fetch is injected", async () => {
    const previous = abstractFetch;
    setAbstractFetchFunc(emulator.fetch as never);
    try {
      const viaHook = createShopifyAdapter({ shop: emulator.shop, accessToken: emulator.accessToken });
      expect((await viaHook.getOrder(seeded[1]?.id ?? ''))?.id).toBe(seeded[1]?.id);
    } finally {
      setAbstractFetchFunc(previous);
    }
  });

  it('answers a wrong token with a typed error', async () => {
    const wrong = createShopifyAdapter({ shop: emulator.shop, accessToken: 'shpat_wrong', fetch: emulator.fetch });
    await expect(wrong.getOrder(seeded[0]?.id ?? '')).rejects.toMatchObject({ code: 'platform_auth_failed' });
  });
});
