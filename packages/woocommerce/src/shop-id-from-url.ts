/**
 * The shop id of a WooCommerce site: its home URL without a trailing slash, scheme and host in lower
 * case (`https://shop.example.com`, `http://127.0.0.1:8080/blog`). The adapter's configured `url` and a
 * webhook's `X-WC-Webhook-Source` (which ends in `/`) give the same id.
 */
export function shopIdFromUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${path}`.toLowerCase();
}
