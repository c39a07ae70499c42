import { readFile, writeFile } from 'node:fs/promises';

/**
 * Everything the CLI touches outside itself, injectable for tests: the output streams, file
 * reading and writing, and the clock (commands never read the clock directly).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  now(): Date;
  /** The terminal behind stderr, when there is one: progress bars draw there. */
  stderrTerminal?: NodeJS.WriteStream;
}

/** The process's own streams, the file system and the system clock. */
export function createProcessIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    now: () => new Date(),
    ...(process.stderr.isTTY ? { stderrTerminal: process.stderr } : {}),
  };
}
