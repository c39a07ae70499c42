import { AftersaleError, type Logger } from '@aftersale/core';
import WooCommerceRestApiImport from '@woocommerce/woocommerce-rest-api';
import type { Clock } from './clock.js';

/** The part of `@woocommerce/woocommerce-rest-api`'s client the adapter uses. */
export interface WooCommerceRestClient {
  get(endpoint: string, params?: Record<string, unknown>): Promise<WooCommerceResponse>;
  post(endpoint: string, data: unknown, params?: Record<string, unknown>): Promise<WooCommerceResponse>;
  put(endpoint: string, data: unknown, params?: Record<string, unknown>): Promise<WooCommerceResponse>;
}

/** What the client resolves with (an axios response). */
export interface WooCommerceResponse {
  status: number;
  data: unknown;
  headers: Record<string, unknown> | { get?(name: string): unknown };
}

type RestApiConstructor = new (options: {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  version?: string;
  timeout?: number;
  queryStringAuth?: boolean;
  axiosConfig?: Record<string, unknown>;
}) => WooCommerceRestClient;

/**
 * The client class. Its ESM entry is a CommonJS build whose class is on `.default`; bundlers that
 * interoperate hand the class over directly.
 */
const WooCommerceRestApi = ((WooCommerceRestApiImport as unknown as { default?: RestApiConstructor }).default ??
  WooCommerceRestApiImport) as unknown as RestApiConstructor;

/** Makes the official client: OAuth 1.0a over http (signed against the exact URL), Basic auth over https. */
export function createRestClient(options: {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  timeoutMs: number;
}): WooCommerceRestClient {
  return new WooCommerceRestApi({
    url: options.url,
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    version: 'wc/v3',
    timeout: options.timeoutMs,
    // JSON is parsed by the adapter: decimals stay strings and a body is never reinterpreted.
    axiosConfig: { responseType: 'text', transitional: { silentJSONParsing: false } },
  });
}

/** A failed call as the adapter sees it: HTTP status (null for a network failure) and WooCommerce's code. */
export interface WooCommerceFailure {
  status: number | null;
  code: string | null;
  message: string;
  /** Network failures and 5xx (except a refund refusal): the request may or may not have applied. */
  ambiguous: boolean;
  retryAfterMs: number | null;
}

function header(headers: WooCommerceResponse['headers'] | undefined, name: string): string | null {
  if (headers === undefined || headers === null) return null;
  const getter = (headers as { get?: (n: string) => unknown }).get;
  const value = typeof getter === 'function' ? getter.call(headers, name) : (headers as Record<string, unknown>)[name];
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? String(value[0]) : String(value);
}

/** Parses a response body (text or already parsed). */
export function responseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return null;
  return JSON.parse(data);
}

/** Reads what went wrong from an axios error (or anything thrown). */
export function describeFailure(error: unknown): WooCommerceFailure {
  const response = (
    error as { response?: { status?: number; data?: unknown; headers?: WooCommerceResponse['headers'] } }
  ).response;
  if (response?.status === undefined) {
    const code = (error as { code?: string }).code ?? null;
    return {
      status: null,
      code,
      message: String((error as Error)?.message ?? error),
      ambiguous: true,
      retryAfterMs: null,
    };
  }
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = (responseJson(response.data) ?? {}) as typeof body;
  } catch {
    body = {};
  }
  const status = response.status;
  const code = typeof body.code === 'string' ? body.code : null;
  const retryAfter = Number(header(response.headers, 'retry-after'));
  return {
    status,
    code,
    message: typeof body.message === 'string' ? body.message : `HTTP ${status}`,
    ambiguous: (status >= 500 && code !== 'woocommerce_rest_cannot_create_order_refund') || status === 429,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  };
}

/** Retry settings. */
export interface RetrySettings {
  /** Attempts in all (the first included). @default 5 */
  attempts: number;
  /** First backoff; doubled each retry. @default 200 */
  baseDelayMs: number;
  /** Longest backoff. @default 5000 */
  maxDelayMs: number;
}

/** Turns a final failure into the right AftersaleError. */
export function failureError(failure: WooCommerceFailure, what: string, cause: unknown): AftersaleError {
  const details = { status: failure.status, platformCode: failure.code };
  if (failure.status === 401 || failure.status === 403) {
    return new AftersaleError({
      code: 'platform_auth_failed',
      message: `WooCommerce refused the credentials for ${what} (${failure.code ?? failure.status}: ${failure.message}). Check the REST key's permissions; over plain http WooCommerce ignores Basic auth and needs OAuth 1.0a signed for the exact site URL.`,
      cause,
      details,
    });
  }
  if (failure.status === 429) {
    return new AftersaleError({
      code: 'platform_throttled',
      message: `WooCommerce kept throttling ${what}; try again later.`,
      cause,
      details,
    });
  }
  if (failure.ambiguous) {
    return new AftersaleError({
      code: 'platform_unavailable',
      message: `WooCommerce did not answer ${what} after every retry (${failure.code ?? failure.status ?? 'network'}: ${failure.message}); try again later.`,
      cause,
      details,
    });
  }
  return new AftersaleError({
    code: 'platform_rejected',
    message: `WooCommerce rejected ${what}: ${failure.message}`,
    cause,
    details,
    issues: [{ path: '', message: `${failure.code ?? failure.status}: ${failure.message}` }],
  });
}

/** A request with retries and exponential backoff; every attempt is a new, freshly signed request. */
export async function withRetries<T>(
  what: string,
  attempt: () => Promise<T>,
  options: { retry: RetrySettings; clock: Clock; logger: Logger; signal?: AbortSignal | undefined },
): Promise<T> {
  let last: unknown;
  for (let index = 0; index < options.retry.attempts; index++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      last = error;
      const failure = describeFailure(error);
      if (!failure.ambiguous || index === options.retry.attempts - 1) throw failureError(failure, what, error);
      const delay = failure.retryAfterMs ?? Math.min(options.retry.maxDelayMs, options.retry.baseDelayMs * 2 ** index);
      options.logger.warn({ what, status: failure.status, code: failure.code, delay }, 'woocommerce request retried');
      await options.clock.sleep(delay, options.signal);
    }
  }
  throw failureError(describeFailure(last), what, last);
}

/** Total pages from `X-WP-TotalPages` (0 when absent). */
export function totalPages(response: WooCommerceResponse): number {
  const value = Number(header(response.headers, 'x-wp-totalpages'));
  return Number.isFinite(value) ? value : 0;
}
