import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { listCurrencies } from './currency.js';
import {
  add,
  compare,
  equals,
  maximum,
  minimum,
  money,
  moneySchema,
  multiply,
  multiplyByRatio,
  negate,
  percentage,
  subtract,
  sum,
  zero,
} from './money.js';

const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (error) {
    expect(AftersaleError.isInstance(error)).toBe(true);
    expect((error as AftersaleError).code).toBe(code);
    return error as AftersaleError;
  }
  throw new Error(`expected an AftersaleError with code ${code}`);
};

describe('money', () => {
  it('holds integer minor units and an ISO 4217 code', () => {
    expect(money(1230, 'TRY')).toEqual({ amount: 1230, currency: 'TRY' });
    expect(money(10n, 'JPY')).toEqual({ amount: 10, currency: 'JPY' });
    expect(Object.is(money(-0, 'EUR').amount, 0)).toBe(true);
  });

  it('refuses floats, unknown currencies and unsafe integers with typed errors', () => {
    const error = expectCode(() => money(12.3, 'TRY'), 'invalid_amount');
    expect(error.message).toContain('parseMoney');
    expectCode(() => money(1, 'ABC'), 'unknown_currency');
    expectCode(() => money(1, 'XXX'), 'unknown_currency');
    expectCode(() => money(2 ** 60, 'USD'), 'amount_overflow');
    expectCode(() => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD')), 'amount_overflow');
  });

  it('adds, subtracts, multiplies and compares within one currency', () => {
    const a = money(1999, 'EUR');
    expect(add(a, money(1, 'EUR'))).toEqual(money(2000, 'EUR'));
    expect(subtract(a, money(2000, 'EUR'))).toEqual(money(-1, 'EUR'));
    expect(multiply(a, 3)).toEqual(money(5997, 'EUR'));
    expect(negate(a)).toEqual(money(-1999, 'EUR'));
    expect(compare(a, money(2000, 'EUR'))).toBe(-1);
    expect(minimum(a, zero('EUR'))).toEqual(zero('EUR'));
    expect(maximum(a, zero('EUR'))).toEqual(a);
    expect(sum([a, a, a], 'EUR')).toEqual(money(5997, 'EUR'));
    expect(sum([], 'TRY')).toEqual(zero('TRY'));
    expectCode(() => multiply(a, 1.5), 'invalid_input');
  });

  it('never mixes currencies', () => {
    expectCode(() => add(money(1, 'EUR'), money(1, 'USD')), 'currency_mismatch');
    expectCode(() => compare(money(1, 'EUR'), money(1, 'TRY')), 'currency_mismatch');
    expect(equals(money(1, 'EUR'), money(1, 'USD'))).toBe(false);
  });

  it('takes percentages with an explicit rounding mode', () => {
    expect(percentage(money(1999, 'EUR'), 15, 'half-up')).toEqual(money(300, 'EUR')); // 2.9985
    expect(percentage(money(1999, 'EUR'), 15, 'down')).toEqual(money(299, 'EUR'));
    expect(percentage(money(250, 'USD'), 10, 'half-even')).toEqual(money(25, 'USD'));
    expect(percentage(money(25, 'USD'), 10, 'half-even')).toEqual(money(2, 'USD')); // 2.5 → 2
    expect(percentage(money(35, 'USD'), 10, 'half-even')).toEqual(money(4, 'USD')); // 3.5 → 4
    expect(percentage(money(-25, 'USD'), 10, 'half-up')).toEqual(money(-3, 'USD'));
    expect(percentage(money(1000, 'TRY'), '12.5', 'half-up')).toEqual(money(125, 'TRY'));
    expect(multiplyByRatio(money(101, 'EUR'), 0.5, 'ceil')).toEqual(money(51, 'EUR'));
    expect(multiplyByRatio(money(101, 'EUR'), 0.5, 'floor')).toEqual(money(50, 'EUR'));
    expectCode(() => percentage(money(1, 'EUR'), Number.NaN, 'half-up'), 'invalid_input');
  });

  it('validates with zod', () => {
    expect(moneySchema.safeParse({ amount: 1, currency: 'TRY' }).success).toBe(true);
    expect(moneySchema.safeParse({ amount: 1.5, currency: 'TRY' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 1, currency: 'try' }).success).toBe(false);
  });
});

const currencies = listCurrencies().map((currency) => currency.code);
const amount = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
const currency = fc.constantFrom(...currencies);

describe('money properties', () => {
  it('add then subtract returns the original amount', () => {
    fc.assert(
      fc.property(amount, amount, currency, (a, b, code) => {
        const x = money(a, code);
        const y = money(b, code);
        expect(subtract(add(x, y), y)).toEqual(x);
        expect(add(x, y)).toEqual(add(y, x));
      }),
    );
  });

  it('multiply equals repeated addition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 50 }),
        currency,
        (a, q, code) => {
          const x = money(a, code);
          expect(multiply(x, q)).toEqual(
            sum(
              Array.from({ length: q }, () => x),
              code,
            ),
          );
        },
      ),
    );
  });

  it('a percentage is within one minor unit of the exact value and ordered by rounding mode', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (a, basisPoints) => {
        const x = money(a, 'EUR');
        const percent = basisPoints / 100;
        const floor = percentage(x, percent, 'floor').amount;
        const ceil = percentage(x, percent, 'ceil').amount;
        expect(ceil - floor).toBeLessThanOrEqual(1);
        for (const mode of ['half-up', 'half-even', 'half-down', 'up', 'down'] as const) {
          const value = percentage(x, percent, mode).amount;
          expect(value).toBeGreaterThanOrEqual(floor);
          expect(value).toBeLessThanOrEqual(ceil);
        }
      }),
    );
  });
});
