// Fits BG/NBD and Gamma-Gamma on 23,000 simulated customers and prints the fit time.
// Run: pnpm exec tsx packages/core/bench/crm-lifetime-value.bench.ts
import { fitBgNbd } from '../src/crm/lifetime-value/fit-bg-nbd.js';
import { fitGammaGamma } from '../src/crm/lifetime-value/fit-gamma-gamma.js';
import { simulateCustomers } from '../src/crm/lifetime-value/simulate-customers.js';

const customerCount = 23_000;
const rounds = 5;
const truth = { bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 } };

const times: number[] = [];
let last = '';
for (let round = 0; round < rounds; round++) {
  // CDNOW-like: 23k customers (the full CDNOW cohort size), ages of 27 to 39 weeks.
  const customers = simulateCustomers({
    ...truth,
    count: customerCount,
    seed: 1000 + round,
    minimumAge: 27,
    maximumAge: 39,
    currency: 'USD',
  });
  const start = performance.now();
  const bgNbd = fitBgNbd(customers);
  const gammaGamma = fitGammaGamma(customers);
  times.push(performance.now() - start);
  const { r, alpha, a, b } = bgNbd.parameters;
  const { p, q, gamma } = gammaGamma.parameters;
  last = `r=${r.toFixed(3)} alpha=${alpha.toFixed(3)} a=${a.toFixed(3)} b=${b.toFixed(3)} p=${p.toFixed(3)} q=${q.toFixed(3)} gamma=${gamma.toFixed(3)} repeat-buyers=${gammaGamma.customerCount}`;
}
const sorted = [...times].sort((left, right) => left - right);
const median = sorted[Math.floor(sorted.length / 2)] as number;
process.stdout.write(
  `crm lifetime-value customers=${customerCount} fit-ms first=${(times[0] as number).toFixed(0)} median=${median.toFixed(0)} max=${(sorted.at(-1) as number).toFixed(0)} (BG/NBD + Gamma-Gamma)\n`,
);
process.stdout.write(`last fit: ${last}\n`);
process.stdout.write(`bgnbd-fit-ms=${median.toFixed(0)}\n`);
