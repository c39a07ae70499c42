import {
  type AdapterCapability,
  AftersaleError,
  type BulkImportOptions,
  type CommerceAdapter,
  type Order,
  silentLogger,
} from '@aftersale/core';
import { type Clock, systemClock } from './clock.js';
import { resolveShopifySettings, type ShopifyAdapterSettings } from './shopify-adapter-settings.js';
import { bulkImportOrders } from './shopify-bulk-import.js';
import { createShopifyCancellations } from './shopify-cancellations.js';
import { createShopifyExchanges } from './shopify-exchanges.js';
import { type ShopifyClientStats, ShopifyGraphqlClient } from './shopify-graphql-client.js';
import type { LedgerContext } from './shopify-ledger.js';
import { ShopifyReader } from './shopify-reader.js';
import { ShopifyRefunds } from './shopify-refunds.js';
import { createShopifyReturns } from './shopify-returns.js';
import { createShopifyStoreCredit } from './shopify-store-credit.js';
import { parseShopifyWebhookEvent } from './shopify-webhook-events.js';
import { verifyShopifyWebhook } from './verify-shopify-webhook.js';

/** The Shopify adapter: core's commerce adapter spec, plus the client's counters. */
export interface ShopifyAdapter extends CommerceAdapter {
  readonly platform: 'shopify';
  readonly returns: NonNullable<CommerceAdapter['returns']>;
  /** Refunds to store credit (`refundCreate` with a store-credit refund method) and bonuses (`storeCreditAccountCredit`). */
  readonly storeCredit: NonNullable<CommerceAdapter['storeCredit']>;
  /** Exchanges: a return with exchange line items, processed with the difference settled. */
  readonly exchanges: NonNullable<CommerceAdapter['exchanges']>;
  /** Cancels an unshipped order with `orderCancel` and waits for Shopify's cancel job. */
  cancelOrder: NonNullable<CommerceAdapter['cancelOrder']>;
  bulkImportOrders(options?: BulkImportOptions): AsyncIterable<Order>;
  verifyWebhook: NonNullable<CommerceAdapter['verifyWebhook']>;
  parseWebhook: NonNullable<CommerceAdapter['parseWebhook']>;
  /** What the GraphQL client did so far (requests, throttled answers, retries, cost spent). */
  readonly stats: Readonly<ShopifyClientStats>;
  /** The bucket the adapter believes Shopify has now. */
  throttleState(): { available: number; maximumAvailable: number; restoreRate: number };
}

/**
 * Shopify has return objects, exchanges, store credit, cancellations, its own refund suggestion,
 * idempotent refunds, bulk exports and signed webhooks. It has no `order_notes`: its returns and
 * refunds carry the story.
 */
export const shopifyCapabilities: ReadonlySet<AdapterCapability> = new Set<AdapterCapability>([
  'returns',
  'exchanges',
  'store_credit',
  'cancellations',
  'bulk_import',
  'suggested_refund',
  'idempotent_refunds',
  'webhooks',
]);

/** Numeric part of a GID, for Shopify's search syntax (`customer_id:123`). */
const legacyId = (gid: string): string => gid.split('/').pop() ?? gid;

/**
 * Makes the Shopify adapter on `@shopify/shopify-api`'s Admin GraphQL client, pinned to 2026-10.
 * Settings are validated once; every problem is reported together.
 *
 * @example
 * ```ts
 * const adapter = createShopifyAdapter({ shop: 'acme.myshopify.com', accessToken: process.env.SHOPIFY_ACCESS_TOKEN, store });
 * for await (const order of adapter.listOrdersUpdatedSince(new Date('2026-01-01'))) console.log(order.id);
 * ```
 * @throws AftersaleError `invalid_config`
 */
export function createShopifyAdapter(settings: ShopifyAdapterSettings): ShopifyAdapter {
  const resolved = resolveShopifySettings(settings);
  const clock: Clock = settings.clock ?? systemClock;
  const logger = settings.logger ?? silentLogger;
  const client = new ShopifyGraphqlClient({
    shop: resolved.shop,
    accessToken: resolved.accessToken,
    apiVersion: resolved.apiVersion,
    fetch: resolved.fetch,
    clock,
    logger,
    budget: resolved.budget,
    retry: resolved.retry,
    random: settings.random ?? Math.random,
  });
  const reader = new ShopifyReader(client, resolved.money);
  const refunds = new ShopifyRefunds({
    client,
    store: resolved.store,
    shopId: resolved.shop,
    money: resolved.money,
    clock,
    logger,
    staleClaimMs: resolved.staleClaimMs,
    maxAttempts: resolved.retry.maxRetries + 1,
  });
  const ledger: LedgerContext = {
    store: resolved.store,
    shopId: resolved.shop,
    clock,
    logger,
    staleClaimMs: resolved.staleClaimMs,
    maxAttempts: resolved.retry.maxRetries + 1,
  };
  const storeCredit = createShopifyStoreCredit({ client, refunds, ledger });
  const exchanges = createShopifyExchanges({
    client,
    reader,
    ledger,
    money: resolved.money,
    reasonDefinitions: resolved.returnReasonDefinitions,
  });
  const cancelOrder = createShopifyCancellations({
    client,
    reader,
    ledger,
    polling: { intervalMs: resolved.cancelPollIntervalMs, attempts: resolved.cancelPollAttempts },
  });
  const returns = createShopifyReturns({
    client,
    store: resolved.store,
    shopId: resolved.shop,
    reasonDefinitions: resolved.returnReasonDefinitions,
    clock,
    staleClaimMs: resolved.staleClaimMs,
  });
  return {
    specificationVersion: 'v1',
    platform: 'shopify',
    shopId: resolved.shop,
    capabilities: shopifyCapabilities,
    stats: client.stats,
    throttleState: () => ({ available: client.throttle.available(), ...client.throttle.budget }),
    getOrder: (orderId, options) => reader.getOrder(orderId, options?.signal),
    listOrdersUpdatedSince: (since, options) =>
      reader.listOrders(
        { query: `updated_at:>='${since.toISOString()}'`, sortKey: 'UPDATED_AT' },
        options?.pageSize ?? resolved.pageSize,
        options?.signal,
      ),
    listCustomerOrders: (customerId, options) =>
      reader.listOrders(
        { query: `customer_id:${legacyId(customerId)}`, sortKey: 'CREATED_AT' },
        options?.pageSize ?? resolved.pageSize,
        options?.signal,
      ),
    listCustomers: (options) => reader.listCustomers(options?.pageSize ?? 50, options?.signal),
    getCustomer: (customerId, options) => reader.getCustomer(customerId, options?.signal),
    suggestRefund: (request) => refunds.suggest(request),
    createRefund: (plan, options) => refunds.create(plan, options),
    returns,
    storeCredit,
    exchanges,
    cancelOrder,
    bulkImportOrders: (options) =>
      bulkImportOrders(
        { client, reader, fetch: client.fetch, clock, pollIntervalMs: resolved.bulkPollIntervalMs },
        options,
      ),
    verifyWebhook: async (input) => {
      if (resolved.webhookSecret === null) {
        throw new AftersaleError({
          code: 'invalid_config',
          message: 'No webhook secret: pass webhookSecret (the app client secret) or set SHOPIFY_API_SECRET.',
          issues: [{ path: 'webhookSecret', message: 'required to verify webhooks' }],
        });
      }
      return verifyShopifyWebhook({ ...input, secret: resolved.webhookSecret });
    },
    parseWebhook: (delivery, options) =>
      parseShopifyWebhookEvent({ client, reader, returns, money: resolved.money }, delivery, options?.signal),
  };
}
