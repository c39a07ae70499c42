import {
  type AdapterCapability,
  AftersaleError,
  adapterCapabilities,
  type CommerceAdapter,
  computeRefund,
  type Money,
  type Order,
  sum,
} from '@aftersale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCustomers, canonicalOrders } from './canonical-orders.js';

/** Where a canonical order landed on the platform: its id there and its lines' ids there. */
export interface SeededCanonicalOrder {
  id: string;
  /** Platform line id by canonical line id. */
  lineIds: Readonly<Record<string, string>>;
}

/** A platform seeded with the canonical shop, and an adapter on it. */
export interface AdapterConformanceContext {
  adapter: CommerceAdapter;
  /** Every canonical order (by canonical id) as seeded on the platform. */
  orders: ReadonlyMap<string, SeededCanonicalOrder>;
  /** Platform customer id by canonical customer id. */
  customers: ReadonlyMap<string, string>;
  /**
   * Platform variant id by canonical variant id (`var_canon_2001`...); required with the `exchanges`
   * capability, whose cases send other variants of the canonical products.
   */
  variants?: ReadonlyMap<string, string>;
  /** An order id in the platform's format that names no order. */
  missingOrderId: string;
  /** How many refunds the platform itself holds for an order (read from the platform, not the adapter). */
  countPlatformRefunds(orderId: string): Promise<number>;
  /** A delivery signed as the platform signs it; required with the `webhooks` capability. */
  signedWebhook?(): Promise<{ rawBody: string; headers: Record<string, string> }>;
  /** Releases what `setup` started. */
  teardown?(): Promise<void>;
}

/** Settings of {@link runAdapterConformance}. */
export interface AdapterConformanceOptions {
  /** Names the suite in the test report, such as `shopify`. */
  name: string;
  /** Exactly what the adapter declares; the suite checks the adapter says the same and runs those cases. */
  capabilities: readonly AdapterCapability[];
  /** Seeds a fresh platform with {@link canonicalCustomers} and {@link canonicalOrders}; called once. */
  setup(): Promise<AdapterConformanceContext>;
}

const canonical = (id: string): Order => {
  const order = canonicalOrders.find((entry) => entry.id === id);
  if (!order) throw new Error(`no canonical order ${id}`);
  return order;
};

const total = (values: readonly { amount: Money }[], currency: string): Money =>
  sum(
    values.map((value) => value.amount),
    currency,
  );

/**
 * What must survive the trip through any platform: money to the minor unit, quantities, statuses,
 * product facts and the customer; platform ids are replaced by the canonical ones.
 */
function comparable(order: Order, lineIds: Readonly<Record<string, string>>, customerId: string | null) {
  const byPlatformId = new Map(Object.entries(lineIds).map(([canonicalId, platformId]) => [platformId, canonicalId]));
  const line = (id: string) => byPlatformId.get(id) ?? `unknown line ${id}`;
  return {
    currency: order.currency,
    taxesIncluded: order.taxesIncluded,
    financialStatus: order.financialStatus,
    customer: customerId,
    email: order.email ?? null,
    shippingCountry: order.shippingAddress?.countryCode ?? null,
    lines: order.lines
      .map((entry) => ({
        id: line(entry.id),
        sku: entry.sku ?? null,
        quantity: entry.quantity,
        unitPrice: entry.unitPrice,
        discounts: total(entry.discountAllocations, order.currency),
        tax: total(entry.taxLines, order.currency),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    shipping: total(
      order.shippingLines.map((entry) => ({ amount: entry.price })),
      order.currency,
    ),
    refunds: order.refunds.map((refund) => ({
      total: refund.total,
      lines: refund.lines.map((refunded) => [line(refunded.lineItemId), refunded.quantity]),
    })),
    totals: order.totals,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The adapter conformance suite: every commerce adapter (Shopify, WooCommerce, a third party's) runs it
 * against its platform (an emulator in CI) seeded with the canonical shop. It checks the spec's
 * reading, refund and idempotency semantics, and the cases of every capability the adapter declares;
 * an undeclared capability must be absent, so nothing is skipped silently.
 *
 * @example
 * ```ts
 * runAdapterConformance({ name: 'shopify', capabilities: [...shopifyCapabilities], setup: async () => ({ ... }) });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  describe(`commerce adapter conformance: ${options.name}`, () => {
    let context: AdapterConformanceContext;
    const declared = new Set(options.capabilities);
    const seeded = (id: string): SeededCanonicalOrder => {
      const entry = context.orders.get(id);
      if (!entry) throw new Error(`the setup did not seed canonical order ${id}`);
      return entry;
    };
    const customerOf = (order: Order): string | null =>
      order.customer?.id ? (context.customers.get(order.customer.id) ?? null) : null;

    beforeAll(async () => {
      context = await options.setup();
    }, 60_000);
    afterAll(async () => {
      await context?.teardown?.();
    });

    it('declares the v1 spec and exactly the capabilities it was run with', () => {
      const { adapter } = context;
      expect(adapter.specificationVersion).toBe('v1');
      expect(adapter.shopId.length).toBeGreaterThan(0);
      expect([...adapter.capabilities].sort()).toEqual([...declared].sort());
      for (const capability of adapter.capabilities) expect(adapterCapabilities).toContain(capability);
      expect(adapter.returns !== undefined).toBe(declared.has('returns'));
      expect(typeof adapter.bulkImportOrders === 'function').toBe(declared.has('bulk_import'));
      expect(typeof adapter.verifyWebhook === 'function').toBe(declared.has('webhooks'));
      expect(adapter.storeCredit !== undefined).toBe(declared.has('store_credit'));
      expect(adapter.exchanges !== undefined).toBe(declared.has('exchanges'));
      expect(typeof adapter.cancelOrder === 'function').toBe(declared.has('cancellations'));
      expect(typeof adapter.addOrderNote === 'function').toBe(declared.has('order_notes'));
      expect(typeof adapter.parseWebhook === 'function').toBe(declared.has('webhooks'));
    });

    it('seeded every canonical order and customer', () => {
      expect([...context.orders.keys()].sort()).toEqual(canonicalOrders.map((order) => order.id).sort());
      expect([...context.customers.keys()].sort()).toEqual(canonicalCustomers.map((customer) => customer.id).sort());
    });

    for (const expected of canonicalOrders) {
      it(`reads ${expected.id} (${expected.currency}) back with exact money`, async () => {
        const { id, lineIds } = seeded(expected.id);
        const order = await context.adapter.getOrder(id);
        if (!order) throw new Error(`getOrder(${id}) found nothing`);
        expect(order.id).toBe(id);
        expect(order.source.id).toBe(id);
        const platformCustomer = expected.customer?.id ? (context.customers.get(expected.customer.id) ?? null) : null;
        expect(comparable(order, lineIds, order.customer?.id ?? null)).toEqual(
          comparable(expected, Object.fromEntries(Object.keys(lineIds).map((key) => [key, key])), platformCustomer),
        );
      });
    }

    it('reads the product facts a policy scopes on', async () => {
      const expected = canonical('ord_canon_eur');
      const { id, lineIds } = seeded(expected.id);
      const order = await context.adapter.getOrder(id);
      const shirt = order?.lines.find((line) => line.id === lineIds.line_canon_eur_shirt);
      expect(shirt?.product.tags).toEqual(expected.lines[0]?.product.tags);
      expect(shirt?.product.vendor).toBe(expected.lines[0]?.product.vendor);
    });

    it('answers null for an order that does not exist', async () => {
      expect(await context.adapter.getOrder(context.missingOrderId)).toBeNull();
    });

    it('pages through orders updated since a time, each exactly once', async () => {
      const orders = await collect(context.adapter.listOrdersUpdatedSince(new Date(0), { pageSize: 1 }));
      const ids = orders.map((order) => order.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...context.orders.values()].map((entry) => entry.id).sort());
    });

    it("lists a customer's orders, and only theirs", async () => {
      const anna = context.customers.get('cus_canon_anna') ?? '';
      const orders = await collect(context.adapter.listCustomerOrders(anna, { pageSize: 1 }));
      expect(orders.map((order) => order.id).sort()).toEqual(
        [seeded('ord_canon_eur').id, seeded('ord_canon_jpy').id].sort(),
      );
      expect(orders.every((order) => customerOf(canonical('ord_canon_eur')) === order.customer?.id)).toBe(true);
    });

    it('lists and reads customers', async () => {
      const customers = await collect(context.adapter.listCustomers({ pageSize: 1 }));
      expect(customers.map((customer) => customer.id).sort()).toEqual([...context.customers.values()].sort());
      const mehmet = await context.adapter.getCustomer(context.customers.get('cus_canon_mehmet') ?? '');
      expect(mehmet).toMatchObject({ email: 'mehmet.yilmaz@example.com', firstName: 'Mehmet', lastName: 'Yılmaz' });
    });

    it('stops paging when asked to abort', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        collect(context.adapter.listOrdersUpdatedSince(new Date(0), { signal: controller.signal })),
      ).rejects.toThrow();
    });

    it("suggests a refund that agrees with core's computation", async () => {
      const { id, lineIds } = seeded('ord_canon_try');
      const order = await context.adapter.getOrder(id);
      if (!order) throw new Error('no TRY order');
      const plan = computeRefund(order, { lines: [{ lineItemId: lineIds.line_canon_try_mug ?? '', quantity: 1 }] });
      // 250.00 less its 25.00 discount share, plus 20 % KDV: 270.00.
      expect(plan.total).toEqual({ amount: 27000, currency: 'TRY' });
      const suggestion = await context.adapter.suggestRefund({
        orderId: id,
        lines: [{ lineItemId: lineIds.line_canon_try_mug ?? '', quantity: 1 }],
        compareWith: plan,
      });
      expect(suggestion.total).toEqual(plan.total);
      expect(suggestion.comparison).toEqual({ agrees: true, disagreements: [] });
    });

    it('refunds exactly once per idempotency key', async () => {
      const { id, lineIds } = seeded('ord_canon_eur');
      const order = await context.adapter.getOrder(id);
      if (!order) throw new Error('no EUR order');
      const before = await context.countPlatformRefunds(id);
      const plan = computeRefund(order, { lines: [{ lineItemId: lineIds.line_canon_eur_socks ?? '', quantity: 1 }] });
      expect(plan.total).toEqual({ amount: 1200, currency: 'EUR' });
      const key = `conformance:${options.name}:socks`;
      const first = await context.adapter.createRefund(plan, { idempotencyKey: key });
      expect(first).toMatchObject({ outcome: 'created', replayed: false, idempotencyKey: key });
      if (first.outcome !== 'created') throw new Error('not created');
      expect(first.refund.total).toEqual(plan.total);
      const second = await context.adapter.createRefund(plan, { idempotencyKey: key });
      expect(second).toMatchObject({ outcome: 'created', replayed: true, platformRefundId: first.platformRefundId });
      expect(await context.countPlatformRefunds(id)).toBe(before + 1);
      const reread = await context.adapter.getOrder(id);
      expect(reread?.refunds.map((refund) => refund.total)).toContainEqual(plan.total);
    });

    it('refuses a refund plan that does not add up, before anything moves', async () => {
      const { id, lineIds } = seeded('ord_canon_jpy');
      const before = await context.countPlatformRefunds(id);
      const broken = {
        orderId: id,
        currency: 'JPY',
        lines: [
          {
            lineItemId: lineIds.line_canon_jpy_tea ?? '',
            quantity: 1,
            amount: { amount: 1364, currency: 'JPY' },
            tax: { amount: 136, currency: 'JPY' },
          },
        ],
        total: { amount: 9999, currency: 'JPY' },
      };
      const error = await context.adapter
        .createRefund(broken, { idempotencyKey: `conformance:${options.name}:broken` })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(AftersaleError.isInstance(error)).toBe(true);
      expect(await context.countPlatformRefunds(id)).toBe(before);
    });

    if (declared.has('bulk_import')) {
      it('imports the same orders in bulk as by paging', async () => {
        const bulkImport = context.adapter.bulkImportOrders;
        if (!bulkImport) throw new Error('bulk_import declared without bulkImportOrders');
        const bulk = await collect(bulkImport.call(context.adapter, {}));
        const paged = await collect(context.adapter.listOrdersUpdatedSince(new Date(0)));
        expect(bulk.map((order) => order.id).sort()).toEqual(paged.map((order) => order.id).sort());
        const byId = new Map(paged.map((order) => [order.id, order]));
        for (const order of bulk) expect(order.totals).toEqual(byId.get(order.id)?.totals);
      });
    }

    if (declared.has('returns')) {
      it('requests, approves and closes a return on the platform', async () => {
        const returns = context.adapter.returns;
        if (!returns) throw new Error('returns declared without return operations');
        const { id, lineIds } = seeded('ord_canon_jpy');
        const requested = await returns.request({
          orderId: id,
          lines: [{ lineItemId: lineIds.line_canon_jpy_tea ?? '', quantity: 1, reason: 'changed_mind' }],
        });
        if (requested.outcome !== 'ok') throw new Error(`request refused: ${JSON.stringify(requested.userErrors)}`);
        expect(requested.return.orderId).toBe(id);
        expect(requested.return.lines).toEqual([
          expect.objectContaining({ lineItemId: lineIds.line_canon_jpy_tea, quantity: 1 }),
        ]);
        expect((await returns.approve(requested.return.id)).outcome).toBe('ok');
        expect((await returns.close(requested.return.id)).outcome).toBe('ok');
        expect((await returns.get(requested.return.id))?.id).toBe(requested.return.id);
      });
    }

    if (declared.has('store_credit')) {
      it('issues store credit with its bonus, exactly once per idempotency key', async () => {
        const storeCredit = context.adapter.storeCredit;
        if (!storeCredit) throw new Error('store_credit declared without storeCredit');
        const { id, lineIds } = seeded('ord_canon_try');
        const order = await context.adapter.getOrder(id);
        if (!order?.customer?.id) throw new Error('no TRY order with its customer');
        const refund = computeRefund(order, { lines: [{ lineItemId: lineIds.line_canon_try_mug ?? '', quantity: 1 }] });
        const before = await context.countPlatformRefunds(id);
        const key = `conformance:${options.name}:credit`;
        const plan = {
          orderId: id,
          customerId: order.customer.id,
          email: order.email ?? null,
          currency: 'TRY',
          lines: refund.lines,
          total: refund.total,
          bonus: { amount: 2700, currency: 'TRY' },
        };
        const first = await storeCredit.issue(plan, { idempotencyKey: key });
        if (first.outcome !== 'issued') throw new Error(`store credit not issued: ${JSON.stringify(first)}`);
        // 270.00 for the mug, 10 % on top.
        expect(first.credit.amount).toEqual({ amount: 29700, currency: 'TRY' });
        expect(first.replayed).toBe(false);
        const second = await storeCredit.issue(plan, { idempotencyKey: key });
        expect(second).toMatchObject({
          outcome: 'issued',
          replayed: true,
          credit: { platformCreditId: first.credit.platformCreditId, amount: first.credit.amount },
        });
        expect(await context.countPlatformRefunds(id)).toBe(before + 1);
      });
    }

    if (declared.has('exchanges')) {
      const exchangeShirt = async (variant: string, quantity: number, key: string) => {
        const exchanges = context.adapter.exchanges;
        if (!exchanges || !context.variants) throw new Error('exchanges declared without exchanges and variants');
        const { id, lineIds } = seeded('ord_canon_eur');
        return exchanges.create(
          {
            orderId: id,
            returnLines: [{ lineItemId: lineIds.line_canon_eur_shirt ?? '', quantity: 1, reason: 'wrong_size' }],
            newLines: [{ variantId: context.variants.get(variant) ?? '', quantity }],
          },
          { idempotencyKey: `conformance:${options.name}:${key}` },
        );
      };

      it('exchanges for a cheaper item and refunds the difference, exactly once', async () => {
        const { id } = seeded('ord_canon_eur');
        const before = await context.countPlatformRefunds(id);
        const first = await exchangeShirt('var_canon_2002', 1, 'exchange-cheaper');
        if (first.outcome !== 'created') throw new Error(`exchange refused: ${JSON.stringify(first)}`);
        // A 49.90 shirt back, 12.00 socks out: 37.90 goes back to the customer.
        expect(first.exchange).toMatchObject({
          orderId: id,
          returnedValue: { amount: 4990, currency: 'EUR' },
          newItemsValue: { amount: 1200, currency: 'EUR' },
          difference: { amount: -3790, currency: 'EUR' },
          settlement: { kind: 'refunded', amount: { amount: 3790, currency: 'EUR' } },
        });
        const again = await exchangeShirt('var_canon_2002', 1, 'exchange-cheaper');
        expect(again).toMatchObject({ outcome: 'created', replayed: true, exchange: { id: first.exchange.id } });
        expect(await context.countPlatformRefunds(id)).toBe(before + 1);
      });

      it('exchanges for dearer items and asks the customer to pay the difference', async () => {
        const { id } = seeded('ord_canon_eur');
        const before = await context.countPlatformRefunds(id);
        const result = await exchangeShirt('var_canon_2001', 2, 'exchange-dearer');
        if (result.outcome !== 'created') throw new Error(`exchange refused: ${JSON.stringify(result)}`);
        // One 49.90 shirt back, two out: the customer owes 49.90.
        expect(result.exchange).toMatchObject({
          returnedValue: { amount: 4990, currency: 'EUR' },
          newItemsValue: { amount: 9980, currency: 'EUR' },
          difference: { amount: 4990, currency: 'EUR' },
          settlement: { kind: 'payment_due', amount: { amount: 4990, currency: 'EUR' } },
        });
        expect(await context.countPlatformRefunds(id)).toBe(before);
      });
    }

    if (declared.has('cancellations')) {
      it('cancels an unshipped order and refunds what is left, exactly once', async () => {
        const cancelOrder = context.adapter.cancelOrder;
        if (!cancelOrder) throw new Error('cancellations declared without cancelOrder');
        const { id } = seeded('ord_canon_usd');
        const before = await context.countPlatformRefunds(id);
        const key = `conformance:${options.name}:cancel`;
        const first = await cancelOrder.call(
          context.adapter,
          { orderId: id, reason: 'customer' },
          { idempotencyKey: key },
        );
        if (first.outcome !== 'cancelled') throw new Error(`cancel refused: ${JSON.stringify(first)}`);
        // 47.88 paid, 21.44 refunded before: 26.44 goes back.
        expect(first.refunded).toEqual({ amount: 2644, currency: 'USD' });
        expect(first.order.cancelledAt).toEqual(expect.any(String));
        expect(first.replayed).toBe(false);
        const second = await cancelOrder.call(
          context.adapter,
          { orderId: id, reason: 'customer' },
          { idempotencyKey: key },
        );
        expect(second).toMatchObject({ outcome: 'cancelled', replayed: true, refunded: first.refunded });
        expect(await context.countPlatformRefunds(id)).toBe(before + 1);
      });

      it('refuses to cancel a fulfilled order, and nothing moves', async () => {
        const cancelOrder = context.adapter.cancelOrder;
        if (!cancelOrder) throw new Error('cancellations declared without cancelOrder');
        const { id } = seeded('ord_canon_jpy');
        const before = await context.countPlatformRefunds(id);
        const result = await cancelOrder.call(
          context.adapter,
          { orderId: id, reason: 'customer' },
          { idempotencyKey: `conformance:${options.name}:cancel-shipped` },
        );
        expect(result.outcome).toBe('rejected');
        expect(await context.countPlatformRefunds(id)).toBe(before);
        expect((await context.adapter.getOrder(id))?.cancelledAt ?? null).toBeNull();
      });
    }

    if (declared.has('order_notes')) {
      it('adds a note to an order', async () => {
        const addOrderNote = context.adapter.addOrderNote;
        if (!addOrderNote) throw new Error('order_notes declared without addOrderNote');
        const { id } = seeded('ord_canon_jpy');
        const note = await addOrderNote.call(context.adapter, { orderId: id, text: 'Return ret_1 approved.' });
        expect(note.id).toEqual(expect.any(String));
        expect(note.id.length).toBeGreaterThan(0);
      });
    }

    if (declared.has('webhooks')) {
      it('verifies a signed webhook and refuses a tampered one', async () => {
        const verify = context.adapter.verifyWebhook;
        if (!verify || !context.signedWebhook)
          throw new Error('webhooks declared without verifyWebhook and signedWebhook');
        const delivery = await context.signedWebhook();
        const valid = await verify.call(context.adapter, delivery);
        expect(valid).toMatchObject({ valid: true });
        const tampered = await verify.call(context.adapter, { ...delivery, rawBody: `${delivery.rawBody} ` });
        expect(tampered).toEqual({ valid: false, reason: 'invalid_signature' });
      });
    }
  });
}
