// A CRM report of a WooCommerce shop: every order is read through the adapter into a purchase history,
// customers are grouped by RFM, their lifetime value and churn risk come from a BG/NBD and Gamma-Gamma
// fit, and the best customers at risk get a cross-sell suggestion from what others bought together.
// Customers are named by their profile id only: the report carries no personal data.
// Runs against the WooCommerce emulator seeded with a generated shop (buyers with realistic rhythms); with
// WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET it reads a real shop (it only
// reads: no money moves, so there is no --execute).
//   pnpm --filter @aftersale-example/crm-report start
import {
  buildCoPurchaseModel,
  churnRisk,
  createPurchaseHistory,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  formatMoney,
  type Money,
  type Order,
  probabilityAlive,
  recommendItems,
  rfmSegmentNames,
  savePurchaseHistory,
  scoreRfm,
  sum,
  summarizeTransactions,
} from '@aftersale/core';
import { createSqliteStore } from '@aftersale/storage';
import { generateShop } from '@aftersale/testkit';
import {
  createWooCommerceEmulator,
  seedWooCommerceFromGeneratedShop,
  type WooCommerceEmulator,
} from '@aftersale/testkit/emulators';
import { createWooCommerceAdapter } from '@aftersale/woocommerce';

function fail(message: string): never {
  throw new Error(message);
}

const real = process.env.WOOCOMMERCE_URL && process.env.WOOCOMMERCE_CONSUMER_KEY;
// The report's "today": the generated history ends on 1 March 2026.
const now = real ? new Date() : new Date('2026-03-01T00:00:00Z');
const store = createSqliteStore({ filename: ':memory:' });
let emulator: WooCommerceEmulator | undefined;
try {
  await store.migrate();
  let connection: { url: string; consumerKey: string; consumerSecret: string };
  if (real) {
    connection = {
      url: process.env.WOOCOMMERCE_URL ?? '',
      consumerKey: process.env.WOOCOMMERCE_CONSUMER_KEY ?? '',
      consumerSecret: process.env.WOOCOMMERCE_CONSUMER_SECRET ?? '',
    };
  } else {
    emulator = await createWooCommerceEmulator();
    const generated = generateShop({ seed: 42, customers: 1000, orders: 5000, platform: 'woocommerce', until: now });
    const seeded = seedWooCommerceFromGeneratedShop(emulator.shop, generated);
    console.log(`emulated shop: ${seeded.orderIds.size} orders of ${seeded.customerIds.size} customers`);
    connection = { url: emulator.url, consumerKey: emulator.consumerKey, consumerSecret: emulator.consumerSecret };
  }
  const adapter = createWooCommerceAdapter({ ...connection, store });
  const shopId = adapter.shopId;

  // Read every order once; the history matches customers by account, e-mail and phone.
  const history = createPurchaseHistory({ shopId, clock: () => now, defaultCountry: 'TR' });
  const profileOfOrder = new Map<string, string>();
  const orders: Order[] = [];
  for await (const order of adapter.listOrdersUpdatedSince(new Date(0), { pageSize: 100 })) {
    orders.push(order);
    profileOfOrder.set(order.id, history.addOrder(order));
  }
  const profileIds = history.profileIds();
  if (orders.length === 0) fail('the shop has no orders');
  const currency = orders[0]?.currency ?? fail('no currency');
  const money = (value: Money | null) => (value ? formatMoney(value, 'en-US') : '—');
  const metricsOf = new Map(profileIds.map((id) => [id, history.metrics(id, { now })]));

  // The shop in one line; the customers' net spend adds up to the orders' totals less their refunds.
  const paidOrders = orders.filter((order) => order.currency === currency && !order.cancelledAt);
  const shopNet = sum(
    paidOrders.map((order) => ({
      amount: order.totals.total.amount - order.refunds.reduce((total, refund) => total + refund.total.amount, 0),
      currency,
    })),
    currency,
  );
  const customersNet = sum(
    [...metricsOf.values()].flatMap((metrics) =>
      metrics.spend.filter((spend) => spend.currency === currency).map((spend) => spend.netSpend),
    ),
    currency,
  );
  console.log(`${orders.length} orders, ${profileIds.length} customer profiles, net revenue ${money(shopNet)}`);
  if (customersNet.amount !== shopNet.amount) {
    fail(`the customers' net spend ${money(customersNet)} does not add up to the shop's ${money(shopNet)}`);
  }

  // RFM groups, as Shopify's customer segments name them.
  const groups = scoreRfm(
    profileIds.map((profileId) => ({ profileId, metrics: metricsOf.get(profileId) ?? fail('no metrics') })),
    { now },
  );
  const bySegment = new Map<string, number>();
  for (const group of groups) bySegment.set(group.segment, (bySegment.get(group.segment) ?? 0) + 1);
  console.log('\nRFM groups');
  for (const [segment, count] of [...bySegment].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${rfmSegmentNames[segment as keyof typeof rfmSegmentNames].padEnd(22)} ${count}`);
  }
  if (groups.length !== profileIds.length) fail('every profile belongs to one RFM group');

  // Lifetime value over the next year, and the chance each customer is still buying.
  const summaries = summarizeTransactions(
    paidOrders.map((order) => ({
      customerId: profileOfOrder.get(order.id) ?? fail(`order ${order.id} has no profile`),
      purchasedAt: order.createdAt,
      amount: order.totals.total,
    })),
    { calibrationEnd: now.toISOString(), period: 'week', timeZone: 'Europe/Istanbul' },
  );
  const bgNbdFit = fitBgNbd(summaries);
  const gammaGamma = fitGammaGamma(summaries).parameters;
  const bgNbd = bgNbdFit.parameters;
  const valued = summaries
    .map((summary) => ({
      summary,
      value: customerLifetimeValue({ bgNbd, gammaGamma }, summary, {
        horizon: 52,
        discountRate: 0.01,
        discountStep: 52 / 12,
      }),
      alive: probabilityAlive(bgNbd, summary),
      risk: churnRisk(bgNbd, summary),
    }))
    .sort((a, b) => b.value.amount - a.value.amount);
  const expectedYear = sum(
    valued.map((entry) => entry.value),
    currency,
  );
  console.log(`\nlifetime value of the next 12 months, all customers: ${money(expectedYear)}`);
  console.log('top customers by expected value');
  for (const entry of valued.slice(0, 5)) {
    const metrics = metricsOf.get(entry.summary.customerId);
    console.log(
      `  ${entry.summary.customerId}  ${String(metrics?.orderCount ?? 0).padStart(3)} orders  spent ${money(metrics?.netSpend ?? null).padStart(12)}  next year ${money(entry.value).padStart(12)}  P(alive) ${entry.alive.toFixed(2)}  churn risk ${entry.risk.band}`,
    );
  }
  for (let index = 1; index < valued.length; index++) {
    if ((valued[index]?.value.amount ?? 0) > (valued[index - 1]?.value.amount ?? 0)) fail('the ranking is not sorted');
  }
  if (valued.some((entry) => entry.value.amount < 0 || entry.alive < 0 || entry.alive > 1)) {
    fail('a lifetime value is negative or a probability is outside 0..1');
  }

  // Valuable customers drifting away: who to win back, and with what.
  const model = buildCoPurchaseModel(history.baskets());
  const atRisk = valued.filter((entry) => entry.risk.band === 'high' || entry.risk.band === 'medium').slice(0, 3);
  console.log('\nworth winning back (medium or high churn risk, highest value first)');
  for (const entry of atRisk) {
    const owned = history.ownedItems(entry.summary.customerId);
    const offers = recommendItems(model, { seedItems: [...owned], ownedItems: owned, k: 3 });
    console.log(
      `  ${entry.summary.customerId}  last order ${metricsOf.get(entry.summary.customerId)?.daysSinceLastOrder ?? '—'} days ago  offer: ${offers.map((offer) => offer.item).join(', ') || '—'}`,
    );
    if (offers.some((offer) => owned.has(offer.item))) fail('a suggestion repeats something the customer owns');
  }

  const saved = await savePurchaseHistory(history, store, { now });
  console.log(`\n${saved.saved} customer profiles saved to the store`);
  if (saved.saved !== profileIds.length) fail(`expected ${profileIds.length} profiles saved, got ${saved.saved}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await store.close();
  await emulator?.close();
}
