import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url));

/**
 * Tests import sibling packages from their sources, so a test run needs no build first.
 * Subpath exports (`@aftersale/testkit/emulators`) map to `src/<subpath>.ts`.
 */
export const workspaceAliases = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => [
    { find: new RegExp(`^@aftersale/${entry.name}/(.+)$`), replacement: `${packagesDir}${entry.name}/src/$1.ts` },
    { find: new RegExp(`^@aftersale/${entry.name}$`), replacement: `${packagesDir}${entry.name}/src/index.ts` },
  ]);

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Environment for every test project. `AFTERSALE_SHARED_DIR` is the real platform material beside
 * the repository (`../shared`); tests that read it fail, never skip, when it is missing.
 */
export const testEnv = {
  AFTERSALE_SHARED_DIR: process.env.AFTERSALE_SHARED_DIR ?? fileURLToPath(new URL('../shared/', `file://${repoRoot}`)),
};
