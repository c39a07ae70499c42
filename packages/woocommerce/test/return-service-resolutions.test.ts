import { AftersaleError, definePolicy, money, type Policy } from '@aftersale/core';
import type { WooJson } from '@aftersale/testkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { crashingStore, type ReturnServiceShop, returnServiceShop, staff } from './return-service-shop.js';

// Store credit and exchanges resolving a return case on WooCommerce: a single-customer coupon for the
// value plus the policy's bonus; a replacement order credited with the returned value, its price
// difference refunded, charged or absorbed as the policy says. aftersale's side (case, refund record,
// events) and WooCommerce's side (coupons, refunds, replacement orders, notes) are both checked.

const basePolicy = {
  schemaVersion: 1 as const,
  id: 'cay-evi-returns',
  version: 4,
  currency: 'TRY',
  window: { days: 30, from: 'delivery' as const, transitDays: 3 },
};
const customerPays = definePolicy({
  ...basePolicy,
  resolutions: {
    storeCredit: { enabled: true, bonusPercent: 10 },
    exchange: { enabled: true, priceDifference: 'customer_pays' },
  },
});
const merchantAbsorbs = definePolicy({
  ...basePolicy,
  resolutions: { exchange: { enabled: true, priceDifference: 'merchant_absorbs', absorbUpTo: money(5000, 'TRY') } },
});

let current: ReturnServiceShop | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function setup(policy: Policy, options: Omit<Parameters<typeof returnServiceShop>[0], 'policy'> = {}) {
  current = await returnServiceShop({ policy, ...options });
  return current;
}

/** Opens a case for one unit of a line with the resolution asked for, and brings it to inspected. */
async function inspectedCase(
  s: ReturnServiceShop,
  orderId: string,
  lineItemId: string,
  resolution: 'store_credit' | 'exchange',
  extra: { exchangePrice?: ReturnType<typeof money>; reason?: string } = {},
) {
  const opened = await s.service.request({
    order: await s.order(orderId),
    request: {
      lines: [
        {
          lineItemId,
          quantity: 1,
          reason: extra.reason ?? 'changed_mind',
          resolution,
          ...(extra.exchangePrice ? { exchangePrice: extra.exchangePrice } : {}),
        },
      ],
    },
    locale: 'tr-TR',
  });
  const caseId = opened.case.id;
  if (opened.case.status === 'requested') await s.service.approve(caseId, { actor: staff });
  await s.service.issueLabel(caseId, { actor: staff });
  await s.service.received(caseId, { actor: staff });
  await s.service.inspect(caseId, [{ lineItemId, quantity: 1, condition: 'as_expected' }], { actor: staff });
  return { caseId, opened };
}

/** WooCommerce's replacement orders of an order (the exchange's new orders). */
function replacementsOf(s: ReturnServiceShop, orderId: string): WooJson[] {
  return [...s.shop.orders.values()].filter((order) => String(order.parent_id) === orderId);
}

describe('store credit on WooCommerce: a single-customer coupon with the policy’s bonus', () => {
  async function creditSetup(options: Omit<Parameters<typeof returnServiceShop>[0], 'policy'> = {}) {
    const s = await setup(customerPays, options);
    const raw = s.placeOrder({
      lines: [
        { productId: s.products.set.id as number, quantity: 2 },
        { productId: s.products.book.id as number, quantity: 1 },
      ],
    });
    const orderId = String(raw.id);
    const [setLine = ''] = s.lineIds(raw);
    const { caseId } = await inspectedCase(s, orderId, setLine, 'store_credit');
    return { ...s, orderId, setLine, caseId };
  }

  it('issues a coupon of 120.00 + 10 % bound to the customer’s e-mail, usable once, and refunds the line on the books', async () => {
    const s = await creditSetup();
    const { caseId, orderId } = s;
    const credited = await s.service.credit(caseId, {
      actor: staff,
      order: await s.order(orderId),
      expiresAt: '2027-06-30T20:59:59Z',
    });
    expect(credited.outcome).toBe('credited');
    if (credited.outcome !== 'credited') return;
    expect(credited).toMatchObject({ replayed: false, refundId: 'rfd_case1_credit' });
    expect(credited.credit).toMatchObject({
      amount: money(13200, 'TRY'),
      bonus: money(1200, 'TRY'),
      expiresAt: '2027-06-30T20:59:59Z',
    });
    const code = credited.credit.code ?? '';
    expect(code).toMatch(/^credit-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(credited.case.resolution).toMatchObject({
      outcome: 'credited',
      amount: money(13200, 'TRY'),
      reference: 'rfd_case1_credit',
    });

    // WooCommerce: one coupon, fixed, for the customer's e-mail only, once; the line refunded without the gateway.
    const key = `${s.shopId}:${caseId}:store-credit`;
    const coupons = [...s.shop.coupons.values()];
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({
      code,
      amount: '132.00',
      discount_type: 'fixed_cart',
      usage_limit: 1,
      usage_limit_per_user: 1,
      individual_use: false,
      email_restrictions: ['ismail@example.com'],
      date_expires_gmt: '2027-06-30T20:59:59',
    });
    expect(coupons[0]?.meta_data).toContainEqual(
      expect.objectContaining({ key: '_aftersale_idempotency_key', value: key }),
    );
    expect(coupons[0]?.meta_data).toContainEqual(
      expect.objectContaining({ key: '_aftersale_credit_order_id', value: orderId }),
    );
    const refunds = s.refunds(orderId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: '120.00', refunded_payment: false });
    expect(refunds[0]?.line_items).toEqual([expect.objectContaining({ quantity: -1, total: '-100.00' })]);

    // aftersale: the refund record of the lines given back (no e-mail kept), the credit in the case.
    const record = await s.store.getRefund(s.shopId, 'rfd_case1_credit');
    expect(record).toMatchObject({
      returnCaseId: caseId,
      idempotencyKey: key,
      amount: money(12000, 'TRY'),
      platformStatus: 'store_credit',
      platformRefundId: String(refunds[0]?.id),
    });
    expect(JSON.stringify(record?.plan)).not.toContain('ismail@example.com');
    const stored = await s.store.getReturnCase(s.shopId, caseId);
    expect(stored?.status).toBe('resolved');
    expect(stored?.data).toMatchObject({
      storeCredit: { code, amount: money(13200, 'TRY'), platformCreditId: String(coupons[0]?.id) },
    });

    // The event and the note, in Turkish: the code to use and the expiry, nothing personal.
    const event = (await s.outbox()).find((candidate) => candidate.type === 'store-credit-issued');
    expect(event?.payload).toMatchObject({
      caseId,
      amount: money(13200, 'TRY'),
      storeCredit: { code, bonus: money(1200, 'TRY'), expiresAt: '2027-06-30T20:59:59Z' },
      deadline: '2027-06-30T20:59:59Z',
      message: `${orderId} numaralı siparişiniz için hesabınıza ₺132,00 mağaza kredisi eklendi. Ödeme sırasında ${code} kodunu kullanın. Kredi 30 Haziran 2027 tarihine kadar geçerlidir.`,
    });
    expect(JSON.stringify(await s.outbox())).not.toContain('ismail@example.com');
    expect(s.notes(orderId).at(-1)?.note).toBe(
      `aftersale · Sipariş ${orderId} · iade ${caseId}: mağaza kredisi tanımlandı, ₺132,00 (durum: sonuçlandı)`,
    );

    // A retry answers with the same credit: no second coupon, no second refund.
    const retried = await s.service.credit(caseId, { actor: staff, order: await s.order(orderId) });
    expect(retried).toMatchObject({ outcome: 'credited', replayed: true, refundId: 'rfd_case1_credit' });
    expect(retried.outcome === 'credited' && retried.credit.code).toBe(code);
    expect(s.shop.coupons.size).toBe(1);
    expect(s.refunds(orderId)).toHaveLength(1);
    expect((await s.outbox()).filter((candidate) => candidate.type === 'store-credit-issued')).toHaveLength(1);
  });

  it('exactly once when the coupon’s answer is lost: the adapter finds the coupon by its key', async () => {
    const s = await creditSetup();
    s.emulator.injectFault({ kind: 'reset-after-write', method: 'POST', path: 'coupons' });
    const credited = await s.service.credit(s.caseId, { actor: staff, order: await s.order(s.orderId) });
    expect(credited).toMatchObject({ outcome: 'credited', replayed: false });
    expect(s.emulator.pendingFaults()).toHaveLength(0);
    expect(s.shop.coupons.size).toBe(1);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(credited.outcome === 'credited' && credited.credit.code).toBe([...s.shop.coupons.values()][0]?.code);
  });

  it('a guest order (no customer account) is refused before anything moves', async () => {
    const s = await setup(customerPays);
    const raw = s.placeOrder({
      lines: [{ productId: s.products.set.id as number, quantity: 1 }],
      guestEmail: 'misafir@example.com',
    });
    const orderId = String(raw.id);
    const [setLine = ''] = s.lineIds(raw);
    const { caseId } = await inspectedCase(s, orderId, setLine, 'store_credit');
    const outboxBefore = (await s.outbox()).length;
    const error = await s.service
      .credit(caseId, { actor: staff, order: await s.order(orderId) })
      .catch((caught: unknown) => caught);
    expect(AftersaleError.isInstance(error) && [error.code, error.message]).toEqual([
      'invalid_input',
      expect.stringContaining('guest order'),
    ]);
    expect(s.shop.coupons.size).toBe(0);
    expect(s.refunds(orderId)).toHaveLength(0);
    expect(await s.store.getIdempotencyEntry(s.shopId, `${s.shopId}:${caseId}:store-credit`)).toBeNull();
    expect((await s.service.get(caseId)).status).toBe('inspected');
    expect(await s.outbox()).toHaveLength(outboxBefore);
  });

  it('exactly once after a crash between the coupon and the case: the retry replays the credit', async () => {
    const crash = crashingStore('createRefund', 'before');
    const s = await creditSetup({ wrapStore: crash.wrap });
    crash.armed.next = true;
    await expect(s.service.credit(s.caseId, { actor: staff, order: await s.order(s.orderId) })).rejects.toThrow(
      'process killed',
    );
    expect(s.shop.coupons.size).toBe(1);
    expect((await s.service.get(s.caseId)).status).toBe('inspected');

    const retried = await s.service.credit(s.caseId, { actor: staff, order: await s.order(s.orderId) });
    expect(retried).toMatchObject({ outcome: 'credited', replayed: true });
    expect(s.shop.coupons.size).toBe(1);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1_credit')).toMatchObject({ amount: money(12000, 'TRY') });
    expect((await s.outbox()).filter((candidate) => candidate.type === 'store-credit-issued')).toHaveLength(1);
  });
});

describe('exchanges on WooCommerce: a replacement order, the price difference settled as the policy says', () => {
  /** A card-paid order of one T-shirt in `size`, with gateway refunds on. */
  async function exchangeSetup(policy: Policy, size: 'small' | 'medium') {
    const s = await setup(policy, { adapter: { gatewayRefunds: true } });
    const raw = s.placeOrder({
      lines: [{ productId: s.products[size].id as number, quantity: 1 }],
      paymentMethod: 'emulated_card',
    });
    const orderId = String(raw.id);
    const [shirtLine = ''] = s.lineIds(raw);
    return { ...s, orderId, shirtLine };
  }

  it('a cheaper item (M 264.00 for S 240.00): the replacement is paid by the credit, 24.00 goes back through the gateway', async () => {
    const s = await exchangeSetup(customerPays, 'medium');
    const { caseId } = await inspectedCase(s, s.orderId, s.shirtLine, 'exchange', { reason: 'too_large' });
    const exchanged = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.small.id), quantity: 1 }],
      action: { actor: staff },
    });
    expect(exchanged.outcome).toBe('exchanged');
    if (exchanged.outcome !== 'exchanged') return;
    const [replacement] = replacementsOf(s, s.orderId);
    const replacementId = String(replacement?.id);
    const [refund] = s.refunds(s.orderId);
    expect(exchanged).toMatchObject({ replayed: false, refundId: 'rfd_case1_exchange' });
    expect(exchanged.exchange).toMatchObject({
      id: replacementId,
      newOrderId: replacementId,
      returnedValue: money(26400, 'TRY'),
      newItemsValue: money(24000, 'TRY'),
      difference: money(-2400, 'TRY'),
      settlement: { kind: 'refunded', amount: money(2400, 'TRY'), platformRefundId: String(refund?.id) },
    });

    // WooCommerce: the replacement order paid by its credit; one refund of the difference, through the gateway.
    expect(replacementsOf(s, s.orderId)).toHaveLength(1);
    expect(replacement).toMatchObject({ status: 'processing', total: '0.00', customer_id: s.customer.id });
    expect(replacement?.line_items).toEqual([
      expect.objectContaining({ variation_id: s.products.small.id, quantity: 1 }),
    ]);
    expect(replacement?.fee_lines).toEqual([expect.objectContaining({ name: 'Exchange credit' })]);
    expect(s.refunds(s.orderId)).toHaveLength(1);
    expect(refund).toMatchObject({ amount: '24.00', refunded_payment: true });
    expect(refund?.line_items).toEqual([expect.objectContaining({ quantity: -1 })]);

    // aftersale: the case resolved as exchanged, the refund record of the difference, the event and note.
    expect(exchanged.case.resolution).toMatchObject({
      outcome: 'exchanged',
      amount: money(2400, 'TRY'),
      reference: replacementId,
    });
    expect(await s.store.getRefund(s.shopId, 'rfd_case1_exchange')).toMatchObject({
      amount: money(2400, 'TRY'),
      platformRefundId: String(refund?.id),
      platformStatus: 'exchange_refund',
      idempotencyKey: `${s.shopId}:${caseId}:exchange`,
    });
    const event = (await s.outbox()).find((candidate) => candidate.type === 'exchange-created');
    expect(event?.payload).toMatchObject({
      caseId,
      amount: money(2400, 'TRY'),
      exchange: { exchangeId: replacementId, newOrderId: replacementId, settlement: 'refunded' },
      payment: null,
      message: `${s.orderId} numaralı siparişinizin değişim ürünü yola çıktı. ₺24,00 tutarındaki fiyat farkı iade edildi.`,
    });
    expect(s.notes(s.orderId).at(-1)?.note).toBe(
      `aftersale · Sipariş ${s.orderId} · iade ${caseId}: değişim oluşturuldu, ₺24,00 (durum: sonuçlandı)`,
    );

    // A retry answers with the exchange made: no second replacement order, no second refund.
    const retried = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.small.id), quantity: 1 }],
      action: { actor: staff },
    });
    expect(retried).toMatchObject({ outcome: 'exchanged', replayed: true, refundId: 'rfd_case1_exchange' });
    expect(replacementsOf(s, s.orderId)).toHaveLength(1);
    expect(s.refunds(s.orderId)).toHaveLength(1);
  });

  it('exactly once under faults: the replacement order’s answer lost, its credit refused with a 503 once', async () => {
    const s = await exchangeSetup(customerPays, 'medium');
    const { caseId } = await inspectedCase(s, s.orderId, s.shirtLine, 'exchange', { reason: 'too_large' });
    s.emulator.injectFault({ kind: 'reset-after-write', method: 'POST', path: /^orders$/ });
    s.emulator.injectFault({ kind: 'status', status: 503, method: 'PUT', path: /^orders\/\d+$/ });
    const exchanged = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.small.id), quantity: 1 }],
      action: { actor: staff },
    });
    expect(exchanged).toMatchObject({ outcome: 'exchanged', exchange: { settlement: { kind: 'refunded' } } });
    expect(s.emulator.pendingFaults()).toHaveLength(0);
    const replacements = replacementsOf(s, s.orderId);
    expect(replacements).toHaveLength(1);
    expect(replacements[0]).toMatchObject({ status: 'processing', total: '0.00' });
    expect(((replacements[0]?.fee_lines ?? []) as WooJson[]).map((fee) => fee.name)).toEqual(['Exchange credit']);
    expect(s.refunds(s.orderId).map((refund) => refund.amount)).toEqual(['24.00']);
    expect(await s.store.getRefund(s.shopId, 'rfd_case1_exchange')).toMatchObject({ amount: money(2400, 'TRY') });
  });

  it('a dearer item (S 240.00 for M 264.00), customer pays: the replacement waits for 24.00 with its payment link', async () => {
    const s = await exchangeSetup(customerPays, 'small');
    const { caseId } = await inspectedCase(s, s.orderId, s.shirtLine, 'exchange', { reason: 'too_small' });
    const exchanged = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.medium.id), quantity: 1 }],
      action: { actor: staff },
    });
    expect(exchanged.outcome).toBe('exchanged');
    if (exchanged.outcome !== 'exchanged') return;
    const [replacement] = replacementsOf(s, s.orderId);
    const replacementId = String(replacement?.id);
    const paymentUrl = `${s.emulator.url}/checkout/order-pay/${replacementId}/?pay_for_order=true&key=${String(replacement?.order_key)}`;
    expect(exchanged.refundId).toBeNull();
    expect(exchanged.exchange).toMatchObject({
      newOrderId: replacementId,
      difference: money(2400, 'TRY'),
      settlement: { kind: 'payment_due', amount: money(2400, 'TRY'), paymentUrl },
    });

    // WooCommerce: the replacement is pending for the difference; nothing refunded on the original.
    expect(replacement).toMatchObject({ status: 'pending', total: '24.00', needs_payment: true });
    expect(s.refunds(s.orderId)).toHaveLength(0);

    // aftersale: the payment link in the case and in the event, for the customer.
    const stored = await s.store.getReturnCase(s.shopId, caseId);
    expect(stored?.data).toMatchObject({
      exchange: { newOrderId: replacementId, settlement: { kind: 'payment_due', paymentUrl } },
    });
    expect(await s.store.getRefund(s.shopId, 'rfd_case1_exchange')).toBeNull();
    const event = (await s.outbox()).find((candidate) => candidate.type === 'exchange-created');
    expect(event?.payload).toMatchObject({
      amount: money(2400, 'TRY'),
      exchange: { settlement: 'payment_due', newOrderId: replacementId },
      payment: { amount: money(2400, 'TRY'), url: paymentUrl },
      message: `${s.orderId} numaralı siparişinizin değişim ürünü yola çıktı. Lütfen ₺24,00 tutarındaki fiyat farkını size gönderdiğimiz ödeme bağlantısıyla ödeyin.`,
    });
    expect(s.received.find((candidate) => candidate.type === 'exchange-created')?.payload).toMatchObject({
      payment: { url: paymentUrl },
    });
  });

  it('merchant absorbs up to 50.00: a 24.00 difference is waived and the replacement is paid', async () => {
    const s = await exchangeSetup(merchantAbsorbs, 'small');
    const { caseId, opened } = await inspectedCase(s, s.orderId, s.shirtLine, 'exchange', {
      reason: 'too_small',
      exchangePrice: money(26400, 'TRY'),
    });
    const option = opened.decision.lines[0]?.resolutions.find((candidate) => candidate.kind === 'exchange');
    expect(option?.priceDifference).toMatchObject({
      paidBy: 'merchant_absorbs',
      difference: money(2400, 'TRY'),
      merchantAbsorbs: money(2400, 'TRY'),
    });
    const exchanged = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.medium.id), quantity: 1 }],
      action: { actor: staff },
    });
    expect(exchanged).toMatchObject({
      outcome: 'exchanged',
      refundId: null,
      exchange: { difference: money(2400, 'TRY'), settlement: { kind: 'absorbed', amount: money(2400, 'TRY') } },
    });
    const [replacement] = replacementsOf(s, s.orderId);
    expect(replacement).toMatchObject({ status: 'processing', total: '0.00' });
    expect(((replacement?.fee_lines ?? []) as WooJson[]).map((fee) => fee.name)).toEqual([
      'Exchange credit',
      'Exchange difference waived',
    ]);
    expect(s.refunds(s.orderId)).toHaveLength(0);
    const event = (await s.outbox()).find((candidate) => candidate.type === 'exchange-created');
    expect(event?.payload).toMatchObject({
      exchange: { settlement: 'absorbed' },
      payment: null,
      message: `${s.orderId} numaralı siparişinizin değişim ürünü yola çıktı.`,
    });
  });

  it('merchant absorbs up to 50.00: a 288.00 difference is over the limit and charged to the customer', async () => {
    const s = await exchangeSetup(merchantAbsorbs, 'small');
    const { caseId } = await inspectedCase(s, s.orderId, s.shirtLine, 'exchange', { reason: 'too_small' });
    const exchanged = await s.service.exchange(caseId, {
      newLines: [{ variantId: String(s.products.medium.id), quantity: 2 }],
      action: { actor: staff },
      expectedDifference: money(28800, 'TRY'),
    });
    const [replacement] = replacementsOf(s, s.orderId);
    expect(exchanged).toMatchObject({
      outcome: 'exchanged',
      exchange: {
        difference: money(28800, 'TRY'),
        settlement: {
          kind: 'payment_due',
          amount: money(28800, 'TRY'),
          paymentUrl: `${s.emulator.url}/checkout/order-pay/${String(replacement?.id)}/?pay_for_order=true&key=${String(replacement?.order_key)}`,
        },
      },
    });
    expect(replacement).toMatchObject({ status: 'pending', total: '288.00' });
    expect(s.refunds(s.orderId)).toHaveLength(0);
  });
});
