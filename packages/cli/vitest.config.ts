import { defineProject } from 'vitest/config';
import { testEnv, workspaceAliases } from '../../.ci/vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'cli',
    env: testEnv,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The end-to-end tests spawn the built CLI, a Node process each.
    testTimeout: 60_000,
  },
});
