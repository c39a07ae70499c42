import { AftersaleError } from '../../errors/aftersale-error.js';
import type { Customer, Order, Platform } from '../../model/schemas.js';
import { add, type Money, subtract, sum, zero } from '../../money/money.js';
import { normalizeEmail } from '../identity/normalize-email.js';
import { normalizePhone } from '../identity/normalize-phone.js';
import {
  type CustomerMetrics,
  computeCustomerMetrics,
  emptyAggregates,
  type HistoryAggregates,
} from '../metrics/customer-metrics.js';
import {
  type ComplaintFactInput,
  type ConsentInput,
  type ContactChannel,
  type ContactInput,
  type CustomerLookup,
  complaintFactInputSchema,
  consentInputSchema,
  contactInputSchema,
  customerLookupSchema,
  type FeedbackInput,
  feedbackInputSchema,
  type PreferencesInput,
  parseHistoryInput,
  preferencesInputSchema,
  type ReturnFactInput,
  returnFactInputSchema,
} from './history-inputs.js';

/** What a timeline entry records. */
export type TimelineKind =
  | 'order-placed'
  | 'order-cancelled'
  | 'refund-issued'
  | 'return-requested'
  | 'complaint-opened'
  | 'feedback-received'
  | 'contact-logged'
  | 'consent-changed';

/** One thing that happened, in a profile's timeline. Refers to records by id; no personal data. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** The record: the order, refund, return case, complaint, feedback or contact id. */
  subjectId: string;
  platform: Platform | null;
  amount: Money | null;
  details: Record<string, string | number | boolean | null>;
}

/** A marketing consent as it stands on one channel. */
export interface ConsentState {
  granted: boolean;
  at: string;
  source: string;
}

/** Preferences: channels in order of preference, language, interests. */
export interface CustomerPreferences {
  channels: ContactChannel[];
  language: string | null;
  interests: string[];
}

/** Why two profiles were merged: the kind of identity they shared, or a merchant's decision. */
export type MergeReason = 'email' | 'phone' | 'platform-customer' | 'manual';

/** A merge, kept so that it can be undone. */
export interface MergeRecord {
  /** `mrg_` + a sequence number. */
  id: string;
  at: string;
  survivorId: string;
  absorbedId: string;
  reason: MergeReason;
  /** The identities (platform customers, guest orders) that came from the absorbed profile. */
  absorbedMembers: string[];
  /** When it was undone, if it was. */
  undoneAt: string | null;
}

/** A profile as the history holds it: who (all identities), preferences, consent and merges. */
export interface CustomerProfileView {
  id: string;
  /** Identity members: `customer:<platform>:<id>` (an account) and `guest:<platform>:<order id>`. */
  members: string[];
  /** Normalised e-mail addresses and E.164 phones seen for the person (personal data). */
  emails: string[];
  phones: string[];
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  tags: string[];
  preferences: CustomerPreferences;
  consent: Partial<Record<ContactChannel, ConsentState>>;
  merges: MergeRecord[];
}

/** Settings of {@link createPurchaseHistory}. */
export interface PurchaseHistoryOptions {
  /** The shop every profile belongs to. */
  shopId: string;
  /** The clock for merge times and for metrics without an explicit `now`. @default () => new Date() */
  clock?: () => Date;
  /** The shop's country, for national phone numbers without an address country. */
  defaultCountry?: string;
  /** Splits a merchant made earlier (from {@link PurchaseHistory.rules}): these identities are never merged automatically. */
  separations?: ReadonlyArray<readonly [readonly string[], readonly string[]]>;
  /** Profile ids to reuse: a profile founded by one of these identity members takes its id (a rebuild keeps ids). */
  profileIds?: ReadonlyMap<string, string>;
}

interface OrderFacts {
  key: string;
  member: string;
  orderId: string;
  platform: Platform;
  name: string | null;
  placedAt: number;
  cancelledAt: number | null;
  currency: string;
  gross: Money;
  refunded: Money;
  returned: Money;
  units: number;
  returnedUnits: number;
  items: string[];
  refunds: Array<{ id: string; at: number; total: Money }>;
}

type EventFacts =
  | { kind: 'complaint'; key: string; member: string; at: number; input: ComplaintParsed }
  | { kind: 'return'; key: string; member: string; at: number; input: ReturnParsed }
  | { kind: 'feedback'; key: string; member: string; at: number; input: FeedbackParsed }
  | { kind: 'contact'; key: string; member: string; at: number; input: ContactParsed }
  | { kind: 'consent'; key: string; member: string; at: number; input: ConsentParsed };

type ComplaintParsed = ReturnType<typeof complaintFactInputSchema.parse>;
type ReturnParsed = ReturnType<typeof returnFactInputSchema.parse>;
type FeedbackParsed = ReturnType<typeof feedbackInputSchema.parse>;
type ContactParsed = ReturnType<typeof contactInputSchema.parse>;
type ConsentParsed = ReturnType<typeof consentInputSchema.parse>;

interface ProfileState {
  id: string;
  sequence: number;
  members: Set<string>;
  orders: Map<string, OrderFacts>;
  events: Map<string, EventFacts>;
  aggregates: HistoryAggregates;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  tags: Set<string>;
  preferences: CustomerPreferences;
  consent: Map<ContactChannel, ConsentState>;
  merges: MergeRecord[];
}

interface MemberState {
  /** The member's key, one string instance shared by all its records. */
  id: string;
  profileId: string;
  keys: Set<string>;
}

/** What {@link PurchaseHistory.crmRecords} returns: inputs that replay into an equal profile. */
export interface CrmRecords {
  feedback: FeedbackInput[];
  contacts: ContactInput[];
  consents: ConsentInput[];
  preferences: CustomerPreferences;
}

/** The persisted form of the history's rules, restored by a rebuild (see `rebuildPurchaseHistory`). */
export interface HistoryRules {
  /** Identity members a merchant merged by hand: [survivor member, absorbed member]. */
  manualLinks: Array<[string, string]>;
  /** Member sets a merchant split apart: never merged again automatically. */
  separations: Array<[string[], string[]]>;
}

/**
 * One shop's customers across platforms: identities, timeline, preferences, consent and metrics,
 * kept up to date record by record. Made by {@link createPurchaseHistory}.
 */
export interface PurchaseHistory {
  readonly shopId: string;
  /** Adds or replaces a platform customer (identity, names, locale, tags, marketing consent). Returns the profile id. */
  addCustomer(customer: Customer): string;
  /** Adds or replaces an order (refunds and returned units included). Work: this order and the profiles it touches. */
  addOrder(order: Order): string;
  /** Takes an order out (deleted on the platform). Returns the profile it left, or null when unknown. */
  removeOrder(platform: Platform, orderId: string): string | null;
  addComplaint(input: ComplaintFactInput): string;
  addReturn(input: ReturnFactInput): string;
  addFeedback(input: FeedbackInput): string;
  addContact(input: ContactInput): string;
  /** Updates preferences (fields left out are kept). */
  setPreferences(customer: CustomerLookup, preferences: PreferencesInput): string;
  /** Records a consent given or withdrawn; the newest per channel wins. */
  recordConsent(customer: CustomerLookup, consent: ConsentInput): string;
  /** Merges two profiles by hand (the first survives). */
  merge(survivorId: string, absorbedId: string): MergeRecord;
  /** Undoes a merge: the absorbed identities and their records go back to a profile of the old id, and stay apart. */
  unmerge(mergeId: string): { survivorId: string; restoredId: string };
  /** The profile a lookup resolves to, or null. Follows merges for old profile ids. */
  findProfileId(customer: CustomerLookup): string | null;
  getProfile(profileId: string): CustomerProfileView | null;
  /** The profile's history in time order (ties: by kind, then id). */
  timeline(profileId: string): TimelineEntry[];
  metrics(profileId: string, options?: { now?: Date }): CustomerMetrics;
  /** Items (sku, else product id) the customer bought, for cross-sell. */
  ownedItems(profileId: string): Set<string>;
  /** The profile holding an identity member (`customer:<platform>:<id>`, `guest:<platform>:<order id>`), or null. */
  profileOfMember(member: string): string | null;
  /**
   * The records only the CRM holds (feedback, contacts, consent changes, preferences), for persisting
   * them in the profile record; orders, return cases and complaints are the store's own records.
   */
  crmRecords(profileId: string): CrmRecords;
  /** Every current profile id, oldest first. */
  profileIds(): string[];
  readonly profileCount: number;
  /** Every merge, oldest first. */
  merges(): MergeRecord[];
  rules(): HistoryRules;
  /** Profiles changed (or merged away) since the last `takeChanges()`, and clears the list. */
  takeChanges(): { changed: string[]; mergedAway: Array<{ id: string; into: string }> };
  /** Orders as baskets (customer, order, time, items), oldest first, for cross-sell models. */
  baskets(): Array<{ customerId: string; basketId: string; at: number; items: string[] }>;
}

const returnRestockTypes = new Set(['return', 'legacy_restock']);
const noRefunds: OrderFacts['refunds'] = Object.freeze([]) as unknown as OrderFacts['refunds'];

// Money is immutable plain data, so one zero per currency is shared by every order without refunds.
const zeros = new Map<string, Money>();
function zeroOf(currency: string): Money {
  let value = zeros.get(currency);
  if (value === undefined) {
    value = zero(currency);
    zeros.set(currency, value);
  }
  return value;
}

function hash(text: string): string {
  // Two 32-bit FNV-1a hashes with different offsets: a stable 64-bit id suffix, the same on every machine.
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193) >>> 0;
    second = Math.imul(second ^ code, 0x01000193) >>> 0;
    second = (second ^ (second >>> 13)) >>> 0;
  }
  return first.toString(16).padStart(8, '0') + second.toString(16).padStart(8, '0');
}

/** The id a profile founded by this identity member gets: `cus_` and a stable hash of the member. */
export function profileIdFor(member: string): string {
  return `cus_${hash(member)}`;
}

function consentKey(consent: { channel: string; at: string; source: string }): string {
  return `consent:${consent.channel}:${consent.at}:${consent.source}`;
}

function timeOf(value: string): number {
  return Date.parse(value);
}

function emptyPreferences(): CustomerPreferences {
  return { channels: [], language: null, interests: [] };
}

/**
 * Creates an empty purchase history for one shop. Feed it customers, orders, refunds (inside orders),
 * return cases, complaints, feedback and contacts as they arrive; identities are matched on the
 * platform customer id, the normalised e-mail and the E.164 phone, and each merge is recorded so it can
 * be undone. Each update costs the record and the profiles it touches, never a recompute of the shop.
 *
 * @example
 * ```ts
 * const history = createPurchaseHistory({ shopId: 'acme.myshopify.com' });
 * const profileId = history.addOrder(order);
 * history.metrics(profileId).netSpend; // Money
 * ```
 */
export function createPurchaseHistory(options: PurchaseHistoryOptions): PurchaseHistory {
  const clock = options.clock ?? (() => new Date());
  const defaultCountry = options.defaultCountry ?? null;
  const profiles = new Map<string, ProfileState>();
  const members = new Map<string, MemberState>();
  const keyIndex = new Map<string, string>();
  const orderIndex = new Map<string, string>(); // `${platform}:${orderId}` → member
  const eventIndex = new Map<string, string>(); // event key → member
  const mergedInto = new Map<string, string>();
  const mergeLog: MergeRecord[] = [];
  const separations: Array<[Set<string>, Set<string>]> = (options.separations ?? []).map(
    ([a, b]) => [new Set(a), new Set(b)] as [Set<string>, Set<string>],
  );
  const manualLinks: Array<[string, string]> = [];
  const changed = new Set<string>();
  const mergedAway = new Map<string, string>();
  let sequence = 0;

  const nowIso = (): string => clock().toISOString();

  function newProfile(founder: string, preferredId?: string): ProfileState {
    let id = preferredId ?? options.profileIds?.get(founder) ?? profileIdFor(founder);
    for (let attempt = 1; profiles.has(id) || mergedInto.has(id); attempt++)
      id = `cus_${hash(`${founder}#${attempt}`)}`;
    const profile: ProfileState = {
      id,
      sequence: sequence++,
      members: new Set(),
      orders: new Map(),
      events: new Map(),
      aggregates: emptyAggregates(),
      firstName: null,
      lastName: null,
      locale: null,
      tags: new Set(),
      preferences: emptyPreferences(),
      consent: new Map(),
      merges: [],
    };
    profiles.set(id, profile);
    mergedAway.delete(id);
    changed.add(id);
    return profile;
  }

  function resolveProfileId(id: string): string | null {
    let current: string | undefined = id;
    for (let hops = 0; current !== undefined && hops < 1000; hops++) {
      if (profiles.has(current)) return current;
      current = mergedInto.get(current);
    }
    return null;
  }

  function mustGet(profileId: string): ProfileState {
    const resolved = resolveProfileId(profileId);
    const profile = resolved === null ? undefined : profiles.get(resolved);
    if (!profile) {
      throw new AftersaleError({
        code: 'store_not_found',
        message: `No customer profile ${profileId} in shop ${options.shopId}; look it up with findProfileId() first.`,
      });
    }
    return profile;
  }

  function separated(left: ProfileState, right: ProfileState): boolean {
    for (const [a, b] of separations) {
      let leftInA = false;
      let leftInB = false;
      for (const member of left.members) {
        if (a.has(member)) leftInA = true;
        if (b.has(member)) leftInB = true;
      }
      if (!leftInA && !leftInB) continue;
      for (const member of right.members) {
        if ((leftInA && b.has(member)) || (leftInB && a.has(member))) return true;
      }
    }
    return false;
  }

  function memberBlocked(member: string, profile: ProfileState): boolean {
    for (const [a, b] of separations) {
      const other = a.has(member) ? b : b.has(member) ? a : null;
      if (other === null) continue;
      for (const candidate of profile.members) if (other.has(candidate)) return true;
    }
    return false;
  }

  // ── aggregates ──────────────────────────────────────────────────────────────────────────────
  function applyOrder(aggregates: HistoryAggregates, facts: OrderFacts, sign: 1 | -1): void {
    if (facts.cancelledAt !== null) {
      aggregates.cancelledOrderCount += sign;
      return;
    }
    aggregates.orderCount += sign;
    aggregates.units += sign * facts.units;
    aggregates.returnedUnits += sign * facts.returnedUnits;
    let totals = aggregates.spend.get(facts.currency);
    if (!totals) {
      const nothing = zero(facts.currency);
      totals = { currency: facts.currency, orders: 0, gross: nothing, refunded: nothing, returned: nothing };
      aggregates.spend.set(facts.currency, totals);
    }
    const combine = sign === 1 ? add : subtract;
    totals.orders += sign;
    totals.gross = combine(totals.gross, facts.gross);
    totals.refunded = combine(totals.refunded, facts.refunded);
    totals.returned = combine(totals.returned, facts.returned);
    if (sign === 1) {
      if (aggregates.firstOrderAt === null || facts.placedAt < aggregates.firstOrderAt)
        aggregates.firstOrderAt = facts.placedAt;
      if (aggregates.lastOrderAt === null || facts.placedAt > aggregates.lastOrderAt)
        aggregates.lastOrderAt = facts.placedAt;
    }
  }

  function applyEvent(aggregates: HistoryAggregates, event: EventFacts, sign: 1 | -1): void {
    if (event.kind === 'complaint') aggregates.complaintCount += sign;
    if (event.kind === 'feedback') {
      aggregates.csatCount += sign;
      aggregates.csatSum += sign * event.input.csat;
    }
  }

  function refreshOrderBounds(profile: ProfileState, removedAt: number): void {
    const { aggregates } = profile;
    if (removedAt !== aggregates.firstOrderAt && removedAt !== aggregates.lastOrderAt) return;
    // The removed order held a bound: look again at this profile's orders only.
    let first: number | null = null;
    let last: number | null = null;
    for (const facts of profile.orders.values()) {
      if (facts.cancelledAt !== null) continue;
      if (first === null || facts.placedAt < first) first = facts.placedAt;
      if (last === null || facts.placedAt > last) last = facts.placedAt;
    }
    aggregates.firstOrderAt = first;
    aggregates.lastOrderAt = last;
  }

  function recompute(profile: ProfileState): void {
    profile.aggregates = emptyAggregates();
    profile.consent.clear();
    for (const facts of profile.orders.values()) applyOrder(profile.aggregates, facts, 1);
    for (const event of profile.events.values()) {
      applyEvent(profile.aggregates, event, 1);
      if (event.kind === 'consent') applyConsent(profile, event.input);
    }
  }

  function combineAggregates(into: HistoryAggregates, from: HistoryAggregates): void {
    into.orderCount += from.orderCount;
    into.cancelledOrderCount += from.cancelledOrderCount;
    into.units += from.units;
    into.returnedUnits += from.returnedUnits;
    into.complaintCount += from.complaintCount;
    into.csatCount += from.csatCount;
    into.csatSum += from.csatSum;
    for (const [currency, totals] of from.spend) {
      const existing = into.spend.get(currency);
      if (!existing) into.spend.set(currency, { ...totals });
      else {
        existing.orders += totals.orders;
        existing.gross = add(existing.gross, totals.gross);
        existing.refunded = add(existing.refunded, totals.refunded);
        existing.returned = add(existing.returned, totals.returned);
      }
    }
    if (from.firstOrderAt !== null && (into.firstOrderAt === null || from.firstOrderAt < into.firstOrderAt)) {
      into.firstOrderAt = from.firstOrderAt;
    }
    if (from.lastOrderAt !== null && (into.lastOrderAt === null || from.lastOrderAt > into.lastOrderAt)) {
      into.lastOrderAt = from.lastOrderAt;
    }
  }

  // ── merging ─────────────────────────────────────────────────────────────────────────────────
  function recordMerge(survivor: ProfileState, absorbedId: string, absorbedMembers: string[], reason: MergeReason) {
    const record: MergeRecord = {
      id: `mrg_${mergeLog.length + 1}`,
      at: nowIso(),
      survivorId: survivor.id,
      absorbedId,
      reason,
      absorbedMembers,
      undoneAt: null,
    };
    survivor.merges.push(record);
    mergeLog.push(record);
    mergedInto.set(absorbedId, survivor.id);
    return record;
  }

  function mergeProfiles(survivor: ProfileState, absorbed: ProfileState, reason: MergeReason): MergeRecord {
    const record = recordMerge(survivor, absorbed.id, [...absorbed.members], reason);
    for (const member of absorbed.members) {
      survivor.members.add(member);
      const state = members.get(member) as MemberState;
      state.profileId = survivor.id;
      for (const key of state.keys) if (keyIndex.get(key) === absorbed.id) keyIndex.set(key, survivor.id);
    }
    for (const [key, facts] of absorbed.orders) survivor.orders.set(key, facts);
    for (const [key, event] of absorbed.events) survivor.events.set(key, event);
    combineAggregates(survivor.aggregates, absorbed.aggregates);
    survivor.firstName ??= absorbed.firstName;
    survivor.lastName ??= absorbed.lastName;
    survivor.locale ??= absorbed.locale;
    for (const tag of absorbed.tags) survivor.tags.add(tag);
    if (survivor.preferences.channels.length === 0) survivor.preferences.channels = absorbed.preferences.channels;
    survivor.preferences.language ??= absorbed.preferences.language;
    survivor.preferences.interests = [
      ...new Set([...survivor.preferences.interests, ...absorbed.preferences.interests]),
    ];
    for (const [channel, state] of absorbed.consent) {
      const current = survivor.consent.get(channel);
      if (!current || timeOf(state.at) > timeOf(current.at)) survivor.consent.set(channel, state);
    }
    survivor.merges.push(...absorbed.merges);
    profiles.delete(absorbed.id);
    changed.add(survivor.id);
    changed.delete(absorbed.id);
    mergedAway.set(absorbed.id, survivor.id);
    return record;
  }

  /** Puts a member with its identity keys into the right profile, merging profiles that share a key. */
  function place(member: string, keys: Array<{ key: string; reason: MergeReason }>): ProfileState {
    const existing = members.get(member);
    if (existing) {
      // The common case (a known identity, keys that lead nowhere else) needs no merging.
      let simple = true;
      for (const { key } of keys) {
        const holder = keyIndex.get(key);
        if (holder !== undefined && holder !== existing.profileId && profiles.has(holder)) {
          simple = false;
          break;
        }
      }
      if (simple) {
        for (const { key } of keys) {
          if (existing.keys.has(key)) continue;
          existing.keys.add(key);
          const holder = keyIndex.get(key);
          if (holder === undefined || !profiles.has(holder)) keyIndex.set(key, existing.profileId);
        }
        changed.add(existing.profileId);
        return profiles.get(existing.profileId) as ProfileState;
      }
    }
    const candidates: Array<{ profile: ProfileState; reason: MergeReason }> = [];
    const seen = new Set<string>();
    if (existing) {
      const profile = profiles.get(existing.profileId) as ProfileState;
      candidates.push({ profile, reason: 'platform-customer' });
      seen.add(profile.id);
    }
    for (const { key, reason } of keys) {
      const profileId = keyIndex.get(key);
      if (profileId === undefined || seen.has(profileId)) continue;
      const profile = profiles.get(profileId);
      if (!profile) continue;
      seen.add(profileId);
      candidates.push({ profile, reason });
    }
    let target: ProfileState | null = existing ? (profiles.get(existing.profileId) as ProfileState) : null;
    let joined: MergeReason | null = null;
    if (target === null) {
      const compatible = candidates
        .filter((candidate) => !memberBlocked(member, candidate.profile))
        .sort((left, right) => left.profile.sequence - right.profile.sequence);
      const match = compatible[0];
      target = match?.profile ?? newProfile(member);
      joined = match?.reason ?? null;
    }
    let state = members.get(member);
    if (!state) {
      state = { id: member, profileId: target.id, keys: new Set() };
      members.set(member, state);
      target.members.add(member);
      // A new identity matched onto an existing profile is a merge too, and can be undone like one.
      if (joined !== null) recordMerge(target, profileIdFor(member), [member], joined);
    }
    for (const candidate of candidates) {
      if (candidate.profile === target || !profiles.has(candidate.profile.id)) continue;
      if (separated(target, candidate.profile)) continue;
      // The older profile survives, so ids stay stable as histories grow together.
      if (candidate.profile.sequence < target.sequence) {
        mergeProfiles(candidate.profile, target, candidate.reason);
        target = candidate.profile;
      } else mergeProfiles(target, candidate.profile, candidate.reason);
    }
    for (const { key } of keys) {
      (state as MemberState).keys.add(key);
      const holder = keyIndex.get(key);
      if (holder === undefined || !profiles.has(holder)) keyIndex.set(key, target.id);
    }
    changed.add(target.id);
    return target;
  }

  // Parsing a phone number costs tens of microseconds: each distinct raw value is normalised once, and
  // its identity key is one shared object (its string hashed once for the map look-ups).
  type IdentityKey = { key: string; reason: MergeReason };
  const emailKeys = new Map<string, IdentityKey | null>();
  const phoneKeys = new Map<string, Map<string, IdentityKey | null>>();
  function emailKey(raw: string): IdentityKey | null {
    let value = emailKeys.get(raw);
    if (value === undefined) {
      const normalizedEmail = normalizeEmail(raw);
      value = normalizedEmail ? { key: `email:${normalizedEmail}`, reason: 'email' } : null;
      emailKeys.set(raw, value);
    }
    return value;
  }
  function phoneKey(raw: string, country: string | null): IdentityKey | null {
    const countryKey = country ?? '';
    let byRaw = phoneKeys.get(countryKey);
    if (byRaw === undefined) {
      byRaw = new Map();
      phoneKeys.set(countryKey, byRaw);
    }
    let value = byRaw.get(raw);
    if (value === undefined) {
      const normalizedPhone = normalizePhone(raw, country);
      value = normalizedPhone ? { key: `phone:${normalizedPhone}`, reason: 'phone' } : null;
      byRaw.set(raw, value);
    }
    return value;
  }

  function identityKeys(
    email: string | null | undefined,
    phone: string | null | undefined,
    country: string | null,
  ): IdentityKey[] {
    const keys: IdentityKey[] = [];
    const fromEmail = email ? emailKey(email) : null;
    if (fromEmail) keys.push(fromEmail);
    const fromPhone = phone ? phoneKey(phone, country ?? defaultCountry) : null;
    if (fromPhone) keys.push(fromPhone);
    return keys;
  }

  /** Resolves a lookup to a member to attach a record to (creating a contact member when needed). */
  function memberFor(lookupInput: CustomerLookup, recordKey: string): string {
    const lookup = parseHistoryInput(customerLookupSchema, lookupInput, 'customer lookup');
    const platform = lookup.platform ?? 'shopify';
    if (lookup.customerId) {
      const member = `customer:${platform}:${lookup.customerId}`;
      place(member, identityKeys(lookup.email, lookup.phone, lookup.countryCode ?? null));
      return member;
    }
    if (lookup.orderId) {
      const member = orderIndex.get(`${platform}:${lookup.orderId}`);
      if (member) return member;
    }
    if (lookup.profileId) {
      const resolved = resolveProfileId(lookup.profileId);
      const profile = resolved === null ? undefined : profiles.get(resolved);
      const first = profile ? profile.members.values().next() : null;
      if (first && !first.done) return first.value;
    }
    const keys = identityKeys(lookup.email, lookup.phone, lookup.countryCode ?? null);
    if (keys.length === 0) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Cannot tell whose ${recordKey.split(':')[0]} this is: give a profileId, a customerId, a known orderId, or a valid e-mail or phone.`,
      });
    }
    const member = `contact:${recordKey}`;
    place(member, keys);
    return member;
  }

  function profileOfMember(member: string): ProfileState {
    return profiles.get((members.get(member) as MemberState).profileId) as ProfileState;
  }

  function orderFacts(order: Order, member: string, key: string): OrderFacts {
    const currency = order.currency;
    let units = 0;
    for (const line of order.lines) units += line.quantity;
    let returnedUnits = 0;
    const returnedAmounts: Money[] = [];
    for (const refund of order.refunds) {
      for (const line of refund.lines) {
        if (line.restockType && returnRestockTypes.has(line.restockType)) {
          returnedUnits += line.quantity;
          returnedAmounts.push(line.subtotal, line.tax);
        }
      }
    }
    const items = new Set<string>();
    for (const line of order.lines) {
      const item = line.sku ?? line.productId ?? line.variantId;
      if (item) items.add(item);
    }
    const cancelled = order.cancelledAt ?? null;
    return {
      key,
      member,
      orderId: order.id,
      platform: order.source.platform,
      name: order.source.name ?? null,
      placedAt: timeOf(order.processedAt ?? order.createdAt),
      cancelledAt:
        cancelled === null ? (order.financialStatus === 'voided' ? timeOf(order.createdAt) : null) : timeOf(cancelled),
      currency,
      gross: order.totals.total,
      refunded:
        order.refunds.length === 0
          ? zeroOf(currency)
          : sum(
              order.refunds.map((refund) => refund.total),
              currency,
            ),
      returned: returnedAmounts.length === 0 ? zeroOf(currency) : sum(returnedAmounts, currency),
      units,
      returnedUnits,
      items: [...items],
      refunds:
        order.refunds.length === 0
          ? noRefunds
          : order.refunds.map((refund) => ({ id: refund.id, at: timeOf(refund.createdAt), total: refund.total })),
    };
  }

  function removeOrderFacts(facts: OrderFacts): ProfileState {
    const profile = profileOfMember(facts.member);
    profile.orders.delete(facts.key);
    applyOrder(profile.aggregates, facts, -1);
    if (facts.cancelledAt === null) refreshOrderBounds(profile, facts.placedAt);
    changed.add(profile.id);
    return profile;
  }

  function addEvent(event: EventFacts): string {
    const previousMember = eventIndex.get(event.key);
    if (previousMember !== undefined) {
      const previousProfile = profileOfMember(previousMember);
      const previous = previousProfile.events.get(event.key);
      if (previous) {
        previousProfile.events.delete(event.key);
        applyEvent(previousProfile.aggregates, previous, -1);
        changed.add(previousProfile.id);
      }
    }
    const profile = profileOfMember(event.member);
    profile.events.set(event.key, event);
    eventIndex.set(event.key, event.member);
    applyEvent(profile.aggregates, event, 1);
    changed.add(profile.id);
    return profile.id;
  }

  function applyConsent(profile: ProfileState, consent: ConsentParsed): void {
    const current = profile.consent.get(consent.channel);
    if (!current || timeOf(consent.at) >= timeOf(current.at)) {
      profile.consent.set(consent.channel, { granted: consent.granted, at: consent.at, source: consent.source });
    }
  }

  function view(profile: ProfileState): CustomerProfileView {
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (const member of profile.members) {
      for (const key of (members.get(member) as MemberState).keys) {
        if (key.startsWith('email:')) emails.add(key.slice(6));
        else if (key.startsWith('phone:')) phones.add(key.slice(6));
      }
    }
    return {
      id: profile.id,
      members: [...profile.members],
      emails: [...emails],
      phones: [...phones],
      firstName: profile.firstName,
      lastName: profile.lastName,
      locale: profile.locale,
      tags: [...profile.tags],
      preferences: {
        channels: [...profile.preferences.channels],
        language: profile.preferences.language,
        interests: [...profile.preferences.interests],
      },
      consent: Object.fromEntries(profile.consent),
      merges: profile.merges.map((record) => ({ ...record, absorbedMembers: [...record.absorbedMembers] })),
    };
  }

  function timelineOf(profile: ProfileState): TimelineEntry[] {
    const entries: Array<TimelineEntry & { time: number }> = [];
    for (const facts of profile.orders.values()) {
      entries.push({
        time: facts.placedAt,
        at: new Date(facts.placedAt).toISOString(),
        kind: 'order-placed',
        subjectId: facts.orderId,
        platform: facts.platform,
        amount: facts.gross,
        details: { name: facts.name, units: facts.units },
      });
      if (facts.cancelledAt !== null) {
        entries.push({
          time: facts.cancelledAt,
          at: new Date(facts.cancelledAt).toISOString(),
          kind: 'order-cancelled',
          subjectId: facts.orderId,
          platform: facts.platform,
          amount: null,
          details: {},
        });
      }
      for (const refund of facts.refunds) {
        entries.push({
          time: refund.at,
          at: new Date(refund.at).toISOString(),
          kind: 'refund-issued',
          subjectId: refund.id,
          platform: facts.platform,
          amount: refund.total,
          details: { orderId: facts.orderId },
        });
      }
    }
    for (const event of profile.events.values()) {
      const base = { time: event.at, at: new Date(event.at).toISOString(), platform: null, amount: null };
      if (event.kind === 'complaint') {
        const { input } = event;
        entries.push({
          ...base,
          kind: 'complaint-opened',
          subjectId: input.id,
          details: {
            orderId: input.orderId ?? null,
            channel: input.channel,
            category: input.category ?? null,
            status: input.status,
          },
        });
      } else if (event.kind === 'return') {
        const { input } = event;
        entries.push({
          ...base,
          kind: 'return-requested',
          subjectId: input.id,
          details: {
            orderId: input.orderId,
            status: input.status,
            units: input.units,
            reasons: input.reasons.join(','),
          },
        });
      } else if (event.kind === 'feedback') {
        const { input } = event;
        entries.push({
          ...base,
          kind: 'feedback-received',
          subjectId: input.id,
          details: {
            csat: input.csat,
            orderId: input.orderId ?? null,
            complaintId: input.complaintId ?? null,
            channel: input.channel ?? null,
          },
        });
      } else if (event.kind === 'contact') {
        const { input } = event;
        entries.push({
          ...base,
          kind: 'contact-logged',
          subjectId: input.id,
          details: { channel: input.channel, direction: input.direction, topic: input.topic ?? null },
        });
      } else {
        const { input } = event;
        entries.push({
          ...base,
          kind: 'consent-changed',
          subjectId: event.key,
          details: { channel: input.channel, granted: input.granted, source: input.source },
        });
      }
    }
    entries.sort(
      (left, right) =>
        left.time - right.time || left.kind.localeCompare(right.kind) || left.subjectId.localeCompare(right.subjectId),
    );
    return entries.map(({ time: _time, ...entry }) => entry);
  }

  const history: PurchaseHistory = {
    shopId: options.shopId,

    addCustomer(customer) {
      const platform = customer.source.platform;
      const member = `customer:${platform}:${customer.id}`;
      const country = customer.countryCode ?? customer.defaultAddress?.countryCode ?? null;
      const keys = identityKeys(customer.email, customer.phone ?? customer.defaultAddress?.phone, country);
      // Accounts the platform says are the same person share a key, so they join like a shared e-mail.
      const account = { key: `account:${member}`, reason: 'platform-customer' as const };
      if (customer.otherIds.length > 0) keys.push(account);
      place(member, keys);
      for (const other of customer.otherIds) place(`customer:${other.platform}:${other.id}`, [account]);
      const profile = profileOfMember(member);
      profile.firstName = customer.firstName ?? profile.firstName;
      profile.lastName = customer.lastName ?? profile.lastName;
      profile.locale = customer.locale ?? profile.locale;
      profile.preferences.language ??= customer.locale ?? null;
      for (const tag of customer.tags) profile.tags.add(tag);
      // The platform's consent flags, dated when the account was made (the epoch when unknown), so any
      // consent recorded later wins; kept as consent events so they follow the account in a split.
      const at = customer.createdAt ?? new Date(0).toISOString();
      for (const channel of ['email', 'sms'] as const) {
        const granted = customer.marketingConsent[channel];
        if (typeof granted !== 'boolean') continue;
        const consent: ConsentParsed = { channel, granted, at, source: platform };
        addEvent({ kind: 'consent', key: consentKey(consent), member, at: timeOf(at), input: consent });
        applyConsent(profile, consent);
      }
      changed.add(profile.id);
      return profile.id;
    },

    addOrder(order) {
      const platform = order.source.platform;
      const orderKey = `${platform}:${order.id}`;
      const previousMember = orderIndex.get(orderKey);
      if (previousMember !== undefined) {
        const previous = profileOfMember(previousMember).orders.get(orderKey);
        if (previous) removeOrderFacts(previous);
      }
      const member = order.customer?.id ? `customer:${platform}:${order.customer.id}` : `guest:${orderKey}`;
      const address = order.billingAddress ?? order.shippingAddress ?? null;
      const keys = identityKeys(
        order.email ?? order.customer?.email,
        address?.phone ?? order.shippingAddress?.phone,
        address?.countryCode ?? null,
      );
      const profile = place(member, keys);
      const canonicalMember = (members.get(member) as MemberState).id;
      const facts = orderFacts(order, canonicalMember, orderKey);
      profile.orders.set(orderKey, facts);
      orderIndex.set(orderKey, canonicalMember);
      applyOrder(profile.aggregates, facts, 1);
      return profile.id;
    },

    removeOrder(platform, orderId) {
      const orderKey = `${platform}:${orderId}`;
      const member = orderIndex.get(orderKey);
      if (member === undefined) return null;
      const facts = profileOfMember(member).orders.get(orderKey);
      orderIndex.delete(orderKey);
      return facts ? removeOrderFacts(facts).id : null;
    },

    addComplaint(input) {
      const parsed = parseHistoryInput(complaintFactInputSchema, input, 'complaint');
      const key = `complaint:${parsed.id}`;
      const member = memberFor({ orderId: parsed.orderId, ...parsed.customer }, key);
      return addEvent({ kind: 'complaint', key, member, at: timeOf(parsed.at), input: parsed });
    },

    addReturn(input) {
      const parsed = parseHistoryInput(returnFactInputSchema, input, 'return');
      const key = `return:${parsed.id}`;
      const member = memberFor({ orderId: parsed.orderId, ...parsed.customer }, key);
      return addEvent({ kind: 'return', key, member, at: timeOf(parsed.at), input: parsed });
    },

    addFeedback(input) {
      const parsed = parseHistoryInput(feedbackInputSchema, input, 'feedback');
      const key = `feedback:${parsed.id}`;
      const member = memberFor({ orderId: parsed.orderId, ...parsed.customer }, key);
      return addEvent({ kind: 'feedback', key, member, at: timeOf(parsed.at), input: parsed });
    },

    addContact(input) {
      const parsed = parseHistoryInput(contactInputSchema, input, 'contact');
      const key = `contact:${parsed.id}`;
      const member = memberFor(parsed.customer, key);
      return addEvent({ kind: 'contact', key, member, at: timeOf(parsed.at), input: parsed });
    },

    setPreferences(customer, preferences) {
      const parsed = parseHistoryInput(preferencesInputSchema, preferences, 'preferences');
      const profile = profileOfMember(memberFor(customer, 'preferences:update'));
      if (parsed.channels) profile.preferences.channels = [...new Set(parsed.channels)];
      if (parsed.language !== undefined) profile.preferences.language = parsed.language ?? null;
      if (parsed.interests) profile.preferences.interests = [...new Set(parsed.interests)];
      changed.add(profile.id);
      return profile.id;
    },

    recordConsent(customer, consent) {
      const parsed = parseHistoryInput(consentInputSchema, consent, 'consent');
      const key = consentKey(parsed);
      const member = memberFor(customer, key);
      const profileId = addEvent({ kind: 'consent', key, member, at: timeOf(parsed.at), input: parsed });
      applyConsent(profiles.get(profileId) as ProfileState, parsed);
      return profileId;
    },

    merge(survivorId, absorbedId) {
      const survivor = mustGet(survivorId);
      const absorbed = mustGet(absorbedId);
      if (survivor === absorbed) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Profiles ${survivorId} and ${absorbedId} are already one profile (${survivor.id}); nothing to merge.`,
        });
      }
      const survivorMember = survivor.members.values().next().value as string;
      const absorbedMember = absorbed.members.values().next().value as string;
      // A merchant's merge overrides an earlier split of the same people.
      for (let index = separations.length - 1; index >= 0; index--) {
        const [a, b] = separations[index] as [Set<string>, Set<string>];
        const crosses = (left: ProfileState, right: ProfileState) =>
          [...left.members].some((member) => a.has(member)) && [...right.members].some((member) => b.has(member));
        if (crosses(survivor, absorbed) || crosses(absorbed, survivor)) separations.splice(index, 1);
      }
      manualLinks.push([survivorMember, absorbedMember]);
      return mergeProfiles(survivor, absorbed, 'manual');
    },

    unmerge(mergeId) {
      const record = mergeLog.find((candidate) => candidate.id === mergeId);
      if (!record) {
        throw new AftersaleError({
          code: 'store_not_found',
          message: `No merge ${mergeId} in shop ${options.shopId}; list them with merges().`,
        });
      }
      if (record.undoneAt !== null) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Merge ${mergeId} was already undone at ${record.undoneAt}.`,
        });
      }
      const moving = new Set(record.absorbedMembers.filter((member) => members.has(member)));
      const holder = profileOfMember(record.absorbedMembers[0] as string);
      mergedInto.delete(record.absorbedId);
      const restored = newProfile(record.absorbedMembers[0] as string, record.absorbedId);
      for (const member of moving) {
        if (!holder.members.has(member)) continue;
        holder.members.delete(member);
        restored.members.add(member);
        (members.get(member) as MemberState).profileId = restored.id;
      }
      for (const [key, facts] of [...holder.orders]) {
        if (restored.members.has(facts.member)) {
          holder.orders.delete(key);
          restored.orders.set(key, facts);
        }
      }
      for (const [key, event] of [...holder.events]) {
        if (restored.members.has(event.member)) {
          holder.events.delete(key);
          restored.events.set(key, event);
        }
      }
      // Keys only the restored identities hold point to the restored profile; shared keys stay.
      const holderKeys = new Set<string>();
      for (const member of holder.members)
        for (const key of (members.get(member) as MemberState).keys) holderKeys.add(key);
      for (const member of restored.members) {
        for (const key of (members.get(member) as MemberState).keys) {
          if (!holderKeys.has(key)) keyIndex.set(key, restored.id);
        }
      }
      recompute(holder);
      recompute(restored);
      separations.push([new Set(holder.members), new Set(restored.members)]);
      for (let index = manualLinks.length - 1; index >= 0; index--) {
        const [left, right] = manualLinks[index] as [string, string];
        if (
          (holder.members.has(left) && restored.members.has(right)) ||
          (holder.members.has(right) && restored.members.has(left))
        ) {
          manualLinks.splice(index, 1);
        }
      }
      record.undoneAt = nowIso();
      changed.add(holder.id);
      changed.add(restored.id);
      return { survivorId: holder.id, restoredId: restored.id };
    },

    findProfileId(customer) {
      const lookup = parseHistoryInput(customerLookupSchema, customer, 'customer lookup');
      const platform = lookup.platform ?? 'shopify';
      if (lookup.profileId) {
        const resolved = resolveProfileId(lookup.profileId);
        if (resolved) return resolved;
      }
      if (lookup.customerId) {
        const member = members.get(`customer:${platform}:${lookup.customerId}`);
        if (member) return member.profileId;
      }
      if (lookup.orderId) {
        const member = orderIndex.get(`${platform}:${lookup.orderId}`);
        if (member) return profileOfMember(member).id;
      }
      for (const { key } of identityKeys(lookup.email, lookup.phone, lookup.countryCode ?? null)) {
        const profileId = keyIndex.get(key);
        if (profileId && profiles.has(profileId)) return profileId;
      }
      return null;
    },

    getProfile(profileId) {
      const resolved = resolveProfileId(profileId);
      const profile = resolved === null ? undefined : profiles.get(resolved);
      return profile ? view(profile) : null;
    },

    timeline(profileId) {
      return timelineOf(mustGet(profileId));
    },

    metrics(profileId, metricsOptions) {
      return computeCustomerMetrics(mustGet(profileId).aggregates, { now: metricsOptions?.now ?? clock() });
    },

    ownedItems(profileId) {
      const owned = new Set<string>();
      for (const facts of mustGet(profileId).orders.values()) for (const item of facts.items) owned.add(item);
      return owned;
    },

    crmRecords(profileId) {
      const profile = mustGet(profileId);
      const records: CrmRecords = {
        feedback: [],
        contacts: [],
        consents: [],
        preferences: {
          channels: [...profile.preferences.channels],
          language: profile.preferences.language,
          interests: [...profile.preferences.interests],
        },
      };
      const customer = { profileId: profile.id };
      for (const event of profile.events.values()) {
        if (event.kind === 'feedback') records.feedback.push({ ...event.input, customer });
        else if (event.kind === 'contact') records.contacts.push({ ...event.input, customer });
        else if (event.kind === 'consent') records.consents.push(event.input);
      }
      return records;
    },

    profileOfMember(member) {
      return members.get(member)?.profileId ?? null;
    },

    profileIds() {
      return [...profiles.values()].sort((left, right) => left.sequence - right.sequence).map((profile) => profile.id);
    },

    get profileCount() {
      return profiles.size;
    },

    merges() {
      return mergeLog.map((record) => ({ ...record, absorbedMembers: [...record.absorbedMembers] }));
    },

    rules() {
      return {
        manualLinks: manualLinks.map(([left, right]) => [left, right] as [string, string]),
        separations: separations.map(([a, b]) => [[...a], [...b]] as [string[], string[]]),
      };
    },

    takeChanges() {
      const result = {
        changed: [...changed].filter((id) => profiles.has(id)),
        mergedAway: [...mergedAway].map(([id, into]) => ({ id, into: resolveProfileId(into) ?? into })),
      };
      changed.clear();
      mergedAway.clear();
      return result;
    },

    baskets() {
      const result: Array<{ customerId: string; basketId: string; at: number; items: string[] }> = [];
      for (const profile of profiles.values()) {
        for (const facts of profile.orders.values()) {
          if (facts.cancelledAt === null && facts.items.length > 0) {
            result.push({ customerId: profile.id, basketId: facts.key, at: facts.placedAt, items: facts.items });
          }
        }
      }
      return result.sort((left, right) => left.at - right.at || left.basketId.localeCompare(right.basketId));
    },
  };
  return history;
}
