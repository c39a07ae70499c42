import { AftersaleError, type Customer, type Order, type ProductFacts } from '@aftersale/core';
import { z } from 'zod';
import { type MoneySide, mapShopifyCustomer, mapShopifyOrder } from './map-shopify-order.js';
import { parseResponse } from './parse-response.js';
import {
  customerQuery,
  customersQuery,
  fulfillmentLinesPerOrder,
  fulfillmentsPerOrder,
  orderFulfillmentDetailsQuery,
  orderLineItemsQuery,
  orderQuery,
  orderRefundDetailsQuery,
  ordersFulfillmentsQuery,
  ordersQuery,
  productFactsQuery,
  transactionsPerOrder,
} from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import {
  connectionPage,
  customerSchema,
  fulfillmentSchema,
  lineItemConnectionSchema,
  orderSchema,
  productFactsNodeSchema,
  refundSchema,
  type ShopifyOrder,
  transactionSchema,
} from './shopify-graphql-types.js';

const productBatch = 50;
const fulfillmentBatch = 20;

function isMaxCostExceeded(error: unknown): boolean {
  if (!AftersaleError.hasCode(error, 'platform_rejected')) return false;
  const errors = error.details.graphqlErrors as { code?: string | null }[] | undefined;
  return errors?.some((entry) => entry.code === 'MAX_COST_EXCEEDED') ?? false;
}

/** What a bulk export could only name, to be read afterwards. */
export interface BulkDetails {
  fulfilled: ReadonlySet<string>;
  refunded: ReadonlySet<string>;
}

/**
 * Reads orders and customers: cursor pagination behind async iterators, line items beyond the first
 * page completed per order, and product facts (tags, type, vendor, collections) read once per product
 * and kept, so order pages stay cheap in query cost.
 */
export class ShopifyReader {
  readonly #client: ShopifyGraphqlClient;
  readonly #money: MoneySide;
  readonly #products = new Map<string, ProductFacts>();

  constructor(client: ShopifyGraphqlClient, money: MoneySide) {
    this.#client = client;
    this.#money = money;
  }

  async getOrder(id: string, signal?: AbortSignal): Promise<Order | null> {
    const data = parseResponse(
      z.object({ order: orderSchema.nullable() }),
      await this.#client.request(orderQuery, { id }, { operation: 'order', signal }),
      'order',
    );
    if (!data.order) return null;
    const [order] = await this.normalize([data.order], signal);
    return order ?? null;
  }

  async *listOrders(
    search: { query: string | null; sortKey: 'UPDATED_AT' | 'CREATED_AT' },
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<Order> {
    let after: string | null = null;
    let first = pageSize;
    for (;;) {
      let raw: unknown;
      try {
        raw = await this.#client.request(
          ordersQuery,
          { first, after, query: search.query, sortKey: search.sortKey },
          { operation: `orders:${first}`, signal, expectedCost: 230 * first },
        );
      } catch (error) {
        // Shopify's costs change between versions: a page over the single-query limit is halved.
        if (first > 1 && isMaxCostExceeded(error)) {
          first = Math.max(1, Math.floor(first / 2));
          continue;
        }
        throw error;
      }
      const data = parseResponse(z.object({ orders: connectionPage(orderSchema) }), raw, 'orders');
      for (const order of await this.normalize(data.orders.nodes, signal)) yield order;
      if (!data.orders.pageInfo.hasNextPage || !data.orders.pageInfo.endCursor) return;
      after = data.orders.pageInfo.endCursor;
    }
  }

  async getCustomer(id: string, signal?: AbortSignal): Promise<Customer | null> {
    const data = parseResponse(
      z.object({ customer: customerSchema.nullable() }),
      await this.#client.request(customerQuery, { id }, { operation: 'customer', signal }),
      'customer',
    );
    return data.customer ? mapShopifyCustomer(data.customer) : null;
  }

  async *listCustomers(pageSize: number, signal?: AbortSignal): AsyncGenerator<Customer> {
    let after: string | null = null;
    for (;;) {
      const raw: unknown = await this.#client.request(
        customersQuery,
        { first: pageSize, after },
        { operation: `customers:${pageSize}`, signal, expectedCost: 10 * pageSize },
      );
      const data = parseResponse(z.object({ customers: connectionPage(customerSchema) }), raw, 'customers');
      for (const customer of data.customers.nodes) yield mapShopifyCustomer(customer);
      if (!data.customers.pageInfo.hasNextPage || !data.customers.pageInfo.endCursor) return;
      after = data.customers.pageInfo.endCursor;
    }
  }

  /**
   * Completes what a page could not hold (line items beyond the first page, refunds with their lines,
   * fulfilments and transactions of an order at a list limit), reads missing product facts, and
   * normalizes. `bulkFulfillments` names orders whose fulfilments a bulk export could only name.
   */
  async normalize(orders: readonly ShopifyOrder[], signal?: AbortSignal, bulk?: BulkDetails): Promise<Order[]> {
    const complete: ShopifyOrder[] = [];
    for (const order of orders) {
      let lineItems = order.lineItems;
      while (lineItems.pageInfo?.hasNextPage && lineItems.pageInfo.endCursor) {
        const data = parseResponse(
          z.object({ order: z.object({ lineItems: lineItemConnectionSchema }).nullable() }),
          await this.#client.request(
            orderLineItemsQuery,
            { id: order.id, after: lineItems.pageInfo.endCursor },
            { operation: 'orderLineItems', signal },
          ),
          'orderLineItems',
        );
        if (!data.order) break;
        lineItems = {
          pageInfo: data.order.lineItems.pageInfo,
          nodes: [...lineItems.nodes, ...data.order.lineItems.nodes],
        };
      }
      complete.push({ ...order, lineItems });
    }
    if (bulk)
      await this.#bulkFulfillments(
        complete.filter((order) => bulk.fulfilled.has(order.id)),
        signal,
      );
    for (const order of complete) {
      const truncated =
        order.fulfillments.length >= fulfillmentsPerOrder ||
        order.transactions.length >= transactionsPerOrder ||
        order.fulfillments.some((entry) => entry.fulfillmentLineItems.nodes.length >= fulfillmentLinesPerOrder);
      if (truncated) {
        const data = parseResponse(
          z.object({
            order: z
              .object({ fulfillments: z.array(fulfillmentSchema), transactions: z.array(transactionSchema) })
              .nullable(),
          }),
          await this.#client.request(
            orderFulfillmentDetailsQuery,
            { id: order.id },
            { operation: 'orderFulfillmentDetails', signal },
          ),
          'orderFulfillmentDetails',
        );
        if (data.order) {
          order.fulfillments = data.order.fulfillments;
          order.transactions = data.order.transactions;
        }
      }
      if (order.refunds.length > 0 || bulk?.refunded.has(order.id)) {
        const data = parseResponse(
          z.object({ order: z.object({ refunds: z.array(refundSchema) }).nullable() }),
          await this.#client.request(
            orderRefundDetailsQuery,
            { id: order.id },
            { operation: 'orderRefundDetails', signal },
          ),
          'orderRefundDetails',
        );
        order.refunds = data.order?.refunds ?? [];
      }
    }
    await this.loadProducts(
      complete.flatMap((order) => order.lineItems.nodes.map((line) => line.product?.id ?? null)),
      signal,
    );
    return complete.map((order) => mapShopifyOrder(order, { money: this.#money, products: this.#products }));
  }

  async #bulkFulfillments(orders: ShopifyOrder[], signal?: AbortSignal): Promise<void> {
    for (let start = 0; start < orders.length; start += fulfillmentBatch) {
      const batch = orders.slice(start, start + fulfillmentBatch);
      const data = parseResponse(
        z.object({ nodes: z.array(z.object({ id: z.string(), fulfillments: z.array(fulfillmentSchema) }).nullable()) }),
        await this.#client.request(
          ordersFulfillmentsQuery,
          { ids: batch.map((order) => order.id) },
          { operation: `ordersFulfillments:${batch.length}`, signal },
        ),
        'ordersFulfillments',
      );
      const byId = new Map(data.nodes.flatMap((node) => (node ? [[node.id, node.fulfillments] as const] : [])));
      for (const order of batch) order.fulfillments = byId.get(order.id) ?? [];
    }
  }

  async loadProducts(ids: readonly (string | null)[], signal?: AbortSignal): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is string => id !== null && !this.#products.has(id)))];
    for (let start = 0; start < missing.length; start += productBatch) {
      const batch = missing.slice(start, start + productBatch);
      const data = parseResponse(
        z.object({ nodes: z.array(productFactsNodeSchema.nullable()) }),
        await this.#client.request(
          productFactsQuery,
          { ids: batch },
          { operation: `productFacts:${batch.length}`, signal },
        ),
        'productFacts',
      );
      for (const node of data.nodes) {
        if (!node) continue;
        this.#products.set(node.id, {
          tags: node.tags,
          type: node.productType || null,
          vendor: node.vendor || null,
          categories: node.collections.nodes.map((collection) => collection.handle),
        });
      }
      for (const id of batch) if (!this.#products.has(id)) this.#products.set(id, { tags: [], categories: [] });
    }
  }
}
