import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { parseCustomer } from '../../model/parse-order.js';
import type { Customer, Order } from '../../model/schemas.js';
import {
  type ComplaintRecord,
  type CustomerProfile,
  type CustomerProfileInput,
  customerProfileInputSchema,
  type Page,
  type ReturnCaseRecord,
} from '../../spec/store-records.js';
import { testOrder } from './crm-fixtures.test-support.js';
import {
  type PurchaseHistoryStore,
  rebuildPurchaseHistory,
  savePurchaseHistory,
  toCustomerProfileInput,
} from './persist-purchase-history.js';
import { createPurchaseHistory } from './purchase-history.js';

const shopId = 'acme.myshopify.com';
const now = new Date('2026-06-01T00:00:00Z');

/** The profile and listing part of the store spec, kept in maps, with the spec's version rule. */
function profileStore(records: {
  customers: Customer[];
  orders: Order[];
  complaints: ComplaintRecord[];
  returns: ReturnCaseRecord[];
}) {
  const profiles = new Map<string, CustomerProfile>();
  let saves = 0;
  const page = <T>(items: T[], options?: { limit?: number; cursor?: string | null }): Page<T> => {
    const start = Number(options?.cursor ?? 0);
    const limit = options?.limit ?? 50;
    const next = start + limit;
    return { items: items.slice(start, next), nextCursor: next < items.length ? String(next) : null };
  };
  const store: PurchaseHistoryStore = {
    async saveCustomerProfile(input: CustomerProfileInput, expectedVersion: number) {
      const parsed = customerProfileInputSchema.parse(input);
      const key = `${parsed.shopId}/${parsed.customerId}`;
      const current = profiles.get(key);
      if ((current?.version ?? 0) !== expectedVersion) {
        throw new AftersaleError({ code: 'store_conflict', message: `profile ${parsed.customerId} changed` });
      }
      const at = now.toISOString();
      const saved = { ...parsed, version: expectedVersion + 1, createdAt: current?.createdAt ?? at, updatedAt: at };
      profiles.set(key, saved);
      saves++;
      return saved;
    },
    async getCustomerProfile(shop: string, customerId: string) {
      return profiles.get(`${shop}/${customerId}`) ?? null;
    },
    async listCustomers(_shop, options) {
      return page(
        records.customers.map((customer) => ({ shopId, customer, storedAt: now.toISOString() })),
        options,
      );
    },
    async listOrders(_shop, options) {
      return page(
        records.orders.map((order) => ({ shopId, order, anonymized: false, storedAt: now.toISOString() })),
        options,
      );
    },
    async listComplaints(_shop, options) {
      return page(records.complaints, options);
    },
    async listReturnCases(_shop, options) {
      return page(records.returns, options);
    },
  };
  return { store, profiles, saves: () => saves };
}

function shopRecords() {
  const customers = [
    parseCustomer({
      id: 'gid://shopify/Customer/1',
      source: { platform: 'shopify', id: 'gid://shopify/Customer/1' },
      email: 'ayse@example.com',
      firstName: 'Ayşe',
      marketingConsent: { email: true },
      createdAt: '2025-01-01T00:00:00Z',
    }),
  ];
  const orders = [
    testOrder({
      id: 'S1',
      at: '2026-01-01T00:00:00Z',
      customerId: 'gid://shopify/Customer/1',
      email: 'ayse@example.com',
      lines: [{ sku: 'TEAPOT', price: 10_000 }],
    }),
    testOrder({
      id: 'G1',
      at: '2026-02-01T00:00:00Z',
      email: 'AYSE@example.com',
      lines: [{ sku: 'CEZVE', price: 2_000 }],
    }),
    testOrder({
      id: 'G2',
      at: '2026-03-01T00:00:00Z',
      phone: '+12125551234',
      lines: [{ sku: 'COFFEE', price: 3_000 }],
    }),
  ];
  const complaints: ComplaintRecord[] = [
    {
      shopId,
      id: 'cmp_1',
      customerId: 'gid://shopify/Customer/1',
      orderId: 'S1',
      status: 'open',
      channel: 'email',
      severity: 'normal',
      data: {},
      version: 1,
      createdAt: '2026-01-05T00:00:00Z',
      updatedAt: '2026-01-05T00:00:00Z',
    },
  ];
  const returns: ReturnCaseRecord[] = [
    {
      shopId,
      id: 'ret_1',
      orderId: 'G1',
      status: 'requested',
      lines: [{ lineItemId: 'G1-line-1', quantity: 1, reason: 'damaged' }],
      statusHistory: [],
      data: {},
      version: 1,
      createdAt: '2026-02-05T00:00:00Z',
      updatedAt: '2026-02-05T00:00:00Z',
    },
  ];
  return { customers, orders, complaints, returns };
}

describe('persisting the purchase history through the store', () => {
  it('saves profiles as CustomerProfile records with metrics and CRM data', async () => {
    const records = shopRecords();
    const { store, profiles } = profileStore(records);
    const history = createPurchaseHistory({ shopId, clock: () => now });
    for (const customer of records.customers) history.addCustomer(customer);
    for (const order of records.orders) history.addOrder(order);
    const result = await savePurchaseHistory(history, store, { now });
    expect(result).toEqual({ saved: 2, mergedAway: 0 });
    const ayse = history.findProfileId({ email: 'ayse@example.com' }) as string;
    const saved = profiles.get(`${shopId}/${ayse}`);
    expect(saved?.email).toBe('ayse@example.com');
    expect(saved?.firstName).toBe('Ayşe');
    expect(saved?.metrics).toMatchObject({
      orderCount: 2,
      grossSpend: { amount: 12_000, currency: 'EUR' },
      computedAt: now.toISOString(),
    });
    expect(toCustomerProfileInput(history, ayse, { now }).data).toMatchObject({ crm: { schema: 1, mergedInto: null } });
    // Nothing changed: nothing is written.
    expect(await savePurchaseHistory(history, store, { now })).toEqual({ saved: 0, mergedAway: 0 });
  });

  it('rebuilds from the store with the same ids, metrics, merchant splits and CRM-only records', async () => {
    const records = shopRecords();
    const { store } = profileStore(records);
    const live = createPurchaseHistory({ shopId, clock: () => now });
    // Live, the guest order came first: its profile id differs from the one a customers-first replay would found.
    live.addOrder(records.orders[1] as Order);
    for (const customer of records.customers) live.addCustomer(customer);
    live.addOrder(records.orders[0] as Order);
    live.addOrder(records.orders[2] as Order);
    live.addComplaint({
      id: 'cmp_1',
      at: '2026-01-05T00:00:00Z',
      customer: { customerId: 'gid://shopify/Customer/1' },
      channel: 'email',
      status: 'open',
    });
    live.addReturn({
      id: 'ret_1',
      at: '2026-02-05T00:00:00Z',
      customer: { orderId: 'G1' },
      orderId: 'G1',
      status: 'requested',
      units: 1,
      reasons: ['damaged'],
    });
    const ayse = live.findProfileId({ email: 'ayse@example.com' }) as string;
    const other = live.findProfileId({ phone: '+12125551234' }) as string;
    live.addFeedback({ id: 'fbk_1', at: '2026-02-10T00:00:00Z', customer: { profileId: ayse }, csat: 4 });
    live.addContact({
      id: 'cnt_1',
      at: '2026-02-11T00:00:00Z',
      customer: { profileId: ayse },
      channel: 'phone',
      direction: 'outbound',
    });
    live.setPreferences({ profileId: ayse }, { channels: ['email'], interests: ['tea'] });
    live.recordConsent(
      { profileId: ayse },
      { channel: 'sms', granted: true, at: '2026-02-12T00:00:00Z', source: 'checkout' },
    );
    // The merchant merges the phone-only guest in by hand, then splits the e-mail guest off.
    live.merge(ayse, other);
    const emailJoin = live.merges().find((record) => record.reason === 'email');
    const { restoredId } = live.unmerge(emailJoin?.id as string);
    await savePurchaseHistory(live, store, { now });

    const rebuilt = await rebuildPurchaseHistory(store, shopId, { clock: () => now });
    expect(rebuilt.profileIds().sort()).toEqual(live.profileIds().sort());
    for (const id of live.profileIds()) {
      expect(rebuilt.metrics(id, { now })).toEqual(live.metrics(id, { now }));
      expect(rebuilt.getProfile(id)?.members.sort()).toEqual(live.getProfile(id)?.members.sort());
      expect(rebuilt.getProfile(id)?.preferences).toEqual(live.getProfile(id)?.preferences);
      expect(rebuilt.getProfile(id)?.consent).toEqual(live.getProfile(id)?.consent);
      expect(rebuilt.timeline(id).map((entry) => entry.subjectId)).toEqual(
        live.timeline(id).map((entry) => entry.subjectId),
      );
    }
    expect(rebuilt.metrics(ayse).averageCsat).toBe(4);
    expect(rebuilt.metrics(restoredId).orderCount).toBe(1);
    expect(rebuilt.rules().separations).toHaveLength(1);
  });

  it('marks a profile merged away so its old id still leads to the survivor', async () => {
    const records = { customers: [], orders: [], complaints: [], returns: [] };
    const { store, profiles } = profileStore(records);
    const history = createPurchaseHistory({ shopId, clock: () => now });
    const first = history.addOrder(
      testOrder({ id: 'A', at: '2026-01-01T00:00:00Z', email: 'a@example.com', lines: [{ sku: 'X', price: 1 }] }),
    );
    const second = history.addOrder(
      testOrder({ id: 'B', at: '2026-01-02T00:00:00Z', email: 'b@example.com', lines: [{ sku: 'X', price: 1 }] }),
    );
    await savePurchaseHistory(history, store, { now });
    history.merge(first, second);
    expect(await savePurchaseHistory(history, store, { now })).toEqual({ saved: 1, mergedAway: 1 });
    expect(profiles.get(`${shopId}/${second}`)?.data).toMatchObject({ crm: { mergedInto: first, members: [] } });
  });

  it('reports CRM data it cannot read as store_corrupt', async () => {
    const records = shopRecords();
    const { store } = profileStore(records);
    const discovery = createPurchaseHistory({ shopId });
    for (const customer of records.customers) discovery.addCustomer(customer);
    const id = discovery.profileIds()[0] as string;
    await store.saveCustomerProfile({ shopId, customerId: id, data: { crm: { schema: 99 } } }, 0);
    await expect(rebuildPurchaseHistory(store, shopId)).rejects.toMatchObject({ code: 'store_corrupt' });
  });
});
