// @aftersale/woocommerce: the WooCommerce adapter on @woocommerce/woocommerce-rest-api (REST API v3).

export {
  buildWooCommerceRefundRequest,
  checkRefundPlan,
  type WooCommerceRefundRequest,
} from './build-woocommerce-refund-request.js';
export { cancelMetaKey } from './cancel-woocommerce-order.js';
export { type Clock, systemClock } from './clock.js';
// Adapter
export {
  createWooCommerceAdapter,
  type WooCommerceAdapter,
  type WooCommerceAdapterSettings,
  type WooCommerceAdapterStore,
} from './create-woocommerce-adapter.js';
// Exchanges and store credit
export {
  exchangeFeeMetaKey,
  exchangeOfMetaKey,
  exchangeSettledMetaKey,
  returnedValueMetaKey,
} from './create-woocommerce-exchange.js';
// Webhooks
export {
  createWooCommerceWebhookHandler,
  type WooCommerceWebhookHandler,
  type WooCommerceWebhookHandlerSettings,
  type WooCommerceWebhookOutcome,
} from './create-woocommerce-webhook-handler.js';
export { type ExchangeFeeItem, exchangeCreditFeeNet } from './exchange-credit-fee.js';
export {
  buildWooCommerceStoreCreditCoupon,
  checkStoreCreditPlan,
  creditOrderMetaKey,
  type IssueWooCommerceStoreCredit,
  storeCreditCouponCode,
  type WooCommerceStoreCredit,
  type WooCommerceStoreCreditCouponRequest,
} from './issue-woocommerce-store-credit.js';
// Normalisation
export { type MapWooCommerceCustomerOptions, mapWooCommerceCustomer } from './map-woocommerce-customer.js';
export {
  type MapWooCommerceOrderOptions,
  mapWooCommerceOrder,
  parseWooCommerceOrder,
  parseWooCommerceRefund,
} from './map-woocommerce-order.js';
export {
  mapWooCommerceProduct,
  parseWooCommerceProduct,
  type WooCommerceProductFacts,
} from './map-woocommerce-product.js';
export { idempotencyMetaKey, mapWooCommerceRefund, refundIdempotencyKey } from './map-woocommerce-refund.js';
export { shopIdFromUrl } from './shop-id-from-url.js';
export {
  type VerifyWooCommerceWebhookInput,
  verifyWooCommerceWebhook,
  type WooCommerceWebhookDelivery,
  type WooCommerceWebhookPing,
  type WooCommerceWebhookSecret,
  type WooCommerceWebhookVerification,
} from './verify-woocommerce-webhook.js';
export type { RetrySettings, WooCommerceResponse, WooCommerceRestClient } from './woocommerce-http.js';
export {
  type WooCommerceCoupon,
  type WooCommerceCustomer,
  type WooCommerceOrder,
  type WooCommerceOrderWithMeta,
  type WooCommerceProduct,
  type WooCommerceRefund,
  wooCommerceCouponSchema,
  wooCommerceCustomerSchema,
  wooCommerceOrderSchema,
  wooCommerceOrderWithMetaSchema,
  wooCommerceProductSchema,
  wooCommerceRefundSchema,
} from './woocommerce-schemas.js';
