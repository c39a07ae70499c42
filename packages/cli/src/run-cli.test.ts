import { AftersaleError } from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { defineCommand, defineCommandGroup } from './command-registry.js';
import { jsonPath } from './read-json-file.js';
import { defaultCommandGroups, runCli } from './run-cli.js';

function memoryIo(files: Record<string, string> = {}, now = new Date('2026-07-01T09:00:00Z')) {
  const output = { stdout: '', stderr: '', written: {} as Record<string, string> };
  const io: CliIo = {
    stdout: (text) => {
      output.stdout += text;
    },
    stderr: (text) => {
      output.stderr += text;
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeFile: async (path, text) => {
      output.written[path] = text;
    },
    now: () => now,
  };
  return { io, output };
}

// A group a program could add (`aftersale schema status`), registered beside the built-in ones.
const schemaGroup = defineCommandGroup({
  name: 'schema',
  summary: 'bring a store schema up to date',
  commands: [
    defineCommand({
      name: 'status',
      summary: 'show the schema version',
      arguments: [{ name: 'database', description: 'the database file' }],
      options: [{ flags: '--target <version>', description: 'the version wanted', defaultValue: '3' }],
      examples: ['aftersale schema status store.db'],
      async run({ args, options, io }) {
        if (args[0] === 'broken.db')
          throw new AftersaleError({ code: 'store_corrupt', message: 'broken.db is not an aftersale database.' });
        if (options.json) io.stdout(`${JSON.stringify({ database: args[0], target: options.target })}\n`);
        else io.stdout(`${args[0]} → ${String(options.target)}\n`);
        return args[0] === 'old.db' ? 1 : 0;
      },
    }),
  ],
});

describe('runCli', () => {
  it('runs commands of any registered group, with --json and exit codes from the command', async () => {
    const { io, output } = memoryIo();
    const groups = [...defaultCommandGroups, schemaGroup];
    expect(await runCli(['schema', 'status', 'store.db', '--target', '4'], { io, groups })).toBe(0);
    expect(output.stdout).toBe('store.db → 4\n');
    expect(await runCli(['schema', 'status', 'old.db', '--json'], { io, groups })).toBe(1);
    expect(output.stdout).toContain('{"database":"old.db","target":"3"}');
    expect(await runCli(['schema', 'status', 'broken.db'], { io, groups })).toBe(2);
    expect(output.stderr).toContain('error [store_corrupt]: broken.db is not an aftersale database.');
    expect(await runCli(['schema', 'status', '--help'], { io, groups })).toBe(0);
    expect(output.stdout).toContain('$ aftersale schema status store.db');
  });

  it('refuses a group or command whose name is already taken, as bad input, before running anything', async () => {
    const { io, output } = memoryIo();
    const migrateGroup = defineCommandGroup({ ...schemaGroup, name: 'migrate' });
    // `migrate` is one of the default top-level commands.
    expect(await runCli(['migrate', 'status', 'store.db'], { io, groups: [migrateGroup] })).toBe(2);
    expect(output.stderr).toContain(
      "error [invalid_config]: The command 'migrate' and the command group 'migrate' are both called 'migrate'",
    );
    expect(output.stdout).toBe('');
    expect(await runCli(['schema', 'status', 'a.db'], { io, groups: [schemaGroup, schemaGroup] })).toBe(2);
    // Leaving the default out, as the message says, works.
    expect(await runCli(['migrate', 'status', 'store.db'], { io, groups: [migrateGroup], commands: [] })).toBe(0);
    expect(output.stdout).toBe('store.db → 3\n');
  });

  it('reads files and the clock through the injected io', async () => {
    const policy = JSON.stringify({
      schemaVersion: 1,
      id: 'p',
      version: 1,
      currency: 'EUR',
      window: { days: 10 },
    });
    const { io, output } = memoryIo({ 'p.json': policy });
    expect(await runCli(['policy', 'lint', 'p.json', '--market', 'de', '--json'], { io })).toBe(0);
    const report = JSON.parse(output.stdout);
    // The day comes from the injected clock: 1 July 2026 is under the EU pack with the withdrawal function.
    expect(report.asOf).toBe('2026-07-01');
    expect(report.markets).toEqual(['DE']);
    expect(report.findings.map((finding: { code: string }) => finding.code)).toEqual([
      'statutory.window_shorter',
      'withdrawal.function_required',
    ]);
    expect(await runCli(['policy', 'render', 'p.json', '--jurisdiction', 'EU', '--out', 'page.md'], { io })).toBe(0);
    expect(output.written['page.md']).toContain('<a id="withdraw-here"></a>');
  });

  it('rejects a malformed --market or --date as bad input', async () => {
    const { io, output } = memoryIo({ 'p.json': '{}' });
    expect(await runCli(['policy', 'lint', 'p.json', '--market', 'Turkey'], { io })).toBe(2);
    expect(output.stderr).toContain('ISO 3166-1 alpha-2');
    expect(await runCli(['policy', 'lint', 'p.json', '--market', 'TR', '--date', '1/7/2026'], { io })).toBe(2);
    expect(output.stderr).toContain('write it as YYYY-MM-DD');
  });
});

describe('jsonPath', () => {
  it('writes core issue paths as JSON paths', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('window.days')).toBe('$.window.days');
    expect(jsonPath('[3].order.lines[0].quantity')).toBe('$[3].order.lines[0].quantity');
  });
});
