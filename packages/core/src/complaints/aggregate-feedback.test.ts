import { describe, expect, it } from 'vitest';
import { aggregateFeedback, type FeedbackEntry, feedbackEntries } from './aggregate-feedback.js';
import { eventsFrom, noHandoff, received } from './complaint-test-events.test-support.js';
import { foldComplaint } from './fold-complaint.js';

const entry = (
  agent: string | null,
  category: FeedbackEntry['category'],
  at: string,
  csat: number | null,
  nps: number | null,
): FeedbackEntry => ({
  complaintId: null,
  agent,
  category,
  at: Date.parse(at),
  csat,
  nps,
});

describe('CSAT and NPS after resolution', () => {
  it('takes the answers from the history, credited to the agent assigned at the time', () => {
    const event = eventsFrom();
    const state = foldComplaint(
      [
        event('complaint-received', received, { actor: 'customer' }),
        event('complaint-assigned', { assignee: 'agent:ayse', previousAssignee: null, handoff: noHandoff }),
        event('complaint-acknowledged', {}),
        event('category-set', { category: 'damaged', intents: [], urgency: 'normal', source: 'agent', confidence: 1 }),
        event('complaint-resolved', { remedy: 'replacement', returnCaseId: null, refundId: null, amount: null }),
        event('feedback-received', { csat: 4, nps: null }, { actor: 'customer', note: 'Hızlıydı' }),
      ],
      { complaintId: 'cmp_1' },
    );
    expect(feedbackEntries(state)).toEqual([
      { complaintId: 'cmp_1', agent: 'agent:ayse', category: 'damaged', at: state.lastAt, csat: 4, nps: null },
    ]);
  });

  it('aggregates by agent, category and period', () => {
    const entries = [
      entry('agent:ayse', 'damaged', '2026-03-02T10:00:00Z', 5, 10),
      entry('agent:ayse', 'late_delivery', '2026-03-09T10:00:00Z', 4, 9),
      entry('agent:ayse', 'damaged', '2026-04-01T10:00:00Z', 2, 3),
      entry('agent:mehmet', 'damaged', '2026-03-31T22:30:00Z', 3, 7),
      entry(null, null, '2026-03-15T10:00:00Z', null, 0),
    ];
    const byAgent = aggregateFeedback(entries, { by: 'agent' });
    expect(byAgent.map((group) => group.key)).toEqual(['agent:ayse', 'agent:mehmet', 'unassigned']);
    expect(byAgent[0]).toEqual({
      key: 'agent:ayse',
      responses: 3,
      csat: { count: 3, average: 3.67, satisfiedPercent: 66.7 },
      nps: { count: 3, promoters: 2, passives: 0, detractors: 1, score: 33.3 },
    });
    expect(byAgent[2]?.csat).toEqual({ count: 0, average: null, satisfiedPercent: null });
    expect(byAgent[2]?.nps.score).toBe(-100);
    expect(aggregateFeedback(entries, { by: 'category' }).map((group) => [group.key, group.responses])).toEqual([
      ['damaged', 3],
      ['late_delivery', 1],
      ['uncategorised', 1],
    ]);
    // 31 March 22:30 UTC is already April in Istanbul.
    const byMonth = aggregateFeedback(entries, { by: 'period', period: 'month', timeZone: 'Europe/Istanbul' });
    expect(byMonth.map((group) => [group.key, group.responses])).toEqual([
      ['2026-03', 3],
      ['2026-04', 2],
    ]);
    const byWeek = aggregateFeedback(entries, { by: 'period', period: 'week', timeZone: 'UTC' });
    expect(byWeek.map((group) => group.key)).toEqual(['2026-W10', '2026-W11', '2026-W14']);
  });
});
