import { parseMoney } from '@aftersale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wooId, wooMoney, wooTimestamp } from './woocommerce-values.js';

describe('wooMoney', () => {
  it('agrees with core parseMoney on every plain decimal (TRY, JPY, KWD)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 9_999_999_999_999n }),
        fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 4 }),
        fc.constantFrom('TRY', 'JPY', 'KWD', 'EUR'),
        (negative, whole, fraction, currency) => {
          const text = `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
          let expected: unknown;
          try {
            expected = parseMoney(text, currency);
          } catch (error) {
            expected = (error as { code?: string }).code;
          }
          let actual: unknown;
          try {
            actual = wooMoney(text, currency);
          } catch (error) {
            actual = (error as { code?: string }).code;
          }
          expect(actual).toEqual(expected);
        },
      ),
    );
  });

  it('agrees with core parseMoney on malformed text too (the fast path never accepts what core refuses)', () => {
    const outcome = (parse: () => unknown): unknown => {
      try {
        return parse();
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '7', '.', '-', ' ', 'e', '+', ','), minLength: 1, maxLength: 12 }),
        fc.constantFrom('TRY', 'JPY', 'KWD'),
        (text, currency) => {
          expect(outcome(() => wooMoney(text, currency))).toEqual(outcome(() => parseMoney(text, currency)));
        },
      ),
    );
  });

  it('reads empty and missing values as zero, and JSON numbers exactly', () => {
    expect(wooMoney('', 'TRY')).toEqual({ amount: 0, currency: 'TRY' });
    expect(wooMoney(null, 'TRY')).toEqual({ amount: 0, currency: 'TRY' });
    expect(wooMoney('-0.00', 'TRY').amount).toBe(0);
    expect(wooMoney(65.25, 'TRY')).toEqual({ amount: 6525, currency: 'TRY' });
    expect(() => wooMoney('1.125', 'USD')).toThrow(/more decimals/);
  });

  it('reads ids and GMT timestamps', () => {
    expect(wooId(0)).toBeNull();
    expect(wooId(16)).toBe('16');
    expect(wooTimestamp('2026-11-22T09:01:41')).toBe('2026-11-22T09:01:41Z');
    expect(wooTimestamp(null, '2017-03-22T16:28:02')).toBe('2017-03-22T16:28:02Z');
    expect(wooTimestamp(null)).toBeNull();
  });
});
