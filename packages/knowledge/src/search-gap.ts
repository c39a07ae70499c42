import {
  aftersaleErrorFromZod,
  type KnowledgeLanguage,
  type SearchGapInput,
  searchGapInputSchema,
} from '@aftersale/core';

/** One line of the gap report: a query people searched for without a good answer. */
export interface SearchGapReportLine {
  language: KnowledgeLanguage;
  /** The normalized query the searches were counted by. */
  normalizedQuery: string;
  /** The most recent anonymised wording of it. */
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/** Options of {@link reportSearchGaps}. */
export interface SearchGapReportOptions {
  /** At most this many lines. @default 20 */
  limit?: number;
  /** Only gaps at or after this moment (ISO 8601). */
  since?: string;
}

/**
 * The most frequent searches without a good answer: the articles to write next. Gaps are counted by
 * language and normalized query, most frequent first (ties: the most recent first).
 *
 * @example
 * ```ts
 * const { items } = await store.listSearchGaps(shopId, { limit: 500 });
 * reportSearchGaps(items, { limit: 10 });
 * ```
 */
export function reportSearchGaps(
  gaps: readonly SearchGapInput[],
  options: SearchGapReportOptions = {},
): SearchGapReportLine[] {
  const since = options.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(options.since);
  const lines = new Map<string, SearchGapReportLine>();
  for (const gap of gaps) {
    if (Date.parse(gap.at) < since) continue;
    const key = `${gap.language}\u0000${gap.normalizedQuery}`;
    const line = lines.get(key);
    if (!line) {
      lines.set(key, {
        language: gap.language,
        normalizedQuery: gap.normalizedQuery,
        query: gap.query,
        count: 1,
        firstAt: gap.at,
        lastAt: gap.at,
      });
      continue;
    }
    line.count += 1;
    if (Date.parse(gap.at) < Date.parse(line.firstAt)) line.firstAt = gap.at;
    if (Date.parse(gap.at) >= Date.parse(line.lastAt)) {
      line.lastAt = gap.at;
      line.query = gap.query;
    }
  }
  return [...lines.values()]
    .sort((a, b) => b.count - a.count || Date.parse(b.lastAt) - Date.parse(a.lastAt))
    .slice(0, options.limit ?? 20);
}

/** An in-memory record of search gaps, for apps that keep them outside the store (or in tests). */
export interface SearchGapLog {
  /** Keeps a gap (validated; throws `invalid_input` for a malformed one). */
  record(gap: SearchGapInput): void;
  list(): SearchGapInput[];
  report(options?: SearchGapReportOptions): SearchGapReportLine[];
}

/** Creates an in-memory {@link SearchGapLog} that keeps the most recent `capacity` gaps. */
export function createSearchGapLog(options: { capacity?: number } = {}): SearchGapLog {
  const capacity = options.capacity ?? 10_000;
  const gaps: SearchGapInput[] = [];
  return {
    record(gap) {
      const parsed = searchGapInputSchema.safeParse(gap);
      if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'search gap' });
      gaps.push(parsed.data);
      if (gaps.length > capacity) gaps.splice(0, gaps.length - capacity);
    },
    list() {
      return [...gaps];
    },
    report(reportOptions) {
      return reportSearchGaps(gaps, reportOptions);
    },
  };
}
