// `pnpm bench`: how much of Shopify's standard-plan budget an incremental order sync uses.
//
// The emulator throttles like Shopify's standard plan (a 2000-point bucket restoring 100 points a
// second) on the real clock. The adapter syncs orders until its throttle first has to wait (the
// initial bucket is spent), then for a fixed window; the bench prints the actual cost of the
// successful queries in the window per second, over the restore rate, and fails if Shopify (the
// emulator) answered THROTTLED even once. Settings: BENCH_SECONDS (default 30), BENCH_ORDERS (3000).

import { generateShop } from '@aftersale/testkit';
import { createShopifyEmulator } from '@aftersale/testkit/emulators';
import { type Clock, createShopifyAdapter, shopifyPlanBudgets, systemClock } from '../src/index.js';

const windowSeconds = Number(process.env.BENCH_SECONDS ?? 30);
const orderCount = Number(process.env.BENCH_ORDERS ?? 3000);
const budget = shopifyPlanBudgets.standard;

const emulator = await createShopifyEmulator({ throttle: budget });
const shop = generateShop({ seed: 2026, customers: Math.ceil(orderCount / 20), orders: orderCount });
emulator.seedCustomers(shop.customers);
emulator.seedOrders(shop.orders);

interface Snapshot {
  at: number;
  cost: number;
  requests: number;
}
/** When the window began: set by the clock the first time the throttle waits. */
const measured: { start: Snapshot | null } = { start: null };
const snapshot = (): Snapshot => ({
  at: performance.now(),
  cost: adapter.stats.actualCost,
  requests: adapter.stats.succeeded,
});
const windowOver = (): boolean =>
  measured.start !== null && performance.now() - measured.start.at >= windowSeconds * 1000;
let measuring = true;
// The real clock, noting when the throttle first waits: from then on the sync is paced by the restore rate.
const clock: Clock = {
  now: systemClock.now,
  sleep: (milliseconds, signal) => {
    measured.start ??= snapshot();
    return systemClock.sleep(milliseconds, signal);
  },
};
const adapter = createShopifyAdapter({
  shop: emulator.shop,
  accessToken: emulator.accessToken,
  fetch: emulator.fetch,
  clock,
  plan: 'standard',
});

const controller = new AbortController();
const deadline = setInterval(() => {
  if (windowOver()) {
    measuring = false;
    controller.abort();
  }
}, 50);

let synced = 0;
let end: Snapshot | null = null;
try {
  while (measuring) {
    for await (const _order of adapter.listOrdersUpdatedSince(new Date(0), { signal: controller.signal })) {
      synced++;
      if (windowOver()) {
        end = snapshot();
        measuring = false;
        break;
      }
    }
  }
} catch (error) {
  if (!controller.signal.aborted) throw error;
} finally {
  clearInterval(deadline);
}
end ??= snapshot();
await emulator.close();

const start = measured.start;
if (start === null) throw new Error('The sync never spent the initial bucket: seed more orders (BENCH_ORDERS).');
const seconds = (end.at - start.at) / 1000;
const utilization = (end.cost - start.cost) / seconds / budget.restoreRate;
const throttled = emulator.documents.filter((document) => document.throttled).length;
console.log(
  `shopify-sync window=${seconds.toFixed(1)}s orders=${synced} requests=${end.requests - start.requests} actual-cost=${end.cost - start.cost} restore-rate=${budget.restoreRate}/s throttled=${throttled}`,
);
console.log(`shopify-sync budget-utilization=${utilization.toFixed(3)}`);
if (throttled > 0) {
  console.error(`shopify-sync: ${throttled} THROTTLED responses; none are allowed.`);
  process.exitCode = 1;
}
