import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AftersaleStore, type Order, safeParseOrder } from '@aftersale/core';
import { generateShop } from '@aftersale/testkit';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore, createSqliteStore } from '../src/index.js';

/**
 * The storage benchmark: three workloads, each through the store and as the same SQL with the same
 * batching sent straight through the driver (the floor). Validation (zod, `parseOrder`) is timed on
 * its own, so its share is visible.
 */
export interface BenchSizes {
  orders: number;
  complaintEvents: number;
  inboxItems: number;
  workers: number;
}

export const fullSizes: BenchSizes = { orders: 100_000, complaintEvents: 100_000, inboxItems: 10_000, workers: 4 };

export interface WorkloadResult {
  workload: string;
  storeMs: number;
  driverMs: number;
  ratio: number;
}

export interface BackendResult {
  backend: 'sqlite' | 'postgres';
  where: string;
  workloads: WorkloadResult[];
  validationMs: number;
  /** The worst workload's ratio. */
  ratio: number;
}

const orderBatch = 1000;
const sqlBatch = 500;
const eventsPerCall = 100;
const claimBatch = 10;
const shopId = 'bench.myshopify.com';

/** `count` realistic orders: a generated shop, repeated with fresh ids when more are asked for. */
export function benchOrders(count: number): Order[] {
  const base = generateShop({
    seed: 5,
    customers: Math.max(10, Math.floor(count / 40)),
    orders: Math.min(count, 10_000),
  }).orders;
  return Array.from({ length: count }, (_, index) => {
    const order = base[index % base.length] as Order;
    const round = Math.floor(index / base.length);
    return round === 0 ? order : { ...order, id: `${order.id}-r${round}` };
  });
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
};

async function time(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const orderColumns = ['shop_id', 'order_id', 'customer_id', 'email', 'created_at', 'stored_at', 'anonymized', 'data'];
const orderRow = (order: Order, storedAt: string) => [
  shopId,
  order.id,
  order.customer?.id ?? null,
  order.email ?? order.customer?.email ?? null,
  new Date(order.createdAt).toISOString(),
  storedAt,
  0,
  JSON.stringify(order),
];

/** A minimal driver interface over better-sqlite3 and pg, so the floor code is written once. */
interface RawDriver {
  placeholder(index: number): string;
  query(text: string, values: unknown[]): Promise<Array<Record<string, unknown>>>;
  transaction(work: (query: RawDriver['query']) => Promise<void>): Promise<void>;
  close(): Promise<void>;
  skipLocked: string;
  table(name: string): string;
}

function sqliteDriver(filename: string): RawDriver {
  const database = new Database(filename, { timeout: 5000 });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const statements = new Map<string, Database.Statement>();
  const query = async (text: string, values: unknown[]) => {
    let statement = statements.get(text);
    if (statement === undefined) {
      statement = database.prepare(text);
      statements.set(text, statement);
    }
    if (statement.reader) return statement.all(...values) as Array<Record<string, unknown>>;
    statement.run(...values);
    return [];
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    placeholder: () => '?',
    query: (text, values) => {
      const result = queue.then(() => query(text, values));
      queue = result.catch(() => undefined);
      return result;
    },
    transaction: (work) => {
      const result = queue.then(async () => {
        database.exec('begin immediate');
        try {
          await work(query);
          database.exec('commit');
        } catch (error) {
          database.exec('rollback');
          throw error;
        }
      });
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      database.close();
    },
    skipLocked: '',
    table: (name) => `"${name}"`,
  };
}

function postgresDriver(connectionString: string, schema: string): RawDriver {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return {
    placeholder: (index) => `$${index}`,
    query: async (text, values) => (await pool.query(text, values)).rows,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await work(async (text, values) => (await client.query(text, values)).rows);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    skipLocked: ' for update skip locked',
    table: (name) => `"${schema}"."${name}"`,
  };
}

function values(driver: RawDriver, rows: unknown[][]): { text: string; flat: unknown[] } {
  let index = 0;
  const text = rows.map((row) => `(${row.map(() => driver.placeholder(++index)).join(', ')})`).join(', ');
  return { text, flat: rows.flat() };
}

async function driverUpsertOrders(driver: RawDriver, orders: readonly Order[]): Promise<void> {
  const update = orderColumns
    .filter((column) => column !== 'shop_id' && column !== 'order_id')
    .map((column) => `"${column}" = "excluded"."${column}"`)
    .join(', ');
  for (const batch of chunk(orders, orderBatch)) {
    await driver.transaction(async (query) => {
      const storedAt = new Date().toISOString();
      for (const part of chunk(batch, sqlBatch)) {
        const { text, flat } = values(
          driver,
          part.map((order) => orderRow(order, storedAt)),
        );
        await query(
          `insert into ${driver.table('aftersale_orders')} (${orderColumns.map((column) => `"${column}"`).join(', ')}) values ${text} on conflict ("shop_id", "order_id") do update set ${update}`,
          flat,
        );
      }
    });
  }
}

async function driverAppendEvents(driver: RawDriver, complaints: number, perComplaint: number, prefix: string) {
  const at = new Date().toISOString();
  for (let complaint = 0; complaint < complaints; complaint += 1) {
    for (let start = 0; start < perComplaint; start += eventsPerCall) {
      await driver.transaction(async (query) => {
        const id = `cmp_${prefix}${complaint}`;
        const p = driver.placeholder;
        await query(
          `select "id" from ${driver.table('aftersale_complaints')} where "shop_id" = ${p(1)} and "id" = ${p(2)}`,
          [shopId, id],
        );
        const [last] = await query(
          `select max("sequence") as "sequence" from ${driver.table('aftersale_complaint_events')} where "shop_id" = ${p(1)} and "complaint_id" = ${p(2)}`,
          [shopId, id],
        );
        const base = Number(last?.sequence ?? 0);
        const rows = Array.from({ length: Math.min(eventsPerCall, perComplaint - start) }, (_, index) => [
          shopId,
          id,
          base + index + 1,
          'message-received',
          at,
          'customer',
          null,
          JSON.stringify({ channel: 'email' }),
        ]);
        const { text, flat } = values(driver, rows);
        await query(
          `insert into ${driver.table('aftersale_complaint_events')} ("shop_id", "complaint_id", "sequence", "type", "at", "actor", "note", "data") values ${text}`,
          flat,
        );
      });
    }
  }
}

async function driverInbox(driver: RawDriver, items: number, workers: number, prefix: string) {
  const p = driver.placeholder;
  const at = new Date().toISOString();
  for (let index = 0; index < items; index += 1) {
    await driver.query(
      `insert into ${driver.table('aftersale_webhook_inbox')} ("id", "shop_id", "platform", "topic", "dedupe_key", "raw_body", "headers", "status", "attempts", "received_at", "available_at", "lease_token", "lease_expires_at", "last_error", "completed_at") values (${Array.from({ length: 15 }, (_, position) => p(position + 1)).join(', ')}) on conflict ("shop_id", "dedupe_key") do nothing returning *`,
      [
        `whk_${prefix}${index}`,
        shopId,
        'shopify',
        'orders/updated',
        `${prefix}${index}`,
        `{"id":${index}}`,
        '{}',
        'pending',
        0,
        at,
        at,
        null,
        null,
        null,
        null,
      ],
    );
  }
  const worker = async (name: string) => {
    for (;;) {
      const now = new Date();
      const token = `lease_${name}_${now.getTime()}_${Math.random()}`;
      const claimed = await driver.query(
        `update ${driver.table('aftersale_webhook_inbox')} set "status" = 'processing', "lease_token" = ${p(1)}, "lease_expires_at" = ${p(2)}, "attempts" = "attempts" + 1 where "id" in (select "id" from ${driver.table('aftersale_webhook_inbox')} where (("status" = 'pending' and "available_at" <= ${p(3)}) or ("status" = 'processing' and "lease_expires_at" <= ${p(4)})) order by "available_at", "id" limit ${p(5)}${driver.skipLocked}) returning *`,
        [token, new Date(now.getTime() + 60_000).toISOString(), now.toISOString(), now.toISOString(), claimBatch],
      );
      if (claimed.length === 0) return;
      for (const row of claimed) {
        await driver.query(
          `update ${driver.table('aftersale_webhook_inbox')} set "status" = 'completed', "raw_body" = null, "headers" = null, "lease_token" = null, "lease_expires_at" = null, "completed_at" = ${p(1)} where "id" = ${p(2)} and "lease_token" = ${p(3)} and "status" = 'processing'`,
          [new Date().toISOString(), row.id, token],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(`w${index}`)));
}

async function storeAppendEvents(store: AftersaleStore, complaints: number, perComplaint: number, prefix: string) {
  const at = new Date().toISOString();
  for (let complaint = 0; complaint < complaints; complaint += 1) {
    for (let start = 0; start < perComplaint; start += eventsPerCall) {
      await store.appendComplaintEvents(
        shopId,
        `cmp_${prefix}${complaint}`,
        Array.from({ length: Math.min(eventsPerCall, perComplaint - start) }, () => ({
          type: 'message-received',
          at,
          actor: 'customer',
          data: { channel: 'email' },
        })),
      );
    }
  }
}

async function storeInbox(store: AftersaleStore, items: number, workers: number, prefix: string) {
  for (let index = 0; index < items; index += 1) {
    await store.enqueueWebhook({
      shopId,
      platform: 'shopify',
      topic: 'orders/updated',
      dedupeKey: `${prefix}${index}`,
      rawBody: `{"id":${index}}`,
    });
  }
  const worker = async (workerId: string) => {
    for (;;) {
      const batch = await store.claimWebhooks({ workerId, limit: claimBatch, shopId });
      if (batch.length === 0) return;
      for (const item of batch) await store.completeWebhook(item.id, item.leaseToken as string);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(`w${index}`)));
}

async function runBackend(
  backend: 'sqlite' | 'postgres',
  where: string,
  openStore: () => AftersaleStore,
  openDriver: () => RawDriver,
  sizes: BenchSizes,
  orders: readonly Order[],
  validationMs: number,
): Promise<BackendResult> {
  const store = openStore();
  await store.migrate();
  const driver = openDriver();
  const complaints = Math.max(1, Math.ceil(sizes.complaintEvents / 1000));
  const perComplaint = Math.ceil(sizes.complaintEvents / complaints);
  for (const prefix of ['s', 'd']) {
    for (let complaint = 0; complaint < complaints; complaint += 1) {
      await store.createComplaint({ shopId, id: `cmp_${prefix}${complaint}`, status: 'open', channel: 'email' });
    }
  }
  // Warm-up (statement caches, connections), then each workload: driver first, store second, on
  // fresh keys, so neither pays for the other's rows.
  await store.upsertOrders(shopId, orders.slice(0, 100));
  await driverUpsertOrders(driver, orders.slice(0, 100));
  const workloads: WorkloadResult[] = [];
  const measure = async (workload: string, viaDriver: () => Promise<void>, viaStore: () => Promise<void>) => {
    const driverMs = await time(viaDriver);
    const storeMs = await time(viaStore);
    workloads.push({ workload, storeMs, driverMs, ratio: storeMs / driverMs });
  };
  const driverOrders = orders.map((order) => ({ ...order, id: `d-${order.id}` }));
  await measure(
    `upsert ${sizes.orders} orders`,
    () => driverUpsertOrders(driver, driverOrders),
    async () => {
      for (const batch of chunk(orders, orderBatch)) await store.upsertOrders(shopId, batch);
    },
  );
  await measure(
    `append ${complaints * perComplaint} complaint events`,
    () => driverAppendEvents(driver, complaints, perComplaint, 'd'),
    () => storeAppendEvents(store, complaints, perComplaint, 's'),
  );
  await measure(
    `enqueue-claim-complete ${sizes.inboxItems} inbox items, ${sizes.workers} workers`,
    () => driverInbox(driver, sizes.inboxItems, sizes.workers, 'd'),
    () => storeInbox(store, sizes.inboxItems, sizes.workers, 's'),
  );
  await driver.close();
  await store.close();
  return { backend, where, workloads, validationMs, ratio: Math.max(...workloads.map((workload) => workload.ratio)) };
}

async function postgresReachable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs the workloads on SQLite (a WAL file) and on PostgreSQL (when reachable), and returns the results. */
export async function runStorageBench(
  sizes: BenchSizes,
  log: (line: string) => void = () => undefined,
): Promise<BackendResult[]> {
  const orders = benchOrders(sizes.orders);
  const validationMs = await time(async () => {
    for (const order of orders) {
      if (!safeParseOrder(order).success) throw new Error(`generated order ${order.id} is invalid`);
    }
  });
  log(`validation: parseOrder on ${orders.length} orders takes ${validationMs.toFixed(0)} ms`);
  const results: BackendResult[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'aftersale-bench-'));
  try {
    const filename = join(directory, 'bench.db');
    results.push(
      await runBackend(
        'sqlite',
        'WAL file',
        () => createSqliteStore({ filename }),
        () => sqliteDriver(filename),
        sizes,
        orders,
        validationMs,
      ),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (await postgresReachable(connectionString)) {
    const schema = `aftersale_bench_${process.pid}`;
    try {
      results.push(
        await runBackend(
          'postgres',
          new URL(connectionString).host,
          () => createPostgresStore({ connectionString, schema }),
          () => postgresDriver(connectionString, schema),
          sizes,
          orders,
          validationMs,
        ),
      );
    } finally {
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  } else {
    log(`postgres: no server reachable at ${new URL(connectionString).host}; not measured`);
  }
  for (const result of results) {
    for (const workload of result.workloads) {
      log(
        `${result.backend} (${result.where}) ${workload.workload}: store ${workload.storeMs.toFixed(0)} ms, driver ${workload.driverMs.toFixed(0)} ms, ratio ${workload.ratio.toFixed(2)}`,
      );
    }
  }
  return results;
}

/** The line the issue asks for: the worse of the three workloads for each backend. */
export function ratioLine(results: readonly BackendResult[]): string {
  const of = (backend: string) => {
    const result = results.find((candidate) => candidate.backend === backend);
    return result === undefined ? 'n/a' : result.ratio.toFixed(2);
  };
  return `storage ratio-vs-driver sqlite=${of('sqlite')} postgres=${of('postgres')}`;
}
