// Refund one unit of an order's first line on Shopify: aftersale computes the plan, Shopify's
// suggestedRefund is compared with it, and the refund is issued once under an idempotency key (a retry
// replays it). Runs against the emulator by default; with SHOPIFY_SHOP and SHOPIFY_ACCESS_TOKEN it reads
// a real shop and moves money only with --execute.
//   pnpm --filter @aftersale-example/shopify-refund start [--order <id>] [--execute]
import { parseArgs } from 'node:util';
import { computeRefund, formatMoney } from '@aftersale/core';
import { createShopifyAdapter } from '@aftersale/shopify';
import { createMemoryStore } from '@aftersale/storage';
import { canonicalOrders } from '@aftersale/testkit';
import { createShopifyEmulator, type ShopifyEmulator } from '@aftersale/testkit/emulators';

const { values } = parseArgs({ options: { order: { type: 'string' }, execute: { type: 'boolean', default: false } } });
const real = process.env.SHOPIFY_SHOP && process.env.SHOPIFY_ACCESS_TOKEN;

function fail(message: string): never {
  throw new Error(message);
}

let emulator: ShopifyEmulator | undefined;
try {
  let orderId = values.order;
  const store = createMemoryStore();
  let adapter: ReturnType<typeof createShopifyAdapter>;
  if (real) {
    adapter = createShopifyAdapter({
      shop: process.env.SHOPIFY_SHOP ?? '',
      accessToken: process.env.SHOPIFY_ACCESS_TOKEN ?? '',
      store,
    });
    if (!orderId) fail('Give the order to refund: --order <id>');
  } else {
    emulator = await createShopifyEmulator();
    const source =
      canonicalOrders.find((order) => order.lines.length > 0 && order.financialStatus === 'paid') ??
      fail('no canonical order');
    const [seeded] = emulator.seedOrders([source]);
    orderId = seeded?.id ?? fail('the emulator did not take the order');
    adapter = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      store,
    });
  }
  const execute = !real || values.execute;

  const order = (await adapter.getOrder(orderId)) ?? fail(`order ${orderId} not found`);
  const line =
    order.lines.find((candidate) => candidate.quantity > 0 && !candidate.giftCard) ?? fail('no refundable line');
  const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: 1 }] });
  console.log(`${order.source.name}: refund 1 × ${line.title}`);
  for (const planned of plan.lines) {
    console.log(`  ${formatMoney(planned.amount, 'en-US')} + tax ${formatMoney(planned.tax, 'en-US')}`);
  }
  console.log(`  total ${formatMoney(plan.total, 'en-US')}`);

  const suggestion = await adapter.suggestRefund({
    orderId,
    lines: [{ lineItemId: line.id, quantity: 1 }],
    compareWith: plan,
  });
  if (suggestion.comparison?.agrees) console.log("Shopify's suggestedRefund agrees to the cent.");
  else console.log('Shopify disagrees:', JSON.stringify(suggestion.comparison?.disagreements));

  if (!execute) {
    console.log('Dry run: pass --execute to issue the refund on the real shop.');
  } else {
    const key = `example:${orderId}:${line.id}:1`;
    const first = await adapter.createRefund(plan, { idempotencyKey: key });
    if (first.outcome !== 'created') fail(`refund ${first.outcome}: ${JSON.stringify(first)}`);
    const again = await adapter.createRefund(plan, { idempotencyKey: key });
    if (again.outcome !== 'created' || !again.replayed)
      fail('a retry under the same key must replay, not refund again');
    const after = (await adapter.getOrder(orderId)) ?? fail('order vanished');
    const refunded = after.refunds.reduce((sum, refund) => sum + refund.total.amount, 0);
    const before = order.refunds.reduce((sum, refund) => sum + refund.total.amount, 0);
    if (refunded - before !== plan.total.amount)
      fail(`expected ${plan.total.amount} refunded, found ${refunded - before}`);
    console.log(`Refunded ${formatMoney(plan.total, 'en-US')} as ${first.platformRefundId}; the retry replayed it.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
