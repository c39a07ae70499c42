import { describe, expect, it } from 'vitest';
import { runSyncBench } from '../bench/run-sync-bench.js';

describe('the sync benchmark at smoke size', () => {
  it('syncs the same orders through the adapter and the bare client and reports a ratio', async () => {
    const result = await runSyncBench({ orders: 150, pageLatencyMs: 1, concurrency: 2, rounds: 1 });
    expect(result.orders).toBe(150);
    expect(result.rawCpuPerOrderUs).toBeGreaterThan(0);
    expect(result.adapterCpuPerOrderUs).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.adapterCpuPerOrderUs / result.rawCpuPerOrderUs);
  }, 60_000);
});
