import { AftersaleError } from '../errors/aftersale-error.js';
import type { ComplaintEventType } from './complaint-event.js';
import type { ComplaintStatus } from './complaint-vocabulary.js';

/** `none` is the state before the first event. */
export type ComplaintStatusOrNone = ComplaintStatus | 'none';

/** Where an event leads: a status, `same` (status unchanged) or `restore` (the status before a merge). */
export type TransitionTarget = ComplaintStatus | 'same' | 'restore';

const open = ['received', 'acknowledged', 'assessed', 'investigating', 'waiting_for_customer', 'reopened'] as const;
const active = [...open, 'resolved'] as const;

function from(
  statuses: readonly ComplaintStatusOrNone[],
  to: TransitionTarget,
): Partial<Record<ComplaintStatusOrNone, TransitionTarget>> {
  return Object.fromEntries(statuses.map((status) => [status, to]));
}

/**
 * The one table of status changes: for each event type, the statuses it may be applied in and where
 * it leads. An event in a status the table does not list is an `invalid_complaint_transition`.
 */
export const complaintTransitions: Readonly<
  Record<ComplaintEventType, Readonly<Partial<Record<ComplaintStatusOrNone, TransitionTarget>>>>
> = {
  'complaint-received': { none: 'received' },
  'complaint-acknowledged': { received: 'acknowledged' },
  'complaint-assessed': {
    ...from(['received', 'acknowledged'], 'assessed'),
    ...from(['assessed', 'investigating', 'waiting_for_customer', 'reopened'], 'same'),
  },
  'category-set': from(active, 'same'),
  'investigation-started': from(['acknowledged', 'assessed', 'reopened'], 'investigating'),
  'customer-input-requested': from(['acknowledged', 'assessed', 'investigating', 'reopened'], 'waiting_for_customer'),
  'customer-replied': {
    ...from(['received', 'acknowledged', 'assessed', 'investigating', 'reopened', 'resolved'], 'same'),
    waiting_for_customer: 'investigating',
  },
  'agent-replied': from(active, 'same'),
  'note-added': from([...active, 'closed', 'merged'], 'same'),
  'fact-established': from(active, 'same'),
  'action-tried': from(active, 'same'),
  'promise-made': from(active, 'same'),
  'promise-kept': from([...active, 'closed'], 'same'),
  'promise-cancelled': from([...active, 'closed'], 'same'),
  'complaint-assigned': from(active, 'same'),
  'complaint-transferred': from(active, 'same'),
  // A customer can always reach a person: asking for one reopens a closed complaint.
  'human-requested': { ...from(active, 'same'), closed: 'reopened' },
  'complaint-resolved': from(
    ['acknowledged', 'assessed', 'investigating', 'waiting_for_customer', 'reopened'],
    'resolved',
  ),
  'outcome-accepted': { resolved: 'same' },
  // A rejected outcome keeps the complaint open.
  'outcome-rejected': { resolved: 'investigating' },
  'complaint-closed': from(['resolved', 'waiting_for_customer', ...open], 'closed'),
  'complaint-withdrawn': from(open, 'closed'),
  'complaint-reopened': from(['resolved', 'closed'], 'reopened'),
  'complaint-merged': from(open, 'merged'),
  'merge-reversed': { merged: 'restore' },
  'complaint-absorbed': from(active, 'same'),
  'absorption-reversed': from(active, 'same'),
  'feedback-received': from(['resolved', 'closed'], 'same'),
};

/** The statuses an event type may be applied in. */
export function allowedFrom(type: ComplaintEventType): ComplaintStatusOrNone[] {
  return Object.keys(complaintTransitions[type]) as ComplaintStatusOrNone[];
}

/**
 * Where `type` leads from `status`, or the typed error an invalid transition is.
 * @throws AftersaleError `invalid_complaint_transition`
 */
export function transitionTarget(
  complaintId: string | null,
  status: ComplaintStatusOrNone,
  type: ComplaintEventType,
): TransitionTarget {
  const target = complaintTransitions[type][status];
  if (target !== undefined) return target;
  throw invalidTransition(
    complaintId,
    status,
    type,
    `it is allowed only from ${allowedFrom(type).join(', ') || 'no status'}`,
  );
}

/** The error of an event the complaint's state does not allow. */
export function invalidTransition(
  complaintId: string | null,
  status: ComplaintStatusOrNone,
  type: ComplaintEventType,
  why: string,
): AftersaleError {
  const subject = complaintId === null ? 'the complaint' : `complaint ${complaintId}`;
  return new AftersaleError({
    code: 'invalid_complaint_transition',
    message: `Cannot apply ${type} to ${subject} in status ${status}: ${why}. Read the complaint again and pick an event its status allows.`,
    details: { complaintId, status, event: type },
  });
}
