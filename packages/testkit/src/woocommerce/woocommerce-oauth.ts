import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a (and WooCommerce) use it. */
export function oauthPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The OAuth 1.0a signature base string: `METHOD&enc(url)&enc(sorted, encoded params)`, the
 * `oauth_signature` parameter left out. `url` is the exact URL without its query.
 */
export function oauthBaseString(method: string, url: string, params: readonly (readonly [string, string])[]): string {
  const normalized = params
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [oauthPercentEncode(key), oauthPercentEncode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${oauthPercentEncode(url)}&${oauthPercentEncode(normalized)}`;
}

/**
 * Checks a one-legged OAuth 1.0a signature (HMAC-SHA1 or HMAC-SHA256) the way WooCommerce does over
 * plain http: the key is `consumer_secret&`, the base string uses the site's exact URL.
 */
export function verifyOAuthSignature(options: {
  method: string;
  url: string;
  params: readonly (readonly [string, string])[];
  consumerSecret: string;
}): boolean {
  const lookup = (name: string) => options.params.find(([key]) => key === name)?.[1];
  const signature = lookup('oauth_signature');
  const method = lookup('oauth_signature_method');
  if (signature === undefined || (method !== 'HMAC-SHA256' && method !== 'HMAC-SHA1')) return false;
  const algorithm = method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const expected = createHmac(algorithm, `${options.consumerSecret}&`)
    .update(oauthBaseString(options.method, options.url, options.params))
    .digest();
  const given = Buffer.from(signature.replace(/ /g, '+'), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
