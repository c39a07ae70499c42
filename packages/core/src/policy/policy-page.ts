/**
 * The customer-facing policy page as a small document model, and its three serialisations
 * (Markdown, HTML, plain text). `renderPolicy` builds the model from the policy and the statutory
 * pack; this file only lays it out and escapes what the merchant wrote.
 */

/** Anchors of the page's sections. They never change between versions or languages, so other pages (the FAQ) can link to them. */
export const policyPageAnchors = {
  page: 'return-policy',
  statutoryRights: 'statutory-rights',
  withdrawal: 'withdrawal',
  withdrawHere: 'withdraw-here',
  faultyGoods: 'faulty-goods',
  returnWindow: 'return-window',
  exclusions: 'exclusions',
  reasons: 'reasons',
  fees: 'fees',
  resolutions: 'resolutions',
  conditions: 'conditions',
} as const;
export type PolicyPageAnchor = (typeof policyPageAnchors)[keyof typeof policyPageAnchors];

/** A run of text: plain, or a link. Text is unescaped here; each format escapes it. */
export type PageInline = { text: string } | { text: string; href: string };

/** A paragraph, or a list whose items may carry the id of the rule they state. */
export type PageBlock =
  | { kind: 'paragraph'; content: PageInline[] }
  | { kind: 'list'; items: { content: PageInline[]; ruleId?: string }[] };

export interface PageSection {
  anchor: PolicyPageAnchor;
  level: 2 | 3;
  title: string;
  blocks: PageBlock[];
}

export interface PolicyPage {
  language: 'en' | 'tr';
  title: string;
  intro: PageBlock[];
  sections: PageSection[];
  footer: string;
}

const markdownSpecial = /[\\`*_[\]{}<>#|~]/g;

function escapeMarkdown(text: string): string {
  return text.replace(markdownSpecial, (character) => `\\${character}`);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function inlineMarkdown(content: readonly PageInline[]): string {
  return content
    .map((part) =>
      'href' in part
        ? `[${escapeMarkdown(part.text)}](<${part.href.replace(/[<>]/g, '')}>)`
        : escapeMarkdown(part.text),
    )
    .join('');
}

function inlineHtml(content: readonly PageInline[]): string {
  return content
    .map((part) =>
      'href' in part ? `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>` : escapeHtml(part.text),
    )
    .join('');
}

function inlineText(content: readonly PageInline[]): string {
  return content.map((part) => ('href' in part ? `${part.text} <${part.href}>` : part.text)).join('');
}

export function pageToMarkdown(page: PolicyPage): string {
  const out: string[] = [`<a id="${policyPageAnchors.page}"></a>`, '', `# ${escapeMarkdown(page.title)}`, ''];
  const blocks = (list: readonly PageBlock[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph') out.push(inlineMarkdown(block.content), '');
      else {
        for (const item of block.items) out.push(`- ${inlineMarkdown(item.content)}`);
        out.push('');
      }
    }
  };
  blocks(page.intro);
  for (const section of page.sections) {
    out.push(`<a id="${section.anchor}"></a>`, '', `${'#'.repeat(section.level)} ${escapeMarkdown(section.title)}`, '');
    blocks(section.blocks);
  }
  out.push(`_${escapeMarkdown(page.footer)}_`, '');
  return out.join('\n');
}

export function pageToHtml(page: PolicyPage): string {
  const out: string[] = [
    `<article class="aftersale-policy" lang="${page.language}">`,
    `<h1 id="${policyPageAnchors.page}">${escapeHtml(page.title)}</h1>`,
  ];
  const blocks = (list: readonly PageBlock[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph') out.push(`<p>${inlineHtml(block.content)}</p>`);
      else {
        out.push('<ul>');
        for (const item of block.items) {
          const rule = item.ruleId === undefined ? '' : ` data-rule="${escapeHtml(item.ruleId)}"`;
          out.push(`<li${rule}>${inlineHtml(item.content)}</li>`);
        }
        out.push('</ul>');
      }
    }
  };
  blocks(page.intro);
  for (const section of page.sections) {
    out.push(`<section id="${section.anchor}">`, `<h${section.level}>${escapeHtml(section.title)}</h${section.level}>`);
    blocks(section.blocks);
    out.push('</section>');
  }
  out.push(`<footer>${escapeHtml(page.footer)}</footer>`, '</article>', '');
  return out.join('\n');
}

export function pageToText(page: PolicyPage): string {
  const out: string[] = [page.title, '='.repeat(page.title.length), ''];
  const blocks = (list: readonly PageBlock[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph') out.push(inlineText(block.content), '');
      else {
        for (const item of block.items) out.push(`  * ${inlineText(item.content)}`);
        out.push('');
      }
    }
  };
  blocks(page.intro);
  for (const section of page.sections) {
    out.push(section.title, (section.level === 2 ? '-' : '~').repeat(section.title.length), '');
    blocks(section.blocks);
  }
  out.push(page.footer, '');
  return out.join('\n');
}
