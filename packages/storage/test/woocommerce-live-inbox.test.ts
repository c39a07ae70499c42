import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AftersaleStore, webhookDedupeKey } from '@aftersale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createPostgresStore, createSqliteStore } from '../src/index.js';
import { postgresTarget } from './postgres-target.js';

const sharedDir = process.env.AFTERSALE_SHARED_DIR;
if (!sharedDir) throw new Error('AFTERSALE_SHARED_DIR is not set: these tests read the live WooCommerce captures');
const webhooksDir = join(sharedDir, 'platform/woocommerce/live-11.0.1/webhooks');

interface Capture {
  name: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** The signed deliveries captured from WooCommerce 11.0.1, bodies byte for byte. */
function signedDeliveries(): Capture[] {
  return readdirSync(webhooksDir)
    .filter((file) => file.endsWith('.headers.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.headers\.json$/, '');
      const { headers } = JSON.parse(readFileSync(join(webhooksDir, file), 'utf8')) as {
        headers: Record<string, string>;
      };
      return { name, headers, rawBody: readFileSync(join(webhooksDir, `${name}.body`)).toString('utf8') };
    })
    .filter((capture) => capture.headers['x-wc-webhook-signature'] !== undefined);
}

const target = await postgresTarget('live_inbox');
afterAll(async () => {
  if (target.kind === 'server') await target.dropSchema();
  else await target.close();
});

const backends: Array<[string, () => AftersaleStore]> = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore({ filename: ':memory:' })],
  [
    `postgres (${target.kind})`,
    () =>
      target.kind === 'server'
        ? createPostgresStore({ connectionString: target.connectionString, schema: target.schema })
        : createPostgresStore({ dialect: target.dialect(), schema: 'live_inbox' }),
  ],
];

describe('webhook inbox: the live WooCommerce 11.0.1 deliveries', () => {
  it('finds the 15 signed deliveries, two of which share delivery ids with different bodies', () => {
    const deliveries = signedDeliveries();
    expect(deliveries.map((capture) => capture.name.slice(0, 3))).toEqual(
      Array.from({ length: 15 }, (_, index) => String(index + 4).padStart(3, '0')),
    );
    const byDeliveryId = new Map<string, Capture[]>();
    for (const capture of deliveries) {
      const id = capture.headers['x-wc-webhook-delivery-id'] as string;
      byDeliveryId.set(id, [...(byDeliveryId.get(id) ?? []), capture]);
    }
    expect([...byDeliveryId.values()].filter((group) => group.length > 1)).toHaveLength(4);
  });

  for (const [name, open] of backends) {
    it(`keeps 14 of the 15 on ${name}: 013 and 015 are byte-identical, the rest differ by body or id`, async () => {
      const store = open();
      await store.migrate();
      const outcomes: Record<string, string> = {};
      for (const capture of signedDeliveries()) {
        const result = await store.enqueueWebhook({
          shopId: capture.headers['x-wc-webhook-source'] as string,
          platform: 'woocommerce',
          topic: capture.headers['x-wc-webhook-topic'] as string,
          dedupeKey: webhookDedupeKey({
            platform: 'woocommerce',
            webhookId: capture.headers['x-wc-webhook-id'],
            deliveryId: capture.headers['x-wc-webhook-delivery-id'],
            rawBody: capture.rawBody,
          }),
          rawBody: capture.rawBody,
          headers: capture.headers,
        });
        outcomes[capture.name] = result.outcome;
      }
      expect(Object.values(outcomes).filter((outcome) => outcome === 'enqueued')).toHaveLength(14);
      expect(Object.entries(outcomes).filter(([, outcome]) => outcome === 'duplicate')).toEqual([
        ['015-action.woocommerce_order_refunded', 'duplicate'],
      ]);
      const claimed = await store.claimWebhooks({ workerId: 'live', limit: 100 });
      expect(claimed).toHaveLength(14);
      const originals = new Map(
        signedDeliveries().map((capture) => [
          webhookDedupeKey({
            platform: 'woocommerce',
            webhookId: capture.headers['x-wc-webhook-id'],
            deliveryId: capture.headers['x-wc-webhook-delivery-id'],
            rawBody: capture.rawBody,
          }),
          capture.rawBody,
        ]),
      );
      for (const delivery of claimed) expect(delivery.rawBody).toBe(originals.get(delivery.dedupeKey));
      for (const delivery of claimed) await store.completeWebhook(delivery.id, delivery.leaseToken as string);
      const first = claimed[0] as (typeof claimed)[number];
      expect((await store.getWebhook(first.shopId, first.id))?.rawBody).toBeNull();
      expect(await store.getWebhook('another-shop.example', first.id)).toBeNull();
      await store.close();
    });
  }
});
