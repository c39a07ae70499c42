import { AftersaleError } from '../errors/aftersale-error.js';
import type { Money } from '../money/money.js';
import type { ComplaintHistoryEvent, HandoffReferences } from './complaint-event.js';
import { type ComplaintStatusOrNone, invalidTransition, transitionTarget } from './complaint-transitions.js';
import {
  actorKind,
  type CloseReason,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintIntent,
  type ComplaintPriority,
  type ComplaintRecourse,
  type ComplaintRemedy,
  type ComplaintSeverity,
  type ComplaintStatus,
  type ComplaintUrgency,
  type LabelSource,
  type PromiseKind,
} from './complaint-vocabulary.js';

/** A promise made to the customer and what became of it. */
export interface ComplaintPromise {
  promiseId: string;
  kind: PromiseKind;
  /** Epoch milliseconds. */
  dueAt: number;
  amount: Money | null;
  madeAt: number;
  madeBy: string;
  state: 'open' | 'kept' | 'cancelled';
  settledAt: number | null;
}

/** A handoff: who took the complaint over, from whom, and what they were handed. */
export interface ComplaintHandoff {
  at: number;
  from: string | null;
  to: string;
  references: HandoffReferences;
}

/** A period during which the resolution clock ran: `[start, end]`, `end` null while running. */
export type ClockRun = [start: number, end: number | null];

/**
 * A complaint as its events make it. Computed by {@link foldComplaint}; never stored on its own, so it
 * can always be rebuilt from the history. Times are epoch milliseconds.
 */
export interface ComplaintState {
  complaintId: string | null;
  status: ComplaintStatusOrNone;
  /** The status before a merge, restored when the merge is reversed. */
  statusBeforeMerge: ComplaintStatus | null;
  receivedAt: number | null;
  channel: ComplaintChannel | null;
  orderId: string | null;
  lineIds: string[];
  requestedRemedy: ComplaintRemedy | null;
  language: 'tr' | 'en' | null;
  severity: ComplaintSeverity;
  priority: ComplaintPriority | null;
  category: { value: ComplaintCategory; source: LabelSource; confidence: number } | null;
  intents: ComplaintIntent[];
  urgency: ComplaintUrgency | null;
  assignee: string | null;
  handoffs: ComplaintHandoff[];
  /** When an agent first answered (a reply or a question). */
  firstResponseAt: number | null;
  /** The first customer message still unanswered after the first response (the next-response clock). */
  awaitingReplySince: number | null;
  /** When the last next-response clock stopped, and when it had started. */
  lastNextResponse: { startedAt: number; answeredAt: number } | null;
  resolutionRuns: ClockRun[];
  resolvedAt: number | null;
  resolution: {
    remedy: ComplaintRemedy;
    returnCaseId: string | null;
    refundId: string | null;
    amount: Money | null;
  } | null;
  outcome: 'pending' | 'accepted' | 'rejected' | null;
  recourse: ComplaintRecourse[];
  /** True from a rejected outcome until the customer accepts a later one. */
  disputed: boolean;
  /** When the customer asked for a person, until a person answers. */
  humanRequestedAt: number | null;
  promises: ComplaintPromise[];
  /** Sequences of `fact-established` and `action-tried` events. */
  facts: number[];
  tried: number[];
  mergedInto: string | null;
  absorbed: string[];
  feedback: Array<{ csat: number | null; nps: number | null; at: number; agent: string | null }>;
  reopenCount: number;
  closedAt: number | null;
  closeReason: CloseReason | 'withdrawn' | null;
  eventCount: number;
  lastSequence: number;
  lastAt: number | null;
}

/** The state before any event. */
export function emptyComplaintState(complaintId: string | null = null): ComplaintState {
  return {
    complaintId,
    status: 'none',
    statusBeforeMerge: null,
    receivedAt: null,
    channel: null,
    orderId: null,
    lineIds: [],
    requestedRemedy: null,
    language: null,
    severity: 'normal',
    priority: null,
    category: null,
    intents: [],
    urgency: null,
    assignee: null,
    handoffs: [],
    firstResponseAt: null,
    awaitingReplySince: null,
    lastNextResponse: null,
    resolutionRuns: [],
    resolvedAt: null,
    resolution: null,
    outcome: null,
    recourse: [],
    disputed: false,
    humanRequestedAt: null,
    promises: [],
    facts: [],
    tried: [],
    mergedInto: null,
    absorbed: [],
    feedback: [],
    reopenCount: 0,
    closedAt: null,
    closeReason: null,
    eventCount: 0,
    lastSequence: 0,
    lastAt: null,
  };
}

const clockRunning: ReadonlySet<ComplaintStatusOrNone> = new Set([
  'received',
  'acknowledged',
  'assessed',
  'investigating',
  'reopened',
]);

function fail(state: ComplaintState, event: ComplaintHistoryEvent, why: string): never {
  throw invalidTransition(state.complaintId, state.status, event.type, why);
}

function openPromise(state: ComplaintState, event: ComplaintHistoryEvent, promiseId: string): ComplaintPromise {
  const promise = state.promises.find((candidate) => candidate.promiseId === promiseId);
  if (promise === undefined) fail(state, event, `no promise ${promiseId} was made`);
  if (promise.state !== 'open') fail(state, event, `promise ${promiseId} is already ${promise.state}`);
  return promise;
}

const digit = (text: string, index: number) => text.charCodeAt(index) - 48;
const two = (text: string, index: number) => digit(text, index) * 10 + digit(text, index + 1);

/**
 * Epoch milliseconds of an ISO timestamp. The canonical UTC form (`2026-03-16T06:00:00.000Z`, what
 * `toISOString` writes and stores return) is read directly, several times faster than `Date.parse`;
 * every other form goes to `Date.parse`.
 */
export function timestampMillis(text: string): number {
  if (text.length === 24 && text.charCodeAt(23) === 90 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 46) {
    const year = two(text, 0) * 100 + two(text, 2);
    const month = two(text, 5);
    const day = two(text, 8);
    const hour = two(text, 11);
    const minute = two(text, 14);
    const second = two(text, 17);
    const fraction = digit(text, 20) * 100 + two(text, 21);
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59 &&
      fraction >= 0 &&
      fraction <= 999
    ) {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const monthDays =
        month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
      if (day <= monthDays) {
        // Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, no Date object).
        const shifted = month <= 2 ? year - 1 : year;
        const era = Math.floor(shifted / 400);
        const yearOfEra = shifted - era * 400;
        const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
        const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
        const days = era * 146_097 + dayOfEra - 719_468;
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction;
      }
    }
  }
  return Date.parse(text);
}

/** Applies one event to a state it may mutate (the fold's inner step). */
function step(state: ComplaintState, event: ComplaintHistoryEvent): void {
  const at = timestampMillis(event.at);
  if (state.lastAt !== null && at < state.lastAt) {
    fail(state, event, `it happened at ${event.at}, before the last event of the history`);
  }
  const target = transitionTarget(state.complaintId, state.status, event.type);
  const kind = actorKind(event.actor);
  const previous = state.status;
  switch (event.type) {
    case 'complaint-received':
      state.receivedAt = at;
      state.channel = event.data.channel;
      state.orderId = event.data.orderId;
      state.lineIds = event.data.lineIds;
      state.requestedRemedy = event.data.requestedRemedy;
      state.language = event.data.language;
      break;
    case 'complaint-assessed':
      state.severity = event.data.severity;
      state.priority = event.data.priority;
      break;
    case 'category-set': {
      // A person's label is never replaced by a suggestion.
      const current = state.category;
      if (current !== null && current.source !== 'suggester' && event.data.source === 'suggester') break;
      state.category = { value: event.data.category, source: event.data.source, confidence: event.data.confidence };
      state.intents = event.data.intents;
      state.urgency = event.data.urgency;
      break;
    }
    case 'customer-replied':
      if (kind !== 'customer') fail(state, event, 'only the customer replies as the customer');
      if (state.firstResponseAt !== null && state.awaitingReplySince === null) state.awaitingReplySince = at;
      break;
    case 'agent-replied':
    case 'customer-input-requested':
      if (kind === 'customer') fail(state, event, 'the customer cannot answer on the store’s behalf');
      if (state.firstResponseAt === null) state.firstResponseAt = at;
      if (state.awaitingReplySince !== null) {
        state.lastNextResponse = { startedAt: state.awaitingReplySince, answeredAt: at };
        state.awaitingReplySince = null;
      }
      if (kind === 'agent') state.humanRequestedAt = null;
      break;
    case 'fact-established':
      if (event.sequence !== undefined) state.facts.push(event.sequence);
      break;
    case 'action-tried':
      if (event.sequence !== undefined) state.tried.push(event.sequence);
      break;
    case 'promise-made':
      if (kind === 'customer') fail(state, event, 'promises are made to the customer, not by them');
      if (state.promises.some((promise) => promise.promiseId === event.data.promiseId)) {
        fail(state, event, `promise ${event.data.promiseId} was already made`);
      }
      state.promises.push({
        promiseId: event.data.promiseId,
        kind: event.data.kind,
        dueAt: timestampMillis(event.data.dueAt),
        amount: event.data.amount,
        madeAt: at,
        madeBy: event.actor,
        state: 'open',
        settledAt: null,
      });
      break;
    case 'promise-kept':
    case 'promise-cancelled': {
      const promise = openPromise(state, event, event.data.promiseId);
      promise.state = event.type === 'promise-kept' ? 'kept' : 'cancelled';
      promise.settledAt = at;
      break;
    }
    case 'complaint-assigned':
    case 'complaint-transferred':
      if (event.type === 'complaint-assigned' && state.assignee !== null) {
        fail(state, event, `it is assigned to ${state.assignee} already; transfer it instead`);
      }
      if (event.type === 'complaint-transferred' && state.assignee === null) {
        fail(state, event, 'it is assigned to nobody; assign it instead');
      }
      if (event.data.previousAssignee !== state.assignee) {
        fail(state, event, `its assignee is ${state.assignee ?? 'nobody'}, not ${event.data.previousAssignee}`);
      }
      state.handoffs.push({
        at,
        from: state.assignee,
        to: event.data.assignee,
        references: event.data.handoff,
      });
      state.assignee = event.data.assignee;
      break;
    case 'human-requested':
      if (kind !== 'customer') fail(state, event, 'only the customer asks for a person');
      if (state.humanRequestedAt === null) state.humanRequestedAt = at;
      if (previous === 'closed') {
        state.reopenCount += 1;
        state.closedAt = null;
        state.closeReason = null;
      }
      break;
    case 'complaint-resolved':
      state.resolvedAt = at;
      state.resolution = {
        remedy: event.data.remedy,
        returnCaseId: event.data.returnCaseId,
        refundId: event.data.refundId,
        amount: event.data.amount,
      };
      state.outcome = 'pending';
      state.awaitingReplySince = null;
      break;
    case 'outcome-accepted':
      if (kind !== 'customer') fail(state, event, 'only the customer accepts an outcome');
      state.outcome = 'accepted';
      state.disputed = false;
      break;
    case 'outcome-rejected':
      if (kind !== 'customer') fail(state, event, 'only the customer rejects an outcome');
      state.outcome = 'rejected';
      state.recourse = event.data.recourse;
      state.disputed = true;
      state.resolvedAt = null;
      break;
    case 'complaint-closed': {
      const reason = event.data.reason;
      if (reason === 'resolved' && previous !== 'resolved')
        fail(state, event, 'close it as resolved only once resolved');
      if (reason === 'no_response' && previous !== 'waiting_for_customer') {
        fail(state, event, 'close it for no response only while waiting for the customer');
      }
      if (kind === 'automation' || kind === 'system') {
        if (state.disputed) fail(state, event, 'the customer disputed the outcome, so only a person may close it');
        if (state.humanRequestedAt !== null) {
          fail(state, event, 'the customer asked for a person and no person has answered yet');
        }
      }
      state.closedAt = at;
      state.closeReason = reason;
      break;
    }
    case 'complaint-withdrawn':
      if (kind !== 'customer' && kind !== 'agent')
        fail(state, event, 'only the customer (or an agent for them) withdraws');
      state.closedAt = at;
      state.closeReason = 'withdrawn';
      break;
    case 'complaint-reopened':
      state.reopenCount += 1;
      state.closedAt = null;
      state.closeReason = null;
      state.resolvedAt = null;
      state.outcome = null;
      break;
    case 'complaint-merged':
      if (event.data.into === state.complaintId) fail(state, event, 'a complaint cannot be merged into itself');
      state.statusBeforeMerge = previous as ComplaintStatus;
      state.mergedInto = event.data.into;
      break;
    case 'merge-reversed':
      if (event.data.into !== state.mergedInto) {
        fail(state, event, `it was merged into ${state.mergedInto}, not ${event.data.into}`);
      }
      state.mergedInto = null;
      break;
    case 'complaint-absorbed':
      if (state.absorbed.includes(event.data.from)) fail(state, event, `${event.data.from} is already merged into it`);
      state.absorbed.push(event.data.from);
      break;
    case 'absorption-reversed': {
      const index = state.absorbed.indexOf(event.data.from);
      if (index < 0) fail(state, event, `${event.data.from} is not merged into it`);
      state.absorbed.splice(index, 1);
      break;
    }
    case 'feedback-received':
      if (kind !== 'customer') fail(state, event, 'feedback comes from the customer');
      state.feedback.push({ csat: event.data.csat, nps: event.data.nps, at, agent: state.assignee });
      break;
    case 'complaint-acknowledged':
    case 'investigation-started':
    case 'note-added':
      break;
  }
  if (target === 'restore') {
    state.status = state.statusBeforeMerge ?? 'received';
    state.statusBeforeMerge = null;
  } else if (target !== 'same') {
    state.status = target;
  }
  // The resolution clock runs in the working statuses and pauses in every other.
  const runs = state.resolutionRuns;
  const last = runs[runs.length - 1];
  const running = last !== undefined && last[1] === null;
  if (clockRunning.has(state.status)) {
    if (!running) runs.push([at, null]);
  } else if (running) {
    last[1] = at;
  }
  state.eventCount += 1;
  if (event.sequence !== undefined) state.lastSequence = event.sequence;
  state.lastAt = at;
}

function copy(state: ComplaintState): ComplaintState {
  return {
    ...state,
    lineIds: [...state.lineIds],
    intents: [...state.intents],
    handoffs: [...state.handoffs],
    resolutionRuns: state.resolutionRuns.map((run): ClockRun => [run[0], run[1]]),
    recourse: [...state.recourse],
    promises: state.promises.map((promise) => ({ ...promise })),
    facts: [...state.facts],
    tried: [...state.tried],
    absorbed: [...state.absorbed],
    feedback: [...state.feedback],
  };
}

/**
 * The state a history leads to. Pure: the same events always give the same state.
 * @throws AftersaleError `invalid_complaint_transition` at the first event the state does not allow.
 */
export function foldComplaint(
  events: readonly ComplaintHistoryEvent[],
  options: { complaintId?: string } = {},
): ComplaintState {
  const state = emptyComplaintState(options.complaintId ?? null);
  for (const event of events) step(state, event);
  return state;
}

/**
 * The state after one more event; `state` itself is left as it was.
 * @throws AftersaleError `invalid_complaint_transition` when the state does not allow the event.
 */
export function applyComplaintEvent(state: ComplaintState, event: ComplaintHistoryEvent): ComplaintState {
  const next = copy(state);
  step(next, event);
  return next;
}

/** True when the event would be accepted in this state. */
export function canApplyComplaintEvent(state: ComplaintState, event: ComplaintHistoryEvent): boolean {
  try {
    step(copy(state), event);
    return true;
  } catch (error) {
    if (AftersaleError.hasCode(error, 'invalid_complaint_transition')) return false;
    throw error;
  }
}
