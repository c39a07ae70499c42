import type { KnowledgeLanguage } from '@aftersale/core';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as turkishStemmer } from '@orama/stemmers/turkish';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as turkishStopwords } from '@orama/stopwords/turkish';
import { foldDiacritics, lowerCase, splitWords } from './normalize-text.js';

/**
 * How the knowledge base turns text into search terms, for one language. Articles and queries go
 * through the same steps, so a query matches whatever way it was typed:
 * 1. split into words (letters and digits);
 * 2. lower-case with the language's rules (Turkish `I→ı`, `İ→i`);
 * 3. drop stop words (`ve`, `bir`, `the`, `and`: Orama's lists);
 * 4. stem with the language's Snowball stemmer (Orama's `@orama/stemmers`), both the word as written
 *    and the word without diacritics, since a Turkish suffix is only recognised with its vowels;
 * 5. remove diacritics from every form (`ş→s`, `ı→i`, `ü→u`), so `iade` finds `İade` and `kargom` finds `Kargom`.
 *
 * Each word gives its folded surface form and its folded stems: a query word matches an article word
 * when any of their terms meet.
 */
export interface TextAnalyzer {
  readonly language: KnowledgeLanguage;
  /** The words of a text, as written. */
  words(text: string): string[];
  /** The search terms of one word (none for a stop word or a lone letter). */
  terms(word: string): string[];
}

const stemmers: Record<KnowledgeLanguage, (word: string) => string> = {
  tr: turkishStemmer,
  en: englishStemmer,
};

const stopwordLists: Record<KnowledgeLanguage, readonly string[]> = {
  tr: turkishStopwords,
  en: englishStopwords,
};

const analyzers = new Map<KnowledgeLanguage, TextAnalyzer>();

/** The analyzer of a language (one per language, shared). */
export function textAnalyzer(language: KnowledgeLanguage): TextAnalyzer {
  const existing = analyzers.get(language);
  if (existing) return existing;
  const stem = stemmers[language];
  const stopwords = new Set(stopwordLists[language].map((word) => lowerCase(word, language)));
  const cache = new Map<string, string[]>();
  const analyzer: TextAnalyzer = {
    language,
    words: splitWords,
    terms(word) {
      const cached = cache.get(word);
      if (cached) return cached;
      const lower = lowerCase(word, language);
      const folded = foldDiacritics(lower);
      let terms: string[];
      if (stopwords.has(lower) || stopwords.has(folded) || (folded.length < 2 && !/\d/.test(folded))) terms = [];
      else {
        terms = [folded];
        for (const stemmed of [foldDiacritics(stem(lower)), stem(folded)]) {
          if (stemmed.length >= 2 && !terms.includes(stemmed)) terms.push(stemmed);
        }
      }
      if (cache.size < 50_000) cache.set(word, terms);
      return terms;
    },
  };
  analyzers.set(language, analyzer);
  return analyzer;
}
