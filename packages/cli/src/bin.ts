import { createProcessIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// Output piped into a program that stops reading (`aftersale policy render … | head`) closes the pipe:
// that is the reader's choice, not a failure, so the command ends quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), { io: createProcessIo() });
