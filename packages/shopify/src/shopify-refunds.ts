import {
  AftersaleError,
  type AftersaleStore,
  type CreateRefundOptions,
  type CreateRefundResult,
  compareRefundSuggestion,
  type Logger,
  type Money,
  moneySchema,
  type PlatformUserError,
  type Refund,
  type RefundPlan,
  type RefundSuggestion,
  type RefundSuggestionRequest,
  sum,
  toDecimalString,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import type { Clock } from './clock.js';
import { type MoneySide, mapShopifyRefund, moneyFromBag } from './map-shopify-order.js';
import { parseResponse } from './parse-response.js';
import { orderRefundsQuery, refundCreateMutation, refundQuery, suggestedRefundQuery } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import { moneyBagSchema, refundSchema, transactionSchema, userErrorSchema } from './shopify-graphql-types.js';

const planSchema = z.object({
  orderId: z.string().min(1),
  currency: z.string().length(3),
  lines: z.array(
    z.object({
      lineItemId: z.string().min(1),
      quantity: z.number().int().nonnegative(),
      amount: moneySchema,
      tax: moneySchema,
    }),
  ),
  shipping: moneySchema.nullish(),
  total: moneySchema,
  restock: z.union([z.boolean(), z.literal('cancel')]).optional(),
  note: z.string().nullish(),
  notifyCustomer: z.boolean().optional(),
});

/** The marker kept in a refund's note: how a retry recognises the refund its key already made. */
export const refundMarker = (key: string): string => `[aftersale:${key}]`;

/** A stable fingerprint of a plan: a different plan under the same key is a caller's bug. */
export async function fingerprintPlan(plan: RefundPlan): Promise<string> {
  const canonical = JSON.stringify({
    orderId: plan.orderId,
    currency: plan.currency,
    lines: [...plan.lines]
      .map((line) => [line.lineItemId, line.quantity, line.amount.amount, line.tax.amount])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    shipping: plan.shipping?.amount ?? 0,
    total: plan.total.amount,
    restock: plan.restock ?? false,
  });
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Checks a plan's arithmetic: one currency, non-negative amounts, and a total that adds up. */
export function validateRefundPlan(plan: RefundPlan): void {
  const parsed = planSchema.safeParse(plan);
  const issues: { path: string; message: string }[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (parsed.success) {
    const amounts: [string, Money][] = [
      ['total', plan.total],
      ...plan.lines.flatMap((line, index): [string, Money][] => [
        [`lines.${index}.amount`, line.amount],
        [`lines.${index}.tax`, line.tax],
      ]),
      ...(plan.shipping ? ([['shipping', plan.shipping]] as [string, Money][]) : []),
    ];
    for (const [path, value] of amounts) {
      if (value.currency !== plan.currency) issues.push({ path, message: `must be in ${plan.currency}` });
      if (value.amount < 0) issues.push({ path, message: 'must not be negative' });
    }
    // A refund of an amount alone (a goodwill gesture) has no lines and no shipping: its total is it.
    const amountOnly = plan.lines.length === 0 && (plan.shipping ?? zero(plan.currency)).amount === 0;
    if (amountOnly && plan.total.amount === 0) issues.push({ path: 'total', message: 'must be positive' });
    if (issues.length === 0 && !amountOnly) {
      const expected = sum(
        [...plan.lines.flatMap((line) => [line.amount, line.tax]), plan.shipping ?? zero(plan.currency)],
        plan.currency,
      );
      if (expected.amount !== plan.total.amount) {
        issues.push({
          path: 'total',
          message: `is ${toDecimalString(plan.total)} but the lines and shipping add up to ${toDecimalString(expected)}`,
        });
      }
    }
  }
  if (issues.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `The refund plan is invalid: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
}

const userErrors = (list: z.infer<typeof userErrorSchema>[]): PlatformUserError[] =>
  list.map((error) => ({ field: (error.field ?? []).join('.'), message: error.message, code: error.code ?? null }));

interface RefundContext {
  client: ShopifyGraphqlClient;
  store: AftersaleStore | null;
  shopId: string;
  money: MoneySide;
  clock: Clock;
  logger: Logger;
  staleClaimMs: number;
  maxAttempts: number;
}

const orderPaymentsSchema = z.object({
  order: z
    .object({
      id: z.string(),
      currencyCode: z.string(),
      presentmentCurrencyCode: z.string(),
      transactions: z.array(transactionSchema),
      refunds: z.array(z.object({ id: z.string(), note: z.string().nullish() })),
    })
    .nullable(),
});

/** Refunds: Shopify's own suggestion, and exactly-once `refundCreate`. */
export class ShopifyRefunds {
  readonly #context: RefundContext;

  constructor(context: RefundContext) {
    this.#context = context;
  }

  async suggest(request: RefundSuggestionRequest): Promise<RefundSuggestion> {
    const side = this.#context.money;
    const data = parseResponse(
      z.object({
        order: z
          .object({
            currencyCode: z.string(),
            suggestedRefund: z
              .object({
                amountSet: moneyBagSchema,
                maximumRefundableSet: moneyBagSchema,
                shipping: z.object({ amountSet: moneyBagSchema, taxSet: moneyBagSchema }),
                refundLineItems: z.array(
                  z.object({
                    quantity: z.number().int(),
                    lineItem: z.object({ id: z.string() }),
                    subtotalSet: moneyBagSchema,
                    totalTaxSet: moneyBagSchema,
                  }),
                ),
              })
              .nullable(),
          })
          .nullable(),
      }),
      await this.#context.client.request(
        suggestedRefundQuery,
        {
          id: request.orderId,
          lines: request.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
          refundShipping: request.refundShipping ?? false,
        },
        { operation: 'suggestedRefund', signal: request.signal },
      ),
      'suggestedRefund',
    );
    const suggested = data.order?.suggestedRefund;
    if (!data.order || !suggested) {
      throw new AftersaleError({
        code: 'platform_rejected',
        message: `Shopify has no order ${request.orderId} to suggest a refund for.`,
        details: { operation: 'suggestedRefund', orderId: request.orderId },
      });
    }
    const lines = suggested.refundLineItems.map((line) => ({
      lineItemId: line.lineItem.id,
      quantity: line.quantity,
      amount: moneyFromBag(line.subtotalSet, side),
      tax: moneyFromBag(line.totalTaxSet, side),
    }));
    const total = moneyFromBag(suggested.amountSet, side);
    const shipping = sum(
      [moneyFromBag(suggested.shipping.amountSet, side), moneyFromBag(suggested.shipping.taxSet, side)],
      total.currency,
    );
    const suggestion = { lines, shipping, total };
    return {
      orderId: request.orderId,
      currency: total.currency,
      ...suggestion,
      maximumRefundable: moneyFromBag(suggested.maximumRefundableSet, side),
      comparison: request.compareWith ? compareRefundSuggestion(suggestion, request.compareWith) : null,
    };
  }

  async create(plan: RefundPlan, options: CreateRefundOptions): Promise<CreateRefundResult> {
    validateRefundPlan(plan);
    const { store, shopId } = this.#context;
    const key = options.idempotencyKey;
    const fingerprint = await fingerprintPlan(plan);
    let reconcile = false;
    if (store) {
      const claim = await store.claimIdempotencyKey({ shopId, key, operation: 'refund', fingerprint });
      if (claim.outcome === 'held') {
        const entry = claim.entry;
        if (entry.fingerprint && entry.fingerprint !== fingerprint) {
          throw new AftersaleError({
            code: 'idempotency_conflict',
            message: `The idempotency key ${key} already guards a different refund; use a new key for a new refund.`,
            details: { idempotencyKey: key },
          });
        }
        if (entry.state === 'succeeded') {
          const result = entry.result as { refund: Refund; platformRefundId: string };
          return {
            outcome: 'created',
            refund: result.refund,
            platformRefundId: result.platformRefundId,
            replayed: true,
            idempotencyKey: key,
          };
        }
        if (entry.state === 'failed') {
          const result = entry.result as { userErrors?: PlatformUserError[] } | null;
          return { outcome: 'rejected', userErrors: result?.userErrors ?? [], idempotencyKey: key };
        }
        const age = this.#context.clock.now() - Date.parse(entry.updatedAt);
        if (entry.state === 'pending' && age < this.#context.staleClaimMs)
          return { outcome: 'in_progress', idempotencyKey: key };
        // A crashed or timed-out attempt: look on Shopify before trying again.
        reconcile = true;
      }
    }
    try {
      const result = await this.#send(plan, key, reconcile, options.signal);
      if (store) {
        await store.recordIdempotencyOutcome(
          result.outcome === 'created'
            ? {
                shopId,
                key,
                state: 'succeeded',
                result: { refund: result.refund, platformRefundId: result.platformRefundId },
              }
            : { shopId, key, state: 'failed', result: { userErrors: result.userErrors }, error: 'rejected by Shopify' },
        );
      }
      return result;
    } catch (error) {
      if (store) {
        await store.recordIdempotencyOutcome({
          shopId,
          key,
          state: 'unknown',
          error: AftersaleError.isInstance(error) ? error.code : 'unexpected error',
        });
      }
      throw error;
    }
  }

  /**
   * Refunds a plan to store credit (`refundCreate` with a `storeCreditRefund` refund method and no
   * payment transactions), exactly once per key as {@link create} does: the `@idempotent` key, the
   * key's marker in the note, and a look at the order's refunds before any resend. The caller holds
   * the ledger claim.
   */
  toStoreCredit(
    plan: RefundPlan,
    key: string,
    options: { reconcile: boolean; expiresAt: string | null; signal?: AbortSignal | undefined },
  ): Promise<Exclude<CreateRefundResult, { outcome: 'in_progress' }>> {
    validateRefundPlan(plan);
    return this.#send(plan, key, options.reconcile, options.signal, { expiresAt: options.expiresAt });
  }

  async #payments(orderId: string, signal?: AbortSignal) {
    const data = parseResponse(
      orderPaymentsSchema,
      await this.#context.client.request(orderRefundsQuery, { id: orderId }, { operation: 'orderRefunds', signal }),
      'orderRefunds',
    );
    if (!data.order) {
      throw new AftersaleError({
        code: 'platform_rejected',
        message: `Shopify has no order ${orderId}; check the refund plan's orderId.`,
        details: { operation: 'orderRefunds', orderId },
      });
    }
    return data.order;
  }

  async #find(
    order: NonNullable<z.infer<typeof orderPaymentsSchema>['order']>,
    key: string,
    signal?: AbortSignal,
  ): Promise<Refund | null> {
    const marker = refundMarker(key);
    const summary = order.refunds.find((entry) => entry.note?.includes(marker));
    if (!summary) return null;
    const data = parseResponse(
      z.object({ node: refundSchema.nullable() }),
      await this.#context.client.request(refundQuery, { id: summary.id }, { operation: 'refund', signal }),
      'refund',
    );
    if (!data.node) return null;
    return mapShopifyRefund(
      data.node,
      this.#context.money,
      data.node.createdAt ?? new Date(this.#context.clock.now()).toISOString(),
      this.#context.money === 'shop' ? order.currencyCode : order.presentmentCurrencyCode,
    );
  }

  async #send(
    plan: RefundPlan,
    key: string,
    reconcile: boolean,
    signal?: AbortSignal,
    storeCredit?: { expiresAt: string | null },
  ): Promise<Exclude<CreateRefundResult, { outcome: 'in_progress' }>> {
    const { client, clock, maxAttempts } = this.#context;
    let order = await this.#payments(plan.orderId, signal);
    let look = reconcile;
    for (let attempt = 1; ; attempt++) {
      if (look) {
        const found = await this.#find(order, key, signal);
        if (found) {
          return { outcome: 'created', refund: found, platformRefundId: found.id, replayed: true, idempotencyKey: key };
        }
      }
      try {
        const data = parseResponse(
          z.object({
            refundCreate: z
              .object({ refund: refundSchema.nullable(), userErrors: z.array(userErrorSchema) })
              .nullable(),
          }),
          await client.request(
            refundCreateMutation,
            { input: this.#input(plan, order, key, storeCredit), key },
            { operation: 'refundCreate', signal, idempotent: false, expectedCost: 10 },
          ),
          'refundCreate',
        );
        const payload = data.refundCreate;
        if (!payload || payload.userErrors.length > 0 || !payload.refund) {
          return { outcome: 'rejected', userErrors: userErrors(payload?.userErrors ?? []), idempotencyKey: key };
        }
        const refund = mapShopifyRefund(
          payload.refund,
          this.#context.money,
          new Date(clock.now()).toISOString(),
          plan.currency,
        );
        return {
          outcome: 'created',
          refund,
          platformRefundId: payload.refund.id,
          replayed: reconcile,
          idempotencyKey: key,
        };
      } catch (error) {
        const unknownOutcome = AftersaleError.hasCode(error, 'platform_unavailable');
        if (!unknownOutcome || attempt >= maxAttempts) throw error;
        this.#context.logger.warn(
          { operation: 'refundCreate', attempt },
          'refund outcome unknown; looking before retrying',
        );
        await clock.sleep(500 * 2 ** (attempt - 1), signal);
        order = await this.#payments(plan.orderId, signal);
        look = true;
      }
    }
  }

  #input(
    plan: RefundPlan,
    order: NonNullable<z.infer<typeof orderPaymentsSchema>['order']>,
    key: string,
    storeCredit?: { expiresAt: string | null },
  ) {
    const side = this.#context.money;
    const restockType = plan.restock === 'cancel' ? 'CANCEL' : plan.restock ? 'RETURN' : 'NO_RESTOCK';
    // Pay back to the captured payments, in order, each up to what it still holds.
    const refundedByParent = new Map<string, number>();
    for (const transaction of order.transactions) {
      if (transaction.kind === 'REFUND' && transaction.status === 'SUCCESS' && transaction.parentTransaction) {
        const amount = moneyFromBag(transaction.amountSet, side).amount;
        refundedByParent.set(
          transaction.parentTransaction.id,
          (refundedByParent.get(transaction.parentTransaction.id) ?? 0) + amount,
        );
      }
    }
    let remaining = storeCredit ? 0 : plan.total.amount;
    const transactions: { orderId: string; parentId: string; gateway: string; kind: 'REFUND'; amount: string }[] = [];
    for (const transaction of order.transactions) {
      if (remaining <= 0) break;
      if (transaction.status !== 'SUCCESS' || (transaction.kind !== 'SALE' && transaction.kind !== 'CAPTURE')) continue;
      const held = moneyFromBag(transaction.amountSet, side).amount - (refundedByParent.get(transaction.id) ?? 0);
      const take = Math.min(held, remaining);
      if (take <= 0) continue;
      transactions.push({
        orderId: order.id,
        parentId: transaction.id,
        gateway: transaction.gateway ?? 'manual',
        kind: 'REFUND',
        amount: toDecimalString({ amount: take, currency: plan.currency }),
      });
      remaining -= take;
    }
    if (remaining > 0) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `The refund of ${toDecimalString(plan.total)} ${plan.currency} exceeds what the order's payments still hold.`,
        details: { orderId: plan.orderId, missing: toDecimalString({ amount: remaining, currency: plan.currency }) },
      });
    }
    const note = [plan.note ?? '', refundMarker(key)].filter((part) => part.length > 0).join(' ');
    return {
      orderId: order.id,
      note,
      notify: plan.notifyCustomer ?? false,
      refundLineItems: plan.lines
        .filter((line) => line.quantity > 0)
        .map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, restockType })),
      ...(plan.shipping && plan.shipping.amount > 0 ? { shipping: { amount: toDecimalString(plan.shipping) } } : {}),
      transactions,
      ...(storeCredit
        ? {
            refundMethods: [
              {
                storeCreditRefund: {
                  amount: { amount: toDecimalString(plan.total), currencyCode: plan.currency },
                  ...(storeCredit.expiresAt ? { expiresAt: storeCredit.expiresAt } : {}),
                },
              },
            ],
          }
        : {}),
    };
  }
}
