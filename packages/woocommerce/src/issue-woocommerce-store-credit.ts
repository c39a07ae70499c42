import { createHmac } from 'node:crypto';
import {
  AftersaleError,
  add,
  aftersaleErrorFromZod,
  type CreateRefundOptions,
  type IssuedStoreCredit,
  type IssueStoreCreditResult,
  type Money,
  remainingRefundable,
  type StoreCreditOperations,
  type StoreCreditPlan,
  sum,
  toDecimalString,
  zero,
} from '@aftersale/core';
import { z } from 'zod';
import { buildWooCommerceRefundRequest } from './build-woocommerce-refund-request.js';
import { parseWooCommerceRefund } from './map-woocommerce-order.js';
import { idempotencyMetaKey } from './map-woocommerce-refund.js';
import {
  claimKey,
  fingerprintOf,
  ledgerDisagrees,
  recordOutcome,
  reject,
  settleFailure,
} from './woocommerce-idempotency.js';
import type { WooCommerceOperationContext } from './woocommerce-operation-context.js';
import { type WooCommerceCoupon, wooCommerceCouponSchema } from './woocommerce-schemas.js';
import { metaValue, wooMoney, wooTimestamp } from './woocommerce-values.js';

/** What a store-credit plugin is asked to credit (see {@link IssueWooCommerceStoreCredit}). */
export interface WooCommerceStoreCredit {
  orderId: string;
  customerId: string;
  /** The customer's e-mail (the plan's, else the order's billing e-mail). */
  email: string | null;
  /** The plan's `total` plus its `bonus`. */
  amount: Money;
  /** ISO 8601; `null` for credit that never expires. */
  expiresAt: string | null;
  /** The key the credit must be issued at most once for: the plugin de-duplicates on it. */
  idempotencyKey: string;
  /** The refund (recorded without the gateway) that took the lines back, when the plan had lines. */
  platformRefundId: string | null;
  note: string | null;
}

/**
 * Issues store credit through a store-credit plugin (a wallet or gift-card balance) instead of a
 * coupon. It must credit at most once per `idempotencyKey`: when it is called again with a key it has
 * seen, it answers with the credit it issued then (and `replayed: true`).
 */
export type IssueWooCommerceStoreCredit = (
  credit: WooCommerceStoreCredit,
) => Promise<{ id: string; code: string | null; replayed?: boolean }>;

/** The body of `POST /wc/v3/coupons` for store credit. */
export interface WooCommerceStoreCreditCouponRequest {
  code: string;
  discount_type: 'fixed_cart';
  amount: string;
  individual_use: false;
  usage_limit: 1;
  usage_limit_per_user: 1;
  email_restrictions: string[];
  date_expires_gmt: string | null;
  description: string;
  meta_data: { key: string; value: string }[];
}

/** Meta key naming the order a store-credit coupon was issued for. */
export const creditOrderMetaKey = '_aftersale_credit_order_id';

const pluginAnswerSchema = z.object({
  id: z.union([z.string().min(1), z.number().int().transform(String)]),
  code: z.string().nullish(),
  replayed: z.boolean().optional(),
});

/**
 * The coupon code of the store credit issued under `key`: a keyed hash (HMAC-SHA256 with the REST
 * secret) of the shop and the key, so it is the same on every retry (WooCommerce refuses a second coupon
 * with a code in use) and cannot be guessed without the secret. 64 bits, in four groups.
 */
export function storeCreditCouponCode(secret: string, shopId: string, key: string): string {
  const digest = createHmac('sha256', secret).update(`${shopId}\n${key}`).digest('hex');
  return `credit-${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`;
}

/** An ISO 8601 instant as WooCommerce's `_gmt` dates are written: UTC, no offset, whole seconds. */
function wooGmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/**
 * The single-customer coupon that carries store credit: `fixed_cart` for `amount`, usable once, by the
 * customer's e-mail only, with the idempotency key in its description and meta.
 */
export function buildWooCommerceStoreCreditCoupon(input: {
  code: string;
  amount: Money;
  email: string;
  orderId: string;
  expiresAt: string | null;
  idempotencyKey: string;
  note?: string | null;
}): WooCommerceStoreCreditCouponRequest {
  return {
    code: input.code,
    discount_type: 'fixed_cart',
    amount: toDecimalString(input.amount),
    individual_use: false,
    usage_limit: 1,
    usage_limit_per_user: 1,
    email_restrictions: [input.email],
    date_expires_gmt: input.expiresAt === null ? null : wooGmt(input.expiresAt),
    description: `${input.note ?? 'Store credit'} for order #${input.orderId} [aftersale:${input.idempotencyKey}]`,
    meta_data: [
      { key: idempotencyMetaKey, value: input.idempotencyKey },
      { key: creditOrderMetaKey, value: input.orderId },
    ],
  };
}

/**
 * Checks a store-credit plan on its own, before its key is claimed: one currency, no negative amounts,
 * `total` equal to the lines, their tax and shipping, something to credit, a valid expiry.
 * @throws AftersaleError `invalid_input` naming every problem.
 */
export function checkStoreCreditPlan(plan: StoreCreditPlan): void {
  const problems: string[] = [];
  const currency = plan.currency;
  const moneys: [string, Money][] = [['total', plan.total]];
  if (plan.shipping != null) moneys.push(['shipping', plan.shipping]);
  if (plan.bonus != null) moneys.push(['bonus', plan.bonus]);
  for (const line of plan.lines) {
    moneys.push([`line ${line.lineItemId} amount`, line.amount], [`line ${line.lineItemId} tax`, line.tax]);
    if (!Number.isInteger(line.quantity) || line.quantity < 0)
      problems.push(`line ${line.lineItemId} quantity must be a whole number, 0 or more`);
  }
  for (const [name, amount] of moneys) {
    if (amount.currency !== currency) problems.push(`${name} is in ${amount.currency}, not the plan's ${currency}`);
    if (amount.amount < 0) problems.push(`${name} is negative`);
  }
  if (!/^\d+$/.test(plan.orderId)) problems.push(`orderId ${plan.orderId} is not a WooCommerce order id`);
  if (plan.customerId.trim() === '') problems.push('customerId is empty');
  if (plan.expiresAt != null && !Number.isFinite(Date.parse(plan.expiresAt)))
    problems.push(`expiresAt ${plan.expiresAt} is not an ISO 8601 date`);
  if (problems.length === 0) {
    const expected = add(
      sum(
        plan.lines.flatMap((line) => [line.amount, line.tax]),
        currency,
      ),
      plan.shipping ?? zero(currency),
    );
    if (expected.amount !== plan.total.amount)
      problems.push(
        `total ${toDecimalString(plan.total)} is not the lines, their tax and shipping (${toDecimalString(expected)})`,
      );
    if (plan.total.amount + (plan.bonus?.amount ?? 0) <= 0) problems.push('total plus bonus must be positive');
  }
  if (problems.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Store credit plan for order ${plan.orderId} does not add up: ${problems.join('; ')}. Fix the plan (core's computeRefund gives the lines, total and currency).`,
      issues: problems.map((message) => ({ path: 'plan', message })),
    });
  }
}

/**
 * Store credit on WooCommerce: the lines are refunded on the order's books without the gateway
 * (`api_refund: false`, restocked as the plan says), then a single-customer coupon for the total plus
 * the bonus is created, or, with `issueStoreCredit`, the merchant's store-credit plugin credits it.
 * Exactly once per idempotency key: the key is claimed in the ledger, carried by the refund and the
 * coupon, and both are looked for on WooCommerce before either is sent (again).
 */
export function createWooCommerceStoreCredit(
  context: WooCommerceOperationContext,
  options: { couponSecret: string; issueStoreCredit?: IssueWooCommerceStoreCredit | undefined },
): StoreCreditOperations {
  /** The coupon carrying the key: searched by the key (in its description), matched on its meta. */
  async function findCoupon(key: string, signal?: AbortSignal): Promise<WooCommerceCoupon | null> {
    for (const raw of await context.readAll('coupons', { search: key }, signal)) {
      const coupon = parseCoupon(raw);
      if (metaValue(coupon.meta_data, idempotencyMetaKey) === key) return coupon;
    }
    return null;
  }

  async function findCouponByCode(code: string, key: string, signal?: AbortSignal): Promise<WooCommerceCoupon | null> {
    for (const raw of await context.readAll('coupons', { code }, signal)) {
      const coupon = parseCoupon(raw);
      if (coupon.code.toLowerCase() === code && metaValue(coupon.meta_data, idempotencyMetaKey) === key) return coupon;
    }
    return null;
  }

  async function issue(plan: StoreCreditPlan, callOptions: CreateRefundOptions): Promise<IssueStoreCreditResult> {
    const key = callOptions.idempotencyKey;
    const signal = callOptions.signal;
    checkStoreCreditPlan(plan);
    const fingerprint = fingerprintOf({
      orderId: plan.orderId,
      customerId: plan.customerId,
      currency: plan.currency,
      lines: plan.lines.map((line) => [line.lineItemId, line.quantity, line.amount.amount, line.tax.amount]),
      shipping: plan.shipping?.amount ?? 0,
      total: plan.total.amount,
      bonus: plan.bonus?.amount ?? 0,
      expiresAt: plan.expiresAt ?? null,
      restock: plan.restock ?? false,
    });
    const claim = await claimKey(context, { key, operation: 'store_credit', fingerprint, what: 'store credit' });
    if (claim.kind === 'in_progress') return { outcome: 'in_progress', idempotencyKey: key };
    if (claim.kind === 'rejected') {
      return {
        outcome: 'rejected',
        userErrors: [{ field: 'storeCredit', message: claim.message, code: null }],
        idempotencyKey: key,
      };
    }
    const { succeededBefore } = claim;
    const currency = plan.currency;
    const amount = add(plan.total, plan.bonus ?? zero(currency));
    const expiresAt = plan.expiresAt == null ? null : new Date(plan.expiresAt).toISOString();
    let acted = false;
    try {
      // 1. The lines back on the order's books, without the payment gateway.
      let platformRefundId: string | null = null;
      let orderEmail: string | null = null;
      const refundsLines = plan.lines.length > 0 || (plan.shipping?.amount ?? 0) > 0;
      if (refundsLines) {
        const found = await context.findRefundByKey(plan.orderId, key, signal);
        if (found !== null) platformRefundId = String(found.id);
        else {
          if (succeededBefore) throw ledgerDisagrees(key, `refund on order ${plan.orderId}`);
          const order = await context.getOrder(plan.orderId, signal);
          if (order === null) {
            return await reject(context, key, {
              field: 'orderId',
              message: `Order ${plan.orderId} does not exist.`,
              code: 'not_found',
            });
          }
          orderEmail = order.email ?? null;
          const remaining = remainingRefundable(order);
          if (plan.total.amount > remaining.amount) {
            return await reject(context, key, {
              field: 'total',
              message: `Store credit for ${toDecimalString(plan.total)} of lines exceeds the remaining refundable ${toDecimalString(remaining)} of order ${order.id}.`,
              code: 'exceeds_refundable',
            });
          }
          const body = buildWooCommerceRefundRequest(
            order,
            {
              orderId: plan.orderId,
              currency,
              lines: plan.lines,
              shipping: plan.shipping ?? null,
              total: plan.total,
              restock: plan.restock ?? false,
              note: plan.note ?? 'Store credit',
            },
            { idempotencyKey: key, gatewayRefund: false, metaKey: idempotencyMetaKey },
          );
          const endpoint = `orders/${plan.orderId}/refunds`;
          const raw = await context.write('post', endpoint, body, {
            signal,
            lookup: () => context.findRefundByKey(plan.orderId, key, signal),
          });
          platformRefundId = String(parseWooCommerceRefund(raw).id);
          acted = true;
        }
      }

      // 2. The credit: the merchant's plugin, or a single-customer coupon.
      const email = async (): Promise<string | null> => {
        if (plan.email != null && plan.email !== '') return plan.email;
        if (orderEmail !== null) return orderEmail;
        return (await context.getOrder(plan.orderId, signal))?.email ?? null;
      };
      let credit: IssuedStoreCredit;
      if (options.issueStoreCredit !== undefined) {
        const recorded = succeededBefore
          ? (claim.recorded as { platformCreditId?: unknown; code?: unknown } | null)
          : null;
        if (recorded !== null && typeof recorded.platformCreditId === 'string') {
          credit = {
            platformCreditId: recorded.platformCreditId,
            amount,
            code: typeof recorded.code === 'string' ? recorded.code : null,
            expiresAt,
            platformRefundId,
          };
        } else {
          const answer = pluginAnswerSchema.safeParse(
            await options.issueStoreCredit({
              orderId: plan.orderId,
              customerId: plan.customerId,
              email: await email(),
              amount,
              expiresAt,
              idempotencyKey: key,
              platformRefundId,
              note: plan.note ?? null,
            }),
          );
          if (!answer.success) {
            throw new AftersaleError({
              code: 'invalid_input',
              message: `issueStoreCredit answered something other than { id, code }: ${answer.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}. Make it resolve with the plugin's credit id and code.`,
            });
          }
          if (answer.data.replayed !== true) acted = true;
          credit = {
            platformCreditId: answer.data.id,
            amount,
            code: answer.data.code ?? null,
            expiresAt,
            platformRefundId,
          };
        }
      } else {
        const code = storeCreditCouponCode(options.couponSecret, context.shopId, key);
        let coupon = await findCoupon(key, signal);
        if (coupon === null) {
          if (succeededBefore) throw ledgerDisagrees(key, 'coupon');
          const to = await email();
          if (to === null || to === '') {
            return await reject(context, key, {
              field: 'email',
              message: `Order ${plan.orderId} has no e-mail to bind the store-credit coupon to; give the plan's email.`,
              code: 'missing_email',
            });
          }
          const body = buildWooCommerceStoreCreditCoupon({
            code,
            amount,
            email: to,
            orderId: plan.orderId,
            expiresAt,
            idempotencyKey: key,
            note: plan.note ?? null,
          });
          try {
            coupon = parseCoupon(
              await context.write('post', 'coupons', body, { signal, lookup: () => findCoupon(key, signal) }),
            );
            acted = true;
          } catch (error) {
            // The code is the key's: a coupon already holding it is this credit, written by a call
            // whose answer was lost and that WooCommerce's search did not show yet.
            const existing =
              AftersaleError.hasCode(error, 'platform_rejected') &&
              String(error.details.platformCode ?? '').endsWith('code_already_exists')
                ? await findCouponByCode(code, key, signal)
                : null;
            if (existing === null) throw error;
            coupon = existing;
          }
        }
        credit = {
          platformCreditId: String(coupon.id),
          amount: wooMoney(coupon.amount, currency),
          code: coupon.code,
          expiresAt: wooTimestamp(coupon.date_expires_gmt) ?? null,
          platformRefundId,
        };
      }
      await recordOutcome(context, key, 'succeeded', {
        platformRefundId: credit.platformRefundId,
        platformCreditId: credit.platformCreditId,
        code: credit.code,
      });
      return { outcome: 'issued', credit, replayed: !acted, idempotencyKey: key };
    } catch (error) {
      return settleFailure(context, key, error, { field: 'storeCredit', succeededBefore, signal });
    }
  }

  return { issue };
}

function parseCoupon(input: unknown): WooCommerceCoupon {
  const parsed = wooCommerceCouponSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_order', subject: 'WooCommerce coupon' });
  return parsed.data;
}
