import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePolicy, policyPageAnchors, renderPolicy } from '@aftersale/core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built docs site (`pnpm docs:build`, a stage of `pnpm test` before this one), served on loopback
// and opened in headless Chromium: each page must render its content with no console errors.
const docsDir = dirname(fileURLToPath(import.meta.url));
const siteDir = join(docsDir, '.vitepress', 'dist');
const artifactsDir = join(docsDir, '.vitepress', 'artifacts');
const chromiumPath = process.env.AFTERSALE_CHROMIUM ?? '/usr/bin/chromium';
// Without these the browser tries to reach the network at start-up and hangs on a closed network.
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

// The customer-facing policy page as a store would publish it: renderPolicy's HTML in a plain page.
const policy = definePolicy(
  JSON.parse(readFileSync(join(docsDir, '..', 'examples', 'policy-in-ci', 'policy.json'), 'utf8')) as Parameters<
    typeof definePolicy
  >[0],
);
const policyPages: Record<string, string> = Object.fromEntries(
  (['tr-TR', 'en-GB'] as const).map((locale) => [
    `/policy/${locale}`,
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${locale}</title></head><body>${renderPolicy(policy, { locale, jurisdiction: 'TR', format: 'html', asOf: '2026-11-23' })}</body></html>`,
  ]),
);

/** A static server for the built site, with VitePress's clean URLs (`/concepts/money` → `.html`). */
function serveSite(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    const policyPage = policyPages[path];
    if (policyPage !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(policyPage);
      return;
    }
    const candidates = [join(root, path), join(root, `${path}.html`), join(root, path, 'index.html')];
    const file = candidates.find(
      (candidate) => candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile(),
    );
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(root, '404.html')));
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the docs site in a real browser', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    if (!existsSync(join(siteDir, 'index.html'))) {
      throw new Error(`The docs site is not built at ${siteDir}: run \`pnpm docs:build\` first.`);
    }
    if (!existsSync(chromiumPath)) {
      throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package or set AFTERSALE_CHROMIUM.`);
    }
    mkdirSync(artifactsDir, { recursive: true });
    server = await serveSite(siteDir);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const pages = [
    { path: '/', heading: 'aftersale', text: 'after-sales service' },
    { path: '/getting-started', heading: 'Getting started', text: 'parseMoney' },
    { path: '/concepts/money', heading: 'Money', text: 'minor units' },
    { path: '/concepts/policies', heading: 'Return and exchange policies', text: '2011/83/EU' },
    { path: '/errors', heading: 'Errors', text: 'currency_mismatch' },
    { path: '/api/@aftersale/core', heading: '@aftersale/core', text: 'parseMoney' },
  ];

  for (const { path, heading, text } of pages) {
    it(`renders ${path} with its content and no console errors`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toContain(heading);
      expect(await page.locator('main').textContent()).toContain(text);
      await page.screenshot({
        path: join(artifactsDir, `${path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}.png`),
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const [path, words] of [
    ['/policy/tr-TR', ['cayma', '14']],
    ['/policy/en-GB', ['withdraw', '14']],
  ] as const) {
    it(`renders the published policy page ${path} with its sections`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      const text = (await page.locator('article.aftersale-policy').textContent())?.toLowerCase() ?? '';
      for (const word of words) expect(text).toContain(word);
      for (const anchor of [
        policyPageAnchors.statutoryRights,
        policyPageAnchors.returnWindow,
        policyPageAnchors.fees,
      ]) {
        expect(await page.locator(`#${anchor}`).count()).toBe(1);
      }
      await page.screenshot({ path: join(artifactsDir, `policy-${path.split('/').pop()}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('finds a page through the local search', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.locator('.VPNavBarSearch button').click();
    await page.locator('.VPLocalSearchBox input').fill('allocate');
    await expect
      .poll(() => page.locator('.VPLocalSearchBox .results').textContent(), { timeout: 30_000 })
      .toMatch(/money/i);
    await page.close();
  });
});
