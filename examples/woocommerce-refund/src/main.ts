// Refund one unit of an order's first line on WooCommerce: aftersale computes the plan (per-line
// refund_total and per-rate refund_tax) and issues it once under an idempotency key; a retry replays it.
// Runs against the emulator by default; with WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY and
// WOOCOMMERCE_CONSUMER_SECRET it reads a real shop and moves money only with --execute.
//   pnpm --filter @aftersale-example/woocommerce-refund start [--order <id>] [--execute]
import { parseArgs } from 'node:util';
import { computeRefund, formatMoney } from '@aftersale/core';
import { createMemoryStore } from '@aftersale/storage';
import { createWooCommerceEmulator, seedWooCommerceShop, type WooCommerceEmulator } from '@aftersale/testkit/emulators';
import { createWooCommerceAdapter } from '@aftersale/woocommerce';

const { values } = parseArgs({ options: { order: { type: 'string' }, execute: { type: 'boolean', default: false } } });
const real =
  process.env.WOOCOMMERCE_URL && process.env.WOOCOMMERCE_CONSUMER_KEY && process.env.WOOCOMMERCE_CONSUMER_SECRET;

function fail(message: string): never {
  throw new Error(message);
}

let emulator: WooCommerceEmulator | undefined;
try {
  const store = createMemoryStore();
  let orderId = values.order;
  let adapter: ReturnType<typeof createWooCommerceAdapter>;
  if (real) {
    // Consumer key and secret come from WOOCOMMERCE_CONSUMER_KEY / WOOCOMMERCE_CONSUMER_SECRET.
    adapter = createWooCommerceAdapter({ url: process.env.WOOCOMMERCE_URL ?? '', store });
    if (!orderId) fail('Give the order to refund: --order <id>');
  } else {
    emulator = await createWooCommerceEmulator();
    const seeded = seedWooCommerceShop(emulator.shop, { orders: 20, seed: 3 });
    orderId = String(seeded.orderIds[0] ?? fail('the emulator has no order'));
    adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
      store,
    });
  }
  const execute = !real || values.execute;

  const order = (await adapter.getOrder(orderId)) ?? fail(`order ${orderId} not found`);
  const line = order.lines.find((candidate) => candidate.quantity > 0) ?? fail('no refundable line');
  const plan = computeRefund(order, { lines: [{ lineItemId: line.id, quantity: 1 }] });
  console.log(`Order ${order.source.name}: refund 1 × ${line.title}`);
  for (const planned of plan.lines) {
    console.log(`  ${formatMoney(planned.amount, 'tr-TR')} + KDV ${formatMoney(planned.tax, 'tr-TR')}`);
  }
  console.log(`  total ${formatMoney(plan.total, 'tr-TR')}`);

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
    if (after.refunds.length !== order.refunds.length + 1) fail('expected exactly one new refund on the order');
    console.log(
      `Refunded ${formatMoney(plan.total, 'tr-TR')} as refund ${first.platformRefundId}; the retry replayed it.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
