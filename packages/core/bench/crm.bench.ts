// Profiles, metrics and RFM for 1M generated orders of 100k customers, then BG/NBD + Gamma-Gamma fits on
// 23,000 simulated customers. Prints `crm profiles-per-second=<n> bgnbd-fit-ms=<m>` last.
// Run: pnpm exec tsx packages/core/bench/crm.bench.ts [--replicas 50]
//
// The orders come from @aftersale/testkit's shop generator. Testkit depends on core, so core cannot
// depend on it: its source is imported by path, with `@aftersale/core` pointed at core's own source so
// no build is needed. The generator picks each order's customer by a weighted draw over all customers,
// which is slow for 100k customers; so it makes a pool (two shops, Shopify and WooCommerce, 1,000
// customers and 10,000 orders each) that is replicated 50 times with new ids, e-mails and phones.
import { registerHooks } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { simulateCustomers } from '../src/crm/lifetime-value/simulate-customers.js';
import type { Customer, Order } from '../src/index.js';
import {
  createPurchaseHistory,
  fitBgNbd,
  fitGammaGamma,
  parseCustomer,
  parseOrder,
  rfmSegments,
  scoreRfm,
} from '../src/index.js';

const coreSource = new URL('../src/index.ts', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@aftersale/core') return { url: coreSource, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const replicas = argument('replicas', 50);
const poolCustomersPerShop = 1_000;
const poolOrdersPerShop = 10_000;

const generatorUrl = new URL('../../testkit/src/generator/generate-shop.ts', import.meta.url).href;
const generator = (await import(generatorUrl)) as {
  generateShop: (options: { seed: number; customers: number; orders: number; platform: 'shopify' | 'woocommerce' }) => {
    customers: unknown[];
    orders: unknown[];
  };
};

const generationStart = performance.now();
const pool = (['shopify', 'woocommerce'] as const).map((platform, index) => {
  const shop = generator.generateShop({
    seed: 20_260 + index,
    customers: poolCustomersPerShop,
    orders: poolOrdersPerShop,
    platform,
  });
  return { customers: shop.customers.map(parseCustomer), orders: shop.orders.map(parseOrder) };
});
const poolOrders = pool.flatMap((shop) => shop.orders).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
const poolCustomers = pool.flatMap((shop) => shop.customers);
const generationMs = performance.now() - generationStart;

// Each replica is a different set of people: new ids, e-mails (`r<n>.` prefixed) and phones (a unique
// subscriber number behind the original country and area prefix).
let nextSubscriber = 1_000_000;
function replicate(replica: number): { customers: Customer[]; orders: Order[] } {
  const phones = new Map<string, string>();
  const phone = (value: string | null | undefined): string | null => {
    if (!value) return null;
    let mapped = phones.get(value);
    if (mapped === undefined) {
      mapped = `${value.slice(0, -7)}${nextSubscriber++}`;
      phones.set(value, mapped);
    }
    return mapped;
  };
  const email = (value: string | null | undefined): string | null => (value ? `r${replica}.${value}` : null);
  const suffix = `-r${replica}`;
  const customers = poolCustomers.map((customer) => ({
    ...customer,
    id: customer.id + suffix,
    source: { ...customer.source, id: customer.source.id + suffix },
    email: email(customer.email),
    phone: phone(customer.phone),
    defaultAddress: customer.defaultAddress
      ? { ...customer.defaultAddress, phone: phone(customer.defaultAddress.phone) }
      : null,
  }));
  const orders = poolOrders.map((order) => ({
    ...order,
    id: order.id + suffix,
    source: { ...order.source, id: order.source.id + suffix },
    customer: order.customer ? { id: `${order.customer.id}${suffix}`, email: email(order.customer.email) } : null,
    email: email(order.email),
    billingAddress: order.billingAddress ? { ...order.billingAddress, phone: phone(order.billingAddress.phone) } : null,
    shippingAddress: order.shippingAddress
      ? { ...order.shippingAddress, phone: phone(order.shippingAddress.phone) }
      : null,
  }));
  return { customers, orders };
}

const now = new Date('2026-03-01T00:00:00.000Z');
// CPU time of this process (all its threads, the garbage collector's included): on a machine shared with
// other work, wall time also counts the waits for a core.
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
const history = createPurchaseHistory({ shopId: 'bench.myshopify.com', clock: () => now });
let buildMs = 0;
let buildCpuMs = 0;
let orderCount = 0;
let customerCount = 0;
for (let replica = 0; replica < replicas; replica++) {
  const { customers, orders } = replicate(replica);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const customer of customers) history.addCustomer(customer);
  for (const order of orders) history.addOrder(order);
  buildMs += performance.now() - start;
  buildCpuMs += cpuMs(process.cpuUsage(cpuStart));
  orderCount += orders.length;
  customerCount += customers.length;
}

const afterBuildCpu = process.cpuUsage();
const metricsStart = performance.now();
const profileIds = history.profileIds();
const customersWithMetrics = profileIds.map((profileId) => ({
  profileId,
  metrics: history.metrics(profileId, { now }),
}));
const metricsMs = performance.now() - metricsStart;

const rfmStart = performance.now();
const scores = scoreRfm(customersWithMetrics, { now });
const rfmMs = performance.now() - rfmStart;

const metricsAndRfmCpuMs = cpuMs(process.cpuUsage(afterBuildCpu));
const totalMs = buildMs + metricsMs + rfmMs;
const profilesPerSecond = Math.round(profileIds.length / (totalMs / 1000));
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const heapMiB = process.memoryUsage().heapUsed / 1024 / 1024;
const segmentCounts = rfmSegments.map(
  (segment) => `${segment}=${scores.filter((score) => score.segment === segment).length}`,
);

process.stdout.write(
  `crm profiles: orders=${orderCount} customers=${customerCount} profiles=${profileIds.length} (guest orders without a match are profiles of their own) merges=${history.merges().length}\n`,
);
process.stdout.write(
  `crm profiles: build-ms=${buildMs.toFixed(0)} metrics-ms=${metricsMs.toFixed(0)} rfm-ms=${rfmMs.toFixed(0)} orders-per-second=${Math.round(orderCount / (buildMs / 1000))} peak-rss-mib=${peakRssMiB.toFixed(0)} heap-used-mib=${heapMiB.toFixed(0)} (generating the pool took ${(generationMs / 1000).toFixed(1)} s, not counted)\n`,
);
process.stdout.write(
  `crm profiles: cpu-ms build=${buildCpuMs.toFixed(0)} metrics+rfm=${metricsAndRfmCpuMs.toFixed(0)} profiles-per-cpu-second=${Math.round(profileIds.length / ((buildCpuMs + metricsAndRfmCpuMs) / 1000))} load-average=${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores\n`,
);
process.stdout.write(`crm rfm (${scores[0]?.method ?? 'none'}): ${segmentCounts.join(' ')}\n`);

// BG/NBD + Gamma-Gamma on 23,000 simulated CDNOW-like customers (median of 3 rounds).
const fitTimes: number[] = [];
const fitCpuTimes: number[] = [];
for (let round = 0; round < 3; round++) {
  const simulated = simulateCustomers({
    bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
    count: 23_000,
    seed: 500 + round,
    minimumAge: 27,
    maximumAge: 39,
    currency: 'USD',
  });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  fitBgNbd(simulated);
  fitGammaGamma(simulated);
  fitTimes.push(performance.now() - start);
  fitCpuTimes.push(cpuMs(process.cpuUsage(cpuStart)));
}
const fitMs = [...fitTimes].sort((a, b) => a - b)[1] as number;
process.stdout.write(
  `crm lifetime-value: customers=23000 fit-ms=${fitTimes.map((time) => time.toFixed(0)).join(',')} cpu-ms=${fitCpuTimes.map((time) => time.toFixed(0)).join(',')} (BG/NBD + Gamma-Gamma)\n`,
);
process.stdout.write(`crm profiles-per-second=${profilesPerSecond} bgnbd-fit-ms=${fitMs.toFixed(0)}\n`);
