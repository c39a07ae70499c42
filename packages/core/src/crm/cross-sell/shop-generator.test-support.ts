import { parseCustomer, parseOrder } from '../../model/parse-order.js';
import type { Customer, Order } from '../../model/schemas.js';

/** The options of testkit's `generateShop` that CRM tests use. */
export interface GeneratedShopOptions {
  seed: number;
  customers: number;
  orders: number;
  platform?: 'shopify' | 'woocommerce';
  guestShare?: number;
}

/**
 * Loads `generateShop` from the testkit's sources. Testkit depends on core, so core cannot depend on
 * it (not even as a devDependency, which would make a build cycle): the module is imported by path at
 * run time, and what it returns is validated with core's own parsers.
 */
export async function loadGenerateShop(): Promise<
  (options: GeneratedShopOptions) => { customers: Customer[]; orders: Order[] }
> {
  const url = new URL('../../../../testkit/src/generator/generate-shop.ts', import.meta.url).href;
  const loaded = (await import(/* @vite-ignore */ url)) as { generateShop?: unknown };
  const generateShop = loaded.generateShop;
  if (typeof generateShop !== 'function') throw new TypeError(`${url} does not export generateShop`);
  return (options) => {
    const shop = generateShop(options) as { customers: unknown[]; orders: unknown[] };
    return { customers: shop.customers.map(parseCustomer), orders: shop.orders.map(parseOrder) };
  };
}
