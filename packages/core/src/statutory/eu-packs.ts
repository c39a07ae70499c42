import type { StatutoryPack, StatutoryRule } from './statutory-pack.js';

const crd = 'Directive 2011/83/EU';
const crdUrl = 'https://eur-lex.europa.eu/eli/dir/2011/83/oj';
const sgd = 'Directive (EU) 2019/771';
const sgdUrl = 'https://eur-lex.europa.eu/eli/dir/2019/771/oj';

const rule = (id: string, provision: string, summary: string, uncertainty?: string, instrument = crd, url = crdUrl) =>
  ({
    id,
    summary,
    citation: { instrument, provision, url },
    ...(uncertainty === undefined ? {} : { uncertainty }),
  }) satisfies StatutoryRule;

/** The 27 member states. EEA states (IS, LI, NO) apply the Directive through the EEA Agreement but are not encoded. */
export const euCountries = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

const withdrawalFunction = rule(
  'eu.withdrawal.function',
  'Art. 11a (inserted by Directive (EU) 2023/2673)',
  'A trader concluding distance contracts through an online interface must offer a "withdraw from contract here" function on that interface; applies from 19 June 2026.',
  'The rule obliges the interface (the returns page), not the decision; aftersale records it and leaves the page to the store.',
  'Directive 2011/83/EU as amended by Directive (EU) 2023/2673',
  'https://eur-lex.europa.eu/eli/dir/2023/2673/oj',
);

function euPack(
  id: string,
  effectiveFrom: string,
  effectiveUntil: string | null,
  withFunction: boolean,
): StatutoryPack {
  return {
    id,
    jurisdiction: 'EU',
    title: 'European Union: Consumer Rights Directive and Sale of Goods Directive',
    countries: euCountries,
    effectiveFrom,
    effectiveUntil,
    withdrawal: {
      days: 14,
      periodRule: rule(
        'eu.withdrawal.period',
        'Art. 9(1), 9(2)(b)',
        '14 days to withdraw without giving a reason, from the day the consumer acquires physical possession of the goods; for several goods delivered separately, of the last one.',
      ),
      notInformed: {
        months: 12,
        rule: rule(
          'eu.withdrawal.not_informed',
          'Art. 10',
          'If the trader did not give the withdrawal information, the period ends 12 months after the end of the initial 14 days; if given within those 12 months, it ends 14 days after the consumer receives it.',
        ),
      },
      exceptions: {
        personalised: {
          sealed: false,
          rule: rule(
            'eu.withdrawal.exception.personalised',
            'Art. 16(c)',
            "Goods made to the consumer's specifications or clearly personalised.",
          ),
        },
        perishable: {
          sealed: false,
          rule: rule(
            'eu.withdrawal.exception.perishable',
            'Art. 16(d)',
            'Goods liable to deteriorate or expire rapidly.',
          ),
        },
        hygiene_sealed: {
          sealed: true,
          rule: rule(
            'eu.withdrawal.exception.hygiene_sealed',
            'Art. 16(e)',
            'Sealed goods not suitable for return for health protection or hygiene reasons, once unsealed after delivery.',
          ),
        },
        sealed_media: {
          sealed: true,
          rule: rule(
            'eu.withdrawal.exception.sealed_media',
            'Art. 16(i)',
            'Sealed audio or video recordings or computer software, once unsealed after delivery.',
          ),
        },
      },
      restockingFee: {
        allowed: false,
        rule: rule(
          'eu.withdrawal.no_fees',
          'Art. 13(1), 14(5)',
          'The consumer incurs no cost for withdrawing beyond the direct cost of return (Art. 14(1)) and diminished value (Art. 14(2)): no restocking fee; the refund is made without fees.',
        ),
      },
      returnCost: {
        consumerPays: 'if_disclosed',
        rule: rule(
          'eu.withdrawal.return_cost',
          'Art. 14(1)',
          'The consumer bears only the direct cost of returning the goods, and only if the trader informed them beforehand and did not agree to bear it.',
          'A flat return fee higher than the direct cost of return is not covered by Art. 14(1); aftersale charges the policy fee as written and does not check it against the actual cost.',
        ),
      },
      refund: {
        days: 14,
        from: 'withdrawal_notice',
        mayWithholdUntilGoodsBack: true,
        rule: rule(
          'eu.withdrawal.refund',
          'Art. 13(1), 13(3)',
          'Refund of all payments, standard delivery included, within 14 days of being informed of the withdrawal, by the same means of payment unless the consumer expressly agrees otherwise; the trader may withhold it until the goods are back or the consumer shows they were sent, whichever is first.',
        ),
      },
      outboundDelivery: rule(
        'eu.withdrawal.outbound_delivery',
        'Art. 13(1), 13(2)',
        'The cost of standard outbound delivery is refunded; the extra cost of a more expensive delivery the consumer chose is not.',
        'aftersale refunds the shipping actually paid; it does not know the price of standard delivery when the consumer chose a more expensive one.',
      ),
      partialOutboundDelivery: rule(
        'eu.withdrawal.partial_outbound_delivery',
        'Art. 13(1)',
        'On a withdrawal from part of an order, the policy decides whether outbound delivery is refunded in proportion or not at all.',
        'Unsettled: the Directive does not say whether outbound delivery is refunded when only part of the goods is withdrawn; national practice differs. The policy setting shippingRefund.partialWithdrawal decides, and the decision marks it.',
      ),
      notes: [
        rule(
          'eu.withdrawal.diminished_value',
          'Art. 14(2)',
          'The consumer is liable for diminished value resulting from handling beyond what is necessary to establish the nature, characteristics and functioning of the goods: a deduction assessed on inspection, not at request time.',
        ),
        ...(withFunction ? [withdrawalFunction] : []),
      ],
    },
    conformity: {
      months: 24,
      periodRule: rule(
        'eu.conformity.period',
        'Art. 10(1), 10(3)',
        'The seller is liable for a lack of conformity that exists at delivery and becomes apparent within two years of delivery.',
        "Member states may keep longer periods (Art. 10(3)): for example the Netherlands and Finland tie it to the expected lifespan, Ireland has six years to bring a claim, Sweden three years. aftersale encodes the Directive's two-year minimum for every member state.",
        sgd,
        sgdUrl,
      ),
      presumptionMonths: 12,
      presumptionRule: rule(
        'eu.conformity.presumption',
        'Art. 11(1), 11(2)',
        'A lack of conformity that appears within one year of delivery is presumed to have existed at delivery.',
        'Member states may extend the presumption to two years (Art. 11(2); Portugal, Spain and others did); aftersale encodes one year.',
        sgd,
        sgdUrl,
      ),
      remedies: [
        ['repair', 'replacement'],
        ['price_reduction', 'termination'],
      ],
      remediesRule: rule(
        'eu.conformity.remedies',
        'Art. 13, 14(1)(a)',
        "First repair or replacement, at the consumer's choice unless impossible or disproportionate, free of charge; then a proportionate price reduction or termination (not for a minor lack of conformity).",
        undefined,
        sgd,
        sgdUrl,
      ),
      shortTermRejection: null,
    },
    obligations: [],
    sources: [
      { title: 'Directive 2011/83/EU on consumer rights (consolidated)', url: crdUrl },
      {
        title: 'Directive (EU) 2023/2673 (withdrawal function, Art. 11a)',
        url: 'https://eur-lex.europa.eu/eli/dir/2023/2673/oj',
      },
      { title: 'Directive (EU) 2019/771 on the sale of goods', url: sgdUrl },
      {
        title: 'Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits',
        url: 'https://eur-lex.europa.eu/eli/reg/1971/1182/oj',
      },
    ],
    uncertainties: [
      {
        id: 'eu.partial_outbound_delivery',
        text: 'Whether outbound delivery is refunded on a partial withdrawal is unsettled; the policy decides and the decision marks it.',
      },
      {
        id: 'eu.period_end_on_holiday',
        text: 'Regulation 1182/71 moves a period ending on a public holiday, Saturday or Sunday to the next working day; aftersale does not know holiday calendars and ends the period on the calendar day (earlier, never later, than the law).',
      },
      {
        id: 'eu.conformity_national_periods',
        text: "Conformity periods and presumptions longer than the Directive's minimum in some member states are not encoded.",
      },
      {
        id: 'eu.gift_cards',
        text: 'Whether a gift card (voucher) bought at a distance is withdrawable is not settled by the Directive; aftersale does not exempt gift cards from the statutory withdrawal right.',
      },
      {
        id: 'eu.eea',
        text: 'Iceland, Liechtenstein and Norway apply the Directive through the EEA Agreement; they are not encoded.',
      },
      {
        id: 'eu.standard_delivery',
        text: 'Only standard delivery must be refunded (Art. 13(2)); aftersale refunds the shipping paid.',
      },
    ],
  };
}

/** The EU pack for contracts concluded before 19 June 2026. */
export const euPackBefore2026 = euPack('eu-2014-06-13', '2014-06-13', '2026-06-18', false);
/** The EU pack from 19 June 2026 (Art. 11a withdrawal function applies). */
export const euPack2026 = euPack('eu-2026-06-19', '2026-06-19', null, true);
