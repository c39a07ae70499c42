// The policy benchmark's inputs and its three contenders: aftersale's evaluateReturn, the same
// policy written for json-rules-engine, and a hand-written function hard-coding it (the floor).
// The benchmark (policy-eval.bench.ts) times them; test/policy-eval-bench.test.ts checks that all
// three reach the same decisions on these inputs.
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Order } from '../src/model/schemas.js';
import { money } from '../src/money/money.js';
import { definePolicy } from '../src/policy/define-policy.js';
import { evaluateReturn } from '../src/policy/evaluate-return.js';
import type { Policy } from '../src/policy/policy-schema.js';
import type { CustomerFacts, ReturnDecision, ReturnRequest } from '../src/policy/return-decision.js';
import { testOrder } from '../src/refund/test-order.js';

/** The shop's time zone: Istanbul keeps UTC+3 all year, which the two contenders hard-code. */
export const shopTimeZone = 'Europe/Istanbul';
const offsetMs = 3 * 3_600_000;
const dayMs = 86_400_000;

/** The benchmark policy: 20 rules (a window, 4 overrides, 7 exclusions, 3 fees, 3 waivers, 2 limits). */
export const benchPolicy: Policy = definePolicy({
  schemaVersion: 1,
  id: 'bench-returns',
  version: 1,
  currency: 'USD',
  window: { days: 30, from: 'delivery' },
  windowOverrides: [
    { id: 'window.vip', customers: { tags: ['vip'] }, days: 60 },
    { id: 'window.sale', priority: 10, products: { tags: ['sale'] }, days: 7 },
    { id: 'window.electronics', priority: 5, products: { tags: ['electronics'] }, days: 15 },
    { id: 'window.holiday', orderedBetween: { from: '2026-11-15', to: '2026-12-31' }, returnUntil: '2027-01-31' },
  ],
  exclusions: [
    { id: 'exclusion.final-sale', kind: 'final_sale', products: { tags: ['final-sale'] } },
    { id: 'exclusion.gift-cards', kind: 'gift_card' },
    { id: 'exclusion.hygiene', kind: 'hygiene_sealed', products: { productTypes: ['Underwear'] } },
    {
      id: 'exclusion.engraved',
      kind: 'personalised',
      products: { tags: ['engraved'] },
      personalisedWhenPropertiesPresent: false,
    },
    { id: 'exclusion.food', kind: 'perishable', products: { productTypes: ['Food'] } },
    { id: 'exclusion.software', kind: 'sealed_media', products: { productTypes: ['Software'] } },
    {
      id: 'exclusion.clearance',
      kind: 'custom',
      products: { vendors: ['Outlet Co'] },
      label: { en: 'Clearance items', tr: 'Tasfiye ürünleri' },
    },
  ],
  fees: {
    returnShipping: { amount: money(4990, 'USD') },
    restocking: [
      { id: 'fee.restocking-electronics', percent: 10, products: { tags: ['electronics'] } },
      { id: 'fee.restocking-furniture', percent: 15, products: { productTypes: ['Furniture'] } },
    ],
    waivers: [
      { id: 'waiver.defects', bases: ['defect'] },
      { id: 'waiver.exchange', resolutions: ['exchange'] },
      { id: 'waiver.vip', fees: ['return_shipping'], customers: { tags: ['vip'] } },
    ],
  },
  resolutions: { exchange: { enabled: true } },
  limits: {
    countries: ['US', 'CA'],
    excludedOrderTags: ['wholesale'],
    returnsPerCustomer: { maximum: 5, periodDays: 90 },
  },
});

/** One past request: the order, the request for all its lines, the moment, the customer. */
export interface BenchInput {
  order: Order;
  request: ReturnRequest;
  now: string;
  customer: CustomerFacts;
}

/** What the three contenders must agree on, per line and for the return. */
export interface BenchDecision {
  lines: {
    lineItemId: string;
    eligible: boolean;
    /** Rules that refused the line (limits, exclusions, a closed window), sorted. */
    failed: string[];
    /** The window rule that applied and its deadline (epoch ms). */
    window: string;
    deadline: number;
    /** The restocking fee charged on the line (minor units; 0 when none or ineligible). */
    restocking: number;
  }[];
  /** The return shipping fee charged for the return (minor units). */
  returnShipping: number;
}

// ── Inputs ────────────────────────────────────────────────────────────────────────────────────

/** A small deterministic PRNG (mulberry32), so every run replays the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const products: { tags?: string[]; type?: string; vendor?: string; giftCard?: boolean }[] = [
  { type: 'Shirt', vendor: 'Acme' },
  { tags: ['sale'], type: 'Shirt', vendor: 'Acme' },
  { tags: ['electronics'], type: 'Headphones', vendor: 'Sonic' },
  { tags: ['electronics', 'sale'], type: 'Speaker', vendor: 'Sonic' },
  { tags: ['final-sale'], type: 'Coat', vendor: 'Acme' },
  { giftCard: true },
  { type: 'Underwear', vendor: 'Acme' },
  { tags: ['engraved'], type: 'Ring', vendor: 'Goldie' },
  { type: 'Food', vendor: 'Deli' },
  { type: 'Software', vendor: 'Bytes' },
  { type: 'Lamp', vendor: 'Outlet Co' },
  { type: 'Furniture', vendor: 'Woody' },
  { tags: ['electronics'], type: 'Furniture', vendor: 'Woody' },
  { tags: ['Sale'], type: 'Scarf', vendor: 'ACME' },
];

const reasons = [
  { reason: 'changed_mind', evidence: {} },
  { reason: 'too_small', evidence: {} },
  { reason: 'defective', evidence: { description: true } },
  { reason: 'damaged_on_arrival', evidence: { photo: true } },
] as const;

/** `count` orders of five lines each, with requests for every line, from a seed. */
export function benchInputs(count: number, seed = 20_260_101): BenchInput[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const inputs: BenchInput[] = [];
  for (let index = 0; index < count; index++) {
    const created = Date.UTC(2026, 0, 1) + Math.floor(next() * 355) * dayMs + 7 * 3_600_000;
    const delivered = created + (2 + Math.floor(next() * 5)) * dayMs + Math.floor(next() * 24) * 3_600_000;
    const now = delivered + Math.floor(next() * 70 * 24) * 3_600_000;
    const lines = Array.from({ length: 5 }, (_, lineIndex) => {
      const product = pick(products);
      return {
        id: `line_${lineIndex + 1}`,
        quantity: 1 + Math.floor(next() * 3),
        unitPrice: 1000 + Math.floor(next() * 199_000),
        tags: product.tags ?? [],
        ...(product.type === undefined ? {} : { type: product.type }),
        ...(product.vendor === undefined ? {} : { vendor: product.vendor }),
        giftCard: product.giftCard ?? false,
      };
    });
    const order = testOrder({
      currency: 'USD',
      taxesIncluded: true,
      country: next() < 0.7 ? 'US' : next() < 0.66 ? 'CA' : 'MX',
      createdAt: new Date(created).toISOString(),
      tags: next() < 0.05 ? ['Wholesale'] : [],
      lines,
      shipping: { price: 1500 },
      fulfillments: [
        {
          id: 'f1',
          lines: lines.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
          shippedAt: new Date(created + dayMs).toISOString(),
          deliveredAt: new Date(delivered).toISOString(),
        },
      ],
    });
    inputs.push({
      order: { ...order, id: `ord_${index + 1}` },
      request: {
        lines: lines.map((line) => {
          const reason = pick(reasons);
          return {
            lineItemId: line.id,
            quantity: line.quantity,
            reason: reason.reason,
            evidence: reason.evidence,
            resolution: next() < 0.2 ? ('exchange' as const) : ('refund' as const),
            sealBroken: next() < 0.5,
          };
        }),
      },
      now: new Date(now).toISOString(),
      customer: {
        tags: next() < 0.25 ? ['VIP'] : ['newsletter'],
        returns: { periodDays: 90, count: Math.floor(next() * 6) },
      },
    });
  }
  return inputs;
}

// ── Shared calendar arithmetic for the two contenders (Istanbul: UTC+3, no DST) ────────────────

/** The end (23:59:59.999 local) of the local day `days` after the local day of `instant`. */
function endOfLocalDayAfter(instant: number, days: number): number {
  const local = new Date(instant + offsetMs);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 23, 59, 59, 999) - offsetMs;
}

function endOfLocalDate(day: string): number {
  return Date.parse(`${day}T23:59:59.999Z`) - offsetMs;
}

/** The local day as a number (20261115), for range checks. */
function localDayNumber(instant: number): number {
  const local = new Date(instant + offsetMs);
  return local.getUTCFullYear() * 10_000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
}

const percentOf = (amount: number, percent: number) => Math.floor((amount * percent + 50) / 100);

// ── Contender 1: aftersale ────────────────────────────────────────────────────────────────────

/** aftersale's full decision (trace, texts, refund plan). */
export function evaluateWithAftersale(input: BenchInput): ReturnDecision {
  return evaluateReturn(benchPolicy, input.order, input.request, {
    now: input.now,
    locale: 'en',
    shopTimeZone,
    customer: input.customer,
  });
}

/** The compared part of an aftersale decision, read from its trace and fees. */
export function aftersaleBenchDecision(decision: ReturnDecision): BenchDecision {
  const orderFailures = decision.trace
    .filter((entry) => entry.lineItemId === null && entry.outcome === 'failed')
    .map((entry) => entry.ruleId);
  return {
    lines: decision.lines.map((line) => {
      const entries = decision.trace.filter((entry) => entry.lineItemId === line.lineItemId);
      const window = entries.find((entry) => 'considered' in entry.facts);
      const voluntary = line.assessments.find((assessment) => assessment.basis === 'voluntary_policy');
      return {
        lineItemId: line.lineItemId,
        eligible: line.eligible,
        failed: [
          ...orderFailures,
          ...entries
            .filter((entry) => entry.outcome === 'failed' && entry.ruleId !== 'decision.basis')
            .map((entry) => entry.ruleId),
        ].sort(),
        window: window?.ruleId ?? '',
        deadline: voluntary?.deadline === null || voluntary === undefined ? 0 : Date.parse(voluntary.deadline),
        restocking: line.fees
          .filter((fee) => fee.kind === 'restocking')
          .reduce((total, fee) => total + fee.amount.amount, 0),
      };
    }),
    returnShipping: decision.fees.reduce((total, fee) => total + fee.amount.amount, 0),
  };
}

// ── Contender 2: json-rules-engine ────────────────────────────────────────────────────────────

const always = { all: [] };

/** The same 20 rules for json-rules-engine: conditions on per-line facts, events carrying the rule's terms. */
export const jsonRules: RuleProperties[] = [
  {
    name: 'window.default',
    conditions: always,
    event: { type: 'window', params: { ruleId: 'window.default', priority: 0, days: 30 } },
  },
  {
    name: 'window.vip',
    conditions: { all: [{ fact: 'customerTags', operator: 'contains', value: 'vip' }] },
    event: { type: 'window', params: { ruleId: 'window.vip', priority: 0, days: 60 } },
  },
  {
    name: 'window.sale',
    conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'sale' }] },
    event: { type: 'window', params: { ruleId: 'window.sale', priority: 10, days: 7 } },
  },
  {
    name: 'window.electronics',
    conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'electronics' }] },
    event: { type: 'window', params: { ruleId: 'window.electronics', priority: 5, days: 15 } },
  },
  {
    name: 'window.holiday',
    conditions: {
      all: [
        { fact: 'orderDay', operator: 'greaterThanInclusive', value: 20_261_115 },
        { fact: 'orderDay', operator: 'lessThanInclusive', value: 20_261_231 },
      ],
    },
    event: { type: 'window', params: { ruleId: 'window.holiday', priority: 0, returnUntil: '2027-01-31' } },
  },
  {
    name: 'exclusion.final-sale',
    conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'final-sale' }] },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.final-sale' } },
  },
  {
    name: 'exclusion.gift-cards',
    conditions: { all: [{ fact: 'giftCard', operator: 'equal', value: true }] },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.gift-cards' } },
  },
  {
    name: 'exclusion.hygiene',
    conditions: {
      all: [
        { fact: 'productType', operator: 'equal', value: 'underwear' },
        { fact: 'sealBroken', operator: 'equal', value: true },
      ],
    },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.hygiene' } },
  },
  {
    name: 'exclusion.engraved',
    conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'engraved' }] },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.engraved' } },
  },
  {
    name: 'exclusion.food',
    conditions: { all: [{ fact: 'productType', operator: 'equal', value: 'food' }] },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.food' } },
  },
  {
    name: 'exclusion.software',
    conditions: {
      all: [
        { fact: 'productType', operator: 'equal', value: 'software' },
        { fact: 'sealBroken', operator: 'equal', value: true },
      ],
    },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.software' } },
  },
  {
    name: 'exclusion.clearance',
    conditions: { all: [{ fact: 'vendor', operator: 'equal', value: 'outlet co' }] },
    event: { type: 'exclusion', params: { ruleId: 'exclusion.clearance' } },
  },
  { name: 'fee.return-shipping', conditions: always, event: { type: 'return_shipping', params: { amount: 4990 } } },
  {
    name: 'fee.restocking-electronics',
    conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'electronics' }] },
    event: { type: 'restocking', params: { ruleId: 'fee.restocking-electronics', percent: 10, order: 0 } },
  },
  {
    name: 'fee.restocking-furniture',
    conditions: { all: [{ fact: 'productType', operator: 'equal', value: 'furniture' }] },
    event: { type: 'restocking', params: { ruleId: 'fee.restocking-furniture', percent: 15, order: 1 } },
  },
  {
    name: 'waiver.defects',
    conditions: { all: [{ fact: 'reasonBasis', operator: 'equal', value: 'defect' }] },
    event: { type: 'waiver', params: { ruleId: 'waiver.defects', fees: ['return_shipping', 'restocking'], order: 0 } },
  },
  {
    name: 'waiver.exchange',
    conditions: { all: [{ fact: 'resolution', operator: 'equal', value: 'exchange' }] },
    event: { type: 'waiver', params: { ruleId: 'waiver.exchange', fees: ['return_shipping', 'restocking'], order: 1 } },
  },
  {
    name: 'waiver.vip',
    conditions: { all: [{ fact: 'customerTags', operator: 'contains', value: 'vip' }] },
    event: { type: 'waiver', params: { ruleId: 'waiver.vip', fees: ['return_shipping'], order: 2 } },
  },
  {
    name: 'limits.order',
    conditions: {
      any: [
        { fact: 'country', operator: 'notIn', value: ['US', 'CA'] },
        { fact: 'orderTags', operator: 'contains', value: 'wholesale' },
      ],
    },
    event: { type: 'limit', params: { ruleId: 'limits.order' } },
  },
  {
    name: 'limits.returns-per-customer',
    conditions: { all: [{ fact: 'returnsCount', operator: 'greaterThanInclusive', value: 5 }] },
    event: { type: 'limit', params: { ruleId: 'limits.returns-per-customer' } },
  },
];

const defectReasons = new Set(['defective', 'damaged_on_arrival', 'wrong_item', 'not_as_described']);

/** A json-rules-engine engine holding {@link jsonRules}, built once and reused. */
export function createJsonRulesEngine(): Engine {
  return new Engine(jsonRules, { allowUndefinedFacts: false });
}

/** Evaluates every line with json-rules-engine, then applies the policy's semantics to the events. */
export async function evaluateWithJsonRulesEngine(engine: Engine, input: BenchInput): Promise<BenchDecision> {
  const { order, request, customer } = input;
  const orderedAt = Date.parse(order.processedAt ?? order.createdAt);
  const orderFacts = {
    country: order.shippingAddress?.countryCode ?? '',
    orderTags: order.tags.map((tag) => tag.toLowerCase()),
    returnsCount: customer.returns?.count ?? 0,
    customerTags: (customer.tags ?? []).map((tag) => tag.toLowerCase()),
    orderDay: localDayNumber(orderedAt),
  };
  const results = await Promise.all(
    request.lines.map((requested) => {
      const line = order.lines.find((candidate) => candidate.id === requested.lineItemId);
      if (line === undefined) throw new Error(`no line ${requested.lineItemId}`);
      return engine.run({
        ...orderFacts,
        tags: line.product.tags.map((tag) => tag.toLowerCase()),
        productType: line.product.type?.toLowerCase() ?? '',
        vendor: line.product.vendor?.toLowerCase() ?? '',
        giftCard: line.giftCard,
        sealBroken: requested.sealBroken === true,
        reasonBasis: defectReasons.has(requested.reason) ? 'defect' : 'voluntary',
        resolution: requested.resolution ?? 'refund',
      });
    }),
  );
  let returnShipping = 0;
  const lines = request.lines.map((requested, index) => {
    const events = (results[index] as Awaited<ReturnType<Engine['run']>>).events;
    const line = order.lines.find((candidate) => candidate.id === requested.lineItemId);
    const delivered = Date.parse(order.fulfillments[0]?.deliveredAt ?? '');
    const failed: string[] = [];
    let window = { id: '', priority: Number.NEGATIVE_INFINITY, deadline: 0 };
    const waivers: { order: number; fees: string[] }[] = [];
    const restocking: { order: number; percent: number }[] = [];
    let shippingFee = 0;
    for (const event of events) {
      const params = event.params ?? {};
      if (event.type === 'limit' || event.type === 'exclusion') failed.push(params.ruleId);
      else if (event.type === 'window') {
        const deadline =
          params.returnUntil === undefined
            ? endOfLocalDayAfter(delivered, params.days)
            : endOfLocalDate(params.returnUntil);
        const better =
          params.priority > window.priority ||
          (params.priority === window.priority && (deadline > window.deadline || params.ruleId === 'window.default'));
        if (better) window = { id: params.ruleId, priority: params.priority, deadline };
      } else if (event.type === 'waiver') waivers.push({ order: params.order, fees: params.fees });
      else if (event.type === 'restocking') restocking.push({ order: params.order, percent: params.percent });
      else if (event.type === 'return_shipping') shippingFee = params.amount;
    }
    if (Date.parse(input.now) > window.deadline) failed.push(window.id);
    waivers.sort((left, right) => left.order - right.order);
    restocking.sort((left, right) => left.order - right.order);
    const waived = (fee: string) => waivers.some((waiver) => waiver.fees.includes(fee));
    const eligible = failed.length === 0;
    const total = (line?.unitPrice.amount ?? 0) * requested.quantity;
    const rule = restocking[0];
    const fee = eligible && rule !== undefined && !waived('restocking') ? percentOf(total, rule.percent) : 0;
    if (eligible && shippingFee > 0 && !waived('return_shipping')) returnShipping = shippingFee;
    return {
      lineItemId: requested.lineItemId,
      eligible,
      failed: failed.sort(),
      window: window.id,
      deadline: window.deadline,
      restocking: fee,
    };
  });
  return { lines, returnShipping };
}

// ── Contender 3: a hand-written function hard-coding the policy (the floor) ─────────────────────

/** The benchmark policy as plain code: what a developer would write for this one shop. */
export function evaluateByHand(input: BenchInput): BenchDecision {
  const { order, request, customer } = input;
  const orderedAt = Date.parse(order.processedAt ?? order.createdAt);
  const orderDay = localDayNumber(orderedAt);
  const country = order.shippingAddress?.countryCode ?? '';
  let orderFailure: string | null = null;
  if (country !== 'US' && country !== 'CA') orderFailure = 'limits.order';
  else if (order.tags.some((tag) => tag.toLowerCase() === 'wholesale')) orderFailure = 'limits.order';
  const capReached = (customer.returns?.count ?? 0) >= 5;
  const vip = (customer.tags ?? []).some((tag) => tag.toLowerCase() === 'vip');
  const now = Date.parse(input.now);
  let returnShipping = 0;
  const lines = request.lines.map((requested) => {
    const line = order.lines.find((candidate) => candidate.id === requested.lineItemId);
    if (line === undefined) throw new Error(`no line ${requested.lineItemId}`);
    const tags = line.product.tags.map((tag) => tag.toLowerCase());
    const type = line.product.type?.toLowerCase() ?? '';
    const vendor = line.product.vendor?.toLowerCase() ?? '';
    const failed: string[] = [];
    if (orderFailure !== null) failed.push(orderFailure);
    if (capReached) failed.push('limits.returns-per-customer');
    if (tags.includes('final-sale')) failed.push('exclusion.final-sale');
    if (line.giftCard) failed.push('exclusion.gift-cards');
    if (type === 'underwear' && requested.sealBroken === true) failed.push('exclusion.hygiene');
    if (tags.includes('engraved')) failed.push('exclusion.engraved');
    if (type === 'food') failed.push('exclusion.food');
    if (type === 'software' && requested.sealBroken === true) failed.push('exclusion.software');
    if (vendor === 'outlet co') failed.push('exclusion.clearance');
    const delivered = Date.parse(order.fulfillments[0]?.deliveredAt ?? '');
    let window = 'window.default';
    let deadline = endOfLocalDayAfter(delivered, 30);
    if (tags.includes('sale')) {
      window = 'window.sale';
      deadline = endOfLocalDayAfter(delivered, 7);
    } else if (tags.includes('electronics')) {
      window = 'window.electronics';
      deadline = endOfLocalDayAfter(delivered, 15);
    } else {
      if (vip && endOfLocalDayAfter(delivered, 60) > deadline) {
        window = 'window.vip';
        deadline = endOfLocalDayAfter(delivered, 60);
      }
      if (orderDay >= 20_261_115 && orderDay <= 20_261_231 && endOfLocalDate('2027-01-31') > deadline) {
        window = 'window.holiday';
        deadline = endOfLocalDate('2027-01-31');
      }
    }
    if (now > deadline) failed.push(window);
    const eligible = failed.length === 0;
    const defect = defectReasons.has(requested.reason);
    const exchange = requested.resolution === 'exchange';
    let restocking = 0;
    if (eligible && !defect && !exchange) {
      const total = line.unitPrice.amount * requested.quantity;
      if (tags.includes('electronics')) restocking = percentOf(total, 10);
      else if (type === 'furniture') restocking = percentOf(total, 15);
    }
    if (eligible && !defect && !exchange && !vip) returnShipping = 4990;
    return { lineItemId: requested.lineItemId, eligible, failed: failed.sort(), window, deadline, restocking };
  });
  return { lines, returnShipping };
}
