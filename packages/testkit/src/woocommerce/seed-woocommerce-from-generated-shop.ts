import { type Order, sum, toDecimalString } from '@aftersale/core';
import type { GeneratedShop } from '../generator/generate-shop.js';
import type { WooCommerceShop } from './woocommerce-shop.js';

/** What {@link seedWooCommerceFromGeneratedShop} created. */
export interface SeededFromGeneratedShop {
  /** WooCommerce order id by generated order id. */
  orderIds: Map<string, number>;
  /** WooCommerce customer id by generated customer id. */
  customerIds: Map<string, number>;
  /** Generated orders left out because they are in another currency than the shop's. */
  skipped: number;
}

/**
 * Puts a generated shop (`generateShop` from this package) into an emulated WooCommerce shop, the way
 * a merchant would enter it: customers, a product per generated product, and each order in the shop's
 * currency created through WooCommerce's arithmetic (so its taxes are WooCommerce's own), with the
 * generated refunds applied as amount refunds. Orders in other currencies are skipped (a WooCommerce
 * shop has one currency).
 */
export function seedWooCommerceFromGeneratedShop(
  shop: WooCommerceShop,
  generated: GeneratedShop,
): SeededFromGeneratedShop {
  const customerIds = new Map<string, number>();
  for (const customer of generated.customers) {
    const created = shop.createCustomer({
      email: customer.email ?? `${customer.id}@example.com`,
      firstName: customer.firstName ?? '',
      lastName: customer.lastName ?? '',
      billing: { country: customer.countryCode ?? '', email: customer.email ?? '' },
      ...(customer.createdAt ? { createdAt: new Date(customer.createdAt) } : {}),
    });
    customerIds.set(customer.id, created.id as number);
  }
  const taxClassOf = (rate: number | undefined): string | null => {
    if (rate === undefined) return null;
    const found = shop.taxRates.find((candidate) => Math.abs(candidate.rate - rate * 100) < 1e-9);
    return found === undefined ? null : found.taxClass;
  };
  const products = new Map<string, number>();
  const productFor = (line: Order['lines'][number]): number => {
    const key = line.variantId ?? line.productId ?? line.title;
    const known = products.get(key);
    if (known !== undefined) return known;
    const taxClass = taxClassOf(line.taxLines[0]?.rate);
    const created = shop.createProduct({
      name: line.title,
      ...(line.sku ? { sku: line.sku } : {}),
      price: toDecimalString(line.unitPrice),
      taxClass: taxClass ?? 'zero-rate',
      categories: line.product.categories.map((slug) => ({ name: slug, slug })),
      tags: line.product.tags.map((slug) => ({ name: slug, slug })),
      stockQuantity: null,
    });
    products.set(key, created.id as number);
    return created.id as number;
  };
  const orderIds = new Map<string, number>();
  let skipped = 0;
  for (const order of generated.orders) {
    if (order.currency !== shop.currency) {
      skipped++;
      continue;
    }
    const shipping = order.shippingLines[0];
    const shippingNet =
      shipping === undefined
        ? null
        : order.taxesIncluded
          ? toDecimalString({
              amount:
                shipping.price.amount -
                sum(
                  shipping.taxLines.map((tax) => tax.amount),
                  order.currency,
                ).amount,
              currency: order.currency,
            })
          : toDecimalString(shipping.price);
    const customerId = order.customer?.id == null ? 0 : (customerIds.get(order.customer.id) ?? 0);
    const created = shop.createOrder({
      customerId,
      billing: {
        email: order.email ?? '',
        first_name: order.billingAddress?.firstName ?? '',
        last_name: order.billingAddress?.lastName ?? '',
        country: order.billingAddress?.countryCode ?? '',
        city: order.billingAddress?.city ?? '',
      },
      lineItems: order.lines.map((line) => ({
        productId: productFor(line),
        quantity: line.quantity,
        price: toDecimalString(line.unitPrice),
      })),
      shippingTotal: shippingNet === '0.00' ? null : shippingNet,
      pricesIncludeTax: order.taxesIncluded,
      status: order.fulfillmentStatus === 'fulfilled' ? 'completed' : 'processing',
      createdAt: new Date(order.createdAt),
    });
    const id = created.id as number;
    orderIds.set(order.id, id);
    for (const refund of order.refunds) {
      const amount = Math.min(refund.total.amount, shop.remainingRefundable(id));
      if (amount <= 0) continue;
      shop.createRefund(id, {
        amount: toDecimalString({ amount, currency: order.currency }),
        reason: refund.note ?? 'İade',
        api_refund: false,
        api_restock: false,
      });
    }
  }
  return { orderIds, customerIds, skipped };
}
