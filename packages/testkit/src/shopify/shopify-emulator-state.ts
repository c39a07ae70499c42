import {
  type CustomerInput,
  getCurrency,
  type Money,
  multiplyByRatio,
  type OrderInput,
  toDecimalString,
} from '@aftersale/core';

/**
 * The emulator's own state and rules: orders, customers, products, refunds, returns, with money held
 * as integer minor units. Refund arithmetic here is the emulator's own (it plays Shopify), never
 * core's refund computation, so the two can disagree and a test can catch it.
 */

export interface EmulatedMoneyLine {
  title: string;
  rate: number;
  amount: number;
}

export interface EmulatedDiscount {
  amount: number;
  targetSelection: 'ALL' | 'ENTITLED' | 'EXPLICIT';
  code: string | null;
  title: string | null;
}

export interface EmulatedLine {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  unitPrice: number;
  discounts: EmulatedDiscount[];
  taxLines: EmulatedMoneyLine[];
  productId: string | null;
  variantId: string | null;
  vendor: string | null;
  giftCard: boolean;
  requiresShipping: boolean;
  properties: Record<string, string>;
}

export interface EmulatedShippingLine {
  id: string;
  title: string;
  code: string | null;
  price: number;
  discounts: EmulatedDiscount[];
  taxLines: EmulatedMoneyLine[];
}

export interface EmulatedFulfillment {
  id: string;
  status: string;
  createdAt: string;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
  inTransitAt: string | null;
  tracking: { company: string | null; number: string | null; url: string | null }[];
  lines: { id: string; lineItemId: string; quantity: number }[];
}

export interface EmulatedRefund {
  id: string;
  createdAt: string;
  note: string | null;
  lines: { lineItemId: string; quantity: number; subtotal: number; tax: number; restockType: string }[];
  shipping: { subtotal: number; tax: number } | null;
  total: number;
  returnId: string | null;
  /** The order transactions the refund paid out with. */
  transactionIds: string[];
}

export interface EmulatedTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amount: number;
  createdAt: string;
  parentId: string | null;
}

export interface EmulatedReturn {
  id: string;
  name: string;
  orderId: string;
  status: 'REQUESTED' | 'OPEN' | 'DECLINED' | 'CLOSED' | 'CANCELED';
  createdAt: string;
  closedAt: string | null;
  decline: { reason: string; note: string | null } | null;
  lines: {
    id: string;
    fulfillmentLineItemId: string;
    lineItemId: string;
    quantity: number;
    processedQuantity: number;
    customerNote: string | null;
    returnReasonNote: string;
  }[];
  exchangeLines: { id: string; variantId: string | null; quantity: number; processedQuantity: number }[];
}

export interface EmulatedAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export interface EmulatedOrder {
  id: string;
  legacyId: number;
  name: string;
  createdAt: string;
  processedAt: string | null;
  updatedAt: string;
  cancelledAt: string | null;
  currency: string;
  /** Presentment currency and its rate from the shop currency (same exponent), or none. */
  presentment: { currency: string; rate: string } | null;
  taxesIncluded: boolean;
  financialStatus: string;
  fulfillmentStatus: string;
  email: string | null;
  customerId: string | null;
  tags: string[];
  discountCodes: string[];
  billingAddress: EmulatedAddress | null;
  shippingAddress: EmulatedAddress | null;
  lines: EmulatedLine[];
  shippingLines: EmulatedShippingLine[];
  fulfillments: EmulatedFulfillment[];
  refunds: EmulatedRefund[];
  transactions: EmulatedTransaction[];
  returnIds: string[];
  totals: { discounts: number; shipping: number; tax: number; total: number };
  /** Added to `suggestedRefund` amounts: a seeded disagreement for tests. */
  suggestedRefundSkew: number;
  /** `OrderCancelReason` once cancelled. */
  cancelReason: string | null;
  /**
   * What processed exchanges left to settle, signed: new items out less items back plus refunds paid.
   * Positive is owed by the customer (`totalOutstandingSet`).
   */
  exchangeBalance: number;
}

/** A variant of a product, with its price in the shop's currency (tax included in tax-inclusive shops). */
export interface EmulatedVariant {
  id: string;
  productId: string | null;
  title: string;
  sku: string | null;
  price: number;
  currency: string;
}

/** One movement on a store credit account. */
export interface EmulatedStoreCreditTransaction {
  id: string;
  amount: number;
  balanceAfter: number;
  createdAt: string;
  expiresAt: string | null;
  /** `StoreCreditSystemEvent`: `ORDER_REFUND` for a refund to store credit, `ADJUSTMENT` for a direct credit. */
  event: string;
  /** The order transaction that moved it (a refund to store credit), as `origin`. */
  origin: { orderId: string; transactionId: string } | null;
}

/** A customer's store credit in one currency. */
export interface EmulatedStoreCreditAccount {
  id: string;
  currency: string;
  transactions: EmulatedStoreCreditTransaction[];
}

export interface EmulatedProduct {
  id: string;
  title: string;
  handle: string;
  tags: string[];
  productType: string;
  vendor: string;
  collections: string[];
}

export interface EmulatedCustomer {
  id: string;
  legacyId: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  marketingState: string | null;
  phone: string | null;
  locale: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  defaultAddress: EmulatedAddress | null;
  storeCreditAccounts: EmulatedStoreCreditAccount[];
}

/** Formats minor units as Shopify's decimal string. */
export function decimal(amount: number, currency: string): string {
  return toDecimalString({ amount, currency });
}

/** Shop and presentment amounts of an order's money, as Shopify's MoneyBag. */
export function moneyBag(order: Pick<EmulatedOrder, 'currency' | 'presentment'>, amount: number) {
  const shop = { amount: decimal(amount, order.currency), currencyCode: order.currency };
  if (!order.presentment) return { shopMoney: shop, presentmentMoney: shop };
  const converted: Money = multiplyByRatio({ amount, currency: order.currency }, order.presentment.rate, 'half-even');
  return {
    shopMoney: shop,
    presentmentMoney: {
      amount: decimal(converted.amount, order.presentment.currency),
      currencyCode: order.presentment.currency,
    },
  };
}

/** Parses a decimal string in the order's shop currency into minor units (exact, or an error). */
export function minorUnits(value: string, currency: string): number {
  const { exponent } = getCurrency(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`${JSON.stringify(value)} is not a decimal amount`);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) throw new Error(`${value} has more decimals than ${currency} allows`);
  const digits = `${match[2]}${fraction.padEnd(exponent, '0')}`;
  const amount = Number.parseInt(digits, 10);
  return match[1] ? -amount : amount;
}

/** `total × part / whole`, rounded half up, in integers. */
export function share(total: number, part: number, whole: number): number {
  if (whole === 0) return 0;
  const numerator = BigInt(total) * BigInt(part) * 2n + BigInt(whole);
  const result = numerator / (2n * BigInt(whole));
  return Number(result);
}

/** Ids as Shopify makes them: `gid://shopify/<Type>/<number>`. */
export class IdFactory {
  #next = new Map<string, number>();
  constructor(private readonly start = 1000) {}
  next(type: string): { gid: string; legacyId: number } {
    const value = (this.#next.get(type) ?? this.start) + 1;
    this.#next.set(type, value);
    return { gid: `gid://shopify/${type}/${value}`, legacyId: value };
  }
}

const financial: Record<string, string> = {
  pending: 'PENDING',
  authorized: 'AUTHORIZED',
  partially_paid: 'PARTIALLY_PAID',
  paid: 'PAID',
  partially_refunded: 'PARTIALLY_REFUNDED',
  refunded: 'REFUNDED',
  voided: 'VOIDED',
};
const fulfillment: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partially_fulfilled: 'PARTIALLY_FULFILLED',
  unfulfilled: 'UNFULFILLED',
  restocked: 'RESTOCKED',
};
const restock: Record<string, string> = {
  no_restock: 'NO_RESTOCK',
  cancel: 'CANCEL',
  return: 'RETURN',
  legacy_restock: 'LEGACY_RESTOCK',
};

function address(value: OrderInput['billingAddress']): EmulatedAddress | null {
  if (!value) return null;
  return {
    firstName: value.firstName ?? null,
    lastName: value.lastName ?? null,
    company: value.company ?? null,
    address1: value.line1 ?? null,
    address2: value.line2 ?? null,
    city: value.city ?? null,
    province: value.province ?? null,
    provinceCode: value.provinceCode ?? null,
    zip: value.postalCode ?? null,
    countryCodeV2: value.countryCode ?? null,
    phone: value.phone ?? null,
  };
}

/** What a seeded order became: its GID and the GIDs given to its lines, fulfilments and refunds. */
export interface SeededOrder {
  seedId: string;
  id: string;
  lineIds: Record<string, string>;
  transactionIds: Record<string, string>;
}

/** Seed options of one order, beside the core order itself. */
export interface OrderSeedOptions {
  /** When it was last updated (ISO); the order's `createdAt` when left out. */
  updatedAt?: string;
  /** Shown in another currency to the customer at this rate (same minor-unit exponent). */
  presentment?: { currency: string; rate: string };
}

/** The emulator's whole store. */
export class EmulatorState {
  readonly ids = new IdFactory();
  readonly orders = new Map<string, EmulatedOrder>();
  readonly customers = new Map<string, EmulatedCustomer>();
  readonly products = new Map<string, EmulatedProduct>();
  readonly returns = new Map<string, EmulatedReturn>();
  readonly refundKeys = new Map<string, { fingerprint: string; refundId: string; orderId: string }>();
  readonly customerIdsBySeed = new Map<string, string>();
  readonly productIdsBySeed = new Map<string, string>();
  readonly variants = new Map<string, EmulatedVariant>();
  /** Variant GID by the seed's variant id (`var_canon_2001`...). */
  readonly variantIdsBySeed = new Map<string, string>();
  /** Grows whenever an order is added or changes: lists of orders cached for paging are kept until then. */
  version = 0;
  #orderNumber = 1000;

  /** Stores a core customer; returns its GID. */
  seedCustomer(input: CustomerInput & { updatedAt?: string }): string {
    const { gid, legacyId } = this.ids.next('Customer');
    const createdAt = input.createdAt ?? '2026-01-01T00:00:00Z';
    this.customers.set(gid, {
      id: gid,
      legacyId,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      email: input.email ?? null,
      marketingState: input.email ? (input.marketingConsent?.email === true ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED') : null,
      phone: input.phone ?? null,
      locale: input.locale ?? 'en',
      tags: [...(input.tags ?? [])],
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
      defaultAddress: address(input.defaultAddress),
      storeCreditAccounts: [],
    });
    this.customerIdsBySeed.set(input.id, gid);
    return gid;
  }

  #product(line: NonNullable<OrderInput['lines']>[number]): string | null {
    const key = line.productId ?? null;
    if (key === null) return null;
    const existing = this.productIdsBySeed.get(key);
    if (existing) return existing;
    const { gid } = this.ids.next('Product');
    this.products.set(gid, {
      id: gid,
      title: line.title,
      handle: line.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      tags: [...(line.product?.tags ?? [])],
      productType: line.product?.type ?? '',
      vendor: line.product?.vendor ?? '',
      collections: [...(line.product?.categories ?? [])],
    });
    this.productIdsBySeed.set(key, gid);
    return gid;
  }

  /** Stores a core order (its ids are replaced by GIDs); returns the mapping. */
  seedOrder(input: OrderInput, options: OrderSeedOptions = {}): SeededOrder {
    const { gid, legacyId } = this.ids.next('Order');
    const lineIds: Record<string, string> = {};
    const transactionIds: Record<string, string> = {};
    const amount = (value: { amount: number }): number => value.amount;
    const discount = (
      entry: NonNullable<OrderInput['lines'][number]['discountAllocations']>[number],
    ): EmulatedDiscount => ({
      amount: amount(entry.amount),
      targetSelection: entry.level === 'order' ? 'ALL' : 'EXPLICIT',
      code: entry.code ?? null,
      title: entry.title ?? null,
    });
    const taxes = (list: OrderInput['lines'][number]['taxLines']): EmulatedMoneyLine[] =>
      (list ?? []).map((tax) => ({ title: tax.title, rate: tax.rate, amount: amount(tax.amount) }));
    const lines = input.lines.map((line) => {
      const lineId = this.ids.next('LineItem').gid;
      lineIds[line.id] = lineId;
      const productId = this.#product(line);
      const variantId = line.variantId
        ? `gid://shopify/ProductVariant/${line.variantId.replace(/\D/g, '') || '1'}`
        : null;
      if (line.variantId && variantId && !this.variants.has(variantId)) {
        this.variants.set(variantId, {
          id: variantId,
          productId,
          title: line.variantTitle ?? 'Default Title',
          sku: line.sku ?? null,
          price: amount(line.unitPrice),
          currency: input.currency,
        });
        this.variantIdsBySeed.set(line.variantId, variantId);
      }
      return {
        id: lineId,
        title: line.title,
        variantTitle: line.variantTitle ?? null,
        sku: line.sku ?? null,
        quantity: line.quantity,
        unitPrice: amount(line.unitPrice),
        discounts: (line.discountAllocations ?? []).map(discount),
        taxLines: taxes(line.taxLines),
        productId,
        variantId,
        vendor: line.product?.vendor ?? null,
        giftCard: line.giftCard ?? false,
        requiresShipping: line.requiresShipping ?? true,
        properties: { ...(line.properties ?? {}) },
      } satisfies EmulatedLine;
    });
    const transactions = (input.transactions ?? []).map((transaction) => {
      const id = this.ids.next('OrderTransaction').gid;
      transactionIds[transaction.id] = id;
      return {
        id,
        kind: transaction.kind.toUpperCase(),
        status: transaction.status.toUpperCase(),
        gateway: transaction.gateway ?? null,
        amount: amount(transaction.amount),
        createdAt: transaction.createdAt ?? input.createdAt,
        parentId: transaction.parentId ?? null,
      };
    });
    for (const transaction of transactions) {
      if (transaction.parentId) transaction.parentId = transactionIds[transaction.parentId] ?? null;
    }
    const order: EmulatedOrder = {
      id: gid,
      legacyId,
      name: input.source.name ?? `#${++this.#orderNumber}`,
      createdAt: input.createdAt,
      processedAt: input.processedAt ?? input.createdAt,
      updatedAt: options.updatedAt ?? input.createdAt,
      cancelledAt: input.cancelledAt ?? null,
      currency: input.currency,
      presentment: options.presentment ?? null,
      taxesIncluded: input.taxesIncluded,
      financialStatus: financial[input.financialStatus] ?? 'PENDING',
      fulfillmentStatus: fulfillment[input.fulfillmentStatus] ?? 'UNFULFILLED',
      email: input.email ?? input.customer?.email ?? null,
      customerId: input.customer?.id ? (this.customerIdsBySeed.get(input.customer.id) ?? null) : null,
      tags: [...(input.tags ?? [])],
      discountCodes: [...(input.discountCodes ?? [])],
      billingAddress: address(input.billingAddress),
      shippingAddress: address(input.shippingAddress),
      lines,
      shippingLines: (input.shippingLines ?? []).map((line) => ({
        id: this.ids.next('ShippingLine').gid,
        title: line.title,
        code: line.code ?? null,
        price: amount(line.price),
        discounts: (line.discountAllocations ?? []).map(discount),
        taxLines: taxes(line.taxLines),
      })),
      fulfillments: (input.fulfillments ?? []).map((entry) => ({
        id: this.ids.next('Fulfillment').gid,
        status: (entry.status ?? 'SUCCESS').toUpperCase(),
        createdAt: entry.shippedAt ?? input.createdAt,
        deliveredAt: entry.deliveredAt ?? null,
        estimatedDeliveryAt: entry.estimatedDeliveryAt ?? null,
        inTransitAt: entry.shippedAt ?? null,
        tracking: (entry.tracking ?? []).map((info) => ({
          company: info.company ?? null,
          number: info.number ?? null,
          url: info.url ?? null,
        })),
        lines: entry.lines.map((line) => ({
          id: this.ids.next('FulfillmentLineItem').gid,
          lineItemId: lineIds[line.lineItemId] ?? line.lineItemId,
          quantity: line.quantity,
        })),
      })),
      refunds: (input.refunds ?? []).map((refund) => ({
        id: this.ids.next('Refund').gid,
        createdAt: refund.createdAt,
        note: refund.note ?? null,
        lines: (refund.lines ?? []).map((line) => ({
          lineItemId: lineIds[line.lineItemId] ?? line.lineItemId,
          quantity: line.quantity,
          subtotal: amount(line.subtotal),
          tax: amount(line.tax),
          restockType: restock[line.restockType ?? 'no_restock'] ?? 'NO_RESTOCK',
        })),
        shipping: refund.shipping ? { subtotal: amount(refund.shipping), tax: 0 } : null,
        total: amount(refund.total),
        returnId: null,
        transactionIds: [],
      })),
      transactions,
      returnIds: [],
      totals: {
        discounts: amount(input.totals.discounts),
        shipping: amount(input.totals.shipping),
        tax: amount(input.totals.tax),
        total: amount(input.totals.total),
      },
      suggestedRefundSkew: 0,
      cancelReason: null,
      exchangeBalance: 0,
    };
    this.orders.set(gid, order);
    this.version++;
    return { seedId: input.id, id: gid, lineIds, transactionIds };
  }

  // ── Shopify's refund arithmetic, as the emulator plays it ─────────────────────────────────────

  refundedQuantity(order: EmulatedOrder, lineItemId: string): number {
    let quantity = 0;
    for (const refund of order.refunds) {
      for (const line of refund.lines) if (line.lineItemId === lineItemId) quantity += line.quantity;
    }
    return quantity;
  }

  /**
   * The goods (pre-tax) and tax of refunding the next `quantity` units of a line: the line's totals
   * prorated cumulatively (the units refunded so far and these, less the units refunded so far), so a
   * line refunded a unit at a time gives back exactly what was charged for it, never a cent more.
   */
  lineRefund(order: EmulatedOrder, line: EmulatedLine, quantity: number): { subtotal: number; tax: number } {
    const gross = line.unitPrice * line.quantity - line.discounts.reduce((sum, entry) => sum + entry.amount, 0);
    const lineTax = line.taxLines.reduce((sum, entry) => sum + entry.amount, 0);
    const before = Math.min(this.refundedQuantity(order, line.id), line.quantity);
    const after = Math.min(before + quantity, line.quantity);
    const tax = share(lineTax, after, line.quantity) - share(lineTax, before, line.quantity);
    const goods = share(gross, after, line.quantity) - share(gross, before, line.quantity);
    return { subtotal: order.taxesIncluded ? goods - tax : goods, tax };
  }

  /** Shipping still refundable: its price after discounts plus its tax, less what was refunded. */
  refundableShipping(order: EmulatedOrder): { subtotal: number; tax: number } {
    let subtotal = 0;
    let tax = 0;
    for (const line of order.shippingLines) {
      const lineTax = line.taxLines.reduce((sum, entry) => sum + entry.amount, 0);
      const price = line.price - line.discounts.reduce((sum, entry) => sum + entry.amount, 0);
      subtotal += order.taxesIncluded ? price - lineTax : price;
      tax += lineTax;
    }
    for (const refund of order.refunds) {
      if (refund.shipping) {
        subtotal -= refund.shipping.subtotal;
        tax -= refund.shipping.tax;
      }
    }
    return { subtotal: Math.max(0, subtotal), tax: Math.max(0, tax) };
  }

  received(order: EmulatedOrder): number {
    let total = 0;
    for (const transaction of order.transactions) {
      if (transaction.status !== 'SUCCESS') continue;
      if (transaction.kind === 'SALE' || transaction.kind === 'CAPTURE') total += transaction.amount;
    }
    return total;
  }

  refunded(order: EmulatedOrder): number {
    let total = 0;
    for (const transaction of order.transactions) {
      if (transaction.status === 'SUCCESS' && transaction.kind === 'REFUND') total += transaction.amount;
    }
    return total;
  }

  /** The customer's store credit account in a currency, opened on first use. */
  storeCreditAccount(customer: EmulatedCustomer, currency: string): EmulatedStoreCreditAccount {
    const existing = customer.storeCreditAccounts.find((account) => account.currency === currency);
    if (existing) return existing;
    const account: EmulatedStoreCreditAccount = {
      id: this.ids.next('StoreCreditAccount').gid,
      currency,
      transactions: [],
    };
    customer.storeCreditAccounts.push(account);
    return account;
  }

  /** Credits an account; returns the credit transaction. */
  creditStoreCredit(
    account: EmulatedStoreCreditAccount,
    credit: Omit<EmulatedStoreCreditTransaction, 'id' | 'balanceAfter'>,
  ): EmulatedStoreCreditTransaction {
    const balance = account.transactions.reduce((total, entry) => total + entry.amount, 0);
    const transaction = {
      ...credit,
      id: this.ids.next('StoreCreditAccountCreditTransaction').gid,
      balanceAfter: balance + credit.amount,
    };
    account.transactions.push(transaction);
    return transaction;
  }

  /** The parent a refund transaction should name: the first successful sale or capture. */
  paymentTransaction(order: EmulatedOrder): EmulatedTransaction | null {
    return (
      order.transactions.find(
        (transaction) =>
          transaction.status === 'SUCCESS' && (transaction.kind === 'SALE' || transaction.kind === 'CAPTURE'),
      ) ?? null
    );
  }
}
