import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { moneySchema } from '../money/money.js';
import type { ReturnCaseRecord } from '../spec/store-records.js';
import { type ReturnCaseEvent, returnCaseEventSchema } from './return-case.js';

/**
 * What the return service keeps in a stored case's `data` beside the normalized record: the event log,
 * the customer's language, the order's name, the platform return it mirrors, and what a resolution
 * produced. No personal data: people are ids, and the customer's own words live in `customerNote`.
 */

/** The platform return a case mirrors (Shopify): its id, raw status and return lines. */
export const mirroredReturnSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  lines: z.array(z.object({ id: z.string().min(1), lineItemId: z.string(), quantity: z.number().int().positive() })),
});
export type MirroredReturn = z.infer<typeof mirroredReturnSchema>;

/** Store credit as issued (`IssuedStoreCredit`), kept to answer a retry. */
export const storedCreditSchema = z.object({
  platformCreditId: z.string(),
  amount: moneySchema,
  code: z.string().nullable(),
  expiresAt: z.string().nullable(),
  platformRefundId: z.string().nullable(),
  bonus: moneySchema.nullable(),
});
export type StoredCredit = z.infer<typeof storedCreditSchema>;

const settlementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('payment_due'), amount: moneySchema, paymentUrl: z.string().nullable() }),
  z.object({ kind: z.literal('refunded'), amount: moneySchema, platformRefundId: z.string() }),
  z.object({ kind: z.literal('absorbed'), amount: moneySchema }),
  z.object({ kind: z.literal('kept'), amount: moneySchema }),
]);

/** An exchange as the platform made it (`PlatformExchange`), kept to answer a retry. */
export const storedExchangeSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  newOrderId: z.string().nullable(),
  returnedValue: moneySchema,
  newItemsValue: moneySchema,
  difference: moneySchema,
  settlement: settlementSchema,
});
export type StoredExchange = z.infer<typeof storedExchangeSchema>;

/** A refund made in the platform's admin while the case could not be resolved yet. */
export const reconciledRefundSchema = z.object({
  refundId: z.string().min(1),
  amount: moneySchema,
  platformRefundId: z.string().min(1),
});
export type ReconciledRefund = z.infer<typeof reconciledRefundSchema>;

export interface CaseData {
  events: ReturnCaseEvent[];
  /** The customer's locale: the language of every message and order note of the case. */
  locale: string;
  orderName: string;
  returnBy: string | null;
  platformReturn: MirroredReturn | null;
  storeCredit: StoredCredit | null;
  exchange: StoredExchange | null;
  reconciledRefund: ReconciledRefund | null;
  /** The platform ids of the refunds the order already had when the case was requested: never its refund. */
  refundsBefore: string[];
}

const caseDataSchema = z.object({
  events: z.array(z.unknown()),
  locale: z.string().min(1),
  orderName: z.string(),
  returnBy: z.string().nullish(),
  platformReturn: mirroredReturnSchema.nullish(),
  storeCredit: storedCreditSchema.nullish(),
  exchange: storedExchangeSchema.nullish(),
  reconciledRefund: reconciledRefundSchema.nullish(),
  refundsBefore: z.array(z.string()).nullish(),
});

/** The case data of a stored record, validated; a case not written by the return service is an error. */
export function readCaseData(record: ReturnCaseRecord): CaseData {
  const parsed = caseDataSchema.safeParse(record.data);
  if (!parsed.success) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Return case ${record.id} was not written by the return service (its event log is missing or damaged); manage it with the store directly.`,
      details: { caseId: record.id },
      cause: parsed.error,
    });
  }
  const data = parsed.data;
  return {
    events: data.events.map((event) => returnCaseEventSchema.parse(event)),
    locale: data.locale,
    orderName: data.orderName,
    returnBy: data.returnBy ?? null,
    platformReturn: data.platformReturn ?? null,
    storeCredit: data.storeCredit ?? null,
    exchange: data.exchange ?? null,
    reconciledRefund: data.reconciledRefund ?? null,
    refundsBefore: data.refundsBefore ?? [],
  };
}

/** The case data as the store's JSON. */
export function writeCaseData(data: CaseData): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
