import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { silentLogger } from '../logger/logger.js';
import { money } from '../money/money.js';
import { definePolicy } from '../policy/define-policy.js';
import { evaluateReturn } from '../policy/evaluate-return.js';
import { testOrder } from '../refund/test-order.js';
import { applyReturnCaseEvent, replayReturnCase } from './return-case.js';
import { createReturnEventBus } from './return-event-bus.js';
import { describeReturnEvent, type ReturnNotification, toOutboxEvent } from './return-notifications.js';
import { createManualReturnShipping } from './return-shipping.js';
import { routeReturnDecision } from './route-return-decision.js';

const policy = definePolicy({
  schemaVersion: 1,
  id: 'shop-returns',
  version: 1,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  exclusions: [{ id: 'exclusion.hygiene', kind: 'hygiene_sealed', products: { productTypes: ['Cosmetics'] } }],
});

const order = testOrder({
  currency: 'TRY',
  country: 'TR',
  createdAt: '2026-03-02T10:00:00Z',
  lines: [
    { id: 'shirt', quantity: 2, unitPrice: 50000, taxes: [[0.2, 20000]] },
    { id: 'cream', quantity: 1, unitPrice: 15000, taxes: [[0.2, 3000]], type: 'Cosmetics' },
  ],
  shipping: { price: 3000 },
  fulfillments: [
    {
      id: 'f1',
      lines: [
        { lineItemId: 'shirt', quantity: 2 },
        { lineItemId: 'cream', quantity: 1 },
      ],
      shippedAt: '2026-03-03T09:00:00Z',
      deliveredAt: '2026-03-05T12:00:00Z',
    },
  ],
});

const evaluate = (lines: { lineItemId: string; quantity: number }[], now = '2026-03-10T10:00:00Z') =>
  evaluateReturn(
    policy,
    order,
    { lines: lines.map((line) => ({ ...line, reason: 'changed_mind' })) },
    { now, locale: 'tr-TR', shopTimeZone: 'Europe/Istanbul' },
  );

describe('routeReturnDecision', () => {
  it('auto-approves a clean yes, and sends it to a person over the limit', () => {
    const decision = evaluate([{ lineItemId: 'shirt', quantity: 2 }]);
    expect(decision.status).toBe('eligible');
    expect(routeReturnDecision(decision)).toEqual({ action: 'approve', reasons: [], appealable: true });
    expect(routeReturnDecision(decision, { autoApproveUpTo: money(50000, 'TRY') })).toEqual({
      action: 'review',
      reasons: ['over_limit'],
      appealable: true,
    });
    expect(routeReturnDecision(decision, { alwaysReview: true }).reasons).toEqual(['manual_policy']);
    expect(() => routeReturnDecision(decision, { autoApproveUpTo: money(100, 'EUR') })).toThrow(AftersaleError);
  });

  it('a conditional decision (is the seal intact?) waits for a person', () => {
    const decision = evaluate([{ lineItemId: 'cream', quantity: 1 }]);
    expect(decision.status).toBe('conditional');
    expect(routeReturnDecision(decision)).toMatchObject({ action: 'review', reasons: ['conditional'] });
  });

  it('no line returnable: declined with the way to a person open, or reviewed when the shop prefers', () => {
    const decision = evaluate([{ lineItemId: 'shirt', quantity: 1 }], '2026-06-30T10:00:00Z');
    expect(decision.status).toBe('ineligible');
    expect(routeReturnDecision(decision)).toEqual({ action: 'decline', reasons: [], appealable: true });
    expect(routeReturnDecision(decision, { whenIneligible: 'review' })).toMatchObject({
      action: 'review',
      reasons: ['ineligible'],
    });
  });

  it('uncertain points of law go to a person only when asked', () => {
    // A partial withdrawal touches the unsettled question of refunding outbound delivery.
    const decision = {
      ...evaluate([{ lineItemId: 'shirt', quantity: 1 }]),
      uncertainties: ['tr.withdrawal.partial_outbound_delivery'],
    };
    expect(routeReturnDecision(decision).action).toBe('approve');
    expect(routeReturnDecision(decision, { reviewUncertainLaw: true }).reasons).toEqual(['uncertain_law']);
  });
});

describe('events for the store app', () => {
  const requested = {
    type: 'requested' as const,
    at: '2026-03-10T10:00:00Z',
    actor: { kind: 'customer' as const, id: 'cus_1' },
    orderId: order.id,
    lines: [{ lineItemId: 'shirt', quantity: 1, resolution: 'refund' as const }],
    decision: {
      status: 'eligible' as const,
      refundTotal: money(61304, 'TRY'),
      policy: { id: 'shop-returns', version: 1 },
    },
  };

  it('carries a ready message in the customer language, the amount and the deadline', () => {
    const state = replayReturnCase('ret_9', [requested]);
    const approvedEvent = {
      type: 'approved' as const,
      at: '2026-03-10T10:00:01Z',
      actor: { kind: 'automation' as const, id: 'auto-approve' },
    };
    const approved = applyReturnCaseEvent(state, approvedEvent);
    const tr = describeReturnEvent(
      approved,
      { ...approvedEvent, override: false },
      {
        locale: 'tr-TR',
        orderName: '#1001',
        returnBy: '2026-03-19T20:59:59Z',
        timeZone: 'Europe/Istanbul',
      },
    );
    expect(tr.type).toBe('return-approved');
    expect(tr.payload.message).toBe(
      '#1001 numaralı siparişinizin iadesi onaylandı. Lütfen ürünleri 19 Mart 2026 tarihine kadar gönderin.',
    );
    const en = describeReturnEvent(
      approved,
      { ...approvedEvent, override: false },
      {
        locale: 'en-GB',
        orderName: '#1001',
        returnBy: '2026-03-19T20:59:59Z',
        timeZone: 'Europe/Istanbul',
      },
    );
    expect(en.payload.message).toBe(
      'Your return for order #1001 is approved. Please send the items back by 19 March 2026.',
    );

    const refundedEvent = {
      type: 'resolved' as const,
      at: '2026-03-20T10:00:00Z',
      actor: { kind: 'automation' as const },
      outcome: 'refunded' as const,
      amount: money(61304, 'TRY'),
      reference: 'rfd_1',
      note: null,
    };
    const refund = describeReturnEvent(approved, refundedEvent, { locale: 'tr-TR', orderName: '#1001' });
    expect(refund.type).toBe('refund-issued');
    expect(refund.payload.amount).toEqual(money(61304, 'TRY'));
    expect(refund.payload.message).toContain('613,04');
    const credit = describeReturnEvent(
      approved,
      { ...refundedEvent, outcome: 'credited' },
      { locale: 'en-US', orderName: '#1001' },
    );
    expect(credit.type).toBe('store-credit-issued');
    const exchange = describeReturnEvent(
      approved,
      { ...refundedEvent, outcome: 'exchanged' },
      { locale: 'en-US', orderName: '#1001' },
    );
    expect(exchange.type).toBe('exchange-created');

    const row = toOutboxEvent(refund);
    expect(row).toMatchObject({ type: 'refund-issued', subjectId: 'ret_9' });
    expect(JSON.parse(JSON.stringify(row.payload))).toEqual(row.payload);
  });

  it('a language without texts is a missing translation', () => {
    const state = replayReturnCase('ret_9', [requested]);
    let caught: unknown;
    try {
      describeReturnEvent(state, { ...requested, note: null }, { locale: 'de-DE', orderName: '#1001' });
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.isInstance(caught) && caught.code).toBe('missing_translation');
  });

  it('delivers to subscribers in process; a failing subscriber does not stop the others', async () => {
    const bus = createReturnEventBus({ logger: silentLogger });
    const seen: string[] = [];
    const off = bus.on('return-requested', (event) => {
      seen.push(`typed:${event.payload.caseId}`);
    });
    bus.on('*', () => {
      throw new Error('mail server down');
    });
    bus.on('*', (event) => {
      seen.push(`all:${event.type}`);
    });
    const state = replayReturnCase('ret_9', [requested]);
    const event: ReturnNotification = describeReturnEvent(
      state,
      { ...requested, note: null },
      {
        locale: 'en',
        orderName: '#1001',
      },
    );
    expect(await bus.emit(event)).toEqual({ delivered: 2, failed: 1 });
    off();
    expect(await bus.emit(event)).toEqual({ delivered: 1, failed: 1 });
    expect(seen).toEqual(['typed:ret_9', 'all:return-requested', 'all:return-requested']);
  });
});

describe('the manual return shipping provider', () => {
  it('records the carrier the merchant names and whether it is the designated one', async () => {
    const provider = createManualReturnShipping(() => ({
      carrier: 'Yurtiçi Kargo',
      designated: true,
      trackingNumber: 'YK1',
    }));
    const label = await provider.createLabel({ shopId: 's', caseId: 'ret_1', orderId: 'o', lines: [] });
    expect(label).toEqual({
      provider: 'manual',
      carrier: 'Yurtiçi Kargo',
      designated: true,
      trackingNumber: 'YK1',
      labelUrl: null,
      returnCode: null,
    });
    expect(await provider.track(label)).toBeNull();
    const bad = createManualReturnShipping(() => ({ carrier: ' ', designated: false }));
    await expect(bad.createLabel({ shopId: 's', caseId: 'ret_1', orderId: 'o', lines: [] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
