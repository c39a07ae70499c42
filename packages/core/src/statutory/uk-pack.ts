import type { StatutoryPack, StatutoryRule } from './statutory-pack.js';

const ccr = 'Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013 (SI 2013/3134)';
const ccrUrl = 'https://www.legislation.gov.uk/uksi/2013/3134';
const cra = 'Consumer Rights Act 2015';
const craUrl = 'https://www.legislation.gov.uk/ukpga/2015/15';

const rule =
  (instrument: string, url: string) => (id: string, provision: string, summary: string, uncertainty?: string) =>
    ({
      id,
      summary,
      citation: { instrument, provision, url },
      ...(uncertainty === undefined ? {} : { uncertainty }),
    }) satisfies StatutoryRule;
const fromCcr = rule(ccr, ccrUrl);
const fromCra = rule(cra, craUrl);

/** United Kingdom: the Consumer Contracts Regulations 2013 and the Consumer Rights Act 2015. */
export const ukPack: StatutoryPack = {
  id: 'uk-2015-10-01',
  jurisdiction: 'UK',
  title: 'United Kingdom: Consumer Contracts Regulations 2013 and Consumer Rights Act 2015',
  countries: ['GB'],
  effectiveFrom: '2015-10-01',
  effectiveUntil: null,
  withdrawal: {
    days: 14,
    periodRule: fromCcr(
      'uk.withdrawal.period',
      'reg. 29, 30(3), 30(5)',
      'The consumer may cancel within 14 days after the day the goods come into their physical possession; for goods delivered on different days, the last of them.',
    ),
    notInformed: {
      months: 12,
      rule: fromCcr(
        'uk.withdrawal.not_informed',
        'reg. 31',
        'If the cancellation information was not given, the period ends 12 months after the normal end, or 14 days after the information is given within those 12 months.',
      ),
    },
    exceptions: {
      personalised: {
        sealed: false,
        rule: fromCcr(
          'uk.withdrawal.exception.personalised',
          'reg. 28(1)(b)',
          "Goods made to the consumer's specifications or clearly personalised.",
        ),
      },
      perishable: {
        sealed: false,
        rule: fromCcr(
          'uk.withdrawal.exception.perishable',
          'reg. 28(1)(c)',
          'Goods liable to deteriorate or expire rapidly.',
        ),
      },
      hygiene_sealed: {
        sealed: true,
        rule: fromCcr(
          'uk.withdrawal.exception.hygiene_sealed',
          'reg. 28(3)(a)',
          'Sealed goods not suitable for return for health protection or hygiene reasons, once unsealed after delivery.',
        ),
      },
      sealed_media: {
        sealed: true,
        rule: fromCcr(
          'uk.withdrawal.exception.sealed_media',
          'reg. 28(3)(c)',
          'Sealed audio or video recordings or computer software, once unsealed after delivery.',
        ),
      },
    },
    restockingFee: {
      allowed: false,
      rule: fromCcr(
        'uk.withdrawal.no_fees',
        'reg. 34',
        'Reimbursement without any fee; only diminished value from excessive handling (reg. 34(9)-(12)) and a disclosed return cost (reg. 35) may be borne by the consumer.',
      ),
    },
    returnCost: {
      consumerPays: 'if_disclosed',
      rule: fromCcr(
        'uk.withdrawal.return_cost',
        'reg. 35(2)-(3); Sch. 2(k)',
        'The consumer bears the direct cost of returning the goods only if told beforehand that they must.',
      ),
    },
    refund: {
      days: 14,
      from: 'withdrawal_notice',
      mayWithholdUntilGoodsBack: true,
      rule: fromCcr(
        'uk.withdrawal.refund',
        'reg. 34(4)-(6), 34(7)',
        'Reimbursement within 14 days of being informed of the cancellation, or, where the trader has not offered to collect the goods, of receiving them back or evidence of sending, whichever is first; by the same means of payment unless expressly agreed.',
      ),
    },
    outboundDelivery: fromCcr(
      'uk.withdrawal.outbound_delivery',
      'reg. 34(2)-(3)',
      'Standard delivery costs are reimbursed; the extra cost of a delivery the consumer chose over the least expensive one is not.',
      'aftersale refunds the shipping actually paid; it does not know the price of standard delivery when a more expensive one was chosen.',
    ),
    partialOutboundDelivery: fromCcr(
      'uk.withdrawal.partial_outbound_delivery',
      'reg. 34(2)',
      'On a cancellation of part of the order, the policy decides whether delivery is refunded in proportion or not at all.',
      'Guidance (BIS 2014) suggests delivery need not be refunded when only part of an order is cancelled, unless extra delivery costs were caused by the cancelled items; the law does not say. The policy decides and the decision marks it.',
    ),
    notes: [
      fromCcr(
        'uk.withdrawal.diminished_value',
        'reg. 34(9)-(12)',
        'The trader may deduct for diminished value from handling beyond what is necessary to establish the nature, characteristics and functioning of the goods: assessed on inspection.',
      ),
    ],
  },
  conformity: {
    months: 72,
    periodRule: fromCra(
      'uk.conformity.period',
      's. 9-11, 19; Limitation Act 1980 s. 5',
      'Goods must be of satisfactory quality, fit for purpose and as described; a claim may be brought within six years of delivery (five in Scotland).',
      'The six-year period is the limitation period for a contract claim in England, Wales and Northern Ireland; Scotland has five years (Prescription and Limitation (Scotland) Act 1973). aftersale encodes six years for the whole UK.',
    ),
    presumptionMonths: 6,
    presumptionRule: fromCra(
      'uk.conformity.presumption',
      's. 19(14)-(15)',
      'Goods that do not conform within six months of delivery are taken not to have conformed on delivery, unless the trader proves otherwise.',
    ),
    remedies: [
      ['repair', 'replacement'],
      ['price_reduction', 'final_rejection'],
    ],
    remediesRule: fromCra(
      'uk.conformity.remedies',
      's. 19, 23, 24',
      'After the short-term right to reject: repair or replacement (s. 23); if that is impossible or fails, a price reduction or the final right to reject (s. 24).',
    ),
    shortTermRejection: {
      days: 30,
      rule: fromCra(
        'uk.conformity.short_term_reject',
        's. 20, 22(3)',
        'A short-term right to reject non-conforming goods for a full refund within 30 days of delivery (ownership transferred and goods delivered).',
      ),
      perishableRule: fromCra(
        'uk.conformity.short_term_reject_perishable',
        's. 22(6)',
        'For perishable goods the short-term right to reject ends when the goods could reasonably be expected to remain usable, if sooner than 30 days.',
        'That shorter period depends on the goods; aftersale cannot compute it and marks the decision conditional for perishable goods.',
      ),
    },
  },
  obligations: [],
  sources: [
    { title: 'Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013', url: ccrUrl },
    { title: 'Consumer Rights Act 2015', url: craUrl },
    { title: 'Limitation Act 1980, s. 5', url: 'https://www.legislation.gov.uk/ukpga/1980/58/section/5' },
  ],
  uncertainties: [
    {
      id: 'uk.partial_outbound_delivery',
      text: 'Refund of delivery on a partial cancellation is not settled by the Regulations; the policy decides and the decision marks it.',
    },
    {
      id: 'uk.perishable_short_term_reject',
      text: 'The shorter short-term rejection period for perishable goods (s. 22(6)) is not computed.',
    },
    {
      id: 'uk.scotland',
      text: "Scotland's five-year prescription period is not distinguished from the six-year limitation elsewhere.",
    },
    {
      id: 'uk.dmcc',
      text: 'Changes under the Digital Markets, Competition and Consumers Act 2024 (subscription contracts) do not concern goods returns and are not encoded.',
    },
  ],
};
