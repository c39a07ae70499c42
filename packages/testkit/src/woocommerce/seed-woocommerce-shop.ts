import type { WooCommerceShop } from './woocommerce-shop.js';

/** Settings of {@link seedWooCommerceShop}. */
export interface SeedWooCommerceShopOptions {
  /** How many orders. */
  orders: number;
  /** How many registered customers. @default max(1, orders / 4) */
  customers?: number;
  /** The same seed gives the same shop. @default 1 */
  seed?: number;
  /** The first order's creation time; each next order is a few minutes later. @default 2026-01-01 */
  start?: Date;
  /** Share of guest orders (customer id 0). @default 0.2 */
  guestShare?: number;
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const firstNames = ['İsmail', 'Ayşe', 'Çağla', 'Gökhan', 'Şule', 'Ömer', 'John', 'Emma', 'Oğuz', 'Işıl'];
const lastNames = ['Şengüloğlu', 'Yılmaz', 'Öztürk', 'Kılıç', 'Smith', 'Doğan', 'Güneş', 'Brown'];
const catalogue = [
  { name: 'Çay Bardağı Seti', price: '100.00', taxClass: '', category: 'mutfak', tags: ['cam'] },
  {
    name: 'Kürk Mantolu Madonna',
    price: '72.50',
    taxClass: 'reduced-rate',
    category: 'kitaplar',
    tags: ['yeni-cikanlar'],
  },
  { name: 'Pamuklu Tişört', price: '220.00', taxClass: '', category: 'giyim', tags: ['pamuk'] },
  { name: 'Bakır Cezve', price: '349.90', taxClass: '', category: 'mutfak', tags: ['el-yapimi'] },
  { name: 'Kişiye Özel Kupa', price: '89.99', taxClass: '', category: 'hediyelik', tags: ['kisiye-ozel'] },
  { name: 'Yün Atkı', price: '159.00', taxClass: '', category: 'giyim', tags: ['kis'] },
];

/**
 * Fills an emulated WooCommerce shop with a realistic, deterministic catalogue, customers (Turkish
 * and English names) and orders: guest orders, coupons, fee lines, flat-rate shipping, both tax rates,
 * and some orders entered with tax-inclusive prices. Returns the ids created.
 */
export function seedWooCommerceShop(
  shop: WooCommerceShop,
  options: SeedWooCommerceShopOptions,
): { productIds: number[]; customerIds: number[]; orderIds: number[] } {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const productIds = catalogue.map(
    (item, index) =>
      shop.createProduct({
        name: item.name,
        sku: `SKU-${index + 1}`,
        price: item.price,
        taxClass: item.taxClass,
        categories: [{ name: item.category, slug: item.category }],
        tags: item.tags.map((tag) => ({ name: tag, slug: tag })),
      }).id as number,
  );
  const customerCount = options.customers ?? Math.max(1, Math.floor(options.orders / 4));
  const customerIds: number[] = [];
  for (let index = 0; index < customerCount; index++) {
    const firstName = pick(firstNames);
    const lastName = pick(lastNames);
    const customer = shop.createCustomer({
      email: `customer${index + 1}@example.com`,
      firstName,
      lastName,
      billing: {
        country: 'TR',
        city: pick(['İstanbul', 'Ankara', 'İzmir']),
        address_1: `Gül Sokak No: ${index + 1}`,
        phone: '+90 532 000 00 00',
      },
      shipping: { country: 'TR', city: 'İstanbul', address_1: `Gül Sokak No: ${index + 1}` },
    });
    customerIds.push(customer.id as number);
  }
  const start = (options.start ?? new Date('2026-01-01T08:00:00Z')).getTime();
  const guestShare = options.guestShare ?? 0.2;
  const orderIds: number[] = [];
  for (let index = 0; index < options.orders; index++) {
    const guest = next() < guestShare || customerIds.length === 0;
    const lineCount = 1 + Math.floor(next() * 3);
    const used = new Set<number>();
    const lineItems: { productId: number; quantity: number }[] = [];
    for (let line = 0; line < lineCount; line++) {
      const productId = pick(productIds);
      if (used.has(productId)) continue;
      used.add(productId);
      lineItems.push({ productId, quantity: 1 + Math.floor(next() * 3) });
    }
    const order = shop.createOrder({
      customerId: guest ? 0 : pick(customerIds),
      ...(guest
        ? {
            billing: {
              first_name: pick(firstNames),
              last_name: pick(lastNames),
              email: `guest${index + 1}@example.com`,
              country: 'TR',
            },
          }
        : {}),
      lineItems,
      shippingTotal: next() < 0.8 ? '50.00' : null,
      fees: next() < 0.1 ? [{ name: 'Hediye Paketi', total: '15.00' }] : [],
      coupon: next() < 0.15 ? { code: 'indirim10', percent: 10 } : null,
      pricesIncludeTax: next() < 0.2,
      status: next() < 0.5 ? 'completed' : 'processing',
      createdAt: new Date(start + index * 7 * 60_000),
    });
    orderIds.push(order.id as number);
  }
  return { productIds, customerIds, orderIds };
}
