// @aftersale/shopify: the Shopify adapter on @shopify/shopify-api (Admin GraphQL 2026-10).

export { type Clock, systemClock } from './clock.js';
export {
  CostThrottle,
  shopifyPlanBudgets,
  singleQueryMaximumCost,
  type ThrottleBudget,
  type ThrottleStatus,
} from './cost-throttle.js';
export { createShopifyAdapter, type ShopifyAdapter, shopifyCapabilities } from './create-shopify-adapter.js';
export {
  type MapShopifyOrderOptions,
  type MoneySide,
  mapShopifyCustomer,
  mapShopifyOrder,
  mapShopifyRefund,
  moneyFromBag,
} from './map-shopify-order.js';
export {
  parseShopifyComplianceWebhook,
  parseShopifyCustomerWebhook,
  parseShopifyOrderWebhook,
  parseShopifyRefundWebhook,
  parseShopifyReturnWebhook,
  restOrderToGraphql,
  type ShopifyComplianceFacts,
  type ShopifyReturnWebhookFacts,
} from './map-shopify-webhook-payload.js';
export {
  type ResolvedShopifySettings,
  resolveShopifySettings,
  type ShopifyAdapterSettings,
  shopifyApiVersion,
} from './shopify-adapter-settings.js';
export { readLines } from './shopify-bulk-import.js';
export {
  parseRetryAfter,
  type RetryPolicy,
  type ShopifyClientStats,
} from './shopify-graphql-client.js';
export { fingerprintPlan, refundMarker, validateRefundPlan } from './shopify-refunds.js';
export { mapShopifyReturn } from './shopify-returns.js';
export {
  createShopifyNodeWebhookHandler,
  createShopifyWebhookHandler,
  type ProcessShopifyWebhooksOptions,
  processShopifyWebhooks,
  receiveShopifyWebhook,
  type ShopifyWebhookHandlerSettings,
  type ShopifyWebhookHooks,
  type WebhookReceipt,
} from './shopify-webhook-handlers.js';
export { readHeader, type VerifyShopifyWebhookInput, verifyShopifyWebhook } from './verify-shopify-webhook.js';
