/**
 * Statutory rule packs: the consumer's rights that no merchant policy can take away, as data. Each
 * rule cites its article; what is not settled is written down as an uncertainty, never guessed.
 */

/** Where a rule comes from. */
export interface Citation {
  /** The instrument: `Directive 2011/83/EU`, `Law No. 6502`, `Consumer Rights Act 2015`. */
  instrument: string;
  /** The provision: `Art. 9(1)`, `reg. 34(4)`, `s. 22(3)`. */
  provision: string;
  /** An official text of the instrument. */
  url?: string;
}

/** One statutory rule: a stable id (`eu.withdrawal.period`), what it says, and where it is written. */
export interface StatutoryRule {
  id: string;
  /** What the rule says, for engineers (customer-facing text lives in the message catalogue). */
  summary: string;
  citation: Citation;
  /** Set when the rule as encoded rests on a reading that is not settled; says what is uncertain. */
  uncertainty?: string;
}

/** Categories of goods the law exempts from the withdrawal right; policies tag products with them. */
export type StatutoryExceptionKind = 'personalised' | 'perishable' | 'hygiene_sealed' | 'sealed_media';

/** A remedy for goods that do not conform to the contract (are defective). */
export type ConformityRemedy =
  | 'repair'
  | 'replacement'
  | 'price_reduction'
  | 'termination'
  | 'short_term_rejection'
  | 'final_rejection';

/** A jurisdiction aftersale has a pack for. */
export type Jurisdiction = 'EU' | 'TR' | 'UK' | 'US';

/** The withdrawal (cooling-off, cayma) right of a distance contract. */
export interface WithdrawalRules {
  /** Days from receipt of the goods (of the last item when delivered in parts). */
  days: number;
  periodRule: StatutoryRule;
  /** When the trader did not inform the consumer of the right: how much longer the period runs. */
  notInformed: { months: number; rule: StatutoryRule } | null;
  /** Goods exempt from withdrawal; `sealed` exceptions apply only once the seal is broken after delivery. */
  exceptions: Partial<Record<StatutoryExceptionKind, { rule: StatutoryRule; sealed: boolean }>>;
  /** Whether a restocking fee may be charged on a withdrawal (never, in every pack so far). */
  restockingFee: { allowed: boolean; rule: StatutoryRule };
  /**
   * When the consumer may be charged the cost of sending the goods back:
   * `if_disclosed`: only if told beforehand (EU, UK); `own_carrier_only`: only when the consumer
   * used another carrier than the one the seller designated (Turkey).
   */
  returnCost: { consumerPays: 'if_disclosed' | 'own_carrier_only'; rule: StatutoryRule };
  /** The refund: how many days, from what, and whether the trader may wait for the goods. */
  refund: { days: number; from: 'withdrawal_notice'; mayWithholdUntilGoodsBack: boolean; rule: StatutoryRule };
  /** Standard outbound delivery is refunded on a withdrawal of the whole order. */
  outboundDelivery: StatutoryRule;
  /** How outbound delivery is treated when only part of the order is withdrawn (unsettled: see its uncertainty). */
  partialOutboundDelivery: StatutoryRule;
  /** Extra rules that inform the decision but do not change it (the Art. 11a withdrawal function). */
  notes: StatutoryRule[];
}

/** Rights for goods that are defective (do not conform to the contract). */
export interface ConformityRules {
  /** How long the seller is liable, from delivery. */
  months: number;
  periodRule: StatutoryRule;
  /** Defects appearing within this many months of delivery are presumed to have existed at delivery. */
  presumptionMonths: number;
  presumptionRule: StatutoryRule;
  /** Remedies in the order the law offers them: each inner list is one tier. */
  remedies: ConformityRemedy[][];
  remediesRule: StatutoryRule;
  /** A short first period with a right to reject for a full refund (UK: 30 days). */
  shortTermRejection: { days: number; rule: StatutoryRule; perishableRule: StatutoryRule } | null;
}

/** A statutory rule pack: effective-dated, citing every rule, with its uncertainties. */
export interface StatutoryPack {
  /** Stable id, such as `eu-2026-06-19`. */
  id: string;
  jurisdiction: Jurisdiction;
  title: string;
  /** ISO 3166-1 alpha-2 codes of the consumers' countries the pack applies to. */
  countries: readonly string[];
  /** First day (inclusive) of contracts the pack applies to, `YYYY-MM-DD`. */
  effectiveFrom: string;
  /** Last day (inclusive), or null while in force. */
  effectiveUntil: string | null;
  withdrawal: WithdrawalRules | null;
  conformity: ConformityRules | null;
  /** Rules that oblige the merchant without changing a decision (posted-policy laws). */
  obligations: StatutoryRule[];
  /** The texts the pack was written from. */
  sources: { title: string; url: string }[];
  /** What the pack does not settle or does not encode. */
  uncertainties: { id: string; text: string }[];
}
