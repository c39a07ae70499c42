import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePolicy, type PolicyInput, parsePolicyHistory, renderPolicy, simulatePolicy } from '@aftersale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end: the built `aftersale` executable, spawned with node as a user (or a store's CI) runs it.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, 'dist', 'bin.js');
const fixtures = join(packageDir, 'test', 'fixtures');
const fixture = (name: string) => join(fixtures, name);
const readFixture = (name: string): unknown => JSON.parse(readFileSync(fixture(name), 'utf8'));

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}

function aftersale(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: fixtures, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch = '';

beforeAll(() => {
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestSource(join(packageDir, 'src'))) {
    throw new Error(
      'packages/cli/dist is missing or older than src: run `pnpm --filter @aftersale/cli run build` first.',
    );
  }
  scratch = mkdtempSync(join(tmpdir(), 'aftersale-cli-'));
});

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('aftersale (built, spawned)', () => {
  it('ends quietly when the program reading its output stops reading (`| head`)', async () => {
    const child = spawn(process.execPath, [bin, 'policy', 'render', 'policy.json', '--jurisdiction', 'TR'], {
      cwd: fixtures,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the page is written: every write then meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('has help for the program, the group and every command', () => {
    const top = aftersale('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('policy');
    const group = aftersale('policy', '--help');
    expect(group.code).toBe(0);
    for (const command of ['lint', 'render', 'evaluate', 'simulate']) {
      expect(group.stdout).toContain(command);
      const help = aftersale('policy', command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: aftersale policy ${command}`);
      expect(help.stdout).toContain('--json');
      expect(help.stdout).toContain(`$ aftersale policy ${command} `);
    }
    expect(aftersale('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lint: readable findings and exit 0 when there is no error', () => {
    const result = aftersale('policy', 'lint', 'policy.json', '--market', 'TR,DE', '--date', '2026-07-01');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('policy.json: 0 error(s), 2 warning(s), 2 note(s) for TR, DE on 2026-07-01');
    expect(result.stdout).toContain(
      'warning  withdrawal.restocking_fee  fee.restocking-electronics at $.fees.restocking[0] [TR, DE]',
    );
  });

  it('lint: exit 1 on an error finding, with --json for CI', () => {
    const result = aftersale(
      'policy',
      'lint',
      'policy-statutory-off.json',
      '--market',
      'TR',
      '--date',
      '2026-07-01',
      '--json',
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ file: 'policy-statutory-off.json', ok: false, errors: 1, markets: ['TR'] });
    expect(report.findings[0]).toMatchObject({ code: 'statutory.disabled', severity: 'error', path: '$.statutory' });
  });

  it('lint: an invalid policy fails with the JSON path of every problem', () => {
    const result = aftersale('policy', 'lint', 'policy-invalid.json', '--market', 'TR');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error    policy.invalid  at $.window.days');
    expect(result.stdout).toContain('error    policy.invalid  at $.exclusions[0]');
  });

  it('names the file, and the line and column, of a JSON syntax error; exit 2', () => {
    // A missing comma at the end of line 4: the error points at line 5, column 3.
    const broken = join(scratch, 'policy-syntax.json');
    writeFileSync(broken, '{\n  "schemaVersion": 1,\n  "id": "broken",\n  "version": 1\n  "currency": "TRY"\n}\n');
    const result = aftersale('policy', 'lint', broken, '--market', 'TR');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error [invalid_input]: ${broken}:5:3: the policy file is not valid JSON`);
    const missing = aftersale('policy', 'render', 'nowhere.json', '--jurisdiction', 'TR');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.json: cannot read the policy file (no such file)');
  });

  it('names the file and JSON paths of a policy that fails validation; exit 2', () => {
    const result = aftersale('policy', 'render', 'policy-invalid.json', '--jurisdiction', 'TR');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error [invalid_policy]: policy-invalid.json is invalid');
    expect(result.stderr).toContain('  $.window.days: Invalid input: expected number, received string');
    const json = aftersale('policy', 'render', 'policy-invalid.json', '--jurisdiction', 'TR', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'invalid_policy',
      details: { file: 'policy-invalid.json' },
    });
  });

  it('render: prints exactly what renderPolicy renders, or writes it to a file', () => {
    const policy = definePolicy(readFixture('policy.json') as PolicyInput);
    const result = aftersale(
      'policy',
      'render',
      'policy.json',
      '--jurisdiction',
      'TR',
      '--locale',
      'tr-TR',
      '--date',
      '2026-07-01',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(renderPolicy(policy, { locale: 'tr-TR', jurisdiction: 'TR', asOf: '2026-07-01' }));
    const out = join(scratch, 'policy.html');
    const written = aftersale(
      'policy',
      'render',
      'policy.json',
      '--jurisdiction',
      'EU',
      '--format',
      'html',
      '--date',
      '2026-07-01',
      '--withdrawal-url',
      'https://shop.example/withdraw',
      '--out',
      out,
    );
    expect(written.code).toBe(0);
    expect(written.stderr).toBe(`wrote ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<section id="withdraw-here">');
    expect(html).toContain('<a href="https://shop.example/withdraw">');
  });

  it('render: refuses a format it does not know and a locale without texts', () => {
    const format = aftersale('policy', 'render', 'policy.json', '--jurisdiction', 'TR', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'pdf' is invalid. Allowed choices are markdown, html, text.");
    const locale = aftersale('policy', 'render', 'policy.json', '--jurisdiction', 'TR', '--locale', 'de-DE');
    expect(locale.code).toBe(2);
    expect(locale.stderr).toContain('error [missing_translation]');
  });

  it('evaluate: a readable decision, and the full decision with --json', () => {
    const args = [
      'policy',
      'evaluate',
      'policy.json',
      'order.json',
      'request.json',
      '--time-zone',
      'Europe/Istanbul',
      '--now',
      '2026-03-10T10:00:00Z',
    ];
    const readable = aftersale(...args, '--locale', 'tr-TR');
    expect(readable.code).toBe(0);
    expect(readable.stdout).toContain('Order ord_1001 under acme-returns v4: eligible (law: tr-2015-02-27, TR)');
    expect(readable.stdout).toContain('shirt ×1  eligible  statutory_withdrawal  until 2026-03-19T23:59:59.999+03:00');
    expect(readable.stdout).toContain(
      '19 Mart 2026 tarihine kadar gerekçe göstermeden cayma hakkınızı kullanabilirsiniz.',
    );
    const json = aftersale(...args, '--json');
    const decision = JSON.parse(json.stdout);
    expect(decision.lines.map((line: { lineItemId: string; basis: string }) => [line.lineItemId, line.basis])).toEqual([
      ['shirt', 'statutory_withdrawal'],
      ['headphones', 'statutory_withdrawal'],
    ]);
    // Withdrawal: no restocking fee on the headphones, and the whole refund goes back.
    expect(decision.lines[1].fees).toEqual([]);
    expect(decision.trace.length).toBeGreaterThan(0);
  });

  it('evaluate: a request that fails validation names the file and the JSON path', () => {
    const result = aftersale(
      'policy',
      'evaluate',
      'policy.json',
      'order.json',
      'request-invalid.json',
      '--time-zone',
      'Europe/Istanbul',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error [invalid_input]: request-invalid.json is invalid');
    expect(result.stderr).toContain('  $.lines[0].quantity: ');
    expect(result.stderr).toContain('  $.lines[1].reason: ');
    const zone = aftersale(
      'policy',
      'evaluate',
      'policy.json',
      'order.json',
      'request.json',
      '--time-zone',
      'Mars/Olympus',
    );
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain(
      'error [invalid_return_request]: options.shopTimeZone "Mars/Olympus" is not an IANA time zone',
    );
  });

  it('simulate: the same report as simulatePolicy, readable and as JSON', () => {
    const args = [
      'policy',
      'simulate',
      'policy.json',
      'policy-next.json',
      'history.json',
      '--time-zone',
      'Europe/Istanbul',
    ];
    const json = aftersale(...args, '--json');
    expect(json.code).toBe(0);
    const expected = simulatePolicy(
      definePolicy(readFixture('policy.json') as PolicyInput),
      definePolicy(readFixture('policy-next.json') as PolicyInput),
      parsePolicyHistory(readFixture('history.json')),
      { shopTimeZone: 'Europe/Istanbul', locale: 'en' },
    );
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    const readable = aftersale(...args, '--locale', 'en-GB');
    expect(readable.stdout).toContain(
      'acme-returns v4 → acme-returns v5: 3 request(s) replayed, 2 changed, 0 could not be evaluated',
    );
    expect(readable.stdout).toContain('1 stop being returnable');
    expect(readable.stdout).toContain('ret_late (order ord_us_1): eligibility, status, basis, refund, fees');
  });

  it('refuses unknown commands and missing required options with exit 2', () => {
    expect(aftersale('policy', 'publish').code).toBe(2);
    const missing = aftersale('policy', 'lint', 'policy.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--market <countries>' not specified");
  });
});
