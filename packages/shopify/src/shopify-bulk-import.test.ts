import type { BulkImportProgress, Order } from '@aftersale/core';
import { generateShop } from '@aftersale/testkit';
import { describe, expect, it } from 'vitest';
import { emulatorWithAdapter } from '../test/shopify-test-support.js';
import { readLines } from './shopify-bulk-import.js';

describe('bulk import', async () => {
  const { emulator, adapter, clock } = await emulatorWithAdapter({ bulkDurationMs: 6000 });
  const shop = generateShop({ seed: 404, customers: 40, orders: 200 });
  emulator.seedCustomers(shop.customers);
  emulator.seedOrders(shop.orders, (_order, index) => ({
    updatedAt: new Date(Date.parse('2026-05-01T00:00:00Z') + index * 60_000).toISOString(),
  }));

  it('imports the same orders as paging does, streaming a grouped JSONL export with progress', {
    timeout: 60_000,
  }, async () => {
    const paged = new Map<string, Order>();
    for await (const order of adapter.listOrdersUpdatedSince(new Date(0), { pageSize: 4 })) paged.set(order.id, order);
    const progress: BulkImportProgress[] = [];
    const started = clock.now();
    const bulk = new Map<string, Order>();
    for await (const order of adapter.bulkImportOrders({ onProgress: (entry) => progress.push(entry) })) {
      bulk.set(order.id, order);
    }
    expect(bulk.size).toBe(200);
    expect([...bulk.keys()].sort()).toEqual([...paged.keys()].sort());
    for (const [id, order] of bulk) expect(order).toEqual(paged.get(id));
    // It polled on the clock while the operation ran, then reported orders as they streamed.
    expect(clock.now() - started).toBeGreaterThanOrEqual(6000);
    expect(progress.some((entry) => entry.status === 'RUNNING')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ orders: 200, status: 'COMPLETED' });
    expect(progress.at(-1)?.objects).toBeGreaterThan(200);
    const run = emulator.documents.find((document) => document.operationName === 'AftersaleBulkRun');
    expect(run?.variables.groupObjects).toBe(true);
  });

  it('imports only orders updated since a time', async () => {
    const since = new Date(Date.parse('2026-05-01T00:00:00Z') + 150 * 60_000);
    const ids: string[] = [];
    for await (const order of adapter.bulkImportOrders({ updatedSince: since })) ids.push(order.id);
    expect(ids).toHaveLength(50);
  });

  it('reads JSONL split anywhere, never holding more than a line', async () => {
    const text = '{"a":1}\n{"b":"ü"}\n\n{"c":3}';
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < bytes.length; index += 3) controller.enqueue(bytes.slice(index, index + 3));
        controller.close();
      },
    });
    const lines: string[] = [];
    for await (const line of readLines(body)) lines.push(line);
    expect(lines).toEqual(['{"a":1}', '{"b":"ü"}', '{"c":3}']);
  });
});
