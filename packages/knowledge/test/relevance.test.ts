import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureRelevance, relevanceQueries, relevanceTable } from './relevance-harness.js';

// The query sets were written and committed before the search was tuned (see
// docs/concepts/knowledge-base.md). These bars guard against regressions; the docs table must match.
describe('relevance on the committed query sets', () => {
  const turkish = measureRelevance('tr');
  const english = measureRelevance('en');

  it('has at least 100 queries per language, with queries without Turkish letters and with typos', () => {
    for (const language of ['tr', 'en'] as const) {
      const queries = relevanceQueries[language];
      expect(queries.length).toBeGreaterThanOrEqual(100);
      expect(queries.filter(([, , kind]) => kind === 'typo').length).toBeGreaterThanOrEqual(10);
    }
    expect(relevanceQueries.tr.filter(([, , kind]) => kind === 'ascii').length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['tr', turkish],
    ['en', english],
  ] as const)('beats the substring baseline in %s at 1 and at 3', (_language, result) => {
    const all = result.rows.find((row) => row.kind === 'all');
    expect(all).toBeDefined();
    if (!all) return;
    expect(all.search.hitAt1).toBeGreaterThan(all.baseline.hitAt1);
    expect(all.search.hitAt3).toBeGreaterThan(all.baseline.hitAt3);
    expect(all.search.hitAt1).toBeGreaterThanOrEqual(0.8);
    expect(all.search.hitAt3).toBeGreaterThanOrEqual(0.93);
  });

  it('finds queries typed without Turkish letters as well as the substring match finds them with', () => {
    const ascii = turkish.rows.find((row) => row.kind === 'ascii');
    const plain = turkish.rows.find((row) => row.kind === 'plain');
    expect(ascii && plain).toBeTruthy();
    if (!ascii || !plain) return;
    expect(ascii.search.hitAt3).toBeGreaterThanOrEqual(plain.baseline.hitAt3);
  });

  it('is the table published in docs/concepts/knowledge-base.md', () => {
    // The formatter aligns the table's columns: compare the cells, not the padding.
    const cells = (text: string) => text.replace(/ *\| */g, '|').replace(/-{3,}/g, '---');
    const docs = readFileSync(new URL('../../../docs/concepts/knowledge-base.md', import.meta.url), 'utf8');
    expect(cells(docs)).toContain(cells(relevanceTable([...turkish.rows, ...english.rows])));
  });
});
