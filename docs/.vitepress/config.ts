import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

// The site is built from docs/ as it is: every page found is in the sidebar, titled by its first heading.
const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function title(file: string): string {
  const heading = /^# (.+)$/m.exec(readFileSync(join(docsDir, file), 'utf8'));
  return heading?.[1]?.replace(/`/g, '') ?? file;
}

function pages(folder: string, order: readonly string[] = []): { text: string; link: string }[] {
  const dir = join(docsDir, folder);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort((a, b) => {
      const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
  return names.map((name) => ({
    text: title(join(folder, `${name}.md`)),
    link: name === 'index' ? `/${folder}/` : `/${folder}/${name}`,
  }));
}

function topLevel(names: readonly string[]): { text: string; link: string }[] {
  return names
    .filter((name) => existsSync(join(docsDir, `${name}.md`)))
    .map((name) => ({ text: title(`${name}.md`), link: `/${name}` }));
}

function apiSidebar(): unknown[] {
  const file = join(docsDir, 'api', 'typedoc-sidebar.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
}

export default defineConfig({
  title: 'aftersale',
  description: 'The after-sales service SDK for online stores: returns, refunds, complaints and purchase history.',
  lang: 'en',
  cleanUrls: true,
  srcExclude: ['.snippets/**'],
  head: [['link', { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Concepts', link: '/concepts/money' },
      { text: 'API', link: '/api/' },
    ],
    search: { provider: 'local' },
    sidebar: {
      '/api/': [{ text: 'API reference', items: apiSidebar() }],
      '/': [
        { text: 'Guide', items: topLevel(['getting-started']) },
        {
          text: 'Concepts',
          items: pages('concepts', [
            'money',
            'commerce-model',
            'policies',
            'refunds',
            'returns',
            'complaints',
            'purchase-history',
            'knowledge-base',
          ]),
        },
        { text: 'Adapters', items: pages('adapters', ['shopify', 'woocommerce']) },
        { text: 'Storage', items: pages('storage', ['index', 'memory', 'sqlite', 'postgresql']) },
        { text: 'Reference', items: topLevel(['cli', 'errors', 'development']) },
        { text: 'API', items: [{ text: 'API reference', link: '/api/' }] },
      ],
    },
  },
});
