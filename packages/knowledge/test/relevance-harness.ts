import { type ArticleInput, createKnowledgeBase, type KnowledgeLanguage } from '../src/index.js';
import { fixtureArticleId, fixtureArticles, fixtureShopId } from './fixtures/fixture-articles.js';
import { englishQueries } from './fixtures/relevance-queries-en.js';
import { turkishQueries } from './fixtures/relevance-queries-tr.js';
import type { RelevanceQuery, RelevanceQueryKind } from './fixtures/relevance-query.js';

/** Hit rates of one ranking method on one set of queries. */
export interface HitRates {
  queries: number;
  /** Share of queries whose expected article ranks first. */
  hitAt1: number;
  /** Share of queries whose expected article is among the first three. */
  hitAt3: number;
}

export interface RelevanceRow {
  language: KnowledgeLanguage;
  kind: RelevanceQueryKind | 'all';
  search: HitRates;
  baseline: HitRates;
}

export const relevanceQueries: Record<KnowledgeLanguage, readonly RelevanceQuery[]> = {
  tr: turkishQueries,
  en: englishQueries,
};

/**
 * The baseline: plain substring matching. The query is lower-cased with JavaScript's default rules
 * and split on spaces; an article scores one point per query word found as a substring of its
 * lower-cased text (question, answers, tags, categories). Ties keep the FAQ's order.
 */
export function substringRanking(articles: readonly ArticleInput[], query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return articles
    .map((article, position) => {
      const text = [
        article.question,
        article.shortAnswer,
        article.answer,
        ...(article.tags ?? []),
        ...article.categories,
      ]
        .join(' ')
        .toLowerCase();
      return { id: article.id, position, score: words.filter((word) => text.includes(word)).length };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map((entry) => entry.id);
}

function rates(ranks: readonly number[]): HitRates {
  const count = ranks.length;
  return {
    queries: count,
    hitAt1: ranks.filter((rank) => rank === 0).length / count,
    hitAt3: ranks.filter((rank) => rank >= 0 && rank < 3).length / count,
  };
}

/** Runs every query of a language through the search and the baseline; one row per kind and one for all. */
export function measureRelevance(language: KnowledgeLanguage): { rows: RelevanceRow[]; misses: string[] } {
  const articles = fixtureArticles(language);
  const knowledge = createKnowledgeBase({ shopId: fixtureShopId, articles });
  const measured = relevanceQueries[language].map(([query, topic, kind]) => {
    const expected = fixtureArticleId(language, topic);
    const found = knowledge.search(query, { language, limit: 3 }).hits.map((hit) => hit.article.id);
    return {
      query,
      kind,
      expected,
      found,
      searchRank: found.indexOf(expected),
      baselineRank: substringRanking(articles, query).indexOf(expected),
    };
  });
  const kinds: (RelevanceQueryKind | 'all')[] = ['all', 'plain', 'ascii', 'typo', 'casing'];
  const rows = kinds.flatMap((kind) => {
    const selected = kind === 'all' ? measured : measured.filter((entry) => entry.kind === kind);
    if (selected.length === 0) return [];
    return [
      {
        language,
        kind,
        search: rates(selected.map((entry) => entry.searchRank)),
        baseline: rates(selected.map((entry) => entry.baselineRank)),
      },
    ];
  });
  const misses = measured
    .filter((entry) => entry.searchRank !== 0)
    .map((entry) => `${entry.kind} "${entry.query}" → expected ${entry.expected}, got [${entry.found.join(', ')}]`);
  return { rows, misses };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** The relevance table as markdown, as it appears in docs/concepts/knowledge-base.md. */
export function relevanceTable(rows: readonly RelevanceRow[]): string {
  const lines = [
    '| language | queries | kind | search hit@1 | search hit@3 | substring hit@1 | substring hit@3 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.language} | ${row.search.queries} | ${row.kind} | ${percent(row.search.hitAt1)} | ${percent(row.search.hitAt3)} | ${percent(row.baseline.hitAt1)} | ${percent(row.baseline.hitAt3)} |`,
    );
  }
  return lines.join('\n');
}
