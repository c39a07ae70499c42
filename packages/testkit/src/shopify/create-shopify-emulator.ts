import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomerInput, OrderInput } from '@aftersale/core';
import {
  buildSchema,
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { calculateQueryCost } from './query-cost.js';
import { shopifyAdminSchemaSdl } from './shopify-admin-schema.js';
import {
  decimal,
  type EmulatedCustomer,
  type EmulatedOrder,
  type EmulatedRefund,
  type EmulatedReturn,
  type EmulatedStoreCreditAccount,
  type EmulatedStoreCreditTransaction,
  EmulatorState,
  minorUnits,
  moneyBag,
  type OrderSeedOptions,
  type SeededOrder,
} from './shopify-emulator-state.js';
import { restRefundPayload, restReturnPayload } from './shopify-webhook-payloads.js';

/** A clock the emulator reads (share one with the adapter in tests). */
export interface EmulatorClock {
  now(): number;
}

/** A fault the next matching request meets. */
export type ShopifyEmulatorFault =
  | { kind: 'http-error'; status: number; retryAfter?: string; operation?: string }
  | { kind: 'connection-reset'; operation?: string }
  | { kind: 'reset-after-write'; operation?: string }
  | { kind: 'slow'; delayMs: number; operation?: string }
  | { kind: 'throttled'; operation?: string };

export interface ShopifyEmulatorOptions {
  /** @default 'aftersale-emulator.myshopify.com' */
  shop?: string;
  /** The token requests must carry. @default 'shpat_emulator' */
  accessToken?: string;
  /** @default '2026-10' */
  apiVersion?: string;
  /** @default Date.now */
  clock?: EmulatorClock;
  /**
   * The cost bucket, or `false` for none. @default Shopify's standard plan: 2000 points restoring 100/s
   */
  throttle?: false | { maximumAvailable: number; restoreRate: number };
  /** The single-query cost limit. @default 1000 */
  maxQueryCost?: number;
  /** Signs webhooks. @default 'emulator_webhook_secret' */
  webhookSecret?: string;
  /** How long a bulk operation runs on the clock. @default 0 (done at the first poll) */
  bulkDurationMs?: number;
  /**
   * How long an `orderCancel` job runs on the clock before the order reads as cancelled.
   * @default 0 (done by the next request)
   */
  orderCancelDurationMs?: number;
}

/** One GraphQL document as the emulator received it. */
export interface RecordedDocument {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  /** HTTP status answered (0 when the connection was dropped). */
  status: number;
  throttled: boolean;
}

/** One signed webhook delivery the emulator made. */
export interface WebhookDeliveryRecord {
  topic: string;
  webhookId: string;
  url: string;
  status: number;
  body: string;
}

export interface WebhookSubscription {
  url: string;
  /** Topics such as `refunds/create`; all when left out. */
  topics?: readonly string[];
  /** `x-shopify` sends `X-Shopify-*` headers; `shopify` the newer lower-case `shopify-*` ones. @default 'x-shopify' */
  headerStyle?: 'x-shopify' | 'shopify';
}

/** A running emulator of Shopify's Admin GraphQL API. */
export interface ShopifyEmulator {
  readonly url: string;
  readonly shop: string;
  readonly accessToken: string;
  readonly apiVersion: string;
  readonly webhookSecret: string;
  /** A `fetch` that sends `https://{shop}/…` to the emulator (pass it to the adapter). */
  readonly fetch: typeof globalThis.fetch;
  /** Every document received, in order. */
  readonly documents: readonly RecordedDocument[];
  readonly state: EmulatorState;
  seedCustomers(customers: readonly (CustomerInput & { updatedAt?: string })[]): string[];
  seedOrders(
    orders: readonly OrderInput[],
    options?: (order: OrderInput, index: number) => OrderSeedOptions,
  ): SeededOrder[];
  /** Queues faults; each is used by the next request it matches. */
  injectFault(...faults: ShopifyEmulatorFault[]): void;
  /** Faults queued and not yet met: a test that prepared one should see it used. */
  pendingFaults(): number;
  subscribeWebhooks(subscription: WebhookSubscription): void;
  /** Sends a signed webhook to every subscription of the topic; `duplicates` re-sends it byte for byte. */
  sendWebhook(topic: string, payload: unknown, options?: { duplicates?: number }): Promise<WebhookDeliveryRecord[]>;
  /**
   * Waits until every request received so far has been handled, including ones whose client gave up
   * (a `slow` fault still applies its write when the delay ends).
   */
  flushRequests(): Promise<void>;
  /** Waits for webhooks the emulator sent on its own (after mutations). */
  flushWebhooks(): Promise<void>;
  readonly webhookDeliveries: readonly WebhookDeliveryRecord[];
  /** Skews `suggestedRefund` for an order: a disagreement with aftersale's own computation. */
  skewSuggestedRefund(orderId: string, minorUnits: number): void;
  close(): Promise<void>;
}

interface RequestContext {
  bulk: boolean;
  now: string;
}

interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new GraphQLError(`Invalid cursor for current pagination sort.`);
  }
};

interface PageArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** A sort position: the sort field's value, then the record's numeric id as the tie-breaker. */
type SortKey = readonly [string | number, number];

const compareKeys = (a: SortKey, b: SortKey): number => {
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  return a[1] - b[1];
};

/**
 * Slices a sorted list into a page. Without `keyOf`, the cursor of each item is its index in the list;
 * with it (lists whose order can change between pages, such as orders by update time), the cursor is
 * the item's sort key, as Shopify's are, so a record updated mid-sync is neither skipped nor repeated.
 */
function paginate<T, V>(
  items: readonly T[],
  args: PageArguments,
  context: RequestContext,
  view: (item: T) => V,
  keyOf?: (item: T) => SortKey,
): Connection<V> {
  const size = args.first ?? args.last ?? null;
  if (size === null && !context.bulk) throw new GraphQLError('You must provide one of first or last.');
  if (size !== null && (size < 0 || size > 250))
    throw new GraphQLError('The first argument must be between 0 and 250.');
  const list = args.reverse ? [...items].reverse() : items;
  const direction = args.reverse ? -1 : 1;
  /** The first index whose key is past `cursor` (or at it, with `inclusive`), by binary search. */
  const position = (cursor: string, inclusive: boolean): number => {
    const decoded = decodeCursor(cursor);
    if (!keyOf) return Number(decoded) + (inclusive ? 0 : 1);
    if (!Array.isArray(decoded) || decoded.length !== 2)
      throw new GraphQLError('Invalid cursor for current pagination sort.');
    const key = decoded as unknown as SortKey;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const item = list[middle] as T;
      const order = direction * compareKeys(keyOf(item), key);
      if (order > 0 || (inclusive && order === 0)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  let start = 0;
  let end = list.length;
  if (args.after) start = Math.max(start, position(args.after, false));
  if (args.before) end = Math.min(end, position(args.before, true));
  let from = start;
  let to = end;
  if (size !== null) {
    if (args.last !== undefined && args.last !== null && (args.first === undefined || args.first === null))
      from = Math.max(start, end - size);
    else to = Math.min(end, start + size);
  }
  const page = list.slice(from, Math.max(from, to));
  const edges = page.map((item, index) => ({
    cursor: encodeCursor(keyOf ? keyOf(item) : from + index),
    node: view(item),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: to < end,
      hasPreviousPage: from > start,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Compiles Shopify's search syntax, for the filters the emulator understands, into a predicate. */
function compileOrderQuery(query: string | null | undefined): (order: EmulatedOrder) => boolean {
  if (!query) return () => true;
  const tests: ((order: EmulatedOrder) => boolean)[] = [];
  for (const token of query.match(/(\w+):(>=|<=|>|<)?('[^']*'|"[^"]*"|\S+)/g) ?? []) {
    const match = /^(\w+):(>=|<=|>|<)?(.*)$/.exec(token);
    if (!match) continue;
    const [, field, operator = '=', raw = ''] = match;
    const value = raw.replace(/^['"]|['"]$/g, '');
    const expected = Date.parse(value);
    const compare = (actual: string): boolean => {
      const a = Date.parse(actual);
      if (operator === '>=') return a >= expected;
      if (operator === '>') return a > expected;
      if (operator === '<=') return a <= expected;
      if (operator === '<') return a < expected;
      return a === expected;
    };
    if (field === 'updated_at') tests.push((order) => compare(order.updatedAt));
    else if (field === 'created_at') tests.push((order) => compare(order.createdAt));
    else if (field === 'customer_id') tests.push((order) => order.customerId?.split('/').pop() === value);
  }
  return (order) => tests.every((test) => test(order));
}

const sorters: Record<string, (order: EmulatedOrder) => string | number> = {
  UPDATED_AT: (order) => order.updatedAt,
  CREATED_AT: (order) => order.createdAt,
  PROCESSED_AT: (order) => order.processedAt ?? order.createdAt,
  ID: (order) => order.legacyId,
};

/** The sort key of an order under a `sortKey` argument (unknown keys sort by id, as Shopify's default). */
function orderSortKey(sortKey: string | null | undefined): (order: EmulatedOrder) => SortKey {
  const value = sorters[sortKey ?? 'ID'] ?? ((order: EmulatedOrder) => order.legacyId);
  return (order) => [value(order), order.legacyId];
}

function directiveKey(info: GraphQLResolveInfo, name: string): string | null {
  const node = info.fieldNodes[0];
  const directive = node?.directives?.find((entry) => entry.name.value === name);
  const argument = directive?.arguments?.find((entry) => entry.name.value === 'key');
  if (!argument) return null;
  const raw = info.variableValues as unknown as { coerced?: Record<string, unknown> } & Record<string, unknown>;
  const variables = (raw.coerced ?? raw) as Record<string, unknown>;
  const value = valueFromASTUntyped(argument.value, variables);
  return typeof value === 'string' ? value : null;
}

/**
 * Starts an emulator of Shopify's Admin GraphQL API on loopback: stateful, executing any valid
 * document against its own schema subset with graphql-js, throttling by calculated query cost on an
 * injectable clock, with fault injection, bulk operations and signed webhooks.
 *
 * @example
 * ```ts
 * const emulator = await createShopifyEmulator({ clock });
 * emulator.seedOrders(orders);
 * const adapter = createShopifyAdapter({ shop: emulator.shop, accessToken: emulator.accessToken, fetch: emulator.fetch });
 * ```
 */
export async function createShopifyEmulator(options: ShopifyEmulatorOptions = {}): Promise<ShopifyEmulator> {
  const shop = options.shop ?? 'aftersale-emulator.myshopify.com';
  const accessToken = options.accessToken ?? 'shpat_emulator';
  const apiVersion = options.apiVersion ?? '2026-10';
  const clock = options.clock ?? { now: () => Date.now() };
  const webhookSecret = options.webhookSecret ?? 'emulator_webhook_secret';
  const maxQueryCost = options.maxQueryCost ?? 1000;
  const schema = buildSchema(shopifyAdminSchemaSdl);
  const state = new EmulatorState();
  const documents: RecordedDocument[] = [];
  /** Documents already parsed and validated, by text. */
  const parsedDocuments = new Map<string, DocumentNode>();
  const faults: ShopifyEmulatorFault[] = [];
  const subscriptions: WebhookSubscription[] = [];
  const deliveries: WebhookDeliveryRecord[] = [];
  const inFlightWebhooks = new Set<Promise<unknown>>();
  const bucketSettings =
    options.throttle === false ? null : (options.throttle ?? { maximumAvailable: 2000, restoreRate: 100 });
  const bucket = bucketSettings ? { available: bucketSettings.maximumAvailable, at: clock.now() } : null;
  const cancelJobs: {
    id: string;
    orderId: string;
    completesAt: number;
    done: boolean;
    reason: string;
    restock: boolean;
    refund: boolean;
  }[] = [];
  const bulkOperations = new Map<
    string,
    {
      id: string;
      legacyId: number;
      query: string;
      groupObjects: boolean;
      status: string;
      createdAt: string;
      completesAt: number;
      completedAt: string | null;
      jsonl: string | null;
      objectCount: number;
      rootObjectCount: number;
      errorCode: string | null;
    }
  >();
  let baseUrl = '';
  const iso = (): string => new Date(clock.now()).toISOString();

  const refill = (): number => {
    if (!bucket || !bucketSettings) return Number.POSITIVE_INFINITY;
    const now = clock.now();
    bucket.available = Math.min(
      bucketSettings.maximumAvailable,
      bucket.available + ((now - bucket.at) / 1000) * bucketSettings.restoreRate,
    );
    bucket.at = now;
    return bucket.available;
  };
  const throttleStatus = () =>
    bucket && bucketSettings
      ? {
          maximumAvailable: bucketSettings.maximumAvailable,
          currentlyAvailable: Math.floor(bucket.available),
          restoreRate: bucketSettings.restoreRate,
        }
      : { maximumAvailable: 1e9, currentlyAvailable: 1e9, restoreRate: 1e9 };

  /**
   * Orders matching a search, sorted: kept until an order is added or changes (`state.version`), so a
   * sync paging through 10,000 orders does not filter and sort them again for every page.
   */
  const orderLists = new Map<string, { version: number; list: EmulatedOrder[] }>();
  const orderList = (
    query: string | null | undefined,
    sortKey: string | null | undefined,
    customerId: string | null,
  ): EmulatedOrder[] => {
    const cacheKey = JSON.stringify([query ?? null, sortKey ?? null, customerId]);
    const cached = orderLists.get(cacheKey);
    if (cached && cached.version === state.version) return cached.list;
    if (cached === undefined && orderLists.size > 50) orderLists.clear();
    const matches = compileOrderQuery(query);
    const keyOf = orderSortKey(sortKey);
    const list = [...state.orders.values()]
      .filter((order) => (customerId === null || order.customerId === customerId) && matches(order))
      .map((order) => ({ order, key: keyOf(order) }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((entry) => entry.order);
    orderLists.set(cacheKey, { version: state.version, list });
    return list;
  };

  // ── Views: state rendered as the schema's objects ───────────────────────────────────────────

  const bag = (order: EmulatedOrder, amount: number) => moneyBag(order, amount);
  const discountView = (
    order: EmulatedOrder,
    entry: EmulatedOrder['lines'][number]['discounts'][number],
    index: number,
  ) => ({
    allocatedAmountSet: bag(order, entry.amount),
    discountApplication: {
      __typename: entry.code
        ? 'DiscountCodeApplication'
        : entry.targetSelection === 'ALL'
          ? 'AutomaticDiscountApplication'
          : 'ManualDiscountApplication',
      allocationMethod: 'ACROSS',
      targetSelection: entry.targetSelection,
      targetType: 'LINE_ITEM',
      index,
      code: entry.code,
      title: entry.title ?? entry.code ?? 'Discount',
      description: null,
    },
  });
  const taxView = (order: EmulatedOrder, entry: { title: string; rate: number; amount: number }) => ({
    title: entry.title,
    rate: entry.rate,
    priceSet: bag(order, entry.amount),
  });
  const lineView = (order: EmulatedOrder, line: EmulatedOrder['lines'][number]) => ({
    __typename: 'LineItem',
    id: line.id,
    title: line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: line.quantity - state.refundedQuantity(order, line.id),
    refundableQuantity: line.quantity - state.refundedQuantity(order, line.id),
    isGiftCard: line.giftCard,
    requiresShipping: line.requiresShipping,
    vendor: line.vendor,
    customAttributes: Object.entries(line.properties).map(([key, value]) => ({ key, value })),
    originalUnitPriceSet: bag(order, line.unitPrice),
    discountAllocations: line.discounts.map((entry, index) => discountView(order, entry, index)),
    taxLines: (args: { first?: number }) =>
      line.taxLines.slice(0, args.first ?? line.taxLines.length).map((entry) => taxView(order, entry)),
    product: line.productId ? productView(line.productId) : null,
    variant: line.variantId
      ? (variantView(line.variantId) ?? {
          __typename: 'ProductVariant',
          id: line.variantId,
          title: line.variantTitle ?? 'Default',
          sku: line.sku,
          price: decimal(line.unitPrice, order.currency),
          product: line.productId ? productView(line.productId) : null,
        })
      : null,
  });
  const variantView = (id: string): unknown => {
    const variant = state.variants.get(id);
    if (!variant) return null;
    return {
      __typename: 'ProductVariant',
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      price: decimal(variant.price, variant.currency),
      product: () => (variant.productId ? productView(variant.productId) : null),
    };
  };
  const productView = (id: string) => {
    const product = state.products.get(id);
    if (!product) return null;
    return {
      __typename: 'Product',
      id: product.id,
      title: product.title,
      handle: product.handle,
      tags: product.tags,
      productType: product.productType,
      vendor: product.vendor,
      collections: (args: PageArguments, context: RequestContext) =>
        paginate(product.collections, args, context, (handle) => ({
          __typename: 'Collection',
          id: `gid://shopify/Collection/${handle}`,
          handle,
          title: handle,
        })),
    };
  };
  const refundView = (order: EmulatedOrder, refund: EmulatedRefund) => ({
    __typename: 'Refund',
    id: refund.id,
    createdAt: refund.createdAt,
    note: refund.note,
    totalRefundedSet: bag(order, refund.total),
    order: () => orderView(order),
    return: () => {
      const entry = refund.returnId ? state.returns.get(refund.returnId) : undefined;
      return entry ? returnView(entry) : null;
    },
    transactions: (args: PageArguments, context: RequestContext) =>
      paginate(
        order.transactions.filter((transaction) => refund.transactionIds.includes(transaction.id)),
        args,
        context,
        (transaction) => transactionView(order, transaction),
      ),
    refundLineItems: (args: PageArguments, context: RequestContext) =>
      paginate(refund.lines, args, context, (line) => {
        const orderLine = order.lines.find((entry) => entry.id === line.lineItemId);
        return {
          id: null,
          quantity: line.quantity,
          restockType: line.restockType,
          lineItem: orderLine ? lineView(order, orderLine) : null,
          priceSet: bag(order, orderLine?.unitPrice ?? 0),
          subtotalSet: bag(order, line.subtotal),
          totalTaxSet: bag(order, line.tax),
        };
      }),
    refundShippingLines: (args: PageArguments, context: RequestContext) =>
      paginate(refund.shipping ? [refund.shipping] : [], args, context, (shipping) => ({
        id: `${refund.id}/shipping`,
        subtotalAmountSet: bag(order, shipping.subtotal),
        taxAmountSet: bag(order, shipping.tax),
      })),
  });
  const transactionView = (order: EmulatedOrder, transaction: EmulatedOrder['transactions'][number]): unknown => ({
    __typename: 'OrderTransaction',
    id: transaction.id,
    kind: transaction.kind,
    status: transaction.status,
    gateway: transaction.gateway,
    createdAt: transaction.createdAt,
    amountSet: bag(order, transaction.amount),
    parentTransaction: () => {
      const parent = order.transactions.find((entry) => entry.id === transaction.parentId);
      return parent ? transactionView(order, parent) : null;
    },
  });
  const returnView = (entry: EmulatedReturn): unknown => {
    const order = state.orders.get(entry.orderId);
    return {
      __typename: 'Return',
      id: entry.id,
      name: entry.name,
      status: entry.status,
      createdAt: entry.createdAt,
      closedAt: entry.closedAt,
      decline: entry.decline,
      totalQuantity: entry.lines.reduce((sum, line) => sum + line.quantity, 0),
      order: () => (order ? orderView(order) : null),
      returnLineItems: (args: PageArguments, context: RequestContext) =>
        paginate(entry.lines, args, context, (line) => {
          const orderLine = order?.lines.find((candidate) => candidate.id === line.lineItemId);
          return {
            __typename: 'ReturnLineItem',
            id: line.id,
            quantity: line.quantity,
            customerNote: line.customerNote,
            returnReasonNote: line.returnReasonNote,
            processedQuantity: line.processedQuantity,
            unprocessedQuantity: line.quantity - line.processedQuantity,
            fulfillmentLineItem: {
              id: line.fulfillmentLineItemId,
              quantity: line.quantity,
              lineItem: order && orderLine ? lineView(order, orderLine) : null,
            },
          };
        }),
      exchangeLineItems: (args: PageArguments, context: RequestContext) =>
        paginate(entry.exchangeLines, args, context, (line) => ({
          __typename: 'ExchangeLineItem',
          id: line.id,
          quantity: line.quantity,
          variantId: line.variantId,
          processedQuantity: line.processedQuantity,
          unprocessedQuantity: line.quantity - line.processedQuantity,
        })),
    };
  };
  const suggestedRefund = (
    order: EmulatedOrder,
    args: { refundLineItems?: { lineItemId: string; quantity: number }[] | null; refundShipping?: boolean | null },
  ) => {
    let subtotal = 0;
    let tax = 0;
    const lines = (args.refundLineItems ?? []).flatMap((input) => {
      const line = order.lines.find((entry) => entry.id === input.lineItemId);
      if (!line) return [];
      const refundable = line.quantity - state.refundedQuantity(order, line.id);
      const quantity = Math.min(input.quantity, refundable);
      const amounts = state.lineRefund(order, line, quantity);
      subtotal += amounts.subtotal;
      tax += amounts.tax;
      return [
        {
          id: null,
          quantity,
          restockType: 'NO_RESTOCK',
          lineItem: lineView(order, line),
          priceSet: bag(order, line.unitPrice),
          subtotalSet: bag(order, amounts.subtotal),
          totalTaxSet: bag(order, amounts.tax),
        },
      ];
    });
    const shipping = args.refundShipping ? state.refundableShipping(order) : { subtotal: 0, tax: 0 };
    const maximum = state.received(order) - state.refunded(order);
    const amount = subtotal + tax + shipping.subtotal + shipping.tax + order.suggestedRefundSkew;
    const parent = state.paymentTransaction(order);
    const refundable = state.refundableShipping(order);
    return {
      amountSet: bag(order, amount),
      maximumRefundableSet: bag(order, maximum),
      subtotalSet: bag(order, subtotal),
      totalTaxSet: bag(order, tax + shipping.tax),
      shipping: {
        amountSet: bag(order, shipping.subtotal),
        taxSet: bag(order, shipping.tax),
        maximumRefundableSet: bag(order, refundable.subtotal + refundable.tax),
      },
      refundLineItems: lines,
      suggestedTransactions:
        parent && amount > 0
          ? [
              {
                gateway: parent.gateway,
                kind: 'SUGGESTED_REFUND',
                amountSet: bag(order, Math.min(amount, maximum)),
                parentTransaction: transactionView(order, parent),
              },
            ]
          : [],
    };
  };
  const orderView = (order: EmulatedOrder): unknown => ({
    __typename: 'Order',
    id: order.id,
    name: order.name,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentment?.currency ?? order.currency,
    taxesIncluded: order.taxesIncluded,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    email: order.email,
    tags: order.tags,
    discountCodes: order.discountCodes,
    customer: () => {
      const customer = order.customerId ? state.customers.get(order.customerId) : undefined;
      return customer ? customerView(customer) : null;
    },
    billingAddress: order.billingAddress ? { id: `${order.id}/billing`, ...order.billingAddress } : null,
    shippingAddress: order.shippingAddress ? { id: `${order.id}/shipping`, ...order.shippingAddress } : null,
    subtotalPriceSet: bag(
      order,
      order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) - order.totals.discounts,
    ),
    totalDiscountsSet: bag(order, order.totals.discounts),
    totalShippingPriceSet: bag(order, order.totals.shipping),
    totalTaxSet: bag(order, order.totals.tax),
    totalPriceSet: bag(order, order.totals.total),
    totalRefundedSet: bag(order, state.refunded(order)),
    totalOutstandingSet: bag(order, Math.max(0, order.exchangeBalance)),
    cancelReason: order.cancelReason,
    paymentCollectionDetails: {
      additionalPaymentCollectionUrl:
        order.exchangeBalance > 0 && order.cancelledAt === null
          ? `https://${shop}/${order.legacyId}/invoices/${order.returnIds.length}`
          : null,
    },
    lineItems: (args: PageArguments, context: RequestContext) =>
      paginate(order.lines, args, context, (line) => lineView(order, line)),
    shippingLines: (args: PageArguments, context: RequestContext) =>
      paginate(order.shippingLines, args, context, (line) => ({
        id: line.id,
        title: line.title,
        code: line.code,
        originalPriceSet: bag(order, line.price),
        discountAllocations: line.discounts.map((entry, index) => discountView(order, entry, index)),
        taxLines: line.taxLines.map((entry) => taxView(order, entry)),
      })),
    fulfillments: (args: { first?: number }) =>
      order.fulfillments.slice(0, args.first ?? order.fulfillments.length).map((fulfillment) => ({
        __typename: 'Fulfillment',
        id: fulfillment.id,
        status: fulfillment.status,
        createdAt: fulfillment.createdAt,
        deliveredAt: fulfillment.deliveredAt,
        estimatedDeliveryAt: fulfillment.estimatedDeliveryAt,
        inTransitAt: fulfillment.inTransitAt,
        trackingInfo: (trackingArgs: { first?: number }) =>
          fulfillment.tracking.slice(0, trackingArgs.first ?? fulfillment.tracking.length),
        fulfillmentLineItems: (pageArgs: PageArguments, context: RequestContext) =>
          paginate(fulfillment.lines, pageArgs, context, (line) => {
            const orderLine = order.lines.find((entry) => entry.id === line.lineItemId);
            return {
              __typename: 'FulfillmentLineItem',
              id: line.id,
              quantity: line.quantity,
              lineItem: orderLine ? lineView(order, orderLine) : null,
            };
          }),
      })),
    refunds: (args: { first?: number }) =>
      order.refunds.slice(0, args.first ?? order.refunds.length).map((refund) => refundView(order, refund)),
    transactions: (args: { first?: number }) =>
      order.transactions
        .slice(0, args.first ?? order.transactions.length)
        .map((entry) => transactionView(order, entry)),
    suggestedRefund: (args: Parameters<typeof suggestedRefund>[1]) => suggestedRefund(order, args),
    returns: (args: PageArguments, context: RequestContext) =>
      paginate(
        order.returnIds
          .map((id) => state.returns.get(id))
          .filter((entry): entry is EmulatedReturn => entry !== undefined),
        args,
        context,
        returnView,
      ),
  });
  const customerView = (customer: EmulatedCustomer): unknown => ({
    __typename: 'Customer',
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    locale: customer.locale,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    tags: customer.tags,
    defaultEmailAddress: customer.email
      ? { emailAddress: customer.email, marketingState: customer.marketingState ?? 'NOT_SUBSCRIBED' }
      : null,
    defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
    defaultAddress: customer.defaultAddress ? { id: `${customer.id}/address`, ...customer.defaultAddress } : null,
    storeCreditAccounts: (args: PageArguments, context: RequestContext) =>
      paginate(customer.storeCreditAccounts, args, context, (account) => storeCreditAccountView(customer, account)),
    orders: (args: PageArguments & { sortKey?: string; query?: string }, context: RequestContext) =>
      paginate(orderList(args.query, args.sortKey, customer.id), args, context, orderView, orderSortKey(args.sortKey)),
  });
  const storeCreditAccountView = (customer: EmulatedCustomer, account: EmulatedStoreCreditAccount): unknown => {
    const money = (amount: number) => ({ amount: decimal(amount, account.currency), currencyCode: account.currency });
    const view = {
      __typename: 'StoreCreditAccount',
      id: account.id,
      balance: money(account.transactions.reduce((total, entry) => total + entry.amount, 0)),
      transactions: (
        args: PageArguments & { sortKey?: string | null; query?: string | null },
        context: RequestContext,
      ): unknown =>
        paginate(
          args.sortKey === 'EXPIRES_AT'
            ? [...account.transactions].sort((a, b) => (a.expiresAt ?? '~').localeCompare(b.expiresAt ?? '~'))
            : account.transactions,
          args,
          context,
          (transaction) => storeCreditTransactionView(customer, account, transaction),
        ),
    };
    return view;
  };
  const storeCreditTransactionView = (
    customer: EmulatedCustomer,
    account: EmulatedStoreCreditAccount,
    transaction: EmulatedStoreCreditTransaction,
  ): unknown => {
    const money = (amount: number) => ({ amount: decimal(amount, account.currency), currencyCode: account.currency });
    return {
      __typename: 'StoreCreditAccountCreditTransaction',
      id: transaction.id,
      account: () => storeCreditAccountView(customer, account),
      amount: money(transaction.amount),
      balanceAfterTransaction: money(transaction.balanceAfter),
      createdAt: transaction.createdAt,
      event: transaction.event,
      expiresAt: transaction.expiresAt,
      remainingAmount: money(transaction.amount),
      origin: () => {
        if (!transaction.origin) return null;
        const order = state.orders.get(transaction.origin.orderId);
        const origin = order?.transactions.find((entry) => entry.id === transaction.origin?.transactionId);
        return order && origin ? transactionView(order, origin) : null;
      },
    };
  };
  /** A store credit account or transaction by id, with its owner. */
  const storeCreditNode = (id: string): unknown => {
    for (const customer of state.customers.values()) {
      for (const account of customer.storeCreditAccounts) {
        if (account.id === id) return storeCreditAccountView(customer, account);
        const transaction = account.transactions.find((entry) => entry.id === id);
        if (transaction) return storeCreditTransactionView(customer, account, transaction);
      }
    }
    return null;
  };
  const bulkView = (operation: NonNullable<ReturnType<typeof bulkOperations.get>>) => {
    advanceBulk(operation);
    return {
      __typename: 'BulkOperation',
      id: operation.id,
      status: operation.status,
      errorCode: operation.errorCode,
      objectCount: String(operation.objectCount),
      rootObjectCount: String(operation.rootObjectCount),
      url: operation.jsonl === null ? null : `${baseUrl}/bulk/${operation.legacyId}.jsonl`,
      partialDataUrl: null,
      createdAt: operation.createdAt,
      completedAt: operation.completedAt,
      query: operation.query,
      type: 'QUERY',
    };
  };
  const nodeById = (id: string): unknown => {
    const type = /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
    if (type === 'Order') {
      const order = state.orders.get(id);
      return order ? orderView(order) : null;
    }
    if (type === 'Customer') {
      const customer = state.customers.get(id);
      return customer ? customerView(customer) : null;
    }
    if (type === 'Product') return productView(id);
    if (type === 'ProductVariant') return variantView(id);
    if (type === 'StoreCreditAccount' || type === 'StoreCreditAccountCreditTransaction') return storeCreditNode(id);
    if (type === 'Return') {
      const entry = state.returns.get(id);
      return entry ? returnView(entry) : null;
    }
    if (type === 'Refund') {
      for (const order of state.orders.values()) {
        const refund = order.refunds.find((entry) => entry.id === id);
        if (refund) return refundView(order, refund);
      }
      return null;
    }
    if (type === 'BulkOperation') {
      const operation = bulkOperations.get(id);
      return operation ? bulkView(operation) : null;
    }
    return null;
  };

  // ── Bulk operations ─────────────────────────────────────────────────────────────────────────

  function flatten(value: unknown, parentId: string | null, lines: unknown[][], group: boolean, depth: number): number {
    let objects = 0;
    const record = value as Record<string, unknown>;
    const own: Record<string, unknown> = {};
    const children: unknown[] = [];
    for (const [key, field] of Object.entries(record)) {
      const connection = field as { edges?: { node: unknown }[]; nodes?: unknown[] } | null;
      if (
        connection &&
        typeof connection === 'object' &&
        !Array.isArray(connection) &&
        (connection.edges || connection.nodes)
      ) {
        children.push(...(connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? []));
      } else own[key] = field;
    }
    if (parentId !== null) own.__parentId = parentId;
    const atDepth = lines[depth] ?? [];
    lines[depth] = atDepth;
    atDepth.push(own);
    objects++;
    // Grouped: children follow their parent (depth-first, all in one list); ungrouped: each depth
    // after the one above it, so a child may come long after its parent.
    for (const child of children) {
      objects += flatten(child, (record.id as string) ?? parentId, lines, group, group ? 0 : depth + 1);
    }
    return objects;
  }

  function advanceBulk(operation: NonNullable<ReturnType<typeof bulkOperations.get>>): void {
    if (operation.status !== 'CREATED' && operation.status !== 'RUNNING') return;
    if (clock.now() < operation.completesAt) {
      operation.status = 'RUNNING';
      return;
    }
    const result = execute({
      schema,
      document: parse(operation.query),
      rootValue,
      contextValue: { bulk: true, now: iso() } satisfies RequestContext,
    }) as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };
    if (result.errors?.length || !result.data) {
      operation.status = 'FAILED';
      operation.errorCode = 'INTERNAL_SERVER_ERROR';
      return;
    }
    const lines: unknown[][] = [];
    let objects = 0;
    let roots = 0;
    for (const field of Object.values(result.data)) {
      const connection = field as { edges?: { node: unknown }[]; nodes?: unknown[] };
      const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
      for (const node of nodes) {
        roots++;
        objects += flatten(node, null, lines, operation.groupObjects, 0);
      }
    }
    operation.jsonl = lines
      .flat()
      .map((line) => `${JSON.stringify(line)}\n`)
      .join('');
    operation.objectCount = objects;
    operation.rootObjectCount = roots;
    operation.status = 'COMPLETED';
    operation.completedAt = iso();
  }

  // ── Webhooks ────────────────────────────────────────────────────────────────────────────────

  async function deliver(topic: string, body: string, subscription: WebhookSubscription, webhookId: string) {
    const signature = createHmac('sha256', webhookSecret).update(body).digest('base64');
    const prefix = subscription.headerStyle === 'shopify' ? 'shopify-' : 'X-Shopify-';
    const name = (suffix: string) =>
      subscription.headerStyle === 'shopify' ? `${prefix}${suffix.toLowerCase()}` : `${prefix}${suffix}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [name('Topic')]: topic,
      [name('Hmac-Sha256')]: signature,
      [name('Shop-Domain')]: shop,
      [name('Webhook-Id')]: webhookId,
      [name('Event-Id')]: webhookId,
      [name('API-Version')]: apiVersion,
      [name('Triggered-At')]: iso(),
    };
    let status = 0;
    try {
      const response = await fetch(subscription.url, { method: 'POST', headers, body });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    const record = { topic, webhookId, url: subscription.url, status, body };
    deliveries.push(record);
    return record;
  }

  async function sendWebhook(topic: string, payload: unknown, sendOptions: { duplicates?: number } = {}) {
    const body = JSON.stringify(payload);
    const records: WebhookDeliveryRecord[] = [];
    for (const subscription of subscriptions) {
      if (subscription.topics && !subscription.topics.includes(topic)) continue;
      const webhookId = randomUUID();
      for (let copy = 0; copy <= (sendOptions.duplicates ?? 0); copy++) {
        records.push(await deliver(topic, body, subscription, webhookId));
      }
    }
    return records;
  }

  function emit(topic: string, payload: unknown): void {
    if (subscriptions.length === 0) return;
    const pending = sendWebhook(topic, payload).finally(() => inFlightWebhooks.delete(pending));
    inFlightWebhooks.add(pending);
  }

  // ── Mutations ───────────────────────────────────────────────────────────────────────────────

  type UserError = { field: string[] | null; message: string; code?: string | null };

  function touch(order: EmulatedOrder): void {
    order.updatedAt = iso();
    state.version++;
    const received = state.received(order);
    const refunded = state.refunded(order);
    if (refunded > 0) order.financialStatus = refunded >= received ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }

  function applyRefund(
    order: EmulatedOrder,
    input: {
      note?: string | null;
      refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null }[] | null;
      shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
      transactions?:
        | { amount: string; gateway: string; kind: string; orderId: string; parentId?: string | null }[]
        | null;
      refundMethods?:
        | {
            storeCreditRefund?: { amount: { amount: string; currencyCode: string }; expiresAt?: string | null } | null;
          }[]
        | null;
    },
    path: string[],
    returnId: string | null,
  ): { refund: EmulatedRefund | null; userErrors: UserError[] } {
    const userErrors: UserError[] = [];
    const lines: EmulatedRefund['lines'] = [];
    (input.refundLineItems ?? []).forEach((item, index) => {
      const line = order.lines.find((entry) => entry.id === item.lineItemId);
      if (!line) {
        userErrors.push({
          field: [...path, 'refundLineItems', String(index), 'lineItemId'],
          message: 'Line item does not exist',
        });
        return;
      }
      const refundable = line.quantity - state.refundedQuantity(order, line.id);
      if (item.quantity < 1 || item.quantity > refundable) {
        userErrors.push({
          field: [...path, 'refundLineItems', String(index), 'quantity'],
          message: `Quantity cannot refund more items than were purchased (${refundable} refundable)`,
        });
        return;
      }
      const amounts = state.lineRefund(order, line, item.quantity);
      lines.push({
        lineItemId: line.id,
        quantity: item.quantity,
        ...amounts,
        restockType: item.restockType ?? 'NO_RESTOCK',
      });
    });
    let shipping: EmulatedRefund['shipping'] = null;
    if (input.shipping?.fullRefund) {
      const refundable = state.refundableShipping(order);
      if (refundable.subtotal + refundable.tax > 0) shipping = refundable;
    } else if (input.shipping?.amount) {
      const value = minorUnits(input.shipping.amount, order.currency);
      const refundable = state.refundableShipping(order);
      if (value > refundable.subtotal + refundable.tax) {
        userErrors.push({
          field: [...path, 'shipping', 'amount'],
          message: 'Shipping refund amount exceeds the refundable shipping',
        });
      } else if (value > 0) shipping = { subtotal: value, tax: 0 };
    }
    let total = 0;
    const transactions: EmulatedOrder['transactions'] = [];
    const remaining = state.received(order) - state.refunded(order);
    (input.transactions ?? []).forEach((item, index) => {
      const parent = order.transactions.find((entry) => entry.id === item.parentId);
      if (item.parentId && !parent) {
        userErrors.push({
          field: [...path, 'transactions', String(index), 'parentId'],
          message: 'Parent transaction does not exist',
        });
        return;
      }
      const value = minorUnits(item.amount, order.currency);
      total += value;
      transactions.push({
        id: state.ids.next('OrderTransaction').gid,
        kind: 'REFUND',
        status: 'SUCCESS',
        gateway: item.gateway,
        amount: value,
        createdAt: iso(),
        parentId: item.parentId ?? null,
      });
    });
    const storeCredits: { amount: number; expiresAt: string | null; transactionId: string }[] = [];
    (input.refundMethods ?? []).forEach((method, index) => {
      const credit = method.storeCreditRefund;
      if (!credit) return;
      const field = [...path, 'refundMethods', String(index), 'storeCreditRefund'];
      if (!order.customerId) {
        userErrors.push({ field, message: 'Store credit can only be refunded to an order with a customer' });
        return;
      }
      if (credit.amount.currencyCode !== order.currency) {
        userErrors.push({ field: [...field, 'amount'], message: `Store credit must be in ${order.currency}` });
        return;
      }
      if (credit.expiresAt && Date.parse(credit.expiresAt) <= clock.now()) {
        userErrors.push({ field: [...field, 'expiresAt'], message: 'Expiry date must be in the future' });
        return;
      }
      const value = minorUnits(credit.amount.amount, order.currency);
      if (value <= 0) {
        userErrors.push({ field: [...field, 'amount'], message: 'Amount must be greater than zero' });
        return;
      }
      total += value;
      const transactionId = state.ids.next('OrderTransaction').gid;
      storeCredits.push({ amount: value, expiresAt: credit.expiresAt ?? null, transactionId });
      transactions.push({
        id: transactionId,
        kind: 'REFUND',
        status: 'SUCCESS',
        gateway: 'shopify_store_credit',
        amount: value,
        createdAt: iso(),
        parentId: null,
      });
    });
    if (total > remaining) {
      userErrors.push({
        field: [...path, 'transactions'],
        message: `Refund amount ${decimal(total, order.currency)} exceeds the refundable ${decimal(remaining, order.currency)}`,
      });
    }
    if (lines.length === 0 && shipping === null && total === 0 && userErrors.length === 0) {
      userErrors.push({
        field: path.length ? path : null,
        message: 'A refund needs line items, shipping or a transaction',
      });
    }
    if (userErrors.length > 0) return { refund: null, userErrors };
    const refund: EmulatedRefund = {
      id: state.ids.next('Refund').gid,
      createdAt: iso(),
      note: input.note ?? null,
      lines,
      shipping,
      total,
      returnId,
      transactionIds: transactions.map((transaction) => transaction.id),
    };
    order.refunds.push(refund);
    order.transactions.push(...transactions);
    const customer = order.customerId ? state.customers.get(order.customerId) : undefined;
    for (const credit of storeCredits) {
      if (!customer) break;
      state.creditStoreCredit(state.storeCreditAccount(customer, order.currency), {
        amount: credit.amount,
        createdAt: iso(),
        expiresAt: credit.expiresAt,
        event: 'ORDER_REFUND',
        origin: { orderId: order.id, transactionId: credit.transactionId },
      });
    }
    touch(order);
    return { refund, userErrors: [] };
  }

  /** Cancels whose job has run its course on the clock: the order is cancelled and what remains refunded. */
  function settleCancelJobs(): void {
    for (const job of cancelJobs) {
      if (job.done || clock.now() < job.completesAt) continue;
      job.done = true;
      const order = state.orders.get(job.orderId);
      if (!order || order.cancelledAt !== null) continue;
      order.cancelledAt = iso();
      order.cancelReason = job.reason;
      const remaining = state.received(order) - state.refunded(order);
      const lines = order.lines
        .map((line) => ({
          lineItemId: line.id,
          quantity: line.quantity - state.refundedQuantity(order, line.id),
          restockType: job.restock ? 'CANCEL' : 'NO_RESTOCK',
        }))
        .filter((line) => line.quantity > 0);
      const payments = order.transactions.filter(
        (transaction) =>
          transaction.status === 'SUCCESS' && (transaction.kind === 'SALE' || transaction.kind === 'CAPTURE'),
      );
      const transactions: { amount: string; gateway: string; kind: string; orderId: string; parentId: string }[] = [];
      let left = job.refund ? remaining : 0;
      for (const payment of payments) {
        if (left <= 0) break;
        const held =
          payment.amount -
          order.transactions
            .filter((entry) => entry.kind === 'REFUND' && entry.status === 'SUCCESS' && entry.parentId === payment.id)
            .reduce((total, entry) => total + entry.amount, 0);
        const take = Math.min(held, left);
        if (take <= 0) continue;
        transactions.push({
          amount: decimal(take, order.currency),
          gateway: payment.gateway ?? 'manual',
          kind: 'REFUND',
          orderId: order.id,
          parentId: payment.id,
        });
        left -= take;
      }
      if (lines.length > 0 || transactions.length > 0) {
        const { refund } = applyRefund(
          order,
          { note: null, refundLineItems: lines, shipping: { fullRefund: true }, transactions },
          [],
          null,
        );
        if (refund) emit('refunds/create', restRefundPayload(refund, order));
      }
      touch(order);
    }
  }

  function fulfilledLine(order: EmulatedOrder, fulfillmentLineItemId: string) {
    for (const fulfillment of order.fulfillments) {
      const line = fulfillment.lines.find((entry) => entry.id === fulfillmentLineItemId);
      if (line) return line;
    }
    return null;
  }

  function returnedQuantity(order: EmulatedOrder, fulfillmentLineItemId: string): number {
    let total = 0;
    for (const id of order.returnIds) {
      const entry = state.returns.get(id);
      if (!entry || entry.status === 'DECLINED' || entry.status === 'CANCELED') continue;
      for (const line of entry.lines) if (line.fulfillmentLineItemId === fulfillmentLineItemId) total += line.quantity;
    }
    return total;
  }

  function openReturn(
    input: {
      orderId: string;
      returnLineItems: {
        fulfillmentLineItemId: string;
        quantity: number;
        customerNote?: string | null;
        returnReasonNote?: string | null;
      }[];
      exchangeLineItems?: { variantId?: string | null; quantity: number }[] | null;
    },
    status: EmulatedReturn['status'],
  ) {
    const order = state.orders.get(input.orderId);
    if (!order)
      return {
        return: null,
        userErrors: [{ field: ['input', 'orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }],
      };
    const userErrors: UserError[] = [];
    const lines: EmulatedReturn['lines'] = [];
    input.returnLineItems.forEach((item, index) => {
      const line = fulfilledLine(order, item.fulfillmentLineItemId);
      if (!line) {
        userErrors.push({
          field: ['input', 'returnLineItems', String(index), 'fulfillmentLineItemId'],
          message: 'Fulfillment line item does not exist',
          code: 'NOT_FOUND',
        });
        return;
      }
      const available = line.quantity - returnedQuantity(order, line.id);
      if (item.quantity < 1 || item.quantity > available) {
        userErrors.push({
          field: ['input', 'returnLineItems', String(index), 'quantity'],
          message: `Quantity must be between 1 and ${available}`,
          code: 'LESS_THAN_OR_EQUAL_TO',
        });
        return;
      }
      lines.push({
        id: state.ids.next('ReturnLineItem').gid,
        fulfillmentLineItemId: line.id,
        lineItemId: line.lineItemId,
        quantity: item.quantity,
        processedQuantity: 0,
        customerNote: item.customerNote ?? null,
        returnReasonNote: item.returnReasonNote ?? '',
      });
    });
    (input.exchangeLineItems ?? []).forEach((item, index) => {
      if (!item.variantId || !state.variants.has(item.variantId)) {
        userErrors.push({
          field: ['input', 'exchangeLineItems', String(index), 'variantId'],
          message: 'Variant does not exist',
          code: 'NOT_FOUND',
        });
      } else if (item.quantity < 1) {
        userErrors.push({
          field: ['input', 'exchangeLineItems', String(index), 'quantity'],
          message: 'Quantity must be greater than 0',
          code: 'GREATER_THAN',
        });
      }
    });
    if (userErrors.length > 0) return { return: null, userErrors };
    const entry: EmulatedReturn = {
      id: state.ids.next('Return').gid,
      name: `${order.name}-R${order.returnIds.length + 1}`,
      orderId: order.id,
      status,
      createdAt: iso(),
      closedAt: null,
      decline: null,
      lines,
      exchangeLines: (input.exchangeLineItems ?? []).map((line) => ({
        id: state.ids.next('ExchangeLineItem').gid,
        variantId: line.variantId ?? null,
        quantity: line.quantity,
        processedQuantity: 0,
      })),
    };
    state.returns.set(entry.id, entry);
    order.returnIds.push(entry.id);
    touch(order);
    const topic = status === 'REQUESTED' ? 'returns/request' : 'returns/approve';
    emit(topic, restReturnPayload(entry, order, topic));
    return { return: returnView(entry), userErrors: [] };
  }

  function transition(
    id: string,
    from: readonly EmulatedReturn['status'][],
    apply: (entry: EmulatedReturn) => void,
    topic: string,
  ) {
    const entry = state.returns.get(id);
    if (!entry)
      return { return: null, userErrors: [{ field: ['id'], message: 'Return does not exist', code: 'NOT_FOUND' }] };
    if (!from.includes(entry.status)) {
      return {
        return: null,
        userErrors: [{ field: ['id'], message: `Return is ${entry.status.toLowerCase()}`, code: 'INVALID_STATE' }],
      };
    }
    apply(entry);
    const order = state.orders.get(entry.orderId);
    if (order) {
      touch(order);
      emit(topic, restReturnPayload(entry, order, topic));
    }
    return { return: returnView(entry), userErrors: [] };
  }

  const rootValue = {
    order: ({ id }: { id: string }) => {
      const order = state.orders.get(id);
      return order ? orderView(order) : null;
    },
    orders: (args: PageArguments & { query?: string; sortKey?: string }, context: RequestContext) =>
      paginate(orderList(args.query, args.sortKey, null), args, context, orderView, orderSortKey(args.sortKey)),
    customer: ({ id }: { id: string }) => {
      const customer = state.customers.get(id);
      return customer ? customerView(customer) : null;
    },
    customers: (args: PageArguments & { sortKey?: string }, context: RequestContext) =>
      paginate(
        [...state.customers.values()].sort((a, b) => a.legacyId - b.legacyId),
        args,
        context,
        customerView,
      ),
    return: ({ id }: { id: string }) => {
      const entry = state.returns.get(id);
      return entry ? returnView(entry) : null;
    },
    bulkOperation: ({ id }: { id: string }) => {
      const operation = bulkOperations.get(id);
      return operation ? bulkView(operation) : null;
    },
    node: ({ id }: { id: string }) => nodeById(id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeById(id)),

    refundCreate: (
      { input }: { input: Parameters<typeof applyRefund>[1] & { orderId: string } },
      _context: RequestContext,
      info: GraphQLResolveInfo,
    ) => {
      const key = directiveKey(info, 'idempotent');
      if (key === null) {
        throw new GraphQLError('The @idempotent directive with a key is required for refundCreate.', {
          extensions: { code: 'BAD_REQUEST' },
        });
      }
      const fingerprint = JSON.stringify(input);
      const previous = state.refundKeys.get(key);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new GraphQLError('The idempotency key was already used with a different request.', {
            extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
          });
        }
        const order = state.orders.get(previous.orderId);
        const refund = order?.refunds.find((entry) => entry.id === previous.refundId);
        return {
          refund: order && refund ? refundView(order, refund) : null,
          order: order ? orderView(order) : null,
          userErrors: [],
        };
      }
      const order = state.orders.get(input.orderId);
      if (!order)
        return { refund: null, order: null, userErrors: [{ field: ['orderId'], message: 'Order does not exist' }] };
      const { refund, userErrors } = applyRefund(order, input, [], null);
      if (!refund) return { refund: null, order: orderView(order), userErrors };
      state.refundKeys.set(key, { fingerprint, refundId: refund.id, orderId: order.id });
      emit('refunds/create', restRefundPayload(refund, order));
      return { refund: refundView(order, refund), order: orderView(order), userErrors: [] };
    },
    returnRequest: ({ input }: { input: Parameters<typeof openReturn>[0] }) => openReturn(input, 'REQUESTED'),
    returnCreate: ({ returnInput }: { returnInput: Parameters<typeof openReturn>[0] }) =>
      openReturn(returnInput, 'OPEN'),
    returnApproveRequest: ({ input }: { input: { id: string } }) =>
      transition(
        input.id,
        ['REQUESTED'],
        (entry) => {
          entry.status = 'OPEN';
        },
        'returns/approve',
      ),
    returnDeclineRequest: ({ input }: { input: { id: string; declineReason: string; declineNote?: string | null } }) =>
      transition(
        input.id,
        ['REQUESTED'],
        (entry) => {
          entry.status = 'DECLINED';
          entry.decline = { reason: input.declineReason, note: input.declineNote ?? null };
        },
        'returns/decline',
      ),
    returnCancel: ({ id }: { id: string }) => {
      const entry = state.returns.get(id);
      if (entry && [...entry.lines, ...entry.exchangeLines].some((line) => line.processedQuantity > 0)) {
        return {
          return: null,
          userErrors: [
            { field: ['id'], message: 'A return with processed items cannot be canceled', code: 'INVALID_STATE' },
          ],
        };
      }
      return transition(
        id,
        ['REQUESTED', 'OPEN'],
        (target) => {
          target.status = 'CANCELED';
        },
        'returns/cancel',
      );
    },
    returnClose: ({ id }: { id: string }) =>
      transition(
        id,
        ['OPEN'],
        (entry) => {
          entry.status = 'CLOSED';
          entry.closedAt = iso();
        },
        'returns/close',
      ),
    returnProcess: ({
      input,
    }: {
      input: {
        returnId: string;
        returnLineItems?: { id: string; quantity: number }[] | null;
        exchangeLineItems?: { id: string; quantity: number }[] | null;
        refundShipping?: { fullRefund?: boolean | null; shippingRefundAmount?: { amount: string } | null } | null;
        financialTransfer?: {
          issueRefund?: { orderTransactions: { parentId: string; transactionAmount: { amount: string } }[] } | null;
        } | null;
        note?: string | null;
      };
    }) => {
      const entry = state.returns.get(input.returnId);
      if (!entry)
        return {
          return: null,
          userErrors: [{ field: ['input', 'returnId'], message: 'Return does not exist', code: 'NOT_FOUND' }],
        };
      const order = state.orders.get(entry.orderId);
      if (!order)
        return {
          return: null,
          userErrors: [{ field: ['input', 'returnId'], message: 'Order does not exist', code: 'NOT_FOUND' }],
        };
      if (entry.status !== 'OPEN') {
        return {
          return: null,
          userErrors: [
            { field: ['input', 'returnId'], message: `Return is ${entry.status.toLowerCase()}`, code: 'INVALID_STATE' },
          ],
        };
      }
      const userErrors: UserError[] = [];
      const refundLines: { lineItemId: string; quantity: number; restockType: string }[] = [];
      (input.returnLineItems ?? []).forEach((item, index) => {
        const line = entry.lines.find((candidate) => candidate.id === item.id);
        if (!line || item.quantity < 1 || item.quantity > line.quantity - line.processedQuantity) {
          userErrors.push({
            field: ['input', 'returnLineItems', String(index), 'quantity'],
            message: 'Quantity exceeds the unprocessed quantity',
            code: 'INVALID',
          });
          return;
        }
        refundLines.push({ lineItemId: line.lineItemId, quantity: item.quantity, restockType: 'RETURN' });
      });
      (input.exchangeLineItems ?? []).forEach((item, index) => {
        const line = entry.exchangeLines.find((candidate) => candidate.id === item.id);
        if (!line || item.quantity < 1 || item.quantity > line.quantity - line.processedQuantity) {
          userErrors.push({
            field: ['input', 'exchangeLineItems', String(index), 'quantity'],
            message: 'Quantity exceeds the unprocessed quantity',
            code: 'INVALID',
          });
        }
      });
      if (userErrors.length > 0) return { return: null, userErrors };
      // What came back is worth what refunding it would give, taken before this processing refunds it.
      let returnedValue = 0;
      for (const item of input.returnLineItems ?? []) {
        const line = entry.lines.find((candidate) => candidate.id === item.id);
        const orderLine = order.lines.find((candidate) => candidate.id === line?.lineItemId);
        if (!orderLine) continue;
        const value = state.lineRefund(order, orderLine, item.quantity);
        returnedValue += value.subtotal + value.tax;
      }
      const transactions = input.financialTransfer?.issueRefund?.orderTransactions ?? [];
      let refunded: EmulatedRefund | null = null;
      if (transactions.length > 0 || input.refundShipping) {
        const { refund, userErrors: refundErrors } = applyRefund(
          order,
          {
            note: input.note ?? null,
            refundLineItems: refundLines,
            shipping: input.refundShipping
              ? {
                  fullRefund: input.refundShipping.fullRefund ?? null,
                  amount: input.refundShipping.shippingRefundAmount?.amount ?? null,
                }
              : null,
            transactions: transactions.map((transaction) => ({
              amount: transaction.transactionAmount.amount,
              gateway:
                order.transactions.find((candidate) => candidate.id === transaction.parentId)?.gateway ?? 'manual',
              kind: 'REFUND',
              orderId: order.id,
              parentId: transaction.parentId,
            })),
          },
          ['input'],
          entry.id,
        );
        if (refundErrors.length > 0) return { return: null, userErrors: refundErrors };
        refunded = refund;
      }
      // An exchange adds the new items to what the customer owes and takes off what came back.
      if ((input.exchangeLineItems ?? []).length > 0) {
        let balance = (refunded?.total ?? 0) - returnedValue;
        for (const item of input.exchangeLineItems ?? []) {
          const line = entry.exchangeLines.find((candidate) => candidate.id === item.id);
          const variant = line?.variantId ? state.variants.get(line.variantId) : undefined;
          if (!variant) continue;
          const goods = variant.price * item.quantity;
          const sameVariant = order.lines.find((candidate) => candidate.variantId === variant.id);
          const rate = (sameVariant?.taxLines ?? []).reduce((total, tax) => total + tax.rate, 0);
          balance += order.taxesIncluded ? goods : goods + Math.round(goods * rate);
        }
        order.exchangeBalance += balance;
      }
      for (const item of input.returnLineItems ?? []) {
        const line = entry.lines.find((candidate) => candidate.id === item.id);
        if (line) line.processedQuantity += item.quantity;
      }
      for (const item of input.exchangeLineItems ?? []) {
        const line = entry.exchangeLines.find((candidate) => candidate.id === item.id);
        if (line) line.processedQuantity = Math.min(line.quantity, line.processedQuantity + item.quantity);
      }
      const done =
        entry.lines.every((line) => line.processedQuantity >= line.quantity) &&
        entry.exchangeLines.every((line) => line.processedQuantity >= line.quantity);
      if (done) {
        entry.status = 'CLOSED';
        entry.closedAt = iso();
      }
      touch(order);
      if (refunded) emit('refunds/create', restRefundPayload(refunded, order));
      emit('returns/process', {});
      return { return: returnView(entry), userErrors: [] };
    },
    storeCreditAccountCredit: ({
      id,
      creditInput,
    }: {
      id: string;
      creditInput: { creditAmount: { amount: string; currencyCode: string }; expiresAt?: string | null };
    }) => {
      const failure = (field: string[], message: string, code: string) => ({
        storeCreditAccountTransaction: null,
        userErrors: [{ field, message, code }],
      });
      const currency = creditInput.creditAmount.currencyCode;
      let owner: EmulatedCustomer | undefined;
      let account: EmulatedStoreCreditAccount | undefined;
      if (/^gid:\/\/shopify\/Customer\//.test(id)) {
        owner = state.customers.get(id);
        if (!owner) return failure(['id'], 'Owner does not exist', 'OWNER_NOT_FOUND');
      } else {
        for (const customer of state.customers.values()) {
          const found = customer.storeCreditAccounts.find((entry) => entry.id === id);
          if (found) {
            owner = customer;
            account = found;
          }
        }
        if (!owner || !account) return failure(['id'], 'Store credit account does not exist', 'ACCOUNT_NOT_FOUND');
        if (account.currency !== currency)
          return failure(
            ['creditInput', 'creditAmount', 'currencyCode'],
            'The currency does not match the account',
            'MISMATCHING_CURRENCY',
          );
      }
      let value: number;
      try {
        value = minorUnits(creditInput.creditAmount.amount, currency);
      } catch {
        return failure(['creditInput', 'creditAmount', 'amount'], 'Amount is not valid', 'NEGATIVE_OR_ZERO_AMOUNT');
      }
      if (value <= 0)
        return failure(
          ['creditInput', 'creditAmount', 'amount'],
          'Amount must be greater than zero',
          'NEGATIVE_OR_ZERO_AMOUNT',
        );
      if (creditInput.expiresAt && Date.parse(creditInput.expiresAt) <= clock.now())
        return failure(['creditInput', 'expiresAt'], 'Expiry date must be in the future', 'EXPIRES_AT_IN_PAST');
      const target = account ?? state.storeCreditAccount(owner, currency);
      const transaction = state.creditStoreCredit(target, {
        amount: value,
        createdAt: iso(),
        expiresAt: creditInput.expiresAt ?? null,
        event: 'ADJUSTMENT',
        origin: null,
      });
      return { storeCreditAccountTransaction: storeCreditTransactionView(owner, target, transaction), userErrors: [] };
    },
    orderCancel: (args: {
      orderId: string;
      reason: string;
      restock: boolean;
      notifyCustomer?: boolean | null;
      refundMethod?: { originalPaymentMethodsRefund?: boolean | null } | null;
      staffNote?: string | null;
    }) => {
      const failure = (field: string[], message: string, code: string) => ({
        job: null,
        orderCancelUserErrors: [{ field, message, code }],
      });
      const order = state.orders.get(args.orderId);
      if (!order) return failure(['orderId'], 'Order does not exist', 'NOT_FOUND');
      if (order.cancelledAt !== null || cancelJobs.some((job) => job.orderId === order.id && !job.done))
        return failure(['orderId'], 'Order has already been cancelled', 'INVALID');
      const fulfilled = order.fulfillments.some(
        (fulfillment) => fulfillment.status !== 'CANCELLED' && fulfillment.lines.some((line) => line.quantity > 0),
      );
      if (fulfilled) return failure(['orderId'], 'Cannot cancel an order with fulfilled line items', 'INVALID');
      const job = {
        id: state.ids.next('Job').gid,
        orderId: order.id,
        completesAt: clock.now() + (options.orderCancelDurationMs ?? 0),
        done: false,
        reason: args.reason,
        restock: args.restock,
        refund: args.refundMethod?.originalPaymentMethodsRefund ?? false,
      };
      cancelJobs.push(job);
      return { job: { id: job.id, done: false }, orderCancelUserErrors: [] };
    },
    bulkOperationRunQuery: ({ query, groupObjects }: { query: string; groupObjects: boolean }) => {
      for (const operation of bulkOperations.values()) {
        advanceBulk(operation);
        if (operation.status === 'CREATED' || operation.status === 'RUNNING') {
          return {
            bulkOperation: null,
            userErrors: [
              {
                field: null,
                message: 'A bulk query operation for this app and shop is already in progress',
                code: 'OPERATION_IN_PROGRESS',
              },
            ],
          };
        }
      }
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: String(error), code: 'INVALID' }] };
      }
      const errors = validate(schema, document);
      if (errors.length > 0) {
        return {
          bulkOperation: null,
          userErrors: [{ field: ['query'], message: errors.map((error) => error.message).join('; '), code: 'INVALID' }],
        };
      }
      const { gid, legacyId } = state.ids.next('BulkOperation');
      const operation = {
        id: gid,
        legacyId,
        query,
        groupObjects,
        status: 'CREATED',
        createdAt: iso(),
        completesAt: clock.now() + (options.bulkDurationMs ?? 0),
        completedAt: null,
        jsonl: null,
        objectCount: 0,
        rootObjectCount: 0,
        errorCode: null,
      };
      bulkOperations.set(gid, operation);
      return {
        bulkOperation: {
          __typename: 'BulkOperation',
          id: gid,
          status: 'CREATED',
          query,
          type: 'QUERY',
          createdAt: operation.createdAt,
        },
        userErrors: [],
      };
    },
  };

  // ── HTTP ────────────────────────────────────────────────────────────────────────────────────

  function takeFault(operationName: string | null): ShopifyEmulatorFault | undefined {
    const index = faults.findIndex((fault) => fault.operation === undefined || fault.operation === operationName);
    if (index < 0) return undefined;
    return faults.splice(index, 1)[0];
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(text);
  }

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const bulkMatch = /^\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (request.method === 'GET' && bulkMatch) {
      const operation = [...bulkOperations.values()].find((entry) => String(entry.legacyId) === bulkMatch[1]);
      if (!operation?.jsonl) {
        send(response, 404, { errors: 'Not Found' });
        return;
      }
      response.writeHead(200, { 'content-type': 'application/jsonl' });
      response.end(operation.jsonl);
      return;
    }
    if (request.method !== 'POST' || url.pathname !== `/admin/api/${apiVersion}/graphql.json`) {
      send(response, 404, { errors: 'Not Found' });
      return;
    }
    const raw = await readBody(request);
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string | null };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      send(response, 400, { errors: 'Bad Request: body is not JSON' });
      return;
    }
    const query = body.query ?? '';
    const variables = body.variables ?? {};
    let document: DocumentNode | null = parsedDocuments.get(query) ?? null;
    if (!document) {
      try {
        document = parse(query);
      } catch {
        document = null;
      }
    }
    const operation = document?.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const operationName = body.operationName ?? operation?.name?.value ?? null;
    const record: RecordedDocument = { query, variables, operationName, status: 200, throttled: false };
    documents.push(record);
    if (request.headers['x-shopify-access-token'] !== accessToken) {
      record.status = 401;
      send(response, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    const fault = takeFault(operationName);
    if (fault?.kind === 'connection-reset') {
      record.status = 0;
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'http-error') {
      record.status = fault.status;
      send(
        response,
        fault.status,
        { errors: fault.status === 429 ? 'Exceeded 2 calls per second for api client.' : 'Internal Server Error' },
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (!document) {
      send(response, 200, {
        errors: [{ message: 'Parse error: the document is not valid GraphQL', extensions: { code: 'PARSE_ERROR' } }],
      });
      return;
    }
    const validationErrors = parsedDocuments.has(query) ? [] : validate(schema, document);
    if (validationErrors.length === 0) parsedDocuments.set(query, document);
    if (validationErrors.length > 0) {
      send(response, 200, {
        errors: validationErrors.map((error) => ({ message: error.message, locations: error.locations })),
      });
      return;
    }
    const requested = calculateQueryCost(schema, document, { variables, operationName });
    if (requested > maxQueryCost) {
      send(response, 200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxQueryCost },
          },
        ],
      });
      return;
    }
    const available = refill();
    if (fault?.kind === 'throttled' || available < requested) {
      record.throttled = true;
      send(response, 200, {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() },
        },
      });
      return;
    }
    if (bucket) bucket.available -= requested;
    settleCancelJobs();
    const result = (await execute({
      schema,
      document,
      rootValue,
      variableValues: variables,
      operationName,
      contextValue: { bulk: false, now: iso() } satisfies RequestContext,
    })) as { data?: unknown; errors?: readonly GraphQLError[] };
    const actual =
      operation?.operation === 'mutation'
        ? requested
        : calculateQueryCost(schema, document, { variables, operationName, data: result.data });
    if (bucket)
      bucket.available = Math.min(bucketSettings?.maximumAvailable ?? 0, bucket.available + (requested - actual));
    if (fault?.kind === 'reset-after-write') {
      record.status = 0;
      request.socket.destroy();
      return;
    }
    send(response, 200, {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(result.errors?.length ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
      extensions: {
        cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() },
      },
    });
  }

  const inFlightRequests = new Set<Promise<void>>();
  const server: Server = createServer((request, response) => {
    const pending: Promise<void> = handle(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { errors: `Emulator error: ${String(error)}` });
      })
      .finally(() => inFlightRequests.delete(pending));
    inFlightRequests.add(pending);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const emulatorFetch: typeof globalThis.fetch = (input, init) => {
    const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const rewritten = target.replace(/^https?:\/\/[^/]+/, (origin) =>
      origin.endsWith(`//${shop}`) ? baseUrl : origin,
    );
    if (typeof input === 'string' || input instanceof URL) return fetch(rewritten, init);
    return fetch(new Request(rewritten, input), init);
  };

  return {
    url: baseUrl,
    shop,
    accessToken,
    apiVersion,
    webhookSecret,
    fetch: emulatorFetch,
    documents,
    state,
    seedCustomers: (customers) => customers.map((customer) => state.seedCustomer(customer)),
    seedOrders: (orders, seedOptions) =>
      orders.map((order, index) => state.seedOrder(order, seedOptions?.(order, index))),
    injectFault: (...list) => {
      faults.push(...list);
    },
    pendingFaults: () => faults.length,
    subscribeWebhooks: (subscription) => {
      subscriptions.push(subscription);
    },
    sendWebhook,
    flushRequests: async () => {
      while (inFlightRequests.size > 0) await Promise.all([...inFlightRequests]);
    },
    flushWebhooks: async () => {
      while (inFlightWebhooks.size > 0) await Promise.all([...inFlightWebhooks]);
    },
    webhookDeliveries: deliveries,
    skewSuggestedRefund: (orderId, amount) => {
      const order = state.orders.get(orderId);
      if (!order) throw new Error(`No order ${orderId} in the emulator`);
      order.suggestedRefundSkew = amount;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
