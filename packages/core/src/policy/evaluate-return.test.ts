import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import type { Order } from '../model/schemas.js';
import { money } from '../money/money.js';
import { type TestLine, testOrder } from '../refund/test-order.js';
import { definePolicy } from './define-policy.js';
import { evaluateReturn } from './evaluate-return.js';
import type { PolicyInput } from './policy-schema.js';
import type { EvaluateReturnOptions, ReturnRequest } from './return-decision.js';

const tl = (amount: number) => money(amount, 'TRY');
const eur = (amount: number) => money(amount, 'EUR');

function shopPolicy(overrides: Partial<PolicyInput> = {}, currency = 'TRY') {
  const m = (amount: number) => money(amount, currency);
  return definePolicy({
    schemaVersion: 1,
    id: 'acme-returns',
    version: 3,
    currency,
    window: { days: 30, from: 'delivery', transitDays: 3 },
    windowOverrides: [
      { id: 'window.vip', customers: { tags: ['vip'] }, days: 60 },
      {
        id: 'window.holiday-2026',
        orderedBetween: { from: '2026-11-15', to: '2026-12-31' },
        returnUntil: '2027-01-31',
      },
    ],
    exclusions: [
      {
        id: 'exclusion.final-sale',
        kind: 'final_sale',
        products: { tags: ['final-sale'] },
        minimumDiscountPercent: 50,
      },
      { id: 'exclusion.gift-cards', kind: 'gift_card' },
      { id: 'exclusion.hygiene', kind: 'hygiene_sealed', products: { productTypes: ['Underwear', 'Cosmetics'] } },
      { id: 'exclusion.personalised', kind: 'personalised' },
      { id: 'exclusion.food', kind: 'perishable', products: { categories: ['food'] } },
    ],
    fees: {
      returnShipping: { amount: m(4990) },
      restocking: [{ id: 'fee.restocking-electronics', percent: 10, products: { tags: ['electronics'] } }],
      waivers: [
        { id: 'waiver.defects', bases: ['defect'] },
        { id: 'waiver.exchange', resolutions: ['exchange'] },
      ],
    },
    resolutions: {
      storeCredit: { enabled: true, bonusPercent: 10 },
      exchange: { enabled: true, priceDifference: 'merchant_absorbs', absorbUpTo: m(2000) },
      keepItem: { enabled: true, maximumValue: m(10000) },
    },
    ...overrides,
  });
}

/** An order delivered on `deliveredAt` (every line in one fulfilment unless `split`). */
function deliveredOrder(options: {
  currency?: string;
  country?: string;
  createdAt?: string;
  deliveredAt?: string | null;
  shippedAt?: string;
  lines?: TestLine[];
  split?: { lineId: string; deliveredAt: string | null }[];
}): Order {
  const lines = options.lines ?? [
    { id: 'shirt', quantity: 2, unitPrice: 50000, taxes: [[0.2, 20000]] },
    { id: 'mug', quantity: 1, unitPrice: 15000, taxes: [[0.2, 3000]] },
  ];
  const shippedAt = options.shippedAt ?? '2026-03-03T09:00:00Z';
  const fulfillments =
    options.split !== undefined
      ? options.split.map((part, index) => ({
          id: `f${index}`,
          lines: [{ lineItemId: part.lineId, quantity: lines.find((line) => line.id === part.lineId)?.quantity ?? 1 }],
          shippedAt,
          deliveredAt: part.deliveredAt,
        }))
      : [
          {
            id: 'f1',
            lines: lines.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
            shippedAt,
            deliveredAt: options.deliveredAt === undefined ? '2026-03-05T12:00:00Z' : options.deliveredAt,
          },
        ];
  return testOrder({
    currency: options.currency ?? 'TRY',
    country: options.country ?? 'TR',
    createdAt: options.createdAt ?? '2026-03-02T10:00:00Z',
    lines,
    shipping: { price: 3000 },
    fulfillments,
  });
}

const options = (now: string, extra: Partial<EvaluateReturnOptions> = {}): EvaluateReturnOptions => ({
  now,
  locale: 'tr-TR',
  shopTimeZone: 'Europe/Istanbul',
  ...extra,
});

const changedMind = (lineItemId = 'shirt', quantity = 1): ReturnRequest => ({
  lines: [{ lineItemId, quantity, reason: 'changed_mind' }],
});

describe('evaluateReturn: Turkey (cayma hakkı)', () => {
  it('day 10 after delivery: the withdrawal right wins over the policy because it costs the customer nothing', () => {
    const decision = evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), options('2026-03-15T10:00:00Z'));
    const line = decision.lines[0];
    expect(decision.status).toBe('eligible');
    expect(decision.jurisdiction).toMatchObject({ country: 'TR', source: 'shipping_address', consumer: true });
    expect(decision.jurisdiction.pack?.id).toBe('tr-2015-02-27');
    expect(line?.basis).toBe('statutory_withdrawal');
    expect(line?.explanation.params).toEqual({ basis: 'statutory_withdrawal', choice: 'lower_fees' });
    expect(line?.explanation.text).toBe(
      'Bu iade yasal cayma hakkınız kapsamında işleniyor, çünkü size daha az masraf çıkarıyor.',
    );
    // 14 days from receipt (5 March, Istanbul), to the end of 19 March in Istanbul.
    expect(line?.deadline).toBe('2026-03-19T23:59:59.999+03:00');
    expect(line?.waived).toEqual([
      expect.objectContaining({ kind: 'return_shipping', by: 'law', ruleId: 'tr.withdrawal.return_cost' }),
    ]);
    expect(decision.fees).toEqual([]);
    // 1 of 2 shirts: 500 + 100 KDV; partial withdrawal: shipping 30 × 600/1380 = 13.04.
    expect(line?.refund?.total).toEqual(tl(60000));
    expect(decision.refund?.shipping).toEqual(tl(1304));
    expect(decision.refund?.total).toEqual(tl(61304));
    expect(decision.refundDue).toMatchObject({ days: 14, from: 'withdrawal_notice', mayWithholdUntilGoodsBack: false });
    expect(decision.uncertainties).toContain('tr.withdrawal.partial_outbound_delivery');
    const citations = decision.trace.flatMap((entry) => (entry.citation ? [entry.citation.provision] : []));
    expect(citations).toEqual(expect.arrayContaining(['Art. 9; Law 6502 Art. 48(4)', 'Art. 13', 'Art. 12']));
  });

  it('with their own carrier, the consumer pays return shipping even on a withdrawal', () => {
    const decision = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      { ...changedMind(), carrier: 'own' },
      options('2026-03-15T10:00:00Z'),
    );
    // Both bases now cost the same; the withdrawal is the stronger right with the same deadline? No: the policy's is later.
    expect(decision.lines[0]?.basis).toBe('voluntary_policy');
    expect(decision.lines[0]?.explanation.params).toEqual({ basis: 'voluntary_policy', choice: 'later_deadline' });
    expect(decision.fees.map((fee) => fee.amount)).toEqual([tl(4990)]);
  });

  it('day 20: the withdrawal period is over, the store policy still takes it back, with its fee', () => {
    const decision = evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), options('2026-03-25T10:00:00Z'));
    const line = decision.lines[0];
    expect(line?.basis).toBe('voluntary_policy');
    expect(line?.explanation.params).toEqual({ basis: 'voluntary_policy', choice: 'only_basis' });
    expect(line?.deadline).toBe('2026-04-04T23:59:59.999+03:00');
    expect(line?.messages.map((entry) => entry.code)).toEqual(['voluntary.within_window']);
    expect(line?.messages[0]?.text).toBe(
      'Bu ürünü mağazanın iade politikasına göre 4 Nisan 2026 tarihine kadar iade edebilirsiniz.',
    );
    expect(decision.fees[0]?.message.text).toBe('₺49,90 iade kargo ücreti düşülür.');
    expect(decision.fees).toHaveLength(1);
    expect(decision.refund?.total).toEqual(tl(60000 - 4990));
    expect(decision.refund?.shipping).toEqual(tl(0));
    expect(decision.refundDue).toBeNull();
  });

  it('day 40: nothing allows it, and every basis says why, in Turkish', () => {
    const decision = evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), options('2026-04-14T10:00:00Z'));
    const line = decision.lines[0];
    expect(decision.status).toBe('ineligible');
    expect(decision.eligible).toBe(false);
    expect(decision.refund).toBeNull();
    expect(line?.basis).toBeNull();
    expect(line?.explanation.text).toBe('Bu ürün iade edilemiyor.');
    expect(line?.messages.map((entry) => entry.code)).toEqual(['voluntary.window_closed', 'withdrawal.period_ended']);
    expect(line?.messages[1]?.text).toBe('Yasal cayma süresi 19 Mart 2026 tarihinde sona erdi.');
  });

  it('a final-sale item is excluded by the policy but not by the law', () => {
    const order = deliveredOrder({ lines: [{ id: 'coat', quantity: 1, unitPrice: 200000, tags: ['final-sale'] }] });
    const decision = evaluateReturn(shopPolicy(), order, changedMind('coat'), options('2026-03-10T10:00:00Z'));
    const line = decision.lines[0];
    expect(line?.basis).toBe('statutory_withdrawal');
    expect(line?.explanation.params).toMatchObject({ choice: 'only_basis' });
    const voluntary = line?.assessments.find((assessment) => assessment.basis === 'voluntary_policy');
    expect(voluntary?.status).toBe('ineligible');
    expect(voluntary?.messages[0]?.text).toBe(
      'Mağazanın iade politikası son satış (iadesiz) ürünler için iade kabul etmiyor.',
    );
    // Whole order withdrawn: outbound shipping refunded in full.
    expect(decision.refund?.shippingMode).toBe('remaining');
    expect(decision.refund?.total).toEqual(tl(203000));
  });

  it('a line discounted by at least the threshold is final sale', () => {
    const order = deliveredOrder({
      country: 'US',
      lines: [{ id: 'coat', quantity: 1, unitPrice: 200000, lineDiscount: 100000 }],
    });
    const decision = evaluateReturn(shopPolicy(), order, changedMind('coat'), options('2026-03-10T10:00:00Z'));
    expect(decision.lines[0]?.status).toBe('ineligible');
    expect(decision.trace).toContainEqual(
      expect.objectContaining({ ruleId: 'exclusion.final-sale', outcome: 'failed' }),
    );
  });

  it('hygiene-sealed goods: conditional on the seal while unknown, excluded once broken, returnable while intact', () => {
    const order = deliveredOrder({ lines: [{ id: 'lipstick', quantity: 1, unitPrice: 40000, type: 'Cosmetics' }] });
    const request = (sealBroken?: boolean): ReturnRequest => ({
      lines: [
        {
          lineItemId: 'lipstick',
          quantity: 1,
          reason: 'changed_mind',
          ...(sealBroken === undefined ? {} : { sealBroken }),
        },
      ],
    });
    const unknown = evaluateReturn(shopPolicy(), order, request(), options('2026-03-10T10:00:00Z'));
    expect(unknown.status).toBe('conditional');
    expect(
      unknown.lines[0]?.conditions.map((condition) => [condition.code, condition.ruleId, condition.message.text]),
    ).toEqual([['seal_intact', 'tr.withdrawal.exception.hygiene_sealed', 'Yalnızca hijyen ambalajı açılmamışsa.']]);
    const broken = evaluateReturn(shopPolicy(), order, request(true), options('2026-03-10T10:00:00Z'));
    expect(broken.status).toBe('ineligible');
    expect(broken.lines[0]?.messages.map((entry) => entry.code)).toEqual([
      'voluntary.excluded',
      'withdrawal.exception',
    ]);
    const intact = evaluateReturn(shopPolicy(), order, request(false), options('2026-03-10T10:00:00Z'));
    expect(intact.status).toBe('eligible');
  });

  it('personalised goods (engraved) have no withdrawal right, with the article cited', () => {
    const order = deliveredOrder({
      lines: [{ id: 'ring', quantity: 1, unitPrice: 90000, properties: { engraving: 'A+B' } }],
    });
    const decision = evaluateReturn(
      shopPolicy(),
      order,
      changedMind('ring'),
      options('2026-03-10T10:00:00Z', { locale: 'en' }),
    );
    expect(decision.status).toBe('ineligible');
    expect(decision.lines[0]?.messages[1]?.text).toBe(
      'The legal right of withdrawal does not cover this item because it was made to your specifications or personalised.',
    );
    const entry = decision.trace.find((step) => step.ruleId === 'tr.withdrawal.exception.personalised');
    expect(entry?.citation?.provision).toBe('Art. 15(1)(b)');
  });

  it('a defect: the consumer chooses among refund, price reduction, repair and replacement, free of charge', () => {
    const order = deliveredOrder({ lines: [{ id: 'kettle', quantity: 1, unitPrice: 120000, tags: ['electronics'] }] });
    const decision = evaluateReturn(
      shopPolicy(),
      order,
      { lines: [{ lineItemId: 'kettle', quantity: 1, reason: 'defective', evidence: { description: true } }] },
      options('2026-10-01T10:00:00Z'),
    );
    const line = decision.lines[0];
    expect(line?.basis).toBe('defect_claim');
    expect(line?.status).toBe('eligible');
    expect(line?.remedies).toEqual([['termination', 'price_reduction', 'repair', 'replacement']]);
    expect(line?.explanation.text).toBe(
      'Bu iade ayıplı mala ilişkin yasal haklarınız kapsamında işleniyor, çünkü bu iadeye izin veren tek yol bu.',
    );
    expect(line?.messages[0]?.text).toBe('Ürün ayıplı olduğu için 5 Mart 2028 tarihine kadar yasal haklarınız var.');
    expect(line?.deadline).toBe('2028-03-05T23:59:59.999+03:00');
    expect(line?.fees).toEqual([]);
    expect(decision.refund?.total).toEqual(tl(120000 + 3000));
  });

  it('a defect claim without the evidence its reason asks for is conditional on it', () => {
    const order = deliveredOrder({});
    const decision = evaluateReturn(
      shopPolicy(),
      order,
      { lines: [{ lineItemId: 'mug', quantity: 1, reason: 'damaged_on_arrival' }] },
      options('2026-03-06T10:00:00Z', { locale: 'en-GB' }),
    );
    // The withdrawal needs no evidence, so it is eligible outright and wins.
    expect(decision.status).toBe('eligible');
    expect(decision.lines[0]?.basis).toBe('statutory_withdrawal');
    const defect = decision.lines[0]?.assessments.find((assessment) => assessment.basis === 'defect_claim');
    expect(defect?.conditions.map((condition) => condition.message.text)).toEqual(['Please add a photo of the item.']);
  });

  it('a business buyer has no statutory rights: the policy alone decides', () => {
    const decision = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      changedMind(),
      options('2026-03-15T10:00:00Z', { customer: { kind: 'business' } }),
    );
    expect(decision.jurisdiction.consumer).toBe(false);
    expect(decision.lines[0]?.basis).toBe('voluntary_policy');
    expect(decision.lines[0]?.assessments.map((assessment) => assessment.basis)).toEqual(['voluntary_policy']);
    expect(decision.messages.map((entry) => entry.text)).toEqual([
      'Yasal tüketici hakları ticari amaçla yapılan alımlarda uygulanmaz.',
    ]);
  });

  it('the withdrawal clock runs from the last item of a split delivery', () => {
    const order = deliveredOrder({
      split: [
        { lineId: 'shirt', deliveredAt: '2026-03-05T12:00:00Z' },
        { lineId: 'mug', deliveredAt: '2026-03-20T12:00:00Z' },
      ],
    });
    const decision = evaluateReturn(shopPolicy(), order, changedMind('shirt'), options('2026-03-25T10:00:00Z'));
    expect(decision.lines[0]?.basis).toBe('statutory_withdrawal');
    expect(decision.lines[0]?.deadline).toBe('2026-04-03T23:59:59.999+03:00');
    // The policy counts per line: the shirt's own window ends 30 days after 5 March.
    const voluntary = decision.lines[0]?.assessments.find((assessment) => assessment.basis === 'voluntary_policy');
    expect(voluntary?.deadline).toBe('2026-04-04T23:59:59.999+03:00');
  });

  it('before the last item arrives, the withdrawal right is open and its period has not started', () => {
    const order = deliveredOrder({
      split: [
        { lineId: 'shirt', deliveredAt: '2026-03-05T12:00:00Z' },
        { lineId: 'mug', deliveredAt: null },
      ],
    });
    const decision = evaluateReturn(shopPolicy(), order, changedMind('shirt'), options('2026-03-07T10:00:00Z'));
    const withdrawal = decision.lines[0]?.assessments.find((assessment) => assessment.basis === 'statutory_withdrawal');
    // Shipped on 3 March with 3 transit days: estimated receipt 6 March, period to 20 March.
    expect(withdrawal?.deadline).toBe('2026-03-20T23:59:59.999+03:00');
    expect(withdrawal?.deadlineEstimated).toBe(true);
    expect(withdrawal?.messages[0]?.code).toBe('withdrawal.estimated');
  });
});

describe('evaluateReturn: European Union', () => {
  const euPolicy = () => shopPolicy({}, 'EUR');
  const euOrder = (extra: Parameters<typeof deliveredOrder>[0] = {}) =>
    deliveredOrder({ currency: 'EUR', country: 'DE', ...extra });

  it('14 days from receipt; no restocking fee on a withdrawal; the disclosed return cost is charged', () => {
    const order = euOrder({
      lines: [{ id: 'phone', quantity: 1, unitPrice: 50000, tags: ['electronics'], taxes: [[0.19, 9500]] }],
    });
    const decision = evaluateReturn(
      euPolicy(),
      order,
      changedMind('phone'),
      options('2026-03-12T10:00:00Z', { locale: 'en', shopTimeZone: 'Europe/Berlin' }),
    );
    const line = decision.lines[0];
    expect(decision.jurisdiction.pack?.id).toBe('eu-2014-06-13');
    expect(line?.basis).toBe('statutory_withdrawal');
    expect(line?.explanation.text).toBe(
      'This return is handled under your legal right of withdrawal, because it costs you less.',
    );
    expect(line?.waived).toEqual([
      expect.objectContaining({ kind: 'restocking', by: 'law', ruleId: 'eu.withdrawal.no_fees' }),
    ]);
    expect(decision.fees.map((fee) => fee.amount)).toEqual([eur(4990)]);
    expect(line?.deadline).toBe('2026-03-19T23:59:59.999+01:00');
    expect(decision.refundDue).toMatchObject({ days: 14, mayWithholdUntilGoodsBack: true });
    expect(decision.refundDue?.citation.provision).toBe('Art. 13(1), 13(3)');
    // The whole order is withdrawn: outbound delivery comes back in full.
    expect(decision.refund?.total).toEqual(eur(59500 + 3000 - 4990));
  });

  it('when return costs were not disclosed, the consumer does not pay them', () => {
    const policy = shopPolicy({ merchant: { returnCostsDisclosed: false } }, 'EUR');
    const decision = evaluateReturn(
      policy,
      euOrder({}),
      changedMind(),
      options('2026-03-12T10:00:00Z', { locale: 'en' }),
    );
    expect(decision.fees).toEqual([]);
    expect(decision.lines[0]?.waived[0]).toMatchObject({
      kind: 'return_shipping',
      ruleId: 'eu.withdrawal.return_cost',
      by: 'law',
    });
  });

  it('not informed of the right: the period runs 12 months longer (Art. 10)', () => {
    const policy = shopPolicy({ merchant: { informedOfWithdrawal: false } }, 'EUR');
    const decision = evaluateReturn(
      policy,
      euOrder({}),
      changedMind(),
      options('2027-01-10T10:00:00Z', { locale: 'en', shopTimeZone: 'Europe/Berlin' }),
    );
    const line = decision.lines[0];
    expect(line?.basis).toBe('statutory_withdrawal');
    expect(line?.deadline).toBe('2027-03-19T23:59:59.999+01:00');
    expect(line?.messages[0]?.code).toBe('withdrawal.extended');
  });

  it('information given late: the period ends 14 days after it was given', () => {
    const policy = shopPolicy({ merchant: { informedOfWithdrawal: false } }, 'EUR');
    const decision = evaluateReturn(
      policy,
      euOrder({}),
      changedMind(),
      options('2026-05-10T10:00:00Z', {
        locale: 'en',
        shopTimeZone: 'Europe/Berlin',
        withdrawalInformationGivenAt: '2026-05-01T09:00:00Z',
      }),
    );
    const withdrawal = decision.lines[0]?.assessments.find((assessment) => assessment.basis === 'statutory_withdrawal');
    expect(withdrawal?.deadline).toBe('2026-05-15T23:59:59.999+02:00');
    expect(withdrawal?.status).toBe('eligible');
  });

  it('contracts from 19 June 2026 get the pack with the Art. 11a withdrawal function', () => {
    const order = euOrder({
      createdAt: '2026-07-01T10:00:00Z',
      shippedAt: '2026-07-02T10:00:00Z',
      deliveredAt: '2026-07-03T10:00:00Z',
    });
    const decision = evaluateReturn(
      euPolicy(),
      order,
      changedMind(),
      options('2026-07-05T10:00:00Z', { locale: 'en' }),
    );
    expect(decision.jurisdiction.pack?.id).toBe('eu-2026-06-19');
    expect(decision.trace.map((entry) => entry.ruleId)).toContain('eu.withdrawal.function');
  });

  it('a defect after eight months: repair or replacement first, free of charge, under Directive 2019/771', () => {
    const decision = evaluateReturn(
      euPolicy(),
      euOrder({}),
      { lines: [{ lineItemId: 'mug', quantity: 1, reason: 'defective', evidence: { description: true } }] },
      options('2026-11-05T10:00:00Z', { locale: 'en', shopTimeZone: 'Europe/Berlin' }),
    );
    const line = decision.lines[0];
    expect(line?.basis).toBe('defect_claim');
    expect(line?.remedies).toEqual([
      ['repair', 'replacement'],
      ['price_reduction', 'termination'],
    ]);
    expect(line?.deadline).toBe('2028-03-05T23:59:59.999+01:00');
    expect(decision.trace).toContainEqual(
      expect.objectContaining({ ruleId: 'eu.conformity.presumption', outcome: 'applied' }),
    );
    expect(decision.uncertainties).toContain('eu.conformity.period');
  });

  it("the consumer's country decides the law, and the caller can override it", () => {
    const order = euOrder({});
    const asTurkish = evaluateReturn(
      euPolicy(),
      order,
      changedMind(),
      options('2026-03-12T10:00:00Z', { consumerCountry: 'TR' }),
    );
    expect(asTurkish.jurisdiction).toMatchObject({ country: 'TR', source: 'option' });
    const resident = evaluateReturn(
      euPolicy(),
      order,
      changedMind(),
      options('2026-03-12T10:00:00Z', { customer: { country: 'FR' } }),
    );
    expect(resident.jurisdiction).toMatchObject({ country: 'FR', source: 'customer' });
    expect(resident.jurisdiction.pack?.jurisdiction).toBe('EU');
  });
});

describe('evaluateReturn: United Kingdom and United States', () => {
  it('UK: a fault within 30 days gives the short-term right to reject', () => {
    const policy = shopPolicy({}, 'GBP');
    const order = deliveredOrder({ currency: 'GBP', country: 'GB' });
    const decision = evaluateReturn(
      policy,
      order,
      { lines: [{ lineItemId: 'mug', quantity: 1, reason: 'defective', evidence: { description: true } }] },
      options('2026-03-25T10:00:00Z', { locale: 'en-GB', shopTimeZone: 'Europe/London' }),
    );
    const line = decision.lines[0];
    expect(line?.basis).toBe('defect_claim');
    expect(line?.remedies[0]).toEqual(['short_term_rejection']);
    expect(line?.messages[0]?.text).toBe(
      'As the item is faulty, you can reject it for a full refund until 4 April 2026.',
    );
  });

  it('US: no statutory right; the policy decides and the decision says so', () => {
    const policy = shopPolicy({}, 'USD');
    const order = deliveredOrder({ currency: 'USD', country: 'US' });
    const decision = evaluateReturn(
      policy,
      order,
      changedMind(),
      options('2026-03-15T10:00:00Z', { locale: 'en-US', shopTimeZone: 'America/New_York' }),
    );
    expect(decision.jurisdiction.pack?.id).toBe('us-2000-01-01');
    expect(decision.lines[0]?.basis).toBe('voluntary_policy');
    expect(decision.messages[0]?.text).toBe("No statutory return right is known for US; the store's policy decides.");
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual(
      expect.arrayContaining(['us.ca.posted_policy', 'us.ny.posted_policy']),
    );
  });
});

describe('evaluateReturn: the policy language', () => {
  const usOptions = (now: string, extra: Partial<EvaluateReturnOptions> = {}) =>
    options(now, { locale: 'en', consumerCountry: 'US', ...extra });

  it("deadlines end at midnight in the shop's time zone, not UTC", () => {
    // Delivered 22:30 UTC on 1 March = 01:30 on 2 March in Istanbul: the window counts from 2 March.
    const order = deliveredOrder({ deliveredAt: '2026-03-01T22:30:00Z', shippedAt: '2026-02-28T09:00:00Z' });
    const before = evaluateReturn(shopPolicy(), order, changedMind(), usOptions('2026-04-01T20:59:59Z'));
    expect(before.lines[0]?.deadline).toBe('2026-04-01T23:59:59.999+03:00');
    expect(before.lines[0]?.status).toBe('eligible');
    const after = evaluateReturn(shopPolicy(), order, changedMind(), usOptions('2026-04-01T21:00:00Z'));
    expect(after.lines[0]?.status).toBe('ineligible');
  });

  it('the VIP override gives 60 days, and the decision says which window applied', () => {
    const decision = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      changedMind(),
      usOptions('2026-04-20T10:00:00Z', { customer: { tags: ['VIP'] } }),
    );
    expect(decision.lines[0]?.status).toBe('eligible');
    expect(decision.lines[0]?.deadline).toBe('2026-05-04T23:59:59.999+03:00');
    const window = decision.trace.find((entry) => entry.ruleId === 'window.vip');
    expect(window?.facts).toMatchObject({ considered: ['window.default', 'window.vip'] });
  });

  it('holiday window: orders placed 15 Nov to 31 Dec may return until 31 January', () => {
    const order = deliveredOrder({
      createdAt: '2026-11-20T10:00:00Z',
      shippedAt: '2026-11-21T10:00:00Z',
      deliveredAt: '2026-11-23T10:00:00Z',
    });
    const decision = evaluateReturn(shopPolicy(), order, changedMind(), usOptions('2027-01-30T10:00:00Z'));
    expect(decision.lines[0]?.status).toBe('eligible');
    expect(decision.lines[0]?.deadline).toBe('2027-01-31T23:59:59.999+03:00');
    expect(decision.trace).toContainEqual(
      expect.objectContaining({ ruleId: 'window.holiday-2026', outcome: 'passed' }),
    );
  });

  it('an explicit priority beats the longest window', () => {
    const policy = shopPolicy({
      windowOverrides: [{ id: 'window.sale', priority: 10, days: 7, products: { tags: ['sale'] } }],
    });
    const order = deliveredOrder({ lines: [{ id: 'shirt', quantity: 1, unitPrice: 50000, tags: ['sale'] }] });
    const decision = evaluateReturn(policy, order, changedMind(), usOptions('2026-03-20T10:00:00Z'));
    expect(decision.lines[0]?.status).toBe('ineligible');
    expect(decision.lines[0]?.assessments[0]?.ruleIds).toContain('window.sale');
  });

  it('restocking fee by product scope, waived for an exchange', () => {
    const order = deliveredOrder({ lines: [{ id: 'phone', quantity: 1, unitPrice: 50000, tags: ['electronics'] }] });
    const refund = evaluateReturn(shopPolicy(), order, changedMind('phone'), usOptions('2026-03-15T10:00:00Z'));
    expect(refund.lines[0]?.fees.map((fee) => [fee.kind, fee.amount.amount])).toEqual([['restocking', 5000]]);
    expect(refund.lines[0]?.fees[0]?.message.text.replace(/\u00a0/g, ' ')).toBe(
      'A restocking fee of 10% (TRY 50.00) is deducted.',
    );
    expect(refund.refund?.total).toEqual(tl(50000 + 3000 - 5000 - 4990));
    const exchange = evaluateReturn(
      shopPolicy(),
      order,
      { lines: [{ lineItemId: 'phone', quantity: 1, reason: 'changed_mind', resolution: 'exchange' }] },
      usOptions('2026-03-15T10:00:00Z'),
    );
    expect(exchange.lines[0]?.fees).toEqual([]);
    expect(exchange.fees).toEqual([]);
    expect(exchange.lines[0]?.waived.map((waived) => waived.ruleId)).toEqual(['waiver.exchange', 'waiver.exchange']);
  });

  it('resolutions: refund, store credit with bonus, exchange terms, keep the item under the threshold', () => {
    const decision = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      changedMind('mug'),
      usOptions('2026-03-15T10:00:00Z'),
    );
    const offered = decision.lines[0]?.resolutions ?? [];
    expect(offered.map((option) => [option.kind, option.amount?.amount ?? null])).toEqual([
      ['refund', 18000],
      ['store_credit', 19800],
      ['exchange', null],
    ]);
    expect(offered.find((option) => option.kind === 'exchange')?.priceDifference).toEqual({
      paidBy: 'merchant_absorbs',
      absorbUpTo: tl(2000),
      difference: null,
      merchantAbsorbs: null,
      customerPays: null,
    });
    // A dearer replacement: ₺230 for a ₺180 mug; the merchant absorbs ₺20, the customer pays ₺30.
    const dearer = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      {
        lines: [
          { lineItemId: 'mug', quantity: 1, reason: 'changed_mind', resolution: 'exchange', exchangePrice: tl(23000) },
        ],
      },
      usOptions('2026-03-15T10:00:00Z'),
    );
    expect(dearer.lines[0]?.resolutions.find((option) => option.kind === 'exchange')?.priceDifference).toEqual({
      paidBy: 'merchant_absorbs',
      absorbUpTo: tl(2000),
      difference: tl(5000),
      merchantAbsorbs: tl(2000),
      customerPays: tl(3000),
    });
    const cheap = deliveredOrder({ lines: [{ id: 'pin', quantity: 1, unitPrice: 5000 }] });
    const keep = evaluateReturn(shopPolicy(), cheap, changedMind('pin'), usOptions('2026-03-15T10:00:00Z'));
    expect(keep.lines[0]?.resolutions.map((option) => option.kind)).toEqual([
      'refund',
      'store_credit',
      'exchange',
      'keep_item',
    ]);
  });

  it('keeping the item sends nothing back, so no return shipping; above the threshold it is not offered', () => {
    const cheap = deliveredOrder({ country: 'US', lines: [{ id: 'pin', quantity: 1, unitPrice: 5000 }] });
    const keep = (order: Order, lineItemId: string) =>
      evaluateReturn(
        shopPolicy(),
        order,
        { lines: [{ lineItemId, quantity: 1, reason: 'changed_mind', resolution: 'keep_item' }] },
        usOptions('2026-03-15T10:00:00Z'),
      );
    expect(keep(cheap, 'pin').fees).toEqual([]);
    // The whole order comes back (as money), so the outbound shipping too (when_all_returned).
    expect(keep(cheap, 'pin').refund?.total).toEqual(tl(5000 + 3000));
    const dear = deliveredOrder({ country: 'US', lines: [{ id: 'coat', quantity: 1, unitPrice: 50000 }] });
    expect(keep(dear, 'coat').fees.map((fee) => fee.kind)).toEqual(['return_shipping']);
  });

  it('a gift card withdrawn under the law is marked as unsettled', () => {
    const order = deliveredOrder({
      country: 'DE',
      currency: 'EUR',
      lines: [{ id: 'card', quantity: 1, unitPrice: 5000, giftCard: true }],
    });
    const decision = evaluateReturn(
      shopPolicy({}, 'EUR'),
      order,
      changedMind('card'),
      options('2026-03-10T10:00:00Z', { locale: 'en' }),
    );
    expect(decision.lines[0]?.basis).toBe('statutory_withdrawal');
    expect(decision.uncertainties).toContain('eu.gift_cards');
  });

  it("store credit needs the consumer's consent under a withdrawal", () => {
    const decision = evaluateReturn(
      shopPolicy(),
      deliveredOrder({}),
      changedMind('mug'),
      options('2026-03-10T10:00:00Z'),
    );
    const credit = decision.lines[0]?.resolutions.find((option) => option.kind === 'store_credit');
    expect(credit?.requiresConsent).toBe(true);
    expect(decision.lines[0]?.resolutions[0]).toMatchObject({ kind: 'refund', requiresConsent: false });
  });

  it('order limits and the returns cap bind the policy, never the law', () => {
    const policy = shopPolicy({
      limits: { excludedOrderTags: ['wholesale'], returnsPerCustomer: { maximum: 3, periodDays: 90 } },
    });
    const order = { ...deliveredOrder({}), tags: ['Wholesale'] };
    const turkish = evaluateReturn(
      policy,
      order,
      changedMind(),
      options('2026-03-10T10:00:00Z', { customer: { returns: { periodDays: 90, count: 3 } } }),
    );
    expect(turkish.lines[0]?.basis).toBe('statutory_withdrawal');
    const voluntary = turkish.lines[0]?.assessments[0];
    expect(voluntary?.messages.map((entry) => entry.code)).toEqual([
      'voluntary.order_limit',
      'voluntary.returns_limit',
    ]);
    const unknown = evaluateReturn(
      shopPolicy({ limits: { returnsPerCustomer: { maximum: 3, periodDays: 90 } } }),
      deliveredOrder({}),
      changedMind(),
      usOptions('2026-03-10T10:00:00Z'),
    );
    expect(unknown.status).toBe('conditional');
    expect(unknown.lines[0]?.conditions[0]?.code).toBe('returns_unverified');
  });

  it('items not yet shipped: the window has not started', () => {
    const order = testOrder({
      currency: 'TRY',
      country: 'US',
      lines: [{ id: 'shirt', quantity: 1, unitPrice: 50000 }],
    });
    const decision = evaluateReturn(shopPolicy(), order, changedMind(), usOptions('2026-03-10T10:00:00Z'));
    expect(decision.lines[0]?.status).toBe('eligible');
    expect(decision.lines[0]?.deadline).toBeNull();
    expect(decision.lines[0]?.messages[0]?.code).toBe('voluntary.window_not_started');
  });

  it('several lines: one eligible, one not', () => {
    const order = deliveredOrder({
      country: 'US',
      lines: [
        { id: 'shirt', quantity: 1, unitPrice: 50000 },
        { id: 'card', quantity: 1, unitPrice: 10000, giftCard: true },
      ],
    });
    const decision = evaluateReturn(
      shopPolicy(),
      order,
      {
        lines: [
          { lineItemId: 'shirt', quantity: 1, reason: 'too_small' },
          { lineItemId: 'card', quantity: 1, reason: 'changed_mind' },
        ],
      },
      usOptions('2026-03-10T10:00:00Z'),
    );
    expect(decision.status).toBe('partially_eligible');
    expect(decision.lines.map((line) => line.status)).toEqual(['eligible', 'ineligible']);
    expect(decision.refund?.lines.map((line) => line.lineItemId)).toEqual(['shirt']);
    expect(decision.lines[0]?.reason.label.text).toBe('Too small');
  });
});

describe('evaluateReturn: typed errors', () => {
  const now = options('2026-03-10T10:00:00Z');
  const codeOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      return AftersaleError.isInstance(error) ? error.code : 'not an AftersaleError';
    }
    return undefined;
  };

  it('a line that does not exist', () => {
    expect(codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind('nope'), now))).toBe(
      'unknown_line_item',
    );
  });
  it('more than is refundable', () => {
    expect(codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind('shirt', 3), now))).toBe(
      'exceeds_refundable',
    );
  });
  it('a policy in another currency', () => {
    expect(codeOf(() => evaluateReturn(shopPolicy({}, 'EUR'), deliveredOrder({}), changedMind(), now))).toBe(
      'currency_mismatch',
    );
  });
  it('a parent reason, or one not in the tree', () => {
    const request = (reason: string): ReturnRequest => ({ lines: [{ lineItemId: 'shirt', quantity: 1, reason }] });
    expect(codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), request('size_fit'), now))).toBe(
      'invalid_return_request',
    );
    expect(codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), request('bored'), now))).toBe(
      'invalid_return_request',
    );
  });
  it('a language without translations', () => {
    expect(
      codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), { ...now, locale: 'de-DE' })),
    ).toBe('missing_translation');
  });
  it('a consumer country that is not an ISO code', () => {
    expect(
      codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), { ...now, consumerCountry: 'tr' })),
    ).toBe('invalid_return_request');
  });
  it('a bad time zone or clock', () => {
    expect(
      codeOf(() =>
        evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), { ...now, shopTimeZone: 'Mars/Olympus' }),
      ),
    ).toBe('invalid_return_request');
    expect(
      codeOf(() => evaluateReturn(shopPolicy(), deliveredOrder({}), changedMind(), { ...now, now: 'yesterday' })),
    ).toBe('invalid_return_request');
  });
});
