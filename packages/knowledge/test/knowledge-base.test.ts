import { AftersaleError, policyPageAnchors } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { type ArticleInput, createKnowledgeBase, createSearchGapLog } from '../src/index.js';
import { fixtureArticles, fixtureShopId } from './fixtures/fixture-articles.js';

const now = () => new Date('2026-11-23T12:00:00Z');

function knowledgeBase(articles: readonly ArticleInput[] = fixtureArticles()) {
  return createKnowledgeBase({ shopId: fixtureShopId, articles, now });
}

function article(overrides: Partial<ArticleInput> & Pick<ArticleInput, 'id'>): ArticleInput {
  return {
    shopId: fixtureShopId,
    language: 'tr',
    question: 'Soru?',
    shortAnswer: 'Kısa yanıt.',
    answer: 'Uzun yanıt.',
    categories: ['Genel'],
    author: 'merchant:1',
    lastReviewedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

function topIds(response: { hits: { article: { id: string } }[] }): string[] {
  return response.hits.map((hit) => hit.article.id);
}

describe('search in Turkish', () => {
  const knowledge = knowledgeBase();

  it('finds İade with iade, and İADE with iade (İ/i folding)', () => {
    const small = knowledgeBase([
      article({ id: 'kb_iade', question: 'İade nasıl yapılır?' }),
      article({ id: 'kb_kargo', question: 'Kargo ücreti ne kadar?' }),
    ]);
    expect(topIds(small.search('iade', { language: 'tr' }))).toEqual(['kb_iade']);
    expect(topIds(small.search('İADE', { language: 'tr' }))).toEqual(['kb_iade']);
    expect(topIds(small.search('IADE', { language: 'tr' }))).toEqual(['kb_iade']);
  });

  it('finds the delivery tracking article for "kargom nerede", with or without Turkish letters', () => {
    expect(topIds(knowledge.search('kargom nerede', { language: 'tr' }))[0]).toBe('kb_tr-tracking');
    expect(topIds(knowledge.search('siparisim nerede', { language: 'tr' })).slice(0, 3)).toContain('kb_tr-tracking');
    expect(topIds(knowledge.search('sifremi unuttum', { language: 'tr' }))[0]).toBe('kb_tr-password');
  });

  it('matches across suffixes (stemming) and tolerates typos', () => {
    expect(topIds(knowledge.search('faturamı', { language: 'tr' }))[0]).toBe('kb_tr-invoice');
    expect(topIds(knowledge.search('ftura', { language: 'tr' }))[0]).toBe('kb_tr-invoice');
    expect(topIds(knowledge.search('garnti', { language: 'tr' }))[0]).toBe('kb_tr-defective');
  });

  it('matches a word being typed as a prefix', () => {
    expect(topIds(knowledge.search('şifr', { language: 'tr' }))[0]).toBe('kb_tr-password');
    expect(topIds(knowledge.search('kapıda öde', { language: 'tr' }))[0]).toBe('kb_tr-payment-methods');
  });

  it('searches only the articles of the language asked for', () => {
    const hits = knowledge.search('iade', { language: 'tr', limit: 100 }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.article.language === 'tr')).toBe(true);
    expect(knowledge.search('kargom nerede', { language: 'en' }).hits).toEqual([]);
  });

  it('filters by category, whatever its case and diacritics', () => {
    const hits = knowledge.search('iade', { language: 'tr', category: 'iade ve degisim', limit: 100 }).hits;
    expect(hits.length).toBeGreaterThan(2);
    expect(hits.every((hit) => hit.article.categories.includes('İade ve değişim'))).toBe(true);
  });
});

describe('search in English', () => {
  const knowledge = knowledgeBase();

  it('finds articles by question, stems and typos', () => {
    expect(topIds(knowledge.search('where is my package', { language: 'en' }))[0]).toBe('kb_en-tracking');
    expect(topIds(knowledge.search('refunds', { language: 'en' })).slice(0, 3)).toContain('kb_en-refund-timing');
    expect(topIds(knowledge.search('waranty', { language: 'en' }))[0]).toBe('kb_en-defective');
    expect(topIds(knowledge.search('invo', { language: 'en' }))[0]).toBe('kb_en-invoice');
  });

  it('weighs a match in the question over one in the answer', () => {
    const small = createKnowledgeBase({
      shopId: fixtureShopId,
      now,
      articles: [
        article({
          id: 'kb_answer',
          language: 'en',
          question: 'Opening hours',
          answer: 'Our courier partners collect at noon.',
        }),
        article({
          id: 'kb_question',
          language: 'en',
          question: 'Which courier do you use?',
          answer: 'We ship with partners.',
        }),
      ],
    });
    expect(topIds(small.search('courier', { language: 'en' }))).toEqual(['kb_question', 'kb_answer']);
    const answerFirst = createKnowledgeBase({
      shopId: fixtureShopId,
      now,
      boosts: { question: 0.1, answer: 5 },
      articles: small.list(),
    });
    expect(topIds(answerFirst.search('courier', { language: 'en' }))[0]).toBe('kb_answer');
  });
});

describe('search gaps', () => {
  it('returns an anonymised gap for a search with no good answer, and none for an answered one', () => {
    const knowledge = knowledgeBase();
    const answered = knowledge.search('kargo takip numarası', { language: 'tr' });
    expect(answered.answered).toBe(true);
    expect(answered.gap).toBeNull();

    // Repeating a word in another case does not turn a miss into an answer.
    const once = knowledge.search('fatura televizyon montajı', { language: 'tr' });
    const twice = knowledge.search('Fatura fatura televizyon montajı', { language: 'tr' });
    expect(twice.answered).toBe(once.answered);
    expect(twice.gap === null).toBe(once.gap === null);
    expect(twice.hits[0]?.matchedWords.length).toBe(once.hits[0]?.matchedWords.length);

    const missed = knowledge.search('ali.veli@example.com siparis 10293847 taksitli televizyon montajı', {
      language: 'tr',
    });
    expect(missed.answered).toBe(false);
    expect(missed.gap).toEqual({
      shopId: fixtureShopId,
      language: 'tr',
      query: '[email] siparis [number] taksitli televizyon montajı',
      normalizedQuery: '[email] siparis [number] taksitli televizyon montaji',
      resultCount: missed.hits.length,
      at: '2026-11-23T12:00:00.000Z',
    });
  });

  it('reports the most frequent gaps first', () => {
    const knowledge = knowledgeBase();
    const log = createSearchGapLog();
    for (const query of [
      'Televizyon montajı',
      'televizyon montaji',
      'TELEVİZYON MONTAJI',
      'kombi servisi',
      'kargom nerede',
    ]) {
      const { gap } = knowledge.search(query, { language: 'tr' });
      if (gap) log.record(gap);
    }
    const report = log.report();
    expect(report.map((line) => [line.normalizedQuery, line.count])).toEqual([
      ['televizyon montaji', 3],
      ['kombi servisi', 1],
    ]);
  });

  it('does not record an empty or stop-word-only search', () => {
    const knowledge = knowledgeBase();
    expect(knowledge.search('   ', { language: 'tr' }).gap).toBeNull();
    expect(knowledge.search('ve ama', { language: 'tr' }).gap).toBeNull();
  });
});

describe('articles', () => {
  it('replaces an article on upsert and forgets it on remove', () => {
    const knowledge = knowledgeBase([article({ id: 'kb_a', question: 'Hediye paketi yapıyor musunuz?' })]);
    expect(topIds(knowledge.search('hediye paketi', { language: 'tr' }))).toEqual(['kb_a']);
    knowledge.upsert(article({ id: 'kb_a', question: 'Fatura adresi nasıl değişir?' }));
    expect(knowledge.search('hediye paketi', { language: 'tr' }).hits).toEqual([]);
    expect(topIds(knowledge.search('fatura adresi', { language: 'tr' }))).toEqual(['kb_a']);
    expect(knowledge.remove('kb_a')).toBe(true);
    expect(knowledge.remove('kb_a')).toBe(false);
    expect(knowledge.get('kb_a')).toBeNull();
    expect(knowledge.search('fatura', { language: 'tr' }).hits).toEqual([]);
  });

  it('rejects an invalid article with invalid_article naming every problem', () => {
    const knowledge = knowledgeBase([]);
    let caught: unknown;
    try {
      knowledge.upsert([
        article({ id: 'kb_ok' }),
        { ...article({ id: 'nope' }), language: 'de' as 'tr', categories: [] },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'invalid_article')).toBe(true);
    const error = caught as AftersaleError;
    expect(error.message).toContain('article [1]');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['categories', 'id', 'language']);
    expect(knowledge.list()).toEqual([]);
  });

  it('rejects an article of another shop and one related to itself', () => {
    const knowledge = knowledgeBase([]);
    expect(() => knowledge.upsert(article({ id: 'kb_x', shopId: 'other.myshopify.com' }))).toThrow(/belongs to shop/);
    expect(() => knowledge.upsert(article({ id: 'kb_x', relatedArticleIds: ['kb_x'] }))).toThrow(/related to itself/);
  });

  it('checks policy links against the policy anchors when they are given', () => {
    const knowledge = createKnowledgeBase({ shopId: fixtureShopId, policyAnchors: ['withdrawal', 'refunds'] });
    knowledge.upsert(article({ id: 'kb_ok', policyLinks: [{ anchor: 'withdrawal' }] }));
    let caught: unknown;
    try {
      knowledge.upsert(article({ id: 'kb_bad', policyLinks: [{ anchor: 'refunds' }, { anchor: 'return-window' }] }));
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'invalid_article')).toBe(true);
    expect((caught as AftersaleError).issues).toEqual([
      {
        path: 'policyLinks[1].anchor',
        message: 'no policy section has the anchor `return-window` (known: withdrawal, refunds)',
      },
    ]);
  });

  it('checks policy links against the anchors of the page renderPolicy renders by default', () => {
    const knowledge = knowledgeBase([]);
    knowledge.upsert(
      article({ id: 'kb_a', policyLinks: [{ anchor: policyPageAnchors.withdrawal }, { anchor: 'fees' }] }),
    );
    expect(() => knowledge.upsert(article({ id: 'kb_b', policyLinks: [{ anchor: 'returns' }] }))).toThrow(
      /no policy section has the anchor `returns`/,
    );
    expect(() => knowledge.upsert(article({ id: 'kb_c', policyLinks: [{ anchor: 'Return Window' }] }))).toThrow(
      /section anchor/,
    );
  });

  it('flags articles not reviewed within the review period as stale, by the injected clock', () => {
    let clock = new Date('2026-06-01T00:00:00Z');
    const knowledge = createKnowledgeBase({
      shopId: fixtureShopId,
      now: () => clock,
      reviewPeriodDays: 90,
      articles: [
        article({ id: 'kb_old', question: 'Eski soru kargo', lastReviewedAt: '2026-01-10T00:00:00Z' }),
        article({ id: 'kb_new', question: 'Yeni soru kargo', lastReviewedAt: '2026-05-01T00:00:00Z' }),
        article({ id: 'kb_older', question: 'Daha eski soru kargo', lastReviewedAt: '2025-12-01T00:00:00Z' }),
      ],
    });
    expect(knowledge.staleArticles().map((stale) => stale.id)).toEqual(['kb_older', 'kb_old']);
    const flags = Object.fromEntries(
      knowledge.search('kargo', { language: 'tr' }).hits.map((hit) => [hit.article.id, hit.stale]),
    );
    expect(flags).toEqual({ kb_old: true, kb_new: false, kb_older: true });
    clock = new Date('2026-08-01T00:00:00Z');
    expect(knowledge.staleArticles().map((stale) => stale.id)).toEqual(['kb_older', 'kb_old', 'kb_new']);
    expect(knowledge.staleArticles('en')).toEqual([]);
  });

  it('rejects bad settings and bad search options', () => {
    expect(() => createKnowledgeBase({ shopId: '' })).toThrow(AftersaleError);
    expect(() => createKnowledgeBase({ shopId: 's', reviewPeriodDays: -1 })).toThrow(/reviewPeriodDays/);
    const knowledge = knowledgeBase([]);
    expect(() => knowledge.search('x', { language: 'de' as 'tr' })).toThrow(/language/);
    expect(() => knowledge.search('x', { language: 'tr', limit: 0 })).toThrow(/limit/);
  });
});

describe('suggestions for a complaint', () => {
  const knowledge = knowledgeBase();

  it('suggests the articles that may answer a Turkish complaint and keeps the complaint open', () => {
    const result = knowledge.suggestForComplaint({
      subject: 'Kargom hâlâ gelmedi',
      description:
        'Merhaba, 3 gün önce sipariş verdim (sipariş no 4451203), kargo takip numarası çalışmıyor. Kargom nerede? Bana 0532 111 22 33 numarasından ulaşın.',
      language: 'tr',
    });
    expect(result.suggestions.map((hit) => hit.article.id)).toContain('kb_tr-tracking');
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
    expect(result.closesComplaint).toBe(false);
    expect(result.personReachable).toBe(true);
    expect(result.reply).toContain('talebiniz açık kalır');
  });

  it('suggests articles for an English complaint', () => {
    const result = knowledge.suggestForComplaint(
      { description: 'The blender arrived broken, the box was crushed. I want a refund.', language: 'en' },
      { limit: 2 },
    );
    expect(result.suggestions.map((hit) => hit.article.id)[0]).toBe('kb_en-damaged');
    expect(result.suggestions).toHaveLength(2);
    expect(result.reply).toContain('your request stays open');
  });

  it('suggests nothing for an unrelated complaint, and still answers with the way to a person', () => {
    const result = knowledge.suggestForComplaint({ subject: 'Teşekkürler', language: 'tr' });
    expect(result.suggestions).toEqual([]);
    expect(result.closesComplaint).toBe(false);
    expect(result.reply).toContain('müşteri temsilcimiz');
  });

  it('counts a word once however it is written: case and Turkish letters do not make a second shared word', () => {
    const complaint = (subject: string) =>
      knowledge
        .suggestForComplaint({
          subject,
          description: 'Merhaba, kargom nerede? Kargo takip numarası çalışmıyor.',
          language: 'tr',
        })
        .suggestions.map((hit) => [hit.article.id, hit.matchedWords.length]);
    const lower = complaint('kargom hâlâ gelmedi');
    expect(complaint('Kargom hâlâ gelmedi')).toEqual(lower);
    expect(complaint('KARGOM hala gelmedi')).toEqual(lower);
    for (const hit of knowledge.suggestForComplaint({
      subject: 'Kargom hâlâ gelmedi',
      description: 'kargom nerede?',
      language: 'tr',
    }).suggestions) {
      const folded = hit.matchedWords.map((word) => word.toLocaleLowerCase('tr-TR'));
      expect(new Set(folded).size).toBe(folded.length);
    }
  });

  it('rejects a complaint without text', () => {
    expect(() => knowledge.suggestForComplaint({ subject: ' ', description: null, language: 'tr' })).toThrow(
      /subject or a description/,
    );
  });
});
