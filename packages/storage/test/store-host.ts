// A store in a process of its own, driven by its parent over IPC: the second real client of the
// ledger and inbox races. Started by `openRemoteStores` with tsx; not part of the package.
import type { AftersaleStore } from '@aftersale/core';
import { createPostgresStore, createSqliteStore } from '../src/index.js';

interface HostSettings {
  backend: 'sqlite' | 'postgres';
  filename?: string;
  connectionString?: string;
  schema?: string;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as HostSettings;
const store: AftersaleStore =
  settings.backend === 'sqlite'
    ? createSqliteStore({ filename: settings.filename as string })
    : createPostgresStore({
        connectionString: settings.connectionString as string,
        schema: settings.schema as string,
        maxConnections: 4,
      });

type Call = { id: number; method: string; args: unknown[] };
process.on('message', (message: Call) => {
  const method = (store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[message.method];
  if (method === undefined) {
    process.send?.({ id: message.id, error: { message: `no method ${message.method}` } });
    return;
  }
  method.apply(store, message.args).then(
    (result) =>
      process.send?.({ id: message.id, result }, () => {
        if (message.method === 'close') process.exit(0);
      }),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        error: {
          message: error instanceof Error ? error.message : String(error),
          code: (error as { code?: unknown }).code,
        },
      }),
  );
});
process.send?.({ ready: true });
