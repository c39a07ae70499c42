import { type Order, sum, toDecimalString } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { canonicalCustomers, canonicalOrders } from '@aftersale/testkit';
import { createWooCommerceEmulator, type WooCommerceEmulator } from '@aftersale/testkit/emulators';
import { runAdapterConformance, type SeededCanonicalOrder } from '@aftersale/testkit/vitest';
import { createWooCommerceAdapter } from './create-woocommerce-adapter.js';

const webhookSecret = 'whsec_conformance_Çok-Gizli';

/** The canonical shop's taxes as WooCommerce tax rates, one tax class per market. */
const taxClassByCurrency: Record<string, string> = {
  TRY: '',
  EUR: 'de-standard',
  USD: 'us-standard',
  JPY: 'jp-standard',
};
const taxRates = [
  { id: 1, rate: 20, name: 'KDV', taxClass: '', shipping: true },
  { id: 2, rate: 19, name: 'MwSt', taxClass: 'de-standard', shipping: true },
  { id: 3, rate: 7.25, name: 'Sales tax', taxClass: 'us-standard', shipping: false },
  { id: 4, rate: 10, name: '消費税', taxClass: 'jp-standard', shipping: true },
];

const address = (order: Order, kind: 'billingAddress' | 'shippingAddress') => {
  const from = order[kind];
  return {
    first_name: from?.firstName ?? '',
    last_name: from?.lastName ?? '',
    address_1: from?.line1 ?? '',
    city: from?.city ?? '',
    state: from?.provinceCode ?? '',
    postcode: from?.postalCode ?? '',
    country: from?.countryCode ?? '',
    ...(kind === 'billingAddress' ? { email: order.email ?? '' } : {}),
  };
};

/**
 * Enters the canonical shop into the emulator as a merchant would: the customers, a product per line
 * (its tags, categories and brand), and each order through WooCommerce's own arithmetic in its own
 * currency; the canonical refund as a line refund.
 */
function seedCanonicalShop(emulator: WooCommerceEmulator) {
  const shop = emulator.shop;
  const customers = new Map<string, string>();
  for (const customer of canonicalCustomers) {
    const created = shop.createCustomer({
      email: customer.email ?? '',
      firstName: customer.firstName ?? '',
      lastName: customer.lastName ?? '',
      billing: {
        first_name: customer.firstName ?? '',
        last_name: customer.lastName ?? '',
        city: customer.defaultAddress?.city ?? '',
        postcode: customer.defaultAddress?.postalCode ?? '',
        country: customer.countryCode ?? '',
        email: customer.email ?? '',
      },
    });
    customers.set(customer.id, String(created.id));
  }
  const orders = new Map<string, SeededCanonicalOrder>();
  const variants = new Map<string, string>();
  for (const order of canonicalOrders) {
    const taxClass = taxClassByCurrency[order.currency] ?? '';
    const products = order.lines.map((line) =>
      shop.createProduct({
        name: line.title,
        sku: line.sku ?? '',
        price: toDecimalString(line.unitPrice),
        taxClass,
        tags: line.product.tags.map((tag) => ({ name: tag, slug: tag })),
        categories: line.product.categories.map((category) => ({ name: category, slug: category })),
        brands: line.product.vendor ? [{ name: line.product.vendor, slug: line.product.vendor.toLowerCase() }] : [],
      }),
    );
    order.lines.forEach((line, index) => {
      if (line.variantId) variants.set(line.variantId, String(products[index]?.id));
    });
    const shipping = order.shippingLines[0];
    const shippingNet =
      shipping === undefined
        ? null
        : order.taxesIncluded
          ? {
              amount:
                shipping.price.amount -
                sum(
                  shipping.taxLines.map((tax) => tax.amount),
                  order.currency,
                ).amount,
              currency: order.currency,
            }
          : shipping.price;
    const listed = order.lines.reduce((total, line) => total + line.unitPrice.amount * line.quantity, 0);
    const created = shop.createOrder({
      customerId: order.customer?.id ? Number(customers.get(order.customer.id)) : 0,
      currency: order.currency,
      billing: address(order, 'billingAddress'),
      shipping: address(order, 'shippingAddress'),
      lineItems: order.lines.map((line, index) => ({
        productId: products[index]?.id as number,
        quantity: line.quantity,
      })),
      shippingTotal: shippingNet === null ? null : toDecimalString(shippingNet),
      coupon:
        order.discountCodes[0] === undefined
          ? null
          : { code: order.discountCodes[0], percent: (order.totals.discounts.amount * 100) / listed },
      pricesIncludeTax: order.taxesIncluded,
      status: order.fulfillmentStatus === 'fulfilled' ? 'completed' : 'processing',
      // Paid by card, so refunds may go back through the gateway (`api_refund: true`).
      paymentMethod: 'emulated_card',
      paymentMethodTitle: 'Kredi Kartı',
      createdAt: new Date(order.createdAt),
    });
    const lineIds: Record<string, string> = {};
    order.lines.forEach((line, index) => {
      lineIds[line.id] = String((created.line_items as { id: number }[])[index]?.id);
    });
    const rateId = taxRates.find((rate) => rate.taxClass === taxClass)?.id ?? 0;
    for (const refund of order.refunds) {
      shop.createRefund(created.id as number, {
        api_refund: false,
        line_items: refund.lines.map((line) => ({
          id: lineIds[line.lineItemId] ?? '',
          quantity: line.quantity,
          refund_total: toDecimalString(line.subtotal),
          refund_tax: [{ id: rateId, refund_total: toDecimalString(line.tax) }],
        })),
      });
    }
    orders.set(order.id, { id: String(created.id), lineIds });
  }
  // The orders the suite creates (exchange replacement orders) are in EUR, whose market enters prices
  // with tax: new orders follow the shop's setting, as in WooCommerce.
  shop.settings.pricesIncludeTax = true;
  return { orders, customers, variants };
}

runAdapterConformance({
  name: 'woocommerce',
  capabilities: ['webhooks', 'store_credit', 'exchanges', 'cancellations', 'order_notes'],
  async setup() {
    const emulator = await createWooCommerceEmulator({ taxRates });
    const { orders, customers, variants } = seedCanonicalShop(emulator);
    const adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
      store: createMemoryStore(),
      webhookSecret,
      gatewayRefunds: true,
    });
    return {
      adapter,
      orders,
      customers,
      variants,
      missingOrderId: '999999',
      countPlatformRefunds: async (orderId) => emulator.shop.orderRefunds(Number(orderId)).length,
      async signedWebhook() {
        // A real delivery: an order update over REST, sent by the emulator exactly as WooCommerce signs it.
        emulator.addWebhook({ topic: 'order.updated', deliveryUrl: 'http://127.0.0.1:9/hooks', secret: webhookSecret });
        const orderId = orders.get('ord_canon_try')?.id ?? '';
        const basic = Buffer.from(`${emulator.consumerKey}:${emulator.consumerSecret}`).toString('base64');
        const response = await fetch(`${emulator.url}/wp-json/wc/v3/orders/${orderId}`, {
          method: 'PUT',
          headers: {
            authorization: `Basic ${basic}`,
            'x-forwarded-proto': 'https',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ status: 'completed' }),
        });
        if (response.status !== 200) throw new Error(`the emulator refused the update: HTTP ${response.status}`);
        const sent = (await emulator.deliverWebhooks()).find((delivery) => delivery.topic === 'order.updated');
        if (sent === undefined) throw new Error('the emulator sent no order.updated delivery');
        return { rawBody: sent.body, headers: sent.headers };
      },
      teardown: () => emulator.close(),
    };
  },
});
