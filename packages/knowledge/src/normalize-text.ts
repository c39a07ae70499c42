import type { KnowledgeLanguage } from '@aftersale/core';

/**
 * Lower-cases text with the rules of its language. Turkish has two letters i: dotted `İ/i` and
 * dotless `I/ı`, so in Turkish `I` lower-cases to `ı` and `İ` to `i`; in English `I` is `i`. `İ`
 * becomes `i` in both (JavaScript's default turns it into `i` plus a combining dot).
 *
 * @example
 * ```ts
 * lowerCase('İADE IŞIK', 'tr'); // 'iade ışık'
 * ```
 */
export function lowerCase(text: string, language: KnowledgeLanguage): string {
  const dotted = text.replaceAll('İ', 'i');
  return language === 'tr' ? dotted.replaceAll('I', 'ı').toLowerCase() : dotted.toLowerCase();
}

const combiningMarks = /\p{M}/gu;

/**
 * Removes diacritics so that text typed without them matches: `ş→s`, `ç→c`, `ğ→g`, `ü→u`, `ö→o`,
 * `ı→i`, `â→a`, `é→e`. Apply it to lower-cased text.
 *
 * @example
 * ```ts
 * foldDiacritics('değişim için ücretsiz'); // 'degisim icin ucretsiz'
 * ```
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(combiningMarks, '').replaceAll('ı', 'i').normalize('NFC');
}

/** Lower-cases with the language's rules, then removes diacritics: the form used to compare text. */
export function foldText(text: string, language: KnowledgeLanguage): string {
  return foldDiacritics(lowerCase(text, language));
}

const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into words: runs of letters and digits. An apostrophe ends a word, so the suffix of a
 * Turkish proper noun (`Kıbrıs'a`) or an English `'s` is a word of its own. The words keep their case
 * and diacritics.
 */
export function splitWords(text: string): string[] {
  return text.match(wordPattern) ?? [];
}
