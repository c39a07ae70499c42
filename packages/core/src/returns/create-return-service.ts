import { randomUUID } from 'node:crypto';
import { AftersaleError } from '../errors/aftersale-error.js';
import { type Logger, silentLogger } from '../logger/logger.js';
import type { Order } from '../model/schemas.js';
import { evaluateReturn } from '../policy/evaluate-return.js';
import type { Policy } from '../policy/policy-schema.js';
import type { CustomerFacts, ReturnDecision, ReturnRequest } from '../policy/return-decision.js';
import type { CommerceAdapter, RefundPlan } from '../spec/commerce-adapter.js';
import type { AftersaleStore } from '../spec/store.js';
import type { ReturnCaseRecord } from '../spec/store-records.js';
import {
  applyReturnCaseEvent,
  nextReturnCaseStatus,
  type ReturnActor,
  type ReturnCaseEvent,
  type ReturnCaseEventInput,
  type ReturnCaseState,
  replayReturnCase,
  returnCaseEventSchema,
} from './return-case.js';
import type { ReturnEventBus } from './return-event-bus.js';
import { describeReturnEvent, type ReturnNotification, toOutboxEvent } from './return-notifications.js';
import type { ReturnShippingProvider, ReturnTrackingUpdate } from './return-shipping.js';
import { type ReturnRoute, type ReturnRoutingOptions, routeReturnDecision } from './route-return-decision.js';

/** The store methods the return service uses. */
export type ReturnServiceStore = Pick<
  AftersaleStore,
  'createReturnCase' | 'updateReturnCase' | 'getReturnCase' | 'createRefund' | 'getRefund'
>;

export interface ReturnServiceOptions {
  shopId: string;
  store: ReturnServiceStore;
  /** Moves the money. Its own idempotency ledger (in the store) makes every refund happen once. */
  adapter: Pick<CommerceAdapter, 'createRefund'>;
  policy: Policy;
  /** The shop's IANA time zone: deadlines end at midnight there. */
  shopTimeZone: string;
  routing?: ReturnRoutingOptions;
  /** Where return labels come from; required only for `issueLabel`. */
  shipping?: ReturnShippingProvider;
  /** In-process subscribers; the store's outbox gets every event either way. */
  events?: ReturnEventBus;
  /** The clock. @default () => new Date() */
  now?: () => Date;
  /** Unique suffixes for case ids. @default crypto.randomUUID */
  newId?: () => string;
  logger?: Logger;
}

export interface RequestReturnInput {
  order: Order;
  request: ReturnRequest;
  /** The customer's locale: decides the language of every message of the case. */
  locale: string;
  customer?: CustomerFacts;
  actor?: ReturnActor;
  /** The customer's own words, kept apart from the events (erasable). */
  customerNote?: string;
}

export interface RequestReturnResult {
  case: ReturnCaseState;
  decision: ReturnDecision;
  route: ReturnRoute;
}

export interface StaffAction {
  actor: ReturnActor;
  note?: string;
}

export type RefundReturnResult =
  | { outcome: 'refunded'; case: ReturnCaseState; refundId: string; replayed: boolean }
  | { outcome: 'in_progress'; case: ReturnCaseState };

interface CaseData {
  events: ReturnCaseEvent[];
  locale: string;
  orderName: string;
  returnBy: string | null;
}

const automation: ReturnActor = { kind: 'automation', id: 'aftersale' };

function caseData(record: ReturnCaseRecord): CaseData {
  const data = record.data as Partial<CaseData>;
  if (!Array.isArray(data.events) || typeof data.locale !== 'string' || typeof data.orderName !== 'string') {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Return case ${record.id} was not written by the return service (its event log is missing); manage it with the store directly.`,
      details: { caseId: record.id },
    });
  }
  return {
    events: data.events.map((event) => returnCaseEventSchema.parse(event)),
    locale: data.locale,
    orderName: data.orderName,
    returnBy: data.returnBy ?? null,
  };
}

/** The store's status history of a case, people named by id. */
function statusHistoryOf(state: ReturnCaseState): ReturnCaseRecord['statusHistory'] {
  return state.history.map((entry) => ({
    status: entry.status,
    at: entry.at,
    actor: entry.actor.id ? `${entry.actor.kind}:${entry.actor.id}` : entry.actor.kind,
    reason: entry.event,
  }));
}

function latestDeadline(decision: ReturnDecision): string | null {
  const deadlines = decision.lines.flatMap((line) => (line.eligible && line.deadline ? [line.deadline] : []));
  return deadlines.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? null;
}

/**
 * Ties the policy engine, an adapter and a store together: a return case from the customer's request
 * to the closed case. Every step is an event with its actor and time, written with its store-app event
 * in one transaction (the outbox), then delivered to in-process subscribers.
 */
export function createReturnService(options: ReturnServiceOptions) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const logger = options.logger ?? silentLogger;
  const { shopId, store } = options;

  async function load(caseId: string): Promise<{ record: ReturnCaseRecord; data: CaseData; state: ReturnCaseState }> {
    const record = await store.getReturnCase(shopId, caseId);
    if (!record) {
      throw new AftersaleError({
        code: 'store_not_found',
        message: `Shop ${shopId} has no return case ${caseId}; check the id (cases are per shop).`,
        details: { caseId },
      });
    }
    const data = caseData(record);
    return { record, data, state: replayReturnCase(caseId, data.events) };
  }

  function decisionOf(record: ReturnCaseRecord): ReturnDecision {
    return record.decision as ReturnDecision;
  }

  async function publish(notifications: ReturnNotification[]): Promise<void> {
    if (!options.events) return;
    for (const notification of notifications) await options.events.emit(notification);
  }

  /** Applies events to a stored case, writes them with their outbox rows, then publishes them. */
  async function append(caseId: string, events: ReturnCaseEventInput[]): Promise<ReturnCaseState> {
    const { record, data, state } = await load(caseId);
    let next = state;
    const applied: ReturnCaseEvent[] = [];
    const notifications: ReturnNotification[] = [];
    for (const input of events) {
      next = applyReturnCaseEvent(next, input);
      const event = returnCaseEventSchema.parse(input);
      applied.push(event);
      notifications.push(
        describeReturnEvent(next, event, {
          locale: data.locale,
          orderName: data.orderName,
          returnBy: data.returnBy,
          timeZone: options.shopTimeZone,
        }),
      );
    }
    await store.updateReturnCase(
      {
        ...record,
        status: next.status,
        statusHistory: statusHistoryOf(next),
        data: { ...data, events: [...data.events, ...applied] },
      },
      record.version,
      { events: notifications.map(toOutboxEvent) },
    );
    await publish(notifications);
    return next;
  }

  function at(): string {
    return now().toISOString();
  }

  async function refundWith(
    caseId: string,
    outcome: 'refunded' | 'kept',
    action: StaffAction,
    plan?: RefundPlan,
  ): Promise<RefundReturnResult> {
    const { record, state } = await load(caseId);
    if (state.resolution) {
      // Resolved already (a retry of a call that succeeded): nothing moves again.
      if (state.resolution.reference?.startsWith('rfd_')) {
        return { outcome: 'refunded', case: state, refundId: state.resolution.reference, replayed: true };
      }
    }
    if (nextReturnCaseStatus(state.status, 'resolved') === null) {
      throw new AftersaleError({
        code: 'invalid_return_transition',
        message: `Return case ${caseId} is "${state.status}": refund it once the items are inspected (or, for a returnless refund, once it is approved).`,
        details: { caseId, status: state.status },
      });
    }
    // Every guard of the lifecycle is checked before any money moves: a dry run of the event.
    applyReturnCaseEvent(state, { type: 'resolved', at: at(), actor: action.actor, outcome });
    const decision = decisionOf(record);
    const inspectedProblems = state.lines.some((line) =>
      Object.keys(line.inspection ?? {}).some((condition) => condition !== 'as_expected'),
    );
    if (inspectedProblems && !plan) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Return case ${caseId}: inspection found items not as expected; compute the refund for what came back (computeRefund) and pass it as the plan.`,
        details: { caseId },
      });
    }
    const refundPlan: RefundPlan | null = plan ?? decision.refund;
    if (!refundPlan) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Return case ${caseId}: the decision has no refund (no returnable line); pass a plan to refund anyway.`,
        details: { caseId },
      });
    }
    // The key names the intended refund; the adapter's ledger makes a retry or a crash replay it.
    const idempotencyKey = `${shopId}:${caseId}:refund`;
    const result = await options.adapter.createRefund(refundPlan, { idempotencyKey });
    if (result.outcome === 'in_progress') return { outcome: 'in_progress', case: state };
    if (result.outcome === 'rejected') {
      throw new AftersaleError({
        code: 'refund_rejected',
        message: `The platform refused the refund of return case ${caseId}: ${result.userErrors.map((error) => `${error.field}: ${error.message}`).join('; ')}.`,
        details: { caseId, userErrors: result.userErrors.map((error) => ({ ...error })) },
      });
    }
    const refundId = `rfd_${caseId.replace(/^ret_/, '')}`;
    if (!(await store.getRefund(shopId, refundId))) {
      await store.createRefund({
        shopId,
        id: refundId,
        orderId: record.orderId,
        returnCaseId: caseId,
        idempotencyKey,
        amount: refundPlan.total,
        status: 'succeeded',
        plan: JSON.parse(JSON.stringify(refundPlan)),
        platformRefundId: result.platformRefundId,
      });
    }
    const next = await append(caseId, [
      {
        type: 'resolved',
        at: at(),
        actor: action.actor,
        note: action.note ?? null,
        outcome,
        amount: refundPlan.total,
        reference: refundId,
      },
    ]);
    logger.info({ caseId, refundId, replayed: result.replayed }, 'return refunded');
    return { outcome: 'refunded', case: next, refundId, replayed: result.replayed };
  }

  return {
    /** Decides a request against the policy, opens the case, and routes it (approve, decline or review). */
    async request(input: RequestReturnInput): Promise<RequestReturnResult> {
      const requestedAt = at();
      const decision = evaluateReturn(options.policy, input.order, input.request, {
        now: requestedAt,
        locale: input.locale,
        shopTimeZone: options.shopTimeZone,
        ...(input.customer ? { customer: input.customer } : {}),
      });
      const route = routeReturnDecision(decision, options.routing);
      const caseId = `ret_${newId()}`;
      const actor = input.actor ?? { kind: 'customer', id: input.order.customer?.id ?? null };
      const lines = decision.lines.map((line) => {
        const asked = (input.request.lines ?? []).find((candidate) => candidate.lineItemId === line.lineItemId);
        return {
          lineItemId: line.lineItemId,
          quantity: line.quantity,
          reason: line.reason.code,
          resolution: asked?.resolution ?? 'refund',
        };
      });
      const events: ReturnCaseEventInput[] = [
        {
          type: 'requested',
          at: requestedAt,
          actor,
          orderId: input.order.id,
          lines,
          decision: {
            status: decision.status,
            refundTotal: decision.refund?.total ?? null,
            policy: { id: decision.policy.id, version: decision.policy.version },
          },
        },
      ];
      if (route.action === 'approve') events.push({ type: 'approved', at: requestedAt, actor: automation });
      else if (route.action === 'decline') events.push({ type: 'declined', at: requestedAt, actor: automation });
      else events.push({ type: 'review_required', at: requestedAt, actor: automation, reasons: route.reasons });

      const data: CaseData = {
        events: events.map((event) => returnCaseEventSchema.parse(event)),
        locale: input.locale,
        orderName: input.order.source.name ?? input.order.id,
        returnBy: latestDeadline(decision),
      };
      let state: ReturnCaseState | null = null;
      const notifications: ReturnNotification[] = [];
      for (const event of data.events) {
        state = applyReturnCaseEvent(state, event, caseId);
        notifications.push(
          describeReturnEvent(state, event, {
            locale: data.locale,
            orderName: data.orderName,
            returnBy: data.returnBy,
            timeZone: options.shopTimeZone,
          }),
        );
      }
      const opened = state as ReturnCaseState;
      await store.createReturnCase(
        {
          shopId,
          id: caseId,
          orderId: input.order.id,
          customerId: input.order.customer?.id ?? null,
          status: opened.status,
          lines,
          decision: JSON.parse(JSON.stringify(decision)),
          policy: { policyId: decision.policy.id, version: decision.policy.version },
          statusHistory: statusHistoryOf(opened),
          customerNote: input.customerNote ?? null,
          data: { ...data },
        },
        { events: notifications.map(toOutboxEvent) },
      );
      await publish(notifications);
      return { case: opened, decision, route };
    },

    /** The case as its events make it. */
    async get(caseId: string): Promise<ReturnCaseState> {
      return (await load(caseId)).state;
    },

    /** A person approves (after review, or against the decision with `override` and a note). */
    approve(caseId: string, action: StaffAction & { override?: boolean }): Promise<ReturnCaseState> {
      return append(caseId, [
        {
          type: 'approved',
          at: at(),
          actor: action.actor,
          note: action.note ?? null,
          override: action.override ?? false,
        },
      ]);
    },

    decline(caseId: string, action: StaffAction & { override?: boolean }): Promise<ReturnCaseState> {
      return append(caseId, [
        {
          type: 'declined',
          at: at(),
          actor: action.actor,
          note: action.note ?? null,
          override: action.override ?? false,
        },
      ]);
    },

    /** Issues a return label through the shipping provider and records the carrier. */
    async issueLabel(caseId: string, action: StaffAction): Promise<ReturnCaseState> {
      if (!options.shipping) {
        throw new AftersaleError({
          code: 'invalid_config',
          message:
            'issueLabel needs a shipping provider: pass `shipping` (createManualReturnShipping for manual entry).',
        });
      }
      const { record, state } = await load(caseId);
      const label = await options.shipping.createLabel({
        shopId,
        caseId,
        orderId: record.orderId,
        lines: state.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
      });
      return append(caseId, [
        {
          type: 'label_issued',
          at: at(),
          actor: action.actor,
          note: action.note ?? null,
          carrier: label.carrier,
          trackingNumber: label.trackingNumber,
          designated: label.designated,
          provider: label.provider,
        },
      ]);
    },

    /** A tracking reading moves the case: in transit, then received when the parcel arrives. */
    tracking(caseId: string, update: ReturnTrackingUpdate, actor: ReturnActor = { kind: 'platform', id: 'carrier' }) {
      if (update.stage === 'label_issued') return this.get(caseId);
      return append(caseId, [
        update.stage === 'in_transit'
          ? { type: 'in_transit', at: update.at, actor }
          : { type: 'received', at: update.at, actor },
      ]);
    },

    received(caseId: string, action: StaffAction): Promise<ReturnCaseState> {
      return append(caseId, [{ type: 'received', at: at(), actor: action.actor, note: action.note ?? null }]);
    },

    inspect(
      caseId: string,
      lines: {
        lineItemId: string;
        quantity: number;
        condition: 'as_expected' | 'damaged' | 'missing' | 'wrong_item';
      }[],
      action: StaffAction,
    ): Promise<ReturnCaseState> {
      return append(caseId, [{ type: 'inspected', at: at(), actor: action.actor, note: action.note ?? null, lines }]);
    },

    /** Refunds to the original payment, exactly once, and resolves the case. */
    refund(caseId: string, action: StaffAction & { plan?: RefundPlan } = { actor: automation }) {
      return refundWith(caseId, 'refunded', action, action.plan);
    },

    /** A returnless refund: the customer keeps the items. */
    keep(caseId: string, action: StaffAction = { actor: automation }) {
      return refundWith(caseId, 'kept', action);
    },

    close(caseId: string, action: StaffAction = { actor: automation }): Promise<ReturnCaseState> {
      return append(caseId, [{ type: 'closed', at: at(), actor: action.actor, note: action.note ?? null }]);
    },

    cancel(caseId: string, action: StaffAction): Promise<ReturnCaseState> {
      return append(caseId, [{ type: 'cancelled', at: at(), actor: action.actor, note: action.note ?? null }]);
    },
  };
}

export type ReturnService = ReturnType<typeof createReturnService>;
