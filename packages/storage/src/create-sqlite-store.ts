import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AftersaleError, type StoreCapability } from '@aftersale/core';
import { Kysely, SqliteDialect } from 'kysely';
import { createSqlStore, type SqlStore } from './sql/create-sql-store.js';
import type { Database } from './sql/database.js';

/** Settings of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** A database file path, or `:memory:` for a database that lives as long as the store. */
  filename: string;
  /** How long a writer waits for another process's write lock, in milliseconds. @default 5000 */
  busyTimeoutMs?: number;
  /** The clock for timestamps and inbox leases. @default () => new Date() */
  now?: () => Date;
}

const corruptCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** One queue per database file in this process (see `SqlConnection.exclusive`). */
const queues = new Map<string, Promise<unknown>>();

function exclusiveFor(name: string) {
  return <T>(work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(name) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    queues.set(name, settled);
    void settled.then(() => {
      if (queues.get(name) === settled) queues.delete(name);
    });
    return result;
  };
}

/**
 * The embedded default store: one SQLite file (in WAL mode, so several processes on one machine may
 * share it) or `:memory:`. `better-sqlite3` is an optional peer dependency, loaded on first use.
 * Call `migrate()` once before use.
 *
 * @example
 * ```ts
 * const store = createSqliteStore({ filename: './aftersale.db' });
 * await store.migrate();
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqlStore {
  const problems: string[] = [];
  if (typeof options?.filename !== 'string' || options.filename.length === 0) {
    problems.push('filename: set a database file path or ":memory:"');
  }
  const busyTimeoutMs = options?.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0)
    problems.push('busyTimeoutMs: must be a non-negative integer');
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_config',
      message: `Invalid SQLite store settings: ${problems.join('; ')}.`,
    });
  }
  const filename = options.filename;
  const inMemory = filename === ':memory:';
  const capabilities: StoreCapability[] = inMemory
    ? ['sql-catalog', 'versioned-migrations']
    : ['persistent', 'multi-process', 'sql-catalog', 'versioned-migrations'];

  const queueName = inMemory ? `:memory:${randomUUID()}` : resolve(filename);
  return createSqlStore(
    'sqlite',
    {
      exclusive: exclusiveFor(queueName),
      dialect: 'sqlite',
      schema: null,
      capabilities,
      async open() {
        let driver: typeof import('better-sqlite3');
        try {
          driver = (await import('better-sqlite3')).default;
        } catch (error) {
          throw new AftersaleError({
            code: 'invalid_config',
            message: 'The SQLite store needs the better-sqlite3 package: install it (pnpm add better-sqlite3).',
            cause: error,
          });
        }
        let database: import('better-sqlite3').Database;
        try {
          database = new driver(filename, { timeout: busyTimeoutMs });
          database.pragma(`busy_timeout = ${busyTimeoutMs}`);
          if (!inMemory) database.pragma('journal_mode = WAL');
          database.pragma('synchronous = NORMAL');
        } catch (error) {
          throw translate(error, filename);
        }
        return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
      },
      translateError: (error) => translate(error, filename),
    },
    options.now ?? (() => new Date()),
  );
}

/** How many prepared statements a SQLite store keeps for reuse (the store issues a few dozen distinct ones). */
const statementCacheSize = 256;

/**
 * The database as Kysely sees it, with prepared statements reused by SQL text (Kysely prepares every
 * query afresh; preparing is a large share of a small statement's cost). The least recently used
 * statement is dropped when the cache is full. Statements are only run to completion (`all`, `run`),
 * so one statement is never busy when it is reused.
 */
function withStatementCache(database: import('better-sqlite3').Database) {
  const cache = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value as string);
      } else {
        cache.delete(text);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

function translate(error: unknown, filename: string): unknown {
  if (AftersaleError.isInstance(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && corruptCodes.has(code)) {
    return new AftersaleError({
      code: 'store_corrupt',
      message: `${filename} is not a SQLite database or is damaged (${code}); point the store at its own aftersale database file, or restore it from a backup.`,
      cause: error,
      details: { filename },
    });
  }
  if (code === 'SQLITE_CANTOPEN' || (error instanceof TypeError && /directory does not exist/.test(error.message))) {
    return new AftersaleError({
      code: 'store_unavailable',
      message: `Cannot open the SQLite database ${filename}: check that its directory exists and is writable.`,
      cause: error,
      details: { filename },
    });
  }
  return error;
}
