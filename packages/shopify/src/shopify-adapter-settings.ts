import { AftersaleError, type AftersaleStore, type Logger } from '@aftersale/core';
import { z } from 'zod';
import type { Clock } from './clock.js';
import { shopifyPlanBudgets, type ThrottleBudget } from './cost-throttle.js';
import type { MoneySide } from './map-shopify-order.js';
import type { RetryPolicy } from './shopify-graphql-client.js';

/** The Admin API version the adapter is written and tested against. */
export const shopifyApiVersion = '2026-10';

/** What {@link createShopifyAdapter} needs. Secrets may come from environment variables. */
export interface ShopifyAdapterSettings {
  /** The shop's `*.myshopify.com` domain. */
  shop: string;
  /** An Admin API access token (custom app). Falls back to `SHOPIFY_ACCESS_TOKEN`. */
  accessToken?: string;
  /** An OAuth session from `@shopify/shopify-api` (its `shop` and `accessToken` are used). */
  session?: { shop: string; accessToken?: string | undefined };
  /** The app's client secret, for webhook signatures. Falls back to `SHOPIFY_API_SECRET`. */
  webhookSecret?: string;
  /** @default '2026-10' */
  apiVersion?: string;
  /** The idempotency ledger and webhook inbox (and snapshots). Without it, exactly-once rests on Shopify's `@idempotent` alone. */
  store?: AftersaleStore;
  /**
   * A `fetch` for every request (the emulator's, a proxy's). Without it, the adapter uses the fetch of
   * `@shopify/shopify-api`'s runtime hook (`setAbstractFetchFunc` from `@shopify/shopify-api/runtime`)
   * as it stands when the adapter is made, which is the platform's `fetch` unless an app changed it.
   * @default the library's runtime fetch
   */
  fetch?: typeof globalThis.fetch;
  /** @default the system clock */
  clock?: Clock;
  logger?: Logger;
  /** The shop's plan, or its bucket, to pace requests before the first response. @default 'standard' */
  plan?: keyof typeof shopifyPlanBudgets | ThrottleBudget;
  retry?: Partial<RetryPolicy>;
  /** Which side of Shopify's money to normalize: the shop's currency or the customer's. @default 'shop' */
  money?: MoneySide;
  /** Orders per page when listing (halved automatically if Shopify finds a page too costly). @default 4 */
  pageSize?: number;
  /** A `pending` ledger claim older than this is taken as a crashed attempt and reconciled. @default 120000 */
  staleClaimMs?: number;
  /** How often a bulk operation's status is polled. @default 2000 */
  bulkPollIntervalMs?: number;
  /** How often an order is looked at while Shopify's `orderCancel` job runs. @default 1000 */
  cancelPollIntervalMs?: number;
  /** Looks at a cancelling order before `cancelOrder` answers `in_progress`. @default 30 */
  cancelPollAttempts?: number;
  /** Maps aftersale's return reasons to the shop's return reason definition GIDs. */
  returnReasonDefinitions?: Readonly<Record<string, string>>;
  /** Jitter source for backoff. @default Math.random */
  random?: () => number;
  /** Environment to read fallbacks from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

const settingsSchema = z.object({
  shop: z
    .string({ error: 'shop is required: the shop domain, such as acme.myshopify.com' })
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shop must be a *.myshopify.com domain, such as acme.myshopify.com'),
  accessToken: z.string().min(1).optional(),
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'apiVersion must look like 2026-10')
    .optional(),
  pageSize: z.number().int().min(1).max(250).optional(),
  staleClaimMs: z.number().int().positive().optional(),
  bulkPollIntervalMs: z.number().int().positive().optional(),
  cancelPollIntervalMs: z.number().int().positive().optional(),
  cancelPollAttempts: z.number().int().min(1).max(1000).optional(),
  money: z.enum(['shop', 'presentment']).optional(),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(20).optional(),
      baseDelayMs: z.number().int().positive().optional(),
      maxDelayMs: z.number().int().positive().optional(),
      requestTimeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
  store: z
    .custom<AftersaleStore>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as AftersaleStore).claimIdempotencyKey === 'function' &&
        typeof (value as AftersaleStore).enqueueWebhook === 'function',
      'store must be an AftersaleStore (createMemoryStore, createSqliteStore or createPostgresStore from @aftersale/storage)',
    )
    .optional(),
});

/** Settings after validation, with every default applied. */
export interface ResolvedShopifySettings {
  shop: string;
  accessToken: string;
  webhookSecret: string | null;
  apiVersion: string;
  store: AftersaleStore | null;
  /** `null`: the library's runtime fetch. */
  fetch: typeof globalThis.fetch | null;
  budget: ThrottleBudget;
  retry: RetryPolicy;
  money: MoneySide;
  pageSize: number;
  staleClaimMs: number;
  bulkPollIntervalMs: number;
  cancelPollIntervalMs: number;
  cancelPollAttempts: number;
  returnReasonDefinitions: Readonly<Record<string, string>>;
}

/**
 * Validates the settings once and reports every problem together, naming the environment variable
 * for a missing secret.
 * @throws AftersaleError `invalid_config`
 */
export function resolveShopifySettings(settings: ShopifyAdapterSettings): ResolvedShopifySettings {
  const env = settings.env ?? (typeof process === 'undefined' ? {} : process.env);
  const shop = settings.session?.shop ?? settings.shop;
  const accessToken = settings.session?.accessToken ?? settings.accessToken ?? env.SHOPIFY_ACCESS_TOKEN;
  const issues: { path: string; message: string }[] = [];
  const parsed = settingsSchema.safeParse({ ...settings, shop, accessToken });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: issue.path.join('.'), message: issue.message });
  }
  if (!accessToken) {
    issues.push({
      path: 'accessToken',
      message: 'no access token: pass accessToken or session, or set SHOPIFY_ACCESS_TOKEN',
    });
  }
  const apiVersion = settings.apiVersion ?? shopifyApiVersion;
  if (apiVersion !== shopifyApiVersion) {
    issues.push({
      path: 'apiVersion',
      message: `this adapter speaks Admin API ${shopifyApiVersion}; ${apiVersion} is not supported`,
    });
  }
  const budget = typeof settings.plan === 'object' ? settings.plan : shopifyPlanBudgets[settings.plan ?? 'standard'];
  if (!budget || !(budget.maximumAvailable > 0) || !(budget.restoreRate > 0)) {
    issues.push({ path: 'plan', message: 'plan must be standard, advanced, plus, enterprise or a positive bucket' });
  }
  const fetchFunction = settings.fetch ?? null;
  if (fetchFunction !== null && typeof fetchFunction !== 'function')
    issues.push({ path: 'fetch', message: 'fetch must be a function with the signature of globalThis.fetch' });
  if (issues.length > 0) {
    throw new AftersaleError({
      code: 'invalid_config',
      message: `The Shopify adapter settings are invalid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
  return {
    shop,
    accessToken: accessToken as string,
    webhookSecret: settings.webhookSecret ?? env.SHOPIFY_API_SECRET ?? null,
    apiVersion,
    store: settings.store ?? null,
    fetch: fetchFunction,
    budget: budget as ThrottleBudget,
    retry: { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, requestTimeoutMs: 30_000, ...settings.retry },
    money: settings.money ?? 'shop',
    pageSize: settings.pageSize ?? 4,
    staleClaimMs: settings.staleClaimMs ?? 120_000,
    bulkPollIntervalMs: settings.bulkPollIntervalMs ?? 2000,
    cancelPollIntervalMs: settings.cancelPollIntervalMs ?? 1000,
    cancelPollAttempts: settings.cancelPollAttempts ?? 30,
    returnReasonDefinitions: settings.returnReasonDefinitions ?? {},
  };
}
