import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: a project per package (each package's vitest.config.ts),
// plus the docs snippets and the examples as they arrive.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    projects: ['packages/*/vitest.config.ts', 'docs/vitest.config.ts'],
  },
});
