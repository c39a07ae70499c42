import { AftersaleError, type CommerceAdapter, type Customer, type Order } from '@aftersale/core';
import { createShopifyAdapter } from '@aftersale/shopify';
import type { SqlStore } from '@aftersale/storage';
import { createWooCommerceAdapter } from '@aftersale/woocommerce';
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../cli-io.js';
import { type CliCommand, defineCommand } from '../command-registry.js';
import { describeStore, openStore, storeOptions } from './open-store.js';

export type SyncPlatform = 'shopify' | 'woocommerce';

/** Makes the adapter `sync` reads from; the default reads credentials from the environment. */
export type SyncAdapterFactory = (
  platform: SyncPlatform,
  options: { shop?: string; url?: string; store: SqlStore },
) => CommerceAdapter;

/** Shopify: SHOPIFY_SHOP and SHOPIFY_ACCESS_TOKEN; WooCommerce: WOOCOMMERCE_URL, _CONSUMER_KEY, _CONSUMER_SECRET. */
export const adapterFromEnvironment: SyncAdapterFactory = (platform, options) => {
  if (platform === 'shopify') {
    return createShopifyAdapter({
      shop: options.shop ?? process.env.SHOPIFY_SHOP ?? '',
      accessToken: process.env.SHOPIFY_ACCESS_TOKEN ?? '',
      store: options.store,
    });
  }
  return createWooCommerceAdapter({ url: options.url ?? process.env.WOOCOMMERCE_URL ?? '', store: options.store });
};

const batchSize = 100;

/** Reports progress: a bar on a terminal, JSON lines with --json, a line now and then otherwise. */
function progressReporter(io: CliIo, json: boolean) {
  const bar =
    !json && io.stderrTerminal
      ? new SingleBar({
          stream: io.stderrTerminal,
          format: '{phase} {value} imported | {rate}/s',
          hideCursor: true,
          clearOnComplete: false,
        })
      : null;
  let lastLine = 0;
  let started = 0;
  let phase = '';
  return {
    start(name: string, now: number) {
      phase = name;
      started = now;
      lastLine = 0;
      bar?.start(0, 0, { phase, rate: 0 });
    },
    update(count: number, now: number) {
      const rate = Math.round(count / Math.max(0.001, (now - started) / 1000));
      if (bar) {
        bar.setTotal(count);
        bar.update(count, { phase, rate });
      } else if (json) io.stdout(`${JSON.stringify({ event: 'progress', phase, imported: count, perSecond: rate })}\n`);
      else if (count - lastLine >= 1000) {
        io.stderr(`${phase}: ${count} imported (${rate}/s)\n`);
        lastLine = count;
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

async function importAll<T>(
  records: AsyncIterable<T>,
  write: (batch: T[]) => Promise<void>,
  onProgress: (count: number) => void,
): Promise<number> {
  let batch: T[] = [];
  let count = 0;
  for await (const record of records) {
    batch.push(record);
    if (batch.length === batchSize) {
      await write(batch);
      count += batch.length;
      batch = [];
      onProgress(count);
    }
  }
  if (batch.length > 0) await write(batch);
  count += batch.length;
  onProgress(count);
  return count;
}

/** `aftersale sync`: imports a shop's orders and customers into a store, with progress. */
export function createSyncCommand(createAdapter: SyncAdapterFactory = adapterFromEnvironment): CliCommand {
  return defineCommand({
    name: 'sync',
    summary: "import a shop's orders and customers into a store, with a progress bar",
    description:
      'Reads every order updated since --since (and every customer) from Shopify or WooCommerce and keeps them in the store, as normalized snapshots for decisions and the CRM. Credentials come from the environment: SHOPIFY_SHOP and SHOPIFY_ACCESS_TOKEN, or WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET. The store must be migrated first (aftersale migrate). With --json, progress is printed as JSON lines for scripts.',
    arguments: [],
    options: [
      {
        flags: '--platform <platform>',
        description: 'where the shop lives',
        choices: ['shopify', 'woocommerce'],
        required: true,
      },
      ...storeOptions,
      { flags: '--shop <shop>', description: 'the Shopify shop domain (default: SHOPIFY_SHOP)' },
      { flags: '--url <url>', description: 'the WooCommerce site URL (default: WOOCOMMERCE_URL)' },
      { flags: '--since <date>', description: 'only orders updated since this day or time (default: all)' },
      {
        flags: '--bulk',
        description: 'Shopify: read the history through a bulk operation (large shops)',
        defaultValue: false,
      },
    ],
    examples: [
      'aftersale sync --platform shopify --store sqlite:aftersale.sqlite',
      'aftersale sync --platform woocommerce --store postgres://app@db/shop --since 2026-01-01 --json',
    ],
    async run({ options, io }) {
      const platform = options.platform as SyncPlatform;
      const since = options.since === undefined ? new Date(0) : new Date(String(options.since));
      if (Number.isNaN(since.getTime())) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `--since ${JSON.stringify(options.since)} is not a date; write it as YYYY-MM-DD or an ISO time.`,
        });
      }
      const store = openStore(options.store, { schema: options.schema });
      const progress = progressReporter(io, options.json);
      try {
        const adapter = createAdapter(platform, {
          ...(typeof options.shop === 'string' ? { shop: options.shop } : {}),
          ...(typeof options.url === 'string' ? { url: options.url } : {}),
          store,
        });
        const started = io.now().getTime();
        progress.start('orders', started);
        const orders =
          options.bulk === true && adapter.bulkImportOrders
            ? adapter.bulkImportOrders()
            : adapter.listOrdersUpdatedSince(since);
        const orderCount = await importAll<Order>(
          orders,
          (batch) => store.upsertOrders(adapter.shopId, batch),
          (count) => progress.update(count, io.now().getTime()),
        );
        progress.stop();
        progress.start('customers', io.now().getTime());
        const customerCount = await importAll<Customer>(
          adapter.listCustomers(),
          (batch) => store.upsertCustomers(adapter.shopId, batch),
          (count) => progress.update(count, io.now().getTime()),
        );
        progress.stop();
        const seconds = (io.now().getTime() - started) / 1000;
        const summary = {
          event: 'done',
          platform,
          shopId: adapter.shopId,
          store: describeStore(options.store),
          orders: orderCount,
          customers: customerCount,
          seconds,
        };
        if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
        else {
          io.stdout(
            `${adapter.shopId}: ${orderCount} orders and ${customerCount} customers imported into ${summary.store} in ${seconds.toFixed(1)} s\n`,
          );
        }
        return 0;
      } finally {
        progress.stop();
        await store.close();
      }
    },
  });
}

export const syncCommand = createSyncCommand();
