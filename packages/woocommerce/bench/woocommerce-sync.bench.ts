// pnpm --filter @aftersale/woocommerce bench
// Syncs 5,000 orders from the WooCommerce emulator (5 ms per page) through the adapter and through the
// bare client with the same concurrency, each side in a process of its own; prints CPU time per order
// and the ratio.
import { runSyncBench } from './run-sync-bench.js';

const result = await runSyncBench({ orders: 5000, pageLatencyMs: 5, concurrency: 4, rounds: 7 });
console.log(
  `woocommerce-sync orders=${result.orders} adapter-cpu-per-order-us=${result.adapterCpuPerOrderUs.toFixed(1)} raw-client-cpu-per-order-us=${result.rawCpuPerOrderUs.toFixed(1)}`,
);
console.log(
  `woocommerce-sync rounds (raw/adapter µs per order = ratio): ${result.rounds
    .map(
      (round) =>
        `${round.rawCpuPerOrderUs.toFixed(1)}/${round.adapterCpuPerOrderUs.toFixed(1)}=${round.ratio.toFixed(2)}`,
    )
    .join(' ')}`,
);
console.log(`woocommerce-sync main-thread-ratio=${result.mainThreadRatio.toFixed(2)}`);
console.log(`woocommerce-sync ratio-vs-raw-client=${result.ratio.toFixed(2)}`);
