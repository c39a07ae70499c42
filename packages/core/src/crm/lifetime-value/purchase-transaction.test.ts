import { describe, expect, it } from 'vitest';
import { money } from '../../money/money.js';
import { purchaseTransactionSchema } from './purchase-transaction.js';

describe('purchaseTransactionSchema', () => {
  it('accepts a calendar day, a timestamp with offset or a Date', () => {
    for (const purchasedAt of ['2026-05-01', '2026-05-01T10:00:00+03:00', new Date('2026-05-01T10:00:00Z')]) {
      expect(
        purchaseTransactionSchema.safeParse({ customerId: 'cus_1', purchasedAt, amount: money(100, 'TRY') }).success,
      ).toBe(true);
    }
  });

  it('refuses an empty id, a timestamp without offset, negative or fractional amounts', () => {
    const result = purchaseTransactionSchema.safeParse({
      customerId: '',
      purchasedAt: '2026-05-01T10:00:00',
      amount: { amount: -1, currency: 'TRY' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['customerId', 'purchasedAt', 'amount']);
    expect(
      purchaseTransactionSchema.safeParse({
        customerId: 'c',
        purchasedAt: '2026-05-01',
        amount: { amount: 1.5, currency: 'TRY' },
      }).success,
    ).toBe(false);
  });
});
