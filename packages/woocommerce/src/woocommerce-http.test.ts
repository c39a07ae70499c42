import { describe, expect, it } from 'vitest';
import { createRestClient, totalPages } from './woocommerce-http.js';

/** Builds a request with the official client and keeps what it would send, without any network. */
async function requestFor(url: string) {
  let seen: Record<string, unknown> | undefined;
  const client = createRestClient({
    url,
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
    timeoutMs: 1000,
    transport: async (config) => {
      seen = config;
      return { data: '[]', status: 200, statusText: 'OK', headers: {}, config };
    },
  });
  await client.get('orders', { per_page: 100, page: 2 });
  if (seen === undefined) throw new Error('the client sent nothing');
  return seen as { url: string; auth?: unknown; params: Record<string, unknown>; responseType: string };
}

describe('the official client as the adapter makes it', () => {
  it('uses Basic auth over https, with no OAuth parameters', async () => {
    const request = await requestFor('https://shop.example.com');
    expect(request.url).toBe('https://shop.example.com/wp-json/wc/v3/orders');
    expect(request.auth).toEqual({ username: 'ck_test', password: 'cs_test' });
    expect(request.params).toEqual({ per_page: 100, page: 2 });
    // Bodies reach the adapter as text: decimals are never reinterpreted before zod sees them.
    expect(request.responseType).toBe('text');
  });

  it('signs with OAuth 1.0a (HMAC-SHA256, in the query) over plain http, against the exact URL', async () => {
    const request = await requestFor('http://127.0.0.1:8080');
    expect(request.auth).toBeUndefined();
    expect(request.url).toBe('http://127.0.0.1:8080/wp-json/wc/v3/orders?page=2&per_page=100');
    expect(request.params).toMatchObject({
      oauth_consumer_key: 'ck_test',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_version: '1.0',
    });
    expect(typeof request.params.oauth_signature).toBe('string');
    expect(typeof request.params.oauth_nonce).toBe('string');
  });
});

describe('totalPages', () => {
  const response = (headers: Record<string, string>) => ({ status: 200, data: '[]', headers });
  it('reads X-WP-TotalPages, else X-WP-Total over the page size, else one page', () => {
    expect(totalPages(response({ 'x-wp-total': '4', 'x-wp-totalpages': '2' }), 2)).toBe(2);
    expect(totalPages(response({ 'x-wp-total': '450' }), 100)).toBe(5);
    expect(totalPages(response({ 'x-wp-total': '0', 'x-wp-totalpages': '0' }), 100)).toBe(0);
    expect(totalPages(response({}), 100)).toBe(1);
  });
});
