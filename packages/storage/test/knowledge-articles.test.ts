import { AftersaleError, type AftersaleStore, type ArticleInput } from '@aftersale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createPostgresStore, createSqliteStore } from '../src/index.js';
import { postgresTarget } from './postgres-target.js';

// Knowledge-base articles and search gaps through every store backend: memory, SQLite (:memory:) and
// PostgreSQL (the server at DATABASE_URL in a schema of its own, or PGlite outside CI when no server answers).
const target = await postgresTarget('knowledge');
afterAll(async () => {
  if (target.kind === 'server') await target.dropSchema();
  else await target.close();
});

const backends: Array<[string, (now: () => Date) => AftersaleStore]> = [
  ['memory', (now) => createMemoryStore({ now })],
  ['sqlite', (now) => createSqliteStore({ filename: ':memory:', now })],
  [
    target.kind === 'server' ? 'postgres (server)' : 'postgres (PGlite)',
    (now) =>
      target.kind === 'server'
        ? createPostgresStore({ connectionString: target.connectionString, schema: target.schema, now })
        : createPostgresStore({ dialect: target.dialect(), schema: 'aftersale_knowledge', now }),
  ],
];

const shopId = 'kb-shop.myshopify.com';
const otherShop = 'other-shop.myshopify.com';

function article(id: string, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    shopId,
    id,
    language: 'tr',
    question: 'İade süresi kaç gün?',
    shortAnswer: 'Teslimattan itibaren 14 gün.',
    answer: 'Cayma hakkı **14 gün** sürer.',
    categories: ['İade ve değişim'],
    tags: ['iade süresi'],
    policyLinks: [{ anchor: 'withdrawal', label: 'Cayma hakkı' }],
    relatedArticleIds: ['kb_return-how'],
    author: 'merchant:42',
    lastReviewedAt: '2026-09-01T12:00:00+03:00',
    ...overrides,
  };
}

describe.each(backends)('knowledge-base records in the %s store', (_name, open) => {
  let clock = new Date('2026-11-23T10:00:00Z');
  const now = () => clock;

  it('creates, replaces, reads, lists and deletes articles, each shop apart', async () => {
    const store = open(now);
    try {
      await store.migrate();
      const created = await store.upsertArticle(article('kb_return-window'));
      expect(created).toMatchObject({ id: 'kb_return-window', version: 1, createdAt: '2026-11-23T10:00:00.000Z' });
      expect(created.tags).toEqual(['iade süresi']);
      clock = new Date('2026-11-23T11:00:00Z');
      const replaced = await store.upsertArticle(
        article('kb_return-window', { question: 'Kaç gün içinde iade ederim?' }),
      );
      expect(replaced).toMatchObject({
        version: 2,
        createdAt: '2026-11-23T10:00:00.000Z',
        updatedAt: '2026-11-23T11:00:00.000Z',
        question: 'Kaç gün içinde iade ederim?',
      });
      expect(await store.getArticle(shopId, 'kb_return-window')).toEqual(replaced);
      expect(await store.getArticle(otherShop, 'kb_return-window')).toBeNull();

      await store.upsertArticle(article('kb_en-tracking', { language: 'en', question: 'Where is my order?' }));
      await store.upsertArticle(article('kb_a-first', { tags: [] }));
      await store.upsertArticle({ ...article('kb_return-window'), shopId: otherShop });

      const first = await store.listArticles(shopId, { limit: 2 });
      expect(first.items.map((item) => item.id)).toEqual(['kb_a-first', 'kb_en-tracking']);
      const second = await store.listArticles(shopId, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((item) => item.id)).toEqual(['kb_return-window']);
      expect(second.nextCursor).toBeNull();
      const english = await store.listArticles(shopId, { language: 'en' });
      expect(english.items.map((item) => item.id)).toEqual(['kb_en-tracking']);

      expect(await store.deleteArticle(shopId, 'kb_return-window')).toBe(true);
      expect(await store.deleteArticle(shopId, 'kb_return-window')).toBe(false);
      expect(await store.getArticle(shopId, 'kb_return-window')).toBeNull();
      expect(await store.getArticle(otherShop, 'kb_return-window')).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('rejects an invalid article with invalid_input and writes nothing', async () => {
    const store = open(now);
    try {
      await store.migrate();
      let caught: unknown;
      try {
        await store.upsertArticle({ ...article('kb_bad'), policyLinks: [{ anchor: 'Not An Anchor' }] });
      } catch (error) {
        caught = error;
      }
      expect(AftersaleError.hasCode(caught, 'invalid_input')).toBe(true);
      expect((caught as AftersaleError).issues.map((issue) => issue.path)).toEqual(['policyLinks[0].anchor']);
      expect(await store.getArticle(shopId, 'kb_bad')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('records search gaps in UTC and lists them oldest first, since a moment, page by page', async () => {
    const store = open(now);
    try {
      await store.migrate();
      const gap = (query: string, at: string, shop = shopId) => ({
        shopId: shop,
        language: 'tr' as const,
        query,
        normalizedQuery: query.toLowerCase(),
        resultCount: 0,
        at,
      });
      const recorded = await store.recordSearchGap(gap('Televizyon montajı', '2026-11-20T12:00:00+03:00'));
      expect(recorded).toMatchObject({ at: '2026-11-20T09:00:00.000Z', query: 'Televizyon montajı' });
      expect(recorded.id).toMatch(/^gap_/);
      await store.recordSearchGap(gap('kombi servisi', '2026-11-19T08:00:00Z'));
      await store.recordSearchGap(gap('klima montajı', '2026-11-21T08:00:00Z'));
      await store.recordSearchGap(gap('başka dükkan', '2026-11-21T08:00:00Z', otherShop));

      const first = await store.listSearchGaps(shopId, { limit: 2 });
      expect(first.items.map((item) => item.query)).toEqual(['kombi servisi', 'Televizyon montajı']);
      const second = await store.listSearchGaps(shopId, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((item) => item.query)).toEqual(['klima montajı']);
      const since = await store.listSearchGaps(shopId, { since: '2026-11-20T00:00:00Z' });
      expect(since.items.map((item) => item.query)).toEqual(['Televizyon montajı', 'klima montajı']);
      await expect(store.recordSearchGap({ ...gap('x', 'yesterday') })).rejects.toThrow(/search gap/);
    } finally {
      await store.close();
    }
  });

  it('erases articles and gaps with the shop', async () => {
    const store = open(now);
    try {
      await store.migrate();
      await store.upsertArticle(article('kb_erase-me'));
      await store.recordSearchGap({
        shopId,
        language: 'en',
        query: 'gift wrap',
        normalizedQuery: 'gift wrap',
        resultCount: 1,
        at: '2026-11-22T08:00:00Z',
      });
      const report = await store.eraseShop(shopId);
      expect(report.deleted.knowledge_articles).toBeGreaterThanOrEqual(1);
      expect(report.deleted.search_gaps).toBeGreaterThanOrEqual(1);
      expect((await store.listArticles(shopId)).items).toEqual([]);
      expect((await store.listSearchGaps(shopId)).items).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
