import { parseOrder } from '@aftersale/core';
import { createWooCommerceEmulator, seedWooCommerceShop } from '@aftersale/testkit/emulators';
import { describe, expect, it } from 'vitest';
import { runSyncBench } from '../bench/run-sync-bench.js';
import { createWooCommerceAdapter } from '../src/create-woocommerce-adapter.js';

describe('the sync benchmark at smoke size', () => {
  it('syncs the same orders through the adapter and the bare client and reports a ratio', async () => {
    const result = await runSyncBench({
      orders: 150,
      pageLatencyMs: 1,
      concurrency: 2,
      rounds: 1,
      warmUps: 1,
      runs: 1,
    });
    expect(result.orders).toBe(150);
    expect(result.rawCpuPerOrderUs).toBeGreaterThan(0);
    expect(result.adapterCpuPerOrderUs).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.adapterCpuPerOrderUs / result.rawCpuPerOrderUs);
    expect(result.rounds).toHaveLength(1);
    const [round] = result.rounds;
    // Each side syncs in a process of its own; the main thread is part of the process.
    expect(round?.rawMainThreadCpuPerOrderUs).toBeGreaterThan(0);
    expect(round?.rawMainThreadCpuPerOrderUs).toBeLessThanOrEqual(round?.rawCpuPerOrderUs ?? 0);
    expect(round?.adapterMainThreadCpuPerOrderUs).toBeLessThanOrEqual(round?.adapterCpuPerOrderUs ?? 0);
    expect(result.mainThreadRatio).toBeCloseTo(
      (round?.adapterMainThreadCpuPerOrderUs ?? 0) / (round?.rawMainThreadCpuPerOrderUs ?? 1),
    );
  }, 60_000);

  it('syncs orders that core’s order schema accepts unchanged, though the sync does not run it', async () => {
    const emulator = await createWooCommerceEmulator();
    try {
      seedWooCommerceShop(emulator.shop, { orders: 250, seed: 42 });
      const adapter = createWooCommerceAdapter({
        url: emulator.url,
        consumerKey: emulator.consumerKey,
        consumerSecret: emulator.consumerSecret,
      });
      let count = 0;
      for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) {
        expect(parseOrder(order)).toEqual(order);
        count++;
      }
      expect(count).toBe(250);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
