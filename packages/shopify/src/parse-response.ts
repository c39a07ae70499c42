import { AftersaleError, issuesFromZod } from '@aftersale/core';
import type { z } from 'zod';

/**
 * Validates a GraphQL response's `data` at the edge.
 * @throws AftersaleError `platform_rejected` when Shopify answered with a shape the adapter does not know.
 */
export function parseResponse<T extends z.ZodType>(schema: T, data: unknown, operation: string): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new AftersaleError({
    code: 'platform_rejected',
    message: `Shopify ${operation} answered with an unexpected shape; see issues.`,
    issues: issuesFromZod(parsed.error),
    details: { operation },
  });
}
