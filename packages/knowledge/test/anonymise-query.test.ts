import { describe, expect, it } from 'vitest';
import { anonymiseQuery } from '../src/index.js';

describe('anonymiseQuery', () => {
  it('removes e-mail addresses, phone numbers and order numbers', () => {
    expect(anonymiseQuery('siparis #104512 nerede ali.veli@example.com.tr 0532 123 45 67')).toBe(
      'siparis [number] nerede [email] [phone]',
    );
    expect(anonymiseQuery('call me on +90 (532) 123-45-67 about order TR-558812')).toBe(
      'call me on [phone] about order [number]',
    );
    expect(anonymiseQuery('+44 20 7946 0958 refund')).toBe('[phone] refund');
  });

  it('removes card numbers, IBANs, tracking numbers and web addresses', () => {
    expect(anonymiseQuery('kart 4111 1111 1111 1111 iade')).toBe('kart [number] iade');
    expect(anonymiseQuery('IBAN TR33 0006 1005 1978 6457 8413 26')).toBe('IBAN [number]');
    expect(anonymiseQuery('1Z999AA10123456784 not delivered')).toBe('[number] not delivered');
    expect(anonymiseQuery('see https://shop.example/orders/77?token=abc')).toBe('see [url]');
  });

  it('keeps ordinary words and short numbers', () => {
    expect(anonymiseQuery('  iade   süresi 14 gün mü? ')).toBe('iade süresi 14 gün mü?');
  });
});
