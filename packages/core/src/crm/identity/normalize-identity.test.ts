import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './normalize-email.js';
import { normalizePhone } from './normalize-phone.js';

describe('normalizeEmail', () => {
  it('trims, lower-cases and NFC-normalises addresses', () => {
    expect(normalizeEmail('  Ayse.Yilmaz@Example.COM ')).toBe('ayse.yilmaz@example.com');
    expect(normalizeEmail('MUSTERI@ornek.com.tr')).toBe('musteri@ornek.com.tr');
  });

  it('keeps dots and plus tags (no provider-specific rewriting)', () => {
    expect(normalizeEmail('a.b+shop@gmail.com')).toBe('a.b+shop@gmail.com');
    expect(normalizeEmail('ab@gmail.com')).not.toBe(normalizeEmail('a.b@gmail.com'));
  });

  it('rejects what is not an address', () => {
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });
});

describe('normalizePhone', () => {
  it('formats international numbers as E.164', () => {
    expect(normalizePhone('+90 532 123 45 67')).toBe('+905321234567');
    expect(normalizePhone('+1 (212) 555-1234')).toBe('+12125551234');
  });

  it('reads national numbers in the given country', () => {
    expect(normalizePhone('(0532) 123-4567', 'TR')).toBe('+905321234567');
    expect(normalizePhone('0151 12345678', 'DE')).toBe('+4915112345678');
    expect(normalizePhone('0532 123 45 67', 'TR')).toBe(normalizePhone('+905321234567'));
  });

  it('rejects unreadable or impossible numbers', () => {
    expect(normalizePhone('0532 123 45 67')).toBeNull(); // national, no country given
    expect(normalizePhone('+90 12')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone('0532 123 45 67', 'tr')).toBeNull(); // not an ISO code in capitals
  });
});
