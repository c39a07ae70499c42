import type { CliIo } from './cli-io.js';

/** An option of a command, as commander declares it (`--market <countries>`). */
export interface CliOption {
  /** Commander flags: `--format <format>`, `--out <file>`, `--strict`. */
  flags: string;
  description: string;
  /** The allowed values, listed in the help and checked before the command runs. */
  choices?: readonly string[];
  /** Shown in the help and used when the option is left out. */
  defaultValue?: string | boolean;
  /** The command cannot run without it. */
  required?: boolean;
}

/** A positional argument (`<policy>`). */
export interface CliArgument {
  name: string;
  description: string;
}

/** What a command gets when it runs. */
export interface CliCommandInput {
  /** The positional arguments, in the declared order. */
  args: string[];
  /** The options by their camel-cased name (`--time-zone` → `timeZone`); `json` is always present. */
  options: Record<string, unknown> & { json: boolean };
  io: CliIo;
}

/**
 * One subcommand (`aftersale policy lint`). `run` returns the process exit code: 0 for success,
 * 1 for a check that found errors; throw an `AftersaleError` for bad input (exit code 2).
 */
export interface CliCommand {
  name: string;
  /** One line for the group's command list. */
  summary: string;
  /** Longer help text, shown by `aftersale <group> <command> --help`. */
  description?: string;
  arguments: readonly CliArgument[];
  options: readonly CliOption[];
  /** Example invocations, shown at the end of the help. */
  examples: readonly string[];
  run(input: CliCommandInput): Promise<number>;
}

/** A group of subcommands under one name, as `policy` is (`aftersale policy lint`). */
export interface CliCommandGroup {
  name: string;
  summary: string;
  commands: readonly CliCommand[];
}

/** Declares a command (an identity function that checks the shape). */
export function defineCommand(command: CliCommand): CliCommand {
  return command;
}

/** Declares a command group. */
export function defineCommandGroup(group: CliCommandGroup): CliCommandGroup {
  return group;
}
