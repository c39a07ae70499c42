import type { StatutoryPack, StatutoryRule } from './statutory-pack.js';

const law = 'Law No. 6502 on Consumer Protection (6502 sayılı Tüketicinin Korunması Hakkında Kanun)';
const lawUrl = 'https://www.mevzuat.gov.tr/mevzuat?MevzuatNo=6502&MevzuatTur=1&MevzuatTertip=5';
const regulation = 'Distance Contracts Regulation (Mesafeli Sözleşmeler Yönetmeliği, OG 27.11.2014/29188)';
const regulationUrl = 'https://www.mevzuat.gov.tr/mevzuat?MevzuatNo=20157&MevzuatTur=7&MevzuatTertip=5';

const fromRegulation = (id: string, provision: string, summary: string, uncertainty?: string) =>
  ({
    id,
    summary,
    citation: { instrument: regulation, provision, url: regulationUrl },
    ...(uncertainty === undefined ? {} : { uncertainty }),
  }) satisfies StatutoryRule;
const fromLaw = (id: string, provision: string, summary: string, uncertainty?: string) =>
  ({
    id,
    summary,
    citation: { instrument: law, provision, url: lawUrl },
    ...(uncertainty === undefined ? {} : { uncertainty }),
  }) satisfies StatutoryRule;

/** Turkey: Law 6502 and the Distance Contracts Regulation (cayma hakkı, ayıplı mal). */
export const turkeyPack: StatutoryPack = {
  id: 'tr-2015-02-27',
  jurisdiction: 'TR',
  title: 'Turkey: Law 6502 on Consumer Protection and the Distance Contracts Regulation',
  countries: ['TR'],
  effectiveFrom: '2015-02-27',
  effectiveUntil: null,
  withdrawal: {
    days: 14,
    periodRule: fromRegulation(
      'tr.withdrawal.period',
      'Art. 9; Law 6502 Art. 48(4)',
      '14 days to withdraw (cayma hakkı) without giving a reason or paying a penalty, from the day the consumer or a third party they named receives the goods; for several goods delivered separately, the last one.',
    ),
    notInformed: {
      months: 12,
      rule: fromRegulation(
        'tr.withdrawal.not_informed',
        'Art. 10',
        'If the consumer was not informed of the withdrawal right, they are not bound by the 14 days; the right ends in any case one year after the end of the withdrawal period.',
      ),
    },
    exceptions: {
      personalised: {
        sealed: false,
        rule: fromRegulation(
          'tr.withdrawal.exception.personalised',
          'Art. 15(1)(b)',
          "Goods prepared to the consumer's wishes or personal needs.",
          'Sub-paragraph letters follow the 2014 text as published; check them against the consolidated text.',
        ),
      },
      perishable: {
        sealed: false,
        rule: fromRegulation(
          'tr.withdrawal.exception.perishable',
          'Art. 15(1)(c)',
          'Goods that can deteriorate quickly or whose use-by date may pass.',
          'Sub-paragraph letters follow the 2014 text as published; check them against the consolidated text.',
        ),
      },
      hygiene_sealed: {
        sealed: true,
        rule: fromRegulation(
          'tr.withdrawal.exception.hygiene_sealed',
          'Art. 15(1)(ç)',
          'Goods whose protective elements (packaging, tape, seal) were opened after delivery and whose return is unsuitable for health and hygiene.',
          'Sub-paragraph letters follow the 2014 text as published; check them against the consolidated text.',
        ),
      },
      sealed_media: {
        sealed: true,
        rule: fromRegulation(
          'tr.withdrawal.exception.sealed_media',
          'Art. 15(1)(e)',
          'Books, digital content and computer consumables delivered on a physical medium, once their protective elements were opened.',
          'Sub-paragraph letters follow the 2014 text as published; check them against the consolidated text.',
        ),
      },
    },
    restockingFee: {
      allowed: false,
      rule: fromLaw(
        'tr.withdrawal.no_fees',
        'Art. 48(4)',
        'The consumer withdraws without a penalty or any charge: no restocking fee.',
      ),
    },
    returnCost: {
      consumerPays: 'own_carrier_only',
      rule: fromRegulation(
        'tr.withdrawal.return_cost',
        'Art. 13',
        'The consumer is not liable for return costs when returning with the carrier the seller named in the pre-contractual information; if the seller named none, no return cost may be asked of the consumer.',
        'The 2022 amendment (OG 23.08.2022/31932) that would have let sellers charge return costs was postponed and did not take effect; it is deliberately not encoded. The provision number is uncertain in the consolidated text.',
      ),
    },
    refund: {
      days: 14,
      from: 'withdrawal_notice',
      mayWithholdUntilGoodsBack: false,
      rule: fromRegulation(
        'tr.withdrawal.refund',
        'Art. 12',
        'The seller refunds all payments received, delivery costs included, within 14 days of the withdrawal notice reaching it, in one go, by the means of payment used, without cost to the consumer.',
        'Encoded from the 2014 text; some secondary sources describe the deadline as running from the goods reaching the seller and cite later amendments whose entry into force was postponed. Check the consolidated text at mevzuat.gov.tr before relying on the start of the 14 days.',
      ),
    },
    outboundDelivery: fromRegulation(
      'tr.withdrawal.outbound_delivery',
      'Art. 12',
      'Delivery costs paid by the consumer are refunded on a withdrawal.',
    ),
    partialOutboundDelivery: fromRegulation(
      'tr.withdrawal.partial_outbound_delivery',
      'Art. 12',
      'On a withdrawal from part of an order, the policy decides whether delivery costs are refunded in proportion or not at all.',
      'The Regulation does not say how delivery costs are treated when only part of an order is withdrawn; the policy setting decides and the decision marks it.',
    ),
    notes: [
      fromRegulation(
        'tr.withdrawal.consumer_returns_goods',
        'Art. 13',
        'The consumer sends the goods back within 10 days of the withdrawal notice; they are not liable for changes or deterioration from normal use.',
      ),
    ],
  },
  conformity: {
    months: 24,
    periodRule: fromLaw(
      'tr.conformity.period',
      'Art. 12',
      'Liability for defective goods is subject to a two-year limitation from delivery, even if the defect appears later, unless a longer liability was assumed; not for defects hidden by gross fault or fraud.',
    ),
    presumptionMonths: 6,
    presumptionRule: fromLaw(
      'tr.conformity.presumption',
      'Art. 10',
      'Defects that appear within six months of delivery are presumed to have existed at delivery unless proven otherwise.',
      'The six-month presumption is encoded from the Law as published in 2013; the paragraph number within Art. 10 is not pinned.',
    ),
    remedies: [['termination', 'price_reduction', 'repair', 'replacement']],
    remediesRule: fromLaw(
      'tr.conformity.remedies',
      'Art. 11',
      'For defective goods the consumer chooses among withdrawing from the contract (refund), a price reduction, free repair, or replacement with a non-defective item; the seller must honour the choice unless disproportionate.',
    ),
    shortTermRejection: null,
  },
  obligations: [],
  sources: [
    { title: 'Law No. 6502 on Consumer Protection (consolidated, mevzuat.gov.tr)', url: lawUrl },
    { title: 'Distance Contracts Regulation (consolidated, mevzuat.gov.tr)', url: regulationUrl },
  ],
  uncertainties: [
    {
      id: 'tr.refund_deadline_start',
      text: 'Whether the 14-day refund deadline runs from the withdrawal notice (the 2014 text, encoded) or from the goods reaching the seller.',
    },
    {
      id: 'tr.return_cost_2022',
      text: "The 2022 amendment on return costs was postponed and reversed; not encoded. Return costs are the seller's with its designated carrier or when none was designated.",
    },
    { id: 'tr.article_letters', text: 'Sub-paragraph letters of Art. 15 follow the published 2014 text.' },
    {
      id: 'tr.gift_cards',
      text: 'Gift cards are not among the Art. 15 exceptions; aftersale does not exempt them from cayma hakkı.',
    },
    {
      id: 'tr.period_end_on_holiday',
      text: 'A period ending on an official holiday may extend to the next working day; holiday calendars are not encoded.',
    },
  ],
};
