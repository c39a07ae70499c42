import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { parseCustomer } from '../../model/parse-order.js';
import { testOrder } from './crm-fixtures.test-support.js';
import { createPurchaseHistory } from './purchase-history.js';

const shopId = 'acme.myshopify.com';
const now = new Date('2026-06-01T00:00:00Z');
const clock = () => now;

function threeChannels() {
  const history = createPurchaseHistory({ shopId, clock });
  const shopify = history.addOrder(
    testOrder({
      id: 'S1',
      at: '2026-01-10T10:00:00Z',
      customerId: 'gid://shopify/Customer/1',
      email: 'Ayse.Yilmaz@Example.com',
      lines: [{ sku: 'TEAPOT', price: 10_000 }],
    }),
  );
  const woo = history.addOrder(
    testOrder({
      id: '501',
      platform: 'woocommerce',
      at: '2026-02-10T10:00:00Z',
      customerId: '77',
      email: ' ayse.yilmaz@example.com',
      phone: '+90 532 123 45 67',
      lines: [{ sku: 'TEA-GLASS-6', price: 5_000, quantity: 2 }],
    }),
  );
  const guest = history.addOrder(
    testOrder({
      id: 'S2',
      at: '2026-03-12T10:00:00Z',
      email: 'other-address@example.org',
      phone: '0532 123 45 67',
      countryCode: 'TR',
      lines: [{ sku: 'COFFEE-1KG', price: 3_000 }],
    }),
  );
  return { history, shopify, woo, guest };
}

describe('createPurchaseHistory: one customer across platforms', () => {
  it('matches Shopify, WooCommerce and guest orders on normalised e-mail and E.164 phone', () => {
    const { history, shopify, woo, guest } = threeChannels();
    expect(woo).toBe(shopify);
    expect(guest).toBe(shopify);
    expect(history.profileCount).toBe(1);
    const profile = history.getProfile(shopify);
    expect(profile?.members.sort()).toEqual([
      'customer:shopify:gid://shopify/Customer/1',
      'customer:woocommerce:77',
      'guest:shopify:S2',
    ]);
    expect(profile?.emails.sort()).toEqual(['ayse.yilmaz@example.com', 'other-address@example.org']);
    expect(profile?.phones).toEqual(['+905321234567']);
    expect(history.findProfileId({ email: 'OTHER-address@example.org' })).toBe(shopify);
    expect(history.findProfileId({ phone: '+905321234567' })).toBe(shopify);
    expect(history.findProfileId({ platform: 'woocommerce', customerId: '77' })).toBe(shopify);
  });

  it('records the merges when identities found apart turn out to be one person', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const first = history.addOrder(
      testOrder({ id: 'A', at: '2026-01-01T00:00:00Z', email: 'a@example.com', lines: [{ sku: 'X', price: 100 }] }),
    );
    const second = history.addOrder(
      testOrder({ id: 'B', at: '2026-01-02T00:00:00Z', phone: '+12125551234', lines: [{ sku: 'Y', price: 100 }] }),
    );
    expect(first).not.toBe(second);
    const joined = history.addOrder(
      testOrder({
        id: 'C',
        at: '2026-01-03T00:00:00Z',
        email: 'A@example.com',
        phone: '+1 212 555 1234',
        lines: [{ sku: 'Z', price: 100 }],
      }),
    );
    expect(joined).toBe(first);
    expect(history.profileCount).toBe(1);
    const merges = history.merges();
    // C's guest identity joined A's profile on the e-mail, then B's profile was merged in on the phone.
    expect(merges.map((record) => [record.reason, record.survivorId, record.absorbedMembers])).toEqual([
      ['email', first, ['guest:shopify:C']],
      ['phone', first, ['guest:shopify:B']],
    ]);
    expect(merges[1]?.absorbedId).toBe(second);
    expect(history.metrics(first).orderCount).toBe(3);
    // The old id still resolves.
    expect(history.findProfileId({ profileId: second })).toBe(first);
  });

  it('undoes a merge: identities and their records go back, and stay apart afterwards', () => {
    const { history, shopify } = threeChannels();
    const merge = history.merges().find((record) => record.reason === 'phone');
    expect(merge).toBeDefined();
    const { survivorId, restoredId } = history.unmerge(merge?.id as string);
    expect(survivorId).toBe(shopify);
    expect(restoredId).toBe(merge?.absorbedId);
    expect(history.getProfile(restoredId)?.members).toEqual(['guest:shopify:S2']);
    expect(history.metrics(restoredId).orderCount).toBe(1);
    expect(history.metrics(survivorId).orderCount).toBe(2);
    expect(history.metrics(survivorId).grossSpend).toEqual({ amount: 20_000, currency: 'EUR' });
    expect(history.merges().find((record) => record.id === merge?.id)?.undoneAt).toBe(now.toISOString());
    // A new guest order with the shared phone does not glue them together again.
    history.addOrder(
      testOrder({
        id: 'S3',
        at: '2026-04-01T00:00:00Z',
        email: 'other-address@example.org',
        phone: '+905321234567',
        lines: [{ sku: 'CEZVE', price: 2_000 }],
      }),
    );
    expect(history.profileCount).toBe(2);
    expect(() => history.unmerge(merge?.id as string)).toThrow(/already undone/);
    // A merchant can still merge them by hand, and undo that too.
    const manual = history.merge(survivorId, restoredId);
    expect(manual.reason).toBe('manual');
    expect(history.profileCount).toBe(1);
    history.unmerge(manual.id);
    expect(history.profileCount).toBe(2);
  });

  it('links accounts the platform says are one person (otherIds)', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const woo = history.addOrder(
      testOrder({
        id: '9',
        platform: 'woocommerce',
        at: '2026-01-01T00:00:00Z',
        customerId: '5',
        lines: [{ sku: 'X', price: 1 }],
      }),
    );
    const customer = parseCustomer({
      id: 'gid://shopify/Customer/8',
      source: { platform: 'shopify', id: 'gid://shopify/Customer/8' },
      otherIds: [{ platform: 'woocommerce', id: '5' }],
      firstName: 'Ayşe',
      locale: 'tr-TR',
      marketingConsent: { email: true, sms: false },
      createdAt: '2025-12-01T00:00:00Z',
    });
    const profileId = history.addCustomer(customer);
    expect(profileId).toBe(woo);
    const profile = history.getProfile(profileId);
    expect(profile?.firstName).toBe('Ayşe');
    expect(profile?.preferences.language).toBe('tr-TR');
    expect(profile?.consent.email).toEqual({ granted: true, at: '2025-12-01T00:00:00Z', source: 'shopify' });
    expect(profile?.consent.sms?.granted).toBe(false);
  });
});

describe('createPurchaseHistory: metrics', () => {
  it('computes counts, spend, AOV, dates, return and complaint rates and CSAT exactly', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const profileId = history.addOrder(
      testOrder({
        id: 'O1',
        at: '2026-01-01T00:00:00Z',
        customerId: 'c1',
        lines: [
          { sku: 'SHIRT', price: 3_333, quantity: 3 },
          { sku: 'TIE', price: 1_000 },
        ],
        refunds: [{ id: 'R1', at: '2026-01-10T00:00:00Z', line: 0, quantity: 1, amount: 3_333 }],
      }),
    );
    history.addOrder(
      testOrder({
        id: 'O2',
        at: '2026-01-21T00:00:00Z',
        customerId: 'c1',
        lines: [{ sku: 'BELT', price: 2_000 }],
        refunds: [{ id: 'R2', at: '2026-01-25T00:00:00Z', line: 0, quantity: 1, amount: 500, returned: false }],
      }),
    );
    history.addOrder(
      testOrder({ id: 'O3', at: '2026-02-10T00:00:00Z', customerId: 'c1', lines: [{ sku: 'SOCKS', price: 1_001 }] }),
    );
    history.addOrder(
      testOrder({
        id: 'O4',
        at: '2026-03-01T00:00:00Z',
        customerId: 'c1',
        cancelledAt: '2026-03-02T00:00:00Z',
        lines: [{ sku: 'SANDAL', price: 9_999 }],
      }),
    );
    history.addComplaint({
      id: 'cmp_1',
      at: '2026-01-12T00:00:00Z',
      customer: { customerId: 'c1' },
      orderId: 'O1',
      channel: 'email',
      status: 'open',
    });
    history.addFeedback({ id: 'fbk_1', at: '2026-01-15T00:00:00Z', customer: { orderId: 'O1' }, csat: 2 });
    history.addFeedback({ id: 'fbk_2', at: '2026-02-15T00:00:00Z', customer: { customerId: 'c1' }, csat: 5 });
    const metrics = history.metrics(profileId);
    expect(metrics.orderCount).toBe(3);
    expect(metrics.cancelledOrderCount).toBe(1);
    expect(metrics.currency).toBe('EUR');
    expect(metrics.grossSpend).toEqual({ amount: 9_999 + 1_000 + 2_000 + 1_001, currency: 'EUR' });
    expect(metrics.refunded).toEqual({ amount: 3_833, currency: 'EUR' });
    expect(metrics.netSpend).toEqual({ amount: 14_000 - 3_833, currency: 'EUR' });
    expect(metrics.averageOrderValue).toEqual({ amount: 4_667, currency: 'EUR' }); // 14000 / 3 = 4666.67
    expect(metrics.firstOrderAt).toBe('2026-01-01T00:00:00.000Z');
    expect(metrics.lastOrderAt).toBe('2026-02-10T00:00:00.000Z');
    expect(metrics.averageDaysBetweenOrders).toBe(20);
    expect(metrics.daysSinceLastOrder).toBe(111);
    expect(metrics.unitsPurchased).toBe(6);
    expect(metrics.unitsReturned).toBe(1); // the no-restock refund is money back, not a return
    expect(metrics.returnRateUnits).toBeCloseTo(1 / 6, 12);
    expect(metrics.returnRateValue).toBeCloseTo(3_333 / 14_000, 12);
    expect(metrics.complaintCount).toBe(1);
    expect(metrics.complaintRate).toBeCloseTo(1 / 3, 12);
    expect(metrics.averageCsat).toBe(3.5);
    expect(metrics.spend).toHaveLength(1);
  });

  it('keeps currencies apart and reports the one ordered in most', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const id = history.addOrder(
      testOrder({
        id: 'T1',
        at: '2026-01-01T00:00:00Z',
        customerId: 'c',
        currency: 'TRY',
        lines: [{ sku: 'A', price: 50_000 }],
      }),
    );
    history.addOrder(
      testOrder({ id: 'E1', at: '2026-01-02T00:00:00Z', customerId: 'c', lines: [{ sku: 'A', price: 1_500 }] }),
    );
    history.addOrder(
      testOrder({ id: 'E2', at: '2026-01-03T00:00:00Z', customerId: 'c', lines: [{ sku: 'B', price: 500 }] }),
    );
    const metrics = history.metrics(id);
    expect(metrics.currency).toBe('EUR');
    expect(metrics.grossSpend).toEqual({ amount: 2_000, currency: 'EUR' });
    expect(metrics.spend.map((entry) => [entry.currency, entry.grossSpend.amount])).toEqual([
      ['EUR', 2_000],
      ['TRY', 50_000],
    ]);
    expect(metrics.orderCount).toBe(3);
  });

  it('has empty metrics for a profile without orders', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const id = history.addContact({
      id: 'cnt_1',
      at: '2026-01-01T00:00:00Z',
      customer: { email: 'someone@example.com' },
      channel: 'chat',
      direction: 'inbound',
      topic: 'pre-sale',
    });
    const metrics = history.metrics(id);
    expect(metrics.orderCount).toBe(0);
    expect(metrics.grossSpend).toBeNull();
    expect(metrics.averageDaysBetweenOrders).toBeNull();
    expect(metrics.returnRateUnits).toBeNull();
    expect(metrics.complaintRate).toBeNull();
  });
});

describe('createPurchaseHistory: incremental updates', () => {
  it('replacing an order (a refund arrives later) updates totals without double counting', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const base = {
      id: 'O1',
      at: '2026-01-01T00:00:00Z',
      customerId: 'c',
      lines: [{ sku: 'A', price: 4_000, quantity: 2 }],
    };
    const id = history.addOrder(testOrder(base));
    history.addOrder(
      testOrder({ ...base, refunds: [{ id: 'R1', at: '2026-01-05T00:00:00Z', line: 0, quantity: 1, amount: 4_000 }] }),
    );
    const metrics = history.metrics(id);
    expect(metrics.orderCount).toBe(1);
    expect(metrics.netSpend).toEqual({ amount: 4_000, currency: 'EUR' });
    expect(metrics.unitsReturned).toBe(1);
    expect(history.removeOrder('shopify', 'O1')).toBe(id);
    expect(history.metrics(id).orderCount).toBe(0);
    expect(history.metrics(id).firstOrderAt).toBeNull();
    expect(history.removeOrder('shopify', 'unknown')).toBeNull();
  });

  it('reports only the profiles an update touched', () => {
    const history = createPurchaseHistory({ shopId, clock });
    for (let index = 0; index < 20; index++) {
      history.addOrder(
        testOrder({
          id: `O${index}`,
          at: '2026-01-01T00:00:00Z',
          customerId: `c${index}`,
          lines: [{ sku: 'A', price: 100 }],
        }),
      );
    }
    expect(history.takeChanges().changed).toHaveLength(20);
    const touched = history.addOrder(
      testOrder({ id: 'O99', at: '2026-02-01T00:00:00Z', customerId: 'c3', lines: [{ sku: 'B', price: 100 }] }),
    );
    expect(history.takeChanges()).toEqual({ changed: [touched], mergedAway: [] });
  });

  it('property: any order of arrivals, replacements and removals gives the metrics of a fresh build of the final orders', () => {
    const customers = ['c1', 'c2', 'c3'];
    const update = fc.record({
      order: fc.integer({ min: 0, max: 7 }),
      customer: fc.constantFrom(...customers, null),
      day: fc.integer({ min: 1, max: 28 }),
      price: fc.integer({ min: 1, max: 100_000 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      refund: fc.integer({ min: 0, max: 100 }),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 40 }), (updates) => {
        const live = createPurchaseHistory({ shopId, clock });
        const final = new Map<number, ReturnType<typeof testOrder> | null>();
        for (const change of updates) {
          const id = `O${change.order}`;
          if (change.remove) {
            live.removeOrder('shopify', id);
            final.set(change.order, null);
            continue;
          }
          const refundAmount = Math.floor((change.price * change.refund) / 100);
          const order = testOrder({
            id,
            at: `2026-01-${String(change.day).padStart(2, '0')}T00:00:00Z`,
            customerId: change.customer ?? undefined,
            email: change.customer ? null : `guest${change.order}@example.com`,
            lines: [{ sku: `SKU${change.order}`, price: change.price, quantity: change.quantity }],
            refunds:
              refundAmount > 0
                ? [{ id: `R${change.order}`, at: '2026-02-01T00:00:00Z', line: 0, quantity: 1, amount: refundAmount }]
                : [],
          });
          live.addOrder(order);
          final.set(change.order, order);
        }
        const fresh = createPurchaseHistory({ shopId, clock });
        for (const order of final.values()) if (order) fresh.addOrder(order);
        const byMembers = (history: typeof live) =>
          history
            .profileIds()
            .map((id) => ({ members: history.getProfile(id)?.members.sort().join('|'), metrics: history.metrics(id) }))
            .filter((entry) => entry.metrics.orderCount > 0)
            .sort((left, right) => String(left.members).localeCompare(String(right.members)));
        const liveView = byMembers(live).map((entry) => entry.metrics);
        const freshView = byMembers(fresh).map((entry) => entry.metrics);
        expect(liveView).toEqual(freshView);
      }),
      { numRuns: 150 },
    );
  });
});

describe('createPurchaseHistory: timeline, preferences and consent', () => {
  it('orders the timeline in time and refers to records by id', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const id = history.addOrder(
      testOrder({
        id: 'O1',
        at: '2026-01-01T09:00:00Z',
        customerId: 'c1',
        email: 'c1@example.com',
        lines: [{ sku: 'A', price: 1_000 }],
        refunds: [{ id: 'R1', at: '2026-01-09T00:00:00Z', line: 0, quantity: 1, amount: 1_000 }],
      }),
    );
    history.addReturn({
      id: 'ret_1',
      at: '2026-01-05T00:00:00Z',
      customer: { orderId: 'O1' },
      orderId: 'O1',
      status: 'requested',
      units: 1,
      reasons: ['wrong_size'],
    });
    history.addComplaint({
      id: 'cmp_1',
      at: '2026-01-07T00:00:00Z',
      customer: { email: 'C1@EXAMPLE.COM' },
      channel: 'phone',
      status: 'open',
    });
    history.addContact({
      id: 'cnt_1',
      at: '2026-01-02T00:00:00Z',
      customer: { profileId: id },
      channel: 'whatsapp',
      direction: 'inbound',
      topic: 'order-status',
    });
    history.addFeedback({ id: 'fbk_1', at: '2026-01-10T00:00:00Z', customer: { profileId: id }, csat: 4 });
    history.recordConsent(
      { profileId: id },
      { channel: 'sms', granted: true, at: '2026-01-03T00:00:00Z', source: 'checkout' },
    );
    const timeline = history.timeline(id);
    expect(
      timeline.map((entry) => [entry.kind, entry.subjectId.startsWith('consent:') ? 'consent' : entry.subjectId]),
    ).toEqual([
      ['order-placed', 'O1'],
      ['contact-logged', 'cnt_1'],
      ['consent-changed', 'consent'],
      ['return-requested', 'ret_1'],
      ['complaint-opened', 'cmp_1'],
      ['refund-issued', 'R1'],
      ['feedback-received', 'fbk_1'],
    ]);
    expect(timeline[0]?.amount).toEqual({ amount: 1_000, currency: 'EUR' });
    expect(JSON.stringify(timeline)).not.toContain('c1@example.com');
  });

  it('keeps preferences and the newest consent per channel', () => {
    const history = createPurchaseHistory({ shopId, clock });
    const customer = { email: 'p@example.com' };
    const id = history.setPreferences(customer, {
      channels: ['whatsapp', 'email'],
      language: 'tr',
      interests: ['coffee'],
    });
    history.recordConsent(customer, {
      channel: 'email',
      granted: true,
      at: '2026-02-01T00:00:00Z',
      source: 'checkout',
    });
    history.recordConsent(customer, {
      channel: 'email',
      granted: false,
      at: '2026-03-01T00:00:00Z',
      source: 'preference-centre',
    });
    history.recordConsent(customer, { channel: 'email', granted: true, at: '2026-01-01T00:00:00Z', source: 'import' });
    history.setPreferences({ profileId: id }, { interests: ['tea', 'coffee'] });
    const profile = history.getProfile(id);
    expect(profile?.preferences).toEqual({
      channels: ['whatsapp', 'email'],
      language: 'tr',
      interests: ['tea', 'coffee'],
    });
    expect(profile?.consent.email).toEqual({ granted: false, at: '2026-03-01T00:00:00Z', source: 'preference-centre' });
  });

  it('rejects bad input with invalid_input naming the field', () => {
    const history = createPurchaseHistory({ shopId, clock });
    expect(() =>
      history.addFeedback({ id: 'fbk_1', at: '2026-01-01T00:00:00Z', customer: { email: 'x@example.com' }, csat: 7 }),
    ).toThrow(/csat/);
    try {
      history.addContact({
        id: 'cnt_1',
        at: '2026-01-01T00:00:00Z',
        customer: {},
        channel: 'email',
        direction: 'inbound',
      });
      expect.unreachable();
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_input')).toBe(true);
      expect((error as Error).message).toMatch(/profileId, a customerId/);
    }
    expect(() => history.metrics('cus_missing')).toThrow(AftersaleError);
    expect(() => history.setPreferences({ email: 'x@example.com' }, { language: 'not a language' })).toThrow(
      /language/,
    );
  });
});
