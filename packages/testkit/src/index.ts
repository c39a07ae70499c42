// @aftersale/testkit: conformance suites, platform emulators and shop generators.

// The canonical shop of the adapter conformance suite (the suite itself is at `@aftersale/testkit/vitest`)
export { canonicalCustomers, canonicalOrders } from './adapter-conformance/canonical-orders.js';
// WooCommerce emulator (also at `@aftersale/testkit/emulators`, which needs no vitest)
// Shopify emulator (also at `@aftersale/testkit/emulators`)
export {
  calculateQueryCost,
  createManualClock,
  createShopifyEmulator,
  createWooCommerceEmulator,
  createWooCommerceShop,
  type EmulatedAddress,
  type EmulatedCustomerInput,
  type EmulatedOrderInput,
  type EmulatedProductInput,
  type EmulatedRefundRequest,
  type EmulatedTaxRate,
  type EmulatorClock,
  type ManualClock,
  type OrderSeedOptions,
  phpJsonEncode,
  type RecordedDocument,
  type SeededFromGeneratedShop,
  type SeededOrder,
  type SeedWooCommerceShopOptions,
  type ShopifyEmulator,
  type ShopifyEmulatorFault,
  type ShopifyEmulatorOptions,
  ShopifyEmulatorState,
  seedWooCommerceFromGeneratedShop,
  seedWooCommerceShop,
  shopifyAdminSchemaSdl,
  type WebhookDeliveryRecord,
  type WebhookSubscription,
  type WooCommerceEmulator,
  type WooCommerceEmulatorClock,
  type WooCommerceEmulatorOptions,
  type WooCommerceEmulatorRequest,
  type WooCommerceFault,
  type WooCommerceFaultMatch,
  type WooCommerceShop,
  type WooCommerceShopSettings,
  type WooCommerceWebhookSent,
  type WooJson,
  WooRestError,
} from './emulators.js';
// Realistic shop generator (seeded, deterministic normalized orders and customers)
export { createRandom, type Random } from './generator/create-random.js';
export { type GeneratedShop, type GenerateShopOptions, generateShop } from './generator/generate-shop.js';
export { type CatalogueProduct, catalogue, type Market, markets } from './generator/shop-catalogue.js';
