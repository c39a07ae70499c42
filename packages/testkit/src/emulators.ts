// The emulators, without vitest: `@aftersale/testkit/emulators` can be imported by any test runner,
// a script or a benchmark.

// Shopify
export {
  createShopifyEmulator,
  type EmulatorClock,
  type RecordedDocument,
  type ShopifyEmulator,
  type ShopifyEmulatorFault,
  type ShopifyEmulatorOptions,
  type WebhookDeliveryRecord,
  type WebhookSubscription,
} from './shopify/create-shopify-emulator.js';
export { createManualClock, type ManualClock } from './shopify/manual-clock.js';
export { calculateQueryCost } from './shopify/query-cost.js';
export { shopifyAdminSchemaSdl } from './shopify/shopify-admin-schema.js';
export {
  EmulatorState as ShopifyEmulatorState,
  type OrderSeedOptions,
  type SeededOrder,
} from './shopify/shopify-emulator-state.js';

// WooCommerce
export {
  createWooCommerceEmulator,
  type WooCommerceEmulator,
  type WooCommerceEmulatorClock,
  type WooCommerceEmulatorOptions,
  type WooCommerceEmulatorRequest,
  type WooCommerceFault,
  type WooCommerceFaultMatch,
  type WooCommerceWebhookSent,
} from './woocommerce/create-woocommerce-emulator.js';
export { phpJsonEncode } from './woocommerce/php-json-encode.js';
export {
  type SeededFromGeneratedShop,
  seedWooCommerceFromGeneratedShop,
} from './woocommerce/seed-woocommerce-from-generated-shop.js';
export { type SeedWooCommerceShopOptions, seedWooCommerceShop } from './woocommerce/seed-woocommerce-shop.js';
export {
  createWooCommerceShop,
  type EmulatedAddress,
  type EmulatedCustomerInput,
  type EmulatedOrderInput,
  type EmulatedProductInput,
  type EmulatedRefundRequest,
  type EmulatedTaxRate,
  type WooCommerceShop,
  type WooCommerceShopSettings,
  type WooJson,
  WooRestError,
} from './woocommerce/woocommerce-shop.js';
