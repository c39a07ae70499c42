import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { getCurrency, listCurrencies } from './currency.js';
import { formatMoney } from './format-money.js';
import { money } from './money.js';
import { parseMoney, toDecimalString } from './parse-money.js';

describe('currency exponents (ISO 4217)', () => {
  it('knows the minor units of each currency', () => {
    expect(getCurrency('JPY').exponent).toBe(0);
    expect(getCurrency('TRY').exponent).toBe(2);
    expect(getCurrency('EUR').exponent).toBe(2);
    expect(getCurrency('KWD').exponent).toBe(3);
    expect(getCurrency('BHD').exponent).toBe(3);
    expect(listCurrencies().length).toBeGreaterThan(150);
  });
});

describe('parseMoney', () => {
  it('parses platform decimal strings exactly', () => {
    expect(parseMoney('12.30', 'TRY')).toEqual(money(1230, 'TRY'));
    expect(parseMoney('12.3', 'TRY')).toEqual(money(1230, 'TRY'));
    expect(parseMoney('1234', 'TRY')).toEqual(money(123400, 'TRY'));
    expect(parseMoney('-4.50', 'EUR')).toEqual(money(-450, 'EUR'));
    expect(parseMoney('0.10', 'USD')).toEqual(money(10, 'USD'));
    expect(parseMoney('1234', 'JPY')).toEqual(money(1234, 'JPY'));
    expect(parseMoney('1.234', 'KWD')).toEqual(money(1234, 'KWD'));
    expect(parseMoney('12.300', 'TRY')).toEqual(money(1230, 'TRY'));
    // Values JS floats cannot hold exactly are still read exactly.
    expect(parseMoney('90071992547409.91', 'USD')).toEqual(money(9007199254740991, 'USD'));
  });

  it('reads JSON numbers through their exact decimal form', () => {
    expect(parseMoney(0.1, 'USD')).toEqual(money(10, 'USD'));
    expect(parseMoney(19.99, 'EUR')).toEqual(money(1999, 'EUR'));
    expect(parseMoney(83.333333, 'TRY', { rounding: 'half-even' })).toEqual(money(8333, 'TRY'));
  });

  it('never rounds silently', () => {
    try {
      parseMoney('0.005', 'USD');
      expect.unreachable();
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_amount')).toBe(true);
      expect((error as Error).message).toContain('rounding');
    }
    expect(parseMoney('0.005', 'USD', { rounding: 'half-even' })).toEqual(money(0, 'USD'));
    expect(parseMoney('0.015', 'USD', { rounding: 'half-even' })).toEqual(money(2, 'USD'));
    expect(parseMoney('0.005', 'USD', { rounding: 'half-up' })).toEqual(money(1, 'USD'));
    expect(parseMoney('12.5', 'JPY', { rounding: 'half-up' })).toEqual(money(13, 'JPY'));
  });

  it('rejects what is not a decimal', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', '--1', 'NaN', '١٢']) {
      expect(() => parseMoney(bad, 'TRY')).toThrow(AftersaleError);
    }
    expect(() => parseMoney(Number.POSITIVE_INFINITY, 'TRY')).toThrow(AftersaleError);
    expect(() => parseMoney('1', 'XXX')).toThrow(/Unknown currency/);
  });
});

describe('toDecimalString and formatMoney', () => {
  it('writes the exact decimal with the currency exponent', () => {
    expect(toDecimalString(money(1230, 'TRY'))).toBe('12.30');
    expect(toDecimalString(money(5, 'TRY'))).toBe('0.05');
    expect(toDecimalString(money(-5, 'TRY'))).toBe('-0.05');
    expect(toDecimalString(money(1234, 'JPY'))).toBe('1234');
    expect(toDecimalString(money(1, 'KWD'))).toBe('0.001');
  });

  it('formats for Turkish and English readers', () => {
    expect(formatMoney(money(123450, 'TRY'), 'tr-TR')).toBe('₺1.234,50');
    expect(formatMoney(money(123450, 'USD'), 'en-US')).toBe('$1,234.50');
    expect(formatMoney(money(123450, 'EUR'), 'tr-TR')).toBe('€1.234,50');
    expect(formatMoney(money(1234, 'JPY'), 'en-US')).toBe('¥1,234');
    expect(formatMoney(money(1234, 'KWD'), 'en-US', { currencyDisplay: 'code' })).toBe('KWD\u00a01.234');
    expect(formatMoney(money(-5, 'TRY'), 'tr-TR')).toBe('-₺0,05');
    // Beyond float precision, still exact.
    expect(formatMoney(money(9007199254740991, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

describe('parse/format round trip, every currency', () => {
  const codes = listCurrencies().map((currency) => currency.code);
  it('parseMoney(toDecimalString(m)) is m', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (code, amount) => {
          const value = money(amount, code);
          expect(parseMoney(toDecimalString(value), code)).toEqual(value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formatted amounts carry the exact digits for tr-TR and en-US', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.integer({ min: 0, max: 10_000_000_000 }), (code, amount) => {
        const value = money(amount, code);
        const digits = toDecimalString(value).replace('.', '');
        for (const locale of ['tr-TR', 'en-US']) {
          const formatted = formatMoney(value, locale, { currencyDisplay: 'code' });
          expect(formatted.replace(/\D/g, '').replace(/^0+/, '')).toBe(digits.replace(/^0+/, ''));
        }
      }),
      { numRuns: 500 },
    );
  });
});
