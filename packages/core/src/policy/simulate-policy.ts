import { z } from 'zod';
import { AftersaleError, type AftersaleIssue } from '../errors/aftersale-error.js';
import { issuesFromZod } from '../errors/from-zod-error.js';
import { safeParseOrder } from '../model/parse-order.js';
import type { Order } from '../model/schemas.js';
import { type Money, money, subtract } from '../money/money.js';
import { ensurePolicy } from './define-policy.js';
import { evaluateReturn } from './evaluate-return.js';
import type { ReturnBasis } from './message-catalogue.js';
import type { Policy } from './policy-schema.js';
import {
  type CustomerFacts,
  customerFactsSchema,
  type LineStatus,
  type ReturnDecision,
  type ReturnRequest,
  returnRequestSchema,
} from './return-decision.js';

/** One past return request to replay: the order as it was, the request, and when it was made. */
export interface PolicyHistoryEntry {
  /** A label for the report (a return case id); defaults to the order id. */
  id?: string;
  order: Order;
  request: ReturnRequest;
  /** When the request was made: the `now` of the replayed evaluation. */
  requestedAt: string;
  customer?: CustomerFacts;
  consumerCountry?: string;
}

const historyEntrySchema = z.strictObject({
  id: z.string().min(1).optional(),
  order: z.unknown(),
  request: returnRequestSchema,
  requestedAt: z.iso.datetime({ offset: true }),
  customer: customerFactsSchema.optional(),
  consumerCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

/**
 * Reads a history (a JSON array of past requests) for {@link simulatePolicy}, validating every entry
 * and its order; every problem is reported at once with its path (`[3].order.lines[0].quantity`).
 *
 * @throws AftersaleError `invalid_input` listing every problem.
 */
export function parsePolicyHistory(json: unknown): PolicyHistoryEntry[] {
  const parsed = z.array(historyEntrySchema).safeParse(json);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Invalid policy history: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
  const issues: AftersaleIssue[] = [];
  const entries: PolicyHistoryEntry[] = [];
  parsed.data.forEach((entry, index) => {
    const order = safeParseOrder(entry.order);
    if (!order.success) {
      const nested = order.error.issues.length > 0 ? order.error.issues : [{ path: '', message: order.error.message }];
      for (const issue of nested)
        issues.push({ path: `[${index}].order${issue.path ? `.${issue.path}` : ''}`, message: issue.message });
      return;
    }
    entries.push({
      ...(entry.id === undefined ? {} : { id: entry.id }),
      order: order.data,
      request: entry.request,
      requestedAt: entry.requestedAt,
      ...(entry.customer === undefined ? {} : { customer: entry.customer }),
      ...(entry.consumerCountry === undefined ? {} : { consumerCountry: entry.consumerCountry }),
    });
  });
  if (issues.length > 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Invalid policy history: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
  return entries;
}

/** What one policy version decided for one replayed request. */
export type SimulatedOutcome =
  | {
      status: ReturnDecision['status'];
      eligible: boolean;
      lines: { lineItemId: string; status: LineStatus; basis: ReturnBasis | null }[];
      /** The refund total, fees deducted (zero when nothing can be returned). */
      refund: Money;
      /** Every fee charged: return shipping and restocking. */
      fees: Money;
    }
  | { error: { code: string; message: string } };

/** What changed for one request. */
export type SimulatedChange = 'eligibility' | 'status' | 'basis' | 'refund' | 'fees' | 'error';

export interface SimulatedEntry {
  id: string;
  orderId: string;
  before: SimulatedOutcome;
  after: SimulatedOutcome;
  changes: SimulatedChange[];
}

/** The report of {@link simulatePolicy}. */
export interface PolicySimulation {
  before: { id: string; version: number };
  after: { id: string; version: number };
  requests: number;
  /** Requests whose outcome changed in any way. */
  changed: number;
  eligibility: {
    /** Requests that could not be returned before and can after, and the reverse. */
    becameEligible: number;
    becameIneligible: number;
    /** The same, counted by line. */
    linesBecameEligible: number;
    linesBecameIneligible: number;
  };
  /** Refund totals over every request, and after minus before. */
  refunds: { before: Money; after: Money; difference: Money };
  fees: { before: Money; after: Money; difference: Money };
  /** Requests that failed to evaluate under one version or both (listed in `entries` with the error). */
  errors: number;
  entries: SimulatedEntry[];
}

/** Options of {@link simulatePolicy}. */
export interface SimulatePolicyOptions {
  /** The shop's IANA time zone. */
  shopTimeZone: string;
  /** The locale of the decisions' texts. @default 'en' */
  locale?: string;
}

function outcome(policy: Policy, entry: PolicyHistoryEntry, options: SimulatePolicyOptions): SimulatedOutcome {
  try {
    const decision = evaluateReturn(policy, entry.order, entry.request, {
      now: entry.requestedAt,
      locale: options.locale ?? 'en',
      shopTimeZone: options.shopTimeZone,
      ...(entry.customer === undefined ? {} : { customer: entry.customer }),
      ...(entry.consumerCountry === undefined ? {} : { consumerCountry: entry.consumerCountry }),
    });
    let fees = 0;
    for (const fee of decision.fees) fees += fee.amount.amount;
    for (const line of decision.lines) for (const fee of line.fees) fees += fee.amount.amount;
    return {
      status: decision.status,
      eligible: decision.eligible,
      lines: decision.lines.map((line) => ({ lineItemId: line.lineItemId, status: line.status, basis: line.basis })),
      refund: decision.refund?.total ?? money(0, policy.currency),
      fees: money(fees, policy.currency),
    };
  } catch (error) {
    // A request the engine refuses (a line the order no longer has, a reason the new version dropped) is a result here.
    if (AftersaleError.isInstance(error)) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * Replays past return requests under two versions of a policy and reports what the change does:
 * eligibility won or lost (by request and by line), bases, refund totals and fees. Pure: every
 * request is evaluated at its own `requestedAt`, so the report is the same whenever it is run.
 *
 * @throws AftersaleError `currency_mismatch` when the two versions are in different currencies,
 *   `invalid_policy` for an invalid version.
 * @example
 * ```ts
 * const report = simulatePolicy(current, proposed, parsePolicyHistory(json), { shopTimeZone: 'Europe/Istanbul' });
 * console.log(report.eligibility.becameIneligible, report.refunds.difference);
 * ```
 */
export function simulatePolicy(
  before: Policy,
  after: Policy,
  history: readonly PolicyHistoryEntry[],
  options: SimulatePolicyOptions,
): PolicySimulation {
  const old = ensurePolicy(before);
  const next = ensurePolicy(after);
  if (old.currency !== next.currency) {
    throw new AftersaleError({
      code: 'currency_mismatch',
      message: `The policy versions are in ${old.currency} and ${next.currency}; compare versions of the same shop policy.`,
      details: { before: old.currency, after: next.currency },
    });
  }
  const currency = old.currency;
  const totals = { refundBefore: 0, refundAfter: 0, feesBefore: 0, feesAfter: 0 };
  const eligibility = { becameEligible: 0, becameIneligible: 0, linesBecameEligible: 0, linesBecameIneligible: 0 };
  let errors = 0;
  const entries = history.map((entry): SimulatedEntry => {
    const was = outcome(old, entry, options);
    const is = outcome(next, entry, options);
    const changes: SimulatedChange[] = [];
    if ('error' in was || 'error' in is) {
      errors++;
      if (!('error' in was && 'error' in is && was.error.code === is.error.code)) changes.push('error');
    } else {
      totals.refundBefore += was.refund.amount;
      totals.refundAfter += is.refund.amount;
      totals.feesBefore += was.fees.amount;
      totals.feesAfter += is.fees.amount;
      if (was.eligible !== is.eligible) {
        changes.push('eligibility');
        if (is.eligible) eligibility.becameEligible++;
        else eligibility.becameIneligible++;
      }
      if (was.status !== is.status) changes.push('status');
      let basisChanged = false;
      was.lines.forEach((line, index) => {
        const now = is.lines[index];
        if (now === undefined) return;
        const wasEligible = line.status !== 'ineligible';
        const isEligible = now.status !== 'ineligible';
        if (!wasEligible && isEligible) eligibility.linesBecameEligible++;
        if (wasEligible && !isEligible) eligibility.linesBecameIneligible++;
        if (line.basis !== now.basis) basisChanged = true;
      });
      if (basisChanged) changes.push('basis');
      if (was.refund.amount !== is.refund.amount) changes.push('refund');
      if (was.fees.amount !== is.fees.amount) changes.push('fees');
    }
    return { id: entry.id ?? entry.order.id, orderId: entry.order.id, before: was, after: is, changes };
  });
  const refundBefore = money(totals.refundBefore, currency);
  const refundAfter = money(totals.refundAfter, currency);
  const feesBefore = money(totals.feesBefore, currency);
  const feesAfter = money(totals.feesAfter, currency);
  return {
    before: { id: old.id, version: old.version },
    after: { id: next.id, version: next.version },
    requests: history.length,
    changed: entries.filter((entry) => entry.changes.length > 0).length,
    eligibility,
    refunds: { before: refundBefore, after: refundAfter, difference: subtract(refundAfter, refundBefore) },
    fees: { before: feesBefore, after: feesAfter, difference: subtract(feesAfter, feesBefore) },
    errors,
    entries,
  };
}
