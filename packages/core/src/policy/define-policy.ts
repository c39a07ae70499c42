import type { z } from 'zod';
import { AftersaleError, type AftersaleIssue } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod, issuesFromZod } from '../errors/from-zod-error.js';
import { builtInReasonLabels } from './message-catalogue.js';
import { type Policy, type PolicyInput, policySchema, type ReturnReason } from './policy-schema.js';

const defined = new WeakSet<object>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Checks the reason tree: unique codes, a basis on every leaf, a label for codes aftersale does not know. */
function reasonIssues(policy: Policy): AftersaleIssue[] {
  const issues: AftersaleIssue[] = [];
  const seen = new Set<string>();
  const walk = (nodes: readonly ReturnReason[], path: string): void => {
    nodes.forEach((node, index) => {
      const at = `${path}[${index}]`;
      if (seen.has(node.code)) issues.push({ path: `${at}.code`, message: `reason ${node.code} appears twice` });
      seen.add(node.code);
      const leaf = node.children === undefined;
      if (leaf && node.basis === undefined) {
        issues.push({ path: `${at}.basis`, message: 'a leaf reason needs a basis (voluntary or defect)' });
      }
      if (!leaf && (node.basis !== undefined || node.evidence !== undefined)) {
        issues.push({ path: at, message: 'only leaf reasons carry a basis and evidence; customers pick leaves' });
      }
      if (node.label === undefined && builtInReasonLabels[node.code] === undefined) {
        issues.push({
          path: `${at}.label`,
          message: `reason ${node.code} is not built in: give it a label in tr and en`,
        });
      }
      if (node.children !== undefined) walk(node.children, `${at}.children`);
    });
  };
  walk(policy.reasons, 'reasons');
  policy.fees.waivers.forEach((waiver, index) => {
    (waiver.reasons ?? []).forEach((code, reasonIndex) => {
      if (!seen.has(code)) {
        issues.push({
          path: `fees.waivers[${index}].reasons[${reasonIndex}]`,
          message: `no reason ${code} in the policy`,
        });
      }
    });
  });
  return issues;
}

function validate(input: unknown): Policy {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error as z.ZodError, {
      code: 'invalid_policy',
      subject: 'return policy',
      hint: 'See docs/concepts/policies.md for the policy language.',
    });
  }
  const issues = reasonIssues(parsed.data);
  if (issues.length > 0) {
    throw new AftersaleError({
      code: 'invalid_policy',
      message: `Invalid return policy: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  }
  const policy = deepFreeze(parsed.data);
  defined.add(policy);
  return policy;
}

/**
 * Defines a return and exchange policy: validates it (every problem reported at once, with its
 * path), fills the defaults and returns it frozen. The result is plain JSON data: store it, send it,
 * and read it back with {@link parsePolicy}.
 *
 * @throws AftersaleError `invalid_policy` listing every problem.
 * @example
 * ```ts
 * const policy = definePolicy({
 *   schemaVersion: 1,
 *   id: 'acme-returns',
 *   version: 1,
 *   currency: 'TRY',
 *   window: { days: 30, from: 'delivery' },
 *   exclusions: [{ id: 'exclusion.gift-cards', kind: 'gift_card' }],
 * });
 * ```
 */
export function definePolicy(input: PolicyInput): Policy {
  return validate(input);
}

/** Reads a policy from stored JSON (a string or parsed data), validating it like {@link definePolicy}. */
export function parsePolicy(json: unknown): Policy {
  if (typeof json === 'string') {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      throw new AftersaleError({ code: 'invalid_policy', message: 'The policy is not valid JSON.', cause: error });
    }
    return validate(data);
  }
  return validate(json);
}

/** A policy as evaluation needs it: already validated when it came from {@link definePolicy}, else validated now. */
export function ensurePolicy(policy: Policy): Policy {
  return defined.has(policy) ? policy : validate(policy);
}

/** Issues of a candidate policy without throwing (for editors and linters). */
export function policyIssues(input: unknown): AftersaleIssue[] {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) return issuesFromZod(parsed.error as z.ZodError);
  return reasonIssues(parsed.data);
}
