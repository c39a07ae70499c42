import { defineProject } from 'vitest/config';
import { testEnv, workspaceAliases } from '../../.ci/vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'core',
    env: testEnv,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
