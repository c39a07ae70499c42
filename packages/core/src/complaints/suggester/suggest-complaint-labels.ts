import { z } from 'zod';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import {
  type ComplaintCategory,
  type ComplaintIntent,
  type ComplaintUrgency,
  complaintCategories,
  complaintIntents,
} from '../complaint-vocabulary.js';
import {
  categoryLexicon,
  criticalLexicon,
  highLexicon,
  intentLexicon,
  type LexiconEntry,
  lowLexicon,
  otherLexicon,
} from './complaint-lexicon.js';

/** A label proposed by the suggester, with where it came from and how sure it is (0 to 1). */
export interface SuggestedLabel<T> {
  value: T;
  source: 'suggester';
  confidence: number;
}

/** What {@link suggestComplaintLabels} proposes. A person may override every label. */
export interface ComplaintSuggestion {
  category: SuggestedLabel<ComplaintCategory>;
  /** The other categories the text also speaks of (a message may mix topics), strongest first. */
  alsoMentions: SuggestedLabel<ComplaintCategory>[];
  intents: SuggestedLabel<ComplaintIntent>[];
  urgency: SuggestedLabel<ComplaintUrgency>;
}

const folding: Record<string, string> = { ı: 'i', ğ: 'g', ü: 'u', ş: 's', ö: 'o', ç: 'c', â: 'a', î: 'i', û: 'u' };

/**
 * Folds text for matching: Turkish-aware lower case, Turkish letters to their plain forms, apostrophes
 * dropped, everything else that is not a letter or digit a space. `Siparişim GELMEDİ` → `siparisim gelmedi`.
 */
export function foldComplaintText(text: string): string {
  return text
    .toLocaleLowerCase('tr')
    .normalize('NFC')
    .replace(/[ığüşöçâîû]/g, (letter) => folding[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** True when `word` starts with `stem`, allowing one typo (edit or swap) in stems of six letters or more. */
function matchesStem(word: string, stem: string, fuzzy: boolean): boolean {
  if (word.startsWith(stem)) return true;
  if (!fuzzy || stem.length < 6 || word.length < stem.length - 1) return false;
  // One substitution, insertion, deletion or transposition within the stem's length.
  for (const length of [stem.length - 1, stem.length, stem.length + 1]) {
    if (length > word.length) continue;
    if (withinOneEdit(word.slice(0, length), stem)) return true;
  }
  return false;
}

function withinOneEdit(left: string, right: string): boolean {
  if (left === right) return true;
  if (Math.abs(left.length - right.length) > 1) return false;
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  if (left.length === right.length) {
    if (left.slice(i + 1) === right.slice(i + 1)) return true;
    return left[i] === right[i + 1] && left[i + 1] === right[i] && left.slice(i + 2) === right.slice(i + 2);
  }
  return left.length > right.length ? left.slice(i + 1) === right.slice(i) : left.slice(i) === right.slice(i + 1);
}

interface CompiledEntry {
  stems: string[];
  weight: number;
}

const compile = (entries: readonly LexiconEntry[]): CompiledEntry[] =>
  entries.map(([phrase, weight]) => ({ stems: phrase.split(' '), weight }));

const compiledCategories = Object.entries(categoryLexicon).map(
  ([category, entries]) => [category as ComplaintCategory, compile(entries)] as const,
);
const compiledOther = compile(otherLexicon);
const compiledCritical = compile(criticalLexicon);
const compiledHigh = compile(highLexicon);
const compiledLow = compile(lowLexicon);
const compiledIntents = Object.entries(intentLexicon).map(
  ([intent, entries]) => [intent as ComplaintIntent, compile(entries)] as const,
);

/** A word inside a phrase: the stem itself, or one typo away from a stem of six letters or more. */
function isWord(word: string, stem: string, fuzzy: boolean): boolean {
  return word === stem || (fuzzy && stem.length >= 6 && withinOneEdit(word, stem));
}

/** A stem ending in `=` matches only the whole word (`bot=` is not `bottle`). */
function matchesLast(word: string, stem: string, fuzzy: boolean): boolean {
  return stem.endsWith('=') ? word === stem.slice(0, -1) : matchesStem(word, stem, fuzzy);
}

/**
 * The summed weight of the entries found in the words (each entry counted once). Typos are forgiven
 * only when `fuzzy` (categories and intents, never the urgency words: `yandi` is not `yanli(s)`).
 */
function score(words: readonly string[], entries: readonly CompiledEntry[], fuzzy = true): number {
  let total = 0;
  for (const { stems, weight } of entries) {
    const last = stems.length - 1;
    for (let index = 0; index + last < words.length; index++) {
      let found = true;
      for (let offset = 0; offset <= last && found; offset++) {
        const word = words[index + offset] as string;
        const stem = stems[offset] as string;
        found = offset === last ? matchesLast(word, stem, fuzzy) : isWord(word, stem, fuzzy);
      }
      if (found) {
        total += weight;
        break;
      }
    }
  }
  return total;
}

const round = (value: number) => Math.round(value * 100) / 100;

const inputSchema = z.string().max(20_000, 'must be at most 20,000 characters');

/**
 * Proposes a category, the intents and the urgency of a complaint from the customer's words, in
 * Turkish or English (also Turkish typed without Turkish letters, and with typos). A lexicon, no
 * network and no model download; pure and fast. Every label carries `source: 'suggester'` and a
 * confidence; record a person's choice with a `category-set` event of another source to override it.
 *
 * @example
 * ```ts
 * suggestComplaintLabels('Kargo teslim edildi diyor ama paket gelmedi, acil iade istiyorum').category.value; // 'never_arrived'
 * ```
 * @throws AftersaleError `invalid_input` for text that is not a string or is too long.
 */
export function suggestComplaintLabels(text: string): ComplaintSuggestion {
  const parsed = inputSchema.safeParse(text);
  if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'complaint text' });
  const words = foldComplaintText(parsed.data)
    .split(' ')
    .filter((word) => word !== '');
  const scores = compiledCategories
    .map(([category, entries]) => ({ category, score: score(words, entries) }))
    .filter((item) => item.score > 0)
    .sort(
      (left, right) =>
        right.score - left.score ||
        complaintCategories.indexOf(left.category) - complaintCategories.indexOf(right.category),
    );
  const otherScore = score(words, compiledOther);
  const total = scores.reduce((sum, item) => sum + item.score, 0) + otherScore;
  const top = scores[0];
  let category: SuggestedLabel<ComplaintCategory>;
  if (top === undefined || otherScore > top.score) {
    category = {
      value: 'other',
      source: 'suggester',
      confidence: otherScore > 0 ? round(otherScore / (total + 1)) : 0.2,
    };
  } else {
    category = { value: top.category, source: 'suggester', confidence: round(top.score / (total + 1)) };
  }
  const alsoMentions = scores
    .filter((item) => item.category !== category.value && item.score >= 2)
    .map((item) => ({
      value: item.category,
      source: 'suggester' as const,
      confidence: round(item.score / (total + 1)),
    }));
  const intents = compiledIntents
    .map(([intent, entries]) => ({ intent, score: score(words, entries) }))
    .filter((item) => item.score > 0)
    .sort((left, right) => complaintIntents.indexOf(left.intent) - complaintIntents.indexOf(right.intent))
    .map((item) => ({
      value: item.intent,
      source: 'suggester' as const,
      confidence: round(Math.min(0.95, 0.6 + 0.15 * item.score)),
    }));
  const critical = score(words, compiledCritical, false);
  const shouting = (parsed.data.match(/!!+/g)?.length ?? 0) + (/\b[A-ZÇĞİÖŞÜ]{4,}\b/.test(parsed.data) ? 1 : 0);
  const high = score(words, compiledHigh, false) + shouting;
  // A bare question with no complaint in it is minor.
  const question = category.value === 'other' && otherScore === 0 && parsed.data.trim().endsWith('?') ? 1 : 0;
  const low = score(words, compiledLow, false) + question;
  let urgency: SuggestedLabel<ComplaintUrgency>;
  if (critical > 0)
    urgency = { value: 'critical', source: 'suggester', confidence: round(Math.min(0.95, 0.7 + 0.1 * critical)) };
  else if (high > 0)
    urgency = { value: 'high', source: 'suggester', confidence: round(Math.min(0.9, 0.55 + 0.1 * high)) };
  else if (low > 0) urgency = { value: 'low', source: 'suggester', confidence: round(Math.min(0.85, 0.5 + 0.1 * low)) };
  else urgency = { value: 'normal', source: 'suggester', confidence: 0.5 };
  return { category, alsoMentions, intents, urgency };
}
