import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { trapOrder } from './fixtures.test-support.js';
import { parseCustomer, parseOrder, safeParseCustomer, safeParseOrder } from './parse-order.js';

describe('parseOrder', () => {
  it('accepts a valid order, fills defaults and drops unknown fields', () => {
    const order = parseOrder({ ...trapOrder(), somethingNew: { from: 'a newer API' } });
    expect(order.lines[0]?.product).toEqual({ tags: [], categories: [] });
    expect(order.lines[0]?.giftCard).toBe(false);
    expect(order.refunds).toEqual([]);
    expect('somethingNew' in order).toBe(false);
  });

  it('names the path of a missing or mistyped field', () => {
    const input = trapOrder();
    const broken = { ...input, lines: [{ ...input.lines[0], unitPrice: { amount: 100.5, currency: 'EUR' } }] };
    const result = safeParseOrder(broken);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_order');
    expect(result.error.issues.map((issue) => issue.path)).toContain('lines[0].unitPrice.amount');
    expect(result.error.message).toContain('lines[0].unitPrice.amount');

    const { createdAt: _createdAt, ...missing } = input;
    expect(() => parseOrder(missing)).toThrow(/createdAt/);
  });

  it('refuses money in another currency than the order', () => {
    const input = trapOrder();
    const mixed = { ...input, totals: { ...input.totals, tax: { amount: 1800, currency: 'USD' } } };
    try {
      parseOrder(mixed);
      expect.unreachable();
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_order')).toBe(true);
      expect((error as AftersaleError).issues[0]?.path).toBe('totals.tax.currency');
    }
    expect(() => parseOrder({ ...input, currency: 'XXX' })).toThrow(/currency/);
  });

  it('refuses refunds and fulfilments that refer to no line', () => {
    const input = trapOrder();
    const result = safeParseOrder({
      ...input,
      refunds: [
        {
          id: 'r1',
          createdAt: '2026-11-05T10:00:00Z',
          lines: [
            {
              lineItemId: 'nope',
              quantity: 1,
              subtotal: { amount: 1, currency: 'EUR' },
              tax: { amount: 0, currency: 'EUR' },
            },
          ],
          total: { amount: 1, currency: 'EUR' },
        },
      ],
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path).toBe('refunds[0].lines[0].lineItemId');
  });

  it('never throws anything but an AftersaleError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = safeParseOrder(input);
        expect(result.success).toBe(false);
        if (!result.success) expect(AftersaleError.isInstance(result.error)).toBe(true);
      }),
    );
  });
});

describe('parseCustomer', () => {
  it('validates customers', () => {
    const customer = parseCustomer({
      id: 'cus_1',
      source: { platform: 'woocommerce', id: '7' },
      email: 'ayse@example.com',
      locale: 'tr-TR',
      countryCode: 'TR',
    });
    expect(customer.tags).toEqual([]);
    expect(customer.marketingConsent).toEqual({});
    const bad = safeParseCustomer({ id: 'x', source: { platform: 'magento', id: '1' } });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error.code).toBe('invalid_customer');
      expect(bad.error.issues[0]?.path).toBe('source.platform');
    }
  });
});
