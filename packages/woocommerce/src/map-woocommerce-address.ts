import type { Address } from '@aftersale/core';

/** An ISO 3166-1 alpha-2 code in capitals. */
const countryCodePattern = /^[A-Z]{2}$/;

const blank = (value: string | null | undefined): string | null => (value === undefined || value === '' ? null : value);

/** Maps a WooCommerce billing or shipping address to core's `Address` (empty strings become null). */
export function mapWooCommerceAddress(address: {
  first_name?: string | null | undefined;
  last_name?: string | null | undefined;
  company?: string | null | undefined;
  address_1?: string | null | undefined;
  address_2?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  postcode?: string | null | undefined;
  country?: string | null | undefined;
  phone?: string | null | undefined;
}): Address {
  const country = blank(address.country)?.toUpperCase() ?? null;
  return {
    firstName: blank(address.first_name),
    lastName: blank(address.last_name),
    company: blank(address.company),
    line1: blank(address.address_1),
    line2: blank(address.address_2),
    city: blank(address.city),
    province: blank(address.state),
    provinceCode: blank(address.state),
    postalCode: blank(address.postcode),
    countryCode: country !== null && countryCodePattern.test(country) ? country : null,
    phone: blank(address.phone),
  };
}
