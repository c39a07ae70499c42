// A worker that claims a refund's idempotency key in a shared SQLite store and is killed before it
// calls Shopify: argv is the database file, the shop, the key, the fingerprint and the time (epoch ms).
import { createSqliteStore } from '@aftersale/storage';

const [filename, shopId, key, fingerprint, now] = process.argv.slice(2);
const store = createSqliteStore({ filename, now: () => new Date(Number(now)) });
await store.migrate();
const claim = await store.claimIdempotencyKey({ shopId, key, operation: 'refund', fingerprint });
process.stdout.write(`${claim.outcome}\n`, () => process.kill(process.pid, 'SIGKILL'));
