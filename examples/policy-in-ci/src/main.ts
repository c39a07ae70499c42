// What a store's CI does with its return policy: lint it for the markets it sells to (the job fails on
// an error finding), then render the customer-facing page in Turkish and English from the same rules
// that decide. It also shows a policy the lint refuses (statutory rights switched off in Turkey).
//   pnpm --filter @aftersale-example/policy-in-ci start
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin', 'aftersale');
const out = join(root, '.aftersale');
mkdirSync(out, { recursive: true });

function aftersale(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fail(message: string): never {
  throw new Error(message);
}

try {
  const lint = aftersale('policy', 'lint', 'policy.json', '--market', 'TR,DE,GB', '--json');
  if (lint.status !== 0) fail(`the policy should pass the lint:\n${lint.stdout}${lint.stderr}`);
  const report = JSON.parse(lint.stdout) as { ok: boolean; errors: number; warnings: number; findings: unknown[] };
  console.log(`policy.json: ${report.errors} error(s), ${report.warnings} warning(s) for TR, DE, GB`);

  const broken = aftersale('policy', 'lint', 'broken-policy.json', '--market', 'TR');
  if (broken.status !== 1) fail(`broken-policy.json should fail the lint with exit 1, got ${broken.status}`);
  console.log(
    `broken-policy.json fails the job as it should (exit 1):\n${broken.stdout.trim().split('\n').slice(0, 3).join('\n')}`,
  );

  for (const [locale, format, file] of [
    ['tr-TR', 'html', 'iade-politikasi.html'],
    ['en-GB', 'markdown', 'return-policy.md'],
  ] as const) {
    const rendered = aftersale(
      'policy',
      'render',
      'policy.json',
      '--jurisdiction',
      'TR',
      '--locale',
      locale,
      '--format',
      format,
      '--out',
      join(out, file),
    );
    if (rendered.status !== 0) fail(`render ${locale} failed:\n${rendered.stderr}`);
    const page = readFileSync(join(out, file), 'utf8');
    const expected = locale === 'tr-TR' ? 'cayma' : 'withdraw';
    if (!page.toLowerCase().includes(expected)) fail(`the ${locale} page does not state the withdrawal right`);
    console.log(`rendered ${file}: ${page.length} characters, the statutory rights beside the store's terms`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
