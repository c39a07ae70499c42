import type { z } from 'zod';
import { AftersaleError, type AftersaleIssue } from './aftersale-error.js';
import type { AftersaleErrorCode } from './error-codes.js';

/** Formats a path such as `['lines', 2, 'unitPrice']` as `lines[2].unitPrice`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Converts zod issues to aftersale issues (paths as strings, messages kept). */
export function issuesFromZod(error: z.ZodError): AftersaleIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Wraps a zod error in an {@link AftersaleError} whose message names every path at fault.
 * @param subject what was being validated, such as `order` or `Shopify adapter settings`.
 */
export function aftersaleErrorFromZod(
  error: z.ZodError,
  options: { code: AftersaleErrorCode; subject: string; hint?: string },
): AftersaleError {
  const issues = issuesFromZod(error);
  const listed = issues
    .slice(0, 10)
    .map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
  const hint = options.hint ? ` ${options.hint}` : '';
  return new AftersaleError({
    code: options.code,
    message: `Invalid ${options.subject}: ${listed}${more}.${hint}`,
    issues,
    cause: error,
  });
}
