import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isOrder, isRefund, jsonFiles, liveDir, records, restV3Dir } from '../test/platform-material.js';
import {
  wooCommerceOrderCheckSchema,
  wooCommerceOrderSchema,
  wooCommerceRefundCheckSchema,
  wooCommerceRefundSchema,
} from './woocommerce-schemas.js';

type Path = readonly (string | number)[];

/** The path of every value inside a payload (the payload itself excluded). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A copy of `payload` with the value at `path` replaced, or removed when `replacement` is `remove`. */
function withValueAt(payload: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const remove = Symbol('remove');

/** The path of every field a schema declares, lists and wrappers looked through (`line_items.taxes.id`). */
function fieldsOf(schema: z.ZodType, prefix = ''): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return fieldsOf(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodArray) return fieldsOf(schema.element as z.ZodType, prefix);
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...fieldsOf(child, `${prefix}${key}.`),
  ]);
}

describe('the check-only schemas', () => {
  const live = jsonFiles(liveDir()).flatMap((file) => records(file.data));
  const all = [...live, ...jsonFiles(restV3Dir()).flatMap((file) => records(file.data))];
  const cases = [
    {
      name: 'order',
      check: z.compile(wooCommerceOrderCheckSchema),
      tolerant: wooCommerceOrderSchema,
      is: isOrder,
    },
    {
      name: 'refund',
      check: z.compile(wooCommerceRefundCheckSchema),
      tolerant: wooCommerceRefundSchema,
      is: isRefund,
    },
  ];

  it.each(cases)('check every field of the tolerant $name schema', ({ check, tolerant }) => {
    const checked = new Set(fieldsOf(check));
    expect(fieldsOf(tolerant).filter((field) => !checked.has(field))).toEqual([]);
  });

  it.each(cases)('accept every $name the live WooCommerce 11 sent', ({ check, is }) => {
    const payloads = live.filter(is);
    expect(payloads.length).toBeGreaterThan(5);
    for (const payload of payloads) expect(check.validate(payload)).toBe(true);
  });

  it.each(cases)('accept no $name the tolerant schema refuses', ({ check, tolerant, is }) => {
    const payloads = all.filter(is).map((payload) => ({ payload, paths: pathsOf(payload) }));
    fc.assert(
      fc.property(
        fc.nat({ max: payloads.length - 1 }),
        fc.nat(),
        fc.constantFrom(remove, undefined, null, '', 'x', '1.5', 0, -1, 1.5, Number.NaN, true, [], {}, [{}]),
        (payloadIndex, pathIndex, replacement) => {
          const { payload, paths } = payloads[payloadIndex] as (typeof payloads)[number];
          const mutated = withValueAt(payload, paths[pathIndex % paths.length] as Path, replacement);
          if (check.validate(mutated)) expect(tolerant.safeParse(mutated).success).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
