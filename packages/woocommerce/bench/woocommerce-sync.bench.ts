// pnpm --filter @aftersale/woocommerce bench
// Syncs 5,000 orders from the WooCommerce emulator (5 ms per page) through the adapter and through the
// bare client with the same concurrency; prints CPU time per order and the ratio.
import { runSyncBench } from './run-sync-bench.js';

const result = await runSyncBench({ orders: 5000, pageLatencyMs: 5, concurrency: 4, rounds: 7 });
console.log(
  `woocommerce-sync orders=${result.orders} adapter-cpu-per-order-us=${result.adapterCpuPerOrderUs.toFixed(1)} raw-client-cpu-per-order-us=${result.rawCpuPerOrderUs.toFixed(1)}`,
);
console.log(`woocommerce-sync ratio-vs-raw-client=${result.ratio.toFixed(2)}`);
