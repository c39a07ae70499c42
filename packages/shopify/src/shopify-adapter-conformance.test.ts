import { createHmac } from 'node:crypto';
import { createMemoryStore } from '@aftersale/storage';
import { canonicalCustomers, canonicalOrders } from '@aftersale/testkit';
import { createManualClock, createShopifyEmulator } from '@aftersale/testkit/emulators';
import { runAdapterConformance } from '@aftersale/testkit/vitest';
import { expect } from 'vitest';
import { invalidDocuments } from '../test/shopify-test-support.js';
import { createShopifyAdapter, shopifyCapabilities } from './create-shopify-adapter.js';

runAdapterConformance({
  name: 'shopify',
  capabilities: [...shopifyCapabilities],
  setup: async () => {
    const clock = createManualClock();
    const emulator = await createShopifyEmulator({ clock });
    const customerIds = emulator.seedCustomers(canonicalCustomers);
    const seeded = emulator.seedOrders(canonicalOrders);
    const store = createMemoryStore({ now: () => new Date(clock.now()) });
    const adapter = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      clock,
      store,
      webhookSecret: emulator.webhookSecret,
    });
    return {
      adapter,
      orders: new Map(seeded.map((entry) => [entry.seedId, { id: entry.id, lineIds: entry.lineIds }])),
      customers: new Map(canonicalCustomers.map((customer, index) => [customer.id, customerIds[index] ?? ''])),
      variants: new Map(emulator.state.variantIdsBySeed),
      missingOrderId: 'gid://shopify/Order/1',
      countPlatformRefunds: async (orderId) => emulator.state.orders.get(orderId)?.refunds.length ?? 0,
      signedWebhook: async () => {
        const rawBody = JSON.stringify({ id: 1, admin_graphql_api_id: seeded[0]?.id });
        return {
          rawBody,
          headers: {
            'x-shopify-hmac-sha256': createHmac('sha256', emulator.webhookSecret).update(rawBody).digest('base64'),
            'x-shopify-topic': 'orders/updated',
            'x-shopify-shop-domain': emulator.shop,
            'x-shopify-webhook-id': 'conformance-1',
          },
        };
      },
      teardown: async () => {
        await emulator.close();
        expect(invalidDocuments(emulator)).toEqual([]);
      },
    };
  },
});
