// `pnpm demo`: one after-sales story end to end on each platform's emulator, with a SQLite file as
// the store. No account anywhere; exits non-zero when any step fails.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@aftersale/storage';
import { runShopifyStory } from './shopify-story.js';
import { runWooCommerceStory } from './woocommerce-story.js';

const started = performance.now();
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.aftersale');
const filename = join(dataDir, 'demo.sqlite');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const store = createSqliteStore({ filename });

try {
  const migrated = await store.migrate();
  process.stdout.write(`aftersale demo: SQLite store at ${filename} (schema ${migrated.from} → ${migrated.to})\n`);
  await runShopifyStory(store);
  await runWooCommerceStory(store);
  process.stdout.write(`\nThe story ran end to end in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
} catch (error) {
  process.stderr.write(
    `\nThe demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await store.close();
}
