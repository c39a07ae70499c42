import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { createBusinessCalendar } from './business-calendar.js';
import { type ComplaintHistoryEvent, complaintEvent } from './complaint-event.js';
import { complaintSlaStatus, defineSlaPolicy } from './complaint-sla.js';
import { eventsFrom, received } from './complaint-test-events.test-support.js';
import { foldComplaint } from './fold-complaint.js';

const hours: [string, string][] = [['09:00', '18:00']];
const calendar = createBusinessCalendar({
  timeZone: 'Europe/Istanbul',
  week: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours },
  holidays: { country: 'TR' },
});
const targets = (first: number, next: number, resolution: number) => ({
  firstResponseMinutes: first,
  nextResponseMinutes: next,
  resolutionMinutes: resolution,
});
const policy = defineSlaPolicy({
  targets: {
    p1: targets(30, 30, 240),
    p2: targets(60, 120, 540),
    p3: targets(240, 240, 1080),
    p4: targets(480, 480, 2700),
  },
  categoryTargets: { damaged: { p3: targets(120, 240, 1080) } },
});
const at = (iso: string) => new Date(iso);

describe('SLA clocks on business hours', () => {
  it('counts the first response in working time only: a Friday 17:00 complaint is due Monday 12:00 (p3, 4 hours)', () => {
    const event = eventsFrom('2026-03-13T17:00:00+03:00');
    const state = foldComplaint([event('complaint-received', received, { actor: 'customer', minute: 0 })]);
    const status = complaintSlaStatus(state, policy, calendar, at('2026-03-14T12:00:00+03:00'));
    expect(status.priority).toBe('p3');
    expect(status.firstResponse).toEqual({
      state: 'running',
      targetMinutes: 240,
      elapsedMinutes: 60,
      dueAt: '2026-03-16T09:00:00.000Z',
    });
    expect(complaintSlaStatus(state, policy, calendar, at('2026-03-16T11:30:00+03:00')).firstResponse.state).toBe(
      'at_risk',
    );
    const late = complaintSlaStatus(state, policy, calendar, at('2026-03-16T12:01:00+03:00'));
    expect(late.firstResponse.state).toBe('breached');
    expect(late.breached).toBe(true);
  });

  it('stops the first-response clock at the answer: met or missed for good', () => {
    const event = eventsFrom('2026-03-16T09:00:00+03:00');
    const history = [
      event('complaint-received', received, { actor: 'customer', minute: 0 }),
      event('agent-replied', {}, { minute: 200 }),
    ];
    const state = foldComplaint(history);
    expect(complaintSlaStatus(state, policy, calendar, at('2026-04-30T00:00:00Z')).firstResponse).toEqual({
      state: 'met',
      targetMinutes: 240,
      elapsedMinutes: 200,
      dueAt: null,
    });
    const assessed = foldComplaint([
      ...history.slice(0, 1),
      event('complaint-assessed', { severity: 'high', priority: 'p1' }, { minute: 1 }),
      event('agent-replied', {}, { minute: 45 }),
    ]);
    expect(complaintSlaStatus(assessed, policy, calendar, at('2026-04-30T00:00:00Z')).firstResponse.state).toBe(
      'missed',
    );
  });

  it('uses the category’s targets when the policy has them', () => {
    const event = eventsFrom('2026-03-16T09:00:00+03:00');
    const state = foldComplaint([
      event('complaint-received', received, { actor: 'customer', minute: 0 }),
      event(
        'category-set',
        { category: 'damaged', intents: [], urgency: 'normal', source: 'agent', confidence: 1 },
        { minute: 1 },
      ),
    ]);
    expect(
      complaintSlaStatus(state, policy, calendar, at('2026-03-16T10:00:00+03:00')).firstResponse.targetMinutes,
    ).toBe(120);
  });

  it('pauses the resolution clock while waiting for the customer, and runs the next-response clock on their reply', () => {
    const event = eventsFrom('2026-03-16T09:00:00+03:00');
    const history = [
      event('complaint-received', received, { actor: 'customer', minute: 0 }),
      event('complaint-acknowledged', {}, { minute: 10 }),
      event('customer-input-requested', {}, { minute: 60 }),
      // The customer answers the next day at 10:00: 24 hours later, of which 9 are working hours.
      event('customer-replied', {}, { actor: 'customer', minute: 60 + 24 * 60 }),
    ];
    const waiting = foldComplaint(history.slice(0, 3));
    const paused = complaintSlaStatus(waiting, policy, calendar, at('2026-03-17T09:30:00+03:00'));
    expect(paused.resolution).toEqual({ state: 'paused', targetMinutes: 1080, elapsedMinutes: 60, dueAt: null });
    expect(paused.nextResponse.state).toBe('not_started');
    const replied = foldComplaint(history);
    const running = complaintSlaStatus(replied, policy, calendar, at('2026-03-17T13:00:00+03:00'));
    expect(running.resolution.elapsedMinutes).toBe(60 + 180);
    expect(running.nextResponse).toMatchObject({ state: 'running', targetMinutes: 240, elapsedMinutes: 180 });
    expect(running.nextResponse.dueAt).toBe('2026-03-17T11:00:00.000Z');
    // Resolution due: 1080 - 240 minutes = 14 working hours left at 13:00 Tuesday: 5 on Tuesday, 9 on
    // Wednesday, so 18:00 Wednesday in Istanbul.
    expect(running.resolution.dueAt).toBe('2026-03-18T15:00:00.000Z');
  });

  it('is a pure function of the events and now: the same inputs, the same answer', () => {
    const event = eventsFrom('2026-03-19T10:00:00+03:00');
    const state = foldComplaint([event('complaint-received', received, { actor: 'customer', minute: 0 })]);
    const now = at('2026-03-23T10:00:00+03:00');
    const first = complaintSlaStatus(state, policy, calendar, now);
    expect(complaintSlaStatus(structuredClone(state), policy, calendar, now.getTime())).toEqual(first);
    // Over Ramazan Bayramı: three hours on the eve, one on Monday.
    expect(first.firstResponse.elapsedMinutes).toBe(240);
  });

  it('rejects an SLA policy that lacks a priority or sets a ratio out of range', () => {
    let caught: unknown;
    try {
      defineSlaPolicy({ targets: { p1: targets(30, 30, 240) } as never, atRiskRatio: 1.5 });
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'invalid_config')).toBe(true);
    expect((caught as Error).message).toMatch(/targets\.p2: .*atRiskRatio: /);
  });

  it('never runs a clock backwards, and a paused clock stands still, across DST changes and holidays', () => {
    const berlin = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      week: {
        monday: hours,
        tuesday: hours,
        wednesday: hours,
        thursday: hours,
        friday: hours,
        saturday: [['10:00', '14:00']],
      },
      holidays: { country: 'DE' },
    });
    const steps = ['complaint-acknowledged', 'customer-input-requested', 'customer-replied', 'agent-replied'] as const;
    fc.assert(
      fc.property(
        // Received between mid-March and mid-April 2026 (DST starts 29 March, Easter 3-6 April).
        fc.integer({ min: Date.parse('2026-03-15T00:00:00Z'), max: Date.parse('2026-04-15T00:00:00Z') }),
        fc.array(fc.integer({ min: 1, max: 4 * 24 * 60 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (start, gaps, later, more) => {
          let at = start;
          const history: ComplaintHistoryEvent[] = [
            complaintEvent('complaint-received', { at: new Date(at).toISOString(), actor: 'customer', data: received }),
          ];
          steps.forEach((type, index) => {
            at += (gaps[index] as number) * 60_000;
            history.push(
              complaintEvent(type, {
                at: new Date(at).toISOString(),
                actor: type === 'customer-replied' ? 'customer' : 'agent:ayse',
                data: {},
              }),
            );
          });
          for (const length of [2, 3, 5]) {
            const state = foldComplaint(history.slice(0, length));
            const first = at + later * 60_000;
            const second = first + more * 60_000;
            const early = complaintSlaStatus(state, policy, berlin, first);
            const late = complaintSlaStatus(state, policy, berlin, second);
            for (const clock of ['firstResponse', 'nextResponse', 'resolution'] as const) {
              expect(late[clock].elapsedMinutes).toBeGreaterThanOrEqual(early[clock].elapsedMinutes);
            }
            if (state.status === 'waiting_for_customer')
              expect(late.resolution.elapsedMinutes).toBe(early.resolution.elapsedMinutes);
            const resolution = late.resolution;
            if (resolution.dueAt !== null) {
              // While running, the working time left until the due time is the target not yet used.
              const left = berlin.businessMillisBetween(second, Date.parse(resolution.dueAt)) / 60_000;
              if (resolution.state === 'breached') expect(left).toBe(0);
              else expect(Math.abs(left - (resolution.targetMinutes - resolution.elapsedMinutes))).toBeLessThan(1);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
