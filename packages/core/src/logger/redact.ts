/**
 * Redaction of secrets and personal data from log fields. Keys are matched case-insensitively,
 * ignoring `_` and `-` (so `access_token`, `accessToken` and `Access-Token` are one key); strings
 * anywhere are scanned for e-mail addresses and phone numbers, which are masked.
 */

/** Keys whose values are secrets: never logged. */
export const secretKeys: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'apikey',
  'apisecret',
  'apisecretkey',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'consumerkey',
  'consumersecret',
  'clientsecret',
  'privatekey',
  'webhooksecret',
  'hmac',
  'signature',
  'xshopifyhmacsha256',
  'xwcwebhooksignature',
  'xshopifyaccesstoken',
  'sessionid',
  'connectionstring',
  'databaseurl',
];

/** Keys whose values are a person's data: never logged. */
export const personalDataKeys: readonly string[] = [
  'email',
  'emailaddress',
  'phone',
  'phonenumber',
  'mobile',
  'firstname',
  'lastname',
  'fullname',
  'customername',
  'billingname',
  'shippingname',
  'address',
  'address1',
  'address2',
  'line1',
  'line2',
  'street',
  'zip',
  'postcode',
  'postalcode',
  'ip',
  'ipaddress',
  'browserip',
  'clientip',
  'birthday',
  'dateofbirth',
  'taxnumber',
  'nationalid',
  'tckn',
  'iban',
  'cardnumber',
];

export const REDACTED = '[redacted]';

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

const emailPattern = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
// A run of 9+ digits, optionally starting with + and split by spaces, dots, dashes or parentheses.
const phonePattern = /\+?\d[\d\s().-]{7,}\d/g;

/** Masks e-mail addresses and phone numbers inside free text. */
export function redactText(text: string): string {
  return text.replace(emailPattern, '[redacted-email]').replace(phonePattern, (match) => {
    const digits = match.replace(/\D/g, '');
    return digits.length >= 9 ? '[redacted-phone]' : match;
  });
}

export interface RedactOptions {
  /** More keys to redact, matched like the built-in ones. */
  extraKeys?: readonly string[];
}

/** Builds a redactor that returns a deep copy of a value with secrets and personal data masked. */
export function createRedactor(options: RedactOptions = {}): (value: unknown) => unknown {
  const keys = new Set([...secretKeys, ...personalDataKeys, ...(options.extraKeys ?? []).map(normalizeKey)]);
  const visit = (value: unknown, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: redactText(value.message), code: (value as { code?: unknown }).code };
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = keys.has(normalizeKey(key)) ? REDACTED : visit(item, seen);
    }
    return out;
  };
  return (value) => visit(value, new WeakSet());
}

/** Redacts with the built-in key lists. */
export const redact: (value: unknown) => unknown = createRedactor();
