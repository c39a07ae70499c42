import {
  createManualReturnShipping,
  createReturnEventBus,
  createReturnService,
  type Order,
  type OutboxEvent,
  type Policy,
  type ReturnNotification,
  type ReturnServiceStore,
} from '@aftersale/core';
import { createSqliteStore, type SqlStore } from '@aftersale/storage';
import { createWooCommerceEmulator, type WooCommerceEmulator, type WooJson } from '@aftersale/testkit/emulators';
import type { WooCommerceAdapterStore } from '../src/create-woocommerce-adapter.js';
import { createWooCommerceAdapter, type WooCommerceAdapterSettings } from '../src/create-woocommerce-adapter.js';
import { manualClock, seedTurkishCatalogue } from './emulated-tr-shop.js';

/** When every order of the shop was placed (and, for completed ones, shipped). */
export const orderPlacedAt = Date.parse('2026-11-02T09:00:00Z');
/** A staff member, by id. */
export const staff = { kind: 'staff' as const, id: 'staff_1' };

/** What {@link returnServiceShop} takes. */
export interface ReturnServiceShopOptions {
  policy: Policy;
  /** Adapter settings over the defaults (gateway refunds, retries). */
  adapter?: Partial<WooCommerceAdapterSettings>;
  /** The store the adapter and the service see, made from the SQLite store (to inject a crash). */
  wrapStore?: (store: SqlStore) => ReturnServiceStore & WooCommerceAdapterStore;
}

/**
 * The return service with the WooCommerce adapter against the emulator and a SQLite store in memory,
 * everything on one manual clock that starts three days after the orders were placed (the adapter's
 * backoff advances it instead of waiting). The Turkish shop sells a glass set (100.00), a book
 * (72.50, reduced rate) and a T-shirt in sizes S (200.00) and M (220.00), all before KDV; its
 * customer is İsmail Şengüloğlu; the service's case ids are `ret_case1`, `ret_case2`, … in order.
 */
export async function returnServiceShop(options: ReturnServiceShopOptions) {
  const emulator: WooCommerceEmulator = await createWooCommerceEmulator();
  const shop = emulator.shop;
  const { set, book, shirt, small, medium, customer } = seedTurkishCatalogue(shop);

  const clock = manualClock(orderPlacedAt + 3 * 86_400_000);
  const now = () => new Date(clock.now());
  const sqlite = createSqliteStore({ filename: ':memory:', now });
  await sqlite.migrate();
  const store = options.wrapStore ? options.wrapStore(sqlite) : sqlite;
  const adapter = createWooCommerceAdapter({
    url: emulator.url,
    consumerKey: emulator.consumerKey,
    consumerSecret: emulator.consumerSecret,
    store,
    clock,
    ...options.adapter,
  });
  const shopId = adapter.shopId;
  const received: ReturnNotification[] = [];
  const events = createReturnEventBus();
  events.on('*', (event) => {
    received.push(event);
  });
  let ids = 0;
  const service = createReturnService({
    shopId,
    store,
    adapter,
    policy: options.policy,
    shopTimeZone: 'Europe/Istanbul',
    shipping: createManualReturnShipping(
      (input) => ({ carrier: 'Yurtiçi Kargo', trackingNumber: `YK-${input.caseId}` }),
      {
        designatedCarrier: 'Yurtiçi Kargo',
      },
    ),
    events,
    now,
    newId: () => `case${++ids}`,
  });

  /** Places an order of the customer's (or a guest's), paid, on {@link orderPlacedAt}. */
  function placeOrder(input: {
    lines: { productId: number; quantity: number }[];
    status?: 'processing' | 'completed';
    paymentMethod?: 'bacs' | 'emulated_card';
    shippingTotal?: string;
    /** A guest's order (no customer account), with this e-mail. */
    guestEmail?: string;
  }): WooJson {
    return shop.createOrder({
      ...(input.guestEmail === undefined
        ? { customerId: customer.id as number }
        : { billing: { email: input.guestEmail, country: 'TR', first_name: 'Misafir' } }),
      status: input.status ?? 'completed',
      ...(input.paymentMethod === 'emulated_card'
        ? { paymentMethod: 'emulated_card', paymentMethodTitle: 'Kredi Kartı' }
        : {}),
      lineItems: input.lines,
      shippingTotal: input.shippingTotal ?? '50.00',
      createdAt: new Date(orderPlacedAt),
    });
  }

  /** The order as the adapter reads it now. */
  async function order(orderId: string | number): Promise<Order> {
    const found = await adapter.getOrder(String(orderId));
    if (found === null) throw new Error(`the emulator has no order ${orderId}`);
    return found;
  }

  return {
    emulator,
    shop,
    adapter,
    service,
    store: sqlite,
    clock,
    shopId,
    customer,
    products: { set, book, shirt, small, medium },
    /** Every event the service delivered in-process, in order. */
    received,
    placeOrder,
    order,
    /** The ids of an order's lines, in order. */
    lineIds: (raw: WooJson) => (raw.line_items as { id: number }[]).map((line) => String(line.id)),
    /** The notes aftersale left on an order, oldest first. */
    notes: (orderId: string | number) =>
      (shop.notes.get(Number(orderId)) ?? [])
        .map((note) => note as { note: string; customer_note: boolean })
        .filter((note) => note.note.startsWith('aftersale · '))
        .reverse(),
    /** The refunds WooCommerce holds for an order, oldest first. */
    refunds: (orderId: string | number) => shop.orderRefunds(Number(orderId)).reverse(),
    /** The refund POSTs the adapter sent for an order. */
    refundPosts: (orderId: string | number) =>
      emulator.requests.filter((request) => request.method === 'POST' && request.path === `orders/${orderId}/refunds`),
    /** The shop's unpublished outbox events, oldest first. */
    outbox: (): Promise<OutboxEvent[]> => sqlite.listUnpublishedOutboxEvents({ shopId, limit: 500 }),
    /** Moves the shared clock on. */
    advance: (hours: number) => clock.advance(hours * 3_600_000),
    close: async () => {
      await emulator.close();
      await sqlite.close();
    },
  };
}

/** The SQLite store with a crash armed on one of its methods: the next call does its work (or not) and throws. */
export function crashingStore(method: keyof SqlStore, when: 'before' | 'after') {
  const armed = { next: false };
  const wrap = (store: SqlStore): ReturnServiceStore & WooCommerceAdapterStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property !== method) return value.bind(target);
        return async (...args: unknown[]) => {
          if (armed.next && when === 'before') {
            armed.next = false;
            throw new Error('process killed');
          }
          const result = await value.apply(target, args);
          if (armed.next && when === 'after') {
            armed.next = false;
            throw new Error('process killed');
          }
          return result;
        };
      },
    });
  return { armed, wrap };
}

/** The shop {@link returnServiceShop} builds. */
export type ReturnServiceShop = Awaited<ReturnType<typeof returnServiceShop>>;
