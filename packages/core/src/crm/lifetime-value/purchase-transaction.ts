import { z } from 'zod';
import { timestampSchema } from '../../model/schemas.js';
import { type Money, moneySchema } from '../../money/money.js';

/**
 * zod schema for {@link PurchaseTransaction}: a customer id, when the purchase happened (a calendar
 * day `YYYY-MM-DD`, an ISO 8601 timestamp with offset, or a `Date`) and its amount (non-negative Money).
 */
export const purchaseTransactionSchema = z.object({
  customerId: z.string().min(1, 'must be a non-empty customer id'),
  purchasedAt: z.union([z.iso.date(), timestampSchema, z.date()], {
    error: 'must be a calendar day (YYYY-MM-DD), an ISO 8601 timestamp with offset, or a Date',
  }),
  amount: moneySchema.refine((value) => value.amount >= 0, {
    message: 'must not be negative: record what the customer paid for the purchase',
  }),
});

/**
 * One purchase of one customer, the input of {@link summarizeTransactions}. Several purchases of a
 * customer on the same calendar day count as one purchase occasion whose value is their sum.
 */
export interface PurchaseTransaction {
  /** The customer (an aftersale or platform customer id; the summary keeps it as given). */
  customerId: string;
  /** A calendar day `YYYY-MM-DD`, or an instant (ISO 8601 timestamp with offset, or a `Date`). */
  purchasedAt: string | Date;
  /** What the customer paid, in minor units. Every transaction of one summary shares a currency. */
  amount: Money;
}
