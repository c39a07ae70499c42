import { AftersaleError, type AftersaleIssue } from '@aftersale/core';
import type { CliIo } from './cli-io.js';

/** A path of the core's issue format (`lines[2].quantity`) as a JSON path (`$.lines[2].quantity`). */
export function jsonPath(path: string): string {
  if (path === '') return '$';
  return path.startsWith('[') ? `$${path}` : `$.${path}`;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/**
 * Reads a JSON file. A missing file or a syntax error is an `invalid_input` error naming the file
 * (and, for syntax errors, the line and column).
 */
export async function readJsonFile(io: CliIo, file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new AftersaleError({
      code: 'invalid_input',
      message: `${file}: cannot read the ${what} file (${reason}); check the path.`,
      details: { file },
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where =
      position === null
        ? ''
        : (() => {
            const { line, column } = lineAndColumn(text, Number(position[1]));
            return `:${line}:${column}`;
          })();
    throw new AftersaleError({
      code: 'invalid_input',
      message: `${file}${where}: the ${what} file is not valid JSON (${(error as Error).message}).`,
      details: { file },
      cause: error,
    });
  }
}

/**
 * Runs a core parser on data read from a file; a validation error is re-thrown with the same code,
 * every issue's path as a JSON path, and the file named in the message and in `details.file`.
 */
export function parseFileData<T>(file: string, data: unknown, parse: (data: unknown) => T): T {
  try {
    return parse(data);
  } catch (error) {
    if (!AftersaleError.isInstance(error)) throw error;
    const issues: AftersaleIssue[] =
      error.issues.length > 0
        ? error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }))
        : [{ path: '$', message: error.message }];
    throw new AftersaleError({
      code: error.code,
      message: `${file}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
      details: { ...error.details, file },
      cause: error,
    });
  }
}

/** Reads and validates a JSON file in one step. */
export async function loadJsonFile<T>(io: CliIo, file: string, what: string, parse: (data: unknown) => T): Promise<T> {
  return parseFileData(file, await readJsonFile(io, file, what), parse);
}
