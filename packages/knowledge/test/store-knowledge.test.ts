import { createMemoryStore, createSqliteStore } from '@aftersale/storage';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, reportStoredSearchGaps } from '../src/index.js';
import { fixtureArticles, fixtureShopId } from './fixtures/fixture-articles.js';

const now = () => new Date('2026-11-23T12:00:00Z');

describe.each([
  ['memory', () => createMemoryStore({ now })],
  ['sqlite', () => createSqliteStore({ filename: ':memory:', now })],
])('the knowledge base over the %s store', (_name, open) => {
  it('loads every article of the shop, page after page, and searches them', async () => {
    const store = open();
    try {
      await store.migrate();
      for (const article of fixtureArticles()) await store.upsertArticle(article);
      await store.upsertArticle({
        ...fixtureArticles('tr')[0],
        shopId: 'other.myshopify.com',
        id: 'kb_other',
      } as never);
      const knowledge = await loadKnowledgeBase(store, { shopId: fixtureShopId, now });
      expect(knowledge.list()).toHaveLength(fixtureArticles().length);
      expect(knowledge.get('kb_other')).toBeNull();
      expect(knowledge.search('kargom nerede', { language: 'tr' }).hits[0]?.article.id).toBe('kb_tr-tracking');
    } finally {
      await store.close();
    }
  });

  it('records gaps in the store and reports the most frequent', async () => {
    const store = open();
    try {
      await store.migrate();
      let at = new Date('2026-11-23T12:00:00Z');
      const clock = () => at;
      const knowledge = await loadKnowledgeBase(store, { shopId: fixtureShopId, now: clock });
      knowledge.upsert(fixtureArticles('tr'));
      for (const query of [
        'televizyon montajı',
        'kombi servisi',
        'TELEVİZYON MONTAJI',
        'klima 0532 111 22 33',
        'kargom nerede',
      ]) {
        at = new Date(at.getTime() + 60_000);
        const { gap } = knowledge.search(query, { language: 'tr' });
        if (gap) await store.recordSearchGap(gap);
      }
      const stored = await store.listSearchGaps(fixtureShopId);
      expect(stored.items.map((gap) => gap.query)).toEqual([
        'televizyon montajı',
        'kombi servisi',
        'TELEVİZYON MONTAJI',
        'klima [phone]',
      ]);
      const report = await reportStoredSearchGaps(store, fixtureShopId, { since: '2026-11-01T00:00:00Z' });
      expect(report.map((line) => [line.normalizedQuery, line.count])).toEqual([
        ['televizyon montaji', 2],
        ['klima [phone]', 1],
        ['kombi servisi', 1],
      ]);
      expect(await reportStoredSearchGaps(store, fixtureShopId, { since: '2026-11-23T12:03:00Z' })).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
