import type { AftersaleStore, ArticleRecord, SearchGapRecord } from '@aftersale/core';
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
import { reportSearchGaps, type SearchGapReportLine, type SearchGapReportOptions } from './search-gap.js';

/**
 * Creates a shop's knowledge base from the articles kept in the store (every page of
 * `store.listArticles`). Later changes go to both: `store.upsertArticle(article)` and
 * `knowledge.upsert(article)`.
 *
 * @example
 * ```ts
 * const knowledge = await loadKnowledgeBase(store, { shopId: 'acme.myshopify.com' });
 * const { hits, gap } = knowledge.search('kargom nerede', { language: 'tr' });
 * if (gap) await store.recordSearchGap(gap);
 * ```
 */
export async function loadKnowledgeBase(
  store: Pick<AftersaleStore, 'listArticles'>,
  options: Omit<KnowledgeBaseOptions, 'articles'>,
): Promise<KnowledgeBase> {
  // A record is an article plus its version and timestamps, which validation leaves out.
  const articles: ArticleRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listArticles(options.shopId, { limit: 500, cursor });
    articles.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return createKnowledgeBase({ ...options, articles });
}

/**
 * The most frequent searches without a good answer among the gaps kept in the store (every page of
 * `store.listSearchGaps`, since `options.since`): the articles to write next.
 */
export async function reportStoredSearchGaps(
  store: Pick<AftersaleStore, 'listSearchGaps'>,
  shopId: string,
  options: SearchGapReportOptions = {},
): Promise<SearchGapReportLine[]> {
  const gaps: SearchGapRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listSearchGaps(shopId, { limit: 500, cursor, since: options.since });
    gaps.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return reportSearchGaps(gaps, options);
}
