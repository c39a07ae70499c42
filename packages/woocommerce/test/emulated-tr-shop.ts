import { createMemoryStore } from '@aftersale/storage';
import { createWooCommerceEmulator, type WooCommerceEmulator } from '@aftersale/testkit/emulators';
import type { Clock } from '../src/clock.js';
import { createWooCommerceAdapter, type WooCommerceAdapterSettings } from '../src/create-woocommerce-adapter.js';

/** A clock whose sleep advances time at once (backoff never waits). */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * The Turkish shop's catalogue and customer on an emulated shop: a glass set (100.00), a book (72.50,
 * reduced rate), a T-shirt in sizes S (200.00) and M (220.00), all before KDV, and İsmail Şengüloğlu.
 */
export function seedTurkishCatalogue(shop: WooCommerceEmulator['shop']) {
  const set = shop.createProduct({ name: 'Çay Bardağı Seti', sku: 'CAY-SET-6', price: '100.00' });
  const book = shop.createProduct({ name: 'Kürk Mantolu Madonna', price: '72.50', taxClass: 'reduced-rate' });
  const shirt = shop.createProduct({ name: 'Pamuklu Tişört', sku: 'TSHIRT', price: '200.00' });
  const small = shop.createProduct({
    name: 'Pamuklu Tişört - S',
    sku: 'TSHIRT-S',
    price: '200.00',
    parentId: shirt.id as number,
    attributes: [{ name: 'Beden', option: 'S' }],
  });
  const medium = shop.createProduct({
    name: 'Pamuklu Tişört - M',
    sku: 'TSHIRT-M',
    price: '220.00',
    parentId: shirt.id as number,
    attributes: [{ name: 'Beden', option: 'M' }],
  });
  const customer = shop.createCustomer({
    email: 'ismail@example.com',
    firstName: 'İsmail',
    lastName: 'Şengüloğlu',
    billing: { country: 'TR', city: 'İstanbul', address_1: 'Gül Sokak No: 3', email: 'ismail@example.com' },
    shipping: { country: 'TR', city: 'İstanbul', address_1: 'Gül Sokak No: 3' },
  });
  return { set, book, shirt, small, medium, customer };
}

/**
 * A Turkish shop on the emulator (prices without tax, KDV 20 % standard and 10 % reduced), with a
 * glass set (100.00), a book (72.50, reduced rate), a T-shirt in sizes S (200.00) and M (220.00), a
 * customer, and her paid order: two glass sets, one book, 50.00 shipping, a 10 % coupon (347.78 in
 * all), and a card-paid order of one T-shirt S and one glass set with 50.00 shipping (420.00).
 */
export async function emulatedTurkishShop(settings: Partial<WooCommerceAdapterSettings> = {}) {
  const emulator: WooCommerceEmulator = await createWooCommerceEmulator();
  const shop = emulator.shop;
  const { set, book, shirt, small, medium, customer } = seedTurkishCatalogue(shop);
  const order = shop.createOrder({
    customerId: customer.id as number,
    lineItems: [
      { productId: set.id as number, quantity: 2 },
      { productId: book.id as number, quantity: 1 },
    ],
    shippingTotal: '50.00',
    coupon: { code: 'indirim10', percent: 10 },
  });
  const cardOrder = shop.createOrder({
    customerId: customer.id as number,
    paymentMethod: 'emulated_card',
    paymentMethodTitle: 'Kredi Kartı',
    lineItems: [
      { productId: small.id as number, quantity: 1 },
      { productId: set.id as number, quantity: 1 },
    ],
    shippingTotal: '50.00',
  });
  const clock = manualClock();
  const store = createMemoryStore({ now: () => new Date(clock.now()) });
  const adapter = createWooCommerceAdapter({
    url: emulator.url,
    consumerKey: emulator.consumerKey,
    consumerSecret: emulator.consumerSecret,
    store,
    clock,
    ...settings,
  });
  const lineIds = (raw: typeof order) => (raw.line_items as { id: number }[]).map((line) => String(line.id));
  return {
    emulator,
    adapter,
    store,
    clock,
    customer,
    products: { set, book, shirt, small, medium },
    order,
    orderId: String(order.id),
    orderLines: lineIds(order),
    cardOrder,
    cardOrderId: String(cardOrder.id),
    cardOrderLines: lineIds(cardOrder),
    /** Requests the adapter sent with this method to paths matching `path`. */
    sent: (method: string, path: RegExp) =>
      emulator.requests.filter((request) => request.method === method && path.test(request.path)),
  };
}

/** The shop {@link emulatedTurkishShop} builds. */
export type EmulatedTurkishShop = Awaited<ReturnType<typeof emulatedTurkishShop>>;
