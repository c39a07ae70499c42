import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

/**
 * Where the PostgreSQL tests run: the real server at `DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/test), each run in a schema of its own; under `CI=true` that
 * server is required. Outside CI, with no server reachable, the same tests run on PGlite.
 */
export type PostgresTarget =
  | { kind: 'server'; connectionString: string; schema: string; dropSchema(): Promise<void> }
  | { kind: 'pglite'; reason: string; dialect(): PGliteDialect; close(): Promise<void> };

export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true';

async function reachable(connectionString: string): Promise<string | null> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one run. */
export const runSchema = (label: string) => `aftersale_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export async function postgresTarget(label: string): Promise<PostgresTarget> {
  const problem = await reachable(databaseUrl);
  if (problem === null) {
    const schema = runSchema(label);
    return {
      kind: 'server',
      connectionString: databaseUrl,
      schema,
      async dropSchema() {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  if (inCi)
    throw new Error(
      `CI=true: the PostgreSQL tests need the server at ${databaseUrl}, and it is not reachable: ${problem}`,
    );
  const database = await PGlite.create();
  // One PGlite session shared by every store of the run; closing a store must not close it.
  const shared = new Proxy(database, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    kind: 'pglite',
    reason: `no server reachable at ${databaseUrl} (${problem})`,
    dialect: () => new PGliteDialect(shared),
    close: () => database.close(),
  };
}
