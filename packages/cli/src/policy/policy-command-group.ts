import { defineCommandGroup } from '../command-registry.js';
import { policyEvaluateCommand } from './evaluate-command.js';
import { policyLintCommand } from './lint-command.js';
import { policyRenderCommand } from './render-command.js';
import { policySimulateCommand } from './simulate-command.js';

/** `aftersale policy …`: lint, render, evaluate and simulate return policies over JSON files. */
export const policyCommandGroup = defineCommandGroup({
  name: 'policy',
  summary: 'check, render, evaluate and simulate return policies (JSON files)',
  commands: [policyLintCommand, policyRenderCommand, policyEvaluateCommand, policySimulateCommand],
});
