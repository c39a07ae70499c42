import { describe, expect, it } from 'vitest';
import { foldDiacritics, foldText, lowerCase, splitWords, textAnalyzer } from '../src/index.js';

describe('Turkish-aware text folding', () => {
  it('lower-cases İ to i and I to ı in Turkish, I to i in English', () => {
    expect(lowerCase('İADE IŞIK İzmir', 'tr')).toBe('iade ışık izmir');
    expect(lowerCase('IRON İSTANBUL', 'en')).toBe('iron istanbul');
    // JavaScript's default would give `i̇` (i with a combining dot) for İ.
    expect(lowerCase('İ', 'en')).toHaveLength(1);
  });

  it('removes diacritics, dotless ı included', () => {
    expect(foldDiacritics('değişim için ücretsiz kargoyu şöyle ödeyin')).toBe(
      'degisim icin ucretsiz kargoyu soyle odeyin',
    );
    expect(foldDiacritics('café naïve')).toBe('cafe naive');
    expect(foldText('SİPARİŞİM', 'tr')).toBe('siparisim');
    expect(foldText('KAPIDA ÖDEME', 'tr')).toBe('kapida odeme');
  });

  it('splits words at spaces, punctuation and apostrophes', () => {
    expect(splitWords("Kıbrıs'a 14 gün içinde, iade-kodu!")).toEqual([
      'Kıbrıs',
      'a',
      '14',
      'gün',
      'içinde',
      'iade',
      'kodu',
    ]);
  });
});

describe('text analyzer', () => {
  it('gives a Turkish word its folded form and folded stems, the same with or without diacritics', () => {
    const turkish = textAnalyzer('tr');
    expect(turkish.terms('Siparişimi')).toEqual(['siparisimi', 'siparis']);
    expect(turkish.terms('siparisimi')).toContain('siparis');
    expect(turkish.terms('Kargom')).toEqual(['kargom', 'kargo']);
    expect(turkish.terms('İade')[0]).toBe('iade');
  });

  it('drops stop words and lone letters but keeps numbers', () => {
    expect(textAnalyzer('tr').terms('ve')).toEqual([]);
    expect(textAnalyzer('en').terms('the')).toEqual([]);
    expect(textAnalyzer('en').terms('a')).toEqual([]);
    expect(textAnalyzer('tr').terms('14')).toEqual(['14']);
  });

  it('stems English words', () => {
    expect(textAnalyzer('en').terms('Refunds')).toEqual(['refunds', 'refund']);
    expect(textAnalyzer('en').terms('cancelling')).toContain('cancel');
  });
});
