import { describe, expect, it } from 'vitest';
import { ratioLine, ratioWithoutValidationLine, runStorageBench } from '../bench/run-storage-bench.js';

describe('storage bench (smoke size)', () => {
  it('runs every workload through the store and the driver, and prints the ratio line', async () => {
    const lines: string[] = [];
    const results = await runStorageBench({ orders: 300, complaintEvents: 200, inboxItems: 40, workers: 4 }, (line) =>
      lines.push(line),
    );
    const sqlite = results.find((result) => result.backend === 'sqlite');
    expect(sqlite?.workloads.map((workload) => workload.workload)).toEqual([
      'upsert 300 orders',
      'append 200 complaint events',
      'enqueue-claim-complete 40 inbox items, 4 workers',
    ]);
    for (const result of results) {
      for (const workload of result.workloads) {
        expect(workload.ratio).toBeGreaterThan(0);
        expect(workload.validationMs).toBeGreaterThan(0);
        expect(workload.ratioWithoutValidation).toBeLessThan(workload.ratio);
      }
    }
    expect(ratioWithoutValidationLine(results)).toMatch(
      /^storage ratio-vs-driver without validation sqlite=-?\d+\.\d\d postgres=(-?\d+\.\d\d|n\/a)$/,
    );
    expect(ratioLine(results)).toMatch(/^storage ratio-vs-driver sqlite=\d+\.\d\d postgres=(\d+\.\d\d|n\/a)$/);
    expect(lines[0]).toMatch(
      /^validation \(zod, on its own\): 300 orders \d+ ms, 200 complaint events \d+ ms, 40 inbox deliveries \d+ ms$/,
    );
  }, 60_000);
});
