// The policy evaluation benchmark: a 20-rule policy on 5-line orders, evaluated three ways in one
// run: aftersale (full decision: trace, texts, refund plan), json-rules-engine, and a hand-written
// function (the floor). Prints `policy-eval ratio-vs-json-rules-engine=<x> ratio-vs-handwritten=<y>`.
// Run: pnpm --filter @aftersale/core bench (or pnpm exec tsx packages/core/bench/policy-eval.bench.ts)
import { pathToFileURL } from 'node:url';
import {
  type BenchInput,
  benchInputs,
  createJsonRulesEngine,
  evaluateByHand,
  evaluateWithAftersale,
  evaluateWithJsonRulesEngine,
} from './policy-eval-cases.js';

export interface PolicyEvalBenchResult {
  orders: number;
  /** Median microseconds per order (5 lines) for each contender. */
  microsecondsPerOrder: { aftersale: number; jsonRulesEngine: number; handwritten: number };
  /** json-rules-engine time ÷ aftersale time (higher is better for aftersale). */
  ratioVsJsonRulesEngine: number;
  /** aftersale time ÷ hand-written time (lower is better for aftersale). */
  ratioVsHandwritten: number;
}

async function timed(minimumMs: number, pass: () => Promise<number> | number): Promise<number> {
  let orders = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    orders += await pass();
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / orders;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Times the three contenders on the same inputs, interleaved, `samples` times each; returns the medians. */
export async function runPolicyEvalBench(options: {
  orders: number;
  samples: number;
  minimumMs: number;
}): Promise<PolicyEvalBenchResult> {
  const inputs: BenchInput[] = benchInputs(options.orders);
  const engine = createJsonRulesEngine();
  let sink = 0;
  const aftersalePass = () => {
    for (const input of inputs) sink += evaluateWithAftersale(input).trace.length;
    return inputs.length;
  };
  const handPass = () => {
    for (const input of inputs) sink += evaluateByHand(input).returnShipping;
    return inputs.length;
  };
  const enginePass = async () => {
    for (const input of inputs) sink += (await evaluateWithJsonRulesEngine(engine, input)).returnShipping;
    return inputs.length;
  };
  // Warm up every contender (JIT, caches) before measuring.
  await timed(options.minimumMs, aftersalePass);
  await timed(options.minimumMs, handPass);
  await timed(options.minimumMs, enginePass);
  const times = { aftersale: [] as number[], jsonRulesEngine: [] as number[], handwritten: [] as number[] };
  for (let sample = 0; sample < options.samples; sample++) {
    times.aftersale.push(await timed(options.minimumMs, aftersalePass));
    times.jsonRulesEngine.push(await timed(options.minimumMs, enginePass));
    times.handwritten.push(await timed(options.minimumMs, handPass));
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  const microsecondsPerOrder = {
    aftersale: median(times.aftersale),
    jsonRulesEngine: median(times.jsonRulesEngine),
    handwritten: median(times.handwritten),
  };
  return {
    orders: inputs.length,
    microsecondsPerOrder,
    ratioVsJsonRulesEngine: microsecondsPerOrder.jsonRulesEngine / microsecondsPerOrder.aftersale,
    ratioVsHandwritten: microsecondsPerOrder.aftersale / microsecondsPerOrder.handwritten,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runPolicyEvalBench({ orders: 500, samples: 7, minimumMs: 500 });
  const us = result.microsecondsPerOrder;
  process.stdout.write(
    `policy-eval orders=${result.orders} lines-per-order=5 rules=20 trace=full µs-per-order aftersale=${us.aftersale.toFixed(1)} json-rules-engine=${us.jsonRulesEngine.toFixed(1)} handwritten=${us.handwritten.toFixed(2)}\n`,
  );
  process.stdout.write(
    `policy-eval ratio-vs-json-rules-engine=${result.ratioVsJsonRulesEngine.toFixed(1)} ratio-vs-handwritten=${result.ratioVsHandwritten.toFixed(1)}\n`,
  );
}
