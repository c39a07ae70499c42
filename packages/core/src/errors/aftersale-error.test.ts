import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AftersaleError } from './aftersale-error.js';
import { aftersaleErrorFromZod, formatPath } from './from-zod-error.js';

describe('AftersaleError', () => {
  it('carries a stable code, cause and issues', () => {
    const cause = new Error('socket hang up');
    const error = new AftersaleError({
      code: 'invalid_input',
      message: 'bad',
      cause,
      issues: [{ path: 'a', message: 'x' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AftersaleError');
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: 'AftersaleError',
      code: 'invalid_input',
      message: 'bad',
      issues: [{ path: 'a', message: 'x' }],
    });
  });

  it('is recognised across copies of the package by its registry symbol', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'invalid_input' });
    Object.defineProperty(foreign, Symbol.for('aftersale.error'), { value: true });
    expect(AftersaleError.isInstance(foreign)).toBe(true);
    expect(AftersaleError.isInstance(new Error('plain'))).toBe(false);
    expect(AftersaleError.isInstance(null)).toBe(false);
    expect(AftersaleError.hasCode(new AftersaleError({ code: 'invalid_input', message: 'm' }), 'invalid_config')).toBe(
      false,
    );
  });

  it('turns zod errors into messages naming every path', () => {
    const schema = z.object({ shop: z.string(), lines: z.array(z.object({ quantity: z.number().int() })) });
    const parsed = schema.safeParse({ lines: [{ quantity: 1.5 }] });
    if (parsed.success) throw new Error('expected failure');
    const error = aftersaleErrorFromZod(parsed.error, {
      code: 'invalid_config',
      subject: 'settings',
      hint: 'See the docs.',
    });
    expect(error.code).toBe('invalid_config');
    expect(error.issues.map((issue) => issue.path)).toEqual(['shop', 'lines[0].quantity']);
    expect(error.message).toMatch(/^Invalid settings: shop: .*; lines\[0\]\.quantity: .*\. See the docs\.$/);
    expect(formatPath([])).toBe('');
  });
});
