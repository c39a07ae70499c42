import { AftersaleError } from '../errors/aftersale-error.js';
import { absolute, type Money, zero } from '../money/money.js';
import { evaluateReturn } from '../policy/evaluate-return.js';
import type { ReturnDecision } from '../policy/return-decision.js';
import {
  type CommerceEvent,
  hasCapability,
  type PlatformReturn,
  type RefundPlan,
  type ReturnOperations,
  type ReturnResult,
  type StoreCreditPlan,
} from '../spec/commerce-adapter.js';
import type { ReturnCaseRecord } from '../spec/store-records.js';
import { createOrderMoneyMoves } from './order-money-moves.js';
import { exchangeSettlement, offeredResolution, platformDeclineReason, storeCreditBonus } from './resolution-terms.js';
import {
  applyReturnCaseEvent,
  nextReturnCaseStatus,
  type ReturnActor,
  type ReturnCaseEventInput,
  type ReturnCaseState,
  type ReturnOutcome,
  replayReturnCase,
  returnCaseEventSchema,
} from './return-case.js';
import { type CaseData, type MirroredReturn, readCaseData, writeCaseData } from './return-case-data.js';
import {
  type CaseNotification,
  type DescribeReturnEventOptions,
  describeReturnEvent,
  toOutboxEvent,
} from './return-notifications.js';
import { capabilityMissing, createReturnServiceContext, digest, platformRefused } from './return-service-context.js';
import type {
  CommerceEventHandling,
  CreditReturnAction,
  CreditReturnResult,
  ExchangeReturnInput,
  ExchangeReturnResult,
  RefundReturnResult,
  RequestReturnInput,
  RequestReturnResult,
  ReturnServiceOptions,
  StaffAction,
} from './return-service-types.js';
import type { ReturnTrackingUpdate } from './return-shipping.js';
import { routeReturnDecision } from './route-return-decision.js';

export type {
  CancelOrderServiceInput,
  CommerceEventHandling,
  CreditReturnAction,
  CreditReturnResult,
  ExchangeReturnInput,
  ExchangeReturnResult,
  GoodwillRefundInput,
  OrderMoneyResult,
  RefundReturnResult,
  RequestReturnInput,
  RequestReturnResult,
  ReturnServiceAdapter,
  ReturnServiceOptions,
  ReturnServiceStore,
  StaffAction,
} from './return-service-types.js';

const automation: ReturnActor = { kind: 'automation', id: 'aftersale' };
/** Who acts when the platform's admin (or the platform itself) changed something. */
const platformAdmin: ReturnActor = { kind: 'platform', id: 'admin' };
/** Statuses of a case whose money has not moved and that can still be resolved. */
const openStatuses = new Set(['requested', 'approved', 'awaiting_items', 'received', 'inspected']);
/** Platform return statuses the service mirrors onto a case. */
const platformStatusEvents: Record<string, 'declined' | 'closed' | 'cancelled'> = {
  DECLINED: 'declined',
  CLOSED: 'closed',
  CANCELED: 'cancelled',
};

interface Loaded {
  record: ReturnCaseRecord;
  data: CaseData;
  state: ReturnCaseState;
}

interface CommitExtras {
  data?: Partial<CaseData>;
  platformStatus?: string;
  /** The platform return the case mirrors from now on (an exchange's return). */
  platformReturnId?: string;
  describe?: Partial<DescribeReturnEventOptions>;
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

function mirrorOf(platformReturn: PlatformReturn): MirroredReturn {
  return {
    id: platformReturn.id,
    status: platformReturn.status,
    lines: platformReturn.lines
      .filter((line) => line.quantity > 0)
      .map((line) => ({ id: line.id, lineItemId: line.lineItemId, quantity: line.quantity })),
  };
}

/** The refund-plan lines as the spec has them (a detailed plan carries more fields). */
function planLines(plan: RefundPlan): StoreCreditPlan['lines'] {
  return plan.lines.map((line) => ({
    lineItemId: line.lineItemId,
    quantity: line.quantity,
    amount: line.amount,
    tax: line.tax,
  }));
}

/**
 * Ties the policy engine, an adapter and a store together: a return case from the customer's request
 * to the closed case, and the money moves on an order outside a case. Every step is an event with its
 * actor and time, written with its store-app event in one transaction (the outbox), then delivered to
 * in-process subscribers and, with `order_notes`, noted on the order. With `returns` (Shopify) the case
 * mirrors a platform Return. Every money move happens once: one idempotency key per case and kind.
 */
export function createReturnService(options: ReturnServiceOptions) {
  const context = createReturnServiceContext(options);
  const { shopId, store, logger, at } = context;
  const { adapter } = options;
  const returnsOps: ReturnOperations | null =
    hasCapability(adapter, 'returns') && adapter.returns ? adapter.returns : null;
  const orderMoves = createOrderMoneyMoves(context, adapter);

  const keyOf = (caseId: string, kind: 'refund' | 'store-credit' | 'exchange' | 'return-process') =>
    `${shopId}:${caseId}:${kind}`;
  const refundIdOf = (caseId: string, kind?: 'credit' | 'exchange') =>
    `rfd_${caseId.replace(/^ret_/, '')}${kind ? `_${kind}` : ''}`;

  async function load(caseId: string): Promise<Loaded> {
    const record = await store.getReturnCase(shopId, caseId);
    if (!record) {
      throw new AftersaleError({
        code: 'store_not_found',
        message: `Shop ${shopId} has no return case ${caseId}; check the id (cases are per shop).`,
        details: { caseId },
      });
    }
    const data = readCaseData(record);
    return { record, data, state: replayReturnCase(caseId, data.events) };
  }

  function decisionOf(record: ReturnCaseRecord): ReturnDecision {
    return record.decision as ReturnDecision;
  }

  function describeOptions(data: CaseData): DescribeReturnEventOptions {
    return {
      locale: data.locale,
      orderName: data.orderName,
      returnBy: data.returnBy,
      timeZone: options.shopTimeZone,
    };
  }

  /** Applies events to a loaded case, writes them with their outbox rows, then announces them. */
  async function commit(loaded: Loaded, events: ReturnCaseEventInput[], extras: CommitExtras = {}) {
    let next = loaded.state;
    const applied = [];
    const notifications: CaseNotification[] = [];
    for (const input of events) {
      next = applyReturnCaseEvent(next, input);
      const event = returnCaseEventSchema.parse(input);
      applied.push(event);
      notifications.push(describeReturnEvent(next, event, { ...describeOptions(loaded.data), ...extras.describe }));
    }
    const data: CaseData = { ...loaded.data, ...extras.data, events: [...loaded.data.events, ...applied] };
    await store.updateReturnCase(
      {
        ...loaded.record,
        status: next.status,
        statusHistory: statusHistoryOf(next),
        data: writeCaseData(data),
        ...(extras.platformStatus === undefined ? {} : { platformStatus: extras.platformStatus }),
        ...(extras.platformReturnId === undefined ? {} : { platformReturnId: extras.platformReturnId }),
      },
      loaded.record.version,
      { events: notifications.map(toOutboxEvent) },
    );
    await context.announce(loaded.record.orderId, notifications, data.locale);
    return next;
  }

  async function append(caseId: string, events: ReturnCaseEventInput[], extras?: CommitExtras) {
    return commit(await load(caseId), events, extras);
  }

  /**
   * One staff step, mirrored first on the case's platform return: `mirror` makes the platform call
   * (or answers the platform's status as it stands, or `null` for nothing to mirror). The lifecycle's
   * guard runs before the platform hears of it; a platform refusal throws and nothing is written.
   */
  async function mirroredStep(
    caseId: string,
    event: ReturnCaseEventInput,
    verb: string,
    mirror: (
      ops: ReturnOperations,
      platformReturn: MirroredReturn,
      loaded: Loaded,
    ) => Promise<ReturnResult | string> | ReturnResult | string | null,
  ): Promise<ReturnCaseState> {
    const loaded = await load(caseId);
    applyReturnCaseEvent(loaded.state, event);
    const platformReturn = loaded.data.platformReturn;
    if (!returnsOps || !platformReturn) return commit(loaded, [event]);
    const outcome = await mirror(returnsOps, platformReturn, loaded);
    if (outcome === null) return commit(loaded, [event]);
    if (typeof outcome === 'string') return commit(loaded, [event], mirrored(platformReturn, outcome));
    if (outcome.outcome === 'rejected') {
      throw platformRefused(`${verb} the return ${platformReturn.id}`, `return case ${caseId}`, outcome.userErrors);
    }
    return commit(loaded, [event], mirrored(platformReturn, outcome.return.status));
  }

  /** The case's platform return and the case data that records its new status. */
  function mirrored(platformReturn: MirroredReturn, status: string): CommitExtras {
    return { data: { platformReturn: { ...platformReturn, status } }, platformStatus: status };
  }

  /** Refuses with the lifecycle's own error unless the case may be resolved with this outcome. */
  function checkResolvable(state: ReturnCaseState, caseId: string, outcome: ReturnOutcome, actor: ReturnActor): void {
    if (nextReturnCaseStatus(state.status, 'resolved') === null) {
      throw new AftersaleError({
        code: 'invalid_return_transition',
        message: `Return case ${caseId} is "${state.status}"${state.resolution ? ` (resolved as ${state.resolution.outcome})` : ''}: resolve it once the items are inspected (or, for a returnless refund, once it is approved).`,
        details: { caseId, status: state.status },
      });
    }
    // Every guard of the lifecycle is checked before any money moves: a dry run of the event.
    applyReturnCaseEvent(state, { type: 'resolved', at: at(), actor, outcome });
  }

  /** The `resolved` event that ends a case: who resolved it, how, for how much, and the platform's reference. */
  function resolvedEvent(
    actor: ReturnActor,
    note: string | null,
    outcome: ReturnOutcome,
    amount: Money,
    reference: string,
  ): ReturnCaseEventInput {
    return { type: 'resolved', at: at(), actor, note, outcome, amount, reference };
  }

  /** The plan to pay: the one given, else the decision's refund; a plan is required after a bad inspection. */
  function planFor(loaded: Loaded, caseId: string, plan: RefundPlan | undefined, what: string): RefundPlan {
    const inspectedProblems = loaded.state.lines.some((line) =>
      Object.keys(line.inspection ?? {}).some((condition) => condition !== 'as_expected'),
    );
    if (inspectedProblems && !plan) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Return case ${caseId}: inspection found items not as expected; compute the ${what} for what came back (computeRefund) and pass it as the plan.`,
        details: { caseId },
      });
    }
    const chosen = plan ?? decisionOf(loaded.record).refund;
    if (!chosen) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Return case ${caseId}: the decision has no refund (no returnable line); pass a plan to give money back anyway.`,
        details: { caseId },
      });
    }
    return chosen;
  }

  /** Writes the refund record of a money move unless a retry wrote it already. */
  async function recordRefund(input: {
    refundId: string;
    record: ReturnCaseRecord;
    key: string;
    amount: Money;
    plan: unknown;
    platformRefundId: string | null;
    platformStatus: string;
  }): Promise<void> {
    if (await store.getRefund(shopId, input.refundId)) return;
    await store.createRefund({
      shopId,
      id: input.refundId,
      orderId: input.record.orderId,
      returnCaseId: input.record.id,
      idempotencyKey: input.key,
      amount: input.amount,
      status: 'succeeded',
      plan: JSON.parse(JSON.stringify(input.plan)),
      platformRefundId: input.platformRefundId,
      platformStatus: input.platformStatus,
    });
  }

  /** How far the platform's clock may run behind ours when a refund is compared with a case. */
  const clockSkewMs = 5 * 60_000;
  /** The mark the adapters leave in the note of every refund aftersale makes (`[aftersale:<key>]`). */
  const aftersaleMarker = /\[aftersale:([^\]\s]+)\]/;

  /** Whether the ledger already holds the key (a money move made or under way). */
  async function ledgerHolds(key: string): Promise<boolean> {
    if (typeof store.getIdempotencyEntry !== 'function') return false;
    const entry = await store.getIdempotencyEntry(shopId, key);
    return entry !== null && entry.state !== 'failed';
  }

  async function refundWith(
    caseId: string,
    outcome: 'refunded' | 'kept',
    action: StaffAction,
    plan?: RefundPlan,
  ): Promise<RefundReturnResult> {
    const loaded = await load(caseId);
    const { record, data, state } = loaded;
    const resolution = state.resolution;
    if (resolution && (resolution.outcome === 'refunded' || resolution.outcome === 'kept') && resolution.reference) {
      // Resolved already (a retry of a call that succeeded, or an admin refund): nothing moves again.
      return { outcome: 'refunded', case: state, refundId: resolution.reference, replayed: true };
    }
    checkResolvable(state, caseId, outcome, action.actor);
    if (data.reconciledRefund) {
      // The platform's admin refunded the case before it could be resolved: resolve it with that refund.
      const reconciled = data.reconciledRefund;
      const next = await commit(
        loaded,
        [resolvedEvent(action.actor, action.note ?? null, outcome, reconciled.amount, reconciled.refundId)],
        { describe: { reconciled: true } },
      );
      return { outcome: 'refunded', case: next, refundId: reconciled.refundId, replayed: true };
    }
    const refundPlan = planFor(loaded, caseId, plan, 'refund');
    // The key names the intended refund; the adapter's ledger makes a retry or a crash replay it.
    const idempotencyKey = keyOf(caseId, 'refund');
    const refundId = refundIdOf(caseId);
    const platformReturn = data.platformReturn;
    let platformRefundId: string | null;
    let replayed: boolean;
    let extras: CommitExtras = {};
    if (
      returnsOps &&
      platformReturn &&
      outcome === 'refunded' &&
      !['DECLINED', 'CANCELED'].includes(platformReturn.status)
    ) {
      // The case mirrors a platform return: the refund is paid by processing it.
      replayed = (await ledgerHolds(idempotencyKey)) || (await store.getRefund(shopId, refundId)) !== null;
      const processed = await returnsOps.process(
        {
          returnId: platformReturn.id,
          lines: platformReturn.lines.map((line) => ({ returnLineId: line.id, quantity: line.quantity })),
          refund: refundPlan,
          notifyCustomer: false,
        },
        { idempotencyKey },
      );
      if (processed.outcome === 'rejected') {
        throw platformRefused(
          'process the return with its refund',
          `return case ${caseId}`,
          processed.userErrors,
          'refund_rejected',
        );
      }
      // The platform's refund id arrives with its refunds/create webhook (handleCommerceEvent matches it).
      platformRefundId = null;
      extras = mirrored(platformReturn, processed.return.status);
    } else {
      const result = await options.adapter.createRefund(refundPlan, { idempotencyKey });
      if (result.outcome === 'in_progress') return { outcome: 'in_progress', case: state };
      if (result.outcome === 'rejected') {
        throw platformRefused('issue the refund', `return case ${caseId}`, result.userErrors, 'refund_rejected');
      }
      platformRefundId = result.platformRefundId;
      replayed = result.replayed;
    }
    await recordRefund({
      refundId,
      record,
      key: idempotencyKey,
      amount: refundPlan.total,
      plan: refundPlan,
      platformRefundId,
      platformStatus: extras.platformStatus ?? 'refunded',
    });
    const next = await commit(
      loaded,
      [resolvedEvent(action.actor, action.note ?? null, outcome, refundPlan.total, refundId)],
      extras,
    );
    logger.info({ caseId, refundId, replayed }, 'return refunded');
    return { outcome: 'refunded', case: next, refundId, replayed };
  }

  /** Marks the platform return's lines processed (no money) once the case is settled another way. */
  async function processWithoutRefund(caseId: string, platformReturn: MirroredReturn): Promise<CommitExtras> {
    if (!returnsOps || platformReturn.status !== 'OPEN') return {};
    const processed = await returnsOps.process(
      {
        returnId: platformReturn.id,
        lines: platformReturn.lines.map((line) => ({ returnLineId: line.id, quantity: line.quantity })),
        refund: null,
        notifyCustomer: false,
      },
      { idempotencyKey: keyOf(caseId, 'return-process') },
    );
    if (processed.outcome === 'rejected') {
      throw platformRefused('process the return', `return case ${caseId}`, processed.userErrors);
    }
    return mirrored(platformReturn, processed.return.status);
  }

  /** Resolves an open case with a refund made in the platform's admin, or records it for later. */
  async function reconcileAdminRefund(
    loaded: Loaded,
    refundId: string,
    amount: Money,
    platformRefundId: string,
  ): Promise<CommerceEventHandling> {
    const { state, record } = loaded;
    const caseId = record.id;
    const keepsAll = state.lines.every((line) => line.resolution === 'keep_item');
    const outcome: ReturnOutcome = state.status === 'approved' && keepsAll ? 'kept' : 'refunded';
    const resolved = resolvedEvent(platformAdmin, null, outcome, amount, refundId);
    let resolvable = true;
    try {
      applyReturnCaseEvent(state, resolved);
    } catch (error) {
      if (!AftersaleError.isInstance(error)) throw error;
      resolvable = false;
    }
    if (resolvable) {
      await commit(loaded, [resolved], { describe: { reconciled: true } });
      logger.info({ caseId, refundId }, 'a refund made in the platform admin resolved the case');
      return { handled: 'reconciled', caseId, refundId };
    }
    await store.updateReturnCase(
      { ...record, data: writeCaseData({ ...loaded.data, reconciledRefund: { refundId, amount, platformRefundId } }) },
      record.version,
    );
    logger.warn(
      { caseId, refundId, status: state.status },
      'a refund made in the platform admin was recorded; the case resolves with it when its status allows',
    );
    return { handled: 'recorded', caseId, refundId };
  }

  async function openCasesOf(orderId: string): Promise<Loaded[]> {
    const list = context.storeMethod('listReturnCases', 'handleCommerceEvent');
    const found: Loaded[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(shopId, { orderId, cursor, limit: 100 });
      for (const record of page.items) {
        if (!openStatuses.has(record.status)) continue;
        let data: CaseData;
        try {
          data = readCaseData(record);
        } catch {
          continue; // Not a case of the return service.
        }
        const state = replayReturnCase(record.id, data.events);
        if (!state.resolution) found.push({ record, data, state });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  }

  async function onRefundCreated(
    event: Extract<CommerceEvent, { type: 'refund-created' }>,
  ): Promise<CommerceEventHandling> {
    const listRefunds = context.storeMethod('listRefunds', 'handleCommerceEvent');
    const platformIds = [...new Set([event.refund.platformId, event.refund.id].filter((id): id is string => !!id))];
    const platformRefundId = platformIds[0] ?? event.refund.id;
    for (const id of platformIds) {
      const known = (await listRefunds(shopId, { platformRefundId: id, limit: 1 })).items[0];
      if (!known) continue;
      // A redelivery after a crash between recording an admin refund and resolving its case finishes it.
      if (known.returnCaseId && known.idempotencyKey.startsWith(`${shopId}:platform-refund:`)) {
        const loaded = await load(known.returnCaseId);
        if (!loaded.state.resolution && openStatuses.has(loaded.state.status) && !loaded.data.reconciledRefund) {
          return reconcileAdminRefund(loaded, known.id, known.amount, platformRefundId);
        }
      }
      return { handled: 'ignored', caseId: known.returnCaseId ?? null, reason: 'known_refund' };
    }
    // One of ours paid by processing a platform return, whose id only the webhook tells.
    if (typeof store.updateRefund === 'function') {
      let cursor: string | null = null;
      do {
        const page = await listRefunds(shopId, { orderId: event.orderId, cursor, limit: 100 });
        const ours = page.items.find(
          (candidate) =>
            !candidate.platformRefundId &&
            candidate.status === 'succeeded' &&
            candidate.amount.currency === event.refund.total.currency &&
            candidate.amount.amount === event.refund.total.amount,
        );
        if (ours) {
          await store.updateRefund({ ...ours, platformRefundId }, ours.version);
          return { handled: 'matched', caseId: ours.returnCaseId ?? null, refundId: ours.id };
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    const marked = event.refund.note?.match(aftersaleMarker);
    if (marked) {
      // The adapters mark every refund aftersale makes with its key: one of ours whose record is not
      // written yet (the move's retry writes it), never an admin refund.
      const caseId = marked[1]?.split(':').find((part) => part.startsWith('ret_')) ?? null;
      return { handled: 'ignored', caseId, reason: 'money_move_in_progress' };
    }
    const open = await openCasesOf(event.orderId);
    // An admin refund is a case's only when it gives back every line of the case in full, and was made
    // after the case was requested (an older refund of the same line is another story).
    const refundedQuantity = new Map<string, number>();
    for (const line of event.refund.lines) {
      refundedQuantity.set(line.lineItemId, (refundedQuantity.get(line.lineItemId) ?? 0) + line.quantity);
    }
    const refundedAt = Date.parse(event.refund.createdAt);
    const refundIds = [event.refund.platformId, event.refund.id];
    const covered = open.filter(
      (candidate) =>
        !refundIds.some((id) => id && candidate.data.refundsBefore.includes(id)) &&
        refundedAt >= Date.parse(candidate.state.history[0]?.at ?? '') - clockSkewMs &&
        candidate.state.lines.every((line) => (refundedQuantity.get(line.lineItemId) ?? 0) >= line.quantity),
    );
    const target = covered.length === 1 ? covered[0] : undefined;
    if (!target) {
      const reason = open.length === 0 ? 'no_open_case' : covered.length === 0 ? 'no_matching_case' : 'ambiguous_case';
      logger.info(
        { orderId: event.orderId, openCases: open.length, matching: covered.length },
        `platform refund ignored: ${reason}`,
      );
      return { handled: 'ignored', caseId: null, reason };
    }
    const caseId = target.record.id;
    if (target.data.platformReturn) {
      // Money moved by processing a platform return carries no mark (returnProcess keeps no note on its
      // refund): while the case's own move is under way, its retry looks on the platform and records it.
      for (const kind of ['refund', 'store-credit', 'exchange'] as const) {
        if (await ledgerHolds(keyOf(caseId, kind))) {
          return { handled: 'ignored', caseId, reason: 'money_move_in_progress' };
        }
      }
    }
    const refundId = `rfd_pf_${digest(`${shopId}:${platformRefundId}`)}`;
    await store.createRefund({
      shopId,
      id: refundId,
      orderId: event.orderId,
      returnCaseId: caseId,
      idempotencyKey: `${shopId}:platform-refund:${platformRefundId}`,
      amount: event.refund.total,
      status: 'succeeded',
      plan: JSON.parse(JSON.stringify(event.refund)),
      platformRefundId,
      platformStatus: 'admin',
    });
    return reconcileAdminRefund(target, refundId, event.refund.total, platformRefundId);
  }

  /**
   * WooCommerce tells of a refund made in its admin only through `order.updated`: every refund of the
   * order is looked at as a `refund-created` would be (those aftersale knows are left alone). The most
   * telling outcome is returned.
   */
  async function onOrderUpdated(
    event: Extract<CommerceEvent, { type: 'order-updated' }>,
  ): Promise<CommerceEventHandling> {
    const rank = (handling: CommerceEventHandling) =>
      handling.handled !== 'ignored' ? 2 : handling.reason === 'known_refund' ? 0 : 1;
    let outcome: CommerceEventHandling = { handled: 'ignored', caseId: null, reason: 'not_about_returns' };
    for (const [index, refund] of event.order.refunds.entries()) {
      const handled = await onRefundCreated({
        type: 'refund-created',
        topic: event.topic,
        orderId: event.order.id,
        refund,
      });
      if (index === 0 || rank(handled) > rank(outcome)) outcome = handled;
    }
    return outcome;
  }

  async function onReturnUpdated(
    event: Extract<CommerceEvent, { type: 'return-updated' }>,
  ): Promise<CommerceEventHandling> {
    const list = context.storeMethod('listReturnCases', 'handleCommerceEvent');
    const record = (await list(shopId, { platformReturnId: event.returnId, limit: 1 })).items[0];
    if (!record) return { handled: 'ignored', caseId: null, reason: 'no_case' };
    const recorded = readCaseData(record);
    const loaded: Loaded = { record, data: recorded, state: replayReturnCase(record.id, recorded.events) };
    const status = event.return?.status ?? (returnsOps ? (await returnsOps.get(event.returnId))?.status : undefined);
    const type = status ? platformStatusEvents[status] : undefined;
    const platformReturn = loaded.data.platformReturn ?? { id: event.returnId, status: status ?? 'UNKNOWN', lines: [] };
    if (!status || !type) return { handled: 'ignored', caseId: record.id, reason: 'status_not_mapped' };
    const input: ReturnCaseEventInput = { type, at: at(), actor: platformAdmin };
    try {
      applyReturnCaseEvent(loaded.state, input);
    } catch (error) {
      if (!AftersaleError.isInstance(error)) throw error;
      if (record.platformStatus !== status) {
        const data = { ...loaded.data, platformReturn: { ...platformReturn, status } };
        await store.updateReturnCase({ ...record, platformStatus: status, data: writeCaseData(data) }, record.version);
      }
      logger.info(
        { caseId: record.id, status: loaded.state.status, platformStatus: status },
        'a platform return status the case cannot take; kept as the platform status only',
      );
      return { handled: 'ignored', caseId: record.id, reason: 'invalid_transition' };
    }
    const next = await commit(loaded, [input], mirrored(platformReturn, status));
    return { handled: 'moved', caseId: record.id, status: next.status };
  }

  return {
    /**
     * Decides a request against the policy, opens the case, and routes it (approve, decline or
     * review). With `returns` the platform return is opened (and approved or declined) first: a
     * platform refusal is a `platform_rejected` error and no case is written.
     */
    async request(input: RequestReturnInput): Promise<RequestReturnResult> {
      const requestedAt = at();
      const decision = evaluateReturn(options.policy, input.order, input.request, {
        now: requestedAt,
        locale: input.locale,
        shopTimeZone: options.shopTimeZone,
        ...(input.customer ? { customer: input.customer } : {}),
      });
      const route = routeReturnDecision(decision, options.routing);
      const caseId = `ret_${context.newId()}`;
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
        platformReturn: null,
        storeCredit: null,
        exchange: null,
        reconciledRefund: null,
        refundsBefore: input.order.refunds.map((refund) => refund.platformId ?? refund.id),
      };
      let state: ReturnCaseState | null = null;
      const notifications: CaseNotification[] = [];
      for (const event of data.events) {
        state = applyReturnCaseEvent(state, event, caseId);
        notifications.push(describeReturnEvent(state, event, describeOptions(data)));
      }
      const opened = state as ReturnCaseState;

      // Lines kept by the customer (a returnless refund) do not go back: no platform return for them.
      // Lines to exchange get their platform return when the exchange is made: Shopify takes exchange
      // lines only when a return is created, never on a return already open.
      const returning = lines.filter((line) => line.resolution !== 'keep_item' && line.resolution !== 'exchange');
      if (returnsOps && returning.length > 0) {
        const requested = await returnsOps.request({
          orderId: input.order.id,
          lines: returning.map((line) => ({
            lineItemId: line.lineItemId,
            quantity: line.quantity,
            reason: line.reason,
            customerNote: input.customerNote ?? null,
          })),
        });
        if (requested.outcome === 'rejected') {
          throw platformRefused('open the return', `order ${data.orderName}`, requested.userErrors);
        }
        let mirror = mirrorOf(requested.return);
        if (route.action !== 'review') {
          const routed =
            route.action === 'approve'
              ? await returnsOps.approve(mirror.id)
              : await returnsOps.decline(mirror.id, { reason: platformDeclineReason(decision), notifyCustomer: false });
          if (routed.outcome === 'rejected') {
            throw platformRefused(
              `${route.action} the return ${mirror.id}`,
              `order ${data.orderName}`,
              routed.userErrors,
            );
          }
          mirror = { ...mirror, status: routed.return.status };
        }
        data.platformReturn = mirror;
      }

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
          platformReturnId: data.platformReturn?.id ?? null,
          platformStatus: data.platformReturn?.status ?? null,
          data: writeCaseData(data),
        },
        { events: notifications.map(toOutboxEvent) },
      );
      await context.announce(input.order.id, notifications, data.locale);
      return { case: opened, decision, route, platformReturnId: data.platformReturn?.id ?? null };
    },

    /** The case as its events make it. */
    async get(caseId: string): Promise<ReturnCaseState> {
      return (await load(caseId)).state;
    },

    /** A person approves (after review, or against the decision with `override` and a note); mirrored on the platform. */
    approve(caseId: string, action: StaffAction & { override?: boolean }): Promise<ReturnCaseState> {
      const event: ReturnCaseEventInput = {
        type: 'approved',
        at: at(),
        actor: action.actor,
        note: action.note ?? null,
        override: action.override ?? false,
      };
      return mirroredStep(caseId, event, 'approve', (ops, platformReturn) =>
        platformReturn.status === 'REQUESTED' ? ops.approve(platformReturn.id) : null,
      );
    },

    /** A person declines; a mirrored platform return is declined with the decision's reason. */
    decline(caseId: string, action: StaffAction & { override?: boolean }): Promise<ReturnCaseState> {
      const event: ReturnCaseEventInput = {
        type: 'declined',
        at: at(),
        actor: action.actor,
        note: action.note ?? null,
        override: action.override ?? false,
      };
      return mirroredStep(caseId, event, 'decline', (ops, platformReturn, loaded) =>
        platformReturn.status === 'REQUESTED'
          ? ops.decline(platformReturn.id, {
              reason: platformDeclineReason(decisionOf(loaded.record)),
              notifyCustomer: false,
            })
          : null,
      );
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
          ? { type: 'in_transit', at: update.at, actor, trackingNumber: update.trackingNumber ?? null }
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

    /**
     * Refunds to the original payment, exactly once, and resolves the case: through the platform
     * return's processing when the case mirrors one, else `createRefund`.
     */
    refund(caseId: string, action: StaffAction & { plan?: RefundPlan } = { actor: automation }) {
      return refundWith(caseId, 'refunded', action, action.plan);
    },

    /** A returnless refund: the customer keeps the items. */
    keep(caseId: string, action: StaffAction = { actor: automation }) {
      return refundWith(caseId, 'kept', action);
    },

    /**
     * Gives the lines back as store credit (`adapter.storeCredit`), with the policy's bonus, exactly
     * once, and resolves the case as `credited`. Refused (`resolution_not_offered`) when the policy
     * does not offer store credit for the case's lines.
     */
    async credit(caseId: string, action: CreditReturnAction = { actor: automation }): Promise<CreditReturnResult> {
      const loaded = await load(caseId);
      const { record, data, state } = loaded;
      if (state.resolution?.outcome === 'credited' && data.storeCredit) {
        return {
          outcome: 'credited',
          case: state,
          credit: data.storeCredit,
          refundId: state.resolution.reference ?? refundIdOf(caseId, 'credit'),
          replayed: true,
        };
      }
      const storeCredit = hasCapability(adapter, 'store_credit') ? adapter.storeCredit : undefined;
      if (!storeCredit) throw capabilityMissing('store_credit', 'Resolving a return with store credit');
      checkResolvable(state, caseId, 'credited', action.actor);
      const decision = decisionOf(record);
      const offers = offeredResolution(
        decision,
        state.lines.map((line) => line.lineItemId),
        'store_credit',
        caseId,
      );
      const plan = planFor(loaded, caseId, action.plan, 'credit');
      const customerId = record.customerId ?? action.order?.customer?.id ?? null;
      if (!customerId) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Return case ${caseId} belongs to a guest order: store credit needs a customer account; refund it instead.`,
          details: { caseId },
        });
      }
      const bonus = storeCreditBonus(offers, plan.currency);
      const creditPlan: StoreCreditPlan = {
        orderId: record.orderId,
        customerId,
        email: action.order?.email ?? action.order?.customer?.email ?? null,
        currency: plan.currency,
        lines: planLines(plan),
        shipping: plan.shipping ?? null,
        total: plan.total,
        bonus: bonus.amount > 0 ? bonus : null,
        expiresAt: action.expiresAt ?? null,
        restock: false,
        note: `aftersale ${caseId}`,
        notifyCustomer: false,
      };
      const key = keyOf(caseId, 'store-credit');
      const result = await storeCredit.issue(creditPlan, { idempotencyKey: key });
      if (result.outcome === 'in_progress') return { outcome: 'in_progress', case: state };
      if (result.outcome === 'rejected') {
        throw platformRefused('issue the store credit', `return case ${caseId}`, result.userErrors);
      }
      const refundId = refundIdOf(caseId, 'credit');
      const { email: _email, ...planWithoutEmail } = creditPlan;
      await recordRefund({
        refundId,
        record,
        key,
        amount: plan.total,
        plan: planWithoutEmail,
        platformRefundId: result.credit.platformRefundId,
        platformStatus: 'store_credit',
      });
      const credit = {
        platformCreditId: result.credit.platformCreditId,
        amount: result.credit.amount,
        code: result.credit.code,
        expiresAt: result.credit.expiresAt,
        platformRefundId: result.credit.platformRefundId,
        bonus: creditPlan.bonus ?? null,
      };
      const processed = data.platformReturn ? await processWithoutRefund(caseId, data.platformReturn) : {};
      const next = await commit(
        loaded,
        [resolvedEvent(action.actor, action.note ?? null, 'credited', credit.amount, refundId)],
        {
          ...processed,
          data: { ...processed.data, storeCredit: credit },
          describe: { storeCredit: { code: credit.code, bonus: credit.bonus, expiresAt: credit.expiresAt } },
        },
      );
      logger.info({ caseId, refundId, replayed: result.replayed }, 'return credited');
      return { outcome: 'credited', case: next, credit, refundId, replayed: result.replayed };
    },

    /**
     * Exchanges the case's lines for other variants (`adapter.exchanges`), settling the price
     * difference as the policy says, exactly once, and resolves the case as `exchanged`.
     */
    async exchange(caseId: string, input: ExchangeReturnInput): Promise<ExchangeReturnResult> {
      const loaded = await load(caseId);
      const { record, data, state } = loaded;
      const { action } = input;
      if (state.resolution?.outcome === 'exchanged' && data.exchange) {
        const refunded = data.exchange.settlement.kind === 'refunded';
        return {
          outcome: 'exchanged',
          case: state,
          exchange: data.exchange,
          refundId: refunded ? refundIdOf(caseId, 'exchange') : null,
          replayed: true,
        };
      }
      const exchanges = hasCapability(adapter, 'exchanges') ? adapter.exchanges : undefined;
      if (!exchanges) throw capabilityMissing('exchanges', 'Resolving a return with an exchange');
      if (
        input.newLines.length === 0 ||
        input.newLines.some((line) => !Number.isInteger(line.quantity) || line.quantity <= 0)
      ) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Return case ${caseId}: an exchange needs at least one new line, each with a positive whole quantity.`,
          details: { caseId },
        });
      }
      checkResolvable(state, caseId, 'exchanged', action.actor);
      const decision = decisionOf(record);
      const offers = offeredResolution(
        decision,
        state.lines.map((line) => line.lineItemId),
        'exchange',
        caseId,
      );
      const currency =
        decision.refund?.currency ?? input.expectedDifference?.currency ?? offers[0]?.option.amount?.currency;
      const { settlement } = exchangeSettlement(
        offers,
        currency ?? decision.lines[0]?.fees[0]?.amount.currency ?? '',
        input.expectedDifference ?? null,
        caseId,
      );
      const returning = new Set(offers.map((offer) => offer.line.lineItemId));
      const key = keyOf(caseId, 'exchange');
      const result = await exchanges.create(
        {
          orderId: record.orderId,
          returnLines: state.lines
            .filter((line) => returning.has(line.lineItemId))
            .map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, reason: line.reason ?? 'other' })),
          newLines: input.newLines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
          settlement,
          // The case's own platform return holds the lines refunded or credited, never these.
          returnId: null,
          note: `aftersale ${caseId}`,
          notifyCustomer: false,
        },
        { idempotencyKey: key },
      );
      if (result.outcome === 'in_progress') return { outcome: 'in_progress', case: state };
      if (result.outcome === 'rejected') {
        throw platformRefused('create the exchange', `return case ${caseId}`, result.userErrors);
      }
      const exchange = result.exchange;
      const settled = exchange.settlement;
      let refundId: string | null = null;
      if (settled.kind === 'refunded') {
        refundId = refundIdOf(caseId, 'exchange');
        await recordRefund({
          refundId,
          record,
          key,
          amount: settled.amount,
          plan: { kind: 'exchange', exchangeId: exchange.id, difference: exchange.difference },
          platformRefundId: settled.platformRefundId,
          platformStatus: 'exchange_refund',
        });
      }
      const moved = settled.kind === 'none' ? null : absolute(settled.amount);
      const stored = JSON.parse(JSON.stringify(exchange)) as CaseData['exchange'];
      // On a platform with returns the exchange is a return: a case without one mirrors it from now on.
      const exchangeReturnRead = returnsOps && !data.platformReturn ? await returnsOps.get(exchange.id) : null;
      const exchangeReturn = exchangeReturnRead ? mirrorOf(exchangeReturnRead) : null;
      const next = await commit(
        loaded,
        [
          resolvedEvent(
            action.actor,
            action.note ?? null,
            'exchanged',
            moved ?? zero(exchange.difference.currency),
            exchange.id,
          ),
        ],
        {
          data: { exchange: stored, ...(exchangeReturn ? { platformReturn: exchangeReturn } : {}) },
          ...(exchangeReturn ? { platformReturnId: exchangeReturn.id, platformStatus: exchangeReturn.status } : {}),
          describe: {
            exchange: { exchangeId: exchange.id, newOrderId: exchange.newOrderId, settlement: settled.kind },
            payment: settled.kind === 'payment_due' ? { amount: settled.amount, url: settled.paymentUrl } : null,
            refunded: settled.kind === 'refunded' ? settled.amount : null,
          },
        },
      );
      logger.info({ caseId, exchangeId: exchange.id, replayed: result.replayed }, 'return exchanged');
      return { outcome: 'exchanged', case: next, exchange, refundId, replayed: result.replayed };
    },

    /** Closes a resolved (or declined) case; a mirrored platform return still open is closed too. */
    close(caseId: string, action: StaffAction = { actor: automation }): Promise<ReturnCaseState> {
      const event: ReturnCaseEventInput = { type: 'closed', at: at(), actor: action.actor, note: action.note ?? null };
      return mirroredStep(caseId, event, 'close', async (ops, platformReturn) => {
        // Processing may have closed it on the platform already: ask before closing.
        const current = (await ops.get(platformReturn.id))?.status ?? platformReturn.status;
        return current === 'OPEN' ? ops.close(platformReturn.id) : current;
      });
    },

    /**
     * Cancels the case before money moved. A mirrored platform return still requested or open is
     * cancelled too (when the adapter can); a platform refusal is an error and the case stays as it was.
     */
    cancel(caseId: string, action: StaffAction): Promise<ReturnCaseState> {
      const event: ReturnCaseEventInput = {
        type: 'cancelled',
        at: at(),
        actor: action.actor,
        note: action.note ?? null,
      };
      return mirroredStep(caseId, event, 'cancel', (ops, platformReturn) =>
        ops.cancel && ['REQUESTED', 'OPEN'].includes(platformReturn.status) ? ops.cancel(platformReturn.id) : null,
      );
    },

    /**
     * Refunds an amount not tied to a return (no lines), exactly once, at most what remains refundable
     * on the order; writes a refund record and a `goodwill-refund-issued` event.
     */
    goodwillRefund: orderMoves.goodwillRefund,

    /**
     * Cancels an order nothing of which has shipped, with its refund, exactly once (needs
     * `cancellations`); writes a refund record and an `order-cancelled` event.
     */
    cancelOrder: orderMoves.cancelOrder,

    /**
     * Lets a processed platform webhook move the cases: `refund-created` reconciles a refund made in
     * the platform's admin with the order's open case (resolved as refunded, recorded so a later
     * `refund` pays nothing), or matches one of aftersale's own; `return-updated` mirrors a platform
     * return's DECLINED, CLOSED or CANCELED status onto its case when the lifecycle allows it.
     */
    async handleCommerceEvent(event: CommerceEvent): Promise<CommerceEventHandling> {
      if (event.type === 'refund-created') return onRefundCreated(event);
      if (event.type === 'return-updated') return onReturnUpdated(event);
      if (event.type === 'order-updated') return onOrderUpdated(event);
      return { handled: 'ignored', caseId: null, reason: 'not_about_returns' };
    },
  };
}

export type ReturnService = ReturnType<typeof createReturnService>;
