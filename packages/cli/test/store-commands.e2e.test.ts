import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createShopifyAdapter } from '@aftersale/shopify';
import { createSqliteStore, latestSchemaVersion } from '@aftersale/storage';
import { generateShop } from '@aftersale/testkit';
import {
  createManualClock,
  createShopifyEmulator,
  createWooCommerceEmulator,
  seedWooCommerceShop,
} from '@aftersale/testkit/emulators';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { runCli } from '../src/run-cli.js';
import { createSyncCommand } from '../src/store/sync-command.js';

// `aftersale migrate` and `aftersale sync`, spawned from the built executable as a user runs them
// (Shopify's sync runs in process: the library always calls https://{shop}, which only an injected
// fetch can send to the emulator).
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, 'dist', 'bin.js');
let scratch = '';

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Asynchronous: the WooCommerce emulator answers from this same process.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, cwd: scratch });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readFile: async () => '',
    writeFile: async () => {},
    now: () => new Date(),
  };
  return io;
}

beforeAll(() => {
  if (!existsSync(bin))
    throw new Error('packages/cli/dist is missing: run `pnpm --filter @aftersale/cli run build` first.');
  scratch = mkdtempSync(join(tmpdir(), 'aftersale-cli-store-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('aftersale migrate', () => {
  it('migrates a SQLite file to the latest schema, then finds nothing to do', async () => {
    const file = join(scratch, 'migrate.sqlite');
    const first = await run(['migrate', '--store', `sqlite:${file}`, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ backend: 'sqlite', from: 0, to: latestSchemaVersion });
    const again = await run(['migrate', '--store', `sqlite:${file}`]);
    expect(again.stdout).toContain(`schema ${latestSchemaVersion}, nothing to migrate`);
  });

  it('migrates PostgreSQL (the real server) into its own schema, never printing the password', async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL must point at the test PostgreSQL server');
    const schema = `cli_migrate_${process.pid}`;
    try {
      const result = await run(['migrate', '--store', url, '--schema', schema, '--to', '1']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/PostgreSQL .*: schema 0 → 1/);
      const rest = await run(['migrate', '--schema', schema, '--json'], { DATABASE_URL: url });
      expect(JSON.parse(rest.stdout)).toMatchObject({ backend: 'postgres', from: 1, to: latestSchemaVersion });
      // A role that must log in with scram-sha-256 and a password that needs URL-encoding, in its own schema.
      const scram = await run([
        'migrate',
        '--store',
        `postgres://aftersale_scram:${encodeURIComponent('s3cret/p@ss:word#1')}@127.0.0.1:5432/test`,
        '--schema',
        `${schema}_scram`,
      ]);
      expect(scram.stderr).toBe('');
      expect(scram.code).toBe(0);
      expect(scram.stdout).not.toContain('s3cret');
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS ${schema}_scram CASCADE`);
      await client.end();
    }
  });

  it('a store it cannot name, or a version that does not exist, is bad input (exit 2)', async () => {
    const bad = await run(['migrate', '--store', 'mysql://x'], { DATABASE_URL: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sqlite:<file>');
    const version = await run(['migrate', '--store', `sqlite:${join(scratch, 'v.sqlite')}`, '--to', '99']);
    expect(version.code).toBe(2);
  });
});

describe('aftersale sync', () => {
  it('imports a WooCommerce shop into SQLite with JSON progress lines', async () => {
    const emulator = await createWooCommerceEmulator();
    try {
      const seeded = seedWooCommerceShop(emulator.shop, { orders: 250, seed: 4 });
      const file = join(scratch, 'woo.sqlite');
      expect((await run(['migrate', '--store', `sqlite:${file}`])).code).toBe(0);
      const result = await run(['sync', '--platform', 'woocommerce', '--store', `sqlite:${file}`, '--json'], {
        WOOCOMMERCE_URL: emulator.url,
        WOOCOMMERCE_CONSUMER_KEY: emulator.consumerKey,
        WOOCOMMERCE_CONSUMER_SECRET: emulator.consumerSecret,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => line.event === 'progress' && line.phase === 'orders').at(-1)).toMatchObject({
        imported: 250,
      });
      expect(lines.at(-1)).toMatchObject({
        event: 'done',
        platform: 'woocommerce',
        orders: 250,
        customers: seeded.customerIds.length,
      });
      const store = createSqliteStore({ filename: file });
      const page = await store.listOrders(emulator.url.replace(/\/$/, ''), { limit: 500 });
      expect(page.items).toHaveLength(250);
      await store.close();
    } finally {
      await emulator.close();
    }
  });

  it('imports a Shopify shop (in process, through the emulator) and says what it did', async () => {
    // One manual clock for both: the adapter's cost-based pacing waits on it instead of real time.
    const clock = createManualClock();
    const emulator = await createShopifyEmulator({ clock });
    try {
      const shop = generateShop({ seed: 3, customers: 20, orders: 120, platform: 'shopify' });
      emulator.seedCustomers(shop.customers);
      emulator.seedOrders(shop.orders);
      const file = join(scratch, 'shopify.sqlite');
      const io = memoryIo();
      expect(await runCli(['migrate', '--store', `sqlite:${file}`], { io })).toBe(0);
      const sync = createSyncCommand((_platform, { store }) =>
        createShopifyAdapter({
          shop: emulator.shop,
          accessToken: emulator.accessToken,
          fetch: emulator.fetch,
          clock,
          store,
        }),
      );
      const code = await runCli(['sync', '--platform', 'shopify', '--store', `sqlite:${file}`], {
        io,
        commands: [sync],
      });
      expect(io.err).toBe('');
      expect(code).toBe(0);
      expect(io.out).toContain(`${emulator.shop}: 120 orders and 20 customers imported`);
    } finally {
      await emulator.close();
    }
  });

  it('--platform is required and checked', () => {
    const result = spawnSync(process.execPath, [bin, 'sync', '--platform', 'magento'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('shopify, woocommerce');
  });
});
