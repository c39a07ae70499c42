import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AftersaleError } from '@aftersale/core';
import { runStoreConformance } from '@aftersale/testkit/vitest';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, latestSchemaVersion, type SqlStore } from '../src/index.js';
import { openRemoteStores } from './open-remote-stores.js';

const directory = mkdtempSync(join(tmpdir(), 'aftersale-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const filename = join(directory, 'conformance.db');

runStoreConformance('sqlite (WAL file)', ({ now }) => createSqliteStore({ filename, now }), {
  capabilities: ['persistent', 'multi-process', 'sql-catalog', 'versioned-migrations'],
  findText: (store, needles) => (store as SqlStore).findText(needles),
  openRemoteStores: (count) => openRemoteStores(count, { backend: 'sqlite', filename }),
});

let memory: SqlStore | undefined;
runStoreConformance('sqlite (:memory:)', ({ now }) => (memory ??= createSqliteStore({ filename: ':memory:', now })), {
  capabilities: ['sql-catalog', 'versioned-migrations'],
  findText: (store, needles) => (store as SqlStore).findText(needles),
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (AftersaleError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('sqlite store: bad databases and settings', () => {
  it('runs in WAL mode on a file', async () => {
    const file = join(directory, 'wal.db');
    const store = createSqliteStore({ filename: file });
    await store.migrate();
    await store.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('migrates a fresh file from three processes at once: one does the work, none fails', async () => {
    const file = join(directory, 'race-processes.db');
    const remotes = await openRemoteStores(3, { backend: 'sqlite', filename: file });
    try {
      const results = await Promise.all(remotes.map((remote) => remote.migrate()));
      expect(results.filter((result) => result.from === 0 && result.to === latestSchemaVersion)).toHaveLength(1);
      expect(results.filter((result) => result.from === latestSchemaVersion)).toHaveLength(2);
    } finally {
      await Promise.all(remotes.map((remote) => remote.close()));
    }
    const check = new Database(file);
    const applied = check.prepare('select version from aftersale_schema order by version').all();
    check.close();
    expect(applied).toEqual(Array.from({ length: latestSchemaVersion }, (_, index) => ({ version: index + 1 })));
  }, 60_000);

  it('migrates a fresh file from several instances of one process at once: one does the work, none fails', async () => {
    const file = join(directory, 'race.db');
    const stores = [1, 2, 3].map(() => createSqliteStore({ filename: file }));
    const results = await Promise.all(stores.map((store) => store.migrate()));
    expect(results.filter((result) => result.from === 0)).toHaveLength(1);
    expect(results.filter((result) => result.from === latestSchemaVersion)).toHaveLength(2);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('names a corrupt file', async () => {
    const file = join(directory, 'corrupt.db');
    writeFileSync(file, Buffer.alloc(8192, 'this is no database '));
    const store = createSqliteStore({ filename: file });
    expect(await codeOf(store.migrate())).toMatch(/^store_corrupt: .*corrupt\.db is not a SQLite database/);
    await store.close();
  });

  it('refuses a database that belongs to someone else, and writes nothing into it', async () => {
    const file = join(directory, 'foreign.db');
    const raw = new Database(file);
    raw.exec('create table invoices (id integer primary key, total integer)');
    raw.close();
    const store = createSqliteStore({ filename: file });
    expect(await codeOf(store.migrate())).toMatch(/^store_corrupt: .*not aftersale's \(invoices\)/);
    await store.close();
    const check = new Database(file);
    const tables = check.prepare("select name from sqlite_master where type = 'table'").all();
    check.close();
    expect(tables).toEqual([{ name: 'invoices' }]);
  });

  it('asks for migrate() on an empty or older database, and for an upgrade on a newer one', async () => {
    const file = join(directory, 'unmigrated.db');
    const store = createSqliteStore({ filename: file });
    expect(await codeOf(store.getOrder('shop', 'x'))).toMatch(
      /^store_not_migrated: .*version 0.*run store\.migrate\(\)/,
    );
    await store.migrate({ to: 1 });
    expect(await codeOf(store.getOrder('shop', 'x'))).toMatch(/^store_not_migrated: .*version 1/);
    await store.close();
    const raw = new Database(file);
    raw
      .prepare('insert into aftersale_schema (version, name, applied_at) values (?, ?, ?)')
      .run(latestSchemaVersion + 5, 'future', 'x');
    raw.close();
    const newer = createSqliteStore({ filename: file });
    expect(await codeOf(newer.migrate())).toMatch(/^store_not_migrated: .*newer than this aftersale/);
    await newer.close();
  });

  it('names a directory that does not exist', async () => {
    const store = createSqliteStore({ filename: join(directory, 'missing', 'x.db') });
    expect(await codeOf(store.migrate())).toMatch(/^store_unavailable: /);
    await store.close();
  });

  it('checks its settings at construction', () => {
    expect(() => createSqliteStore({ filename: '' })).toThrow(/filename/);
    expect(() => createSqliteStore({ filename: 'x.db', busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs/);
  });
});
