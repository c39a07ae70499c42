import { AftersaleError } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { createSearchGapLog, reportSearchGaps, type SearchGapInput } from '../src/index.js';

function gap(normalizedQuery: string, at: string, language: 'tr' | 'en' = 'tr'): SearchGapInput {
  return { shopId: 'shop', language, query: normalizedQuery.toUpperCase(), normalizedQuery, resultCount: 0, at };
}

describe('reportSearchGaps', () => {
  const gaps = [
    gap('kombi servisi', '2026-11-01T10:00:00Z'),
    gap('televizyon montaji', '2026-11-02T10:00:00Z'),
    gap('televizyon montaji', '2026-11-05T10:00:00Z'),
    gap('kombi servisi', '2026-11-06T10:00:00Z'),
    gap('televizyon montaji', '2026-11-03T10:00:00Z'),
    gap('television mounting', '2026-11-04T10:00:00Z', 'en'),
  ];

  it('counts gaps by language and normalized query, most frequent first, then most recent', () => {
    expect(reportSearchGaps(gaps)).toEqual([
      {
        language: 'tr',
        normalizedQuery: 'televizyon montaji',
        query: 'TELEVIZYON MONTAJI',
        count: 3,
        firstAt: '2026-11-02T10:00:00Z',
        lastAt: '2026-11-05T10:00:00Z',
      },
      {
        language: 'tr',
        normalizedQuery: 'kombi servisi',
        query: 'KOMBI SERVISI',
        count: 2,
        firstAt: '2026-11-01T10:00:00Z',
        lastAt: '2026-11-06T10:00:00Z',
      },
      {
        language: 'en',
        normalizedQuery: 'television mounting',
        query: 'TELEVISION MOUNTING',
        count: 1,
        firstAt: '2026-11-04T10:00:00Z',
        lastAt: '2026-11-04T10:00:00Z',
      },
    ]);
  });

  it('keeps only gaps since a moment, and at most `limit` lines', () => {
    expect(
      reportSearchGaps(gaps, { since: '2026-11-04T00:00:00Z' }).map((line) => [line.normalizedQuery, line.count]),
    ).toEqual([
      ['kombi servisi', 1],
      ['televizyon montaji', 1],
      ['television mounting', 1],
    ]);
    expect(reportSearchGaps(gaps, { limit: 1 })).toHaveLength(1);
  });
});

describe('createSearchGapLog', () => {
  it('keeps the most recent gaps up to its capacity', () => {
    const log = createSearchGapLog({ capacity: 2 });
    log.record(gap('a', '2026-11-01T00:00:00Z'));
    log.record(gap('b', '2026-11-02T00:00:00Z'));
    log.record(gap('c', '2026-11-03T00:00:00Z'));
    expect(log.list().map((entry) => entry.normalizedQuery)).toEqual(['b', 'c']);
  });

  it('rejects a malformed gap', () => {
    const log = createSearchGapLog();
    expect(() => log.record({ ...gap('a', 'yesterday') })).toThrow(AftersaleError);
    expect(log.list()).toEqual([]);
  });
});
