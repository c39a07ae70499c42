import { money, type StoreCreditPlan } from '@aftersale/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatedTurkishShop, emulatedTurkishShop } from '../test/emulated-tr-shop.js';
import { createWooCommerceAdapter } from './create-woocommerce-adapter.js';
import type { WooCommerceStoreCredit } from './issue-woocommerce-store-credit.js';
import { storeCreditCouponCode } from './issue-woocommerce-store-credit.js';

let shop: EmulatedTurkishShop | undefined;
afterEach(async () => {
  await shop?.emulator.close();
  shop = undefined;
});

async function setup(...args: Parameters<typeof emulatedTurkishShop>) {
  shop = await emulatedTurkishShop(...args);
  return shop;
}

/** One glass set back (90.00 after the coupon, 18.00 KDV) for credit, with a 10 % bonus. */
const planFor = (s: EmulatedTurkishShop, overrides: Partial<StoreCreditPlan> = {}): StoreCreditPlan => ({
  orderId: s.orderId,
  customerId: String(s.customer.id),
  email: 'ismail@example.com',
  currency: 'TRY',
  lines: [{ lineItemId: s.orderLines[0] ?? '', quantity: 1, amount: money(9000, 'TRY'), tax: money(1800, 'TRY') }],
  total: money(10800, 'TRY'),
  bonus: money(1080, 'TRY'),
  expiresAt: '2027-06-30T21:00:00.000Z',
  restock: true,
  note: 'Kırık bardak',
  ...overrides,
});

const coupons = (s: EmulatedTurkishShop) => [...s.emulator.shop.coupons.values()];
/** Store-credit coupons on the shop. */
const creditCoupons = (s: EmulatedTurkishShop) => coupons(s).filter((coupon) => coupon.discount_type === 'fixed_cart');

describe('storeCredit.issue with a coupon', () => {
  it('refunds the lines without the gateway, then creates a single-customer coupon for total plus bonus', async () => {
    const s = await setup();
    const result = await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'ret_7:credit' });
    if (result.outcome !== 'issued') throw new Error(`not issued: ${JSON.stringify(result)}`);
    const code = storeCreditCouponCode(s.emulator.consumerSecret, s.adapter.shopId, 'ret_7:credit');
    expect(code).toMatch(/^credit-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(result).toMatchObject({
      replayed: false,
      credit: { amount: money(11880, 'TRY'), code, expiresAt: '2027-06-30T21:00:00Z' },
    });
    const [refundPost] = s.sent('POST', /refunds$/);
    expect(refundPost?.body).toEqual({
      amount: '108.00',
      reason: 'Kırık bardak [aftersale:ret_7:credit]',
      api_refund: false,
      api_restock: true,
      line_items: [{ id: 1, quantity: 1, refund_total: '90.00', refund_tax: [{ id: 1, refund_total: '18.00' }] }],
      meta_data: [{ key: '_aftersale_idempotency_key', value: 'ret_7:credit' }],
    });
    const [couponPost] = s.sent('POST', /^coupons$/);
    expect(couponPost?.body).toEqual({
      code,
      discount_type: 'fixed_cart',
      amount: '118.80',
      individual_use: false,
      usage_limit: 1,
      usage_limit_per_user: 1,
      email_restrictions: ['ismail@example.com'],
      date_expires_gmt: '2027-06-30T21:00:00',
      description: `Kırık bardak for order #${s.orderId} [aftersale:ret_7:credit]`,
      meta_data: [
        { key: '_aftersale_idempotency_key', value: 'ret_7:credit' },
        { key: '_aftersale_credit_order_id', value: s.orderId },
      ],
    });
    const refunds = s.emulator.shop.orderRefunds(Number(s.orderId));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.refunded_payment).toBe(false);
    expect(result.credit.platformRefundId).toBe(String(refunds[0]?.id));
    expect(result.credit.platformCreditId).toBe(String(creditCoupons(s)[0]?.id));
    // The same key again moves nothing and answers with the same credit.
    const again = await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'ret_7:credit' });
    expect(again).toEqual({ ...result, replayed: true });
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
    expect(creditCoupons(s)).toHaveLength(1);
    await expect(
      s.adapter.storeCredit.issue(planFor(s, { bonus: money(2000, 'TRY') }), { idempotencyKey: 'ret_7:credit' }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('credits without lines (a goodwill credit): a coupon only, no refund', async () => {
    const s = await setup();
    const result = await s.adapter.storeCredit.issue(
      planFor(s, { lines: [], total: money(0, 'TRY'), bonus: money(2500, 'TRY'), expiresAt: null, email: null }),
      { idempotencyKey: 'goodwill' },
    );
    expect(result).toMatchObject({
      outcome: 'issued',
      credit: { amount: money(2500, 'TRY'), platformRefundId: null, expiresAt: null },
    });
    expect(s.sent('POST', /refunds$/)).toHaveLength(0);
    // The e-mail came from the order.
    expect(creditCoupons(s)[0]?.email_restrictions).toEqual(['ismail@example.com']);
  });

  it('refuses what the order cannot give back, and plans that do not add up, before anything moves', async () => {
    const s = await setup();
    const tooMuch = await s.adapter.storeCredit.issue(
      planFor(s, {
        lines: [{ lineItemId: '1', quantity: 2, amount: money(30000, 'TRY'), tax: money(6000, 'TRY') }],
        total: money(36000, 'TRY'),
      }),
      { idempotencyKey: 'too-much' },
    );
    expect(tooMuch).toMatchObject({ outcome: 'rejected', userErrors: [{ code: 'exceeds_refundable' }] });
    await expect(
      s.adapter.storeCredit.issue(planFor(s, { total: money(1, 'TRY') }), { idempotencyKey: 'bad' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      s.adapter.storeCredit.issue(planFor(s, { bonus: money(100, 'EUR') }), { idempotencyKey: 'bad' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await s.store.getIdempotencyEntry(s.adapter.shopId, 'bad')).toBeNull();
    expect(s.emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  const faults = [
    { name: '503 on the refund', fault: { kind: 'status', status: 503, method: 'POST', path: /refunds$/ } },
    { name: 'refund applied, answer lost', fault: { kind: 'reset-after-write', method: 'POST', path: /refunds$/ } },
    { name: '503 on the coupon', fault: { kind: 'status', status: 503, method: 'POST', path: /^coupons$/ } },
    { name: 'coupon created, answer lost', fault: { kind: 'reset-after-write', method: 'POST', path: /^coupons$/ } },
    { name: 'connection reset before the coupon', fault: { kind: 'reset', method: 'POST', path: /^coupons$/ } },
  ] as const;
  it.each(faults)('ends with exactly one refund and one coupon under a $name', async ({ fault }) => {
    const s = await setup();
    s.emulator.injectFault(fault);
    const result = await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'faulty' });
    expect(result).toMatchObject({ outcome: 'issued', credit: { amount: money(11880, 'TRY') } });
    expect(s.emulator.pendingFaults()).toEqual([]);
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
    expect(creditCoupons(s)).toHaveLength(1);
    expect(await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'faulty' })).toMatchObject({
      outcome: 'issued',
      replayed: true,
    });
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
    expect(creditCoupons(s)).toHaveLength(1);
  });

  it('completes a credit left half-done (refund made, coupon not) without refunding twice', async () => {
    const s = await setup({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    s.emulator.injectFault({ kind: 'status', status: 502, method: 'POST', path: /^coupons$/, times: 2 });
    await expect(s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'half' })).rejects.toMatchObject({
      code: 'platform_unavailable',
    });
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
    expect(creditCoupons(s)).toHaveLength(0);
    expect((await s.store.getIdempotencyEntry(s.adapter.shopId, 'half'))?.state).toBe('unknown');
    const result = await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'half' });
    expect(result).toMatchObject({ outcome: 'issued', replayed: false });
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
    expect(creditCoupons(s)).toHaveLength(1);
    expect((await s.store.getIdempotencyEntry(s.adapter.shopId, 'half'))?.state).toBe('succeeded');
  });

  it('answers in_progress while another worker holds the key, and takes over a key it abandoned', async () => {
    const s = await setup();
    await s.store.claimIdempotencyKey({ shopId: s.adapter.shopId, key: 'held', operation: 'store_credit' });
    expect(await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'held' })).toEqual({
      outcome: 'in_progress',
      idempotencyKey: 'held',
    });
    expect(s.emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
    s.clock.advance(5 * 60_000);
    expect(await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'held' })).toMatchObject({
      outcome: 'issued',
      replayed: false,
    });
    expect(creditCoupons(s)).toHaveLength(1);
    // A key that guards a refund is not a store-credit key.
    await s.adapter.createRefund(
      {
        orderId: s.orderId,
        currency: 'TRY',
        lines: [{ lineItemId: '2', quantity: 1, amount: money(6525, 'TRY'), tax: money(653, 'TRY') }],
        total: money(7178, 'TRY'),
      },
      { idempotencyKey: 'a-refund' },
    );
    await expect(s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'a-refund' })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
  });

  it('finds its credit on WooCommerce without a ledger', async () => {
    const s = await setup();
    const bare = createWooCommerceAdapter({
      url: s.emulator.url,
      consumerKey: s.emulator.consumerKey,
      consumerSecret: s.emulator.consumerSecret,
    });
    const first = await bare.storeCredit.issue(planFor(s), { idempotencyKey: 'no-ledger' });
    const second = await bare.storeCredit.issue(planFor(s), { idempotencyKey: 'no-ledger' });
    expect(second).toEqual({ ...first, replayed: true });
    expect(creditCoupons(s)).toHaveLength(1);
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
  });
});

describe('storeCredit.issue through a store-credit plugin', () => {
  /** A wallet plugin that credits once per reference, as the extension point asks. */
  function wallet() {
    const entries = new Map<string, { id: string; credit: WooCommerceStoreCredit }>();
    const calls: WooCommerceStoreCredit[] = [];
    return {
      entries,
      calls,
      issueStoreCredit: async (credit: WooCommerceStoreCredit) => {
        calls.push(credit);
        const existing = entries.get(credit.idempotencyKey);
        if (existing !== undefined) return { id: existing.id, code: null, replayed: true };
        const id = `wallet_${entries.size + 1}`;
        entries.set(credit.idempotencyKey, { id, credit });
        return { id, code: null };
      },
    };
  }

  it('refunds the lines, then credits through the plugin instead of a coupon, exactly once', async () => {
    const plugin = wallet();
    const s = await setup({ issueStoreCredit: plugin.issueStoreCredit });
    const result = await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'ret_8:credit' });
    const refund = s.emulator.shop.orderRefunds(Number(s.orderId))[0];
    expect(result).toEqual({
      outcome: 'issued',
      credit: {
        platformCreditId: 'wallet_1',
        amount: money(11880, 'TRY'),
        code: null,
        expiresAt: '2027-06-30T21:00:00.000Z',
        platformRefundId: String(refund?.id),
      },
      replayed: false,
      idempotencyKey: 'ret_8:credit',
    });
    expect(plugin.calls).toEqual([
      {
        orderId: s.orderId,
        customerId: String(s.customer.id),
        email: 'ismail@example.com',
        amount: money(11880, 'TRY'),
        expiresAt: '2027-06-30T21:00:00.000Z',
        idempotencyKey: 'ret_8:credit',
        platformRefundId: String(refund?.id),
        note: 'Kırık bardak',
      },
    ]);
    expect(coupons(s)).toHaveLength(0);
    expect(s.sent('POST', /^coupons$/)).toHaveLength(0);
    // Replayed from the ledger: the plugin is not asked again.
    expect(await s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'ret_8:credit' })).toEqual({
      ...result,
      replayed: true,
    });
    expect(plugin.calls).toHaveLength(1);
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
  });

  it('without a ledger, the plugin de-duplicates on the key', async () => {
    const plugin = wallet();
    const s = await setup();
    const bare = createWooCommerceAdapter({
      url: s.emulator.url,
      consumerKey: s.emulator.consumerKey,
      consumerSecret: s.emulator.consumerSecret,
      issueStoreCredit: plugin.issueStoreCredit,
    });
    await bare.storeCredit.issue(planFor(s), { idempotencyKey: 'k' });
    expect(await bare.storeCredit.issue(planFor(s), { idempotencyKey: 'k' })).toMatchObject({
      outcome: 'issued',
      replayed: true,
      credit: { platformCreditId: 'wallet_1' },
    });
    expect(plugin.entries.size).toBe(1);
    expect(s.emulator.shop.orderRefunds(Number(s.orderId))).toHaveLength(1);
  });

  it('refuses a plugin answer that is not { id, code }, and a setting that is not a function', async () => {
    const s = await setup({ issueStoreCredit: async () => ({ id: '', code: null }) });
    await expect(s.adapter.storeCredit.issue(planFor(s), { idempotencyKey: 'bad-plugin' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('issueStoreCredit'),
    });
    expect(() =>
      createWooCommerceAdapter({
        url: s.emulator.url,
        consumerKey: 'ck',
        consumerSecret: 'cs',
        issueStoreCredit: 'wallet' as never,
      }),
    ).toThrow(/issueStoreCredit: must be a function/);
  });
});
