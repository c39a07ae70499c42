import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AftersaleStore,
  complaintEventInputSchema,
  type Order,
  safeParseOrder,
  webhookDeliveryInputSchema,
} from '@aftersale/core';
import { generateShop } from '@aftersale/testkit';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore, createSqliteStore } from '../src/index.js';
import { timeOrderedId } from '../src/shared/time-ordered-id.js';
import { validateInput } from '../src/shared/validate-input.js';

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
  /** What validating this workload's inputs (zod) takes on its own: part of `storeMs`. */
  validationMs: number;
  /** `(storeMs - validationMs) / driverMs`: the query layer's own cost. */
  ratioWithoutValidation: number;
}

/** What validation costs per workload, measured on the same inputs the store is given. */
export interface ValidationCosts {
  orders: number;
  complaintEvents: number;
  inboxItems: number;
}

export interface BackendResult {
  backend: 'sqlite' | 'postgres';
  where: string;
  workloads: WorkloadResult[];
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

/** A half-open range of indexes, `from` included, `to` not. */
interface Range {
  from: number;
  to: number;
}

/** How many interleaved rounds each workload is cut into (see `measure`). */
const rounds = 10;

/** `count` cut into `rounds` consecutive ranges (fewer when `count` is small). */
function roundsOf(count: number): Range[] {
  const size = Math.max(1, Math.ceil(count / rounds));
  const ranges: Range[] = [];
  for (let from = 0; from < count; from += size) ranges.push({ from, to: Math.min(count, from + size) });
  return ranges;
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
  dialect: 'sqlite' | 'postgres';
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
    dialect: 'sqlite',
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
    dialect: 'postgres',
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

async function driverAppendEvents(driver: RawDriver, complaints: Range, perComplaint: number, prefix: string) {
  const at = new Date().toISOString();
  for (let complaint = complaints.from; complaint < complaints.to; complaint += 1) {
    for (let start = 0; start < perComplaint; start += eventsPerCall) {
      await driver.transaction(async (query) => {
        const id = `cmp_${prefix}${complaint}`;
        const complaintsTable = driver.table('aftersale_complaints');
        const eventsTable = driver.table('aftersale_complaint_events');
        // The store's lookups, per dialect: on SQLite one statement (BEGIN IMMEDIATE holds the lock), on
        // PostgreSQL the complaint's row lock first, then the last sequence.
        let last: Record<string, unknown> | undefined;
        if (driver.dialect === 'sqlite') {
          [last] = await query(
            `select (select max("sequence") from ${eventsTable} where "shop_id" = ? and "complaint_id" = ?) as "sequence" from ${complaintsTable} where "shop_id" = ? and "id" = ?`,
            [shopId, id, shopId, id],
          );
        } else {
          await query(`select "id" from ${complaintsTable} where "shop_id" = $1 and "id" = $2 for update`, [
            shopId,
            id,
          ]);
          [last] = await query(
            `select max("sequence") as "sequence" from ${eventsTable} where "shop_id" = $1 and "complaint_id" = $2`,
            [shopId, id],
          );
        }
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

async function driverInbox(driver: RawDriver, items: Range, workers: number, prefix: string) {
  const p = driver.placeholder;
  const at = new Date().toISOString();
  for (let index = items.from; index < items.to; index += 1) {
    await driver.query(
      `insert into ${driver.table('aftersale_webhook_inbox')} ("id", "shop_id", "platform", "topic", "dedupe_key", "raw_body", "headers", "status", "attempts", "received_at", "available_at", "lease_token", "lease_expires_at", "last_error", "completed_at") values (${Array.from({ length: 15 }, (_, position) => p(position + 1)).join(', ')}) on conflict ("shop_id", "dedupe_key") do nothing returning *`,
      [
        timeOrderedId('whk', new Date()),
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
  const worker = async () => {
    for (;;) {
      const now = new Date();
      const token = `lease_${randomUUID()}`;
      const inbox = driver.table('aftersale_webhook_inbox');
      const lease = [token, new Date(now.getTime() + 60_000).toISOString()];
      // The store's claim, per dialect: on SQLite two index ranges, on PostgreSQL one OR with SKIP LOCKED.
      const claimed =
        driver.dialect === 'sqlite'
          ? await driver.query(
              `update ${inbox} set "status" = 'processing', "lease_token" = ?, "lease_expires_at" = ?, "attempts" = "attempts" + 1 where "id" in (select "due"."id" from (select "id", "available_at" from ${inbox} where "status" = 'pending' and "available_at" <= ? and "shop_id" = ? union all select "id", "available_at" from ${inbox} where "status" = 'processing' and "lease_expires_at" <= ? and "shop_id" = ?) as "due" order by "due"."available_at", "due"."id" limit ?) returning *`,
              [...lease, now.toISOString(), shopId, now.toISOString(), shopId, claimBatch],
            )
          : await driver.query(
              `update ${inbox} set "status" = 'processing', "lease_token" = $1, "lease_expires_at" = $2, "attempts" = "attempts" + 1 where "id" in (select "id" from ${inbox} where (("status" = 'pending' and "available_at" <= $3) or ("status" = 'processing' and "lease_expires_at" <= $4)) and "shop_id" = $5 order by "available_at", "id" limit $6 for update skip locked) returning *`,
              [...lease, now.toISOString(), now.toISOString(), shopId, claimBatch],
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
  await Promise.all(Array.from({ length: workers }, () => worker()));
}

const benchEvent = (at: string) => ({
  type: 'message-received',
  at,
  actor: 'customer',
  data: { channel: 'email' },
});
const benchDelivery = (prefix: string, index: number) => ({
  shopId,
  platform: 'shopify' as const,
  topic: 'orders/updated',
  dedupeKey: `${prefix}${index}`,
  rawBody: `{"id":${index}}`,
});

/** Validates each workload's inputs as the store does (the same functions), timing each on its own. */
async function measureValidation(sizes: BenchSizes, orders: readonly Order[]): Promise<ValidationCosts> {
  const at = new Date().toISOString();
  // Warm-up, as the store is warmed up before it is timed: the first parses pay for the JIT.
  for (const order of orders.slice(0, 200)) safeParseOrder(order);
  for (let index = 0; index < 200; index += 1) {
    validateInput(complaintEventInputSchema, benchEvent(at), 'complaint event');
    validateInput(webhookDeliveryInputSchema, benchDelivery('w', index), 'webhook delivery');
  }
  return {
    orders: await time(async () => {
      for (const order of orders) {
        if (!safeParseOrder(order).success) throw new Error(`generated order ${order.id} is invalid`);
      }
    }),
    complaintEvents: await time(async () => {
      for (let index = 0; index < sizes.complaintEvents; index += 1) {
        validateInput(complaintEventInputSchema, benchEvent(at), 'complaint event');
      }
    }),
    inboxItems: await time(async () => {
      for (let index = 0; index < sizes.inboxItems; index += 1) {
        validateInput(webhookDeliveryInputSchema, benchDelivery('v', index), 'webhook delivery');
      }
    }),
  };
}

async function storeAppendEvents(store: AftersaleStore, complaints: Range, perComplaint: number, prefix: string) {
  const at = new Date().toISOString();
  for (let complaint = complaints.from; complaint < complaints.to; complaint += 1) {
    for (let start = 0; start < perComplaint; start += eventsPerCall) {
      await store.appendComplaintEvents(
        shopId,
        `cmp_${prefix}${complaint}`,
        Array.from({ length: Math.min(eventsPerCall, perComplaint - start) }, () => benchEvent(at)),
      );
    }
  }
}

async function storeInbox(store: AftersaleStore, items: Range, workers: number, prefix: string) {
  for (let index = items.from; index < items.to; index += 1) {
    await store.enqueueWebhook(benchDelivery(prefix, index));
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
  openStore: (side: 'store' | 'driver') => AftersaleStore,
  openDriver: () => RawDriver,
  sizes: BenchSizes,
  orders: readonly Order[],
  validation: ValidationCosts,
): Promise<BackendResult> {
  // Each side gets a database of its own, migrated the same way, so neither writes into the other's rows.
  const store = openStore('store');
  await store.migrate();
  const driverSchema = openStore('driver');
  await driverSchema.migrate();
  const driver = openDriver();
  const complaints = Math.max(1, Math.ceil(sizes.complaintEvents / 1000));
  const perComplaint = Math.ceil(sizes.complaintEvents / complaints);
  for (const [prefix, side] of [
    ['s', store],
    ['d', driverSchema],
  ] as const) {
    for (let complaint = 0; complaint < complaints; complaint += 1) {
      await side.createComplaint({ shopId, id: `cmp_${prefix}${complaint}`, status: 'open', channel: 'email' });
    }
  }
  await driverSchema.close();
  // Warm-up (statement caches, connections).
  await store.upsertOrders(shopId, orders.slice(0, 100));
  await driverUpsertOrders(driver, orders.slice(0, 100));
  const workloads: WorkloadResult[] = [];
  // Each workload runs in rounds, driver and store taking turns (and turns about who goes first), so
  // both sides see the same machine: a burst of load elsewhere lands on both, not on one.
  const measure = async (
    workload: string,
    validationMs: number,
    parts: Range[],
    viaDriver: (part: Range) => Promise<void>,
    viaStore: (part: Range) => Promise<void>,
  ) => {
    let driverMs = 0;
    let storeMs = 0;
    for (const [index, part] of parts.entries()) {
      if (index % 2 === 0) {
        driverMs += await time(() => viaDriver(part));
        storeMs += await time(() => viaStore(part));
      } else {
        storeMs += await time(() => viaStore(part));
        driverMs += await time(() => viaDriver(part));
      }
    }
    workloads.push({
      workload,
      storeMs,
      driverMs,
      ratio: storeMs / driverMs,
      validationMs,
      ratioWithoutValidation: (storeMs - validationMs) / driverMs,
    });
  };
  await measure(
    `upsert ${sizes.orders} orders`,
    validation.orders,
    roundsOf(orders.length),
    (part) => driverUpsertOrders(driver, orders.slice(part.from, part.to)),
    async (part) => {
      for (const batch of chunk(orders.slice(part.from, part.to), orderBatch)) await store.upsertOrders(shopId, batch);
    },
  );
  await measure(
    `append ${complaints * perComplaint} complaint events`,
    validation.complaintEvents,
    roundsOf(complaints),
    (part) => driverAppendEvents(driver, part, perComplaint, 'd'),
    (part) => storeAppendEvents(store, part, perComplaint, 's'),
  );
  await measure(
    `enqueue-claim-complete ${sizes.inboxItems} inbox items, ${sizes.workers} workers`,
    validation.inboxItems,
    roundsOf(sizes.inboxItems),
    (part) => driverInbox(driver, part, sizes.workers, 'd'),
    (part) => storeInbox(store, part, sizes.workers, 's'),
  );
  await driver.close();
  await store.close();
  return { backend, where, workloads, ratio: Math.max(...workloads.map((workload) => workload.ratio)) };
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
  const validation = await measureValidation(sizes, orders);
  log(
    `validation (zod, on its own): ${orders.length} orders ${validation.orders.toFixed(0)} ms, ${sizes.complaintEvents} complaint events ${validation.complaintEvents.toFixed(0)} ms, ${sizes.inboxItems} inbox deliveries ${validation.inboxItems.toFixed(0)} ms`,
  );
  const results: BackendResult[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'aftersale-bench-'));
  try {
    const filename = (side: string) => join(directory, `bench-${side}.db`);
    results.push(
      await runBackend(
        'sqlite',
        'WAL file',
        (side) => createSqliteStore({ filename: filename(side) }),
        () => sqliteDriver(filename('driver')),
        sizes,
        orders,
        validation,
      ),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (await postgresReachable(connectionString)) {
    const schema = (side: string) => `aftersale_bench_${process.pid}_${side}`;
    try {
      results.push(
        await runBackend(
          'postgres',
          new URL(connectionString).host,
          (side) => createPostgresStore({ connectionString, schema: schema(side) }),
          () => postgresDriver(connectionString, schema('driver')),
          sizes,
          orders,
          validation,
        ),
      );
    } finally {
      const client = new pg.Client({ connectionString });
      await client.connect();
      for (const side of ['store', 'driver']) await client.query(`drop schema if exists "${schema(side)}" cascade`);
      await client.end();
    }
  } else {
    log(`postgres: no server reachable at ${new URL(connectionString).host}; not measured`);
  }
  for (const result of results) {
    for (const workload of result.workloads) {
      log(
        `${result.backend} (${result.where}) ${workload.workload}: store ${workload.storeMs.toFixed(0)} ms (validation ${workload.validationMs.toFixed(0)} ms of it), driver ${workload.driverMs.toFixed(0)} ms, ratio ${workload.ratio.toFixed(2)}, without validation ${workload.ratioWithoutValidation.toFixed(2)}`,
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

/** The same, for the query layer alone: each workload's validation time taken out of the store's. */
export function ratioWithoutValidationLine(results: readonly BackendResult[]): string {
  const of = (backend: string) => {
    const result = results.find((candidate) => candidate.backend === backend);
    if (result === undefined) return 'n/a';
    return Math.max(...result.workloads.map((workload) => workload.ratioWithoutValidation)).toFixed(2);
  };
  return `storage ratio-vs-driver without validation sqlite=${of('sqlite')} postgres=${of('postgres')}`;
}
