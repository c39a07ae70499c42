import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AftersaleStore,
  computeRefund,
  createReturnEventBus,
  createReturnService,
  definePolicy,
  formatMoney,
  type Order,
  type ReturnNotification,
} from '@aftersale/core';
import { createWooCommerceEmulator, seedWooCommerceShop } from '@aftersale/testkit/emulators';
import { createWooCommerceAdapter, createWooCommerceWebhookHandler } from '@aftersale/woocommerce';
import { complaintSteps } from './complaint-steps.js';
import { showPurchaseHistory } from './crm-steps.js';
import { suggestFaq } from './faq-steps.js';
import { assert, createStory } from './steps.js';

/** The shop's published policy: 30 days from delivery, damage claims with a photo, returnless under ₺500. */
export const demoPolicy = definePolicy({
  schemaVersion: 1,
  id: 'cay-evi-returns',
  version: 1,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  fees: {
    returnShipping: { amount: { amount: 4990, currency: 'TRY' } },
    waivers: [{ id: 'waiver.defects', bases: ['defect'] }],
  },
  resolutions: {
    storeCredit: { enabled: true, bonusPercent: 10 },
    exchange: { enabled: true, priceDifference: 'customer_pays' },
    keepItem: { enabled: true, maximumValue: { amount: 50000, currency: 'TRY' } },
  },
});

/**
 * A Turkish customer's tea-glass set arrives broken: the policy decides (in Turkish), the refund plan is
 * computed and issued through the WooCommerce adapter, WooCommerce's signed webhook comes back, is
 * verified, kept once in the store's inbox and reconciled with the refund aftersale made.
 */
export async function runWooCommerceStory(store: AftersaleStore): Promise<{ order: Order; refundTotal: string }> {
  const story = createStory('WooCommerce: a broken tea-glass set (Turkish customer)');
  const webhookSecret = 'demo-webhook-secret';

  const { emulator, orderId, exchange } = await story.step(
    'Start the WooCommerce emulator with a seeded shop',
    async (step) => {
      const started = await createWooCommerceEmulator();
      const seeded = seedWooCommerceShop(started.shop, { orders: 120, seed: 2026 });
      const glasses = started.shop.createProduct({
        name: 'Çay Bardağı Seti (6 adet)',
        sku: 'CAY-SET-6',
        price: '240.00',
        categories: [{ name: 'Mutfak', slug: 'mutfak' }],
      });
      const customer = started.shop.createCustomer({
        email: 'zeynep@example.com',
        firstName: 'Zeynep',
        lastName: 'Kaya',
        billing: { country: 'TR' },
      });
      const teapot = started.shop.createProduct({ name: 'Demlik Takımı', sku: 'DEMLIK-2', price: '410.00' });
      started.shop.createOrder({
        customerId: customer.id as number,
        status: 'completed',
        lineItems: [{ productId: teapot.id as number, quantity: 1 }],
        shippingTotal: '39.90',
        createdAt: new Date(Date.now() - 75 * 86_400_000),
      });
      const order = started.shop.createOrder({
        customerId: customer.id as number,
        status: 'completed',
        lineItems: [{ productId: glasses.id as number, quantity: 1 }],
        shippingTotal: '39.90',
      });
      // A teapot set bought last week, which the customer will exchange for the larger one.
      const largeTeapot = started.shop.createProduct({
        name: 'Demlik Takımı (büyük)',
        sku: 'DEMLIK-4',
        price: '590.00',
      });
      const teapotOrder = started.shop.createOrder({
        customerId: customer.id as number,
        status: 'completed',
        lineItems: [{ productId: teapot.id as number, quantity: 1 }],
        shippingTotal: '39.90',
        createdAt: new Date(Date.now() - 5 * 86_400_000),
      });
      step.show(
        `${seeded.orderIds.length} seeded orders, ${seeded.customerIds.length} customers; order #${order.id} to tell the story`,
      );
      return {
        emulator: started,
        orderId: String(order.id),
        exchange: { orderId: String(teapotOrder.id), variantId: String(largeTeapot.id) },
      };
    },
  );

  try {
    const adapter = createWooCommerceAdapter({
      url: emulator.url,
      consumerKey: emulator.consumerKey,
      consumerSecret: emulator.consumerSecret,
      store,
      webhookSecret,
      locale: 'tr-TR',
    });
    const shopId = emulator.url.replace(/\/$/, '');

    await story.step("Import the shop's orders into the SQLite store", async (step) => {
      let count = 0;
      let batch: Order[] = [];
      for await (const order of adapter.listOrdersUpdatedSince(new Date(0))) {
        batch.push(order);
        if (batch.length === 100) {
          await store.upsertOrders(shopId, batch);
          count += batch.length;
          batch = [];
        }
      }
      await store.upsertOrders(shopId, batch);
      count += batch.length;
      step.show(`${count} orders stored`);
      assert(count >= 122, `expected every order in the store, got ${count}`);
    });

    const order = await story.step('Read the order as aftersale sees it', async (step) => {
      const found = await adapter.getOrder(orderId);
      assert(found, `order ${orderId} not found`);
      const line = found.lines[0];
      assert(line, 'the order has no line');
      step.show(
        `${line.title} × ${line.quantity}, ${formatMoney(line.unitPrice, 'tr-TR')}; paid ${formatMoney(found.totals.total, 'tr-TR')}`,
      );
      return found;
    });
    const line = order.lines[0];
    assert(line, 'the order has no line');

    const storyNow = () => new Date(Date.parse(order.createdAt) + 4 * 86_400_000);
    const complaints = complaintSteps(story, store, shopId, storyNow);
    const complaintId = await complaints.open({
      customerId: order.customer?.id ?? null,
      orderId: order.id,
      language: 'tr',
      text: 'Çay bardağı setim kırık geldi, altı bardaktan dördü paramparça olmuş.',
    });
    await suggestFaq(story, {
      shopId: shopId,
      language: 'tr',
      text: 'Çay bardağı setim kırık geldi, altı bardaktan dördü paramparça olmuş.',
      expected: 'kb_tr-damaged',
    });

    const events: ReturnNotification[] = [];
    const bus = createReturnEventBus();
    bus.on('*', (event) => {
      events.push(event);
    });
    const returns = createReturnService({
      shopId,
      store,
      adapter,
      policy: demoPolicy,
      shopTimeZone: 'Europe/Istanbul',
      events: bus,
      now: storyNow,
    });

    const opened = await story.step('The policy decides and explains, in Turkish', async (step) => {
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
        locale: 'tr-TR',
      });
      const decided = result.decision.lines[0];
      assert(decided?.eligible, 'a damaged item must be returnable');
      step.show(`karar: ${result.decision.status} (${decided.basis})`);
      step.show(`açıklama: ${decided.explanation.text}`);
      step.show(`rota: ${result.route.action}; vaka ${result.case.id} durumu: ${result.case.status}`);
      assert(result.case.status === 'approved', `expected the case approved, got ${result.case.status}`);
      return result;
    });

    await story.step('The refund plan, to the kuruş', async (step) => {
      const plan = opened.decision.refund;
      assert(plan, 'the decision has no refund plan');
      for (const planned of plan.lines) {
        step.show(
          `line ${planned.lineItemId}: ${planned.quantity} × → ${formatMoney(planned.amount, 'tr-TR')} + KDV ${formatMoney(planned.tax, 'tr-TR')}`,
        );
      }
      step.show(`shipping ${formatMoney(plan.shipping, 'tr-TR')}; total ${formatMoney(plan.total, 'tr-TR')}`);
      // The same plan, computed directly: the engine and computeRefund agree.
      const direct = computeRefund(order, {
        lines: [{ lineItemId: line.id, quantity: 1 }],
        shipping: plan.shippingMode,
      });
      assert(
        direct.lines[0]?.amount.amount === plan.lines[0]?.amount.amount,
        'computeRefund disagrees with the decision',
      );
    });

    const webhookServer = await story.step(
      "Subscribe to the shop's order webhooks (a local HTTP endpoint)",
      async (step) => {
        const handler = createWooCommerceWebhookHandler({ secret: webhookSecret, store, shopId });
        const server = createServer((request, response) => {
          void handler.node(request, response);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const deliveryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
        emulator.addWebhook({ topic: 'order.updated', deliveryUrl, secret: webhookSecret });
        const pings = await emulator.deliverWebhooks();
        step.show(`order.updated → ${deliveryUrl}; WooCommerce's unsigned ping answered (${pings.length})`);
        return server;
      },
    );

    const refunded = await story.step(
      'The customer keeps the broken set: a returnless refund through WooCommerce',
      async (step) => {
        const result = await returns.keep(opened.case.id);
        assert(result.outcome === 'refunded', `refund ${result.outcome}`);
        const again = await returns.keep(opened.case.id);
        assert(again.outcome === 'refunded' && again.replayed, 'a retried refund must replay');
        const after = await adapter.getOrder(orderId);
        assert(after?.refunds.length === 1, `expected one refund on WooCommerce, found ${after?.refunds.length}`);
        step.show(
          `refund ${result.refundId} on WooCommerce: ${formatMoney(after.refunds[0]?.total ?? order.totals.total, 'tr-TR')}; a retry moved nothing`,
        );
        step.show(`müşteriye: ${events.find((event) => event.type === 'refund-issued')?.payload.message ?? ''}`);
        return result;
      },
    );

    await story.step("WooCommerce's signed webhook arrives, is verified, kept once and reconciled", async (step) => {
      try {
        // The refund changed the order: WooCommerce sends a signed order.updated delivery.
        const sent = await emulator.deliverWebhooks();
        assert(sent.length > 0, 'the emulator sent no webhook');
        const claimed = await store.claimWebhooks({ workerId: 'demo', shopId });
        assert(claimed.length > 0, 'no verified delivery reached the inbox');
        let reconciled = 0;
        for (const delivery of claimed) {
          const event = await adapter.parseWebhook?.({ topic: delivery.topic, rawBody: delivery.rawBody ?? '{}' });
          if (event?.type === 'order-updated') {
            const record = await store.getRefund(shopId, refunded.refundId);
            const matching = event.order.refunds.filter(
              (refund) => refund.platformId === record?.platformRefundId || refund.id === record?.platformRefundId,
            );
            assert(matching.length === 1, 'the refund on WooCommerce does not match the one aftersale made');
            reconciled++;
          }
          await store.completeWebhook(delivery.id, delivery.leaseToken ?? '');
        }
        step.show(
          `${sent.length} delivery signed and sent; ${claimed.length} verified into the inbox; ${reconciled} reconciled, no duplicate refund`,
        );
        assert(reconciled > 0, 'nothing was reconciled');
      } finally {
        await new Promise((resolve) => webhookServer.close(resolve));
      }
    });

    await story.step('Close the case', async (step) => {
      const closed = await returns.close(opened.case.id);
      step.show(`${closed.id}: ${closed.history.map((entry) => entry.status).join(' → ')}`);
      const outbox = await store.listUnpublishedOutboxEvents({ shopId });
      step.show(
        `${outbox.length} events in the outbox for the store app: ${outbox.map((event) => event.type).join(', ')}`,
      );
      assert(closed.status === 'closed', 'the case did not close');
    });

    await story.step(
      'An exchange with a price difference: the teapot set for the larger one, the customer pays the rest',
      async (step) => {
        const teapotOrder = await adapter.getOrder(exchange.orderId);
        const teapotLine = teapotOrder?.lines[0];
        assert(teapotOrder && teapotLine, 'the teapot order is missing');
        // The larger set costs 590.00 and 20 % KDV.
        const price = { amount: 70800, currency: teapotOrder.currency };
        const warehouse = { kind: 'staff' as const, id: 'depo-1' };
        const asked = await returns.request({
          order: teapotOrder,
          request: {
            lines: [
              {
                lineItemId: teapotLine.id,
                quantity: 1,
                reason: 'changed_mind',
                resolution: 'exchange',
                exchangePrice: price,
              },
            ],
          },
          locale: 'tr-TR',
        });
        const terms = asked.decision.lines[0]?.resolutions.find(
          (option) => option.kind === 'exchange',
        )?.priceDifference;
        assert(terms?.customerPays, 'the policy gives no exchange terms');
        step.show(
          `decision: ${asked.decision.status}; the customer pays ${formatMoney(terms.customerPays, 'tr-TR')} more (${terms.paidBy})`,
        );
        await returns.received(asked.case.id, { actor: warehouse });
        await returns.inspect(asked.case.id, [{ lineItemId: teapotLine.id, quantity: 1, condition: 'as_expected' }], {
          actor: warehouse,
        });
        const made = await returns.exchange(asked.case.id, {
          newLines: [{ variantId: exchange.variantId, quantity: 1 }],
          action: { actor: warehouse },
        });
        assert(made.outcome === 'exchanged', `exchange ${made.outcome}`);
        const settled = made.exchange.settlement;
        assert(
          settled.kind === 'payment_due' && settled.paymentUrl && settled.amount.amount === terms.customerPays.amount,
          `expected a payment link for ${formatMoney(terms.customerPays, 'tr-TR')}, got ${JSON.stringify(settled)}`,
        );
        step.show(
          `replacement order #${made.exchange.newOrderId} with the returned ${formatMoney(made.exchange.returnedValue, 'tr-TR')} credited; payment link ${settled.paymentUrl.replace(/\?.*$/, '?…')}`,
        );
        step.show(
          `to the customer: ${events.find((event) => event.type === 'exchange-created')?.payload.message ?? ''}`,
        );
        const closed = await returns.close(asked.case.id, { actor: warehouse });
        assert(closed.status === 'closed', 'the exchange case did not close');
      },
    );

    const total = refunded.case.resolution?.amount;
    assert(total, 'the case has no refunded amount');
    await complaints.resolve(complaintId, { returnCaseId: opened.case.id, refundId: refunded.refundId, amount: total });
    const refreshed = await adapter.getOrder(orderId);
    assert(refreshed, 'the order vanished');
    await showPurchaseHistory(story, store, {
      shopId,
      order: refreshed,
      returnCaseId: opened.case.id,
      complaintId,
      locale: 'tr-TR',
      now: storyNow(),
    });
    return { order, refundTotal: formatMoney(total, 'tr-TR') };
  } finally {
    await emulator.close();
  }
}
