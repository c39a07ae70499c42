import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RemoteStore } from '@aftersale/testkit/vitest';

const host = fileURLToPath(new URL('./store-host.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('./tsconfig.host.json', import.meta.url));

/** Starts `count` processes, each with its own store on the same database, and talks to them over IPC. */
export async function openRemoteStores(
  count: number,
  settings: { backend: 'sqlite' | 'postgres'; filename?: string; connectionString?: string; schema?: string },
): Promise<RemoteStore[]> {
  return Promise.all(Array.from({ length: count }, () => openRemoteStore(settings)));
}

function openRemoteStore(settings: object): Promise<RemoteStore> {
  const child: ChildProcess = fork(host, [JSON.stringify(settings)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const call = (method: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      next += 1;
      waiting.set(next, { resolve, reject });
      child.send({ id: next, method, args });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      for (const pending of waiting.values()) {
        if (code === 0) pending.resolve(undefined);
        else pending.reject(new Error(`store host exited with ${code}`));
      }
      reject(new Error(`store host exited with ${code} before it was ready`));
    });
    child.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: { message: string } }) => {
      if (message.ready) {
        resolve({
          migrate: (options) => call('migrate', options) as never,
          claimIdempotencyKey: (input) => call('claimIdempotencyKey', input) as never,
          claimWebhooks: (options) => call('claimWebhooks', options) as never,
          completeWebhook: (id, token) => call('completeWebhook', id, token) as never,
          close: async () => {
            const exited = new Promise((done) => child.once('exit', done));
            if (child.exitCode !== null) return;
            await call('close').catch(() => undefined);
            await exited;
          },
        });
        return;
      }
      const pending = waiting.get(message.id as number);
      if (pending === undefined) return;
      waiting.delete(message.id as number);
      if (message.error) pending.reject(new Error(message.error.message));
      else pending.resolve(message.result);
    });
  });
}
