import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { type Money, moneySchema } from '../money/money.js';
import { type ResolutionKind, resolutionKinds } from '../policy/policy-schema.js';

/**
 * A return case's lifecycle: one typed transition table, events that carry their actor and time, and
 * the current state computed from the events alone. Pure: no clock, no I/O.
 *
 * requested → approved | declined → awaiting_items (label issued, in transit) → received → inspected
 * → resolved (refunded, credited, exchanged, kept) → closed; cancelled at any point before money moved.
 */
export const returnCaseStatuses = [
  'requested',
  'approved',
  'declined',
  'awaiting_items',
  'received',
  'inspected',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type ReturnCaseStatus = (typeof returnCaseStatuses)[number];

/** Who did something: people by id only (their data lives in the customer records, where it can be erased). */
export const returnActorSchema = z.strictObject({
  kind: z.enum(['customer', 'staff', 'automation', 'system', 'platform']),
  /** A staff member's id, the platform's name, the automation's rule; never a name or an e-mail. */
  id: z.string().min(1).max(255).nullish(),
});
export type ReturnActor = z.infer<typeof returnActorSchema>;

export const inspectionConditions = ['as_expected', 'damaged', 'missing', 'wrong_item'] as const;
export type InspectionCondition = (typeof inspectionConditions)[number];

export const returnOutcomes = ['refunded', 'credited', 'exchanged', 'kept'] as const;
export type ReturnOutcome = (typeof returnOutcomes)[number];

export const reviewReasons = [
  'conditional',
  'over_limit',
  'partially_eligible',
  'ineligible',
  'uncertain_law',
  'manual_policy',
] as const;
export type ReviewReason = (typeof reviewReasons)[number];

const lineSchema = z.strictObject({
  lineItemId: z.string().min(1),
  quantity: z.number().int().positive(),
  reason: z.string().min(1).nullish(),
  resolution: z.enum(resolutionKinds).default('refund'),
  exchangeVariantId: z.string().min(1).nullish(),
});

const base = {
  at: z.iso.datetime({ offset: true }),
  actor: returnActorSchema,
  /** A free note (staff). Keep personal data out: refer to people by id. */
  note: z.string().max(2000).nullish(),
};

/** Every event of a return case, validated at the boundary. */
export const returnCaseEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('requested'),
    orderId: z.string().min(1),
    lines: z.array(lineSchema).min(1),
    /** The policy decision's headline: its status and the refund it computed (null when none). */
    decision: z.strictObject({
      status: z.enum(['eligible', 'partially_eligible', 'conditional', 'ineligible']),
      refundTotal: moneySchema.nullable(),
      policy: z.strictObject({ id: z.string(), version: z.number().int() }).nullable(),
    }),
  }),
  z.strictObject({ ...base, type: z.literal('review_required'), reasons: z.array(z.enum(reviewReasons)).min(1) }),
  z.strictObject({
    ...base,
    type: z.literal('approved'),
    /** True when staff go against what the policy decided: then a note is required. */
    override: z.boolean().default(false),
  }),
  z.strictObject({ ...base, type: z.literal('declined'), override: z.boolean().default(false) }),
  z.strictObject({
    ...base,
    type: z.literal('label_issued'),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1).nullish(),
    /** Whether the carrier is the seller's designated one (Turkish law turns on it). */
    designated: z.boolean(),
    provider: z.string().min(1),
  }),
  z.strictObject({ ...base, type: z.literal('in_transit'), trackingNumber: z.string().min(1).nullish() }),
  z.strictObject({ ...base, type: z.literal('received') }),
  z.strictObject({
    ...base,
    type: z.literal('inspected'),
    lines: z
      .array(
        z.strictObject({
          lineItemId: z.string().min(1),
          quantity: z.number().int().positive(),
          condition: z.enum(inspectionConditions),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    ...base,
    type: z.literal('resolved'),
    outcome: z.enum(returnOutcomes),
    /** What moved: the refund, the store credit or the exchange's price difference. */
    amount: moneySchema.nullish(),
    /** The aftersale refund record (`rfd_...`), the platform's refund, credit or exchange order id. */
    reference: z.string().min(1).nullish(),
  }),
  z.strictObject({ ...base, type: z.literal('closed') }),
  z.strictObject({ ...base, type: z.literal('cancelled') }),
]);
export type ReturnCaseEvent = z.infer<typeof returnCaseEventSchema>;
export type ReturnCaseEventInput = z.input<typeof returnCaseEventSchema>;
export type ReturnCaseEventType = ReturnCaseEvent['type'];

/**
 * The transition table: for each status, the events it accepts and the status each leads to.
 * `review_required`, `label_issued` and `in_transit` keep or set the status without a new stage of
 * their own; everything else is a status change. Anything not listed is an invalid transition.
 */
export const returnCaseTransitions = {
  requested: { review_required: 'requested', approved: 'approved', declined: 'declined', cancelled: 'cancelled' },
  approved: {
    label_issued: 'awaiting_items',
    in_transit: 'awaiting_items',
    received: 'received',
    resolved: 'resolved',
    cancelled: 'cancelled',
  },
  declined: { approved: 'approved', closed: 'closed' },
  awaiting_items: {
    label_issued: 'awaiting_items',
    in_transit: 'awaiting_items',
    received: 'received',
    cancelled: 'cancelled',
  },
  received: { inspected: 'inspected', cancelled: 'cancelled' },
  inspected: { inspected: 'inspected', resolved: 'resolved', cancelled: 'cancelled' },
  resolved: { closed: 'closed' },
  closed: {},
  cancelled: {},
} as const satisfies Record<ReturnCaseStatus, Partial<Record<ReturnCaseEventType, ReturnCaseStatus>>>;

/** The status an event leads to from a status, or `null` when the table does not allow it. */
export function nextReturnCaseStatus(status: ReturnCaseStatus, type: ReturnCaseEventType): ReturnCaseStatus | null {
  const row: Partial<Record<ReturnCaseEventType, ReturnCaseStatus>> = returnCaseTransitions[status];
  return row[type] ?? null;
}

/** The events a case in this status accepts (before the guards on their content). */
export function allowedReturnCaseEvents(status: ReturnCaseStatus): ReturnCaseEventType[] {
  return Object.keys(returnCaseTransitions[status]) as ReturnCaseEventType[];
}

export interface ReturnCaseLineState {
  lineItemId: string;
  quantity: number;
  reason: string | null;
  resolution: ResolutionKind;
  exchangeVariantId: string | null;
  /** What inspection found, per condition, once inspected. */
  inspection: Partial<Record<InspectionCondition, number>> | null;
}

/** A return case as its events make it. */
export interface ReturnCaseState {
  id: string;
  orderId: string;
  status: ReturnCaseStatus;
  lines: ReturnCaseLineState[];
  decision: Extract<ReturnCaseEvent, { type: 'requested' }>['decision'];
  /** Set when the case waits for a person; cleared by a staff approval or decline. */
  review: { reasons: ReviewReason[]; since: string } | null;
  shipment: {
    stage: 'label_issued' | 'in_transit';
    carrier: string | null;
    trackingNumber: string | null;
    designated: boolean | null;
    provider: string | null;
  } | null;
  resolution: { outcome: ReturnOutcome; amount: Money | null; reference: string | null; at: string } | null;
  /** Staff decisions against the policy, each with its note: the audit trail of overrides. */
  overrides: { type: 'approved' | 'declined'; at: string; actor: ReturnActor; note: string }[];
  /** Every status change, in order. */
  history: { status: ReturnCaseStatus; event: ReturnCaseEventType; at: string; actor: ReturnActor }[];
  requestedAt: string;
  updatedAt: string;
  /** How many events made this state. */
  eventCount: number;
}

function invalid(state: ReturnCaseState | null, event: ReturnCaseEvent, why: string): AftersaleError {
  const allowed = state ? allowedReturnCaseEvents(state.status) : ['requested'];
  return new AftersaleError({
    code: 'invalid_return_transition',
    message: `Return case ${state?.id ?? '(new)'}: cannot apply "${event.type}" ${state ? `in status "${state.status}"` : 'before the case is requested'}: ${why}. Allowed here: ${allowed.join(', ') || 'nothing (the case is final)'}.`,
    details: { caseId: state?.id ?? null, status: state?.status ?? null, event: event.type, allowed },
  });
}

function parseEvent(input: ReturnCaseEventInput): ReturnCaseEvent {
  const parsed = returnCaseEventSchema.safeParse(input);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'return case event' });
  return parsed.data;
}

function requireStaffNote(state: ReturnCaseState, event: ReturnCaseEvent): string {
  if (event.actor.kind !== 'staff' || !event.actor.id) {
    throw invalid(state, event, 'an override of the policy decision is a staff action and needs the staff id');
  }
  const note = event.note?.trim();
  if (!note) throw invalid(state, event, 'an override of the policy decision needs a note saying why');
  return note;
}

function checkGuards(state: ReturnCaseState, event: ReturnCaseEvent): void {
  switch (event.type) {
    case 'approved':
    case 'declined': {
      const againstPolicy =
        (event.type === 'approved' && state.decision.status === 'ineligible') ||
        (event.type === 'declined' && state.decision.status === 'eligible') ||
        state.status === 'declined';
      if (againstPolicy && !event.override) {
        throw invalid(state, event, 'it goes against the policy decision; pass override: true with a staff note');
      }
      if (event.override) requireStaffNote(state, event);
      if (state.review && event.actor.kind !== 'staff') {
        throw invalid(state, event, `the case waits for a person (${state.review.reasons.join(', ')})`);
      }
      return;
    }
    case 'resolved': {
      if (state.status === 'approved') {
        const keepsAll = state.lines.every((line) => line.resolution === 'keep_item');
        if (!keepsAll || event.outcome !== 'kept') {
          throw invalid(
            state,
            event,
            'only a returnless refund (every line kept) is resolved before the items are back',
          );
        }
      } else if (event.outcome === 'kept') {
        throw invalid(state, event, 'the items came back, so the outcome cannot be "kept"');
      }
      return;
    }
    case 'inspected': {
      for (const found of event.lines) {
        const line = state.lines.find((candidate) => candidate.lineItemId === found.lineItemId);
        if (!line) throw invalid(state, event, `line ${found.lineItemId} is not part of this return`);
      }
      for (const line of state.lines) {
        const counted = event.lines
          .filter((found) => found.lineItemId === line.lineItemId)
          .reduce((sum, found) => sum + found.quantity, 0);
        if (counted !== 0 && counted !== line.quantity) {
          throw invalid(
            state,
            event,
            `line ${line.lineItemId} has ${line.quantity} unit(s) in the return; the inspection counts ${counted}`,
          );
        }
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Applies one event to a case and returns the new state (the input is not changed). An event the
 * table or its guards do not allow is an `invalid_return_transition` error naming what is allowed.
 */
export function applyReturnCaseEvent(
  state: ReturnCaseState | null,
  input: ReturnCaseEventInput,
  caseId?: string,
): ReturnCaseState {
  const event = parseEvent(input);
  if (state === null) {
    if (event.type !== 'requested') throw invalid(null, event, 'a case starts with "requested"');
    if (!caseId) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: 'The first event of a return case needs the case id; pass it as the third argument.',
      });
    }
    const seen = new Set<string>();
    for (const line of event.lines) {
      if (seen.has(line.lineItemId)) {
        throw invalid(null, event, `line ${line.lineItemId} appears twice; add the quantities together`);
      }
      seen.add(line.lineItemId);
    }
    return {
      id: caseId,
      orderId: event.orderId,
      status: 'requested',
      lines: event.lines.map((line) => ({
        lineItemId: line.lineItemId,
        quantity: line.quantity,
        reason: line.reason ?? null,
        resolution: line.resolution,
        exchangeVariantId: line.exchangeVariantId ?? null,
        inspection: null,
      })),
      decision: event.decision,
      review: null,
      shipment: null,
      resolution: null,
      overrides: [],
      history: [{ status: 'requested', event: 'requested', at: event.at, actor: event.actor }],
      requestedAt: event.at,
      updatedAt: event.at,
      eventCount: 1,
    };
  }
  if (event.type === 'requested') throw invalid(state, event, 'the case was already requested');
  const next = nextReturnCaseStatus(state.status, event.type);
  if (next === null) throw invalid(state, event, 'the transition table does not allow it');
  if (Date.parse(event.at) < Date.parse(state.updatedAt)) {
    throw invalid(state, event, `its time ${event.at} is before the case's last event (${state.updatedAt})`);
  }
  checkGuards(state, event);

  const draft: ReturnCaseState = {
    ...state,
    status: next,
    updatedAt: event.at,
    eventCount: state.eventCount + 1,
    history:
      next !== state.status
        ? [...state.history, { status: next, event: event.type, at: event.at, actor: event.actor }]
        : state.history,
  };
  switch (event.type) {
    case 'review_required':
      draft.review = {
        reasons: [...new Set([...(state.review?.reasons ?? []), ...event.reasons])],
        since: state.review?.since ?? event.at,
      };
      break;
    case 'approved':
    case 'declined':
      draft.review = null;
      if (event.override) {
        draft.overrides = [
          ...state.overrides,
          { type: event.type, at: event.at, actor: event.actor, note: requireStaffNote(state, event) },
        ];
      }
      break;
    case 'label_issued':
      draft.shipment = {
        stage: 'label_issued',
        carrier: event.carrier,
        trackingNumber: event.trackingNumber ?? null,
        designated: event.designated,
        provider: event.provider,
      };
      break;
    case 'in_transit':
      draft.shipment = {
        stage: 'in_transit',
        carrier: state.shipment?.carrier ?? null,
        trackingNumber: event.trackingNumber ?? state.shipment?.trackingNumber ?? null,
        designated: state.shipment?.designated ?? null,
        provider: state.shipment?.provider ?? null,
      };
      break;
    case 'inspected':
      draft.lines = state.lines.map((line) => {
        const found = event.lines.filter((candidate) => candidate.lineItemId === line.lineItemId);
        if (found.length === 0) return line;
        const inspection: Partial<Record<InspectionCondition, number>> = {};
        for (const entry of found) inspection[entry.condition] = (inspection[entry.condition] ?? 0) + entry.quantity;
        return { ...line, inspection };
      });
      break;
    case 'resolved':
      draft.resolution = {
        outcome: event.outcome,
        amount: event.amount ?? null,
        reference: event.reference ?? null,
        at: event.at,
      };
      break;
    default:
      break;
  }
  return draft;
}

/** The state of a case from its events, in order. */
export function replayReturnCase(caseId: string, events: readonly ReturnCaseEventInput[]): ReturnCaseState {
  let state: ReturnCaseState | null = null;
  for (const event of events) state = applyReturnCaseEvent(state, event, caseId);
  if (state === null) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Return case ${caseId} has no events; a case starts with a "requested" event.`,
    });
  }
  return state;
}

/** Whether money has moved for the case (then it can no longer be cancelled). */
export function returnCaseMovedMoney(state: ReturnCaseState): boolean {
  return state.resolution !== null;
}

/** Final statuses: nothing more happens to the case. */
export function isFinalReturnCaseStatus(status: ReturnCaseStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}
