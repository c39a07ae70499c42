// One side of the sync benchmark in a process of its own: the bare client or the adapter syncs the
// emulator's orders `warmUps` times unmeasured, then `runs` times measured, and sends the parent the
// CPU microseconds per order of each measured run: the whole process's (V8's helper threads, which
// collect garbage and compile, included) and the main thread's alone.
import { createWooCommerceAdapter } from '../src/create-woocommerce-adapter.js';
import { createRestClient, responseJson } from '../src/woocommerce-http.js';

export interface SyncProcessTask {
  side: 'raw' | 'adapter';
  url: string;
  consumerKey: string;
  consumerSecret: string;
  concurrency: number;
  orders: number;
  warmUps: number;
  runs: number;
}

/** What one measured sync cost, in CPU microseconds per order. */
export interface SyncProcessRun {
  process: number;
  mainThread: number;
}

const cpu = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
const mainThreadCpu = () => {
  const usage = process.threadCpuUsage();
  return usage.user + usage.system;
};

async function raw(task: SyncProcessTask): Promise<number> {
  const client = createRestClient({
    url: task.url,
    consumerKey: task.consumerKey,
    consumerSecret: task.consumerSecret,
    timeoutMs: 30_000,
  });
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
  await Promise.all(Array.from({ length: task.concurrency }, worker));
  return count;
}

async function adapted(task: SyncProcessTask): Promise<number> {
  const adapter = createWooCommerceAdapter({
    url: task.url,
    consumerKey: task.consumerKey,
    consumerSecret: task.consumerSecret,
    concurrency: task.concurrency,
  });
  let count = 0;
  for await (const _order of adapter.listOrdersUpdatedSince(new Date(0))) count++;
  return count;
}

process.once('message', async (message) => {
  const task = message as SyncProcessTask;
  const sync = task.side === 'raw' ? raw : adapted;
  for (let index = 0; index < task.warmUps; index++) await sync(task);
  const runs: SyncProcessRun[] = [];
  for (let index = 0; index < task.runs; index++) {
    const before = cpu();
    const mainBefore = mainThreadCpu();
    const orders = await sync(task);
    const mainThread = mainThreadCpu() - mainBefore;
    const spent = cpu() - before;
    if (orders !== task.orders) throw new Error(`expected ${task.orders} orders, got ${orders}`);
    runs.push({ process: spent / orders, mainThread: mainThread / orders });
  }
  process.send?.(runs, () => process.exit(0));
});
