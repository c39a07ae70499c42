import {
  AftersaleError,
  type Article,
  type ArticleInput,
  aftersaleErrorFromZod,
  articleInputSchema,
  type KnowledgeLanguage,
  knowledgeLanguageSchema,
  knowledgeLanguages,
  policyAnchorSchema,
  policyPageAnchors,
  type SearchGapInput,
  shopIdSchema,
} from '@aftersale/core';
import MiniSearch, { type SearchResult } from 'minisearch';
import { z } from 'zod';
import { anonymiseQuery } from './anonymise-query.js';
import { foldText } from './normalize-text.js';
import { isArticleStale } from './stale-articles.js';
import { type TextAnalyzer, textAnalyzer } from './text-analyzer.js';

/** How much a match in each field counts; question over answer. */
export interface FieldBoosts {
  /** The question. @default 3 */
  question: number;
  /** Tags and categories. @default 2 */
  keywords: number;
  /** The short and the full answer. @default 1 */
  answer: number;
}

/** The default {@link FieldBoosts}. */
export const defaultFieldBoosts: Readonly<FieldBoosts> = Object.freeze({
  question: 3,
  keywords: 2,
  answer: 1,
});

const positive = z.number().positive().max(100);
const optionsSchema = z.object({
  shopId: shopIdSchema,
  articles: z.array(z.unknown()).default([]),
  now: z.custom<() => Date>((value) => typeof value === 'function', 'must be a function returning a Date').optional(),
  reviewPeriodDays: z.number().int().positive().max(3650).default(180),
  policyAnchors: z.array(policyAnchorSchema).optional(),
  boosts: z
    .object({
      question: positive,
      keywords: positive,
      answer: positive,
    })
    .partial()
    .default({}),
  goodMatchShare: z.number().gt(0).max(1).default(0.5),
});

/** Settings of {@link createKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** The shop whose FAQ this is; every article must belong to it. */
  shopId: string;
  /** The articles to start with (validated like {@link KnowledgeBase.upsert}). */
  articles?: readonly ArticleInput[];
  /** The clock, for stale flags and gap timestamps. @default () => new Date() */
  now?: () => Date;
  /** An article not reviewed for this many days is stale. @default 180 */
  reviewPeriodDays?: number;
  /**
   * The section anchors a policy link may name. Every link must name one of them.
   * @default the stable anchors of the page `renderPolicy` renders (`policyPageAnchors` of `@aftersale/core`:
   * `withdrawal`, `return-window`, `exclusions`, `fees`, `resolutions`, `faulty-goods`, …)
   */
  policyAnchors?: readonly string[];
  /** Field weights; see {@link defaultFieldBoosts}. */
  boosts?: Partial<FieldBoosts>;
  /**
   * The share of a query's words (stop words aside) the best hit must match for the search to count as
   * answered; below it the search is a gap. @default 0.5
   */
  goodMatchShare?: number;
}

/** Options of {@link KnowledgeBase.search}. */
export interface SearchOptions {
  /** The language to search in; only its articles are searched. */
  language: KnowledgeLanguage;
  /** At most this many hits, 1 to 100. @default 10 */
  limit?: number;
  /** Only articles in this category. */
  category?: string;
}

/** One article found, with how well it matched. */
export interface SearchHit {
  article: Article;
  /** The search engine's relevance score (BM25 with field boosts; higher is better). */
  score: number;
  /** The query words (as typed) that this article matched, exactly, by prefix, stem or with a typo. */
  matchedWords: string[];
  /** Not reviewed within the review period. */
  stale: boolean;
}

/** What {@link KnowledgeBase.search} returns. */
export interface SearchResponse {
  query: string;
  language: KnowledgeLanguage;
  hits: SearchHit[];
  /**
   * Whether the best hit matched enough of the query (see `goodMatchShare`). When false, `gap` is the
   * anonymised search to record with `store.recordSearchGap(gap)` or a `SearchGapLog`.
   */
  answered: boolean;
  gap: SearchGapInput | null;
}

/** A complaint's text, as kept in a complaint record. */
export interface ComplaintText {
  subject?: string | null;
  description?: string | null;
  /** The language the customer wrote in. */
  language: KnowledgeLanguage;
}

/**
 * Articles that may already answer a complaint, for an instant first reply. The complaint is never
 * closed on this alone: it stays open, and the customer can still reach a person.
 */
export interface ComplaintSuggestions {
  suggestions: SearchHit[];
  /** Always `false`: suggesting articles never closes a complaint; an agent or the customer does. */
  closesComplaint: false;
  /** Always `true`: the reply tells the customer how to reach a person. */
  personReachable: true;
  /** A first reply in the customer's language that offers the articles and the way to a person. */
  reply: string;
}

/** A searchable FAQ of one shop, in Turkish and English. Made by {@link createKnowledgeBase}. */
export interface KnowledgeBase {
  readonly shopId: string;
  /** Adds or replaces articles (by id); validates each and throws `invalid_article` naming every problem. */
  upsert(articles: ArticleInput | readonly ArticleInput[]): Article[];
  /** Removes an article; returns whether it was there. */
  remove(id: string): boolean;
  get(id: string): Article | null;
  /** Every article, or those of one language. */
  list(language?: KnowledgeLanguage): Article[];
  /** Full-text search with typo tolerance, prefix matching, stemming and Turkish-aware folding. */
  search(query: string, options: SearchOptions): SearchResponse;
  /** Articles that may answer a complaint; never closes it. */
  suggestForComplaint(complaint: ComplaintText, options?: { limit?: number }): ComplaintSuggestions;
  /** Articles not reviewed within the review period, the oldest review first. */
  staleArticles(language?: KnowledgeLanguage): Article[];
}

interface IndexedDocument {
  id: string;
  question: string;
  /** The short and the full answer. */
  answer: string;
  /** Tags and categories. */
  keywords: string;
}

const searchFields = ['question', 'answer', 'keywords'] as const;

const firstReplies: Record<KnowledgeLanguage, (count: number) => string> = {
  tr: (count) =>
    count > 0
      ? 'Sorunuzu yanıtlayabilecek yazılarımız aşağıda. Sorununuz çözülmediyse bu mesajı yanıtlamanız yeterli: talebiniz açık kalır ve bir müşteri temsilcimiz size dönecek.'
      : 'Talebinizi aldık. Bir müşteri temsilcimiz en kısa sürede size dönecek.',
  en: (count) =>
    count > 0
      ? 'These articles may answer your question. If they do not solve it, just reply to this message: your request stays open and one of our agents will get back to you.'
      : 'We have received your request. One of our agents will get back to you shortly.',
};

/** A word in more than this share of a language's articles (and in more than {@link commonMinimum}) is common. */
const commonShare = 0.2;
const commonMinimum = 50;
/** When the questions, tags and categories already match this many articles, the answers are not searched. */
const manyHeadlineMatches = 200;

/** The edit distance a misspelt word may be from an indexed one: 1 from 4 letters, 2 from 7. */
function fuzziness(term: string): number | false {
  if (term.length >= 7) return 2;
  if (term.length >= 4) return 1;
  return false;
}

/**
 * One language's index: MiniSearch over the folded surface forms of the words, and the vocabulary
 * (each form with the number of articles that use it). A query word expands to its surface form and
 * its stems; stems are matched as prefixes of indexed forms (`kargo` finds `kargom`, `kargoya`), and a
 * word the vocabulary does not know is matched with typo tolerance.
 */
interface LanguageIndex {
  add(article: Article): void;
  discard(article: Article): void;
  search(text: string, filter?: (id: string) => boolean): SearchResult[];
}

/**
 * Combines two searches' results as MiniSearch combines the parts of one `OR` query: the raw scores add
 * up, then the sum is multiplied by the number of query terms matched (MiniSearch reports each search's
 * score already multiplied by its own count).
 */
function mergeResults(first: readonly SearchResult[], second: readonly SearchResult[]): SearchResult[] {
  const raw = (result: SearchResult) => result.score / Math.max(1, result.queryTerms.length);
  const merged = new Map<unknown, { result: SearchResult; raw: number }>(
    first.map((result) => [result.id, { result: { ...result }, raw: raw(result) }]),
  );
  for (const result of second) {
    const existing = merged.get(result.id);
    if (!existing) {
      merged.set(result.id, { result: { ...result }, raw: raw(result) });
      continue;
    }
    existing.raw += raw(result);
    existing.result.queryTerms = [...new Set([...existing.result.queryTerms, ...result.queryTerms])];
    existing.result.terms = [...new Set([...existing.result.terms, ...result.terms])];
  }
  return [...merged.values()]
    .map(({ result, raw: sum }) => ({ ...result, score: sum * Math.max(1, result.queryTerms.length) }))
    .sort((a, b) => b.score - a.score);
}

function toDocument(article: Article): IndexedDocument {
  return {
    id: article.id,
    question: article.question,
    answer: `${article.shortAnswer}\n\n${article.answer}`,
    keywords: [...article.tags, ...article.categories].join('\n'),
  };
}

function createLanguageIndex(analyzer: TextAnalyzer, boosts: FieldBoosts): LanguageIndex {
  // The forms of the document being added are collected as MiniSearch processes its words, and kept
  // per article so that a discard can take them out of the vocabulary.
  let collecting: Set<string> | null = null;
  const surface = (word: string): string | null => {
    const form = analyzer.terms(word)[0] ?? null;
    if (form !== null) collecting?.add(form);
    return form;
  };
  const engine = new MiniSearch<IndexedDocument>({
    fields: [...searchFields],
    storeFields: [],
    tokenize: analyzer.words,
    processTerm: surface,
    searchOptions: { processTerm: analyzer.terms, boost: { ...boosts }, maxFuzzy: 2, combineWith: 'OR' },
  });
  const vocabulary = new Map<string, number>();
  const formsById = new Map<string, readonly string[]>();

  return {
    add(article) {
      const forms = new Set<string>();
      collecting = forms;
      try {
        engine.add(toDocument(article));
      } finally {
        collecting = null;
      }
      formsById.set(article.id, [...forms]);
      for (const form of forms) vocabulary.set(form, (vocabulary.get(form) ?? 0) + 1);
    },
    discard(article) {
      engine.discard(article.id);
      for (const form of formsById.get(article.id) ?? []) {
        const count = (vocabulary.get(form) ?? 0) - 1;
        if (count > 0) vocabulary.set(form, count);
        else vocabulary.delete(form);
      }
      formsById.delete(article.id);
    },
    search(text, filter) {
      const words = analyzer.words(text);
      const known = new Set<string>();
      const unknown = new Set<string>();
      const stems = new Set<string>();
      const commonWords: string[] = [];
      const otherWords: string[] = [];
      const commonCount = Math.max(commonMinimum, engine.documentCount * commonShare);
      for (const word of words) {
        const [form, ...wordStems] = analyzer.terms(word);
        if (form === undefined) continue;
        const count = vocabulary.get(form);
        (count === undefined ? unknown : known).add(form);
        for (const stem of wordStems) stems.add(stem);
        ((count ?? 0) > commonCount ? commonWords : otherWords).push(word);
      }
      const lastForm = analyzer.terms(words.at(-1) ?? '')[0];
      const prefix = (term: string) =>
        term.length >= 3 && (stems.has(term) || term === lastForm || (unknown.has(term) && !known.has(term)));
      const fuzzy = (term: string) => (unknown.has(term) && !known.has(term) ? fuzziness(term) : false);
      // Question, tags and categories: exact, prefix (stems, the word being typed, unknown words) and
      // typo-tolerant (unknown words) matches. The long answer: exact forms and stems only, and only for
      // words that are not common (in more than a fifth of a large FAQ's articles): their long lists of
      // answers add little to the ranking and most of the work.
      // Common words are left out when rarer ones are present (they rank almost nothing apart).
      const searched = otherWords.length > 0 ? otherWords : commonWords;
      const options = filter ? { filter: (result: SearchResult) => filter(result.id as string) } : {};
      const headline = engine.search(
        { queries: [searched.join(' ')], fields: ['question', 'keywords'], prefix, fuzzy, combineWith: 'OR' },
        options,
      );
      if (headline.length >= manyHeadlineMatches || otherWords.length === 0) return headline;
      const inAnswers = engine.search(
        { queries: [otherWords.join(' ')], fields: ['answer'], prefix: false, fuzzy: false, combineWith: 'OR' },
        options,
      );
      return mergeResults(headline, inAnswers);
    },
  };
}

/**
 * Creates a shop's knowledge base: articles in Turkish and English, each language searched with its
 * own analyzer (see {@link TextAnalyzer}) on MiniSearch.
 *
 * @example
 * ```ts
 * const knowledge = createKnowledgeBase({ shopId: 'acme.myshopify.com', articles });
 * const { hits, gap } = knowledge.search('kargom nerede', { language: 'tr' });
 * if (gap) await store.recordSearchGap(gap);
 * ```
 */
export function createKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_config', subject: 'knowledge base options' });
  }
  const settings = parsed.data;
  const now = settings.now ?? (() => new Date());
  const boosts: FieldBoosts = { ...defaultFieldBoosts, ...settings.boosts };
  const knownAnchors = new Set<string>(settings.policyAnchors ?? Object.values(policyPageAnchors));
  const articles = new Map<string, Article>();
  const indexes = new Map<KnowledgeLanguage, LanguageIndex>(
    knowledgeLanguages.map((language) => [language, createLanguageIndex(textAnalyzer(language), boosts)]),
  );

  function index(language: KnowledgeLanguage): LanguageIndex {
    return indexes.get(language) as LanguageIndex;
  }

  function validate(input: unknown, position: number | null): Article {
    const where = position === null ? 'article' : `article [${position}]`;
    const result = articleInputSchema.safeParse(input);
    if (!result.success) {
      throw aftersaleErrorFromZod(result.error, {
        code: 'invalid_article',
        subject: where,
        hint: 'Correct the article and upsert it again.',
      });
    }
    const article = result.data;
    const issues: { path: string; message: string }[] = [];
    if (article.shopId !== settings.shopId) {
      issues.push({ path: 'shopId', message: `belongs to shop ${article.shopId}, not ${settings.shopId}` });
    }
    article.policyLinks.forEach((link, linkIndex) => {
      if (!knownAnchors.has(link.anchor)) {
        issues.push({
          path: `policyLinks[${linkIndex}].anchor`,
          message: `no policy section has the anchor \`${link.anchor}\` (known: ${[...knownAnchors].join(', ')})`,
        });
      }
    });
    if (article.relatedArticleIds.includes(article.id)) {
      issues.push({ path: 'relatedArticleIds', message: 'an article cannot be related to itself' });
    }
    if (issues.length > 0) {
      throw new AftersaleError({
        code: 'invalid_article',
        message: `Invalid ${where} ${article.id}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}. Correct the article and upsert it again.`,
        issues,
      });
    }
    return article;
  }

  function hitsOf(results: SearchResult[], words: readonly string[], analyzer: TextAnalyzer): SearchHit[] {
    const at = now();
    return results.map((result) => {
      const matched = new Set(result.queryTerms);
      const article = articles.get(result.id as string) as Article;
      return {
        article,
        score: result.score,
        matchedWords: words.filter((word) => analyzer.terms(word).some((term) => matched.has(term))),
        stale: isArticleStale(article, { now: at, reviewPeriodDays: settings.reviewPeriodDays }),
      };
    });
  }

  function runSearch(text: string, language: KnowledgeLanguage, limit: number, category?: string) {
    const analyzer = textAnalyzer(language);
    // A word typed twice in different case or with and without Turkish letters ("Kargom … kargom") is
    // one word: it is counted once in the shares that decide `answered` and suggestions.
    const seen = new Set<string>();
    const words: string[] = [];
    for (const word of analyzer.words(text)) {
      const key = foldText(word, language);
      if (seen.has(key) || analyzer.terms(word).length === 0) continue;
      seen.add(key);
      words.push(word);
    }
    if (words.length === 0) return { words, hits: [] as SearchHit[] };
    const folded = category === undefined ? null : foldText(category, language);
    const results = index(language).search(
      text,
      folded === null
        ? undefined
        : (id) => (articles.get(id) as Article).categories.some((name) => foldText(name, language) === folded),
    );
    return { words, hits: hitsOf(results.slice(0, limit), words, analyzer) };
  }

  const knowledgeBase: KnowledgeBase = {
    shopId: settings.shopId,
    upsert(input) {
      const list: readonly unknown[] = Array.isArray(input) ? input : [input];
      const validated = list.map((item, position) => validate(item, Array.isArray(input) ? position : null));
      for (const article of validated) {
        const previous = articles.get(article.id);
        if (previous) index(previous.language).discard(previous);
        articles.set(article.id, article);
        index(article.language).add(article);
      }
      return validated;
    },
    remove(id) {
      const previous = articles.get(id);
      if (!previous) return false;
      index(previous.language).discard(previous);
      articles.delete(id);
      return true;
    },
    get(id) {
      return articles.get(id) ?? null;
    },
    list(language) {
      const all = [...articles.values()];
      return language === undefined ? all : all.filter((article) => article.language === language);
    },
    search(query, searchOptions) {
      const checked = searchOptionsSchema.safeParse({ query, ...searchOptions });
      if (!checked.success) {
        throw aftersaleErrorFromZod(checked.error, { code: 'invalid_input', subject: 'knowledge-base search' });
      }
      const { language, limit, category } = checked.data;
      const { words, hits } = runSearch(query, language, limit, category);
      const best = hits[0];
      const answered =
        best !== undefined && best.matchedWords.length / words.length >= settings.goodMatchShare - Number.EPSILON;
      const anonymised = anonymiseQuery(query);
      const gap: SearchGapInput | null =
        answered || words.length === 0
          ? null
          : {
              shopId: settings.shopId,
              language,
              query: anonymised,
              normalizedQuery: foldText(anonymised, language),
              resultCount: hits.length,
              at: now().toISOString(),
            };
      return { query, language, hits, answered, gap };
    },
    suggestForComplaint(complaint, suggestOptions) {
      const checked = complaintTextSchema.safeParse({ ...complaint, limit: suggestOptions?.limit });
      if (!checked.success) {
        throw aftersaleErrorFromZod(checked.error, { code: 'invalid_input', subject: 'complaint text' });
      }
      const { subject, description, language, limit } = checked.data;
      const text = anonymiseQuery([subject, description].filter(Boolean).join('\n'));
      const { words, hits } = runSearch(text, language, limit * 3);
      // A suggestion must share at least two words with the complaint (one for a one- or two-word text).
      const needed = Math.min(2, Math.max(1, words.length - 1));
      const suggestions = hits.filter((hit) => hit.matchedWords.length >= needed).slice(0, limit);
      return {
        suggestions,
        closesComplaint: false,
        personReachable: true,
        reply: firstReplies[language](suggestions.length),
      };
    },
    staleArticles(language) {
      const at = now();
      return knowledgeBase
        .list(language)
        .filter((article) => isArticleStale(article, { now: at, reviewPeriodDays: settings.reviewPeriodDays }))
        .sort((a, b) => Date.parse(a.lastReviewedAt) - Date.parse(b.lastReviewedAt));
    },
  };
  if (settings.articles.length > 0) knowledgeBase.upsert(settings.articles as ArticleInput[]);
  return knowledgeBase;
}

const searchOptionsSchema = z.object({
  query: z.string().max(1000, 'a search query is at most 1000 characters'),
  language: knowledgeLanguageSchema,
  limit: z.number().int().min(1).max(100).default(10),
  category: z.string().trim().min(1).max(80).optional(),
});

const complaintTextSchema = z
  .object({
    subject: z.string().max(1000).nullish(),
    description: z.string().max(20_000).nullish(),
    language: knowledgeLanguageSchema,
    limit: z.number().int().min(1).max(20).default(3),
  })
  .refine((value) => Boolean(value.subject?.trim() || value.description?.trim()), {
    message: 'a complaint needs a subject or a description to suggest articles for',
    path: ['description'],
  });
