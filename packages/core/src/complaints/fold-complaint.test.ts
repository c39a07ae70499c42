import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { parseComplaintEvent } from './complaint-event.js';
import { eventsFrom, noHandoff, received } from './complaint-test-events.test-support.js';
import { allowedFrom, complaintTransitions } from './complaint-transitions.js';
import { complaintStatuses } from './complaint-vocabulary.js';
import { applyComplaintEvent, canApplyComplaintEvent, emptyComplaintState, foldComplaint } from './fold-complaint.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (AftersaleError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('the complaint lifecycle (ISO 10002 steps)', () => {
  it('walks received → acknowledged → assessed → investigating → waiting → resolved → accepted → closed', () => {
    const event = eventsFrom();
    const history = [
      event('complaint-received', received, { actor: 'customer', note: 'Paketim gelmedi' }),
      event('complaint-acknowledged', {}, { actor: 'automation:ack' }),
      event('complaint-assessed', { severity: 'high', priority: 'p2' }),
      event('investigation-started', {}),
      event('customer-input-requested', {}, { note: 'Kapı numaranız nedir?' }),
      event('customer-replied', {}, { actor: 'customer', note: '12' }),
      event('complaint-resolved', {
        remedy: 'refund',
        returnCaseId: null,
        refundId: 'rfd_1',
        amount: { amount: 45_000, currency: 'TRY' },
      }),
      event('outcome-accepted', {}, { actor: 'customer' }),
      event('feedback-received', { csat: 5, nps: 9 }, { actor: 'customer', note: 'Teşekkürler' }),
      event('complaint-closed', { reason: 'resolved' }, { actor: 'automation:closer' }),
    ];
    const statuses = history.map((_, index) => foldComplaint(history.slice(0, index + 1)).status);
    expect(statuses).toEqual([
      'received',
      'acknowledged',
      'assessed',
      'investigating',
      'waiting_for_customer',
      'investigating',
      'resolved',
      'resolved',
      'resolved',
      'closed',
    ]);
    const state = foldComplaint(history, { complaintId: 'cmp_1' });
    expect(state).toMatchObject({
      severity: 'high',
      priority: 'p2',
      channel: 'email',
      orderId: 'ord_1042',
      requestedRemedy: 'refund',
      resolution: { remedy: 'refund', refundId: 'rfd_1', amount: { amount: 45_000, currency: 'TRY' } },
      outcome: 'accepted',
      closeReason: 'resolved',
      eventCount: 10,
      lastSequence: 10,
    });
    // The resolution clock ran until the question, paused while waiting, ran again until resolved.
    const minute = 60_000;
    const start = Date.parse('2026-03-16T09:00:00+03:00');
    expect(state.resolutionRuns).toEqual([
      [start + minute, start + 5 * minute],
      [start + 6 * minute, start + 7 * minute],
    ]);
    expect(state.feedback).toEqual([{ csat: 5, nps: 9, at: start + 9 * minute, agent: null }]);
  });

  it('names the status, the event and what is allowed when a transition is invalid', () => {
    const event = eventsFrom();
    const history = [event('complaint-received', received, { actor: 'customer' })];
    const closing = event('complaint-closed', { reason: 'resolved' });
    expect(codeOf(() => foldComplaint([...history, closing], { complaintId: 'cmp_9' }))).toBe(
      'invalid_complaint_transition: Cannot apply complaint-closed to complaint cmp_9 in status received: close it as resolved only once resolved. Read the complaint again and pick an event its status allows.',
    );
    expect(codeOf(() => foldComplaint([event('complaint-acknowledged', {})]))).toMatch(
      /^invalid_complaint_transition: .*in status none: it is allowed only from received/,
    );
    const acknowledged = [...history, event('complaint-acknowledged', {})];
    expect(
      codeOf(() => foldComplaint([...acknowledged, event('outcome-accepted', {}, { actor: 'customer' })])),
    ).toMatch(/in status acknowledged: it is allowed only from resolved/);
  });

  it('refuses events out of time order and actors that cannot do what the event says', () => {
    const event = eventsFrom();
    const first = event('complaint-received', received, { actor: 'customer', minute: 10 });
    expect(codeOf(() => foldComplaint([first, event('complaint-acknowledged', {}, { minute: 5 })]))).toMatch(
      /before the last event/,
    );
    const opened = [first, event('complaint-acknowledged', {}, { minute: 11 })];
    expect(codeOf(() => foldComplaint([...opened, event('customer-replied', {}, { minute: 12 })]))).toMatch(
      /only the customer replies/,
    );
    expect(codeOf(() => foldComplaint([...opened, event('human-requested', {}, { minute: 12 })]))).toMatch(
      /only the customer asks for a person/,
    );
  });

  it('keeps a rejected outcome open with its recourse, and lets only a person close a disputed complaint', () => {
    const event = eventsFrom();
    const history = [
      event('complaint-received', received, { actor: 'customer' }),
      event('complaint-acknowledged', {}),
      event('complaint-resolved', { remedy: 'apology', returnCaseId: null, refundId: null, amount: null }),
      event(
        'outcome-rejected',
        { recourse: ['escalate_to_supervisor', 'consumer_arbitration_committee'] },
        { actor: 'customer' },
      ),
    ];
    const state = foldComplaint(history);
    expect(state).toMatchObject({
      status: 'investigating',
      outcome: 'rejected',
      disputed: true,
      recourse: ['escalate_to_supervisor', 'consumer_arbitration_committee'],
    });
    const resolvedAgain = [
      ...history,
      event('complaint-resolved', { remedy: 'refund', returnCaseId: 'ret_1', refundId: null, amount: null }),
    ];
    expect(
      codeOf(() =>
        foldComplaint([
          ...resolvedAgain,
          event('complaint-closed', { reason: 'resolved' }, { actor: 'automation:closer' }),
        ]),
      ),
    ).toMatch(/disputed the outcome, so only a person may close it/);
    expect(
      foldComplaint([...resolvedAgain, event('complaint-closed', { reason: 'resolved' }, { actor: 'agent:mehmet' })])
        .status,
    ).toBe('closed');
    // Once the customer accepts the new outcome, automation may close it.
    const accepted = [...resolvedAgain, event('outcome-accepted', {}, { actor: 'customer' })];
    expect(
      foldComplaint([...accepted, event('complaint-closed', { reason: 'resolved' }, { actor: 'automation:closer' })])
        .status,
    ).toBe('closed');
  });

  it('always lets the customer reach a person: a request reopens a closed complaint and blocks automatic closing', () => {
    const event = eventsFrom();
    const closed = [
      event('complaint-received', received, { actor: 'customer' }),
      event('complaint-acknowledged', {}),
      event('complaint-withdrawn', {}, { actor: 'customer' }),
    ];
    const reopened = foldComplaint([...closed, event('human-requested', {}, { actor: 'customer' })]);
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(reopened.humanRequestedAt).not.toBeNull();
    const waiting = [
      ...closed,
      event('human-requested', {}, { actor: 'customer' }),
      event('customer-input-requested', {}, { actor: 'automation:bot' }),
    ];
    expect(
      codeOf(() =>
        foldComplaint([
          ...waiting,
          event('complaint-closed', { reason: 'no_response' }, { actor: 'automation:closer' }),
        ]),
      ),
    ).toMatch(/asked for a person and no person has answered yet/);
    // A person answers; then the automatic closing for no response is allowed.
    const answered = [...waiting, event('agent-replied', {})];
    expect(
      foldComplaint([...answered, event('complaint-closed', { reason: 'no_response' }, { actor: 'automation:closer' })])
        .status,
    ).toBe('closed');
  });

  it('reverses a merge back to the status before it', () => {
    const event = eventsFrom();
    const history = [
      event('complaint-received', received, { actor: 'customer' }),
      event('complaint-acknowledged', {}),
      event('complaint-assessed', { severity: 'normal', priority: 'p3' }),
      event('investigation-started', {}),
      event('complaint-merged', { into: 'cmp_target' }),
    ];
    const merged = foldComplaint(history, { complaintId: 'cmp_source' });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: 'cmp_target', statusBeforeMerge: 'investigating' });
    expect(codeOf(() => foldComplaint([...history, event('merge-reversed', { into: 'cmp_other' })]))).toMatch(
      /merged into cmp_target, not cmp_other/,
    );
    const reversed = foldComplaint([...history, event('merge-reversed', { into: 'cmp_target' })]);
    expect(reversed).toMatchObject({ status: 'investigating', mergedInto: null, statusBeforeMerge: null });
    expect(codeOf(() => foldComplaint([...history, event('complaint-merged', { into: 'cmp_x' })]))).toMatch(
      /in status merged/,
    );
  });

  it('tracks promises, assignments and transfers', () => {
    const event = eventsFrom();
    const history = [
      event('complaint-received', received, { actor: 'customer' }),
      event('complaint-acknowledged', {}),
      event('complaint-assigned', { assignee: 'agent:ayse', previousAssignee: null, handoff: noHandoff }),
      event('promise-made', {
        promiseId: 'p1',
        kind: 'refund',
        dueAt: '2026-03-21T18:00:00+03:00',
        amount: { amount: 10_000, currency: 'TRY' },
      }),
      event('promise-made', { promiseId: 'p2', kind: 'callback', dueAt: '2026-03-17T12:00:00+03:00', amount: null }),
      event('promise-kept', { promiseId: 'p2' }),
      event('complaint-transferred', { assignee: 'agent:mehmet', previousAssignee: 'agent:ayse', handoff: noHandoff }),
    ];
    const state = foldComplaint(history);
    expect(state.assignee).toBe('agent:mehmet');
    expect(state.handoffs.map((handoff) => [handoff.from, handoff.to])).toEqual([
      [null, 'agent:ayse'],
      ['agent:ayse', 'agent:mehmet'],
    ]);
    expect(state.promises.map((promise) => [promise.promiseId, promise.state])).toEqual([
      ['p1', 'open'],
      ['p2', 'kept'],
    ]);
    expect(codeOf(() => foldComplaint([...history, event('promise-kept', { promiseId: 'p2' })]))).toMatch(
      /already kept/,
    );
    expect(
      codeOf(() =>
        foldComplaint([
          ...history,
          event('promise-made', { promiseId: 'p1', kind: 'other', dueAt: '2026-03-30T00:00:00Z', amount: null }),
        ]),
      ),
    ).toMatch(/already made/);
    expect(
      codeOf(() =>
        foldComplaint([
          ...history,
          event('complaint-assigned', { assignee: 'agent:x', previousAssignee: null, handoff: noHandoff }),
        ]),
      ),
    ).toMatch(/transfer it instead/);
    expect(
      codeOf(() =>
        foldComplaint([
          ...history,
          event('complaint-transferred', { assignee: 'agent:x', previousAssignee: 'agent:ayse', handoff: noHandoff }),
        ]),
      ),
    ).toMatch(/its assignee is agent:mehmet, not agent:ayse/);
  });

  it('never lets a suggestion replace a person’s label', () => {
    const event = eventsFrom();
    const history = [
      event('complaint-received', received, { actor: 'customer' }),
      event(
        'category-set',
        {
          category: 'late_delivery',
          intents: ['information'],
          urgency: 'normal',
          source: 'suggester',
          confidence: 0.6,
        },
        { actor: 'automation:suggester' },
      ),
      event('category-set', {
        category: 'never_arrived',
        intents: ['refund'],
        urgency: 'high',
        source: 'agent',
        confidence: 1,
      }),
      event(
        'category-set',
        { category: 'damaged', intents: [], urgency: 'low', source: 'suggester', confidence: 0.9 },
        { actor: 'automation:suggester' },
      ),
    ];
    expect(foldComplaint(history)).toMatchObject({
      category: { value: 'never_arrived', source: 'agent', confidence: 1 },
      intents: ['refund'],
      urgency: 'high',
    });
  });

  it('applies events one at a time without touching the earlier state', () => {
    const event = eventsFrom();
    const before = applyComplaintEvent(
      emptyComplaintState('cmp_1'),
      event('complaint-received', received, { actor: 'customer' }),
    );
    const snapshot = structuredClone(before);
    const after = applyComplaintEvent(before, event('complaint-acknowledged', {}));
    expect(before).toEqual(snapshot);
    expect(after.status).toBe('acknowledged');
    expect(canApplyComplaintEvent(after, event('complaint-acknowledged', {}))).toBe(false);
    expect(canApplyComplaintEvent(after, event('complaint-assessed', { severity: 'low', priority: 'p4' }))).toBe(true);
  });

  it('has one transition table that covers every status', () => {
    const reachable = new Set<string>(['none']);
    for (const targets of Object.values(complaintTransitions)) {
      for (const target of Object.values(targets)) if (target !== 'same' && target !== 'restore') reachable.add(target);
    }
    expect([...reachable].sort()).toEqual(['none', ...complaintStatuses].sort());
    expect(allowedFrom('complaint-received')).toEqual(['none']);
  });

  it('validates events at the boundary and names the paths at fault', () => {
    expect(codeOf(() => parseComplaintEvent({ type: 'complaint-exploded', at: 'yesterday', actor: 'bob' }))).toMatch(
      /^invalid_input: Invalid complaint event: type: .*; at: .*; actor: must be customer, system, agent:<staff id> or automation:<name>/,
    );
    expect(
      codeOf(() =>
        parseComplaintEvent({
          type: 'feedback-received',
          at: '2026-03-16T09:00:00Z',
          actor: 'customer',
          data: { csat: 7, nps: null },
        }),
      ),
    ).toMatch(/^invalid_input: Invalid feedback-received event data: csat: /);
  });
});
