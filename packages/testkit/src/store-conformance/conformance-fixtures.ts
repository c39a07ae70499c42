import type { ComplaintInput, CustomerInput, OrderInput, RefundInput, ReturnCaseInput } from '@aftersale/core';

/** A made-up person whose details are distinctive enough to be searched for in a whole database. */
export function personalDetails(tag: string) {
  const label = tag.charAt(0).toUpperCase() + tag.slice(1);
  const digits = [...tag]
    .reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 10_000_000, 7)
    .toString()
    .padStart(7, '0');
  return {
    tag,
    customerId: `cus_${tag}`,
    orderId: `ord_${tag}_1`,
    guestOrderId: `ord_${tag}_guest`,
    returnCaseId: `ret_${tag}`,
    refundId: `rfd_${tag}`,
    complaintId: `cmp_${tag}`,
    email: `ayse_${tag}@posta.example.com.tr`, // the _ is a LIKE wildcard: searches must take it literally
    phone: `+90532${digits}`,
    firstName: `Ayşegül${label}`,
    lastName: `Karaağaçlıoğlu${label}`,
  };
}

type Person = ReturnType<typeof personalDetails>;

/** A small valid order in TRY (18 % VAT included): 2 × 64,95 ₺ plus 29,90 ₺ shipping. */
export function orderInput(options: { id: string; customerId?: string; tags?: string[]; person?: Person }): OrderInput {
  const { id, customerId, person } = options;
  const address = person
    ? {
        firstName: person.firstName,
        lastName: person.lastName,
        line1: 'Bağdat Caddesi 12',
        city: 'İstanbul',
        countryCode: 'TR',
        phone: person.phone,
      }
    : { countryCode: 'TR' };
  const tr = (amount: number) => ({ amount, currency: 'TRY' });
  return {
    id,
    source: { platform: 'shopify', id: `gid://shopify/Order/${id}`, name: `#${id}` },
    currency: 'TRY',
    taxesIncluded: true,
    createdAt: '2026-02-10T12:00:00+03:00',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    customer: customerId ? { id: customerId, email: person?.email ?? null } : null,
    email: person?.email ?? null,
    billingAddress: address,
    shippingAddress: address,
    tags: options.tags ?? [],
    lines: [
      {
        id: `${id}-l1`,
        title: 'Keten gömlek',
        quantity: 2,
        unitPrice: tr(6495),
        taxLines: [{ title: 'KDV', rate: 0.18, amount: tr(1982) }],
        properties: person ? { engraving: person.firstName } : {},
      },
    ],
    shippingLines: [{ id: `${id}-s1`, title: 'Kargo', price: tr(2990) }],
    fulfillments: [{ id: `${id}-f1`, lines: [{ lineItemId: `${id}-l1`, quantity: 2 }] }],
    totals: { subtotal: tr(12_990), discounts: tr(0), shipping: tr(2990), tax: tr(2438), total: tr(15_980) },
  };
}

export function customerInput(id: string, tag: string): CustomerInput {
  return {
    id,
    source: { platform: 'shopify', id: `gid://shopify/Customer/${id}` },
    email: `${tag}@example.com`,
    locale: 'tr-TR',
    countryCode: 'TR',
  };
}

export function returnCaseInput(shopId: string, id: string): ReturnCaseInput {
  return {
    shopId,
    id,
    orderId: 'ord_1',
    status: 'requested',
    lines: [{ lineItemId: 'ord_1-l1', quantity: 1, reason: 'wrong_size', resolution: 'refund' }],
    statusHistory: [{ status: 'requested', at: '2026-02-12T08:00:00.000Z', actor: 'customer' }],
  };
}

export function refundInput(shopId: string, id: string, orderId: string): RefundInput {
  return {
    shopId,
    id,
    orderId,
    idempotencyKey: `refund:${id}`,
    amount: { amount: 12_990, currency: 'TRY' },
    status: 'pending',
    plan: { lines: [{ lineItemId: `${orderId}-l1`, quantity: 2 }] },
  };
}

export function complaintInput(shopId: string, id: string, customerId: string): ComplaintInput {
  return { shopId, id, customerId, status: 'open', channel: 'email', category: 'delivery' };
}
