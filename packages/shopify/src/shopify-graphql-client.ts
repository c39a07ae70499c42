import '@shopify/shopify-api/adapters/web-api';
import { AftersaleError, type AftersaleErrorCode, type Logger } from '@aftersale/core';
import {
  ApiVersion,
  GraphqlQueryError,
  HttpRequestError,
  HttpResponseError,
  LogSeverity,
  Session,
  shopifyApi,
} from '@shopify/shopify-api';
import { abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { Clock } from './clock.js';
import { CostThrottle, type ThrottleBudget, type ThrottleStatus } from './cost-throttle.js';

/** How the client retries failed requests. */
export interface RetryPolicy {
  /** Retries after a 5xx, a 429 or a network error (THROTTLED answers are waited out, not counted). @default 5 */
  maxRetries: number;
  /** First backoff; doubles per retry, with jitter. @default 500 */
  baseDelayMs: number;
  /** Longest single wait. @default 30000 */
  maxDelayMs: number;
  /**
   * How long one request may take before it is abandoned (a timeout after a write is treated like a
   * dropped connection: the outcome is unknown and a refund is looked for before it is sent again).
   * Measured in real time: it guards the socket, not the pacing. @default 30000
   */
  requestTimeoutMs: number;
}

/** Counters of what the client did, for diagnostics and the bench. */
export interface ShopifyClientStats {
  requests: number;
  succeeded: number;
  /** THROTTLED answers (HTTP 200) and 429s received. */
  throttled: number;
  retries: number;
  /** Sum of `actualQueryCost` of successful requests. */
  actualCost: number;
}

export interface ShopifyGraphqlClientSettings {
  shop: string;
  accessToken: string;
  apiVersion: string;
  /** `null` takes the library's runtime fetch as it stands now. */
  fetch: typeof globalThis.fetch | null;
  clock: Clock;
  logger: Logger;
  budget: ThrottleBudget;
  retry: RetryPolicy;
  /** Random number source for jitter (tests pass a fixed one). */
  random: () => number;
}

export interface RequestOptions {
  /** Names the operation in errors and logs. */
  operation: string;
  signal?: AbortSignal;
  /**
   * The request can be sent again after an ambiguous failure (a 5xx or a dropped connection): every
   * query, and a mutation guarded by `@idempotent`. @default true
   */
  idempotent?: boolean;
  /** A cost to reserve before the first response tells the real one. @default 50 */
  expectedCost?: number;
}

/** A GraphQL error as Shopify sends it. */
interface GraphqlErrorEntry {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: readonly (string | number)[];
}

interface CostExtension {
  requestedQueryCost?: number | null;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

const apiVersions = new Set<string>(Object.values(ApiVersion));

/** Parses `Retry-After`: seconds (Shopify sends `"2.0"`) or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value[0] === undefined ? null : String(value[0]);
    return value === undefined || value === null ? null : String(value);
  }
  return null;
}

/**
 * The adapter's GraphQL transport on `@shopify/shopify-api`'s Admin GraphQL client: paces requests
 * with a {@link CostThrottle}, waits out `THROTTLED` answers (which Shopify sends with HTTP 200 and the
 * library throws at once), honours `Retry-After` on 429, retries 5xx and network failures with
 * exponential backoff, and turns every failure into a typed `AftersaleError`.
 */
export class ShopifyGraphqlClient {
  readonly throttle: CostThrottle;
  /** The fetch this client sends with (also used for bulk export downloads). */
  readonly fetch: typeof globalThis.fetch;
  readonly stats: ShopifyClientStats = { requests: 0, succeeded: 0, throttled: 0, retries: 0, actualCost: 0 };
  readonly #settings: ShopifyGraphqlClientSettings;
  readonly #client: { request: (document: string, options: Record<string, unknown>) => Promise<unknown> };

  constructor(settings: ShopifyGraphqlClientSettings) {
    this.#settings = settings;
    this.throttle = new CostThrottle(settings.budget, settings.clock);
    const api = shopifyApi({
      apiKey: 'aftersale',
      apiSecretKey: 'aftersale-admin-client',
      apiVersion: (apiVersions.has(settings.apiVersion) ? settings.apiVersion : ApiVersion.October26) as ApiVersion,
      isCustomStoreApp: true,
      adminApiAccessToken: settings.accessToken,
      isEmbeddedApp: false,
      hostName: 'localhost',
      logger: { level: LogSeverity.Error, log: () => undefined },
    });
    const session = new Session({
      id: `offline_${settings.shop}`,
      shop: settings.shop,
      state: '',
      isOnline: false,
      accessToken: settings.accessToken,
    });
    // The library reads its fetch from its runtime hook when a client is made: an injected fetch is
    // handed to it for this client only, and the previous one put back; without one, the hook's
    // current fetch (an app's `setAbstractFetchFunc`, or the platform's) is kept.
    const previous = abstractFetch;
    this.fetch = (settings.fetch ?? previous) as typeof globalThis.fetch;
    setAbstractFetchFunc(this.fetch as never);
    try {
      this.#client = new api.clients.Graphql({ session, apiVersion: settings.apiVersion as ApiVersion }) as never;
    } finally {
      setAbstractFetchFunc(previous);
    }
  }

  /** Sends a document and returns its `data`, or throws a typed error. */
  async request<T>(document: string, variables: Record<string, unknown>, options: RequestOptions): Promise<T> {
    const { clock, retry } = this.#settings;
    const key = options.operation;
    let attempt = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      await this.throttle.acquire(this.throttle.expectedCost(key, options.expectedCost ?? 50), options.signal);
      this.stats.requests++;
      let outcome: { kind: 'ok'; data: T } | { kind: 'wait'; ms: number; counts: boolean };
      const timeout = AbortSignal.timeout(retry.requestTimeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      try {
        const response = (await this.#client.request(document, { variables, retries: 0, signal })) as {
          data?: T;
          extensions?: { cost?: CostExtension };
        };
        const cost = response.extensions?.cost;
        this.throttle.report(key, cost?.requestedQueryCost, cost?.throttleStatus);
        this.stats.succeeded++;
        this.stats.actualCost += cost?.actualQueryCost ?? 0;
        return response.data as T;
      } catch (error) {
        outcome = this.#classify(error, key, options, attempt);
      }
      if (outcome.counts) {
        if (attempt >= retry.maxRetries) {
          throw new AftersaleError({
            code: 'platform_unavailable',
            message: `Shopify ${options.operation} failed after ${retry.maxRetries} retries; try again later.`,
            details: { operation: options.operation },
          });
        }
        attempt++;
        this.stats.retries++;
      }
      this.#settings.logger.debug(
        { operation: options.operation, waitMs: outcome.ms, attempt },
        'shopify request waits before retrying',
      );
      await clock.sleep(outcome.ms, options.signal);
    }
  }

  #backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.#settings.retry;
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(exponential / 2 + (this.#settings.random() * exponential) / 2);
  }

  #classify(
    error: unknown,
    key: string,
    options: RequestOptions,
    attempt: number,
  ): { kind: 'wait'; ms: number; counts: boolean } {
    const idempotent = options.idempotent ?? true;
    if (error instanceof GraphqlQueryError) {
      const body = (error.body ?? {}) as {
        errors?: { graphQLErrors?: GraphqlErrorEntry[] };
        extensions?: { cost?: CostExtension };
      };
      const errors = body.errors?.graphQLErrors ?? [];
      const cost = body.extensions?.cost;
      if (errors.some((entry) => entry.extensions?.code === 'THROTTLED')) {
        this.stats.throttled++;
        this.throttle.report(key, cost?.requestedQueryCost, cost?.throttleStatus);
        const wait = this.throttle.waitFor(cost?.requestedQueryCost ?? this.throttle.expectedCost(key, 50));
        return { kind: 'wait', ms: Math.max(wait, 1), counts: false };
      }
      throw this.#error(
        'platform_rejected',
        options.operation,
        errors.map((entry) => entry.message).join('; '),
        error,
        {
          graphqlErrors: errors.map((entry) => ({ message: entry.message, code: entry.extensions?.code ?? null })),
        },
      );
    }
    if (error instanceof HttpResponseError) {
      const status = error.response.code;
      if (status === 401 || status === 403) {
        throw this.#error(
          'platform_auth_failed',
          options.operation,
          `HTTP ${status}: check the access token and the app's scopes`,
          error,
          { status },
        );
      }
      if (status === 429) {
        this.stats.throttled++;
        const retryAfter = parseRetryAfter(
          headerValue(error.response.headers, 'retry-after'),
          this.#settings.clock.now(),
        );
        return { kind: 'wait', ms: retryAfter ?? this.#backoff(attempt), counts: true };
      }
      if (status >= 500 && idempotent) return { kind: 'wait', ms: this.#backoff(attempt), counts: true };
      if (status >= 500) {
        throw this.#error('platform_unavailable', options.operation, `HTTP ${status}; the outcome is unknown`, error, {
          status,
          outcomeUnknown: true,
        });
      }
      throw this.#error('platform_rejected', options.operation, `HTTP ${status}`, error, { status });
    }
    if (error instanceof HttpRequestError) {
      if (options.signal?.aborted) throw error;
      if (idempotent) return { kind: 'wait', ms: this.#backoff(attempt), counts: true };
      throw this.#error(
        'platform_unavailable',
        options.operation,
        'the connection failed; the outcome is unknown',
        error,
        {
          outcomeUnknown: true,
        },
      );
    }
    throw error;
  }

  #error(
    code: AftersaleErrorCode,
    operation: string,
    what: string,
    cause: unknown,
    details: Record<string, unknown>,
  ): AftersaleError {
    return new AftersaleError({
      code,
      message: `Shopify ${operation} failed: ${what}.`,
      cause,
      details: { operation, ...details },
    });
  }
}
