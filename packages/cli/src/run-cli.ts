import { createRequire } from 'node:module';
import { AftersaleError } from '@aftersale/core';
import { Command, CommanderError, Option } from 'commander';
import { type CliIo, createProcessIo } from './cli-io.js';
import type { CliCommand, CliCommandGroup } from './command-registry.js';
import { policyCommandGroup } from './policy/policy-command-group.js';
import { migrateCommand } from './store/migrate-command.js';
import { syncCommand } from './store/sync-command.js';

/** The command groups `aftersale` ships with. Add a group here (or pass your own to {@link runCli}). */
export const defaultCommandGroups: readonly CliCommandGroup[] = [policyCommandGroup];

/** The top-level commands `aftersale` ships with (`aftersale migrate`, `aftersale sync`). */
export const defaultCommands: readonly CliCommand[] = [migrateCommand, syncCommand];

/** Exit codes: 0 success, 1 a check found errors, 2 bad usage or bad input, 70 an unexpected failure. */
export const exitCodes = { ok: 0, checkFailed: 1, badInput: 2, internal: 70 } as const;

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

function addCommand(parent: Command, command: CliCommand, io: CliIo, setExit: (code: number) => void): void {
  const sub = parent
    .command(command.name)
    .summary(command.summary)
    .description(command.description ?? command.summary);
  for (const argument of command.arguments) sub.argument(`<${argument.name}>`, argument.description);
  for (const declared of command.options) {
    const option = new Option(declared.flags, declared.description);
    if (declared.choices !== undefined) option.choices(declared.choices);
    if (declared.defaultValue !== undefined) option.default(declared.defaultValue);
    if (declared.required === true) option.makeOptionMandatory();
    sub.addOption(option);
  }
  sub.option('--json', 'print the result as JSON (for scripts and CI)', false);
  if (command.examples.length > 0) {
    sub.addHelpText('after', `\nExamples:\n${command.examples.map((example) => `  $ ${example}`).join('\n')}\n`);
  }
  sub.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const options = self.opts() as Record<string, unknown>;
    setExit(
      await command.run({
        args: self.processedArgs as string[],
        options: { ...options, json: options.json === true },
        io,
      }),
    );
  });
}

/** Builds the commander program for a set of command groups. */
export function createProgram(
  groups: readonly CliCommandGroup[],
  io: CliIo,
  setExit: (code: number) => void,
  commands: readonly CliCommand[] = defaultCommands,
): Command {
  const program = new Command('aftersale')
    .description('aftersale: check, publish and try out return policies; migrate a store and import a shop into it.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(add --help for usage)');
  const taken = new Map<string, string>();
  const claim = (name: string, what: string) => {
    const holder = taken.get(name);
    if (holder !== undefined) {
      throw new AftersaleError({
        code: 'invalid_config',
        message: `The ${what} and the ${holder} are both called '${name}': give one of them another name, or leave the default one out (runCli's \`groups\` and \`commands\` options replace the defaults).`,
        details: { name },
      });
    }
    taken.set(name, what);
  };
  for (const group of groups) claim(group.name, `command group '${group.name}'`);
  for (const command of commands) claim(command.name, `command '${command.name}'`);
  for (const group of groups) {
    const parent = program.command(group.name).description(group.summary);
    for (const command of group.commands) addCommand(parent, command, io, setExit);
  }
  for (const command of commands) addCommand(program, command, io, setExit);
  return program;
}

function printError(io: CliIo, error: AftersaleError, json: boolean): void {
  if (json) {
    io.stdout(
      `${JSON.stringify({ error: { code: error.code, message: error.message, issues: error.issues, details: error.details } }, null, 2)}\n`,
    );
    return;
  }
  const issues = error.issues.length > 1 ? error.issues : [];
  io.stderr(
    `error [${error.code}]: ${issues.length > 0 ? `${String(error.details.file ?? 'input')} is invalid` : error.message}\n`,
  );
  for (const issue of issues) io.stderr(`  ${issue.path}: ${issue.message}\n`);
}

/**
 * Runs `aftersale` with the given arguments (without the node and script paths) and returns the
 * exit code. Output goes through `io`, so tests and other programs can capture it.
 *
 * @example
 * ```ts
 * const code = await runCli(['policy', 'lint', 'policy.json', '--market', 'TR']);
 * ```
 */
export async function runCli(
  argv: readonly string[],
  options: { io?: CliIo; groups?: readonly CliCommandGroup[]; commands?: readonly CliCommand[] } = {},
): Promise<number> {
  const io = options.io ?? createProcessIo();
  let exit: number = exitCodes.ok;
  try {
    const program = createProgram(
      options.groups ?? defaultCommandGroups,
      io,
      (code) => {
        exit = code;
      },
      options.commands ?? defaultCommands,
    );
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    if (AftersaleError.isInstance(error)) {
      printError(io, error, argv.includes('--json'));
      return exitCodes.badInput;
    }
    io.stderr(
      `aftersale failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return exitCodes.internal;
  }
}
