// Exchanges with a price difference, both ways, through the return service:
// - Shopify, an English customer: a linen shirt (£45.00) goes back for a cotton tee (£19.00); Shopify's
//   return carries the exchange line and the £26.00 difference is refunded in `returnProcess`.
// - WooCommerce, a Turkish customer: a tea-glass set goes back for a dearer teapot set; a replacement
//   order is made with the returned value credited and the customer gets a payment link for the rest.
// Each case is decided by the policy (exchanges on, the customer pays a dearer item), received,
// inspected and resolved, with its `exchange-created` message in the customer's language.
// Runs against the emulators by default. Against a real shop (SHOPIFY_SHOP and SHOPIFY_ACCESS_TOKEN, or
// WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET) give --order, --line and
// --variant: it shows the decision, and makes the exchange only with --execute.
//   pnpm --filter @aftersale-example/exchange start [--order <id> --line <id> --variant <id>] [--execute]
import { parseArgs } from 'node:util';
import {
  type AftersaleStore,
  createReturnEventBus,
  createReturnService,
  definePolicy,
  formatMoney,
  type Money,
  type Order,
  type ReturnNotification,
  type ReturnServiceAdapter,
} from '@aftersale/core';
import { createShopifyAdapter } from '@aftersale/shopify';
import { createSqliteStore } from '@aftersale/storage';
import { createShopifyEmulator, createWooCommerceEmulator } from '@aftersale/testkit/emulators';
import { createWooCommerceAdapter } from '@aftersale/woocommerce';

const { values } = parseArgs({
  options: {
    order: { type: 'string' },
    line: { type: 'string' },
    variant: { type: 'string' },
    execute: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  throw new Error(message);
}

const policy = (currency: string) =>
  definePolicy({
    schemaVersion: 1,
    id: 'exchanges-welcome',
    version: 1,
    currency,
    window: { days: 30, from: 'delivery', transitDays: 3 },
    resolutions: { exchange: { enabled: true, priceDifference: 'customer_pays' } },
  });

interface ExchangeRun {
  label: string;
  adapter: ReturnServiceAdapter & { shopId: string; getOrder(id: string): Promise<Order | null> };
  store: AftersaleStore;
  orderId: string;
  lineId: string;
  variantId: string;
  /** Why it goes back: a leaf of the policy's reason tree. */
  reason: string;
  /** The new item's price, tax included, for the decision's difference; unknown on a real shop. */
  newPrice?: Money;
  locale: string;
  timeZone: string;
  execute: boolean;
}

/** Decides, receives, inspects and exchanges one line; returns what was settled. */
async function exchangeOneLine(run: ExchangeRun) {
  console.log(`\n${run.label}`);
  const money = (value: Money) => formatMoney(value, run.locale);
  const order = (await run.adapter.getOrder(run.orderId)) ?? fail(`order ${run.orderId} not found`);
  const events: ReturnNotification[] = [];
  const bus = createReturnEventBus();
  bus.on('*', (event) => {
    events.push(event as ReturnNotification);
  });
  const service = createReturnService({
    shopId: run.adapter.shopId,
    store: run.store,
    adapter: run.adapter,
    policy: policy(order.currency),
    shopTimeZone: run.timeZone,
    events: bus,
  });
  const staff = { kind: 'staff' as const, id: 'warehouse-1' };
  const opened = await service.request({
    order,
    request: {
      lines: [
        {
          lineItemId: run.lineId,
          quantity: 1,
          reason: run.reason,
          resolution: 'exchange',
          ...(run.newPrice ? { exchangePrice: run.newPrice } : {}),
        },
      ],
    },
    locale: run.locale,
  });
  const decided = opened.decision.lines[0] ?? fail('no decision line');
  console.log(`  decision: ${opened.decision.status}: ${decided.explanation.text}`);
  const terms = decided.resolutions.find((option) => option.kind === 'exchange')?.priceDifference;
  if (!terms) fail('the policy offers no exchange for this line');
  if (terms.difference) {
    console.log(
      `  the new item costs ${money({ ...terms.difference, amount: Math.abs(terms.difference.amount) })} ${terms.difference.amount >= 0 ? 'more' : 'less'} than what was paid`,
    );
  }
  if (!run.execute) {
    console.log('  dry run: pass --execute to make the exchange on the real shop');
    return null;
  }
  if (opened.case.status !== 'approved') fail(`expected the case approved, got ${opened.case.status}`);
  await service.received(opened.case.id, { actor: staff });
  await service.inspect(opened.case.id, [{ lineItemId: run.lineId, quantity: 1, condition: 'as_expected' }], {
    actor: staff,
  });
  const result = await service.exchange(opened.case.id, {
    newLines: [{ variantId: run.variantId, quantity: 1 }],
    action: { actor: staff },
  });
  if (result.outcome !== 'exchanged') fail(`exchange ${result.outcome}`);
  const { exchange } = result;
  console.log(
    `  returned ${money(exchange.returnedValue)}, new item ${money(exchange.newItemsValue)}: difference ${money(exchange.difference)}`,
  );
  const again = await service.exchange(opened.case.id, {
    newLines: [{ variantId: run.variantId, quantity: 1 }],
    action: { actor: staff },
  });
  if (again.outcome !== 'exchanged' || !again.replayed || again.exchange.id !== exchange.id) {
    fail('a retried exchange must replay, not exchange again');
  }
  const closed = await service.close(opened.case.id, { actor: staff });
  const message = events.find((event) => event.type === 'exchange-created')?.payload.message;
  console.log(`  to the customer: ${message ?? fail('no exchange-created event')}`);
  console.log(`  case ${closed.id}: ${closed.status}; a retry moved nothing`);
  if (terms.difference && exchange.difference.amount !== terms.difference.amount) {
    fail(`the platform's difference ${money(exchange.difference)} is not the decision's ${money(terms.difference)}`);
  }
  return exchange;
}

const store = createSqliteStore({ filename: ':memory:' });
const closers: Array<() => Promise<void>> = [];
try {
  await store.migrate();
  const realShopify = process.env.SHOPIFY_SHOP && process.env.SHOPIFY_ACCESS_TOKEN;
  const realWoo = process.env.WOOCOMMERCE_URL && process.env.WOOCOMMERCE_CONSUMER_KEY;
  if (realShopify || realWoo) {
    const orderId = values.order ?? fail('Give the order: --order <id>');
    const lineId = values.line ?? fail('Give the line to exchange: --line <id>');
    const variantId = values.variant ?? fail('Give the variant to send instead: --variant <id>');
    const adapter = realShopify
      ? createShopifyAdapter({
          shop: process.env.SHOPIFY_SHOP ?? '',
          accessToken: process.env.SHOPIFY_ACCESS_TOKEN ?? '',
          store,
        })
      : createWooCommerceAdapter({
          url: process.env.WOOCOMMERCE_URL ?? '',
          consumerKey: process.env.WOOCOMMERCE_CONSUMER_KEY ?? '',
          consumerSecret: process.env.WOOCOMMERCE_CONSUMER_SECRET ?? '',
          store,
        });
    await exchangeOneLine({
      label: `${adapter.platform}: order ${orderId}`,
      adapter,
      store,
      orderId,
      lineId,
      variantId,
      reason: 'fit_other',
      locale: process.env.LOCALE ?? 'en-GB',
      timeZone: process.env.SHOP_TIME_ZONE ?? 'Europe/Istanbul',
      execute: values.execute,
    });
  } else {
    const placed = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const delivered = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const gbp = (amount: number) => ({ amount, currency: 'GBP' });

    // Shopify: the shirt's order, and the tee in the shop's catalogue (seeded through another order).
    const shopify = await createShopifyEmulator();
    closers.push(() => shopify.close());
    const line = (id: string, variantId: string, title: string, gross: number) => ({
      id,
      variantId,
      title,
      quantity: 1,
      unitPrice: gbp(gross),
      taxLines: [{ title: 'VAT', rate: 0.2, amount: gbp(gross / 6) }],
    });
    const order = (id: string, name: string, lines: ReturnType<typeof line>[]) => {
      const goods = lines.reduce((total, entry) => total + entry.unitPrice.amount, 0);
      const tax = lines.reduce((total, entry) => total + (entry.taxLines[0]?.amount.amount ?? 0), 0);
      return {
        id,
        source: { platform: 'shopify' as const, id, name },
        currency: 'GBP',
        taxesIncluded: true,
        createdAt: placed,
        financialStatus: 'paid' as const,
        fulfillmentStatus: 'fulfilled' as const,
        shippingAddress: { countryCode: 'GB' },
        lines,
        fulfillments: [
          {
            id: `${id}-ful`,
            lines: lines.map((entry) => ({ lineItemId: entry.id, quantity: 1 })),
            shippedAt: placed,
            deliveredAt: delivered,
          },
        ],
        transactions: [
          {
            id: `${id}-tx`,
            kind: 'sale' as const,
            status: 'success' as const,
            gateway: 'shopify_payments',
            amount: gbp(goods),
          },
        ],
        totals: { subtotal: gbp(goods), discounts: gbp(0), shipping: gbp(0), tax: gbp(tax), total: gbp(goods) },
      };
    };
    const [shirtOrder] = shopify.seedOrders([
      order('exchange-shirt-order', '#3001', [line('shirt', 'var_40001', 'Linen shirt (M)', 4500)]),
      order('catalogue-order', '#3000', [line('tee', 'var_40002', 'Cotton tee (L)', 1900)]),
    ]);
    const shopifyAdapter = createShopifyAdapter({
      shop: shopify.shop,
      accessToken: shopify.accessToken,
      fetch: shopify.fetch,
      store,
    });
    const shirtOrderId = shirtOrder?.id ?? fail('the shirt order was not seeded');
    const shirtLine = (await shopifyAdapter.getOrder(shirtOrderId))?.lines[0] ?? fail('no shirt line');
    const cheaper = await exchangeOneLine({
      label: 'Shopify: a linen shirt for a cheaper cotton tee (English customer)',
      adapter: shopifyAdapter,
      store,
      orderId: shirtOrderId,
      lineId: shirtLine.id,
      variantId: shopify.state.variantIdsBySeed.get('var_40002') ?? fail('no tee variant'),
      reason: 'fit_other',
      newPrice: gbp(1900),
      locale: 'en-GB',
      timeZone: 'Europe/London',
      execute: true,
    });
    if (cheaper?.settlement.kind !== 'refunded' || cheaper.settlement.amount.amount !== 2600) {
      fail(`expected £26.00 refunded, got ${JSON.stringify(cheaper?.settlement)}`);
    }
    const onShopify = (await shopifyAdapter.getOrder(shirtOrderId)) ?? fail('order vanished');
    if (onShopify.refunds.length !== 1 || onShopify.refunds[0]?.total.amount !== 2600) {
      fail(`expected one £26.00 refund on Shopify, found ${onShopify.refunds.length}`);
    }

    // WooCommerce: the tea-glass set's order; the teapot set is in the catalogue.
    const woo = await createWooCommerceEmulator();
    closers.push(() => woo.close());
    const glasses = woo.shop.createProduct({ name: 'Çay Bardağı Seti (6 adet)', sku: 'CAY-SET-6', price: '240.00' });
    const teapot = woo.shop.createProduct({ name: 'Demlik Takımı', sku: 'DEMLIK-2', price: '410.00' });
    const customer = woo.shop.createCustomer({
      email: 'zeynep@example.com',
      firstName: 'Zeynep',
      lastName: 'Kaya',
      billing: { country: 'TR' },
    });
    const glassOrder = woo.shop.createOrder({
      customerId: customer.id as number,
      status: 'completed',
      lineItems: [{ productId: glasses.id as number, quantity: 1 }],
      createdAt: new Date(placed),
    });
    const wooAdapter = createWooCommerceAdapter({
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
      store,
      locale: 'tr-TR',
    });
    const glassOrderId = String(glassOrder.id);
    const glassRead = (await wooAdapter.getOrder(glassOrderId)) ?? fail('no tea-glass order');
    const glassLine = glassRead.lines[0] ?? fail('no tea-glass line');
    // The teapot set as the customer sees its price: 410.00 and the 20 % KDV.
    const teapotPrice = { amount: 49200, currency: glassRead.currency };
    const dearer = await exchangeOneLine({
      label: 'WooCommerce: a tea-glass set for a dearer teapot set (Turkish customer)',
      adapter: wooAdapter,
      store,
      orderId: glassOrderId,
      lineId: glassLine.id,
      variantId: String(teapot.id),
      reason: 'changed_mind',
      newPrice: teapotPrice,
      locale: 'tr-TR',
      timeZone: 'Europe/Istanbul',
      execute: true,
    });
    if (dearer?.settlement.kind !== 'payment_due' || !dearer.settlement.paymentUrl || !dearer.newOrderId) {
      fail(`expected a replacement order with a payment link, got ${JSON.stringify(dearer?.settlement)}`);
    }
    const replacement = (await wooAdapter.getOrder(dearer.newOrderId)) ?? fail('no replacement order');
    console.log(
      `  replacement order #${replacement.source.name ?? replacement.id}: ${replacement.financialStatus}, to pay ${formatMoney(dearer.settlement.amount, 'tr-TR')}`,
    );
    if (replacement.totals.total.amount !== dearer.settlement.amount.amount) {
      fail('the replacement order does not ask for the difference');
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  for (const close of closers) await close();
  await store.close();
}
