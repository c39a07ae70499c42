// A tiny step runner for the demo: each step prints its title, what it showed, and its time; the first
// failing step stops the story and the process exits non-zero.

export interface StepContext {
  /** A line of what the step shows the reader. */
  show(line: string): void;
}

export class StoryFailed extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new StoryFailed(message);
}

export interface Story {
  step<T>(title: string, run: (context: StepContext) => Promise<T> | T): Promise<T>;
  readonly steps: number;
}

export function createStory(name: string, write: (text: string) => void = (text) => process.stdout.write(text)): Story {
  let steps = 0;
  write(`\n━━ ${name}\n`);
  return {
    get steps() {
      return steps;
    },
    async step(title, run) {
      steps++;
      const started = performance.now();
      write(`  [${steps}] ${title}\n`);
      const lines: string[] = [];
      try {
        const result = await run({ show: (line) => lines.push(line) });
        for (const line of lines) write(`      ${line}\n`);
        write(`      ✓ ${Math.round(performance.now() - started)} ms\n`);
        return result;
      } catch (error) {
        for (const line of lines) write(`      ${line}\n`);
        write(`      ✗ ${error instanceof Error ? error.message : String(error)}\n`);
        throw error;
      }
    },
  };
}
