import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { evaluationSetEn } from './evaluation-set-en.test-support.js';
import { evaluationSetTr } from './evaluation-set-tr.test-support.js';
import { foldComplaintText, suggestComplaintLabels } from './suggest-complaint-labels.js';
import {
  keywordBaseline,
  majorityBaseline,
  measure,
  parseLabelledSet,
  qualityRows,
} from './suggester-quality.test-support.js';
import { tuningSetEn, tuningSetTr } from './tuning-set.test-support.js';

const sets = { en: parseLabelledSet(evaluationSetEn), tr: parseLabelledSet(evaluationSetTr) };
const category = (text: string) => suggestComplaintLabels(text).category.value;

function documentedTable(language: 'en' | 'tr'): string[][] {
  const docs = readFileSync(new URL('../../../../../docs/concepts/complaints.md', import.meta.url), 'utf8');
  const marker = `<!-- suggester-quality:${language} -->`;
  const start = docs.indexOf(marker);
  if (start < 0) throw new Error(`docs/concepts/complaints.md lacks ${marker}`);
  const lines = docs
    .slice(start + marker.length)
    .trimStart()
    .split('\n');
  const table = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  return table.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim().replaceAll('`', '')),
  );
}

describe('the complaint suggester', () => {
  it('has held-out evaluation sets of at least 150 messages per language, apart from the tuning set', () => {
    expect(sets.en.length).toBeGreaterThanOrEqual(150);
    expect(sets.tr.length).toBeGreaterThanOrEqual(150);
    const tuning = new Set(
      [...parseLabelledSet(tuningSetEn), ...parseLabelledSet(tuningSetTr)].map((message) =>
        foldComplaintText(message.text),
      ),
    );
    for (const message of [...sets.en, ...sets.tr]) expect(tuning.has(foldComplaintText(message.text))).toBe(false);
    // Turkish typed without Turkish letters is part of the set.
    expect(sets.tr.filter((message) => !/[çğıöşüÇĞİÖŞÜ]/.test(message.text)).length).toBeGreaterThanOrEqual(30);
  });

  for (const language of ['en', 'tr'] as const) {
    it(`beats the keyword and majority baselines on the ${language} evaluation set`, () => {
      const set = sets[language];
      const suggester = measure(set, category);
      const keyword = measure(set, keywordBaseline);
      const majority = measure(set, majorityBaseline(set));
      expect(suggester.accuracy).toBeGreaterThan(0.85);
      expect(suggester.macroF1).toBeGreaterThan(keyword.macroF1 + 0.3);
      expect(suggester.accuracy).toBeGreaterThan(majority.accuracy + 0.5);
      for (const item of suggester.perCategory) expect(item.recall, item.category).toBeGreaterThan(0.6);
      // Urgency, as documented: 95.7% (en) and 95.3% (tr) of the labels.
      const urgent = set.filter((message) => suggestComplaintLabels(message.text).urgency.value === message.urgency);
      expect((100 * urgent.length) / set.length).toBeCloseTo(language === 'en' ? 95.7 : 95.3, 1);
    });

    it(`is documented with the measured ${language} quality table`, () => {
      expect(documentedTable(language)).toEqual(qualityRows(sets[language], category));
    });
  }

  it('reads Turkish without Turkish letters, with typos, and proposes urgency and intents', () => {
    expect(foldComplaintText('Siparişim GELMEDİ, İADE istiyorum!')).toBe('siparisim gelmedi iade istiyorum');
    expect(category('siparisim gelmedi')).toBe('never_arrived');
    expect(category('urun calismiyor, arizali')).toBe('defective');
    expect(category('The item stoped workign')).toBe('defective');
    const suggestion = suggestComplaintLabels(
      'Şarj aleti eridi ve duman çıkardı, hemen bir yetkiliyle görüşmek istiyorum',
    );
    expect(suggestion.category).toEqual({ value: 'defective', source: 'suggester', confidence: expect.any(Number) });
    expect(suggestion.urgency.value).toBe('critical');
    expect(suggestion.intents.map((intent) => intent.value)).toEqual(['speak_to_human']);
    const mixed = suggestComplaintLabels('Charged twice and the parcel was late, I want a refund');
    expect(mixed.category.value).toBe('overcharged');
    expect(mixed.alsoMentions.map((label) => label.value)).toContain('late_delivery');
    expect(mixed.intents.map((intent) => intent.value)).toContain('refund');
    expect(suggestComplaintLabels('Do you have a catalogue?')).toMatchObject({
      category: { value: 'other' },
      urgency: { value: 'low' },
    });
  });

  it('gives confidences between 0 and 1 and refuses text that is not a string', () => {
    for (const message of sets.en.slice(0, 40)) {
      const suggestion = suggestComplaintLabels(message.text);
      for (const label of [
        suggestion.category,
        suggestion.urgency,
        ...suggestion.intents,
        ...suggestion.alsoMentions,
      ]) {
        expect(label.confidence).toBeGreaterThanOrEqual(0);
        expect(label.confidence).toBeLessThanOrEqual(1);
      }
    }
    let caught: unknown;
    try {
      suggestComplaintLabels(42 as unknown as string);
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'invalid_input')).toBe(true);
  });
});
