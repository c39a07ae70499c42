import { AftersaleError } from '@aftersale/core';
import { runStoreConformance } from '@aftersale/testkit/vitest';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore, latestSchemaVersion, type SqlStore } from '../src/index.js';
import { openRemoteStores } from './open-remote-stores.js';
import { databaseUrl, postgresTarget, runSchema } from './postgres-target.js';

const target = await postgresTarget('conformance');
afterAll(async () => {
  if (target.kind === 'server') await target.dropSchema();
  else await target.close();
});

if (target.kind === 'server') {
  runStoreConformance(
    'postgres (server)',
    ({ now }) => createPostgresStore({ connectionString: target.connectionString, schema: target.schema, now }),
    {
      capabilities: ['persistent', 'multi-process', 'skip-locked', 'sql-catalog', 'versioned-migrations'],
      findText: (store, needles) => (store as SqlStore).findText(needles),
      openRemoteStores: (count) =>
        openRemoteStores(count, {
          backend: 'postgres',
          connectionString: target.connectionString,
          schema: target.schema,
        }),
    },
  );
} else {
  let shared: SqlStore | undefined;
  runStoreConformance(
    'postgres (PGlite)',
    ({ now }) => (shared ??= createPostgresStore({ dialect: target.dialect(), schema: 'aftersale', now })),
    {
      capabilities: ['skip-locked', 'sql-catalog', 'versioned-migrations'],
      findText: (store, needles) => (store as SqlStore).findText(needles),
    },
  );
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (AftersaleError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('postgres store: settings', () => {
  it('reports a connection string that does not parse, without echoing its password', () => {
    const cases: Array<[string, RegExp]> = [
      ['not a url at all', /connectionString: is not a URL/],
      ['mysql://root:pw@localhost/shop', /must start with postgres:\/\//],
      ['postgres://aftersale:s3cret#1@localhost/test', /is not a URL.*URL-encoded/],
      ['postgres://aftersale:s3cret@localhost/test#1', /holds a #/],
      ['postgres://aftersale:%zz@localhost/test', /not URL-encoding/],
    ];
    for (const [connectionString, message] of cases) {
      let caught: unknown;
      try {
        createPostgresStore({ connectionString });
      } catch (error) {
        caught = error;
      }
      expect(AftersaleError.hasCode(caught, 'invalid_config')).toBe(true);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toMatch(/s3cret|:pw@/);
    }
    expect(() => createPostgresStore({ connectionString: databaseUrl, dialect: {} as never })).toThrow(
      /exactly one of connectionString, pool or dialect/,
    );
    const saved = process.env.DATABASE_URL;
    try {
      delete process.env.DATABASE_URL;
      expect(() => createPostgresStore({})).toThrow(/connectionString \(or the DATABASE_URL environment variable\)/);
      process.env.DATABASE_URL = 'postgres://aftersale:s3cret#1@localhost/test';
      expect(() => createPostgresStore({})).toThrow(/DATABASE_URL: connectionString: is not a URL/);
      process.env.DATABASE_URL = databaseUrl;
      expect(createPostgresStore({}).backend).toBe('postgres');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(() => createPostgresStore({ connectionString: databaseUrl, schema: 'Bad-Name' })).toThrow(/schema/);
  });
});

if (target.kind === 'server') {
  describe('postgres store: the real server', () => {
    const password = 's3cret/p@ss:word#1';
    const scramUrl = (secret: string) => {
      const url = new URL(databaseUrl);
      return `postgres://aftersale_scram:${encodeURIComponent(secret)}@${url.host}${url.pathname}`;
    };

    it('logs in with scram-sha-256 and a URL-encoded password, and a wrong password is refused', async () => {
      const schema = runSchema('scram');
      const store = createPostgresStore({ connectionString: scramUrl(password), schema, maxConnections: 2 });
      try {
        expect(await store.migrate()).toEqual({ from: 0, to: latestSchemaVersion });
        expect((await store.claimIdempotencyKey({ shopId: 'scram.myshopify.com', key: 'k' })).outcome).toBe('claimed');
      } finally {
        await store.close();
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
      const wrong = createPostgresStore({
        connectionString: scramUrl('s3cret/p@ss:word#2'),
        schema,
        maxConnections: 1,
      });
      const refused = await codeOf(wrong.migrate());
      await wrong.close();
      expect(refused).toMatch(/^store_unavailable: PostgreSQL refused the credentials/);
      expect(refused).not.toContain('s3cret');
      const method = new pg.Client({ connectionString: databaseUrl });
      await method.connect();
      const hba = await method.query(
        "select auth_method from pg_hba_file_rules where 'aftersale_scram' = any(user_name) order by line_number limit 1",
      );
      await method.end();
      expect(hba.rows[0]?.auth_method).toBe('scram-sha-256');
    });

    it('migrates a fresh schema from four instances at once: one does the work, none fails', async () => {
      const schema = runSchema('race');
      const stores = [1, 2, 3, 4].map(() =>
        createPostgresStore({ connectionString: databaseUrl, schema, maxConnections: 2 }),
      );
      try {
        const results = await Promise.all(stores.map((store) => store.migrate()));
        expect(results.filter((result) => result.from === 0 && result.to === latestSchemaVersion)).toHaveLength(1);
        expect(
          results.filter((result) => result.from === latestSchemaVersion && result.to === latestSchemaVersion),
        ).toHaveLength(3);
        expect((await stores[3]?.claimIdempotencyKey({ shopId: 'race.myshopify.com', key: 'k' }))?.outcome).toBe(
          'claimed',
        );
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    });

    it('names a server that is not there', async () => {
      const store = createPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
      expect(await codeOf(store.migrate())).toMatch(/^store_unavailable: Cannot reach PostgreSQL \(ECONNREFUSED\)/);
      await store.close();
    });

    it('refuses a schema holding tables that are not aftersale’s', async () => {
      const schema = runSchema('foreign');
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`create schema "${schema}"; create table "${schema}".invoices (id int)`);
      const store = createPostgresStore({ connectionString: databaseUrl, schema });
      expect(await codeOf(store.migrate())).toMatch(/^store_corrupt: .*not aftersale's \(invoices\)/);
      await store.close();
      await admin.query(`drop schema "${schema}" cascade`);
      await admin.end();
    });
  });
} else {
  describe('postgres store: no server here', () => {
    it(`runs the suite on PGlite (${target.reason}); CI would fail instead`, () => {
      expect(process.env.CI).not.toBe('true');
    });
  });
}
