import type { Address, Order } from '@aftersale/core';

const keepCountry = (address: Address | null | undefined): Address | null =>
  address ? { countryCode: address.countryCode ?? null } : null;

/**
 * The order without the person: contact e-mail, customer reference, names, addresses (the country
 * stays, it decides the law that applied), line properties (engravings) and refund notes are removed;
 * lines, money, taxes, fulfilments and refunds stay for the books.
 */
export function anonymizeOrder(order: Order): Order {
  return {
    ...order,
    customer: null,
    email: null,
    billingAddress: keepCountry(order.billingAddress),
    shippingAddress: keepCountry(order.shippingAddress),
    lines: order.lines.map((line) => ({ ...line, properties: {} })),
    refunds: order.refunds.map((refund) => ({ ...refund, note: null })),
  };
}
