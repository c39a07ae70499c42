import { parsePolicy, policyPageFormats, type RenderPolicyOptions, renderPolicy } from '@aftersale/core';
import { defineCommand } from '../command-registry.js';
import { loadJsonFile } from '../read-json-file.js';
import { dayOption, printJson } from './shared-options.js';

/** `aftersale policy render`: the customer-facing policy page. */
export const policyRenderCommand = defineCommand({
  name: 'render',
  summary: 'render the customer-facing policy page (Markdown, HTML or text; Turkish or English)',
  description:
    "Renders the return policy page customers read, generated from the same rules that decide returns, with the jurisdiction's statutory rights stated beside the store's terms. Sections carry stable anchors (#withdrawal, #return-window, #fees...).",
  arguments: [{ name: 'policy', description: 'the policy JSON file' }],
  options: [
    {
      flags: '--locale <locale>',
      description: 'the language and formats of the page (tr-TR, en-GB)',
      defaultValue: 'en',
    },
    {
      flags: '--jurisdiction <jurisdiction>',
      description: 'whose consumer law the page states',
      choices: ['EU', 'TR', 'UK', 'US', 'none'],
      required: true,
    },
    {
      flags: '--format <format>',
      description: 'the output format',
      choices: policyPageFormats,
      defaultValue: 'markdown',
    },
    { flags: '--date <day>', description: 'the day whose statutory pack applies (YYYY-MM-DD; default: today)' },
    { flags: '--withdrawal-url <url>', description: 'where the EU "withdraw from contract here" function is' },
    { flags: '--out <file>', description: 'write the page to this file instead of printing it' },
  ],
  examples: [
    'aftersale policy render policy.json --jurisdiction TR --locale tr-TR',
    'aftersale policy render policy.json --jurisdiction EU --format html --withdrawal-url https://shop.example/withdraw --out policy.html',
  ],
  async run({ args, options, io }) {
    const file = args[0] as string;
    const policy = await loadJsonFile(io, file, 'policy', parsePolicy);
    const jurisdiction =
      options.jurisdiction === 'none' ? null : (options.jurisdiction as RenderPolicyOptions['jurisdiction']);
    const format = options.format as RenderPolicyOptions['format'];
    const locale = String(options.locale);
    const page = renderPolicy(policy, {
      locale,
      jurisdiction,
      format,
      asOf: dayOption(options.date, io),
      ...(options.withdrawalUrl === undefined ? {} : { withdrawalFunctionUrl: String(options.withdrawalUrl) }),
    });
    if (options.out !== undefined) {
      await io.writeFile(String(options.out), page);
      if (options.json) printJson(io, { file, out: options.out, format, locale, jurisdiction });
      else io.stderr(`wrote ${String(options.out)}\n`);
    } else if (options.json) printJson(io, { file, format, locale, jurisdiction, page });
    else io.stdout(page);
    return 0;
  },
});
