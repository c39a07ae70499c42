import {
  type Address,
  type Customer,
  type DiscountAllocation,
  type FinancialStatus,
  type FulfillmentStatus,
  type Money,
  multiply,
  type Order,
  type ProductFacts,
  parseCustomer,
  parseMoney,
  parseOrder,
  type Refund,
  sum,
  type TaxLine,
  type Transaction,
  zero,
} from '@aftersale/core';
import type { z } from 'zod';
import type {
  discountAllocationSchema,
  mailingAddressSchema,
  ShopifyCustomer,
  ShopifyMoneyBag,
  ShopifyOrder,
  ShopifyRefund,
  taxLineSchema,
} from './shopify-graphql-types.js';

/**
 * Which side of Shopify's `MoneyBag` to read: the shop's currency (what the merchant books) or the
 * presentment currency (what the customer saw and paid). The two are never mixed in one order.
 */
export type MoneySide = 'shop' | 'presentment';

/** Reads one side of a MoneyBag exactly (decimal string to integer minor units). */
export function moneyFromBag(bag: ShopifyMoneyBag, side: MoneySide): Money {
  const value = side === 'shop' ? bag.shopMoney : bag.presentmentMoney;
  return parseMoney(value.amount, value.currencyCode);
}

const financialStatuses: Record<string, FinancialStatus> = {
  PENDING: 'pending',
  AUTHORIZED: 'authorized',
  PARTIALLY_PAID: 'partially_paid',
  PAID: 'paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  REFUNDED: 'refunded',
  VOIDED: 'voided',
};

const fulfillmentStatuses: Record<string, FulfillmentStatus> = {
  FULFILLED: 'fulfilled',
  FULFILLMENT_NOT_REQUIRED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partially_fulfilled',
  IN_PROGRESS: 'partially_fulfilled',
  UNFULFILLED: 'unfulfilled',
  OPEN: 'unfulfilled',
  SCHEDULED: 'unfulfilled',
  ON_HOLD: 'unfulfilled',
  PENDING_FULFILLMENT: 'unfulfilled',
  REQUEST_DECLINED: 'unfulfilled',
  RESTOCKED: 'restocked',
};

const transactionKinds: Record<string, Transaction['kind']> = {
  AUTHORIZATION: 'authorization',
  EMV_AUTHORIZATION: 'authorization',
  CAPTURE: 'capture',
  SALE: 'sale',
  REFUND: 'refund',
  VOID: 'void',
  CHANGE: 'change',
  SUGGESTED_REFUND: 'suggested_refund',
};

const transactionStatuses: Record<string, Transaction['status']> = {
  PENDING: 'pending',
  AWAITING_RESPONSE: 'pending',
  SUCCESS: 'success',
  FAILURE: 'failure',
  ERROR: 'error',
};

const restockTypes: Record<string, 'no_restock' | 'cancel' | 'return' | 'legacy_restock'> = {
  NO_RESTOCK: 'no_restock',
  CANCEL: 'cancel',
  RETURN: 'return',
  LEGACY_RESTOCK: 'legacy_restock',
};

export function mapAddress(address: z.infer<typeof mailingAddressSchema> | null | undefined): Address | null {
  if (!address) return null;
  return {
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    company: address.company ?? null,
    line1: address.address1 ?? null,
    line2: address.address2 ?? null,
    city: address.city ?? null,
    province: address.province ?? null,
    provinceCode: address.provinceCode ?? null,
    postalCode: address.zip ?? null,
    countryCode: address.countryCodeV2 ?? null,
    phone: address.phone ?? null,
  };
}

function mapTaxLines(lines: readonly z.infer<typeof taxLineSchema>[], side: MoneySide): TaxLine[] {
  return lines.map((line) => ({ title: line.title, rate: line.rate ?? 0, amount: moneyFromBag(line.priceSet, side) }));
}

function mapDiscounts(
  allocations: readonly z.infer<typeof discountAllocationSchema>[],
  side: MoneySide,
): DiscountAllocation[] {
  return allocations.map((allocation) => ({
    amount: moneyFromBag(allocation.allocatedAmountSet, side),
    level: allocation.discountApplication.targetSelection === 'ALL' ? 'order' : 'line',
    code: allocation.discountApplication.code ?? null,
    title: allocation.discountApplication.title ?? null,
  }));
}

/**
 * Maps one GraphQL refund. `currency` is the order's currency on the chosen side; without Shopify's
 * `totalRefundedSet` the total is the lines and shipping refunded.
 */
export function mapShopifyRefund(
  refund: ShopifyRefund,
  side: MoneySide,
  fallbackCreatedAt: string,
  currency: string,
): Refund {
  const shippingParts = refund.refundShippingLines.nodes.flatMap((line) => [
    moneyFromBag(line.subtotalAmountSet, side),
    moneyFromBag(line.taxAmountSet, side),
  ]);
  const lineParts = refund.refundLineItems.nodes.flatMap((line) => [
    moneyFromBag(line.subtotalSet, side),
    moneyFromBag(line.totalTaxSet, side),
  ]);
  const total = refund.totalRefundedSet
    ? moneyFromBag(refund.totalRefundedSet, side)
    : sum([...lineParts, ...shippingParts], currency);
  return {
    id: refund.id,
    platformId: refund.id,
    createdAt: refund.createdAt ?? fallbackCreatedAt,
    note: refund.note ?? null,
    lines: refund.refundLineItems.nodes.map((line) => ({
      lineItemId: line.lineItem.id,
      quantity: line.quantity,
      subtotal: moneyFromBag(line.subtotalSet, side),
      tax: moneyFromBag(line.totalTaxSet, side),
      restockType: line.restockType ? (restockTypes[line.restockType] ?? null) : null,
    })),
    shipping: shippingParts.length > 0 ? sum(shippingParts, total.currency) : null,
    total,
  };
}

/** Options of {@link mapShopifyOrder}. */
export interface MapShopifyOrderOptions {
  /** @default 'shop' */
  money?: MoneySide;
  /** Product facts by product GID (tags, type, vendor, collection handles). */
  products?: ReadonlyMap<string, ProductFacts>;
}

/**
 * Normalizes an Admin GraphQL order into core's `Order`: money parsed exactly from Shopify's decimal
 * strings on one side of each MoneyBag, raw statuses kept beside the normalized ones.
 * @throws AftersaleError `invalid_order` when the result fails core's order schema.
 */
export function mapShopifyOrder(order: ShopifyOrder, options: MapShopifyOrderOptions = {}): Order {
  const side = options.money ?? 'shop';
  const currency = side === 'shop' ? order.currencyCode : order.presentmentCurrencyCode;
  const lines = order.lineItems.nodes.map((line) => {
    const facts = line.product ? options.products?.get(line.product.id) : undefined;
    return {
      id: line.id,
      productId: line.product?.id ?? null,
      variantId: line.variant?.id ?? null,
      sku: line.sku ?? null,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      quantity: line.quantity,
      unitPrice: moneyFromBag(line.originalUnitPriceSet, side),
      discountAllocations: mapDiscounts(line.discountAllocations, side),
      taxLines: mapTaxLines(line.taxLines, side),
      product: facts ?? { tags: [], type: null, vendor: line.vendor ?? null, categories: [] },
      giftCard: line.isGiftCard,
      requiresShipping: line.requiresShipping,
      properties: Object.fromEntries(line.customAttributes.map((attribute) => [attribute.key, attribute.value ?? ''])),
    };
  });
  const subtotal = sum(
    lines.map((line) => multiply(line.unitPrice, line.quantity)),
    currency,
  );
  const orZero = (bag: ShopifyMoneyBag | null | undefined): Money => (bag ? moneyFromBag(bag, side) : zero(currency));
  const rawStatus: Record<string, string> = {};
  if (order.displayFinancialStatus) rawStatus.financial = order.displayFinancialStatus;
  if (order.displayFulfillmentStatus) rawStatus.fulfillment = order.displayFulfillmentStatus;
  if (order.updatedAt) rawStatus.updatedAt = order.updatedAt;
  rawStatus.shopCurrency = order.currencyCode;
  rawStatus.presentmentCurrency = order.presentmentCurrencyCode;
  return parseOrder({
    id: order.id,
    source: { platform: 'shopify', id: order.id, name: order.name ?? null, rawStatus },
    currency,
    taxesIncluded: order.taxesIncluded,
    createdAt: order.createdAt,
    processedAt: order.processedAt ?? null,
    cancelledAt: order.cancelledAt ?? null,
    financialStatus: financialStatuses[order.displayFinancialStatus ?? ''] ?? 'unknown',
    fulfillmentStatus: fulfillmentStatuses[order.displayFulfillmentStatus ?? ''] ?? 'unknown',
    customer: order.customer || order.email ? { id: order.customer?.id ?? null, email: order.email ?? null } : null,
    email: order.email ?? null,
    billingAddress: mapAddress(order.billingAddress),
    shippingAddress: mapAddress(order.shippingAddress),
    tags: order.tags,
    discountCodes: order.discountCodes,
    lines,
    shippingLines: order.shippingLines.nodes.map((line, index) => ({
      id: line.id ?? `${order.id}/shipping/${index}`,
      title: line.title,
      code: line.code ?? null,
      price: moneyFromBag(line.originalPriceSet, side),
      discountAllocations: mapDiscounts(line.discountAllocations, side),
      taxLines: mapTaxLines(line.taxLines, side),
    })),
    fulfillments: order.fulfillments.map((fulfillment) => ({
      id: fulfillment.id,
      status: fulfillment.status ?? null,
      lines: fulfillment.fulfillmentLineItems.nodes
        .filter((line) => (line.quantity ?? 0) > 0)
        .map((line) => ({ lineItemId: line.lineItem.id, quantity: line.quantity ?? 0 })),
      shippedAt: fulfillment.inTransitAt ?? fulfillment.createdAt,
      deliveredAt: fulfillment.deliveredAt ?? null,
      estimatedDeliveryAt: fulfillment.estimatedDeliveryAt ?? null,
      tracking: fulfillment.trackingInfo.map((info) => ({
        company: info.company ?? null,
        number: info.number ?? null,
        url: info.url ?? null,
      })),
    })),
    refunds: order.refunds.map((refund) => mapShopifyRefund(refund, side, order.createdAt, currency)),
    transactions: order.transactions.map((transaction) => ({
      id: transaction.id,
      kind: transactionKinds[transaction.kind] ?? 'unknown',
      status: transactionStatuses[transaction.status] ?? 'unknown',
      gateway: transaction.gateway ?? null,
      amount: moneyFromBag(transaction.amountSet, side),
      createdAt: transaction.createdAt ?? null,
      parentId: transaction.parentTransaction?.id ?? null,
      giftCard: transaction.gateway === 'gift_card',
    })),
    totals: {
      subtotal,
      discounts: orZero(order.totalDiscountsSet),
      shipping: moneyFromBag(order.totalShippingPriceSet, side),
      tax: orZero(order.totalTaxSet),
      total: moneyFromBag(order.totalPriceSet, side),
    },
  });
}

/** Normalizes an Admin GraphQL customer into core's `Customer`. */
export function mapShopifyCustomer(customer: ShopifyCustomer): Customer {
  const marketingState = customer.defaultEmailAddress?.marketingState ?? null;
  return parseCustomer({
    id: customer.id,
    source: {
      platform: 'shopify',
      id: customer.id,
      rawStatus: marketingState ? { emailMarketing: marketingState } : {},
    },
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    locale: customer.locale ?? null,
    countryCode: customer.defaultAddress?.countryCodeV2 ?? null,
    tags: customer.tags,
    marketingConsent: { email: marketingState === null ? null : marketingState === 'SUBSCRIBED' },
    createdAt: customer.createdAt ?? null,
    defaultAddress: mapAddress(customer.defaultAddress),
  });
}
