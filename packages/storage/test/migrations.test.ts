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

function valueFor(column: Column, table: string, row: number): string | number {
  return /int|serial|numeric/i.test(column.type) ? row + 1 : `${table}.${column.name}#${row}`;
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
});
