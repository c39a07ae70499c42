import { type Article, aftersaleErrorFromZod, type KnowledgeLanguage, knowledgeLanguageSchema } from '@aftersale/core';
import MarkdownIt from 'markdown-it';
import { z } from 'zod';

/** Options of {@link renderFaq}. */
export interface RenderFaqOptions {
  /** The language of the page; only its articles are shown. */
  language: KnowledgeLanguage;
  /** `markdown` or `html` (a fragment: a heading and one `<section>` per category). */
  format: 'markdown' | 'html';
  /** The address of the rendered return policy page; policy links point to `<policyUrl>#<anchor>`. */
  policyUrl: string;
  /** The page title. @default `Sıkça sorulan sorular` / `Frequently asked questions` */
  title?: string;
}

const optionsSchema = z.object({
  language: knowledgeLanguageSchema,
  format: z.enum(['markdown', 'html']),
  policyUrl: z.string().min(1).max(2000),
  title: z.string().trim().min(1).max(200).optional(),
});

const labels: Record<KnowledgeLanguage, { title: string; policy: string; related: string }> = {
  tr: { title: 'Sıkça sorulan sorular', policy: 'İade politikasında', related: 'İlgili sorular' },
  en: { title: 'Frequently asked questions', policy: 'In the return policy', related: 'Related questions' },
};

/** Raw HTML in an answer is shown as text; links that are not http(s), mailto or relative are dropped. */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A URL fragment for a category name: lower-case, diacritics and punctuation removed. */
function slug(text: string, language: KnowledgeLanguage): string {
  const lower = language === 'tr' ? text.replaceAll('İ', 'i').replaceAll('I', 'ı').toLowerCase() : text.toLowerCase();
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('ı', 'i')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Group {
  category: string;
  anchor: string;
  articles: Article[];
}

function groupByCategory(articles: readonly Article[], language: KnowledgeLanguage): Group[] {
  const collator = new Intl.Collator(language);
  const groups = new Map<string, Group>();
  for (const article of articles) {
    if (article.language !== language) continue;
    for (const category of article.categories) {
      const anchor = `category-${slug(category, language)}`;
      const group = groups.get(anchor) ?? { category, anchor, articles: [] };
      group.articles.push(article);
      groups.set(anchor, group);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => collator.compare(a.category, b.category));
  for (const group of sorted) group.articles.sort((a, b) => collator.compare(a.question, b.question));
  return sorted;
}

function policyHref(policyUrl: string, anchor: string): string {
  return `${policyUrl}#${anchor}`;
}

function escapeMarkdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

function renderMarkdown(groups: Group[], title: string, options: RenderFaqOptions, byId: Map<string, Article>): string {
  const words = labels[options.language];
  const out: string[] = [`# ${escapeMarkdownText(title)}`, ''];
  for (const group of groups) {
    out.push(`## ${escapeMarkdownText(group.category)}`, '');
    for (const article of group.articles) {
      out.push(`### ${escapeMarkdownText(article.question)}`, '', `**${escapeMarkdownText(article.shortAnswer)}**`, '');
      out.push(article.answer.trim(), '');
      if (article.policyLinks.length > 0) {
        const links = article.policyLinks.map(
          (link) => `[${escapeMarkdownText(link.label ?? link.anchor)}](${policyHref(options.policyUrl, link.anchor)})`,
        );
        out.push(`${words.policy}: ${links.join(', ')}`, '');
      }
      const related = relatedOf(article, byId);
      if (related.length > 0) {
        out.push(
          `${words.related}: ${related.map((other) => `[${escapeMarkdownText(other.question)}](#${other.id})`).join(', ')}`,
          '',
        );
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function relatedOf(article: Article, byId: Map<string, Article>): Article[] {
  return article.relatedArticleIds
    .map((id) => byId.get(id))
    .filter((other): other is Article => other !== undefined && other.language === article.language);
}

function renderHtml(groups: Group[], title: string, options: RenderFaqOptions, byId: Map<string, Article>): string {
  const escapeHtml = markdown.utils.escapeHtml;
  const words = labels[options.language];
  const out: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  for (const group of groups) {
    out.push(`<section id="${group.anchor}">`, `<h2>${escapeHtml(group.category)}</h2>`);
    for (const article of group.articles) {
      out.push(
        `<article id="${escapeHtml(article.id)}" lang="${article.language}">`,
        `<h3>${escapeHtml(article.question)}</h3>`,
        `<p><strong>${escapeHtml(article.shortAnswer)}</strong></p>`,
        markdown.render(article.answer).trim(),
      );
      if (article.policyLinks.length > 0) {
        const links = article.policyLinks.map(
          (link) =>
            `<a href="${escapeHtml(policyHref(options.policyUrl, link.anchor))}">${escapeHtml(link.label ?? link.anchor)}</a>`,
        );
        out.push(`<p class="policy-links">${escapeHtml(words.policy)}: ${links.join(', ')}</p>`);
      }
      const related = relatedOf(article, byId);
      if (related.length > 0) {
        const links = related.map((other) => `<a href="#${escapeHtml(other.id)}">${escapeHtml(other.question)}</a>`);
        out.push(`<p class="related">${escapeHtml(words.related)}: ${links.join(', ')}</p>`);
      }
      out.push('</article>');
    }
    out.push('</section>');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Renders the FAQ page of one language, grouped by category (an article listed under each of its
 * categories), categories and questions in the language's alphabetical order. Each article shows its
 * question, short answer, full answer, links to the policy sections it restates and related questions.
 *
 * @example
 * ```ts
 * const page = renderFaq(knowledge.list(), { language: 'tr', format: 'html', policyUrl: '/policies/returns' });
 * ```
 */
export function renderFaq(articles: readonly Article[], options: RenderFaqOptions): string {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'FAQ render options' });
  const title = parsed.data.title ?? labels[parsed.data.language].title;
  const byId = new Map(articles.map((article) => [article.id, article]));
  const groups = groupByCategory(articles, parsed.data.language);
  return parsed.data.format === 'html'
    ? renderHtml(groups, title, parsed.data, byId)
    : renderMarkdown(groups, title, parsed.data, byId);
}
