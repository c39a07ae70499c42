import { AftersaleError, type Logger } from '@aftersale/core';
import WooCommerceRestApiImport from '@woocommerce/woocommerce-rest-api';
import pRetry, { AbortError } from 'p-retry';
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
  /** An axios adapter in place of the network (tests that look at the request the client builds). */
  transport?: (config: Record<string, unknown>) => Promise<unknown>;
}): WooCommerceRestClient {
  return new WooCommerceRestApi({
    url: options.url,
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    version: 'wc/v3',
    timeout: options.timeoutMs,
    // JSON is parsed by the adapter: decimals stay strings and a body is never reinterpreted.
    axiosConfig: {
      responseType: 'text',
      transitional: { silentJSONParsing: false },
      ...(options.transport === undefined ? {} : { adapter: options.transport }),
    },
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

/** The wait before retry `retry` (0 for the first retry): exponential, capped, or the server's `Retry-After`. */
export function backoffDelay(settings: RetrySettings, retry: number, failure?: WooCommerceFailure): number {
  if (failure?.retryAfterMs != null) return Math.min(settings.maxDelayMs, failure.retryAfterMs);
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
}

/** What {@link withRetries} needs: the settings, the clock that waits, and the logger. */
export interface RetryOptions {
  retry: RetrySettings;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal | undefined;
  /**
   * Called before each retry, after the backoff; what it returns (a value) ends the retries with that
   * value, as when a refund turns out to have landed after all.
   */
  beforeRetry?: (() => Promise<{ found: true; value: unknown } | { found: false }>) | undefined;
}

/**
 * A request with retries and exponential backoff, driven by `p-retry`: every attempt is a new,
 * freshly signed request; a failure that retrying cannot help (a 4xx) ends at once. The wait between
 * attempts goes through the injected clock (p-retry's own timer is off), so tests never sleep.
 * @throws AftersaleError `platform_unavailable`, `platform_throttled`, `platform_auth_failed` or
 * `platform_rejected` once the request has failed for good.
 */
export async function withRetries<T>(what: string, attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  try {
    return await pRetry(
      async (attemptNumber) => {
        if (attemptNumber > 1 && options.beforeRetry !== undefined) {
          const looked = await options.beforeRetry();
          if (looked.found) return looked.value as T;
        }
        try {
          return await attempt();
        } catch (error) {
          if (!describeFailure(error).ambiguous) throw new AbortError(asError(error));
          throw asError(error);
        }
      },
      {
        retries: options.retry.attempts - 1,
        // p-retry's timer is off: the injected clock waits in onFailedAttempt.
        minTimeout: 0,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0) return;
          const failure = describeFailure(error);
          const delay = backoffDelay(options.retry, attemptNumber - 1, failure);
          options.logger.warn(
            { what, status: failure.status, code: failure.code, delay },
            'woocommerce request retried',
          );
          await options.clock.sleep(delay, options.signal);
        },
      },
    );
  } catch (error) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    if (AftersaleError.isInstance(error)) throw error;
    throw failureError(describeFailure(error), what, error);
  }
}

/** p-retry only handles `Error`s; axios always throws one, anything else is wrapped. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error), { cause: error });
}

/**
 * How many pages a list has: `X-WP-TotalPages`, or `X-WP-Total` over the page size when a proxy kept
 * only that one; 1 when neither came (the first page is then all there is).
 */
export function totalPages(response: WooCommerceResponse, perPage: number): number {
  const pages = Number(header(response.headers, 'x-wp-totalpages') ?? Number.NaN);
  if (Number.isInteger(pages) && pages >= 0) return pages;
  const total = Number(header(response.headers, 'x-wp-total') ?? Number.NaN);
  if (Number.isInteger(total) && total >= 0) return Math.ceil(total / perPage);
  return 1;
}
