// Webhooks from Shopify and WooCommerce into aftersale: an Express route (Node handler) for Shopify and
// a Fetch API handler (Request → Response) for WooCommerce, both verifying signatures over the raw bytes
// and keeping each delivery once in the store's inbox; a worker then processes the inbox.
//
// By default it starts both emulators, makes each send itself one signed delivery (and Shopify one
// byte-for-byte duplicate), checks they were verified, kept once and processed, and exits. With
// SHOPIFY_SHOP/SHOPIFY_ACCESS_TOKEN/SHOPIFY_WEBHOOK_SECRET or WOOCOMMERCE_URL/…/WOOCOMMERCE_WEBHOOK_SECRET
// it serves a real shop on PORT (default 3000) and processes the inbox every five seconds.
import type { AddressInfo } from 'node:net';
import { type AftersaleStore, computeRefund } from '@aftersale/core';
import { createShopifyAdapter, createShopifyNodeWebhookHandler, processShopifyWebhooks } from '@aftersale/shopify';
import { createSqliteStore } from '@aftersale/storage';
import { canonicalOrders } from '@aftersale/testkit';
import { createShopifyEmulator, createWooCommerceEmulator, seedWooCommerceShop } from '@aftersale/testkit/emulators';
import { createWooCommerceAdapter, createWooCommerceWebhookHandler } from '@aftersale/woocommerce';
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from 'express';

type FetchHandler = (request: Request) => Promise<Response>;

/** Mounts a Fetch API handler on Express: the raw body and headers in, the status and body out. */
function fetchRoute(handler: FetchHandler) {
  return async (request: ExpressRequest, response: ExpressResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await handler(
      new Request(`http://${request.headers.host ?? 'localhost'}${request.originalUrl}`, {
        method: request.method,
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    response.status(answer.status).send(Buffer.from(await answer.arrayBuffer()));
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The Express app: no JSON body parser before the webhook routes (a re-serialised body fails the signature). */
function webhookApp(routes: { shopify?: express.RequestHandler; woocommerce?: FetchHandler }) {
  const app = express();
  if (routes.shopify) app.post('/webhooks/shopify', routes.shopify);
  if (routes.woocommerce) app.post('/webhooks/woocommerce', fetchRoute(routes.woocommerce));
  return app;
}

async function processWooCommerceInbox(
  store: AftersaleStore,
  adapter: ReturnType<typeof createWooCommerceAdapter>,
): Promise<string[]> {
  const done: string[] = [];
  for (const delivery of await store.claimWebhooks({ workerId: 'example', shopId: adapter.shopId })) {
    const event = await adapter.parseWebhook?.({ topic: delivery.topic, rawBody: delivery.rawBody ?? '{}' });
    if (!event) fail('the adapter has no webhook secret, so it cannot parse deliveries');
    if (event.type === 'order-updated') await store.upsertOrders(adapter.shopId, [event.order]);
    await store.completeWebhook(delivery.id, delivery.leaseToken ?? '');
    done.push(`${delivery.topic} → ${event.type}`);
  }
  return done;
}

const store = createSqliteStore({ filename: ':memory:' });
await store.migrate();
try {
  const realShopify =
    process.env.SHOPIFY_SHOP && process.env.SHOPIFY_ACCESS_TOKEN && process.env.SHOPIFY_WEBHOOK_SECRET;
  const realWoo = process.env.WOOCOMMERCE_URL && process.env.WOOCOMMERCE_WEBHOOK_SECRET;
  if (realShopify || realWoo) {
    const shopify = realShopify
      ? createShopifyAdapter({
          shop: process.env.SHOPIFY_SHOP ?? '',
          accessToken: process.env.SHOPIFY_ACCESS_TOKEN ?? '',
          webhookSecret: process.env.SHOPIFY_WEBHOOK_SECRET ?? '',
          store,
        })
      : undefined;
    const woo = realWoo ? createWooCommerceAdapter({ url: process.env.WOOCOMMERCE_URL ?? '', store }) : undefined;
    const app = webhookApp({
      shopify: shopify ? createShopifyNodeWebhookHandler({ adapter: shopify, store }) : undefined,
      woocommerce: woo
        ? createWooCommerceWebhookHandler({ secret: process.env.WOOCOMMERCE_WEBHOOK_SECRET ?? '', store }).fetch
        : undefined,
    });
    const port = Number(process.env.PORT ?? 3000);
    app.listen(port, () => console.log(`webhooks on http://localhost:${port}/webhooks/{shopify,woocommerce}`));
    setInterval(async () => {
      if (shopify) await processShopifyWebhooks({ adapter: shopify, store, workerId: 'example' });
      if (woo) await processWooCommerceInbox(store, woo);
    }, 5000);
  } else {
    const shopifyEmulator = await createShopifyEmulator();
    const wooEmulator = await createWooCommerceEmulator();
    try {
      const shopify = createShopifyAdapter({
        shop: shopifyEmulator.shop,
        accessToken: shopifyEmulator.accessToken,
        fetch: shopifyEmulator.fetch,
        webhookSecret: shopifyEmulator.webhookSecret,
        store,
      });
      const wooSecret = 'example-secret';
      const woo = createWooCommerceAdapter({
        url: wooEmulator.url,
        consumerKey: wooEmulator.consumerKey,
        consumerSecret: wooEmulator.consumerSecret,
        webhookSecret: wooSecret,
        store,
      });
      const app = webhookApp({
        shopify: createShopifyNodeWebhookHandler({ adapter: shopify, store }),
        woocommerce: createWooCommerceWebhookHandler({ secret: wooSecret, store, shopId: woo.shopId }).fetch,
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        shopifyEmulator.subscribeWebhooks({ url: `${base}/webhooks/shopify`, topics: ['orders/updated'] });
        wooEmulator.addWebhook({
          topic: 'order.updated',
          deliveryUrl: `${base}/webhooks/woocommerce`,
          secret: wooSecret,
        });
        await wooEmulator.deliverWebhooks(); // WooCommerce's unsigned ping

        // Shopify: one signed delivery of an order, sent twice byte for byte.
        const source = canonicalOrders[0] ?? fail('no canonical order');
        const [seeded] = shopifyEmulator.seedOrders([source]);
        const order = (await shopify.getOrder(seeded?.id ?? '')) ?? fail('the emulator lost the order');
        const sent = await shopifyEmulator.sendWebhook(
          'orders/updated',
          { id: Number(order.source.id), admin_graphql_api_id: order.id },
          { duplicates: 1 },
        );
        // WooCommerce: a refund (as if made in the admin) changes the order, and WooCommerce sends order.updated, signed.
        const seededWoo = seedWooCommerceShop(wooEmulator.shop, { orders: 3, seed: 9 });
        const wooOrder = (await woo.getOrder(String(seededWoo.orderIds[0]))) ?? fail('no WooCommerce order');
        const line = wooOrder.lines[0] ?? fail('no line');
        await woo.createRefund(computeRefund(wooOrder, { lines: [{ lineItemId: line.id, quantity: 1 }] }), {
          idempotencyKey: 'example-refund',
        });
        const wooSent = await wooEmulator.deliverWebhooks();

        const shopifyProcessed = await processShopifyWebhooks({ adapter: shopify, store, workerId: 'example' });
        const wooProcessed = await processWooCommerceInbox(store, woo);
        console.log(
          `Shopify: ${sent.length} deliveries sent (one a duplicate); ${shopifyProcessed.completed} processed`,
        );
        console.log(`WooCommerce: ${wooSent.length} signed deliveries sent; processed ${wooProcessed.join(', ')}`);
        if (shopifyProcessed.completed !== 1)
          fail('the Shopify delivery must be processed exactly once (the duplicate is dropped)');
        if (wooProcessed.length < 1) fail('the WooCommerce delivery was not processed');
        if (!(await store.getOrder(woo.shopId, wooOrder.id))) fail('the WooCommerce order snapshot was not stored');
        console.log('Both deliveries were verified, kept once and processed.');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      await shopifyEmulator.close();
      await wooEmulator.close();
    }
    await store.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
  await store.close();
}
