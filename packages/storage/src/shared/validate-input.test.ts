import {
  AftersaleError,
  compiledSchema,
  complaintEventInputSchema,
  refundInputSchema,
  webhookDeliveryInputSchema,
} from '@aftersale/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateInput } from './validate-input.js';

const at = '2026-11-23T09:30:00.000+03:00';

function thrown(work: () => unknown): AftersaleError {
  try {
    work();
  } catch (error) {
    if (AftersaleError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an AftersaleError');
}

describe('validateInput', () => {
  it('compiles each schema once and reuses it', () => {
    const compiled = compiledSchema(complaintEventInputSchema);
    expect(compiled).not.toBe(complaintEventInputSchema);
    expect(compiledSchema(complaintEventInputSchema)).toBe(compiled);
  });

  it('gives what the schema gives, defaults and stripped keys included, as a fresh object', () => {
    const inputs = [
      { type: 'message-received', at, actor: 'customer', data: { channel: 'email', nested: { a: [1, 2] } } },
      { type: 'reply-sent', at, actor: 'merchant:7', note: 'Kargo yolda.' },
      { type: 'note-added', at, actor: 'system', note: null, extra: 'dropped' },
      { type: 'note-added', at, actor: 'system', note: undefined },
    ];
    for (const input of inputs) {
      const parsed = validateInput(complaintEventInputSchema, input, 'complaint event');
      expect(parsed).toStrictEqual(complaintEventInputSchema.parse(input));
      expect(parsed).not.toBe(input);
    }
    const delivery = { shopId: 'acme.myshopify.com', platform: 'shopify', topic: 'orders/updated', dedupeKey: 'k1' };
    expect(validateInput(webhookDeliveryInputSchema, { ...delivery, rawBody: '{}' }, 'webhook delivery')).toStrictEqual(
      webhookDeliveryInputSchema.parse({ ...delivery, rawBody: '{}' }),
    );
  });

  it('rejects what the schema rejects, naming the same paths with the same messages', () => {
    const inputs: unknown[] = [
      { type: 'Bad Type', at, actor: 'system' },
      { type: 'reply-sent', at: '2026-02-30T10:00:00Z', actor: '' },
      { type: 'reply-sent', at, actor: 'system', data: [] },
      { type: 'reply-sent', at: '2026-11-23 09:30', actor: 'system', note: 5, data: 'text' },
      null,
      'message-received',
    ];
    for (const input of inputs) {
      const expected = complaintEventInputSchema.safeParse(input);
      expect(expected.success).toBe(false);
      const error = thrown(() => validateInput(complaintEventInputSchema, input, 'complaint event'));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^Invalid complaint event: /);
      expect((error.cause as z.ZodError).issues).toEqual(expected.error?.issues);
    }
  });

  it('runs refinements as the schema does (a refund: currency code, safe-integer amount)', () => {
    const refund = {
      shopId: 'acme.myshopify.com',
      id: 'rfd_1',
      orderId: 'ord_1',
      idempotencyKey: 'refund:rfd_1',
      amount: { amount: 12_30, currency: 'TRY' },
      status: 'pending',
    };
    const inputs = [
      refund,
      { ...refund, amount: { amount: 12_30, currency: 'XYZ' } },
      { ...refund, amount: { amount: 2 ** 60, currency: 'TRY' } },
      { ...refund, amount: { amount: 12.3, currency: 'TRY' } },
    ];
    for (const input of inputs) {
      const expected = refundInputSchema.safeParse(input);
      const compiled = compiledSchema(refundInputSchema).safeParse(input);
      expect(compiled.success).toBe(expected.success);
      expect(compiled.success ? compiled.data : compiled.error.issues).toEqual(
        expected.success ? expected.data : expected.error.issues,
      );
    }
    expect(refundInputSchema.safeParse(inputs[1]).success).toBe(false);
  });

  it('uses the schema as it is when the app turned code generation off', () => {
    const schema = z.object({ name: z.string().min(1) });
    z.config({ jitless: true });
    try {
      expect(compiledSchema(schema)).toBe(schema);
      expect(thrown(() => validateInput(schema, { name: '' }, 'thing')).code).toBe('invalid_input');
    } finally {
      z.config({ jitless: false });
    }
    expect(compiledSchema(schema)).not.toBe(schema);
  });
});
