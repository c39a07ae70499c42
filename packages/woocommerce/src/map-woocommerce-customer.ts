import { aftersaleErrorFromZod, type Customer, parseCustomer } from '@aftersale/core';
import { mapWooCommerceAddress } from './map-woocommerce-address.js';
import { wooCommerceCustomerSchema } from './woocommerce-schemas.js';
import { wooTimestamp } from './woocommerce-values.js';

/** What {@link mapWooCommerceCustomer} may be given beside the customer. */
export interface MapWooCommerceCustomerOptions {
  /** The shop's language (WordPress `WPLANG`, such as `tr-TR`); WooCommerce keeps none per customer. */
  locale?: string | null;
}

/**
 * Maps a WooCommerce customer (`GET /wc/v3/customers/{id}`) to core's `Customer`. The country comes
 * from the billing address, then the shipping address.
 * @throws AftersaleError `invalid_customer` when the payload does not parse.
 */
export function mapWooCommerceCustomer(input: unknown, options: MapWooCommerceCustomerOptions = {}): Customer {
  const parsed = wooCommerceCustomerSchema.safeParse(input);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_customer', subject: 'WooCommerce customer' });
  }
  const customer = parsed.data;
  const billing = customer.billing ? mapWooCommerceAddress(customer.billing) : null;
  const shipping = customer.shipping ? mapWooCommerceAddress(customer.shipping) : null;
  const address = billing?.line1 || billing?.countryCode ? billing : shipping?.line1 ? shipping : null;
  return parseCustomer({
    id: String(customer.id),
    source: { platform: 'woocommerce', id: String(customer.id), name: customer.username ?? null, rawStatus: {} },
    email: customer.email || customer.billing?.email || null,
    phone: billing?.phone ?? shipping?.phone ?? null,
    firstName: customer.first_name || null,
    lastName: customer.last_name || null,
    locale: options.locale ?? null,
    countryCode: billing?.countryCode ?? shipping?.countryCode ?? null,
    tags: customer.role ? [`role:${customer.role}`] : [],
    marketingConsent: {},
    createdAt: wooTimestamp(customer.date_created_gmt, customer.date_created),
    defaultAddress: address,
  });
}
