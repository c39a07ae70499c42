import { parseOrder, sum } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { generateShop } from './generate-shop.js';

describe('generateShop', () => {
  const shop = generateShop({ seed: 2026, customers: 120, orders: 1500 });

  it('is deterministic: the same seed gives the same shop, another seed another one', () => {
    expect(generateShop({ seed: 2026, customers: 120, orders: 1500 })).toEqual(shop);
    expect(generateShop({ seed: 2027, customers: 120, orders: 1500 }).orders[0]).not.toEqual(shop.orders[0]);
  });

  it('makes orders every one of which passes parseOrder, oldest first, with unique ids', () => {
    for (const order of shop.orders) expect(parseOrder(order)).toEqual(order);
    const times = shop.orders.map((order) => Date.parse(order.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(shop.orders.map((order) => order.id)).size).toBe(shop.orders.length);
  });

  it('adds totals up exactly: subtotal − discounts + shipping (+ tax when not included) = total', () => {
    for (const order of shop.orders) {
      const { subtotal, discounts, shipping, tax, total } = order.totals;
      const expected = subtotal.amount - discounts.amount + shipping.amount + (order.taxesIncluded ? 0 : tax.amount);
      expect(total.amount).toBe(expected);
      const lineTax = sum(
        [...order.lines, ...order.shippingLines].flatMap((line) => line.taxLines.map((taxLine) => taxLine.amount)),
        order.currency,
      );
      expect(lineTax).toEqual(tax);
      for (const refund of order.refunds) expect(refund.total.amount).toBeLessThanOrEqual(total.amount);
    }
  });

  it('mixes Turkish and English speakers, three currencies, tax rates, discounts, partial fulfilments and refunds', () => {
    const count = (predicate: (order: (typeof shop.orders)[number]) => boolean) => shop.orders.filter(predicate).length;
    expect(new Set(shop.customers.map((customer) => customer.locale))).toEqual(
      new Set(['tr-TR', 'de-DE', 'nl-NL', 'en-US']),
    );
    expect(shop.customers.some((customer) => /[şğıİçöü]/.test(`${customer.firstName}${customer.lastName}`))).toBe(true);
    expect(new Set(shop.orders.map((order) => order.currency))).toEqual(new Set(['TRY', 'EUR', 'USD']));
    const rates = new Set(
      shop.orders.flatMap((order) => order.lines.flatMap((line) => line.taxLines.map((taxLine) => taxLine.rate))),
    );
    expect(rates.size).toBeGreaterThanOrEqual(6);
    expect(count((order) => order.discountCodes.length > 0) / shop.orders.length).toBeGreaterThan(0.15);
    expect(count((order) => order.fulfillmentStatus === 'partially_fulfilled')).toBeGreaterThan(0);
    expect(count((order) => order.refunds.length > 0) / shop.orders.length).toBeGreaterThan(0.03);
    expect(count((order) => order.customer === null)).toBeGreaterThan(0);
    expect(count((order) => !order.taxesIncluded)).toBeGreaterThan(0);
  });

  it('has repeat buyers with their own rhythm, and products bought together', () => {
    const byCustomer = new Map<string, typeof shop.orders>();
    for (const order of shop.orders) {
      if (order.customer?.id) byCustomer.set(order.customer.id, [...(byCustomer.get(order.customer.id) ?? []), order]);
    }
    const repeatBuyers = [...byCustomer.values()].filter((orders) => orders.length >= 5);
    expect(repeatBuyers.length).toBeGreaterThan(5);
    const oneTimers = [...byCustomer.values()].filter((orders) => orders.length === 1);
    expect(oneTimers.length).toBeGreaterThan(0);
    for (const orders of repeatBuyers) {
      const gaps = orders
        .slice(1)
        .map((order, index) => Date.parse(order.createdAt) - Date.parse(orders[index]?.createdAt as string));
      expect(Math.min(...gaps)).toBeGreaterThan(0);
    }
    const pairs = shop.orders.filter(
      (order) =>
        order.lines.some((line) => line.sku === 'PHONE-CASE') &&
        order.lines.some((line) => line.sku === 'SCREEN-GUARD'),
    );
    expect(pairs.length).toBeGreaterThan(3);
  });
});
