import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { type ComplaintEventType, type ComplaintHistoryEvent, parseComplaintEvent } from './complaint-event.js';
import { complaintStatuses } from './complaint-vocabulary.js';
import { applyComplaintEvent, type ComplaintState, emptyComplaintState, foldComplaint } from './fold-complaint.js';

const handoff = { facts: [], tried: [], openPromises: [], nextStep: 'investigate' };
const promiseIds = ['p1', 'p2'];
const agents = ['agent:ayse', 'agent:mehmet'];

/** Every event type with a few data variants, so random sequences reach every corner of the table. */
const dataFor: Record<ComplaintEventType, fc.Arbitrary<Record<string, unknown>>> = {
  'complaint-received': fc.constant({
    channel: 'chat',
    orderId: 'ord_1',
    lineIds: [],
    requestedRemedy: null,
    language: 'en',
  }),
  'complaint-acknowledged': fc.constant({}),
  'complaint-assessed': fc.record({
    severity: fc.constantFrom('low', 'normal', 'high', 'critical'),
    priority: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
  }),
  'category-set': fc.record({
    category: fc.constantFrom('damaged', 'late_delivery', 'other'),
    intents: fc.constant(['refund']),
    urgency: fc.constantFrom('normal', 'high'),
    source: fc.constantFrom('suggester', 'agent'),
    confidence: fc.constantFrom(0.4, 1),
  }),
  'investigation-started': fc.constant({}),
  'customer-input-requested': fc.constant({}),
  'customer-replied': fc.constant({}),
  'agent-replied': fc.constant({}),
  'note-added': fc.constant({}),
  'fact-established': fc.constant({ fact: 'tracking_shows_delivered' }),
  'action-tried': fc.constant({ action: 'asked_carrier', outcome: 'pending' }),
  'promise-made': fc.record({
    promiseId: fc.constantFrom(...promiseIds),
    kind: fc.constantFrom('refund', 'callback'),
    dueAt: fc.constant('2026-03-20T12:00:00Z'),
    amount: fc.constant(null),
  }),
  'promise-kept': fc.record({ promiseId: fc.constantFrom(...promiseIds) }),
  'promise-cancelled': fc.record({ promiseId: fc.constantFrom(...promiseIds) }),
  'complaint-assigned': fc.record({
    assignee: fc.constantFrom(...agents),
    previousAssignee: fc.constantFrom(null, ...agents),
    handoff: fc.constant(handoff),
  }),
  'complaint-transferred': fc.record({
    assignee: fc.constantFrom(...agents),
    previousAssignee: fc.constantFrom(null, ...agents),
    handoff: fc.constant(handoff),
  }),
  'human-requested': fc.constant({}),
  'complaint-resolved': fc.record({
    remedy: fc.constantFrom('refund', 'apology'),
    returnCaseId: fc.constant(null),
    refundId: fc.constant(null),
    amount: fc.constant(null),
  }),
  'outcome-accepted': fc.constant({}),
  'outcome-rejected': fc.constant({ recourse: ['escalate_to_supervisor'] }),
  'complaint-closed': fc.record({ reason: fc.constantFrom('resolved', 'no_response', 'duplicate') }),
  'complaint-withdrawn': fc.constant({}),
  'complaint-reopened': fc.constant({}),
  'complaint-merged': fc.record({ into: fc.constantFrom('cmp_a', 'cmp_b') }),
  'merge-reversed': fc.record({ into: fc.constantFrom('cmp_a', 'cmp_b') }),
  'complaint-absorbed': fc.record({ from: fc.constantFrom('cmp_c', 'cmp_d') }),
  'absorption-reversed': fc.record({ from: fc.constantFrom('cmp_c', 'cmp_d') }),
  'feedback-received': fc.record({ csat: fc.integer({ min: 1, max: 5 }), nps: fc.constantFrom(null, 0, 10) }),
};

const candidate = fc.constantFrom(...(Object.keys(dataFor) as ComplaintEventType[])).chain((type) =>
  fc.record({
    type: fc.constant(type),
    data: dataFor[type],
    actor: fc.constantFrom('customer', 'agent:ayse', 'automation:bot', 'system'),
    gapMinutes: fc.integer({ min: 0, max: 3000 }),
  }),
);

const runningStatuses = new Set(['received', 'acknowledged', 'assessed', 'investigating', 'reopened']);

function checkInvariants(state: ComplaintState): void {
  expect(complaintStatuses).toContain(state.status);
  const runs = state.resolutionRuns;
  const open = runs.filter((run) => run[1] === null);
  expect(open.length).toBe(runningStatuses.has(state.status) ? 1 : 0);
  if (open.length === 1) expect(runs.at(-1)?.[1]).toBeNull();
  for (const [index, [start, end]] of runs.entries()) {
    if (end !== null) expect(end).toBeGreaterThanOrEqual(start);
    const next = runs[index + 1];
    if (next !== undefined && end !== null) expect(next[0]).toBeGreaterThanOrEqual(end);
  }
  expect(state.mergedInto !== null).toBe(state.status === 'merged');
  expect(state.closedAt !== null).toBe(state.status === 'closed');
  if (state.status === 'resolved') expect(state.resolution).not.toBeNull();
  if (state.outcome === 'accepted') expect(state.disputed).toBe(false);
  expect(new Set(state.promises.map((promise) => promise.promiseId)).size).toBe(state.promises.length);
  expect(new Set(state.absorbed).size).toBe(state.absorbed.length);
}

describe('complaint state machine properties', () => {
  it('no event sequence reaches an invalid state; a refused event is always a typed transition error', () => {
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 60 }), (candidates) => {
        let state = emptyComplaintState('cmp_prop');
        let at = Date.parse('2026-03-27T20:00:00Z');
        const accepted: ComplaintHistoryEvent[] = [];
        const first = parseComplaintEvent({
          type: 'complaint-received',
          at: new Date(at).toISOString(),
          actor: 'customer',
          data: { channel: 'chat', orderId: null, lineIds: [], requestedRemedy: null, language: null },
          sequence: 1,
        });
        state = applyComplaintEvent(state, first);
        accepted.push(first);
        for (const item of candidates) {
          at += item.gapMinutes * 60_000;
          const event = parseComplaintEvent({
            type: item.type,
            at: new Date(at).toISOString(),
            actor: item.actor,
            data: item.data,
            sequence: accepted.length + 1,
          });
          try {
            state = applyComplaintEvent(state, event);
            accepted.push(event);
          } catch (error) {
            expect(AftersaleError.hasCode(error, 'invalid_complaint_transition')).toBe(true);
          }
          checkInvariants(state);
        }
        // Replaying the accepted history gives the same state.
        expect(foldComplaint(accepted, { complaintId: 'cmp_prop' })).toEqual(state);
        expect(foldComplaint(structuredClone(accepted), { complaintId: 'cmp_prop' })).toEqual(state);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
