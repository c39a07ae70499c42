import { describe, expect, it } from 'vitest';
import { createConsoleLogger, createLogger } from './create-logger.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { redact, redactText } from './redact.js';

function recordingLogger(records: unknown[][], bindings: Record<string, unknown> = {}): Logger {
  const method =
    (level: string) =>
    (...args: unknown[]) => {
      records.push([level, bindings, ...args]);
    };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: (more) => recordingLogger(records, { ...bindings, ...more }),
  };
}

describe('redaction', () => {
  it('masks secrets and personal data by key, at any depth, whatever the casing', () => {
    const out = redact({
      accessToken: 'shpat_abc',
      consumer_secret: 'cs_123',
      headers: { Authorization: 'Basic xyz', 'X-Shopify-Hmac-Sha256': 'sig' },
      customer: { email: 'ayse@example.com', first_name: 'Ayşe', lastName: 'Yılmaz', phone: '+90 532 123 45 67' },
      shipping_address: { address1: 'Bağdat Cd. 1', zip: '34710', countryCode: 'TR' },
      orderId: 'gid://shopify/Order/1',
      amount: 1230,
    });
    expect(out).toEqual({
      accessToken: '[redacted]',
      consumer_secret: '[redacted]',
      headers: { Authorization: '[redacted]', 'X-Shopify-Hmac-Sha256': '[redacted]' },
      customer: { email: '[redacted]', first_name: '[redacted]', lastName: '[redacted]', phone: '[redacted]' },
      shipping_address: { address1: '[redacted]', zip: '[redacted]', countryCode: 'TR' },
      orderId: 'gid://shopify/Order/1',
      amount: 1230,
    });
  });

  it('masks e-mail addresses and phone numbers inside free text', () => {
    expect(redactText('Ayşe (ayse.yilmaz@example.com.tr) called from +90 532 123 45 67 about #1001')).toBe(
      'Ayşe ([redacted-email]) called from [redacted-phone] about #1001',
    );
    expect(redactText('order 1001 of 2026-11-23')).toBe('order 1001 of 2026-11-23');
  });

  it('survives cycles and errors', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(redact({ error: new Error('failed for ayse@example.com') })).toEqual({
      error: { name: 'Error', message: 'failed for [redacted-email]', code: undefined },
    });
  });
});

describe('createLogger', () => {
  it('is silent by default', () => {
    expect(createLogger()).toBe(silentLogger);
    expect(silentLogger.child({ a: 1 })).toBe(silentLogger);
  });

  it('redacts fields, messages and child bindings before they reach the target', () => {
    const records: unknown[][] = [];
    const logger = createLogger({ target: recordingLogger(records), extraKeys: ['giftCardCode'] });
    logger.info({ email: 'a@b.co', giftCardCode: 'GC-1', orderId: 'o1' }, 'refund for a@b.co');
    logger.child({ shop: 'demo.myshopify.com', apiSecret: 'k' }).warn('throttled');
    logger.error('plain message with 05321234567');
    expect(records).toEqual([
      ['info', {}, { email: '[redacted]', giftCardCode: '[redacted]', orderId: 'o1' }, 'refund for [redacted-email]'],
      ['warn', { shop: 'demo.myshopify.com', apiSecret: '[redacted]' }, 'throttled'],
      ['error', {}, 'plain message with [redacted-phone]'],
    ]);
  });

  it('console logger writes JSON lines at or above its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ target: createConsoleLogger({ level: 'info', write: (line) => lines.push(line) }) });
    logger.debug('hidden');
    logger.child({ component: 'refunds' }).info({ token: 't', amount: 1 }, 'done');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '{}');
    expect(record).toMatchObject({ level: 'info', component: 'refunds', token: '[redacted]', amount: 1, msg: 'done' });
  });
});
