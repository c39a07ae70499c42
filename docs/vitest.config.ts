import { defineProject } from 'vitest/config';
import { testEnv, workspaceAliases } from '../.ci/vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'docs',
    env: testEnv,
    include: ['*.test.ts'],
    testTimeout: 120_000,
  },
});
