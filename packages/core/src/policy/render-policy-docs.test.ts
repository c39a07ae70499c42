import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definePolicy } from './define-policy.js';
import { policyLintCodes } from './lint-policy.js';
import { renderPolicy } from './render-policy.js';
import { samplePolicyInput } from './sample-policy.js';

// docs/concepts/policies.md shows the sample policy's rendered pages: each `<!-- policy-page LOCALE
// JURISDICTION -->` marker is followed by a ```markdown block that must be exactly what renderPolicy
// renders. After changing the renderer, regenerate them with AFTERSALE_UPDATE_DOCS=1.
const docsFile = fileURLToPath(new URL('../../../../docs/concepts/policies.md', import.meta.url));
const pagePattern = /<!-- policy-page (\S+) (\S+) -->\n\n```markdown\n([\s\S]*?)```\n/g;
const asOf = '2026-07-01';

describe('docs/concepts/policies.md', () => {
  it('shows the rendered pages of the sample policy in both languages, as renderPolicy renders them', () => {
    const policy = definePolicy(samplePolicyInput);
    const docs = readFileSync(docsFile, 'utf8');
    const pages = [...docs.matchAll(pagePattern)];
    expect(pages.map((match) => match[1])).toEqual(['tr-TR', 'en-GB']);
    const expected = (locale: string, jurisdiction: string) =>
      renderPolicy(policy, { locale, jurisdiction: jurisdiction as 'TR', asOf });
    if (process.env.AFTERSALE_UPDATE_DOCS === '1') {
      writeFileSync(
        docsFile,
        docs.replace(
          pagePattern,
          (_all, locale: string, jurisdiction: string) =>
            `<!-- policy-page ${locale} ${jurisdiction} -->\n\n\`\`\`markdown\n${expected(locale, jurisdiction)}\`\`\`\n`,
        ),
      );
    }
    for (const [, locale, jurisdiction, shown] of pages) {
      expect(shown, `${locale} ${jurisdiction}`).toBe(expected(locale as string, jurisdiction as string));
    }
  });

  it('lists every lint code with its severity', () => {
    const docs = readFileSync(docsFile, 'utf8');
    for (const [code, entry] of Object.entries(policyLintCodes)) {
      expect(docs, code).toMatch(new RegExp(`\\| \`${code.replace('.', '\\.')}\` +\\| ${entry.severity} +\\|`));
    }
  });
});
