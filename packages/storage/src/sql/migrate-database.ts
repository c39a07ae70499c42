import { AftersaleError } from '@aftersale/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import { latestSchemaVersion, migrations, type SqlDialectName } from './migrations.js';

/** Where a SQL database is: its dialect and, on PostgreSQL, its schema. */
export interface SqlTarget {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /** PostgreSQL schema holding the tables; `null` on SQLite. */
  schema: string | null;
  now: () => Date;
}

/** Runs `work` holding the database's migration lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory lock). */
async function withMigrationLock<T>(target: SqlTarget, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (target.dialect === 'sqlite') {
    return target.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }
  return target.db.transaction().execute(async (transaction) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`aftersale:migrate:${target.schema}`}))`.execute(transaction);
    if (target.schema !== null) await sql`create schema if not exists ${sql.id(target.schema)}`.execute(transaction);
    return work(transaction);
  });
}

/** Names of the tables in the store's database (SQLite file or PostgreSQL schema), from the catalogue. */
export async function listTableNames(target: Pick<SqlTarget, 'db' | 'dialect' | 'schema'>): Promise<string[]> {
  if (target.dialect === 'sqlite') {
    const result = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      target.db,
    );
    return result.rows.map((row) => row.name);
  }
  const result = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = ${target.schema} and table_type = 'BASE TABLE' order by table_name`.execute(target.db);
  return result.rows.map((row) => row.name);
}

/** The schema version of the database: 0 for an empty one; `store_corrupt` for a database that is not aftersale's. */
export async function readSchemaVersion(
  target: Pick<SqlTarget, 'db' | 'dialect' | 'schema'>,
  db: Kysely<Database> = target.db,
): Promise<number> {
  const tables = await listTableNames({ ...target, db });
  if (!tables.includes('aftersale_schema')) {
    if (tables.length > 0) {
      throw new AftersaleError({
        code: 'store_corrupt',
        message: `The ${target.dialect === 'sqlite' ? 'database file' : `schema "${target.schema}"`} holds tables that are not aftersale's (${tables.slice(0, 5).join(', ')}) and no aftersale schema table; point the store at its own database${target.dialect === 'sqlite' ? ' file' : ' schema'}.`,
        details: { tables: tables.slice(0, 20) },
      });
    }
    return 0;
  }
  const row = await db
    .selectFrom('aftersale_schema')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * Brings the database to schema version `to` (the latest by default), each migration and its record in
 * one transaction, under a lock so that several instances may migrate at once: the first does the
 * work, the others find it done.
 */
export async function migrateDatabase(
  target: SqlTarget,
  options: { to?: number } = {},
): Promise<{ from: number; to: number }> {
  const goal = options.to ?? latestSchemaVersion;
  if (!Number.isInteger(goal) || goal < 0 || goal > latestSchemaVersion) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Cannot migrate to schema version ${goal}: versions run from 0 to ${latestSchemaVersion}.`,
    });
  }
  return withMigrationLock(target, async (db) => {
    const from = await readSchemaVersion(target, db);
    if (from > latestSchemaVersion) {
      throw new AftersaleError({
        code: 'store_not_migrated',
        message: `The database is at schema version ${from}, newer than this aftersale (${latestSchemaVersion}); upgrade @aftersale/storage.`,
      });
    }
    if (from === 0) {
      await db.schema
        .createTable('aftersale_schema')
        .ifNotExists()
        .addColumn('version', 'integer', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('applied_at', 'text', (column) => column.notNull())
        .execute();
    }
    for (const migration of migrations) {
      if (migration.version <= from || migration.version > goal) continue;
      await migration.up(db, target.dialect);
      await db
        .insertInto('aftersale_schema')
        .values({ version: migration.version, name: migration.name, applied_at: target.now().toISOString() })
        .execute();
    }
    return { from, to: Math.max(from, goal) };
  });
}
