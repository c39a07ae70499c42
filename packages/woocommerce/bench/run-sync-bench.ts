import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncProcessRun, SyncProcessTask } from './sync-process.js';

/** What one benchmark run measured. */
export interface SyncBenchResult {
  orders: number;
  /** CPU microseconds per order, medians of the rounds: the adapter (normalisation included), and the bare client. */
  adapterCpuPerOrderUs: number;
  rawCpuPerOrderUs: number;
  /** The median of the rounds' ratios. */
  ratio: number;
  /** The same median ratio counting the main thread's CPU time alone (no garbage collector or compiler threads). */
  mainThreadRatio: number;
  /** Every round: each side's mean CPU microseconds per order over its measured syncs. */
  rounds: {
    rawCpuPerOrderUs: number;
    adapterCpuPerOrderUs: number;
    ratio: number;
    rawMainThreadCpuPerOrderUs: number;
    adapterMainThreadCpuPerOrderUs: number;
  }[];
}

/** Starts a bench script in a child process (TypeScript through tsx) and waits for its first message. */
function start<T>(script: string, args: string[], task?: SyncProcessTask) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = new Promise<T>((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  if (task !== undefined) child.send(task);
  return { child, message };
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Syncs `orders` orders from an emulator (in a child process, each page served with `pageLatencyMs`)
 * through the adapter and through the bare `@woocommerce/woocommerce-rest-api` client with the same
 * concurrency, and compares the CPU time per order.
 *
 * Each side syncs in a process of its own, so each pays for exactly its own garbage: in one process,
 * V8 collects one side's garbage during the other side's syncs, on helper threads whose time
 * `process.cpuUsage` counts, and which side that favours changes from one process to the next. A round
 * starts one process per side (the bare client first in even rounds, the adapter first in odd ones);
 * each syncs `warmUps` times unmeasured, then `runs` times measured. The ratio is the median over the
 * rounds of the ratio of the two sides' mean CPU time per order.
 */
export async function runSyncBench(options: {
  orders: number;
  pageLatencyMs: number;
  concurrency: number;
  rounds: number;
  /** Unmeasured syncs before the measured ones, in each process. @default 2 */
  warmUps?: number;
  /** Measured syncs in each process. @default 10 */
  runs?: number;
}): Promise<SyncBenchResult> {
  const emulator = start<{ url: string; consumerKey: string; consumerSecret: string }>('./emulator-process.ts', [
    String(options.orders),
    String(options.pageLatencyMs),
  ]);
  try {
    const site = await emulator.message;
    const side = async (which: SyncProcessTask['side']) => {
      const { message } = start<SyncProcessRun[]>('./sync-process.ts', [], {
        side: which,
        ...site,
        concurrency: options.concurrency,
        orders: options.orders,
        warmUps: options.warmUps ?? 2,
        runs: options.runs ?? 10,
      });
      const runs = await message;
      return {
        process: mean(runs.map((run) => run.process)),
        mainThread: mean(runs.map((run) => run.mainThread)),
      };
    };
    const rounds: SyncBenchResult['rounds'] = [];
    for (let round = 0; round < options.rounds; round++) {
      let raw: SyncProcessRun;
      let adapter: SyncProcessRun;
      if (round % 2 === 0) {
        raw = await side('raw');
        adapter = await side('adapter');
      } else {
        adapter = await side('adapter');
        raw = await side('raw');
      }
      rounds.push({
        rawCpuPerOrderUs: raw.process,
        adapterCpuPerOrderUs: adapter.process,
        ratio: adapter.process / raw.process,
        rawMainThreadCpuPerOrderUs: raw.mainThread,
        adapterMainThreadCpuPerOrderUs: adapter.mainThread,
      });
    }
    return {
      orders: options.orders,
      adapterCpuPerOrderUs: median(rounds.map((round) => round.adapterCpuPerOrderUs)),
      rawCpuPerOrderUs: median(rounds.map((round) => round.rawCpuPerOrderUs)),
      ratio: median(rounds.map((round) => round.ratio)),
      mainThreadRatio: median(
        rounds.map((round) => round.adapterMainThreadCpuPerOrderUs / round.rawMainThreadCpuPerOrderUs),
      ),
      rounds,
    };
  } finally {
    emulator.child.send('stop');
  }
}
