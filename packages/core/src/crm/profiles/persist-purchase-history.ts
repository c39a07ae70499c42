import { z } from 'zod';
import { AftersaleError } from '../../errors/aftersale-error.js';
import type { Customer, Order } from '../../model/schemas.js';
import type { AftersaleStore } from '../../spec/store.js';
import type { CustomerProfile, CustomerProfileInput, Page } from '../../spec/store-records.js';
import { consentInputSchema, contactChannelSchema, contactInputSchema, feedbackInputSchema } from './history-inputs.js';
import {
  createPurchaseHistory,
  type PurchaseHistory,
  type PurchaseHistoryOptions,
  profileIdFor,
} from './purchase-history.js';

/** What the CRM needs of a store: the profile records, and the records a rebuild reads. */
export type PurchaseHistoryStore = Pick<
  AftersaleStore,
  'saveCustomerProfile' | 'getCustomerProfile' | 'listCustomers' | 'listOrders' | 'listComplaints' | 'listReturnCases'
>;

/** The CRM's part of `CustomerProfile.data`, under the key `crm`. */
const storedCrmSchema = z.object({
  schema: z.literal(1),
  members: z.array(z.string()),
  /** Set on a profile that was merged into another: its records live there now. */
  mergedInto: z.string().nullable(),
  separations: z.array(z.tuple([z.array(z.string()), z.array(z.string())])),
  manualLinks: z.array(z.tuple([z.string(), z.string()])),
  preferences: z.object({
    channels: z.array(contactChannelSchema),
    language: z.string().nullable(),
    interests: z.array(z.string()),
  }),
  feedback: z.array(feedbackInputSchema),
  contacts: z.array(contactInputSchema),
  consents: z.array(consentInputSchema),
});
type StoredCrm = z.infer<typeof storedCrmSchema>;

/** Reads the CRM part of a stored profile; `null` for a profile the CRM never wrote. */
function readStoredCrm(profile: CustomerProfile): StoredCrm | null {
  const raw = profile.data.crm;
  if (raw === undefined) return null;
  const parsed = storedCrmSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AftersaleError({
      code: 'store_corrupt',
      message: `Customer profile ${profile.customerId} of shop ${profile.shopId} has CRM data aftersale cannot read (data.crm); save it again from a rebuilt history or restore it from a backup.`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Builds the store record of one profile: identity, metrics (with `computedAt`) and the CRM's own records. */
export function toCustomerProfileInput(
  history: PurchaseHistory,
  profileId: string,
  options: { now: Date; extraMetrics?: Record<string, unknown> },
): CustomerProfileInput {
  const profile = history.getProfile(profileId);
  if (!profile) {
    throw new AftersaleError({
      code: 'store_not_found',
      message: `No customer profile ${profileId} in shop ${history.shopId}; look it up with findProfileId() first.`,
    });
  }
  const records = history.crmRecords(profile.id);
  const memberSet = new Set(profile.members);
  const rules = history.rules();
  const crm: StoredCrm = {
    schema: 1,
    members: profile.members,
    mergedInto: null,
    separations: rules.separations.filter(([a, b]) => [...a, ...b].some((member) => memberSet.has(member))),
    manualLinks: rules.manualLinks.filter(([a, b]) => memberSet.has(a) || memberSet.has(b)),
    preferences: records.preferences,
    feedback: records.feedback.map((input) => feedbackInputSchema.parse(input)),
    contacts: records.contacts.map((input) => contactInputSchema.parse(input)),
    consents: records.consents.map((input) => consentInputSchema.parse(input)),
  };
  return {
    shopId: history.shopId,
    customerId: profile.id,
    email: profile.emails[0] ?? null,
    phone: profile.phones[0] ?? null,
    firstName: profile.firstName,
    lastName: profile.lastName,
    locale: profile.locale,
    tags: profile.tags,
    metrics: {
      ...history.metrics(profile.id, { now: options.now }),
      ...options.extraMetrics,
      computedAt: options.now.toISOString(),
    },
    data: { crm },
  };
}

async function saveWithRetry(store: PurchaseHistoryStore, input: CustomerProfileInput): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await store.getCustomerProfile(input.shopId, input.customerId);
    try {
      await store.saveCustomerProfile(input, current?.version ?? 0);
      return;
    } catch (error) {
      // Another worker saved the same profile in between: read its version again, once.
      if (!AftersaleError.hasCode(error, 'store_conflict') || attempt >= 1) throw error;
    }
  }
}

/** What {@link savePurchaseHistory} wrote. */
export interface SavePurchaseHistoryResult {
  /** Profiles written (created or replaced). */
  saved: number;
  /** Stored profiles marked as merged into another. */
  mergedAway: number;
}

/**
 * Persists what changed since the last save: each changed profile through `saveCustomerProfile`
 * (retrying once on `store_conflict`), and a profile merged into another is kept with
 * `data.crm.mergedInto` so old ids still resolve. Work is proportional to the changes.
 */
export async function savePurchaseHistory(
  history: PurchaseHistory,
  store: PurchaseHistoryStore,
  options: { now?: Date; extraMetrics?: (profileId: string) => Record<string, unknown> | undefined } = {},
): Promise<SavePurchaseHistoryResult> {
  const now = options.now ?? new Date();
  const changes = history.takeChanges();
  for (const profileId of changes.changed) {
    await saveWithRetry(
      store,
      toCustomerProfileInput(history, profileId, { now, extraMetrics: options.extraMetrics?.(profileId) }),
    );
  }
  let mergedAway = 0;
  for (const { id, into } of changes.mergedAway) {
    const stored = await store.getCustomerProfile(history.shopId, id);
    if (!stored) continue;
    const crm = readStoredCrm(stored);
    await saveWithRetry(store, {
      shopId: history.shopId,
      customerId: id,
      tags: [],
      metrics: {},
      data: {
        crm: {
          schema: 1,
          members: [],
          mergedInto: into,
          separations: [],
          manualLinks: [],
          preferences: { channels: [], language: null, interests: [] },
          feedback: [],
          contacts: [],
          consents: [],
          ...(crm ? { separations: crm.separations, manualLinks: crm.manualLinks } : {}),
        } satisfies StoredCrm,
      },
    });
    mergedAway++;
  }
  return { saved: changes.changed.length, mergedAway };
}

async function readAll<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** Settings of {@link rebuildPurchaseHistory}. */
export type RebuildPurchaseHistoryOptions = Omit<PurchaseHistoryOptions, 'shopId' | 'separations' | 'profileIds'>;

/**
 * Rebuilds a shop's purchase history from the store: customers, orders (with their refunds), return
 * cases and complaints are replayed; the CRM's own records (feedback, contacts, consent, preferences)
 * and the merchant's merges and splits are read back from the saved profiles, whose ids are kept.
 */
export async function rebuildPurchaseHistory(
  store: PurchaseHistoryStore,
  shopId: string,
  options: RebuildPurchaseHistoryOptions = {},
): Promise<PurchaseHistory> {
  const limit = 500;
  const customers: Customer[] = (await readAll((cursor) => store.listCustomers(shopId, { limit, cursor }))).map(
    (snapshot) => snapshot.customer,
  );
  const orders: Order[] = (await readAll((cursor) => store.listOrders(shopId, { limit, cursor }))).map(
    (snapshot) => snapshot.order,
  );
  const complaints = await readAll((cursor) => store.listComplaints(shopId, { limit, cursor }));
  const returnCases = await readAll((cursor) => store.listReturnCases(shopId, { limit, cursor }));
  const platformOf = new Map(orders.map((order) => [order.id, order.source.platform]));

  const replay = (history: PurchaseHistory): void => {
    for (const customer of customers) history.addCustomer(customer);
    for (const order of orders) history.addOrder(order);
    for (const complaint of complaints) {
      history.addComplaint({
        id: complaint.id,
        at: complaint.createdAt,
        customer: complaint.customerId?.startsWith('cus_')
          ? { profileId: complaint.customerId, orderId: complaint.orderId }
          : {
              customerId: complaint.customerId,
              orderId: complaint.orderId,
              platform: complaint.orderId ? platformOf.get(complaint.orderId) : null,
            },
        orderId: complaint.orderId,
        channel: complaint.channel,
        category: complaint.category,
        status: complaint.status,
      });
    }
    for (const returnCase of returnCases) {
      history.addReturn({
        id: returnCase.id,
        at: returnCase.createdAt,
        customer: returnCase.customerId?.startsWith('cus_')
          ? { profileId: returnCase.customerId, orderId: returnCase.orderId }
          : {
              customerId: returnCase.customerId,
              orderId: returnCase.orderId,
              platform: platformOf.get(returnCase.orderId),
            },
        orderId: returnCase.orderId,
        status: returnCase.status,
        units: returnCase.lines.reduce((total, line) => total + line.quantity, 0),
        reasons: returnCase.lines.flatMap((line) => (line.reason ? [line.reason] : [])),
      });
    }
  };

  // Pass 1 finds who is who; the saved profiles are then found by the ids their founders would have.
  const discovery = createPurchaseHistory({ ...options, shopId });
  replay(discovery);
  const stored = new Map<string, { record: CustomerProfile; crm: StoredCrm }>();
  const seenIds = new Set<string>();
  for (const profileId of discovery.profileIds()) {
    const members = discovery.getProfile(profileId)?.members ?? [];
    const candidates = [profileId, ...members.map(profileIdFor)];
    for (const candidate of candidates) {
      if (seenIds.has(candidate)) continue;
      seenIds.add(candidate);
      const record = await store.getCustomerProfile(shopId, candidate);
      if (!record) continue;
      const crm = readStoredCrm(record);
      if (!crm) continue;
      if (crm.mergedInto) candidates.push(crm.mergedInto);
      else stored.set(record.customerId, { record, crm });
    }
  }
  const profileIds = new Map<string, string>();
  const separations: Array<[string[], string[]]> = [];
  const manualLinks: Array<[string, string]> = [];
  const separationKeys = new Set<string>();
  for (const { record, crm } of stored.values()) {
    for (const member of crm.members) profileIds.set(member, record.customerId);
    for (const separation of crm.separations) {
      const key = JSON.stringify(separation);
      if (!separationKeys.has(key)) separations.push(separation);
      separationKeys.add(key);
    }
    for (const link of crm.manualLinks) {
      if (!manualLinks.some(([a, b]) => a === link[0] && b === link[1])) manualLinks.push(link);
    }
  }

  // Pass 2 replays with the merchant's splits and the saved ids, then re-applies manual merges and the CRM's own records.
  const history = createPurchaseHistory({ ...options, shopId, separations, profileIds });
  replay(history);
  for (const [survivorMember, absorbedMember] of manualLinks) {
    const survivor = history.profileOfMember(survivorMember);
    const absorbed = history.profileOfMember(absorbedMember);
    if (survivor && absorbed && survivor !== absorbed) history.merge(survivor, absorbed);
  }
  for (const { record, crm } of stored.values()) {
    const profileId = history.findProfileId({ profileId: record.customerId });
    if (!profileId) continue;
    const customer = { profileId };
    history.setPreferences(customer, crm.preferences);
    for (const consent of crm.consents) history.recordConsent(customer, consent);
    for (const feedback of crm.feedback) history.addFeedback({ ...feedback, customer });
    for (const contact of crm.contacts) history.addContact({ ...contact, customer });
  }
  history.takeChanges();
  return history;
}
