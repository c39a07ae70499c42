import type { Article } from '@aftersale/core';

const dayMs = 86_400_000;

/** Options of {@link isArticleStale}. */
export interface StaleOptions {
  /** The moment to judge at (inject it: this never reads the clock). */
  now: Date;
  /** An article not reviewed for more than this many days is stale. @default 180 */
  reviewPeriodDays?: number;
}

/**
 * Whether an article is past its review: its `lastReviewedAt` is more than `reviewPeriodDays` before `now`.
 *
 * @example
 * ```ts
 * isArticleStale(article, { now: new Date('2026-11-23T12:00:00Z'), reviewPeriodDays: 90 });
 * ```
 */
export function isArticleStale(article: Pick<Article, 'lastReviewedAt'>, options: StaleOptions): boolean {
  const period = (options.reviewPeriodDays ?? 180) * dayMs;
  return options.now.getTime() - Date.parse(article.lastReviewedAt) > period;
}
