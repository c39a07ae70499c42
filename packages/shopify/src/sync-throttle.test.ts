import { generateShop } from '@aftersale/testkit';
import { describe, expect, it } from 'vitest';
import { emulatorWithAdapter, readShared } from '../test/shopify-test-support.js';
import { CostThrottle } from './cost-throttle.js';
import { parseRetryAfter } from './shopify-graphql-client.js';

describe('incremental sync under the cost throttle', async () => {
  // Shopify's standard plan: 2000 points restoring 100 per second, on a clock that jumps when waited on.
  const { emulator, adapter, clock } = await emulatorWithAdapter({
    throttle: { maximumAvailable: 2000, restoreRate: 100 },
  });
  const shop = generateShop({ seed: 2026, customers: 400, orders: 10_000 });
  emulator.seedCustomers(shop.customers);
  emulator.seedOrders(shop.orders);

  it('syncs 10,000 orders page by page with no THROTTLED error surfaced', { timeout: 600_000 }, async () => {
    const seen = new Set<string>();
    let refunded = 0;
    for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) {
      seen.add(order.id);
      if (order.refunds.length > 0) refunded++;
    }
    expect(seen.size).toBe(10_000);
    expect(refunded).toBe(shop.orders.filter((order) => order.refunds.length > 0).length);
    // The throttle paced every request before Shopify had to refuse one.
    const throttledAnswers = emulator.documents.filter((document) => document.throttled).length;
    expect(throttledAnswers).toBe(adapter.stats.throttled);
    expect(throttledAnswers).toBe(0);
    expect(adapter.stats.succeeded).toBe(adapter.stats.requests);
    // It waited on the injected clock, not in real time.
    expect(clock.slept).toBeGreaterThan(60_000);
  });
});

describe('throttling and retries', async () => {
  const { emulator, adapter } = await emulatorWithAdapter(
    { throttle: { maximumAvailable: 1000, restoreRate: 50 } },
    { plan: { maximumAvailable: 1000, restoreRate: 50 } },
  );
  const [seeded] = emulator.seedOrders(generateShop({ seed: 3, customers: 2, orders: 1 }).orders);

  it('waits out a THROTTLED answer sent with HTTP 200 and retries', async () => {
    emulator.injectFault({ kind: 'throttled', operation: 'AftersaleOrder' });
    const order = await adapter.getOrder(seeded?.id ?? '');
    expect(order?.id).toBe(seeded?.id);
    expect(adapter.stats.throttled).toBe(1);
    expect(emulator.pendingFaults()).toBe(0);
  });

  it('honours Retry-After on 429 and backs off on 5xx and dropped connections', async () => {
    emulator.injectFault(
      { kind: 'http-error', status: 429, retryAfter: '2.0', operation: 'AftersaleOrder' },
      { kind: 'http-error', status: 503, operation: 'AftersaleOrder' },
      { kind: 'http-error', status: 500, operation: 'AftersaleOrder' },
      { kind: 'connection-reset', operation: 'AftersaleOrder' },
    );
    const retries = adapter.stats.retries;
    expect((await adapter.getOrder(seeded?.id ?? ''))?.id).toBe(seeded?.id);
    expect(adapter.stats.retries - retries).toBe(4);
    expect(emulator.pendingFaults()).toBe(0);
  });

  it('gives up with a typed error after the last retry', async () => {
    emulator.injectFault(...Array.from({ length: 6 }, () => ({ kind: 'http-error' as const, status: 502 })));
    await expect(adapter.getOrder(seeded?.id ?? '')).rejects.toMatchObject({
      code: 'platform_unavailable',
      details: { operation: 'order' },
    });
    expect(emulator.pendingFaults()).toBe(0);
  });

  it('surfaces GraphQL errors as typed errors with the operation', async () => {
    await expect(adapter.getOrder('not-a-gid')).resolves.toBeNull();
  });
});

describe('CostThrottle', () => {
  it('adopts the bucket Shopify reports in the real THROTTLED sample', () => {
    let now = 0;
    const throttle = new CostThrottle(
      { maximumAvailable: 2000, restoreRate: 100 },
      {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      },
    );
    const sample = JSON.parse(readShared('platform/shopify/throttled-response.json')) as {
      errors: { extensions: { code: string } }[];
      extensions: {
        cost: {
          requestedQueryCost: number;
          throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
        };
      };
    };
    expect(sample.errors[0]?.extensions.code).toBe('THROTTLED');
    throttle.report('orders', sample.extensions.cost.requestedQueryCost, sample.extensions.cost.throttleStatus);
    expect(throttle.budget).toEqual({ maximumAvailable: 1000, restoreRate: 50 });
    // 752 requested, 666 available, 50 restored per second: 86 missing, so 1.72 s.
    expect(throttle.waitFor(752)).toBe(1720);
    expect(throttle.expectedCost('orders', 1)).toBe(752);
  });

  it('waits on the clock until the cost fits, then reserves it', async () => {
    let now = 0;
    const throttle = new CostThrottle(
      { maximumAvailable: 100, restoreRate: 10 },
      {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      },
    );
    await throttle.acquire(100);
    expect(now).toBe(0);
    await throttle.acquire(50);
    expect(now).toBe(5000);
    expect(Math.round(throttle.available())).toBe(0);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2.0', 0)).toBe(2000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
