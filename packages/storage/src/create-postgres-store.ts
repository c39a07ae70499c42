import { AftersaleError, type StoreCapability } from '@aftersale/core';
import { type Dialect, Kysely, PostgresDialect, type PostgresPool, WithSchemaPlugin } from 'kysely';
import { createSqlStore, type SqlStore } from './sql/create-sql-store.js';
import type { Database } from './sql/database.js';

/** Settings of {@link createPostgresStore}: one of `connectionString`, `pool` or `dialect`. */
export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:5432/database`; URL-encode the password's special characters.
   * @default process.env.DATABASE_URL, when neither `pool` nor `dialect` is given
   */
  connectionString?: string;
  /** A `pg` Pool you made; `close()` leaves it open (a pool the store made is ended). */
  pool?: PostgresPool;
  /** Any Kysely PostgreSQL dialect, such as PGlite's for tests. */
  dialect?: Dialect;
  /** The schema that holds aftersale's tables; created by `migrate()`. @default 'aftersale' */
  schema?: string;
  /** Pool size when the store makes the pool. @default 10 */
  maxConnections?: number;
  /** The clock for timestamps and inbox leases. @default () => new Date() */
  now?: () => Date;
}

const unavailableCodes = new Set(['28P01', '28000', '3D000', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET']);

/** Checks a PostgreSQL connection string without revealing its password in any message. */
function checkConnectionString(connectionString: string): string | null {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return 'connectionString: is not a URL; write it as postgres://user:password@host:5432/database, with special characters in the password URL-encoded (encodeURIComponent)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `connectionString: must start with postgres:// or postgresql://, not ${url.protocol}//`;
  }
  try {
    decodeURIComponent(url.password);
    decodeURIComponent(url.username);
  } catch {
    return 'connectionString: the user name or password holds a % that is not URL-encoding; encode it with encodeURIComponent';
  }
  if (url.hash !== '') {
    return 'connectionString: holds a # (a fragment): URL-encode special characters of the password (# is %23) with encodeURIComponent';
  }
  if (url.hostname === '' && !url.searchParams.has('host')) return 'connectionString: names no host';
  return null;
}

/**
 * The store for apps that run on several instances: one PostgreSQL database shared by all. Inbox
 * claims use `FOR UPDATE SKIP LOCKED`; migrations take an advisory lock, so every instance may call
 * `migrate()` at start. `pg` is an optional peer dependency, loaded on first use.
 *
 * @example
 * ```ts
 * const store = createPostgresStore({ connectionString: process.env.AFTERSALE_DATABASE_URL });
 * await store.migrate();
 * ```
 */
export function createPostgresStore(settings: PostgresStoreOptions): SqlStore {
  const problems: string[] = [];
  const fromEnvironment =
    settings?.connectionString === undefined && settings?.pool === undefined && settings?.dialect === undefined
      ? process.env.DATABASE_URL
      : undefined;
  const options: PostgresStoreOptions =
    fromEnvironment === undefined ? settings : { ...settings, connectionString: fromEnvironment };
  const given = [options?.connectionString, options?.pool, options?.dialect].filter((value) => value !== undefined);
  if (given.length === 0) {
    problems.push('set connectionString (or the DATABASE_URL environment variable), pool or dialect');
  } else if (given.length > 1) {
    problems.push('set exactly one of connectionString, pool or dialect');
  }
  if (typeof options?.connectionString === 'string') {
    const problem = checkConnectionString(options.connectionString);
    if (problem !== null) problems.push(fromEnvironment === undefined ? problem : `DATABASE_URL: ${problem}`);
  } else if (options?.connectionString !== undefined) {
    problems.push('connectionString: must be a string');
  }
  const schema = options?.schema ?? 'aftersale';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    problems.push('schema: must be a lower-case SQL identifier (letters, digits, _), such as aftersale');
  }
  const maxConnections = options?.maxConnections ?? 10;
  if (!Number.isInteger(maxConnections) || maxConnections < 1)
    problems.push('maxConnections: must be a positive integer');
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_config',
      message: `Invalid PostgreSQL store settings: ${problems.join('; ')}.`,
    });
  }
  const capabilities: StoreCapability[] =
    options.dialect === undefined
      ? ['persistent', 'multi-process', 'skip-locked', 'sql-catalog', 'versioned-migrations']
      : ['skip-locked', 'sql-catalog', 'versioned-migrations'];

  return createSqlStore(
    'postgres',
    {
      dialect: 'postgres',
      schema,
      capabilities,
      async open() {
        let dialect = options.dialect;
        if (dialect === undefined) {
          let pool = options.pool;
          if (pool === undefined) {
            let Pool: typeof import('pg').Pool;
            try {
              Pool = (await import('pg')).default.Pool;
            } catch (error) {
              throw new AftersaleError({
                code: 'invalid_config',
                message: 'The PostgreSQL store needs the pg package: install it (pnpm add pg).',
                cause: error,
              });
            }
            pool = new Pool({ connectionString: options.connectionString, max: maxConnections });
          }
          const given = pool;
          dialect = new PostgresDialect({
            pool:
              options.pool === undefined
                ? given
                : { connect: () => given.connect(), end: async () => undefined, options: given.options },
          });
        }
        return new Kysely<Database>({ dialect, plugins: [new WithSchemaPlugin(schema)] });
      },
      translateError(error) {
        if (AftersaleError.isInstance(error)) return error;
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && unavailableCodes.has(code)) {
          const refused = code === '28P01' || code === '28000';
          return new AftersaleError({
            code: 'store_unavailable',
            message: refused
              ? 'PostgreSQL refused the credentials: check the user and password (URL-encoded) in the connection string.'
              : `Cannot reach PostgreSQL (${code}): check the host, port and database in the connection settings and that the server is up.`,
            cause: error,
            details: { driverCode: code },
          });
        }
        return error;
      },
    },
    options.now ?? (() => new Date()),
  );
}
