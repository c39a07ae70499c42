// Offline evaluation of cross-sell: each customer's last basket held out, hit rate at k for item-to-item,
// popularity and their blends, on the shop generator's data and on a basket file you give it.
// Run: pnpm exec tsx packages/core/bench/crm-cross-sell.bench.ts [--baskets path/to/baskets.csv]
//
// Testkit depends on core, so its generator is imported by path, with `@aftersale/core` pointed at
// core's own source (no build needed, no dependency cycle).
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import {
  type Basket,
  type CrossSellEvaluation,
  createPurchaseHistory,
  evaluateCrossSell,
  parseBasketFile,
  parseCustomer,
  parseOrder,
} from '../src/index.js';

const coreSource = new URL('../src/index.ts', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@aftersale/core') return { url: coreSource, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

const percent = (value: number | undefined): string => `${((value ?? 0) * 100).toFixed(1)}%`;

function report(name: string, result: CrossSellEvaluation): void {
  const cut = (rates: Record<number, number>) => result.k.map((k) => `@${k} ${percent(rates[k])}`).join('  ');
  process.stdout.write(
    `\n${name}: ${result.customers} customers held out, ${result.baskets} baskets, ${result.items} items, excludeOwned=${result.excludeOwned}\n`,
  );
  process.stdout.write(
    `  held-out baskets with an item not owned before: ${percent(result.newItemShare)} (the ceiling)\n`,
  );
  process.stdout.write(`  popularity (baseline)   ${cut(result.popularity)}\n`);
  process.stdout.write(`  item-to-item            ${cut(result.itemToItem)}\n`);
  for (const blend of result.blends) {
    process.stdout.write(`  blend w=${blend.popularityWeight.toFixed(2).padEnd(14)} ${cut(blend.hitRate)}\n`);
  }
  if (result.tuned) {
    process.stdout.write(
      `  tuned on validation: w=${result.tuned.popularityWeight} (validation @${result.k[0]} ${percent(result.tuned.validationHitRate)}) → test ${cut(result.tuned.hitRate)}\n`,
    );
  }
}

const generator = (await import(new URL('../../testkit/src/generator/generate-shop.ts', import.meta.url).href)) as {
  generateShop: (options: { seed: number; customers: number; orders: number }) => {
    customers: unknown[];
    orders: unknown[];
  };
};
const shop = generator.generateShop({ seed: 42, customers: 2_000, orders: 20_000 });
const history = createPurchaseHistory({ shopId: 'generated.myshopify.com' });
for (const customer of shop.customers) history.addCustomer(parseCustomer(customer));
for (const order of shop.orders) history.addOrder(parseOrder(order));
const generated = history.baskets();
report('shop generator (seed 42, 2,000 customers, 20,000 orders)', evaluateCrossSell(generated, { k: [1, 3, 5] }));
report('shop generator, owned items allowed', evaluateCrossSell(generated, { k: [1, 3, 5], excludeOwned: false }));

const fileIndex = process.argv.indexOf('--baskets');
if (fileIndex >= 0) {
  const path = process.argv[fileIndex + 1];
  if (!path) throw new Error('--baskets needs a path to a CSV file');
  const baskets: Basket[] = parseBasketFile(readFileSync(path, 'utf8'));
  report(`${path}`, evaluateCrossSell(baskets, { k: [5, 10] }));
  report(`${path}, owned items allowed`, evaluateCrossSell(baskets, { k: [5, 10], excludeOwned: false }));
}
