import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { parseCustomerFacts, parseReturnRequest } from './parse-return-request.js';
import { customerFactsSchema, returnRequestSchema } from './return-decision.js';

/** What the schema says about an input: its data, or the error evaluation reports. */
function bySchema(schema: typeof returnRequestSchema | typeof customerFactsSchema, input: unknown, subject: string) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  return { error: aftersaleErrorFromZod(parsed.error, { code: 'invalid_return_request', subject }).message };
}

function byParser(parse: (input: never) => unknown, input: unknown) {
  try {
    return { data: parse(input as never) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.constant([]),
  fc.constant({}),
);
/** Mostly a valid value, sometimes anything. */
const maybe = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: value, weight: 6 }, { arbitrary: anything, weight: 1 });
/** Sometimes one key the schema does not know. */
const withStray = <T extends object>(value: fc.Arbitrary<T>) =>
  fc
    .tuple(
      value,
      fc.integer({ min: 0, max: 29 }).map((dice) => dice === 29),
    )
    .map(([record, stray]) => (stray ? { ...record, stray: 1 } : record));

/** Usually one of the valid values, sometimes an invalid one. */
const usually = <T, U>(valid: readonly T[], invalid: readonly U[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 30 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });

const requestLine = fc.record(
  {
    lineItemId: maybe(usually(['line_1', 'line_2', 'line_3', 'line_4', 'line_5', 'line_6'], [''])),
    quantity: maybe(usually([1, 2, 3], [0, -1, 1.5, 2 ** 53])),
    reason: maybe(usually(['changed_mind', 'defective'], [''])),
    resolution: maybe(usually(['refund', 'store_credit', 'exchange', 'keep_item'], ['swap'])),
    evidence: maybe(
      withStray(fc.record({ photo: maybe(fc.boolean()), description: maybe(fc.boolean()) }, { requiredKeys: [] })),
    ),
    exchangePrice: maybe(
      withStray(
        fc.record({ amount: maybe(usually([0, 1250, -5], [1.5])), currency: maybe(usually(['USD', 'TRY'], ['XXX'])) }),
      ),
    ),
    sealBroken: maybe(fc.boolean()),
  },
  { requiredKeys: ['lineItemId', 'quantity', 'reason'] },
);

const request = fc.oneof(
  { arbitrary: anything, weight: 1 },
  {
    arbitrary: withStray(
      fc.record(
        {
          lines: maybe(
            fc.oneof(
              {
                arbitrary: fc.uniqueArray(withStray(requestLine), {
                  minLength: 1,
                  maxLength: 3,
                  selector: (line) => (line as { lineItemId?: unknown }).lineItemId,
                }),
                weight: 4,
              },
              // Empty, or a line twice.
              { arbitrary: fc.array(withStray(requestLine), { maxLength: 3 }), weight: 1 },
            ),
          ),
          carrier: maybe(fc.constantFrom('designated', 'own', 'courier')),
        },
        { requiredKeys: ['lines'] },
      ),
    ),
    weight: 8,
  },
);

const customer = fc.oneof(
  withStray(
    fc.record(
      {
        kind: maybe(fc.constantFrom('consumer', 'business', 'robot')),
        tags: maybe(fc.array(maybe(fc.constantFrom('vip', 'VIP')), { maxLength: 2 })),
        lifetimeOrders: maybe(fc.integer({ min: -1, max: 9 })),
        returns: maybe(
          withStray(
            fc.record({
              periodDays: maybe(fc.integer({ min: 0, max: 90 })),
              count: maybe(fc.integer({ min: -1, max: 6 })),
            }),
          ),
        ),
        country: maybe(fc.constantFrom('TR', 'de', 'GBR')),
      },
      { requiredKeys: [] },
    ),
  ),
  anything,
);

describe('parseReturnRequest and parseCustomerFacts', () => {
  it('accept, default and refuse return requests exactly as returnRequestSchema does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(request, (input) => {
        const expected = bySchema(returnRequestSchema, input, 'return request');
        if ('data' in expected) accepted++;
        expect(byParser(parseReturnRequest, input)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    // Both sides are exercised.
    expect(accepted).toBeGreaterThan(30);
    expect(accepted).toBeLessThan(1_800);
  });

  it('accept, default and refuse customer facts exactly as customerFactsSchema does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(customer, (input) => {
        const expected = bySchema(customerFactsSchema, input ?? {}, 'customer facts');
        if ('data' in expected) accepted++;
        expect(byParser(parseCustomerFacts, input)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    expect(accepted).toBeGreaterThan(30);
    expect(accepted).toBeLessThan(1_800);
  });
});
