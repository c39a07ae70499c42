import { DateTime } from 'luxon';
import type { ComplaintCategory } from './complaint-vocabulary.js';
import type { ComplaintState } from './fold-complaint.js';

/** One survey answer, as {@link feedbackEntries} takes it from a complaint. */
export interface FeedbackEntry {
  complaintId: string | null;
  /** The agent the complaint was assigned to when the customer answered. */
  agent: string | null;
  category: ComplaintCategory | null;
  /** Epoch milliseconds. */
  at: number;
  /** 1 to 5. */
  csat: number | null;
  /** 0 to 10. */
  nps: number | null;
}

/** The survey answers of a complaint. */
export function feedbackEntries(state: ComplaintState): FeedbackEntry[] {
  return state.feedback.map((item) => ({
    complaintId: state.complaintId,
    agent: item.agent,
    category: state.category?.value ?? null,
    at: item.at,
    csat: item.csat,
    nps: item.nps,
  }));
}

/** CSAT and NPS of a group of answers. */
export interface FeedbackAggregate {
  key: string;
  responses: number;
  csat: {
    count: number;
    /** Mean score, two decimals; null without answers. */
    average: number | null;
    /** Percent of answers that are 4 or 5 (the usual CSAT score), one decimal. */
    satisfiedPercent: number | null;
  };
  nps: {
    count: number;
    promoters: number;
    passives: number;
    detractors: number;
    /** Percent promoters minus percent detractors, -100 to 100, one decimal. */
    score: number | null;
  };
}

export type FeedbackGrouping =
  | { by: 'agent' }
  | { by: 'category' }
  | { by: 'period'; period: 'day' | 'week' | 'month'; timeZone: string };

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function keyOf(entry: FeedbackEntry, grouping: FeedbackGrouping): string {
  switch (grouping.by) {
    case 'agent':
      return entry.agent ?? 'unassigned';
    case 'category':
      return entry.category ?? 'uncategorised';
    case 'period': {
      const local = DateTime.fromMillis(entry.at, { zone: grouping.timeZone });
      if (grouping.period === 'day') return local.toISODate() as string;
      if (grouping.period === 'week') return local.toFormat("kkkk-'W'WW");
      return local.toFormat('yyyy-MM');
    }
  }
}

/** CSAT and NPS by agent, category or period, in the order of the keys. */
export function aggregateFeedback(entries: readonly FeedbackEntry[], grouping: FeedbackGrouping): FeedbackAggregate[] {
  const groups = new Map<string, FeedbackEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry, grouping);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  return [...groups.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([key, group]) => {
      const csat = group.flatMap((entry) => (entry.csat === null ? [] : [entry.csat]));
      const nps = group.flatMap((entry) => (entry.nps === null ? [] : [entry.nps]));
      const promoters = nps.filter((score) => score >= 9).length;
      const detractors = nps.filter((score) => score <= 6).length;
      return {
        key,
        responses: group.length,
        csat: {
          count: csat.length,
          average: csat.length === 0 ? null : round(csat.reduce((sum, score) => sum + score, 0) / csat.length, 2),
          satisfiedPercent:
            csat.length === 0 ? null : round((100 * csat.filter((score) => score >= 4).length) / csat.length, 1),
        },
        nps: {
          count: nps.length,
          promoters,
          passives: nps.length - promoters - detractors,
          detractors,
          score: nps.length === 0 ? null : round((100 * (promoters - detractors)) / nps.length, 1),
        },
      };
    });
}
