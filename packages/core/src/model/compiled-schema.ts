import { z } from 'zod';

/** Each schema's compiled clone, made on its first use and reused by every later call. */
const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema` with zod's ahead-of-time compiled fast path (`z.compile`): generated code checks a valid
 * value without the parser's per-node dispatch, and an invalid one goes through the ordinary parser,
 * so the result and every issue are the same as `schema.safeParse` gives. Compiled once per schema, on
 * first use. When the app turned code generation off (`z.config({ jitless: true })`, for a Content
 * Security Policy that forbids `new Function`), the schema is used as it is.
 */
export function compiledSchema<Schema extends z.ZodType>(schema: Schema): Schema {
  if (z.config().jitless === true) return schema;
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    compiled = z.compile(schema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled as Schema;
}
