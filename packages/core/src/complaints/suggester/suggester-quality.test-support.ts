import { type ComplaintCategory, type ComplaintUrgency, complaintCategories } from '../complaint-vocabulary.js';
import { foldComplaintText } from './suggest-complaint-labels.js';

export interface LabelledMessage {
  category: ComplaintCategory;
  urgency: ComplaintUrgency;
  text: string;
}

/** Parses a `category|urgency|text` set. */
export function parseLabelledSet(source: string): LabelledMessage[] {
  return source
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [category, urgency, ...text] = line.split('|');
      if (!complaintCategories.includes(category as ComplaintCategory)) throw new Error(`bad category in ${line}`);
      if (!['low', 'normal', 'high', 'critical'].includes(urgency as string)) throw new Error(`bad urgency in ${line}`);
      return { category: category as ComplaintCategory, urgency: urgency as ComplaintUrgency, text: text.join('|') };
    });
}

export interface CategoryQuality {
  category: ComplaintCategory;
  support: number;
  precision: number;
  recall: number;
}

export interface Quality {
  accuracy: number;
  macroF1: number;
  perCategory: CategoryQuality[];
}

/** Precision and recall per category (a category never predicted has precision 0). */
export function measure(set: readonly LabelledMessage[], predict: (text: string) => ComplaintCategory): Quality {
  const predictions = set.map((message) => predict(message.text));
  const perCategory = complaintCategories.map((category) => {
    let truePositive = 0;
    let predicted = 0;
    let support = 0;
    set.forEach((message, index) => {
      const prediction = predictions[index];
      if (prediction === category) predicted++;
      if (message.category === category) support++;
      if (prediction === category && message.category === category) truePositive++;
    });
    return {
      category,
      support,
      precision: predicted === 0 ? 0 : truePositive / predicted,
      recall: support === 0 ? 0 : truePositive / support,
    };
  });
  const correct = set.filter((message, index) => predictions[index] === message.category).length;
  const f1 = perCategory.map(({ precision, recall }) =>
    precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  );
  return {
    accuracy: correct / set.length,
    macroF1: f1.reduce((sum, value) => sum + value, 0) / f1.length,
    perCategory,
  };
}

/** The majority-class baseline: always the most frequent category of the set. */
export function majorityBaseline(set: readonly LabelledMessage[]): (text: string) => ComplaintCategory {
  const counts = new Map<ComplaintCategory, number>();
  for (const message of set) counts.set(message.category, (counts.get(message.category) ?? 0) + 1);
  const majority = [...counts.entries()].sort((left, right) => right[1] - left[1])[0]?.[0] ?? 'other';
  return () => majority;
}

// One obvious keyword per category and language, first match wins, else `other`.
const keywords: Array<[ComplaintCategory, string[]]> = [
  ['never_arrived', ['arrive', 'gelmedi']],
  ['damaged', ['broken', 'kirik']],
  ['wrong_item', ['wrong', 'yanlis']],
  ['defective', ['defective', 'bozuk']],
  ['refund_problem', ['refund', 'iade']],
  ['overcharged', ['charged', 'ucret']],
  ['misleading_listing', ['description', 'aciklama']],
  ['late_delivery', ['late', 'gecikti']],
  ['rude_service', ['rude', 'kaba']],
  ['long_wait', ['wait', 'bekl']],
];

/** The keyword baseline: a substring search for one keyword per category. */
export function keywordBaseline(text: string): ComplaintCategory {
  const folded = foldComplaintText(text);
  for (const [category, words] of keywords) if (words.some((word) => folded.includes(word))) return category;
  return 'other';
}

const percent = (value: number) => (100 * value).toFixed(1);

/**
 * The quality table of a labelled set, as rows of cells: per category the support, the suggester's
 * precision and recall and the keyword baseline's; then accuracy and macro-F1 of the suggester, the
 * keyword baseline and the majority-class baseline.
 */
export function qualityRows(set: readonly LabelledMessage[], suggest: (text: string) => ComplaintCategory): string[][] {
  const suggester = measure(set, suggest);
  const keyword = measure(set, keywordBaseline);
  const majority = measure(set, majorityBaseline(set));
  const rows = suggester.perCategory.map((item, index) => {
    const baseline = keyword.perCategory[index] as CategoryQuality;
    return [
      item.category,
      String(item.support),
      percent(item.precision),
      percent(item.recall),
      percent(baseline.precision),
      percent(baseline.recall),
    ];
  });
  rows.push(['accuracy', String(set.length), percent(suggester.accuracy), '', percent(keyword.accuracy), '']);
  rows.push(['macro-F1', String(set.length), percent(suggester.macroF1), '', percent(keyword.macroF1), '']);
  rows.push(['majority-class accuracy', String(set.length), '', '', percent(majority.accuracy), '']);
  return rows;
}
