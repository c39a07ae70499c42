import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AftersaleStore,
  createReturnEventBus,
  createReturnService,
  definePolicy,
  formatMoney,
  type Order,
  type ReturnNotification,
} from '@aftersale/core';
import { createShopifyAdapter, createShopifyNodeWebhookHandler, processShopifyWebhooks } from '@aftersale/shopify';
import { generateShop } from '@aftersale/testkit';
import { createShopifyEmulator } from '@aftersale/testkit/emulators';
import { complaintSteps } from './complaint-steps.js';
import { showPurchaseHistory } from './crm-steps.js';
import { suggestFaq } from './faq-steps.js';
import { assert, createStory } from './steps.js';

const policy = definePolicy({
  schemaVersion: 1,
  id: 'north-sea-returns',
  version: 1,
  currency: 'GBP',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  resolutions: { keepItem: { enabled: true, maximumValue: { amount: 10000, currency: 'GBP' } } },
});

/**
 * An English customer's order on Shopify: the item arrived damaged; the policy decides (in English),
 * the refund goes through refundCreate with an idempotency key, Shopify's signed refunds/create webhook
 * is verified, kept once in the inbox, processed, and matched with the refund aftersale made.
 */
export async function runShopifyStory(store: AftersaleStore): Promise<{ order: Order }> {
  const story = createStory('Shopify: a damaged lamp (English customer)');

  const { emulator, order: seededOrder } = await story.step(
    'Start the Shopify emulator with a generated shop',
    async (step) => {
      const started = await createShopifyEmulator();
      const shop = generateShop({ seed: 7, customers: 40, orders: 160, platform: 'shopify', until: new Date() });
      started.seedCustomers(shop.customers);
      started.seedOrders(shop.orders);
      const customer = shop.customers.find((candidate) => candidate.countryCode === 'GB') ?? shop.customers[0];
      assert(customer, 'the generated shop has no customer');
      const placed = new Date(Date.now() - 5 * 86_400_000).toISOString();
      const delivered = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const [seeded] = started.seedOrders([
        {
          id: 'demo-lamp-order',
          source: { platform: 'shopify', id: 'demo-lamp-order', name: '#2001' },
          currency: 'GBP',
          taxesIncluded: true,
          createdAt: placed,
          financialStatus: 'paid',
          fulfillmentStatus: 'fulfilled',
          customer: { id: customer.id, email: customer.email ?? null },
          email: customer.email ?? null,
          shippingAddress: { countryCode: 'GB' },
          lines: [
            {
              id: 'lamp',
              title: 'Brass desk lamp',
              quantity: 1,
              unitPrice: { amount: 8400, currency: 'GBP' },
              taxLines: [{ title: 'VAT', rate: 0.2, amount: { amount: 1400, currency: 'GBP' } }],
            },
          ],
          shippingLines: [{ id: 'ship', title: 'Royal Mail', price: { amount: 495, currency: 'GBP' } }],
          fulfillments: [
            { id: 'ful', lines: [{ lineItemId: 'lamp', quantity: 1 }], shippedAt: placed, deliveredAt: delivered },
          ],
          transactions: [
            {
              id: 'tx',
              kind: 'sale',
              status: 'success',
              gateway: 'shopify_payments',
              amount: { amount: 8895, currency: 'GBP' },
            },
          ],
          totals: {
            subtotal: { amount: 8400, currency: 'GBP' },
            discounts: { amount: 0, currency: 'GBP' },
            shipping: { amount: 495, currency: 'GBP' },
            tax: { amount: 1400, currency: 'GBP' },
            total: { amount: 8895, currency: 'GBP' },
          },
        },
      ]);
      assert(seeded, 'the order was not seeded');
      step.show(
        `${shop.orders.length} generated orders of ${shop.customers.length} customers; the story's order is ${seeded.id}`,
      );
      return { emulator: started, order: seeded };
    },
  );

  try {
    const adapter = createShopifyAdapter({
      shop: emulator.shop,
      accessToken: emulator.accessToken,
      fetch: emulator.fetch,
      webhookSecret: emulator.webhookSecret,
      store,
    });

    const server = await story.step("Subscribe to Shopify's refund webhooks (a local HTTP endpoint)", async (step) => {
      const handler = createShopifyNodeWebhookHandler({ adapter, store });
      const listening = createServer((request, response) => {
        void handler(request, response);
      });
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/webhooks`;
      emulator.subscribeWebhooks({ url, topics: ['refunds/create'] });
      step.show(`refunds/create → ${url}`);
      return listening;
    });

    try {
      const order = await story.step('Read the order through the Admin GraphQL API', async (step) => {
        const found = await adapter.getOrder(seededOrder.id);
        assert(found, 'order not found');
        step.show(
          `${found.source.name}: ${found.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}; paid ${formatMoney(found.totals.total, 'en-GB')}`,
        );
        return found;
      });
      const line = order.lines[0];
      assert(line, 'the order has no line');

      const complaints = complaintSteps(story, store, adapter.shopId, () => new Date());
      const complaintId = await complaints.open({
        customerId: order.customer?.id ?? null,
        orderId: order.id,
        language: 'en',
        text: 'The lamp arrived broken: the shade is dented and the switch is loose. I would like a refund please.',
      });
      await suggestFaq(story, {
        shopId: adapter.shopId,
        language: 'en',
        text: 'The lamp arrived broken: the shade is dented and the switch is loose. I would like a refund please.',
        expected: 'kb_en-damaged',
      });

      const events: ReturnNotification[] = [];
      const bus = createReturnEventBus();
      bus.on('*', (event) => {
        events.push(event);
      });
      const returns = createReturnService({
        shopId: adapter.shopId,
        store,
        adapter,
        policy,
        shopTimeZone: 'Europe/London',
        events: bus,
      });

      const opened = await story.step('The policy decides and explains, in English', async (step) => {
        const result = await returns.request({
          order,
          request: {
            lines: [
              {
                lineItemId: line.id,
                quantity: 1,
                reason: 'damaged_on_arrival',
                evidence: { photo: true },
                resolution: 'keep_item',
              },
            ],
          },
          locale: 'en-GB',
        });
        const decided = result.decision.lines[0];
        assert(decided?.eligible, 'a damaged lamp must be returnable');
        step.show(`decision: ${result.decision.status} (${decided.basis}): ${decided.explanation.text}`);
        step.show(
          `refund plan: ${formatMoney(result.decision.refund?.total ?? order.totals.total, 'en-GB')}; case ${result.case.id} ${result.case.status}`,
        );
        return result;
      });

      const refunded = await story.step('A returnless refund through refundCreate, exactly once', async (step) => {
        const result = await returns.keep(opened.case.id);
        assert(result.outcome === 'refunded', `refund ${result.outcome}`);
        const again = await returns.keep(opened.case.id);
        assert(again.outcome === 'refunded' && again.replayed, 'a retried refund must replay');
        const after = await adapter.getOrder(order.id);
        assert(after?.refunds.length === 1, `expected one refund on Shopify, found ${after?.refunds.length}`);
        step.show(
          `${formatMoney(after.refunds[0]?.total ?? order.totals.total, 'en-GB')} refunded; a retry moved nothing`,
        );
        step.show(`to the customer: ${events.find((event) => event.type === 'refund-issued')?.payload.message ?? ''}`);
        return result;
      });

      await story.step(
        'The signed refunds/create webhook is verified, kept once, processed and matched',
        async (step) => {
          await emulator.flushWebhooks();
          let matched = 0;
          const processed = await processShopifyWebhooks({
            adapter,
            store,
            workerId: 'demo',
            hooks: {
              onRefund: async (event) => {
                const record = await store.getRefund(adapter.shopId, refunded.refundId);
                assert(record?.platformRefundId, 'aftersale did not record the platform refund id');
                assert(
                  event.refund.platformId === record.platformRefundId || event.refund.id === record.platformRefundId,
                  'the refund Shopify reports is not the one aftersale made',
                );
                matched++;
              },
            },
          });
          step.show(
            `${emulator.webhookDeliveries.length} delivery sent; ${processed.completed} processed; ${matched} matched with aftersale's refund`,
          );
          assert(matched === 1, 'the webhook was not reconciled');
        },
      );

      await story.step('Close the case', async (step) => {
        const closed = await returns.close(opened.case.id);
        step.show(`${closed.id}: ${closed.history.map((entry) => entry.status).join(' → ')}`);
      });
      const amount = refunded.case.resolution?.amount;
      assert(amount, 'the case has no refunded amount');
      await complaints.resolve(complaintId, { returnCaseId: opened.case.id, refundId: refunded.refundId, amount });
      const refreshed = await adapter.getOrder(order.id);
      assert(refreshed, 'the order vanished');
      await showPurchaseHistory(story, store, {
        shopId: adapter.shopId,
        order: refreshed,
        returnCaseId: opened.case.id,
        complaintId,
        locale: 'en-GB',
        now: new Date(),
      });
      return { order };
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await emulator.close();
  }
}
