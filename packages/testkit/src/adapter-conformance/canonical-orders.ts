import { type Customer, type Order, parseCustomer, parseOrder } from '@aftersale/core';

/**
 * The canonical shop every commerce adapter is tested on: two customers and four orders that between
 * them exercise what a refund decision reads. Each order's arithmetic is worked out by hand below and
 * checked by `parseOrder`; an adapter must read every one back with the same money, to the minor unit.
 *
 * - `ord_canon_eur`: EUR, prices include 19 % VAT, two lines, taxed shipping, fulfilled and delivered.
 * - `ord_canon_try`: TRY, prices exclude 20 % KDV, an order-level 10 % discount code, fulfilled.
 * - `ord_canon_usd`: USD, a guest order, 7.25 % sales tax, one unit already refunded, unfulfilled.
 * - `ord_canon_jpy`: JPY (no minor unit), prices include 10 % tax, taxed shipping, fulfilled.
 */

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const lira = (amount: number) => ({ amount, currency: 'TRY' });
const usd = (amount: number) => ({ amount, currency: 'USD' });
const yen = (amount: number) => ({ amount, currency: 'JPY' });

/** The canonical customers: Anna in Berlin (EUR, JPY orders) and Mehmet in Istanbul (TRY order). */
export const canonicalCustomers: readonly Customer[] = [
  parseCustomer({
    id: 'cus_canon_anna',
    source: { platform: 'custom', id: 'cus_canon_anna' },
    email: 'anna.schmidt@example.com',
    firstName: 'Anna',
    lastName: 'Schmidt',
    locale: 'de-DE',
    countryCode: 'DE',
    tags: ['newsletter'],
    createdAt: '2025-11-02T09:00:00Z',
    defaultAddress: { firstName: 'Anna', lastName: 'Schmidt', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
  }),
  parseCustomer({
    id: 'cus_canon_mehmet',
    source: { platform: 'custom', id: 'cus_canon_mehmet' },
    email: 'mehmet.yilmaz@example.com',
    firstName: 'Mehmet',
    lastName: 'Yılmaz',
    locale: 'tr-TR',
    countryCode: 'TR',
    createdAt: '2026-01-15T12:30:00Z',
    defaultAddress: {
      firstName: 'Mehmet',
      lastName: 'Yılmaz',
      city: 'İstanbul',
      postalCode: '34000',
      countryCode: 'TR',
    },
  }),
];

const berlin = {
  firstName: 'Anna',
  lastName: 'Schmidt',
  line1: 'Invalidenstraße 1',
  city: 'Berlin',
  postalCode: '10115',
  countryCode: 'DE',
};
const istanbul = {
  firstName: 'Mehmet',
  lastName: 'Yılmaz',
  line1: 'İstiklal Caddesi 10',
  city: 'İstanbul',
  postalCode: '34000',
  countryCode: 'TR',
};
const portland = {
  firstName: 'Sam',
  lastName: 'Lee',
  line1: '1 Main St',
  city: 'Portland',
  province: 'Oregon',
  provinceCode: 'OR',
  postalCode: '97201',
  countryCode: 'US',
};

/** The canonical orders, oldest first. */
export const canonicalOrders: readonly Order[] = [
  // 2 × 49.90 + 12.00 goods and 4.90 shipping, all VAT-inclusive at 19 %:
  // VAT 99.80 − 99.80/1.19 = 15.93; 12.00 − 12.00/1.19 = 1.92; 4.90 − 4.90/1.19 = 0.78; total 116.70.
  parseOrder({
    id: 'ord_canon_eur',
    source: { platform: 'custom', id: 'ord_canon_eur', name: 'C-1001' },
    currency: 'EUR',
    taxesIncluded: true,
    createdAt: '2026-09-01T10:00:00Z',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: { id: 'cus_canon_anna', email: 'anna.schmidt@example.com' },
    email: 'anna.schmidt@example.com',
    billingAddress: berlin,
    shippingAddress: berlin,
    lines: [
      {
        id: 'line_canon_eur_shirt',
        productId: 'prod_canon_shirt',
        variantId: 'var_canon_2001',
        sku: 'SHIRT-LINEN-M',
        title: 'Linen shirt',
        variantTitle: 'M',
        quantity: 2,
        unitPrice: eur(4990),
        taxLines: [{ title: 'MwSt', rate: 0.19, amount: eur(1593) }],
        product: { tags: ['apparel'], type: 'Shirts', vendor: 'Nordlinen', categories: ['summer'] },
      },
      {
        id: 'line_canon_eur_socks',
        productId: 'prod_canon_socks',
        variantId: 'var_canon_2002',
        sku: 'SOCKS-WOOL',
        title: 'Wool socks',
        quantity: 1,
        unitPrice: eur(1200),
        taxLines: [{ title: 'MwSt', rate: 0.19, amount: eur(192) }],
        product: { tags: ['hygiene'], type: 'Socks', vendor: 'Nordlinen', categories: [] },
      },
    ],
    shippingLines: [
      {
        id: 'ship_canon_eur',
        title: 'DHL Paket',
        price: eur(490),
        taxLines: [{ title: 'MwSt', rate: 0.19, amount: eur(78) }],
      },
    ],
    fulfillments: [
      {
        id: 'ful_canon_eur',
        status: 'success',
        lines: [
          { lineItemId: 'line_canon_eur_shirt', quantity: 2 },
          { lineItemId: 'line_canon_eur_socks', quantity: 1 },
        ],
        shippedAt: '2026-09-02T08:00:00Z',
        deliveredAt: '2026-09-04T14:00:00Z',
        tracking: [{ company: 'DHL', number: '00340434161094042557' }],
      },
    ],
    transactions: [
      {
        id: 'txn_canon_eur',
        kind: 'sale',
        status: 'success',
        gateway: 'shopify_payments',
        amount: eur(11670),
        createdAt: '2026-09-01T10:00:00Z',
      },
    ],
    totals: { subtotal: eur(11180), discounts: eur(0), shipping: eur(490), tax: eur(1863), total: eur(11670) },
  }),
  // 3 × 250.00 = 750.00, less WELCOME10 (75.00) = 675.00; KDV 20 % = 135.00; free shipping; total 810.00.
  parseOrder({
    id: 'ord_canon_try',
    source: { platform: 'custom', id: 'ord_canon_try', name: 'C-1002' },
    currency: 'TRY',
    taxesIncluded: false,
    createdAt: '2026-09-10T09:15:00Z',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: { id: 'cus_canon_mehmet', email: 'mehmet.yilmaz@example.com' },
    email: 'mehmet.yilmaz@example.com',
    billingAddress: istanbul,
    shippingAddress: istanbul,
    discountCodes: ['WELCOME10'],
    lines: [
      {
        id: 'line_canon_try_mug',
        productId: 'prod_canon_mug',
        variantId: 'var_canon_2003',
        sku: 'MUG-IZNIK',
        title: 'İznik mug',
        quantity: 3,
        unitPrice: lira(25000),
        discountAllocations: [{ amount: lira(7500), level: 'order', code: 'WELCOME10', title: 'WELCOME10' }],
        taxLines: [{ title: 'KDV', rate: 0.2, amount: lira(13500) }],
        product: { tags: ['ceramics'], type: 'Mugs', vendor: 'Çini Atölyesi', categories: ['kitchen'] },
      },
    ],
    shippingLines: [{ id: 'ship_canon_try', title: 'Ücretsiz kargo', price: lira(0) }],
    fulfillments: [
      {
        id: 'ful_canon_try',
        status: 'success',
        lines: [{ lineItemId: 'line_canon_try_mug', quantity: 3 }],
        shippedAt: '2026-09-11T07:00:00Z',
        deliveredAt: '2026-09-13T11:00:00Z',
      },
    ],
    transactions: [
      {
        id: 'txn_canon_try',
        kind: 'sale',
        status: 'success',
        gateway: 'iyzico',
        amount: lira(81000),
        createdAt: '2026-09-10T09:15:00Z',
      },
    ],
    totals: { subtotal: lira(75000), discounts: lira(7500), shipping: lira(0), tax: lira(13500), total: lira(81000) },
  }),
  // 2 × 19.99 = 39.98; tax 7.25 % = 2.90 (1.45 a unit); shipping 5.00 untaxed; total 47.88.
  // One unit refunded: 19.99 + 1.45 = 21.44.
  parseOrder({
    id: 'ord_canon_usd',
    source: { platform: 'custom', id: 'ord_canon_usd', name: 'C-1003' },
    currency: 'USD',
    taxesIncluded: false,
    createdAt: '2026-09-20T18:40:00Z',
    financialStatus: 'partially_refunded',
    fulfillmentStatus: 'unfulfilled',
    customer: null,
    email: 'guest.buyer@example.com',
    billingAddress: portland,
    shippingAddress: portland,
    lines: [
      {
        id: 'line_canon_usd_candle',
        productId: 'prod_canon_candle',
        variantId: 'var_canon_2004',
        sku: 'CANDLE-CEDAR',
        title: 'Cedar candle',
        quantity: 2,
        unitPrice: usd(1999),
        taxLines: [{ title: 'Sales tax', rate: 0.0725, amount: usd(290) }],
        product: { tags: ['home'], type: 'Candles', vendor: 'Cascade Wax', categories: [] },
      },
    ],
    shippingLines: [{ id: 'ship_canon_usd', title: 'USPS Ground', price: usd(500) }],
    refunds: [
      {
        id: 'rfd_canon_usd',
        createdAt: '2026-09-21T09:00:00Z',
        lines: [
          {
            lineItemId: 'line_canon_usd_candle',
            quantity: 1,
            subtotal: usd(1999),
            tax: usd(145),
            restockType: 'cancel',
          },
        ],
        total: usd(2144),
      },
    ],
    transactions: [
      {
        id: 'txn_canon_usd',
        kind: 'sale',
        status: 'success',
        gateway: 'stripe',
        amount: usd(4788),
        createdAt: '2026-09-20T18:40:00Z',
      },
      {
        id: 'txn_canon_usd_refund',
        kind: 'refund',
        status: 'success',
        gateway: 'stripe',
        amount: usd(2144),
        createdAt: '2026-09-21T09:00:00Z',
        parentId: 'txn_canon_usd',
      },
    ],
    totals: { subtotal: usd(3998), discounts: usd(0), shipping: usd(500), tax: usd(290), total: usd(4788) },
  }),
  // 2 × ¥1,500 = ¥3,000 and ¥500 shipping, 10 % tax included: ¥273 and ¥45; total ¥3,500.
  parseOrder({
    id: 'ord_canon_jpy',
    source: { platform: 'custom', id: 'ord_canon_jpy', name: 'C-1004' },
    currency: 'JPY',
    taxesIncluded: true,
    createdAt: '2026-10-05T03:00:00Z',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: { id: 'cus_canon_anna', email: 'anna.schmidt@example.com' },
    email: 'anna.schmidt@example.com',
    billingAddress: berlin,
    shippingAddress: berlin,
    lines: [
      {
        id: 'line_canon_jpy_tea',
        productId: 'prod_canon_tea',
        variantId: 'var_canon_2005',
        sku: 'TEA-SENCHA',
        title: 'Sencha tea',
        quantity: 2,
        unitPrice: yen(1500),
        taxLines: [{ title: '消費税', rate: 0.1, amount: yen(273) }],
        product: { tags: ['food'], type: 'Tea', vendor: 'Uji Farm', categories: ['pantry'] },
      },
    ],
    shippingLines: [
      {
        id: 'ship_canon_jpy',
        title: 'EMS',
        price: yen(500),
        taxLines: [{ title: '消費税', rate: 0.1, amount: yen(45) }],
      },
    ],
    fulfillments: [
      {
        id: 'ful_canon_jpy',
        status: 'success',
        lines: [{ lineItemId: 'line_canon_jpy_tea', quantity: 2 }],
        shippedAt: '2026-10-06T01:00:00Z',
        deliveredAt: '2026-10-10T05:00:00Z',
      },
    ],
    transactions: [
      {
        id: 'txn_canon_jpy',
        kind: 'sale',
        status: 'success',
        gateway: 'shopify_payments',
        amount: yen(3500),
        createdAt: '2026-10-05T03:00:00Z',
      },
    ],
    totals: { subtotal: yen(3000), discounts: yen(0), shipping: yen(500), tax: yen(318), total: yen(3500) },
  }),
];
