import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { add, linePayment, money, parseOrder, remainingRefundable, sum, zero } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import {
  isCustomer,
  isOrder,
  isProduct,
  isRefund,
  jsonFiles,
  liveDir,
  readJson,
  records,
  restV3Dir,
} from '../test/platform-material.js';
import { mapWooCommerceCustomer } from './map-woocommerce-customer.js';
import { mapWooCommerceOrder, parseWooCommerceRefund } from './map-woocommerce-order.js';
import { mapWooCommerceProduct } from './map-woocommerce-product.js';
import { mapWooCommerceRefund } from './map-woocommerce-refund.js';

const live = (name: string) => readJson(join(liveDir(), name));

/** Lines paid + shipping + fees (net plus tax) add up to the order total exactly. */
function expectAddsUp(order: ReturnType<typeof mapWooCommerceOrder>) {
  const c = order.currency;
  const lines = sum(
    order.lines.map((line) => linePayment(order, line.id).paid),
    c,
  );
  const extra = (
    price: { amount: number; currency: string },
    taxes: { amount: { amount: number; currency: string } }[],
  ) =>
    order.taxesIncluded
      ? price
      : add(
          price,
          sum(
            taxes.map((t) => t.amount),
            c,
          ),
        );
  const shipping = sum(
    order.shippingLines.map((s) => extra(s.price, s.taxLines)),
    c,
  );
  const fees = sum(
    order.feeLines.map((f) => extra(f.amount, f.taxLines)),
    c,
  );
  expect(add(add(lines, shipping), fees)).toEqual(order.totals.total);
}

describe('mapWooCommerceOrder on every captured order', () => {
  const all = [
    ...jsonFiles(liveDir()).map((f) => ({ ...f, from: 'live' })),
    ...jsonFiles(restV3Dir()).map((f) => ({ ...f, from: 'rest-v3' })),
  ];
  const webhookDir = join(liveDir(), 'webhooks');
  const webhookOrders = readdirSync(webhookDir)
    .filter((name) => name.endsWith('.body') && name.includes('order.'))
    .map((name) => ({
      name,
      data: JSON.parse(readFileSync(join(webhookDir, name), 'utf8')) as unknown,
      from: 'webhook',
    }));
  const orders = [...all, ...webhookOrders].flatMap((f) =>
    records(f.data)
      .filter(isOrder)
      .map((r) => ({ file: `${f.from}/${f.name}`, r })),
  );

  it('finds the orders of live-11.0.1, its webhooks and rest-v3', () => {
    expect(orders.length).toBeGreaterThanOrEqual(30);
    expect(new Set(orders.map((o) => o.file.split('/')[0]))).toEqual(new Set(['live', 'rest-v3', 'webhook']));
  });

  it.each(orders.map((o) => [o.file, o.r] as const))('%s maps exactly and adds up', (_file, raw) => {
    const order = mapWooCommerceOrder(raw);
    expect(parseOrder(order)).toEqual(order);
    expect(mapWooCommerceOrder(raw, { validate: true })).toEqual(order);
    expect(order.source.platform).toBe('woocommerce');
    expect(order.source.rawStatus.order).toBe(raw.status);
    expect(order.totals.total).toEqual(money(Math.round(Number(raw.total) * 100), order.currency));
    expectAddsUp(order);
    const taxes = sum(
      [...order.lines, ...order.shippingLines, ...order.feeLines].flatMap((l) => l.taxLines.map((t) => t.amount)),
      order.currency,
    );
    expect(taxes).toEqual(order.totals.tax);
  });
});

describe('mapWooCommerceOrder facts from the live shop', () => {
  it('order A: tax excluded, coupon, two tax rates by id, shipping taxed', () => {
    const order = mapWooCommerceOrder(live('order-A-get.json'));
    expect(order.taxesIncluded).toBe(false);
    expect(order.currency).toBe('TRY');
    expect(order.lines[0]?.unitPrice).toEqual(money(10000, 'TRY'));
    expect(order.lines[0]?.discountAllocations).toEqual([
      { amount: money(2000, 'TRY'), level: 'order', code: 'indirim10', title: 'indirim10' },
    ]);
    expect(order.lines[1]?.taxLines).toEqual([{ title: 'KDV', rate: 0.1, amount: money(653, 'TRY'), rateId: '2' }]);
    expect(order.shippingLines[0]?.taxLines[0]).toMatchObject({ rateId: '1', rate: 0.2, amount: money(1000, 'TRY') });
    expect(order.totals).toEqual({
      subtotal: money(27250, 'TRY'),
      discounts: money(2725, 'TRY'),
      shipping: money(5000, 'TRY'),
      tax: money(5253, 'TRY'),
      total: money(34778, 'TRY'),
    });
    expect(order.discountCodes).toEqual(['indirim10']);
    expect(order.customer).toEqual({ id: '2', email: 'ismail.senguloglu@example.com' });
    expect(order.shippingAddress?.countryCode).toBe('TR');
    expect(linePayment(order, '1').paid).toEqual(money(21600, 'TRY'));
  });

  it('order B: a guest order is matched by e-mail, raw status kept', () => {
    const order = mapWooCommerceOrder(live('order-B-update-status-completed.json'));
    expect(order.customer).toEqual({ id: null, email: 'ayse.yilmaz@example.com' });
    expect(order.source.rawStatus).toEqual({ order: 'completed' });
    expect(order.fulfillmentStatus).toBe('fulfilled');
    expect(order.lines[0]?.variantId).toBe('14');
    expect(order.lines[0]?.variantTitle).toBe('M');
  });

  it('order C: a taxable fee line', () => {
    const order = mapWooCommerceOrder(live('order-C-get.json'));
    expect(order.feeLines).toEqual([
      {
        id: '13',
        title: 'Hediye Paketi',
        amount: money(1500, 'TRY'),
        taxLines: [{ title: 'KDV', rate: 0.2, amount: money(300, 'TRY'), rateId: '1' }],
      },
    ]);
  });

  it('order D: prices include tax; the unrounded JSON price is never used for money', () => {
    const raw = live('order-D-get.json') as { line_items: { price: number }[] };
    expect(raw.line_items[0]?.price).toBe(83.333333);
    const order = mapWooCommerceOrder(raw);
    expect(order.taxesIncluded).toBe(true);
    expect(order.lines.map((l) => l.unitPrice.amount)).toEqual([10000, 7250]);
    expect(order.lines.map((l) => l.discountAllocations)).toEqual([[], []]);
    expect(linePayment(order, '15')).toMatchObject({ net: money(8333, 'TRY'), tax: money(1667, 'TRY') });
    expect(order.shippingLines[0]?.price).toEqual(money(6000, 'TRY'));
  });

  it('order A after refunds: summaries, then full refunds with lines, status refunded', () => {
    const partial = mapWooCommerceOrder(live('order-A-get-after-partial-refunds.json'));
    expect(partial.financialStatus).toBe('partially_refunded');
    expect(partial.refunds.map((r) => r.total.amount)).toEqual([2000, 10800]);
    expect(remainingRefundable(partial)).toEqual(money(21978, 'TRY'));
    const full = mapWooCommerceOrder(live('order-A-get-after-full-refund.json'), {
      refunds: live('refunds-list-after-full.json') as unknown[],
    });
    expect(full.financialStatus).toBe('refunded');
    expect(remainingRefundable(full)).toEqual(zero('TRY'));
    const lineRefund = full.refunds.find((r) => r.id === '20');
    expect(lineRefund?.lines).toEqual([
      { lineItemId: '1', quantity: 1, subtotal: money(9000, 'TRY'), tax: money(1800, 'TRY'), restockType: null },
    ]);
    expect(lineRefund?.createdAt).toBe('2026-11-22T09:02:04Z');
  });

  it('reports every problem of a broken payload as invalid_order', () => {
    expect(() => mapWooCommerceOrder({ id: 1, line_items: 'x' })).toThrow(/status|currency|total/);
  });

  it('refuses, as core’s order schema does, what the payload’s types let through', () => {
    const raw = live('order-A-get.json') as { line_items: { id: number }[] };
    const invalid = (input: unknown) => {
      try {
        mapWooCommerceOrder(input);
      } catch (error) {
        return (error as { code?: string; message: string }).code === 'invalid_order' ? error : undefined;
      }
      return undefined;
    };
    expect(invalid({ ...raw, date_created_gmt: '2026-02-30T10:00:00' })).toBeDefined();
    expect(invalid({ ...raw, date_created_gmt: '2026-01-01T10:00:00+0300' })).toBeDefined();
    expect(invalid({ ...raw, id: '' })).toBeDefined();
    const [first] = raw.line_items;
    expect(invalid({ ...raw, line_items: [first, first] })).toBeDefined();
    // Leap days and offsets the schema accepts map as before.
    expect(mapWooCommerceOrder({ ...raw, date_created_gmt: '2028-02-29T10:00:00' }).createdAt).toBe(
      '2028-02-29T10:00:00Z',
    );
    expect(mapWooCommerceOrder({ ...raw, date_created_gmt: '2026-01-31T10:00:00+03:00' }).createdAt).toBe(
      '2026-01-31T10:00:00+03:00',
    );
  });
});

describe('refunds, customers and products from every capture', () => {
  const files = [...jsonFiles(liveDir()), ...jsonFiles(restV3Dir())];
  const refunds = files.flatMap((f) =>
    records(f.data)
      .filter(isRefund)
      .map((r) => [f.name, r] as const),
  );
  const customers = files.flatMap((f) =>
    records(f.data)
      .filter(isCustomer)
      .map((r) => [f.name, r] as const),
  );
  const products = files.flatMap((f) =>
    records(f.data)
      .filter(isProduct)
      .map((r) => [f.name, r] as const),
  );

  it('finds them all', () => {
    expect(refunds.length).toBeGreaterThanOrEqual(12);
    expect(customers.length).toBeGreaterThanOrEqual(7);
    expect(products.length).toBeGreaterThanOrEqual(9);
  });

  it.each(refunds)('refund in %s', (_file, raw) => {
    const refund = mapWooCommerceRefund(parseWooCommerceRefund(raw), 'TRY');
    expect(refund.total.amount).toBe(Math.round(Number(raw.amount) * 100));
    const lines = refund.lines.reduce((total, line) => total + line.subtotal.amount + line.tax.amount, 0);
    expect(lines).toBeLessThanOrEqual(refund.total.amount);
    for (const line of refund.lines) expect(line.quantity).toBeGreaterThanOrEqual(0);
  });

  it.each(customers)('customer in %s', (_file, raw) => {
    const customer = mapWooCommerceCustomer(raw);
    expect(customer.id).toBe(String(raw.id));
    expect(customer.email).toBe(raw.email);
  });

  it('keeps Turkish names and the country', () => {
    const customer = mapWooCommerceCustomer(live('customer-get-turkish.json'), { locale: 'tr-TR' });
    expect(customer).toMatchObject({ firstName: 'İsmail', lastName: 'Şengüloğlu', countryCode: 'TR', locale: 'tr-TR' });
  });

  it.each(products)('product in %s', (_file, raw) => {
    const facts = mapWooCommerceProduct(raw);
    expect(facts.id).toBe(String(raw.id));
  });

  it('reads tags and categories by slug, variations with their parent', () => {
    expect(mapWooCommerceProduct(live('product-get-simple-with-category-tags.json'))).toMatchObject({
      tags: ['indirimli', 'yeni-cikanlar'],
      categories: ['kitaplar'],
      parentId: null,
    });
    expect(mapWooCommerceProduct(live('product-variation-get-M.json')).parentId).toBe('12');
  });
});
