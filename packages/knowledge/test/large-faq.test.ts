import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/generate-articles.js';
import { createKnowledgeBase } from '../src/index.js';

// On a large FAQ the search leaves common words out when rarer ones are present, and skips the answers
// when questions, tags and categories already match many articles. The results must stay right.
describe('search on a large FAQ', () => {
  const shopId = 'large-shop.myshopify.com';
  const articles = generateArticles(3000, shopId);
  const knowledge = createKnowledgeBase({ shopId, articles });

  it('still finds the tracking question for "kargom nerede" and "where is my package"', () => {
    const turkish = knowledge.search('kargom nerede', { language: 'tr', limit: 5 });
    expect(turkish.hits).toHaveLength(5);
    for (const hit of turkish.hits) expect(hit.article.question).toMatch(/Kargom nerede/);
    const english = knowledge.search('where is my package', { language: 'en', limit: 5 });
    for (const hit of english.hits) expect(hit.article.tags).toContain('where is my package');
  });

  it('ranks the article of a rare word first when a common word comes with it', () => {
    const product = articles.find((article) => article.language === 'tr' && article.question.includes('yıkanır'));
    expect(product).toBeDefined();
    if (!product) return;
    const name = (product.tags ?? []).at(-1) as string;
    const [brand, number] = name.split(' ');
    const hits = knowledge.search(`${brand} ${number} yıkama`, { language: 'tr', limit: 10 }).hits;
    expect(hits.map((hit) => hit.article.id)).toContain(product.id);
    expect(hits[0]?.article.tags).toContain(name);
  });

  it('finds a word that only the answers contain, with the words it matched', () => {
    const response = knowledge.search('ağartıcı', { language: 'tr', limit: 3 });
    expect(response.hits).toHaveLength(3);
    for (const hit of response.hits) {
      expect(hit.article.answer).toContain('ağartıcı');
      expect(hit.matchedWords).toEqual(['ağartıcı']);
    }
    expect(response.answered).toBe(true);
  });

  it('answers a single common word from the questions and tags', () => {
    const response = knowledge.search('İade', { language: 'tr', limit: 10 });
    expect(response.hits).toHaveLength(10);
    for (const hit of response.hits) expect(hit.matchedWords).toEqual(['İade']);
  });
});
