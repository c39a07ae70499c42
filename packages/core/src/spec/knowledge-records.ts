import { z } from 'zod';
import { timestampSchema } from '../model/schemas.js';
import { type ListOptions, shopIdSchema } from './store-records.js';

/**
 * Record types of the knowledge base (`@aftersale/knowledge`), kept by an {@link AftersaleStore} like
 * every other record: FAQ articles and the searches that found no good answer. Every record belongs to
 * a shop, and the shop is part of every key.
 */

/** The languages the knowledge base searches with its own rules (case folding, stemming, stop words). */
export const knowledgeLanguages = ['tr', 'en'] as const;
/** A language of the knowledge base: `tr` or `en`. */
export type KnowledgeLanguage = (typeof knowledgeLanguages)[number];
export const knowledgeLanguageSchema = z.enum(knowledgeLanguages);

/**
 * A section anchor of the rendered return policy, such as `withdrawal` or `return-window`: lower-case
 * letters, digits and single hyphens. The knowledge base also checks that the anchor is one of the
 * policy page's (`policyPageAnchors`, or the `policyAnchors` a knowledge base is given).
 */
export const policyAnchorSchema = z
  .string()
  .max(100)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a section anchor of the rendered policy: lower-case letters, digits and single hyphens, such as `withdrawal`',
  );

/** A link from an article to a section of the rendered return policy. */
export const policyLinkSchema = z.object({
  anchor: policyAnchorSchema,
  /** The link text; the section's anchor when left out. */
  label: z.string().trim().min(1).max(200).nullish(),
});
export type PolicyLink = z.infer<typeof policyLinkSchema>;

/** An article id: `kb_` and up to 120 letters, digits, `_` or `-`. */
export const articleIdSchema = z
  .string()
  .regex(/^kb_[A-Za-z0-9_-]{1,120}$/, 'must be `kb_` followed by up to 120 letters, digits, `_` or `-`');

const label = z.string().trim().min(1).max(80);

/** What a caller gives to create or replace a knowledge-base article. */
export const articleInputSchema = z.object({
  shopId: shopIdSchema,
  id: articleIdSchema,
  /** The language the article is written in; it is searched with that language's rules. */
  language: knowledgeLanguageSchema,
  /** The question as a customer would ask it: the field search weighs most. */
  question: z.string().trim().min(1).max(300),
  /** One or two sentences that answer it: shown in search results and complaint suggestions. */
  shortAnswer: z.string().trim().min(1).max(600),
  /** The full answer, in markdown. Raw HTML in it is shown as text, never rendered. */
  answer: z.string().trim().min(1).max(50_000),
  /** The FAQ sections the article appears under, in the article's language (`İade ve değişim`). */
  categories: z.array(label).min(1).max(10),
  tags: z.array(label).max(50).default([]),
  /** The policy sections the article restates, so the FAQ and the policy never disagree. */
  policyLinks: z.array(policyLinkSchema).max(20).default([]),
  relatedArticleIds: z.array(articleIdSchema).max(20).default([]),
  /** Who wrote or last edited it: a staff id such as `merchant:42`, or a display name. Never a customer. */
  author: z.string().trim().min(1).max(200),
  /** When someone last checked that the answer is still right; older than the review period means stale. */
  lastReviewedAt: timestampSchema,
});
/** An article as given by a caller. */
export type ArticleInput = z.input<typeof articleInputSchema>;
/** An article after validation (defaults filled in). */
export type Article = z.infer<typeof articleInputSchema>;
/** An article as the store keeps it: replaced wholesale on each upsert, which raises its version. */
export type ArticleRecord = Article & { version: number; createdAt: string; updatedAt: string };

/**
 * A search that found no good answer, anonymised: the query has had e-mail addresses, phone numbers,
 * order and card numbers replaced by placeholders (see `anonymiseQuery` in `@aftersale/knowledge`).
 * It names no customer.
 */
export const searchGapInputSchema = z.object({
  shopId: shopIdSchema,
  language: knowledgeLanguageSchema,
  /** The anonymised query as typed. */
  query: z.string().min(1).max(1000),
  /** The anonymised query lower-cased without diacritics: the key gaps are counted by. */
  normalizedQuery: z.string().min(1).max(1000),
  /** How many articles the search returned (all below the good-match bar). */
  resultCount: z.number().int().min(0),
  at: timestampSchema,
});
export type SearchGapInput = z.input<typeof searchGapInputSchema>;
/** A search gap as the store keeps it, with the id it was given (`gap_` + a unique suffix). */
export type SearchGapRecord = z.infer<typeof searchGapInputSchema> & { id: string };

/** Options of `listArticles`. */
export type ListArticlesOptions = ListOptions & {
  /** Only articles in this language. */
  language?: KnowledgeLanguage;
};

/** Options of `listSearchGaps` (oldest first). */
export type ListSearchGapsOptions = ListOptions & {
  /** Only gaps at or after this moment (ISO 8601). */
  since?: string;
};
