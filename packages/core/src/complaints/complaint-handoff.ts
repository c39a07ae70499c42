import { formatMoney } from '../money/format-money.js';
import type { ComplaintHistoryEvent, HandoffReferences } from './complaint-event.js';
import { complaintLabel, type NextStep } from './complaint-messages.js';
import type { ComplaintPromise, ComplaintState } from './fold-complaint.js';

/** The open promises whose due date has passed at `now`, soonest due first. */
export function overduePromises(state: ComplaintState, now: Date | number): ComplaintPromise[] {
  const at = typeof now === 'number' ? now : now.getTime();
  return state.promises
    .filter((promise) => promise.state === 'open' && promise.dueAt < at)
    .sort((left, right) => left.dueAt - right.dueAt);
}

/** What should happen next to the complaint, as a code the catalogue renders. */
export function complaintNextStep(state: ComplaintState, now: Date | number): NextStep {
  switch (state.status) {
    case 'none':
    case 'closed':
      return 'none';
    case 'merged':
      return 'follow_merged';
    case 'received':
      return 'acknowledge';
    case 'acknowledged':
      return 'assess';
    default:
      break;
  }
  if (state.humanRequestedAt !== null) return 'answer_in_person';
  if (state.disputed && state.status !== 'resolved') return 'review_rejected_outcome';
  if (overduePromises(state, now).length > 0) return 'keep_overdue_promise';
  if (state.awaitingReplySince !== null) return 'reply_to_customer';
  switch (state.status) {
    case 'waiting_for_customer':
      return 'wait_for_customer';
    case 'assessed':
    case 'reopened':
      return 'investigate';
    case 'investigating':
      return state.firstResponseAt === null ? 'reply_to_customer' : 'resolve';
    default:
      return state.outcome === 'accepted' ? 'close' : 'confirm_outcome';
  }
}

/**
 * The references a handoff carries, taken from the record when a complaint is assigned or
 * transferred: the facts, what was tried, the open promises and the next step.
 */
export function handoffReferences(state: ComplaintState, now: Date | number): HandoffReferences {
  return {
    facts: [...state.facts],
    tried: [...state.tried],
    openPromises: state.promises.filter((promise) => promise.state === 'open').map((promise) => promise.promiseId),
    nextStep: complaintNextStep(state, now),
  };
}

/** A handoff as the next agent reads it, so they never ask the customer to tell the story again. */
export interface HandoffSummary {
  /** What the customer wants: the category, the remedy asked for, the intents. */
  wants: string;
  /** The customer's own words when they first wrote (null once erased). */
  customerWords: string | null;
  facts: string[];
  tried: string[];
  promises: string[];
  nextStep: string;
  /** The whole summary as plain text. */
  text: string;
}

/**
 * Renders the handoff of a complaint in a language, from its state and history (the history gives
 * the facts' and attempts' own words).
 * @throws AftersaleError `missing_translation` for a locale aftersale has no texts in.
 */
export function summarizeHandoff(
  state: ComplaintState,
  events: readonly ComplaintHistoryEvent[],
  options: { locale: string; timeZone: string; now: Date | number },
): HandoffSummary {
  const { locale, timeZone } = options;
  const label = (
    heading: 'wants' | 'facts' | 'tried' | 'promises' | 'next' | 'nothing' | 'due' | 'overdue' | 'asked_for',
  ) => complaintLabel('heading', heading, locale);
  const bySequence = new Map(
    events.filter((event) => event.sequence !== undefined).map((event) => [event.sequence, event]),
  );
  const received = events.find((event) => event.type === 'complaint-received');
  const wantsParts: string[] = [];
  if (state.category !== null) wantsParts.push(complaintLabel('category', state.category.value, locale));
  if (state.requestedRemedy !== null) {
    wantsParts.push(`${label('asked_for')}: ${complaintLabel('remedy', state.requestedRemedy, locale)}`);
  }
  for (const intent of state.intents) wantsParts.push(complaintLabel('intent', intent, locale));
  const wants = wantsParts.length === 0 ? label('nothing') : wantsParts.join('; ');
  const describe = (sequence: number, code: string) => {
    const event = bySequence.get(sequence);
    const words = event?.note ?? null;
    return words === null ? code : `${code}: ${words}`;
  };
  const facts = state.facts.map((sequence) => {
    const event = bySequence.get(sequence);
    return describe(sequence, event?.type === 'fact-established' ? event.data.fact : 'fact');
  });
  const tried = state.tried.map((sequence) => {
    const event = bySequence.get(sequence);
    return describe(
      sequence,
      event?.type === 'action-tried' ? `${event.data.action} (${event.data.outcome})` : 'action',
    );
  });
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const promises = state.promises
    .filter((promise) => promise.state === 'open')
    .map((promise) => {
      const amount = promise.amount === null ? '' : ` ${formatMoney(promise.amount, locale)}`;
      const due = `${promise.dueAt < now ? label('overdue') : label('due')} ${dates.format(promise.dueAt)}`;
      return `${complaintLabel('promise', promise.kind, locale)}${amount} (${due})`;
    });
  const step = complaintLabel('nextStep', complaintNextStep(state, now), locale);
  const customerWords = received?.note ?? null;
  const list = (items: string[]) =>
    items.length === 0 ? `- ${label('nothing')}` : items.map((item) => `- ${item}`).join('\n');
  const text = [
    `${label('wants')}: ${wants}`,
    ...(customerWords === null ? [] : [`> ${customerWords}`]),
    `${label('facts')}:\n${list(facts)}`,
    `${label('tried')}:\n${list(tried)}`,
    `${label('promises')}:\n${list(promises)}`,
    `${label('next')}: ${step}`,
  ].join('\n');
  return { wants, customerWords, facts, tried, promises, nextStep: step, text };
}
