import { z } from 'zod';
import { type Money, moneySchema } from '../money/money.js';
import type { DetailedRefundPlan, DetailedRefundPlanLine } from '../refund/compute-refund.js';
import type { Citation, ConformityRemedy, Jurisdiction } from '../statutory/statutory-pack.js';
import type { LocalisedMessage, ReturnBasis } from './message-catalogue.js';
import { type FeeKind, type ReasonBasis, type ResolutionKind, resolutionKinds } from './policy-schema.js';

/** One line of a return request. */
export const returnRequestLineSchema = z.strictObject({
  lineItemId: z.string().min(1),
  quantity: z.number().int().positive(),
  /** A leaf reason code of the policy's reason tree. */
  reason: z.string().min(1),
  /** What the customer wants. @default 'refund' */
  resolution: z.enum(resolutionKinds).default('refund'),
  /** Evidence the customer gave (only whether it was given: no content, no personal data). */
  evidence: z.strictObject({ photo: z.boolean().optional(), description: z.boolean().optional() }).default({}),
  /** For an exchange: the price of the replacement for the whole quantity (tax included), to settle the difference. */
  exchangePrice: moneySchema.optional(),
  /** For sealed goods: was the seal broken after delivery? Unknown (omitted) makes the decision conditional. */
  sealBroken: z.boolean().optional(),
});

/** A customer's return request. */
export const returnRequestSchema = z.strictObject({
  lines: z
    .array(returnRequestLineSchema)
    .min(1)
    .refine((lines) => new Set(lines.map((line) => line.lineItemId)).size === lines.length, {
      message: 'each order line may appear once; add the quantities together',
    }),
  /** How the goods go back: with the carrier the shop named, or one of the customer's choosing. @default 'designated' */
  carrier: z.enum(['designated', 'own']).default('designated'),
});
export type ReturnRequest = z.input<typeof returnRequestSchema>;

/**
 * Facts about the customer that the caller fills (from its store and CRM); the engine never looks
 * them up. Unknown facts are left out, and rules that need them say so instead of guessing.
 */
export const customerFactsSchema = z.strictObject({
  /** Only consumers have statutory rights. @default 'consumer' */
  kind: z.enum(['consumer', 'business']).default('consumer'),
  tags: z.array(z.string()).default([]),
  lifetimeOrders: z.number().int().nonnegative().optional(),
  /** Returns the customer made in the last `periodDays` days (match the policy's period). */
  returns: z
    .strictObject({ periodDays: z.number().int().positive(), count: z.number().int().nonnegative() })
    .optional(),
  /** Habitual residence (ISO 3166-1 alpha-2): decides the law that protects the consumer. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type CustomerFacts = z.input<typeof customerFactsSchema>;

/** Options of `evaluateReturn`. */
export interface EvaluateReturnOptions {
  /** The moment of the decision (inject it: evaluation never reads the clock). */
  now: Date | string;
  /** The customer's locale (`tr`, `tr-TR`, `en-GB`); texts exist in Turkish and English. */
  locale: string;
  /** The shop's IANA time zone: deadlines end at the end of a day there. */
  shopTimeZone: string;
  customer?: CustomerFacts;
  /**
   * The country whose consumer law applies, when the caller knows better than the addresses (where
   * the consumer lives and the shop directs its activity). Defaults to the customer's country, then
   * the shipping, then the billing address.
   */
  consumerCountry?: string;
  /**
   * When the policy says the consumer was not informed of the withdrawal right before the contract
   * (`merchant.informedOfWithdrawal: false`) and the information was given later: when. The period
   * then ends 14 days after it (EU Art. 10(2), UK reg. 31), and never later than the 12-month extension.
   */
  withdrawalInformationGivenAt?: Date | string;
}

/** Whether a line can be returned. */
export type LineStatus = 'eligible' | 'conditional' | 'ineligible';

/** A fact the decision depends on that is unknown at request time. */
export interface DecisionCondition {
  code: 'seal_intact' | 'photo' | 'description' | 'returns_unverified' | 'perishable_rejection';
  ruleId: string;
  message: LocalisedMessage;
}

/** A fee charged. `amount` includes its `tax`. */
export interface DecisionFee {
  kind: FeeKind;
  ruleId: string;
  lineItemId: string | null;
  amount: Money;
  tax: Money;
  message: LocalisedMessage;
}

/** A fee the policy has but does not charge here, and who waived it. */
export interface WaivedFee {
  kind: FeeKind;
  /** The waiver rule (policy) or statutory rule (law). */
  ruleId: string;
  by: 'policy' | 'law';
  message: LocalisedMessage;
}

/** A resolution offered for a line. */
export interface ResolutionOption {
  kind: ResolutionKind;
  label: LocalisedMessage;
  /** What the customer gets (refund, store credit with its bonus, keep-item refund); null for an exchange. */
  amount: Money | null;
  /** Store credit only: the bonus inside `amount`. */
  bonus: Money | null;
  /**
   * Exchange only: who pays a price difference and how much of it the merchant absorbs; with the
   * request's `exchangePrice`, the settlement: `difference` (replacement minus the line's refund; negative
   * when the replacement is cheaper), what the merchant absorbs and what the customer pays. Without a
   * price those three are null.
   */
  priceDifference: {
    paidBy: 'customer_pays' | 'merchant_absorbs';
    absorbUpTo: Money | null;
    difference: Money | null;
    merchantAbsorbs: Money | null;
    customerPays: Money | null;
  } | null;
  /** Under a statutory withdrawal, anything but a refund needs the consumer's express agreement. */
  requiresConsent: boolean;
}

/** How one basis judged one line. */
export interface BasisAssessment {
  basis: ReturnBasis;
  status: LineStatus;
  /** End of the period (ISO, shop time zone); null when it has not started yet. */
  deadline: string | null;
  /** True when the deadline rests on an estimated delivery date. */
  deadlineEstimated: boolean;
  /** The rules that decided it. */
  ruleIds: string[];
  messages: LocalisedMessage[];
  conditions: DecisionCondition[];
  fees: DecisionFee[];
  waived: WaivedFee[];
  /** True when this basis lets the merchant charge return shipping. */
  returnShippingCharged: boolean;
  /** Defect claims: the remedies, in the law's order (each inner list one tier). */
  remedies: ConformityRemedy[][];
  citations: Citation[];
}

/** The decision for one requested line. */
export interface LineDecision {
  lineItemId: string;
  quantity: number;
  reason: { code: string; basis: ReasonBasis; label: LocalisedMessage };
  status: LineStatus;
  /** True when eligible or conditional. */
  eligible: boolean;
  /** The basis chosen, the one most favourable to the customer; null when none allows the return. */
  basis: ReturnBasis | null;
  /** Why this basis (or why none). */
  explanation: LocalisedMessage;
  deadline: string | null;
  deadlineEstimated: boolean;
  conditions: DecisionCondition[];
  fees: DecisionFee[];
  waived: WaivedFee[];
  resolutions: ResolutionOption[];
  remedies: ConformityRemedy[][];
  /** The reasons behind the status, from the chosen basis (or every basis when none allows it). */
  messages: LocalisedMessage[];
  /** The line's refund in the decision's refund plan; null when ineligible. */
  refund: DetailedRefundPlanLine | null;
  /** Every basis that was assessed, for audit. */
  assessments: BasisAssessment[];
}

/** One step of the evaluation: which rule, what it saw, what it decided. */
export interface TraceEntry {
  ruleId: string;
  lineItemId: string | null;
  outcome: 'passed' | 'failed' | 'conditional' | 'applied' | 'not_applicable';
  facts: Record<string, unknown>;
  citation?: Citation;
  uncertainty?: string;
}

/** The outcome of `evaluateReturn`: data, JSON-serialisable, explained and auditable. */
export interface ReturnDecision {
  policy: { id: string; version: number; schemaVersion: number };
  orderId: string;
  evaluatedAt: string;
  locale: string;
  language: 'en' | 'tr';
  jurisdiction: {
    country: string | null;
    source: 'option' | 'customer' | 'shipping_address' | 'billing_address' | 'none';
    pack: { id: string; jurisdiction: Jurisdiction; title: string } | null;
    consumer: boolean;
  };
  status: 'eligible' | 'partially_eligible' | 'conditional' | 'ineligible';
  /** True when at least one line can be returned (eligible or conditional). */
  eligible: boolean;
  lines: LineDecision[];
  /** Fees of the whole return (return shipping, once per return). */
  fees: DecisionFee[];
  /** The refund of the lines that can be returned, fees deducted; null when none can. */
  refund: DetailedRefundPlan | null;
  /** When a statutory withdrawal is involved: the legal refund deadline. */
  refundDue: { days: number; from: 'withdrawal_notice'; mayWithholdUntilGoodsBack: boolean; citation: Citation } | null;
  /** Messages about the whole return. */
  messages: LocalisedMessage[];
  /** Ids of uncertain rules the decision touched (see the statutory packs). */
  uncertainties: string[];
  trace: TraceEntry[];
}
