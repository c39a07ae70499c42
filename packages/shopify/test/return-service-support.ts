import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CommerceEventHandling,
  createManualReturnShipping,
  createReturnEventBus,
  createReturnService,
  definePolicy,
  type Order,
  type OrderInput,
  type OutboxEvent,
  type Policy,
  type PolicyInput,
  type ReturnNotification,
  type ReturnRoutingOptions,
  type ReturnService,
} from '@aftersale/core';
import { createSqliteStore } from '@aftersale/storage';
import type { ShopifyEmulatorOptions } from '@aftersale/testkit/emulators';
import { afterAll } from 'vitest';
import { createShopifyAdapter, createShopifyNodeWebhookHandler, processShopifyWebhooks } from '../src/index.js';
import { canonicalShop, emulatorWithAdapter } from './shopify-test-support.js';

/**
 * The return service end to end on the Shopify emulator: one manual clock for the emulator, the adapter,
 * the store and the service; a SQLite store that is both the adapter's ledger and the service's store;
 * Shopify's webhooks signed, verified, kept in the store's inbox and handed to the service.
 */

export const lira = (amount: number) => ({ amount, currency: 'TRY' });
export const staff = { kind: 'staff' as const, id: 'staff_7' };

const istanbul = {
  firstName: 'Mehmet',
  lastName: 'Yılmaz',
  line1: 'İstiklal Caddesi 10',
  city: 'İstanbul',
  postalCode: '34000',
  countryCode: 'TR',
};

/**
 * A Turkish order, prices including 20 % KDV, paid in full and delivered on 28 October 2026, four
 * days before the tests' clock starts (1 November 2026): a wool
 * sweater (600.00, KDV 100.00) and a scarf (240.00, KDV 40.00), free shipping, 840.00 in all.
 */
export function sweaterOrder(name: string): OrderInput {
  return {
    id: `ord_${name}`,
    source: { platform: 'custom', id: `ord_${name}`, name: `#${name}` },
    currency: 'TRY',
    taxesIncluded: true,
    createdAt: '2026-10-24T10:00:00Z',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: { id: 'cus_canon_mehmet', email: 'mehmet.yilmaz@example.com' },
    email: 'mehmet.yilmaz@example.com',
    billingAddress: istanbul,
    shippingAddress: istanbul,
    lines: [
      {
        id: 'sweater',
        productId: 'prod_rs_sweater',
        variantId: 'var_rs_5101',
        sku: 'KAZAK-YUN-M',
        title: 'Yün kazak',
        variantTitle: 'M',
        quantity: 1,
        unitPrice: lira(60000),
        taxLines: [{ title: 'KDV', rate: 0.2, amount: lira(10000) }],
        product: { tags: ['apparel'], type: 'Sweaters', vendor: 'Anadolu Örgü', categories: [] },
      },
      {
        id: 'scarf',
        productId: 'prod_rs_scarf',
        variantId: 'var_rs_5102',
        sku: 'SAL-IPEK',
        title: 'İpek şal',
        quantity: 1,
        unitPrice: lira(24000),
        taxLines: [{ title: 'KDV', rate: 0.2, amount: lira(4000) }],
        product: { tags: ['apparel'], type: 'Scarves', vendor: 'Anadolu Örgü', categories: [] },
      },
    ],
    shippingLines: [{ id: 'ship', title: 'Ücretsiz kargo', price: lira(0) }],
    fulfillments: [
      {
        id: 'ful',
        status: 'success',
        lines: [
          { lineItemId: 'sweater', quantity: 1 },
          { lineItemId: 'scarf', quantity: 1 },
        ],
        shippedAt: '2026-10-25T08:00:00Z',
        deliveredAt: '2026-10-28T12:00:00Z',
      },
    ],
    transactions: [
      {
        id: 'txn',
        kind: 'sale',
        status: 'success',
        gateway: 'iyzico',
        amount: lira(84000),
        createdAt: '2026-10-24T10:00:00Z',
      },
    ],
    totals: { subtotal: lira(84000), discounts: lira(0), shipping: lira(0), tax: lira(14000), total: lira(84000) },
  };
}

/** The same order placed on 31 October and not shipped yet. */
export function unshippedOrder(name: string): OrderInput {
  const order = sweaterOrder(name);
  return {
    ...order,
    createdAt: '2026-10-31T10:00:00Z',
    fulfillmentStatus: 'unfulfilled',
    fulfillments: [],
    transactions: (order.transactions ?? []).map((transaction) => ({
      ...transaction,
      createdAt: '2026-10-31T10:00:00Z',
    })),
  };
}

/**
 * Sweaters the shop sells beside the ordered one (prices include KDV): the same in L (600.00), in
 * cotton (450.00), in navy (650.00) and in cashmere (900.00). Shopify knows a variant once an order holds it.
 */
const catalogue: OrderInput = {
  id: 'ord_rs_catalogue',
  source: { platform: 'custom', id: 'ord_rs_catalogue', name: '#RS-0' },
  currency: 'TRY',
  taxesIncluded: true,
  createdAt: '2026-09-01T10:00:00Z',
  financialStatus: 'pending',
  fulfillmentStatus: 'unfulfilled',
  customer: null,
  email: 'stock@example.com',
  lines: [
    ['var_rs_5103', 'L', 60000],
    ['var_rs_5105', 'Pamuklu', 45000],
    ['var_rs_5106', 'Lacivert', 65000],
    ['var_rs_5104', 'Kaşmir', 90000],
  ].map(([variantId, variantTitle, price]) => ({
    id: `line_${variantId}`,
    productId: 'prod_rs_sweater',
    variantId: String(variantId),
    title: 'Yün kazak',
    variantTitle: String(variantTitle),
    quantity: 1,
    unitPrice: lira(Number(price)),
    taxLines: [{ title: 'KDV', rate: 0.2, amount: lira(Math.round(Number(price) / 6)) }],
  })),
  shippingLines: [],
  transactions: [],
  totals: {
    subtotal: lira(260000),
    discounts: lira(0),
    shipping: lira(0),
    tax: lira(10000 + 7500 + 10833 + 15000),
    total: lira(260000),
  },
};

/** The shop's policy: 30 days from delivery, store credit with a 10 % bonus, exchanges, items kept up to 300.00. */
export function shopPolicy(
  exchange: NonNullable<NonNullable<PolicyInput['resolutions']>['exchange']> = {
    enabled: true,
    priceDifference: 'customer_pays',
  },
): Policy {
  return definePolicy({
    schemaVersion: 1,
    id: 'kazak-evi-returns',
    version: 3,
    currency: 'TRY',
    window: { days: 30, from: 'delivery', transitDays: 3 },
    resolutions: {
      storeCredit: { enabled: true, bonusPercent: 10 },
      exchange,
      keepItem: { enabled: true, maximumValue: lira(30000) },
    },
  });
}

export interface ServiceHarness {
  service: ReturnService;
  /** Every event the service announced, in order. */
  announced: ReturnNotification[];
}

/** One emulator, adapter and store for a test file, and a return service made per test. */
export async function returnServiceWorld(emulatorOptions: ShopifyEmulatorOptions = {}) {
  const { emulator, clock } = await emulatorWithAdapter(emulatorOptions);
  const store = createSqliteStore({ filename: ':memory:', now: () => new Date(clock.now()) });
  await store.migrate();
  // The adapter the service drives keeps its idempotency ledger in the same store.
  const ledgered = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    random: () => 0.5,
    webhookSecret: emulator.webhookSecret,
    store,
  });
  const shop = canonicalShop(emulator);
  emulator.seedOrders([catalogue]);

  // Shopify's webhooks: signed deliveries to a real endpoint, kept once in the store's inbox.
  const server: Server = createServer(createShopifyNodeWebhookHandler({ adapter: ledgered, store }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  emulator.subscribeWebhooks({
    url,
    topics: ['refunds/create', 'returns/request', 'returns/approve', 'returns/decline', 'returns/close'],
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  let cases = 0;
  let orders = 0;
  const shopId = ledgered.shopId;

  return {
    emulator,
    adapter: ledgered,
    clock,
    store,
    shopId,
    variant: (seedId: string) => shop.variant(seedId),

    /** Seeds a fresh order and reads it back through the adapter, as an app would. */
    async order(make: (name: string) => OrderInput = sweaterOrder): Promise<Order> {
      orders += 1;
      const [seeded] = emulator.seedOrders([make(`RS-${1000 + orders}`)]);
      const read = seeded ? await ledgered.getOrder(seeded.id) : null;
      if (!read) throw new Error('the seeded order cannot be read back');
      return read;
    },

    /** A return service on this shop, its clock and ids injected. */
    service(options: { policy?: Policy; routing?: ReturnRoutingOptions } = {}): ServiceHarness {
      const announced: ReturnNotification[] = [];
      const events = createReturnEventBus();
      events.on('*', (event) => {
        announced.push(event);
      });
      const service = createReturnService({
        shopId,
        store,
        adapter: ledgered,
        policy: options.policy ?? shopPolicy(),
        shopTimeZone: 'Europe/Istanbul',
        routing: options.routing ?? { autoApproveUpTo: lira(70000) },
        shipping: createManualReturnShipping(() => ({ carrier: 'Yurtiçi Kargo', trackingNumber: 'YK-2210-4410' }), {
          designatedCarrier: 'Yurtiçi Kargo',
        }),
        events,
        now: () => new Date(clock.now()),
        newId: () => {
          cases += 1;
          return `rs${cases}`;
        },
      });
      return { service, announced };
    },

    /**
     * Waits for the webhooks Shopify sent, then processes the store's inbox, handing refunds and
     * returns to the service: what the service did with each, in order.
     */
    async deliverWebhooks(service: ReturnService): Promise<CommerceEventHandling[]> {
      await emulator.flushWebhooks();
      const handled: CommerceEventHandling[] = [];
      for (;;) {
        const round = await processShopifyWebhooks({
          adapter: ledgered,
          store,
          workerId: 'return-service-test',
          now: () => clock.now(),
          hooks: {
            onRefund: async (event) => {
              handled.push(await service.handleCommerceEvent(event));
            },
            onReturn: async (event) => {
              handled.push(await service.handleCommerceEvent(event));
            },
          },
        });
        if (round.failed > 0) throw new Error(`${round.failed} webhook deliveries failed to process`);
        if (round.completed === 0) return handled;
      }
    },

    /** The outbox rows written for a subject (a case or a refund record), oldest first. */
    async outbox(subjectId: string): Promise<OutboxEvent[]> {
      const events = await store.listUnpublishedOutboxEvents({ shopId, limit: 500 });
      return events.filter((event) => event.subjectId === subjectId);
    },

    /** The emulator's order (Shopify's side). */
    shopifyOrder(orderId: string) {
      const found = emulator.state.orders.get(orderId);
      if (!found) throw new Error(`Shopify has no order ${orderId}`);
      return found;
    },

    /** Sends a document to the Admin API as someone in Shopify's admin would, outside aftersale. */
    async admin<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const response = await emulator.fetch(`https://${emulator.shop}/admin/api/${emulator.apiVersion}/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': emulator.accessToken },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (!body.data || body.errors) throw new Error(`admin request failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
  };
}
