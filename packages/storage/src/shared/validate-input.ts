import { aftersaleErrorFromZod, compiledSchema } from '@aftersale/core';
import type { z } from 'zod';

/** Parses a value crossing the store boundary, or throws `invalid_input` naming every path at fault. */
export function validateInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  subject: string,
): z.infer<Schema> {
  const result = compiledSchema(schema).safeParse(value);
  if (!result.success) throw aftersaleErrorFromZod(result.error, { code: 'invalid_input', subject });
  return result.data;
}
