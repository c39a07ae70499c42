import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWooCommerceAdapter } from '../src/create-woocommerce-adapter.js';
import { createRestClient, responseJson } from '../src/woocommerce-http.js';

/** What one benchmark run measured. */
export interface SyncBenchResult {
  orders: number;
  /** CPU microseconds per order: the adapter (normalisation included), and the bare client. */
  adapterCpuPerOrderUs: number;
  rawCpuPerOrderUs: number;
  ratio: number;
}

const cpu = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/**
 * Syncs `orders` orders from an emulator (in a child process, each page served with `pageLatencyMs`)
 * through the adapter and through the bare `@woocommerce/woocommerce-rest-api` client with the same
 * concurrency, and compares the CPU time per order: `rounds` paired runs, medians reported.
 */
export async function runSyncBench(options: {
  orders: number;
  pageLatencyMs: number;
  concurrency: number;
  rounds: number;
}): Promise<SyncBenchResult> {
  const child = fork(
    fileURLToPath(new URL('./emulator-process.ts', import.meta.url)),
    [String(options.orders), String(options.pageLatencyMs)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  try {
    const site = await new Promise<{ url: string; consumerKey: string; consumerSecret: string }>((resolve, reject) => {
      child.once('message', (message) =>
        resolve(message as { url: string; consumerKey: string; consumerSecret: string }),
      );
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const settings = {
      url: site.url,
      consumerKey: site.consumerKey,
      consumerSecret: site.consumerSecret,
      concurrency: options.concurrency,
    };

    const raw = async (): Promise<number> => {
      const client = createRestClient({ ...site, timeoutMs: 30_000 });
      const first = await client.get('orders', { per_page: 100, page: 1 });
      let count = (responseJson(first.data) as unknown[]).length;
      const pages = Number((first.headers as Record<string, string>)['x-wp-totalpages']);
      let next = 2;
      const worker = async () => {
        while (next <= pages) {
          const page = next++;
          const response = await client.get('orders', { per_page: 100, page });
          count += (responseJson(response.data) as unknown[]).length;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      return count;
    };
    const adapted = async (): Promise<number> => {
      const adapter = createWooCommerceAdapter(settings);
      let count = 0;
      for await (const _order of adapter.listOrdersUpdatedSince(new Date(0))) count++;
      return count;
    };
    // Paired rounds: the bare client then the adapter, one after the other, so both see the same load
    // on the machine; the ratio is the median of the rounds' ratios.
    const cpuPerOrder = async (run: () => Promise<number>) => {
      const before = cpu();
      const orders = await run();
      if (orders !== options.orders) {
        throw new Error(`expected ${options.orders} orders, got ${orders}`);
      }
      return (cpu() - before) / orders;
    };
    await raw(); // warm-up
    await adapted();
    const rawSamples: number[] = [];
    const adapterSamples: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const rawPerOrder = await cpuPerOrder(raw);
      const adapterPerOrder = await cpuPerOrder(adapted);
      rawSamples.push(rawPerOrder);
      adapterSamples.push(adapterPerOrder);
      ratios.push(adapterPerOrder / rawPerOrder);
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] as number;
    };
    return {
      orders: options.orders,
      adapterCpuPerOrderUs: median(adapterSamples),
      rawCpuPerOrderUs: median(rawSamples),
      ratio: median(ratios),
    };
  } finally {
    child.send('stop');
  }
}
