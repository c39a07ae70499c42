import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { canonicalCustomers, canonicalOrders } from '@aftersale/testkit';
import {
  createManualClock,
  createShopifyEmulator,
  type ManualClock,
  type RecordedDocument,
  type SeededOrder,
  type ShopifyEmulator,
  type ShopifyEmulatorOptions,
} from '@aftersale/testkit/emulators';
import {
  buildClientSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { afterAll, expect } from 'vitest';
import { createShopifyAdapter, type ShopifyAdapter, type ShopifyAdapterSettings } from '../src/index.js';

/** The real platform material beside the repository; tests that need it fail (never skip) without it. */
export function sharedDir(): string {
  const dir = process.env.AFTERSALE_SHARED_DIR;
  if (!dir || !existsSync(join(dir, 'platform'))) {
    throw new Error(`AFTERSALE_SHARED_DIR must point at the shared platform material (got ${String(dir)}).`);
  }
  return dir;
}

let realSchema: GraphQLSchema | undefined;

/** Shopify's real Admin GraphQL 2026-10 schema, from its introspection result. */
export function realAdminSchema(version = '2026-10'): GraphQLSchema {
  if (version === '2026-10' && realSchema) return realSchema;
  const file = join(sharedDir(), 'platform/shopify/admin-schema', `admin_${version}.json.gz`);
  const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data: IntrospectionQuery };
  const schema = buildClientSchema(introspection.data, { assumeValid: true });
  if (version === '2026-10') realSchema = schema;
  return schema;
}

export function readShared(path: string): string {
  return readFileSync(join(sharedDir(), path), 'utf8');
}

/**
 * An emulator and an adapter sharing one manual clock. When the test file ends, every document the
 * emulator received is validated against the real schema and the emulator is closed.
 */
export async function emulatorWithAdapter(
  emulatorOptions: ShopifyEmulatorOptions = {},
  adapterSettings: Partial<ShopifyAdapterSettings> = {},
): Promise<{ emulator: ShopifyEmulator; adapter: ShopifyAdapter; clock: ManualClock }> {
  const clock = createManualClock();
  const emulator = await createShopifyEmulator({ clock, ...emulatorOptions });
  const adapter = createShopifyAdapter({
    shop: emulator.shop,
    accessToken: emulator.accessToken,
    fetch: emulator.fetch,
    clock,
    random: () => 0.5,
    webhookSecret: emulator.webhookSecret,
    ...adapterSettings,
  });
  afterAll(async () => {
    await emulator.close();
    expect(emulator.documents.length).toBeGreaterThan(0);
    expect(invalidDocuments(emulator)).toEqual([]);
  });
  return { emulator, adapter, clock };
}

/**
 * Every document the emulator received, checked against Shopify's real 2026-10 schema with no
 * deprecated field: call it after a test file's run (it checks all of them, not a chosen few).
 */
export function invalidDocuments(emulator: ShopifyEmulator): { operation: string | null; errors: string[] }[] {
  const schema = realAdminSchema();
  const problems: { operation: string | null; errors: string[] }[] = [];
  const seen = new Set<string>();
  // A bulk operation's query travels as a variable: it is a document sent to Shopify too.
  const sent = emulator.documents.flatMap((document) =>
    document.query.includes('bulkOperationRunQuery') && typeof document.variables.query === 'string'
      ? [
          document,
          { operationName: `${document.operationName ?? 'bulk'} (bulk query)`, query: document.variables.query },
        ]
      : [document],
  );
  for (const document of sent) {
    if (seen.has(document.query)) continue;
    seen.add(document.query);
    const errors = validate(schema, parse(document.query), [...specifiedRules, NoDeprecatedCustomRule]);
    if (errors.length > 0)
      problems.push({ operation: document.operationName, errors: errors.map((error) => error.message) });
  }
  return problems;
}

/**
 * The canonical shop on an emulator, for tests that each need a fresh order: the customers are seeded
 * once, and `fresh(id)` seeds a new copy of a canonical order (new GIDs, same money) every call.
 */
export function canonicalShop(emulator: ShopifyEmulator): {
  customers: ReadonlyMap<string, string>;
  fresh(canonicalId: string): SeededOrder;
  variant(canonicalVariantId: string): string;
} {
  const ids = emulator.seedCustomers(canonicalCustomers);
  const customers = new Map(canonicalCustomers.map((customer, index) => [customer.id, ids[index] ?? '']));
  return {
    customers,
    fresh(canonicalId) {
      const order = canonicalOrders.find((entry) => entry.id === canonicalId);
      if (!order) throw new Error(`no canonical order ${canonicalId}`);
      const [seeded] = emulator.seedOrders([order]);
      if (!seeded) throw new Error(`${canonicalId} was not seeded`);
      return seeded;
    },
    variant(canonicalVariantId) {
      const id = emulator.state.variantIdsBySeed.get(canonicalVariantId);
      if (!id) throw new Error(`no variant ${canonicalVariantId} seeded`);
      return id;
    },
  };
}

/** The documents of one operation the emulator received (sent, whatever became of them). */
export function sent(emulator: ShopifyEmulator, operationName: string): RecordedDocument[] {
  return emulator.documents.filter((document) => document.operationName === operationName);
}
