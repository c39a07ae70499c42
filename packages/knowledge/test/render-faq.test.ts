import { AftersaleError } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { type ArticleInput, articleInputSchema, renderFaq } from '../src/index.js';
import { fixtureArticles } from './fixtures/fixture-articles.js';

const articles = fixtureArticles().map((input) => articleInputSchema.parse(input));

function article(input: Partial<ArticleInput> & Pick<ArticleInput, 'id' | 'question'>) {
  return articleInputSchema.parse({
    shopId: 'shop',
    language: 'tr',
    shortAnswer: 'Kısa.',
    answer: 'Uzun.',
    categories: ['Genel'],
    author: 'merchant:1',
    lastReviewedAt: '2026-11-01T00:00:00Z',
    ...input,
  });
}

describe('renderFaq as markdown', () => {
  it('groups the Turkish FAQ by category in Turkish alphabetical order', () => {
    const page = renderFaq(articles, { language: 'tr', format: 'markdown', policyUrl: '/policies/returns' });
    const categories = page.split('\n').filter((line) => line.startsWith('## '));
    expect(categories).toEqual([
      '## Geri ödeme',
      '## Hesap',
      '## İade ve değişim',
      '## Kargo ve teslimat',
      '## Ödeme',
      '## Sipariş',
      '## Sorunlu ürünler',
    ]);
    expect(page.startsWith('# Sıkça sorulan sorular\n')).toBe(true);
    expect(page).toContain('### Kargom nerede, siparişimi nasıl takip ederim?');
    expect(page).toContain('İade politikasında: [withdrawal](/policies/returns#withdrawal)');
    expect(page).toContain('İlgili sorular: [Ürünü nasıl iade ederim?](#kb_tr-return-how)');
    expect(page).not.toContain('Where is my order');
  });

  it('renders the English FAQ in English', () => {
    const page = renderFaq(articles, { language: 'en', format: 'markdown', policyUrl: '/policy', title: 'Help' });
    expect(page.startsWith('# Help\n')).toBe(true);
    expect(page).toContain('## Shipping and delivery');
    expect(page).toContain('In the return policy: [return-window](/policy#return-window)');
    expect(page).not.toContain('Kargom nerede');
  });

  it('lists an article under each of its categories and escapes markdown in questions', () => {
    const page = renderFaq(
      [article({ id: 'kb_a', question: 'Bedava *kargo* var mı?', categories: ['Kargo', 'Kampanyalar'] })],
      { language: 'tr', format: 'markdown', policyUrl: '/p' },
    );
    expect(page.match(/### Bedava \\\*kargo\\\* var mı\?/g)).toHaveLength(2);
  });
});

describe('renderFaq as HTML', () => {
  it('renders sections per category with anchors, answers as HTML and policy links', () => {
    const page = renderFaq(articles, { language: 'tr', format: 'html', policyUrl: '/policies/returns' });
    expect(page).toContain('<section id="category-iade-ve-degisim">\n<h2>İade ve değişim</h2>');
    expect(page).toContain('<article id="kb_tr-return-window" lang="tr">');
    expect(page).toContain('<strong>14 günlük cayma hakkınız</strong>');
    expect(page).toContain('<a href="/policies/returns#withdrawal">withdrawal</a>');
    expect(page).toContain('<ol>');
  });

  it('shows raw HTML and scripts in an article as text, never as markup', () => {
    const page = renderFaq(
      [
        article({
          id: 'kb_x',
          question: '<img src=x onerror=alert(1)>',
          answer: 'Merhaba <script>alert(1)</script> [tıkla](javascript:alert(1))',
          policyLinks: [{ anchor: 'fees', label: '"><b>' }],
        }),
      ],
      { language: 'tr', format: 'html', policyUrl: '/p' },
    );
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('&quot;&gt;&lt;b&gt;');
  });

  it('rejects unknown options', () => {
    expect(() => renderFaq(articles, { language: 'tr', format: 'pdf' as 'html', policyUrl: '/p' })).toThrow(
      AftersaleError,
    );
  });
});
