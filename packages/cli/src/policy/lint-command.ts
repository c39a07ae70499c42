import { lintPolicy, type PolicyLintFinding } from '@aftersale/core';
import { defineCommand } from '../command-registry.js';
import { jsonPath, readJsonFile } from '../read-json-file.js';
import { dayOption, marketsOption, printJson } from './shared-options.js';

const label: Record<PolicyLintFinding['severity'], string> = { error: 'error  ', warning: 'warning', info: 'note   ' };

/** `aftersale policy lint`: checks a policy for the markets sold to; exit 1 on any error finding. */
export const policyLintCommand = defineCommand({
  name: 'lint',
  summary: 'check a policy: dead rules, statutory rights understated, forbidden fees, missing translations',
  description:
    'Checks a return policy (JSON) before it is published: rules that never apply or never decide, terms or texts that understate a statutory right in a market sold to, fees and store-credit-only refunds the law forbids on a withdrawal, and missing translations. Exits 1 when there is an error finding, so a store can run it in CI.',
  arguments: [{ name: 'policy', description: 'the policy JSON file' }],
  options: [
    {
      flags: '--market <countries>',
      description: 'countries sold to, ISO 3166-1 alpha-2, comma-separated (TR,DE,GB,US)',
      required: true,
    },
    { flags: '--date <day>', description: 'the day whose statutory packs apply (YYYY-MM-DD; default: today)' },
  ],
  examples: [
    'aftersale policy lint policy.json --market TR,DE',
    'aftersale policy lint policy.json --market TR --json',
  ],
  async run({ args, options, io }) {
    const file = args[0] as string;
    const markets = marketsOption(options.market);
    const asOf = dayOption(options.date, io);
    const data = await readJsonFile(io, file, 'policy');
    const result = lintPolicy(data, { markets, asOf });
    const findings = result.findings.map((finding) => ({
      ...finding,
      path: finding.path === null ? null : jsonPath(finding.path),
    }));
    if (options.json) {
      printJson(io, { file, markets, asOf, ...result, findings });
    } else {
      const notes = findings.length - result.errors - result.warnings;
      io.stdout(
        `${file}: ${result.errors} error(s), ${result.warnings} warning(s), ${notes} note(s) for ${markets.join(', ')} on ${asOf}\n`,
      );
      for (const finding of findings) {
        const where = [finding.ruleId, finding.path === null ? null : `at ${finding.path}`].filter(Boolean).join(' ');
        const markets = finding.markets.length > 0 ? ` [${finding.markets.join(', ')}]` : '';
        io.stdout(`\n${label[finding.severity]}  ${finding.code}  ${where}${markets}\n  ${finding.message}\n`);
      }
    }
    return result.ok ? 0 : 1;
  },
});
