import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import {
  allowedReturnCaseEvents,
  applyReturnCaseEvent,
  isFinalReturnCaseStatus,
  nextReturnCaseStatus,
  type ReturnCaseEventInput,
  type ReturnCaseEventType,
  type ReturnCaseState,
  replayReturnCase,
  returnCaseStatuses,
  returnCaseTransitions,
} from './return-case.js';

const customer = { kind: 'customer' as const, id: 'cus_1' };
const system = { kind: 'automation' as const, id: 'auto-approve' };
const staff = { kind: 'staff' as const, id: 'staff_7' };

function requested(
  status: 'eligible' | 'conditional' | 'ineligible' = 'eligible',
  resolution: 'refund' | 'keep_item' = 'refund',
): ReturnCaseEventInput {
  return {
    type: 'requested',
    at: '2026-11-02T10:00:00Z',
    actor: customer,
    orderId: 'ord_1001',
    lines: [
      { lineItemId: 'line_1', quantity: 2, reason: 'wrong_size', resolution },
      { lineItemId: 'line_2', quantity: 1, reason: 'changed_mind', resolution },
    ],
    decision: { status, refundTotal: money(15000, 'TRY'), policy: { id: 'standard', version: 3 } },
  };
}

function at(day: number): string {
  return `2026-11-${String(day).padStart(2, '0')}T12:00:00Z`;
}

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (AftersaleError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('the return case lifecycle', () => {
  it('walks requested → approved → awaiting items → received → inspected → resolved → closed', () => {
    const state = replayReturnCase('ret_1', [
      requested(),
      { type: 'approved', at: at(2), actor: system },
      { type: 'label_issued', at: at(3), actor: staff, carrier: 'Yurtiçi Kargo', designated: true, provider: 'manual' },
      { type: 'in_transit', at: at(4), actor: { kind: 'platform', id: 'carrier' }, trackingNumber: 'YK123' },
      { type: 'received', at: at(6), actor: staff },
      {
        type: 'inspected',
        at: at(6),
        actor: staff,
        lines: [
          { lineItemId: 'line_1', quantity: 1, condition: 'as_expected' },
          { lineItemId: 'line_1', quantity: 1, condition: 'damaged' },
          { lineItemId: 'line_2', quantity: 1, condition: 'as_expected' },
        ],
      },
      {
        type: 'resolved',
        at: at(7),
        actor: system,
        outcome: 'refunded',
        amount: money(15000, 'TRY'),
        reference: 'rfd_1',
      },
      { type: 'closed', at: at(8), actor: system },
    ]);
    expect(state.status).toBe('closed');
    expect(state.history.map((entry) => entry.status)).toEqual([
      'requested',
      'approved',
      'awaiting_items',
      'received',
      'inspected',
      'resolved',
      'closed',
    ]);
    expect(state.shipment).toEqual({
      stage: 'in_transit',
      carrier: 'Yurtiçi Kargo',
      trackingNumber: 'YK123',
      designated: true,
      provider: 'manual',
    });
    expect(state.lines[0]?.inspection).toEqual({ as_expected: 1, damaged: 1 });
    expect(state.resolution).toEqual({
      outcome: 'refunded',
      amount: money(15000, 'TRY'),
      reference: 'rfd_1',
      at: at(7),
    });
    expect(state.eventCount).toBe(8);
  });

  it('an invalid transition is a typed error that lists what the status allows', () => {
    const state = replayReturnCase('ret_1', [requested()]);
    let caught: unknown;
    try {
      applyReturnCaseEvent(state, { type: 'received', at: at(3), actor: staff });
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.isInstance(caught)).toBe(true);
    const error = caught as AftersaleError;
    expect(error.code).toBe('invalid_return_transition');
    expect(error.message).toContain('Allowed here: review_required, approved, declined, cancelled');
    expect(error.details).toMatchObject({ caseId: 'ret_1', status: 'requested', event: 'received' });
  });

  it('a case waiting for review is approved only by a person', () => {
    const waiting = replayReturnCase('ret_1', [
      requested('conditional'),
      { type: 'review_required', at: at(2), actor: system, reasons: ['conditional'] },
    ]);
    expect(waiting.review).toEqual({ reasons: ['conditional'], since: at(2) });
    expect(code(() => applyReturnCaseEvent(waiting, { type: 'approved', at: at(3), actor: system }))).toBe(
      'invalid_return_transition',
    );
    const approved = applyReturnCaseEvent(waiting, { type: 'approved', at: at(3), actor: staff });
    expect(approved.status).toBe('approved');
    expect(approved.review).toBeNull();
  });

  it('going against the policy needs an override by staff with a note, and is kept in the trail', () => {
    const ineligible = replayReturnCase('ret_1', [requested('ineligible')]);
    expect(code(() => applyReturnCaseEvent(ineligible, { type: 'approved', at: at(3), actor: staff }))).toBe(
      'invalid_return_transition',
    );
    expect(
      code(() => applyReturnCaseEvent(ineligible, { type: 'approved', at: at(3), actor: staff, override: true })),
    ).toBe('invalid_return_transition');
    expect(
      code(() =>
        applyReturnCaseEvent(ineligible, { type: 'approved', at: at(3), actor: system, override: true, note: 'ok' }),
      ),
    ).toBe('invalid_return_transition');
    const approved = applyReturnCaseEvent(ineligible, {
      type: 'approved',
      at: at(3),
      actor: staff,
      override: true,
      note: 'Loyal customer; goodwill exception approved by the team lead.',
    });
    expect(approved.overrides).toEqual([
      {
        type: 'approved',
        at: at(3),
        actor: staff,
        note: 'Loyal customer; goodwill exception approved by the team lead.',
      },
    ]);

    const declined = replayReturnCase('ret_2', [
      requested('ineligible'),
      { type: 'declined', at: at(2), actor: system },
    ]);
    expect(code(() => applyReturnCaseEvent(declined, { type: 'approved', at: at(3), actor: staff }))).toBe(
      'invalid_return_transition',
    );
    const reopened = applyReturnCaseEvent(declined, {
      type: 'approved',
      at: at(3),
      actor: staff,
      override: true,
      note: 'The customer appealed with photos of the fault.',
    });
    expect(reopened.status).toBe('approved');
  });

  it('a returnless refund resolves an approved case as kept, and only then', () => {
    const keep = replayReturnCase('ret_1', [
      requested('eligible', 'keep_item'),
      { type: 'approved', at: at(2), actor: system },
    ]);
    const resolved = applyReturnCaseEvent(keep, {
      type: 'resolved',
      at: at(2),
      actor: system,
      outcome: 'kept',
      amount: money(1500, 'TRY'),
    });
    expect(resolved.status).toBe('resolved');
    const normal = replayReturnCase('ret_2', [requested(), { type: 'approved', at: at(2), actor: system }]);
    expect(
      code(() => applyReturnCaseEvent(normal, { type: 'resolved', at: at(2), actor: system, outcome: 'refunded' })),
    ).toBe('invalid_return_transition');
  });

  it('inspection counts every unit of a line or none, and only lines of the return', () => {
    const received = replayReturnCase('ret_1', [
      requested(),
      { type: 'approved', at: at(2), actor: system },
      { type: 'received', at: at(5), actor: staff },
    ]);
    expect(
      code(() =>
        applyReturnCaseEvent(received, {
          type: 'inspected',
          at: at(5),
          actor: staff,
          lines: [{ lineItemId: 'line_1', quantity: 1, condition: 'as_expected' }],
        }),
      ),
    ).toBe('invalid_return_transition');
    expect(
      code(() =>
        applyReturnCaseEvent(received, {
          type: 'inspected',
          at: at(5),
          actor: staff,
          lines: [{ lineItemId: 'line_9', quantity: 1, condition: 'missing' }],
        }),
      ),
    ).toBe('invalid_return_transition');
  });

  it('events out of time order, a second request, a missing start and bad input are refused', () => {
    const state = replayReturnCase('ret_1', [requested(), { type: 'approved', at: at(4), actor: system }]);
    expect(code(() => applyReturnCaseEvent(state, { type: 'received', at: at(3), actor: staff }))).toBe(
      'invalid_return_transition',
    );
    expect(code(() => applyReturnCaseEvent(state, requested()))).toBe('invalid_return_transition');
    expect(code(() => replayReturnCase('ret_1', [{ type: 'approved', at: at(2), actor: system }]))).toBe(
      'invalid_return_transition',
    );
    expect(code(() => replayReturnCase('ret_1', []))).toBe('invalid_input');
    expect(
      code(() =>
        applyReturnCaseEvent(state, { type: 'received', at: 'yesterday', actor: staff } as ReturnCaseEventInput),
      ),
    ).toBe('invalid_input');
  });

  it('cancels before money moved, never after', () => {
    const approved = replayReturnCase('ret_1', [requested(), { type: 'approved', at: at(2), actor: system }]);
    expect(applyReturnCaseEvent(approved, { type: 'cancelled', at: at(3), actor: customer }).status).toBe('cancelled');
    const resolved = replayReturnCase('ret_1', [
      requested('eligible', 'keep_item'),
      { type: 'approved', at: at(2), actor: system },
      { type: 'resolved', at: at(2), actor: system, outcome: 'kept', amount: money(100, 'TRY') },
    ]);
    expect(code(() => applyReturnCaseEvent(resolved, { type: 'cancelled', at: at(3), actor: customer }))).toBe(
      'invalid_return_transition',
    );
  });
});

// ── Properties of the transition table ─────────────────────────────────────────────────────────

const eventTypes: ReturnCaseEventType[] = [
  'review_required',
  'approved',
  'declined',
  'label_issued',
  'in_transit',
  'received',
  'inspected',
  'resolved',
  'closed',
  'cancelled',
];

function eventOf(type: ReturnCaseEventType, state: ReturnCaseState, day: number): ReturnCaseEventInput {
  const when = at(Math.min(28, 2 + day));
  switch (type) {
    case 'review_required':
      return { type, at: when, actor: system, reasons: ['conditional'] };
    case 'approved':
    case 'declined':
      return { type, at: when, actor: staff, override: true, note: 'checked by a person' };
    case 'label_issued':
      return { type, at: when, actor: staff, carrier: 'Aras Kargo', designated: true, provider: 'manual' };
    case 'inspected':
      return {
        type,
        at: when,
        actor: staff,
        lines: state.lines.map((line) => ({
          lineItemId: line.lineItemId,
          quantity: line.quantity,
          condition: 'as_expected',
        })),
      };
    case 'resolved':
      return {
        type,
        at: when,
        actor: system,
        outcome: state.status === 'approved' ? 'kept' : 'refunded',
        amount: money(100, 'TRY'),
      };
    default:
      return { type, at: when, actor: staff } as ReturnCaseEventInput;
  }
}

describe('transition table properties', () => {
  it('every status is reachable from requested, and final statuses accept nothing', () => {
    const reached = new Set(['requested']);
    let frontier = ['requested'];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const status of frontier) {
        for (const target of Object.values(returnCaseTransitions[status as keyof typeof returnCaseTransitions])) {
          if (!reached.has(target)) {
            reached.add(target);
            next.push(target);
          }
        }
      }
      frontier = next;
    }
    expect([...reached].sort()).toEqual([...returnCaseStatuses].sort());
    for (const status of returnCaseStatuses) {
      expect(allowedReturnCaseEvents(status).length === 0).toBe(isFinalReturnCaseStatus(status));
    }
  });

  it('any sequence of events either follows the table or is refused with a typed error, state unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...eventTypes), { maxLength: 14 }), fc.boolean(), (types, keep) => {
        let state = replayReturnCase('ret_p', [requested('conditional', keep ? 'keep_item' : 'refund')]);
        let moneyMoved = false;
        types.forEach((type, index) => {
          const before = JSON.stringify(state);
          const expected = nextReturnCaseStatus(state.status, type);
          try {
            const after = applyReturnCaseEvent(state, eventOf(type, state, index));
            expect(expected).not.toBeNull();
            expect(after.status).toBe(expected);
            expect(after.eventCount).toBe(state.eventCount + 1);
            if (type === 'cancelled') expect(moneyMoved).toBe(false);
            if (type === 'resolved') moneyMoved = true;
            state = after;
          } catch (error) {
            expect(AftersaleError.isInstance(error)).toBe(true);
            expect((error as AftersaleError).code).toBe('invalid_return_transition');
            expect(JSON.stringify(state)).toBe(before);
          }
        });
        // The history is the status changes in order, each a transition the table allows.
        for (let index = 1; index < state.history.length; index++) {
          const from = state.history[index - 1];
          const to = state.history[index];
          if (from && to) expect(nextReturnCaseStatus(from.status, to.event)).toBe(to.status);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('replaying the same events gives the same state (the state is a function of the events)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...eventTypes), { maxLength: 10 }), (types) => {
        const accepted: ReturnCaseEventInput[] = [requested()];
        let state = replayReturnCase('ret_r', accepted);
        types.forEach((type, index) => {
          const event = eventOf(type, state, index);
          try {
            state = applyReturnCaseEvent(state, event);
            accepted.push(event);
          } catch {
            // refused events are not part of the history
          }
        });
        expect(replayReturnCase('ret_r', accepted)).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});
