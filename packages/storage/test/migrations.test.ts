import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Dialect, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPostgresStore,
  createSqliteStore,
  latestSchemaVersion,
  migrations,
  type SqlStore,
} from '../src/index.js';
import { postgresTarget, runSchema } from './postgres-target.js';

/**
 * The generic migration test: for every migration N, a database at N−1 gets rows in every table the
 * catalogue lists (values made from each column's type), is migrated to N, and must still hold them.
 */
interface Column {
  name: string;
  type: string;
  generated: boolean;
}

interface Catalogue {
  tables(): Promise<string[]>;
  columns(table: string): Promise<Column[]>;
  qualified(table: string): ReturnType<typeof sql.table>;
}

/** Columns the store fills with JSON documents: later migrations may read them as JSON. */
const jsonColumns = new Set(['data', 'payload', 'headers', 'result']);

function valueFor(column: Column, table: string, row: number): string | number {
  if (/int|serial|numeric/i.test(column.type)) return row + 1;
  const text = `${table}.${column.name}#${row}`;
  return jsonColumns.has(column.name) ? JSON.stringify({ probe: text }) : text;
}

async function checkEveryMigration(
  open: (n: number) => Promise<{ store: SqlStore; db: Kysely<unknown>; catalogue: Catalogue; done(): Promise<void> }>,
) {
  const checked: number[] = [];
  for (const migration of migrations) {
    const { store, db, catalogue, done } = await open(migration.version);
    try {
      await store.migrate({ to: migration.version - 1 });
      const written = new Map<string, Array<Record<string, string | number>>>();
      for (const table of await catalogue.tables()) {
        if (table === 'aftersale_schema') continue;
        const columns = (await catalogue.columns(table)).filter((column) => !column.generated);
        const rows = [0, 1, 2].map((row) =>
          Object.fromEntries(columns.map((column) => [column.name, valueFor(column, table, row)])),
        );
        for (const row of rows) {
          const names = Object.keys(row);
          await sql`insert into ${catalogue.qualified(table)} (${sql.join(names.map((name) => sql.ref(name)))})
            values (${sql.join(names.map((name) => row[name]))})`.execute(db);
        }
        written.set(table, rows);
      }
      expect(await store.migrate({ to: migration.version })).toEqual({
        from: migration.version - 1,
        to: migration.version,
      });
      for (const [table, rows] of written) {
        const after = new Set((await catalogue.columns(table)).map((column) => column.name));
        const read = await sql<Record<string, unknown>>`select * from ${catalogue.qualified(table)}`.execute(db);
        expect(read.rows, `rows of ${table} after migration ${migration.version}`).toHaveLength(rows.length);
        for (const row of rows) {
          const kept = Object.fromEntries(Object.entries(row).filter(([name]) => after.has(name)));
          expect(
            read.rows.some((candidate) =>
              Object.entries(kept).every(([name, value]) => String(candidate[name]) === String(value)),
            ),
            `a row of ${table} written at version ${migration.version - 1} survives migration ${migration.version}`,
          ).toBe(true);
        }
      }
      checked.push(migration.version);
    } finally {
      await store.close();
      await done();
    }
  }
  expect(checked).toEqual(Array.from({ length: latestSchemaVersion }, (_, index) => index + 1));
}

/**
 * Migration 3 adds columns filled from the JSON documents: rows written at schema 2 the way the store
 * wrote them get their platform ids and UTC deadlines.
 */
async function checkMigration3Backfill(store: SqlStore, db: Kysely<unknown>, qualified: Catalogue['qualified']) {
  await store.migrate({ to: 2 });
  const versioned = (id: string, document: object) => ({
    shop_id: 'backfill.myshopify.com',
    id,
    version: 1,
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-01T10:00:00.000Z',
    data: JSON.stringify(document),
  });
  const insert = async (table: string, row: Record<string, string | number | null>) => {
    const names = Object.keys(row);
    await sql`insert into ${qualified(table)} (${sql.join(names.map((name) => sql.ref(name)))})
      values (${sql.join(names.map((name) => row[name]))})`.execute(db);
  };
  await insert('aftersale_refunds', {
    ...versioned('rfd_1', { id: 'rfd_1', platformRefundId: 'gid://shopify/Refund/7' }),
    order_id: 'ord_1',
    return_case_id: null,
    idempotency_key: 'refund:1',
    status: 'succeeded',
  });
  await insert('aftersale_refunds', {
    ...versioned('rfd_2', { id: 'rfd_2', platformRefundId: null }),
    order_id: 'ord_1',
    return_case_id: null,
    idempotency_key: 'refund:2',
    status: 'pending',
  });
  await insert('aftersale_return_cases', {
    ...versioned('ret_1', { id: 'ret_1', platformReturnId: 'gid://shopify/Return/3' }),
    order_id: 'ord_1',
    customer_id: 'cus_1',
    status: 'requested',
  });
  await insert('aftersale_complaints', {
    ...versioned('cmp_1', { id: 'cmp_1', dueAt: '2026-03-05T17:00:00+03:00' }),
    customer_id: 'cus_1',
    order_id: null,
    status: 'open',
  });
  await store.migrate({ to: 3 });
  const read = async (table: string, column: string) =>
    (
      await sql<
        Record<string, unknown>
      >`select id, ${sql.ref(column)} as value from ${qualified(table)} order by id`.execute(db)
    ).rows.map((row) => [row.id, row.value]);
  expect(await read('aftersale_refunds', 'platform_refund_id')).toEqual([
    ['rfd_1', 'gid://shopify/Refund/7'],
    ['rfd_2', null],
  ]);
  expect(await read('aftersale_return_cases', 'platform_return_id')).toEqual([['ret_1', 'gid://shopify/Return/3']]);
  expect(await read('aftersale_complaints', 'due_at')).toEqual([['cmp_1', '2026-03-05T14:00:00.000Z']]);
  await store.migrate();
  const found = await store.listRefunds('backfill.myshopify.com', { platformRefundId: 'gid://shopify/Refund/7' });
  expect(found.items.map((refund) => refund.id)).toEqual(['rfd_1']);
  const due = await store.listComplaints('backfill.myshopify.com', { dueBefore: new Date('2026-03-05T14:00:00Z') });
  expect(due.items.map((complaint) => complaint.id)).toEqual(['cmp_1']);
}

const directory = mkdtempSync(join(tmpdir(), 'aftersale-migrations-'));
const target = await postgresTarget('migrations');
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  if (target.kind === 'pglite') await target.close();
});

describe('migrations keep the data written under the previous schema', () => {
  it('on SQLite, for every migration N: N−1, rows in every table, N', async () => {
    await checkEveryMigration(async (n) => {
      const filename = join(directory, `m${n}.db`);
      const store = createSqliteStore({ filename });
      const raw = new Database(filename);
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
      const catalogue: Catalogue = {
        tables: async () =>
          (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
          ).rows.map((row) => row.name),
        columns: async (table) =>
          (
            await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db)
          ).rows.map((row) => ({
            ...row,
            generated: false,
          })),
        qualified: (table) => sql.table(table),
      };
      return { store, db, catalogue, done: () => db.destroy() };
    });
  });

  it(`on PostgreSQL (${target.kind}), for every migration N: N−1, rows in every table, N`, async () => {
    await checkEveryMigration(async (n) => {
      const schema = target.kind === 'server' ? runSchema(`m${n}`) : `migration_${n}`;
      let dialect: () => Dialect;
      let drop = async () => undefined as unknown;
      if (target.kind === 'server') {
        const pool = new pg.Pool({ connectionString: target.connectionString, max: 2 });
        dialect = () => new PostgresDialect({ pool });
        drop = async () => {
          await pool.query(`drop schema if exists "${schema}" cascade`);
          await pool.end();
        };
      } else {
        dialect = () => target.dialect();
      }
      const store =
        target.kind === 'server'
          ? createPostgresStore({ connectionString: target.connectionString, schema, maxConnections: 2 })
          : createPostgresStore({ dialect: target.dialect(), schema });
      const db = new Kysely<unknown>({ dialect: dialect() });
      const catalogue: Catalogue = {
        tables: async () =>
          (
            await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(db)
          ).rows.map((row) => row.name),
        columns: async (table) =>
          (
            await sql<{ name: string; type: string; identity: string }>`select column_name as name, data_type as type,
              is_identity as identity from information_schema.columns where table_schema = ${schema} and table_name = ${table}`.execute(
              db,
            )
          ).rows.map((row) => ({ name: row.name, type: row.type, generated: row.identity === 'YES' })),
        qualified: (table) => sql.id(schema, table) as unknown as ReturnType<typeof sql.table>,
      };
      return {
        store,
        db,
        catalogue,
        done: async () => {
          if (target.kind === 'server') await drop();
          else await db.destroy();
        },
      };
    });
  });

  it('on SQLite, migration 3 fills platform ids and UTC deadlines from the documents', async () => {
    const filename = join(directory, 'backfill.db');
    const store = createSqliteStore({ filename });
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(filename) }) });
    try {
      await checkMigration3Backfill(store, db, (table) => sql.table(table));
    } finally {
      await store.close();
      await db.destroy();
    }
  });

  it(`on PostgreSQL (${target.kind}), migration 3 fills platform ids and UTC deadlines from the documents`, async () => {
    const schema = target.kind === 'server' ? runSchema('backfill') : 'migration_backfill';
    const pool =
      target.kind === 'server' ? new pg.Pool({ connectionString: target.connectionString, max: 2 }) : undefined;
    const store =
      target.kind === 'server'
        ? createPostgresStore({ connectionString: target.connectionString, schema, maxConnections: 2 })
        : createPostgresStore({ dialect: target.dialect(), schema });
    const db = new Kysely<unknown>({
      dialect:
        pool === undefined && target.kind === 'pglite'
          ? target.dialect()
          : new PostgresDialect({ pool: pool as pg.Pool }),
    });
    try {
      await checkMigration3Backfill(
        store,
        db,
        (table) => sql.id(schema, table) as unknown as ReturnType<typeof sql.table>,
      );
    } finally {
      await store.close();
      if (pool !== undefined) {
        await pool.query(`drop schema if exists "${schema}" cascade`);
        await pool.end();
      } else {
        await db.destroy();
      }
    }
  });
});
