import { AftersaleError } from '@aftersale/core';
import { createPostgresStore, createSqliteStore, type SqlStore } from '@aftersale/storage';

/**
 * Opens the store named by `--store`: `sqlite:<file>` (or a path ending in `.sqlite`/`.db`),
 * `postgres://…` (or `postgresql://…`); without it, `DATABASE_URL`. The password in a URL never
 * reaches the output.
 */
export function openStore(spec: unknown, options: { schema?: unknown; env?: NodeJS.ProcessEnv } = {}): SqlStore {
  const env = options.env ?? process.env;
  const given = typeof spec === 'string' && spec !== '' ? spec : env.DATABASE_URL;
  if (!given) {
    throw new AftersaleError({
      code: 'invalid_config',
      message: 'Name the store: --store sqlite:aftersale.sqlite, --store postgres://user@host/db, or set DATABASE_URL.',
    });
  }
  if (/^postgres(ql)?:\/\//.test(given)) {
    const schema = typeof options.schema === 'string' && options.schema !== '' ? options.schema : undefined;
    return createPostgresStore({ connectionString: given, ...(schema ? { schema } : {}) });
  }
  const file = given.startsWith('sqlite:') ? given.slice('sqlite:'.length) : given;
  if (!given.startsWith('sqlite:') && !/\.(sqlite3?|db)$/.test(file)) {
    throw new AftersaleError({
      code: 'invalid_config',
      message: `--store ${JSON.stringify(given)}: write sqlite:<file> for SQLite or a postgres:// URL for PostgreSQL.`,
    });
  }
  return createSqliteStore({ filename: file });
}

/** The store for messages: the backend and where, without credentials. */
export function describeStore(spec: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const given = typeof spec === 'string' && spec !== '' ? spec : (env.DATABASE_URL ?? '');
  if (/^postgres(ql)?:\/\//.test(given)) {
    const url = new URL(given);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  }
  return `SQLite ${given.replace(/^sqlite:/, '')}`;
}

export const storeOptions = [
  {
    flags: '--store <store>',
    description: 'sqlite:<file> or a postgres:// URL (default: DATABASE_URL)',
  },
  { flags: '--schema <schema>', description: "PostgreSQL schema of aftersale's tables (default: aftersale)" },
] as const;
