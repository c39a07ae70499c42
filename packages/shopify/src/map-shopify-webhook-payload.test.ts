import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMoney } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { readShared, sharedDir } from '../test/shopify-test-support.js';
import {
  parseShopifyComplianceWebhook,
  parseShopifyCustomerWebhook,
  parseShopifyOrderWebhook,
  parseShopifyRefundWebhook,
  parseShopifyReturnWebhook,
} from './map-shopify-webhook-payload.js';

const payload = (topic: string): unknown => JSON.parse(readShared(`platform/shopify/webhooks/payloads/${topic}.json`));

describe('Shopify webhook payloads (API 2026-07 samples)', () => {
  it('finds the sample payloads', () => {
    const files = readdirSync(join(sharedDir(), 'platform/shopify/webhooks/payloads'));
    expect(files).toContain('orders-create.json');
    expect(files.length).toBeGreaterThanOrEqual(28);
  });

  for (const topic of [
    'orders-create',
    'orders-updated',
    'orders-cancelled',
    'orders-paid',
    'orders-fulfilled',
    'orders-partially_fulfilled',
  ]) {
    it(`normalizes ${topic} exactly`, () => {
      const result = parseShopifyOrderWebhook(payload(topic));
      if (!result.success) throw result.error;
      const order = result.data;
      expect(order.source.platform).toBe('shopify');
      expect(order.id).toMatch(/^gid:\/\/shopify\/Order\//);
      expect(order.lines.length).toBeGreaterThan(0);
      for (const line of order.lines) {
        expect(line.id).toMatch(/^gid:\/\/shopify\/LineItem\//);
        expect(Number.isInteger(line.unitPrice.amount)).toBe(true);
      }
      expect(order.totals.total.currency).toBe(order.currency);
    });
  }

  it('reads orders/create money to the cent, keeping statuses raw and normalized', () => {
    const result = parseShopifyOrderWebhook(payload('orders-create'));
    if (!result.success) throw result.error;
    const order = result.data;
    expect(order.lines.map((line) => line.unitPrice.amount)).toEqual([8999, 1999, 2499, 15999, 11999]);
    expect(order.totals.total).toEqual({ amount: 40495, currency: 'USD' });
    expect(order.tags).toEqual(['tag1', 'tag2']);
    expect(order.financialStatus).toBe('voided');
    expect(order.source.rawStatus.financial).toBe('VOIDED');
    expect(order.shippingLines[0]?.price).toEqual({ amount: 1000, currency: 'USD' });
    // Product ids in the sample lost precision in JSON; they are dropped, never guessed.
    expect(order.lines[0]?.productId).toBeNull();
  });

  it('reads refunds/create by GIDs, summing the refund from its lines', () => {
    const result = parseShopifyRefundWebhook(payload('refunds-create'));
    if (!result.success) throw result.error;
    expect(result.data.id).toBe('gid://shopify/Refund/890088186047892319');
    expect(result.data.lines[0]).toMatchObject({
      lineItemId: 'gid://shopify/LineItem/487817672276298554',
      quantity: 1,
      subtotal: { amount: 8999, currency: 'USD' },
      restockType: 'no_restock',
    });
    expect(result.data.total.amount).toBe(
      result.data.lines.reduce((sum, line) => sum + line.subtotal.amount + line.tax.amount, 0),
    );
  });

  it('survives the XXX currency (no minor unit) in the samples', () => {
    // refunds/create carries XXX in its transactions; returns/approve in its shipping fees.
    expect(readShared('platform/shopify/webhooks/payloads/refunds-create.json')).toContain('"XXX"');
    expect(parseShopifyReturnWebhook(payload('returns-approve'))).toEqual({
      returnId: 'gid://shopify/Return/123134564567890',
      status: 'OPEN',
      orderId: 'gid://shopify/Order/4783296544821',
    });
    // With no lines, the sample's refund has nothing to add up and transactions without a currency:
    // it is refused with what to do, and read with the refund's totalRefundedSet from the Admin API.
    const lineless = { ...(payload('refunds-create') as object), refund_line_items: [] };
    const result = parseShopifyRefundWebhook(lineless);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain('totalRefundedSet');
    }
    const bag = { amount: '85.00', currencyCode: 'EUR' };
    const read = parseShopifyRefundWebhook(lineless, { total: { shopMoney: bag, presentmentMoney: bag } });
    expect(read.success && read.data.total).toEqual({ amount: 8500, currency: 'EUR' });
    expect(read.success && read.data.lines).toEqual([]);
  });

  it('takes an amount-only refund total from its transactions when they name their currency', () => {
    const sample = payload('refunds-create') as { transactions: Record<string, unknown>[] };
    const lineless = {
      ...sample,
      refund_line_items: [],
      transactions: sample.transactions.map((transaction) => ({ ...transaction, currency: 'USD' })),
    };
    const result = parseShopifyRefundWebhook(lineless);
    const moved = sample.transactions
      .filter((transaction) => transaction.kind === 'refund' && transaction.status === 'success')
      .reduce((total, transaction) => total + parseMoney(String(transaction.amount), 'USD').amount, 0);
    expect(result.success && result.data.total).toEqual({ amount: moved, currency: 'USD' });
  });

  it('reads the returns topics, including the empty returns/process and the line-less returns/request', () => {
    expect(parseShopifyReturnWebhook(payload('returns-process'))).toBeNull();
    expect(parseShopifyReturnWebhook(payload('returns-request'))).toMatchObject({
      returnId: 'gid://shopify/Return/123134564567890',
      status: 'REQUESTED',
    });
    expect(parseShopifyReturnWebhook(payload('returns-decline'))).toMatchObject({ status: 'DECLINED' });
    expect(parseShopifyReturnWebhook(payload('returns-close'))).toMatchObject({
      status: 'CLOSED',
      orderId: expect.stringMatching(/^gid:/),
    });
    expect(parseShopifyReturnWebhook(payload('returns-update'))).toMatchObject({
      returnId: 'gid://shopify/Return/123134564567890',
      status: null,
    });
  });

  it('reads customers/create and customers/update', () => {
    for (const topic of ['customers-create', 'customers-update']) {
      const result = parseShopifyCustomerWebhook(payload(topic));
      if (!result.success) throw result.error;
      expect(result.data.id).toMatch(/^gid:\/\/shopify\/Customer\//);
    }
  });

  it('reads the compliance topics', () => {
    const redact = parseShopifyComplianceWebhook(payload('customers-redact'));
    if (!redact.success) throw redact.error;
    expect(redact.data).toEqual({
      shopDomain: '{shop}.myshopify.com',
      customerId: 'gid://shopify/Customer/191167',
      email: 'john@example.com',
      phone: '555-625-1199',
      orderIds: ['gid://shopify/Order/299938', 'gid://shopify/Order/280263', 'gid://shopify/Order/220458'],
    });
    const request = parseShopifyComplianceWebhook(payload('customers-data_request'));
    expect(request.success && request.data.orderIds.length).toBe(3);
    const shop = parseShopifyComplianceWebhook(payload('shop-redact'));
    expect(shop.success && shop.data.shopDomain).toBe('{shop}.myshopify.com');
  });

  it('reports an unreadable order payload as a failed result', () => {
    const result = parseShopifyOrderWebhook({ id: 1 });
    expect(result.success).toBe(false);
  });
});
