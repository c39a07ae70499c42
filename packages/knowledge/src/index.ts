// The record types belong to core's store spec; they are re-exported here for convenience.
export {
  type Article,
  type ArticleInput,
  type ArticleRecord,
  articleIdSchema,
  articleInputSchema,
  type KnowledgeLanguage,
  knowledgeLanguageSchema,
  knowledgeLanguages,
  type PolicyLink,
  policyAnchorSchema,
  policyLinkSchema,
  type SearchGapInput,
  type SearchGapRecord,
  searchGapInputSchema,
} from '@aftersale/core';
export { anonymiseQuery } from './anonymise-query.js';
export {
  type ComplaintSuggestions,
  type ComplaintText,
  createKnowledgeBase,
  defaultFieldBoosts,
  type FieldBoosts,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type SearchHit,
  type SearchOptions,
  type SearchResponse,
} from './knowledge-base.js';
export { foldDiacritics, foldText, lowerCase, splitWords } from './normalize-text.js';
export { type RenderFaqOptions, renderFaq } from './render-faq.js';
export {
  createSearchGapLog,
  reportSearchGaps,
  type SearchGapLog,
  type SearchGapReportLine,
  type SearchGapReportOptions,
} from './search-gap.js';
export { isArticleStale, type StaleOptions } from './stale-articles.js';
export { loadKnowledgeBase, reportStoredSearchGaps } from './store-knowledge.js';
export { type TextAnalyzer, textAnalyzer } from './text-analyzer.js';
