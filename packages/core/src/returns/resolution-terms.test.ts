import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import { definePolicy } from '../policy/define-policy.js';
import { evaluateReturn } from '../policy/evaluate-return.js';
import type { ResolutionOption } from '../policy/return-decision.js';
import { testOrder } from '../refund/test-order.js';
import { exchangeSettlement, offeredResolution, platformDeclineReason, storeCreditBonus } from './resolution-terms.js';
import { describeOrderEvent } from './return-notifications.js';
import { describeOrderNote } from './return-order-notes.js';

const order = testOrder({
  currency: 'TRY',
  country: 'TR',
  lines: [
    { id: 'shirt', quantity: 1, unitPrice: 50000, taxes: [[0.2, 10000]] },
    { id: 'sale', quantity: 1, unitPrice: 20000, lineDiscount: 10000, taxes: [[0.2, 2000]] },
  ],
  fulfillments: [
    {
      id: 'f1',
      lines: [
        { lineItemId: 'shirt', quantity: 1 },
        { lineItemId: 'sale', quantity: 1 },
      ],
      shippedAt: '2026-03-03T09:00:00Z',
      deliveredAt: '2026-03-05T12:00:00Z',
    },
  ],
});

const policy = definePolicy({
  schemaVersion: 1,
  id: 'terms',
  version: 1,
  currency: 'TRY',
  window: { days: 30, from: 'delivery' },
  exclusions: [{ id: 'exclusion.final-sale', kind: 'final_sale', minimumDiscountPercent: 50 }],
  resolutions: { storeCredit: { enabled: true, bonusPercent: 10 } },
});

const decide = (lineItemId: string, now: string) =>
  evaluateReturn(
    policy,
    order,
    { lines: [{ lineItemId, quantity: 1, reason: 'changed_mind' }] },
    { now, locale: 'en', shopTimeZone: 'Europe/Istanbul', customer: { kind: 'business' } },
  );

function exchangeOption(
  paidBy: 'customer_pays' | 'merchant_absorbs',
  absorbUpTo: number | null,
  difference: number | null,
): { option: ResolutionOption } {
  return {
    option: {
      kind: 'exchange',
      label: { code: 'resolution.label', params: { resolution: 'exchange' }, text: 'Exchange' },
      amount: null,
      bonus: null,
      priceDifference: {
        paidBy,
        absorbUpTo: absorbUpTo === null ? null : money(absorbUpTo, 'TRY'),
        difference: difference === null ? null : money(difference, 'TRY'),
        merchantAbsorbs: null,
        customerPays: null,
      },
      requiresConsent: false,
    },
  };
}

describe('resolution terms from the decision', () => {
  it('declines a platform return as final sale, period ended, or other', () => {
    expect(platformDeclineReason(decide('sale', '2026-03-10T10:00:00Z'))).toBe('final_sale');
    expect(platformDeclineReason(decide('shirt', '2026-06-30T10:00:00Z'))).toBe('return_period_ended');
    expect(platformDeclineReason(decide('shirt', '2026-03-10T10:00:00Z'))).toBe('other');
  });

  it('store credit is offered per returnable line, with the policy bonus', () => {
    const decision = decide('shirt', '2026-03-10T10:00:00Z');
    const offers = offeredResolution(decision, ['shirt'], 'store_credit', 'ret_1');
    expect(storeCreditBonus(offers, 'TRY')).toEqual(money(6000, 'TRY'));
    let caught: unknown;
    try {
      offeredResolution(decision, ['shirt'], 'exchange', 'ret_1');
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.isInstance(caught) && caught.code).toBe('resolution_not_offered');
  });

  it('the customer pays a difference, unless the merchant absorbs it within the limit; the shop refunds a negative one', () => {
    expect(exchangeSettlement([exchangeOption('customer_pays', null, 3000)], 'TRY', null, 'ret_1').settlement).toEqual({
      customerOwes: 'charge',
      shopOwes: 'refund',
    });
    expect(
      exchangeSettlement([exchangeOption('merchant_absorbs', null, null)], 'TRY', null, 'ret_1').settlement,
    ).toEqual({ customerOwes: 'absorb', shopOwes: 'refund' });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 4 }),
        (limit, differences) => {
          const offers = differences.map((difference) => exchangeOption('merchant_absorbs', limit, difference));
          const total = differences.reduce((all, difference) => all + difference, 0);
          const result = exchangeSettlement(offers, 'TRY', null, 'ret_1');
          expect(result.difference).toEqual(money(total, 'TRY'));
          expect(result.settlement.customerOwes).toBe(total <= limit ? 'absorb' : 'charge');
          expect(result.settlement.shopOwes).toBe('refund');
        },
      ),
    );
  });
});

describe('order notes', () => {
  it('an order event is noted with the refund id and the amount, in the language asked', () => {
    const event = describeOrderEvent('goodwill-refund-issued', {
      locale: 'en-GB',
      orderId: 'ord_1',
      orderName: '#1001',
      amount: money(7500, 'TRY'),
      refundId: 'rfd_gw_1',
      platformRefundId: null,
      reason: 'late delivery',
      at: '2026-03-10T10:00:00Z',
    });
    expect(describeOrderNote(event, 'en-GB')).toMatch(
      /^aftersale · Order #1001 · refund rfd_gw_1: goodwill refund issued, TRY\s75\.00$/,
    );
    expect(describeOrderNote(event, 'tr-TR')).toBe(
      'aftersale · Sipariş #1001 · iade kaydı rfd_gw_1: iyi niyet iadesi yapıldı, ₺75,00',
    );
  });
});
