import {
  AftersaleError,
  add,
  type IssuedStoreCredit,
  type IssueStoreCreditResult,
  issuesFromZod,
  type Money,
  moneySchema,
  parseMoney,
  type RefundPlan,
  type StoreCreditOperations,
  type StoreCreditPlan,
  toDecimalString,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import { parseResponse } from './parse-response.js';
import { customerStoreCreditQuery, storeCreditAccountCreditMutation } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import { moneyV2Schema, userErrorSchema } from './shopify-graphql-types.js';
import { claimKey, fingerprintOf, type LedgerContext, recordOutcome, runStep } from './shopify-ledger.js';
import type { ShopifyRefunds } from './shopify-refunds.js';

/**
 * How far before the key's first claim a credit found on the account may be dated and still be taken
 * for this key's: Shopify's clock and the app's may disagree by this much.
 */
const clockSkewMs = 60_000;

const lineSchema = z.object({
  lineItemId: z.string().min(1),
  quantity: z.number().int().nonnegative(),
  amount: moneySchema,
  tax: moneySchema,
});

const storeCreditPlanSchema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().regex(/^gid:\/\/shopify\/Customer\/\d+$/, 'must be a Shopify customer GID'),
  email: z.string().nullish(),
  currency: z.string().length(3),
  lines: z.array(lineSchema),
  shipping: moneySchema.nullish(),
  total: moneySchema,
  bonus: moneySchema.nullish(),
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
  restock: z.boolean().optional(),
  note: z.string().nullish(),
  notifyCustomer: z.boolean().optional(),
});

const creditTransactionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullish(),
  amount: moneyV2Schema,
});

const accountsSchema = z.object({
  customer: z
    .object({
      storeCreditAccounts: z.object({
        nodes: z.array(
          z.object({
            id: z.string(),
            transactions: z.object({
              nodes: z.array(
                z.object({
                  __typename: z.string(),
                  createdAt: z.string(),
                  event: z.string(),
                  amount: moneyV2Schema,
                  origin: z.object({ __typename: z.string() }).nullish(),
                  id: z.string().optional(),
                  expiresAt: z.string().nullish(),
                }),
              ),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});

/** The credit step's record: the account transaction that holds the credit. */
interface CreditRecord {
  transactionId: string;
}

function invalid(message: string, issues: { path: string; message: string }[]): AftersaleError {
  return new AftersaleError({ code: 'invalid_input', message, issues });
}

/** Checks a store credit plan: its shape, one currency, a total that adds up, something to credit. */
function validatePlan(plan: StoreCreditPlan, now: number): { refundPlan: RefundPlan; bonus: Money } {
  const parsed = storeCreditPlanSchema.safeParse(plan);
  if (!parsed.success) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: 'The store credit plan is invalid; see issues.',
      issues: issuesFromZod(parsed.error),
    });
  }
  const bonus = plan.bonus ?? zero(plan.currency);
  if (bonus.currency !== plan.currency || bonus.amount < 0)
    throw invalid(`The store credit bonus must be a non-negative amount in ${plan.currency}.`, [
      { path: 'bonus', message: `must be a non-negative amount in ${plan.currency}` },
    ]);
  if (plan.total.amount + bonus.amount <= 0)
    throw invalid('The store credit plan credits nothing: give lines, shipping or a bonus.', [
      { path: 'total', message: 'total and bonus are both zero' },
    ]);
  if (plan.expiresAt && Date.parse(plan.expiresAt) <= now)
    throw invalid(`The store credit would expire at ${plan.expiresAt}, which is not in the future.`, [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  const refundPlan: RefundPlan = {
    orderId: plan.orderId,
    currency: plan.currency,
    lines: plan.lines,
    shipping: plan.shipping ?? null,
    total: plan.total,
    restock: plan.restock ?? false,
    note: plan.note ?? null,
    notifyCustomer: plan.notifyCustomer ?? false,
  };
  return { refundPlan, bonus };
}

/**
 * Store credit on Shopify: the plan's lines (and shipping) are refunded with `refundCreate` to the
 * store-credit refund method, and the bonus is credited to the customer's store credit account with
 * `storeCreditAccountCredit`. A plan without lines credits its bonus alone.
 *
 * `platformCreditId` is the bonus's store credit account transaction when there is a bonus, else the
 * refund's id (the refund holds the credit then).
 */
export function createShopifyStoreCredit(context: {
  client: ShopifyGraphqlClient;
  refunds: ShopifyRefunds;
  ledger: LedgerContext;
}): StoreCreditOperations {
  const { client, refunds, ledger } = context;

  /** The customer's latest direct credits (account transactions), newest first. */
  async function directCredits(customerId: string, signal?: AbortSignal) {
    const data = parseResponse(
      accountsSchema,
      await client.request(customerStoreCreditQuery, { id: customerId }, { operation: 'customerStoreCredit', signal }),
      'customerStoreCredit',
    );
    return (data.customer?.storeCreditAccounts.nodes ?? [])
      .flatMap((account) => account.transactions.nodes)
      .filter(
        (transaction): transaction is typeof transaction & { id: string } =>
          transaction.__typename === 'StoreCreditAccountCreditTransaction' &&
          transaction.id !== undefined &&
          transaction.event === 'ADJUSTMENT' &&
          !transaction.origin,
      );
  }

  /**
   * The credit an earlier attempt made: a direct credit of exactly this amount that was not on the
   * account when the step was prepared (`seen`), dated since the key was first claimed.
   */
  async function findCredit(
    customerId: string,
    amount: Money,
    since: number,
    seen: readonly string[] | null,
    signal?: AbortSignal,
  ): Promise<CreditRecord | null> {
    const known = new Set(seen ?? []);
    const found = (await directCredits(customerId, signal))
      .filter(
        (transaction) =>
          !known.has(transaction.id) &&
          transaction.amount.currencyCode === amount.currency &&
          parseMoney(transaction.amount.amount, transaction.amount.currencyCode).amount === amount.amount &&
          Date.parse(transaction.createdAt) >= since - clockSkewMs,
      )
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
    return found ? { transactionId: found.id } : null;
  }

  return {
    async issue(plan, options): Promise<IssueStoreCreditResult> {
      const key = options.idempotencyKey;
      const { refundPlan, bonus } = validatePlan(plan, ledger.clock.now());
      const fingerprint = await fingerprintOf({
        operation: 'store-credit',
        orderId: plan.orderId,
        customerId: plan.customerId,
        currency: plan.currency,
        lines: [...plan.lines]
          .map((line) => [line.lineItemId, line.quantity, line.amount.amount, line.tax.amount])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        shipping: plan.shipping?.amount ?? 0,
        total: plan.total.amount,
        bonus: bonus.amount,
        expiresAt: plan.expiresAt ?? null,
        restock: plan.restock ?? false,
      });
      const claim = await claimKey<IssuedStoreCredit>(ledger, { key, operation: 'store-credit', fingerprint });
      if (claim.kind === 'replay')
        return { outcome: 'issued', credit: claim.result, replayed: true, idempotencyKey: key };
      if (claim.kind === 'rejected') return { outcome: 'rejected', userErrors: claim.userErrors, idempotencyKey: key };
      if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
      const expiresAt = plan.expiresAt ?? null;
      try {
        const hasRefund = plan.total.amount > 0;
        let platformRefundId: string | null = null;
        let replayed = true;
        if (hasRefund) {
          const refund = await refunds.toStoreCredit(refundPlan, key, {
            reconcile: claim.reconcile,
            expiresAt,
            signal: options.signal,
          });
          if (refund.outcome === 'rejected') {
            await recordOutcome(ledger, key, { state: 'failed', userErrors: refund.userErrors });
            return { outcome: 'rejected', userErrors: [...refund.userErrors], idempotencyKey: key };
          }
          platformRefundId = refund.platformRefundId;
          replayed = refund.replayed;
        }
        let creditId: string | null = null;
        if (bonus.amount > 0) {
          const credit = await runStep<CreditRecord, string[]>(ledger, {
            key,
            step: 'store-credit-account-credit',
            fingerprint,
            reconcile: claim.reconcile,
            signal: options.signal,
            // The credits already on the account: whatever credit appears beside them later is this one.
            prepare: async () =>
              (await directCredits(plan.customerId, options.signal)).map((transaction) => transaction.id),
            look: (seen) => findCredit(plan.customerId, bonus, claim.claimedAt, seen, options.signal),
            send: async () => {
              const data = parseResponse(
                z.object({
                  storeCreditAccountCredit: z
                    .object({
                      storeCreditAccountTransaction: creditTransactionSchema.nullable(),
                      userErrors: z.array(userErrorSchema),
                    })
                    .nullable(),
                }),
                await client.request(
                  storeCreditAccountCreditMutation,
                  {
                    id: plan.customerId,
                    creditInput: {
                      creditAmount: { amount: toDecimalString(bonus), currencyCode: bonus.currency },
                      ...(expiresAt ? { expiresAt } : {}),
                      notify: plan.notifyCustomer ?? false,
                    },
                  },
                  {
                    operation: 'storeCreditAccountCredit',
                    signal: options.signal,
                    idempotent: false,
                    expectedCost: 10,
                  },
                ),
                'storeCreditAccountCredit',
              );
              const payload = data.storeCreditAccountCredit;
              if (!payload?.storeCreditAccountTransaction || payload.userErrors.length > 0) {
                return {
                  ok: false,
                  userErrors: (payload?.userErrors ?? []).map((error) => ({
                    field: (error.field ?? []).join('.'),
                    message: error.message,
                    code: error.code ?? null,
                  })),
                };
              }
              return { ok: true, value: { transactionId: payload.storeCreditAccountTransaction.id } };
            },
          });
          if (!credit.ok) {
            await recordOutcome(ledger, key, {
              state: 'failed',
              userErrors: credit.userErrors,
              result: { platformRefundId },
            });
            return { outcome: 'rejected', userErrors: credit.userErrors, idempotencyKey: key };
          }
          creditId = credit.value.transactionId;
          replayed = replayed && credit.replayed;
        }
        const issued: IssuedStoreCredit = {
          platformCreditId: creditId ?? platformRefundId ?? '',
          amount: add(plan.total, bonus),
          code: null,
          expiresAt,
          platformRefundId,
        };
        await recordOutcome(ledger, key, { state: 'succeeded', result: issued });
        return { outcome: 'issued', credit: issued, replayed, idempotencyKey: key };
      } catch (error) {
        await recordOutcome(ledger, key, {
          state: 'unknown',
          error: AftersaleError.isInstance(error) ? error.code : 'unexpected error',
        });
        throw error;
      }
    },
  };
}
