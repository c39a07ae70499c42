import { AftersaleError } from '../errors/aftersale-error.js';
import { type LineDelivery, refundedQuantities } from '../model/order-helpers.js';
import type { LineItem, Order } from '../model/schemas.js';
import { add, type Money, money, percentage, sum, zero } from '../money/money.js';
import { addTax, extractTax } from '../money/tax.js';
import {
  computeRefundReusing,
  type DetailedRefundPlan,
  type DetailedRefundPlanLine,
  planRefundLines,
  type RefundDeduction,
  type ShippingRefundMode,
} from '../refund/compute-refund.js';
import { findStatutoryPack } from '../statutory/find-statutory-pack.js';
import type { Citation, StatutoryPack, StatutoryRule } from '../statutory/statutory-pack.js';
import {
  type CompiledPolicy,
  type CompiledReason,
  type CustomerView,
  compilePolicy,
  matchesCustomer,
  type ProductMatches,
} from './compile-policy.js';
import {
  type BasisChoice,
  type LocalisedMessage,
  Localiser,
  type MessageCode,
  type MessageParameters,
  type ReturnBasis,
  resolveLanguage,
} from './message-catalogue.js';
import {
  type ParsedCustomerFacts,
  type ParsedReturnRequest,
  parseCustomerFacts,
  parseReturnRequest,
} from './parse-return-request.js';
import type { FeeKind, Policy } from './policy-schema.js';
import type {
  BasisAssessment,
  DecisionCondition,
  DecisionFee,
  EvaluateReturnOptions,
  LineDecision,
  LineStatus,
  ResolutionOption,
  ReturnDecision,
  ReturnRequest,
  TraceEntry,
} from './return-decision.js';
import { addDays, endOfDate, endOfDayAfter, type Instant, instantIn, isTimeZone, localDate } from './shop-calendar.js';

type RequestLine = ParsedReturnRequest['lines'][number];

/** Per-call state: the inputs read once, the trace, the message format. */
interface Context {
  compiled: CompiledPolicy;
  policy: Policy;
  order: Order;
  now: Instant;
  zone: string;
  localiser: Localiser;
  customer: CustomerView;
  customerFacts: ParsedCustomerFacts;
  carrier: 'designated' | 'own';
  pack: StatutoryPack | null;
  consumer: boolean;
  orderedAt: string;
  orderDay: string;
  /** The last item of the order received / shipped (null until every item is). */
  lastDeliveredAt: string | null;
  lastShippedAt: string | null;
  /** When the withdrawal information was given after the contract, if the caller says. */
  informedLateAt: string | null;
  /** Where a line id is in the order's lines (see `lineIndexer`). */
  indexOf: (lineItemId: string, hint?: number) => number;
  /** Delivery facts of every line of the order (as its lines), read from its fulfilments once. */
  deliveries: readonly LineDelivery[];
  trace: TraceEntry[];
  /** Ids of the uncertain rules touched, each once. */
  uncertainties: string[];
}

const rank: Record<LineStatus, number> = { ineligible: 0, conditional: 1, eligible: 2 };
const strength: Record<ReturnBasis, number> = { voluntary_policy: 0, statutory_withdrawal: 1, defect_claim: 2 };

function message<C extends MessageCode>(context: Context, code: C, params: MessageParameters[C]): LocalisedMessage {
  return context.localiser.localise(code, params) as LocalisedMessage;
}

function trace(context: Context, entry: TraceEntry): void {
  context.trace.push(entry);
  if (entry.uncertainty !== undefined && !context.uncertainties.includes(entry.ruleId))
    context.uncertainties.push(entry.ruleId);
}

function statutoryTrace(
  context: Context,
  rule: StatutoryRule,
  lineItemId: string | null,
  outcome: TraceEntry['outcome'],
  facts: Record<string, unknown>,
): void {
  const entry: TraceEntry = { ruleId: rule.id, lineItemId, outcome, facts, citation: rule.citation };
  if (rule.uncertainty !== undefined) entry.uncertainty = rule.uncertainty;
  trace(context, entry);
}

// The later and earlier of two moments, compared as `lineDelivery` compares them.
const later = (a: string | null, b: string | null | undefined): string | null =>
  b == null ? a : a === null || Date.parse(b) > Date.parse(a) ? b : a;
const earlier = (a: string | null, b: string | null | undefined): string | null =>
  b == null ? a : a === null || Date.parse(b) < Date.parse(a) ? b : a;

/**
 * Where each line id first appears in the order's lines (a scan for small orders, a map for large
 * ones). `hint` is where the id probably is (fulfilments and requests usually list lines in the
 * order's order); it is taken when the order's line ids are distinct and it holds the id.
 */
function lineIndexer(order: Order): (lineItemId: string, hint?: number) => number {
  const lines = order.lines;
  if (lines.length <= 16) {
    let distinct = true;
    for (let index = 1; index < lines.length && distinct; index++)
      for (let previous = 0; previous < index && distinct; previous++)
        distinct = (lines[previous] as LineItem).id !== (lines[index] as LineItem).id;
    return (lineItemId, hint) => {
      if (distinct && hint !== undefined && lines[hint]?.id === lineItemId) return hint;
      for (let index = 0; index < lines.length; index++) if ((lines[index] as LineItem).id === lineItemId) return index;
      return -1;
    };
  }
  const positions = new Map<string, number>();
  lines.forEach((line, index) => {
    if (!positions.has(line.id)) positions.set(line.id, index);
  });
  return (lineItemId) => positions.get(lineItemId) ?? -1;
}

/**
 * `lineDelivery` of every line of the order, in the order's line order, in one pass over its
 * fulfilments (a line id listed twice gets the facts of its first line, as `lineDelivery` gives).
 */
function orderDeliveries(order: Order, indexOf: (lineItemId: string, hint?: number) => number): LineDelivery[] {
  const deliveries: (LineDelivery & { quantity: number })[] = [];
  /** Whether each line is the first with its id (the one whose facts every line with that id shares). */
  const owners: boolean[] = [];
  order.lines.forEach((line, index) => {
    const first = indexOf(line.id, index);
    owners.push(first === index);
    deliveries.push(
      first < index
        ? (deliveries[first] as LineDelivery & { quantity: number })
        : {
            quantity: line.quantity,
            deliveredQuantity: 0,
            shippedQuantity: 0,
            firstDeliveredAt: null,
            deliveredAt: null,
            shippedAt: null,
          },
    );
  });
  const positions: number[] = [];
  for (const fulfillment of order.fulfillments) {
    const entries = fulfillment.lines;
    // Where each entry's line is; a line listed twice in a fulfilment counts once, quantities added.
    positions.length = 0;
    for (let index = 0; index < entries.length; index++)
      positions.push(indexOf((entries[index] as (typeof entries)[number]).lineItemId, index));
    for (let index = 0; index < entries.length; index++) {
      const position = positions[index] as number;
      const line = deliveries[position];
      if (line === undefined || positions.indexOf(position) < index) continue;
      let quantity = 0;
      for (let next = index; next < entries.length; next++)
        if (positions[next] === position) quantity += (entries[next] as (typeof entries)[number]).quantity;
      if (quantity === 0) continue;
      line.shippedQuantity += quantity;
      line.shippedAt = later(line.shippedAt, fulfillment.shippedAt);
      if (fulfillment.deliveredAt != null) {
        line.deliveredQuantity += quantity;
        line.firstDeliveredAt = earlier(line.firstDeliveredAt, fulfillment.deliveredAt);
        line.deliveredAt = later(line.deliveredAt, fulfillment.deliveredAt);
      }
    }
  }
  // Until every unit is delivered (shipped), there is no delivery (shipping) date.
  deliveries.forEach((line, index) => {
    if (!owners[index]) return;
    if (!(line.deliveredQuantity >= line.quantity && line.quantity > 0)) line.deliveredAt = null;
    if (!(line.shippedQuantity >= line.quantity && line.quantity > 0)) line.shippedAt = null;
  });
  return deliveries;
}

/** The latest of the moments offered (the first of equal ones); each text is parsed at most once. */
class Latest {
  moment: string | null = null;
  private millis: number | null = null;

  offer(moment: string): void {
    if (this.moment === null) {
      this.moment = moment;
      return;
    }
    if (moment === this.moment) return;
    this.millis ??= Date.parse(this.moment);
    const millis = Date.parse(moment);
    if (millis > this.millis) {
      this.moment = moment;
      this.millis = millis;
    }
  }
}

function orderFacts(
  order: Order,
  deliveries: readonly LineDelivery[],
): { lastDeliveredAt: string | null; lastShippedAt: string | null } {
  const lastDelivered = new Latest();
  const lastShipped = new Latest();
  let allDelivered = true;
  let allShipped = true;
  let any = false;
  for (let index = 0; index < order.lines.length; index++) {
    const line = order.lines[index] as LineItem;
    if (!line.requiresShipping || line.quantity === 0) continue;
    any = true;
    const delivery = deliveries[index] as LineDelivery;
    if (delivery.deliveredAt === null) allDelivered = false;
    else lastDelivered.offer(delivery.deliveredAt);
    if (delivery.shippedAt === null) allShipped = false;
    else lastShipped.offer(delivery.shippedAt);
  }
  return {
    lastDeliveredAt: any && allDelivered ? lastDelivered.moment : null,
    lastShippedAt: any && allShipped ? lastShipped.moment : null,
  };
}

function jurisdictionOf(
  order: Order,
  options: EvaluateReturnOptions,
  customerCountry: string | undefined,
): { country: string | null; source: ReturnDecision['jurisdiction']['source'] } {
  if (options.consumerCountry !== undefined) return { country: options.consumerCountry, source: 'option' };
  if (customerCountry !== undefined) return { country: customerCountry, source: 'customer' };
  if (order.shippingAddress?.countryCode)
    return { country: order.shippingAddress.countryCode, source: 'shipping_address' };
  if (order.billingAddress?.countryCode)
    return { country: order.billingAddress.countryCode, source: 'billing_address' };
  return { country: null, source: 'none' };
}

/** The start of a clock for a line: delivery, else shipment + transit days (estimated), else not started. */
function clockStart(
  context: Context,
  deliveredAt: string | null,
  shippedAt: string | null,
): { start: string | null; estimated: boolean } {
  if (deliveredAt !== null) return { start: deliveredAt, estimated: false };
  if (shippedAt !== null) {
    return { start: addDays(shippedAt, context.zone, context.policy.window.transitDays), estimated: true };
  }
  return { start: null, estimated: false };
}

interface LineFacts {
  line: LineItem;
  delivery: LineDelivery;
  /** The policy's product scopes the line matches. */
  products: ProductMatches;
  request: RequestLine;
  reason: CompiledReason;
  planned: DetailedRefundPlanLine;
  /** Exclusions that match the line: the rule and whether it waits on the seal. */
  exclusions: CompiledPolicy['exclusions'][number][];
}

interface Assessed extends BasisAssessment {
  /** Sum of line fees plus return shipping when charged, to compare bases. */
  cost: number;
}

function newAssessment(basis: ReturnBasis): Assessed {
  return {
    basis,
    status: 'eligible',
    deadline: null,
    deadlineEstimated: false,
    ruleIds: [],
    messages: [],
    conditions: [],
    fees: [],
    waived: [],
    returnShippingCharged: false,
    remedies: [],
    citations: [],
    cost: 0,
  };
}

/** Messages that say a basis allows the return; dropped from a basis that ends up refusing it. */
const positiveMessages: ReadonlySet<MessageCode> = new Set<MessageCode>([
  'voluntary.within_window',
  'voluntary.window_not_started',
  'withdrawal.within_period',
  'withdrawal.not_started',
  'withdrawal.estimated',
  'withdrawal.extended',
  'defect.within_period',
  'defect.short_term_rejection',
]);

/** The messages of every assessment, in order (one assessment's own list when there is one, as for the chosen basis). */
function allMessages(assessments: readonly Assessed[]): LocalisedMessage[] {
  if (assessments.length === 1) return (assessments[0] as Assessed).messages;
  const messages: LocalisedMessage[] = [];
  for (const assessment of assessments) for (const entry of assessment.messages) messages.push(entry);
  return messages;
}

/** A fee as the refund deducts it. */
function deductionOf(fee: DecisionFee): RefundDeduction {
  return { code: fee.kind, ruleId: fee.ruleId, lineItemId: fee.lineItemId, amount: fee.amount, tax: fee.tax };
}

/** The assessment as the decision shows it (the cost is only for comparing bases). */
function withoutCost(assessment: Assessed): BasisAssessment {
  return {
    basis: assessment.basis,
    status: assessment.status,
    deadline: assessment.deadline,
    deadlineEstimated: assessment.deadlineEstimated,
    ruleIds: assessment.ruleIds,
    messages: assessment.messages,
    conditions: assessment.conditions,
    fees: assessment.fees,
    waived: assessment.waived,
    returnShippingCharged: assessment.returnShippingCharged,
    remedies: assessment.remedies,
    citations: assessment.citations,
  };
}

function settle(assessment: Assessed): Assessed {
  if (assessment.status === 'ineligible') {
    const messages = assessment.messages;
    let kept = 0;
    for (const entry of messages) if (!positiveMessages.has(entry.code)) messages[kept++] = entry;
    if (kept < messages.length) messages.length = kept;
  }
  return assessment;
}

function worsen(assessment: Assessed, status: LineStatus): void {
  if (rank[status] < rank[assessment.status]) assessment.status = status;
}

function addCondition(
  assessment: Assessed,
  code: DecisionCondition['code'],
  ruleId: string,
  text: DecisionCondition['message'],
): void {
  if (assessment.conditions.some((condition) => condition.code === code)) return;
  assessment.conditions.push({ code, ruleId, message: text });
  worsen(assessment, 'conditional');
}

/** A fee with its tax, per the policy's fee tax setting (`inclusive` forces the amount to be read as gross). */
function feeAmount(policy: Policy, amount: Money, inclusive = false): { amount: Money; tax: Money } {
  const tax = policy.fees.tax;
  if (tax === undefined) return { amount, tax: zero(amount.currency) };
  const rates = [{ rate: tax.rate }];
  if (tax.included || inclusive) {
    const breakdown = extractTax(amount, rates, 'half-up');
    return {
      amount,
      tax: sum(
        breakdown.taxes.map((portion) => portion.amount),
        amount.currency,
      ),
    };
  }
  const breakdown = addTax(amount, rates, 'half-up');
  return {
    amount: breakdown.gross,
    tax: sum(
      breakdown.taxes.map((portion) => portion.amount),
      amount.currency,
    ),
  };
}

/** True when the policy offers the resolution the customer asked for on this line. */
function offers(context: Context, facts: LineFacts): boolean {
  const resolutions = context.policy.resolutions;
  switch (facts.request.resolution) {
    case 'refund':
      return true;
    case 'store_credit':
      return resolutions.storeCredit.enabled;
    case 'exchange':
      return resolutions.exchange.enabled;
    case 'keep_item':
      return (
        resolutions.keepItem.enabled &&
        resolutions.keepItem.maximumValue !== undefined &&
        facts.planned.total.amount <= resolutions.keepItem.maximumValue.amount
      );
  }
}

/** Policy waivers that cover a fee for this line. */
function policyWaiver(context: Context, facts: LineFacts, fee: FeeKind): string | null {
  for (const waiver of context.compiled.waivers) {
    const rule = waiver.rule;
    if (!waiver.waives[fee]) continue;
    if (waiver.reasons !== null) {
      let hit = false;
      for (const code of facts.reason.lineage) if (waiver.reasons.has(code)) hit = true;
      if (!hit) continue;
    }
    if (rule.bases !== undefined && (facts.reason.basis === null || !rule.bases.includes(facts.reason.basis))) continue;
    if (
      rule.resolutions !== undefined &&
      !(rule.resolutions.includes(facts.request.resolution) && offers(context, facts))
    )
      continue;
    if (rule.customers !== undefined && !matchesCustomer(rule.customers, waiver.customerTags, context.customer))
      continue;
    return rule.id;
  }
  return null;
}

/** Records a fee not charged, who waived it, and the trace entry. */
function waive(
  context: Context,
  assessment: Assessed,
  lineItemId: string,
  kind: FeeKind,
  ruleId: string,
  by: 'policy' | 'law',
): void {
  assessment.waived.push({ kind, ruleId, by, message: message(context, 'fee.waived', { fee: kind, by }) });
  trace(context, { ruleId, lineItemId, outcome: 'applied', facts: { waives: kind, by, basis: assessment.basis } });
}

/**
 * The fees of a line under a basis. `law` says what the statute allows: for each fee kind either
 * allowed, or the statutory rule that forbids it.
 */
function assessFees(
  context: Context,
  facts: LineFacts,
  assessment: Assessed,
  law: { restocking: StatutoryRule | null; returnShipping: StatutoryRule | null },
): void {
  const policy = context.policy;
  const lineItemId = facts.line.id;
  // Return shipping: a flat fee per return, charged once for the whole return (see the decision).
  // Nothing goes back when the customer keeps the item.
  const keeps = facts.request.resolution === 'keep_item' && offers(context, facts);
  if (policy.fees.returnShipping !== undefined && !keeps) {
    const waiver = policyWaiver(context, facts, 'return_shipping');
    if (waiver !== null) waive(context, assessment, lineItemId, 'return_shipping', waiver, 'policy');
    else if (law.returnShipping !== null)
      waive(context, assessment, lineItemId, 'return_shipping', law.returnShipping.id, 'law');
    else {
      assessment.returnShippingCharged = true;
      const amount = policy.fees.returnShipping.amount;
      assessment.cost += policy.fees.tax === undefined ? amount.amount : feeAmount(policy, amount).amount.amount;
    }
  }
  for (const restocking of context.compiled.restocking) {
    if (restocking.products !== null && facts.products[restocking.products.index] !== true) continue;
    const waiver = policyWaiver(context, facts, 'restocking');
    // The first restocking rule that covers the line is the one that applies.
    if (waiver !== null) {
      waive(context, assessment, lineItemId, 'restocking', waiver, 'policy');
      break;
    }
    if (law.restocking !== null) {
      waive(context, assessment, lineItemId, 'restocking', law.restocking.id, 'law');
      break;
    }
    const gross = percentage(facts.planned.total, restocking.percent, 'half-up');
    // A share of what the customer paid, so tax-inclusive whatever the fee setting says.
    const { amount, tax } = feeAmount(policy, gross, true);
    assessment.fees.push({
      kind: 'restocking',
      ruleId: restocking.id,
      lineItemId,
      amount,
      tax,
      message: message(context, 'fee.restocking', { percent: String(restocking.percent), amount }),
    });
    assessment.cost += amount.amount;
    assessment.ruleIds.push(restocking.id);
    trace(context, {
      ruleId: restocking.id,
      lineItemId,
      outcome: 'applied',
      facts: { percent: restocking.percent, of: facts.planned.total, amount, basis: assessment.basis },
    });
    break;
  }
}

function evidenceConditions(context: Context, facts: LineFacts, assessment: Assessed, ruleId: string): void {
  for (const kind of facts.reason.evidence) {
    const given =
      kind === 'photo' ? facts.request.evidence.photo === true : facts.request.evidence.description === true;
    if (given) continue;
    trace(context, {
      ruleId,
      lineItemId: facts.line.id,
      outcome: 'conditional',
      facts: { evidence: kind, reason: facts.reason.code, basis: assessment.basis },
    });
    addCondition(
      assessment,
      kind,
      ruleId,
      message(context, kind === 'photo' ? 'condition.photo' : 'condition.description', {}),
    );
  }
}

// ── The voluntary policy ──────────────────────────────────────────────────────────────────────

function discountReaches(line: LineItem, percent: { numerator: bigint; denominator: bigint }): boolean {
  const listed = BigInt(line.unitPrice.amount) * BigInt(line.quantity);
  if (listed <= 0n) return false;
  let discount = 0n;
  for (const allocation of line.discountAllocations)
    if (allocation.level === 'line') discount += BigInt(allocation.amount.amount);
  return discount * 100n * percent.denominator >= percent.numerator * listed;
}

function matchExclusions(
  compiled: CompiledPolicy,
  line: LineItem,
  products: ProductMatches,
): CompiledPolicy['exclusions'][number][] {
  const matched: CompiledPolicy['exclusions'][number][] = [];
  for (const exclusion of compiled.exclusions) {
    const rule = exclusion.rule;
    const byProducts = exclusion.products !== null && products[exclusion.products.index] === true;
    let hit: boolean;
    switch (rule.kind) {
      case 'gift_card':
        hit = line.giftCard && (exclusion.products === null || byProducts);
        break;
      case 'personalised':
        hit = byProducts || (rule.personalisedWhenPropertiesPresent && Object.keys(line.properties).length > 0);
        break;
      case 'final_sale':
        hit = byProducts || (exclusion.minimumDiscount !== null && discountReaches(line, exclusion.minimumDiscount));
        break;
      default:
        hit = byProducts;
    }
    if (hit) matched.push(exclusion);
  }
  return matched;
}

/** The merchant's own policy: the law forbids no fee. */
const noLaw = { restocking: null, returnShipping: null } as const;

function assessVoluntary(
  context: Context,
  facts: LineFacts,
  orderLimit: { ruleId: string; failed: MessageParameters['voluntary.order_limit']['limit'] | null },
  returnsLimit: 'passed' | 'failed' | 'unknown' | 'none',
): Assessed {
  const assessment = newAssessment('voluntary_policy');
  const { policy, compiled } = context;
  const lineItemId = facts.line.id;
  if (orderLimit.failed !== null) {
    worsen(assessment, 'ineligible');
    assessment.ruleIds.push(orderLimit.ruleId);
    assessment.messages.push(message(context, 'voluntary.order_limit', { limit: orderLimit.failed }));
  }
  const cap = policy.limits.returnsPerCustomer;
  if (cap !== undefined && returnsLimit === 'failed') {
    worsen(assessment, 'ineligible');
    assessment.ruleIds.push(cap.id);
    assessment.messages.push(
      message(context, 'voluntary.returns_limit', { maximum: cap.maximum, periodDays: cap.periodDays }),
    );
  } else if (cap !== undefined && returnsLimit === 'unknown') {
    addCondition(
      assessment,
      'returns_unverified',
      cap.id,
      message(context, 'condition.returns_unverified', { maximum: cap.maximum, periodDays: cap.periodDays }),
    );
  }
  // Exclusions.
  for (const exclusion of facts.exclusions) {
    const rule = exclusion.rule;
    const sealed = rule.kind === 'hygiene_sealed' || rule.kind === 'sealed_media';
    if (sealed && facts.request.sealBroken === false) {
      trace(context, { ruleId: rule.id, lineItemId, outcome: 'passed', facts: { kind: rule.kind, sealBroken: false } });
      continue;
    }
    if (sealed && facts.request.sealBroken === undefined) {
      trace(context, {
        ruleId: rule.id,
        lineItemId,
        outcome: 'conditional',
        facts: { kind: rule.kind, sealBroken: null },
      });
      assessment.ruleIds.push(rule.id);
      addCondition(assessment, 'seal_intact', rule.id, message(context, 'condition.seal_intact', {}));
      continue;
    }
    trace(context, {
      ruleId: rule.id,
      lineItemId,
      outcome: 'failed',
      facts: { kind: rule.kind, sealBroken: facts.request.sealBroken ?? null },
    });
    assessment.ruleIds.push(rule.id);
    worsen(assessment, 'ineligible');
    assessment.messages.push(
      message(context, 'voluntary.excluded', { exclusion: rule.kind, label: rule.label ?? null }),
    );
  }
  // The window: the default and every override that applies; highest priority, then latest deadline.
  const window = policy.window;
  const delivery = facts.delivery;
  const lastItem = window.splitDeliveries === 'last_item';
  let start: { start: string | null; estimated: boolean };
  if (window.from === 'order') start = { start: context.orderedAt, estimated: false };
  else if (window.from === 'fulfillment')
    start = { start: lastItem ? context.lastShippedAt : delivery.shippedAt, estimated: false };
  else
    start = clockStart(
      context,
      lastItem ? context.lastDeliveredAt : delivery.deliveredAt,
      lastItem ? context.lastShippedAt : delivery.shippedAt,
    );
  // The default window first, then each override that applies, in order.
  let chosenId = window.id;
  let chosenPriority = 0;
  let chosenDeadline: Instant | null =
    start.start === null ? null : endOfDayAfter(start.start, context.zone, window.days);
  const considered: string[] = [window.id];
  for (const override of compiled.overrides) {
    const rule = override.rule;
    if (override.products !== null && facts.products[override.products.index] !== true) continue;
    if (override.customers !== null && !matchesCustomer(override.customers, override.customerTags, context.customer))
      continue;
    if (
      rule.orderedBetween !== undefined &&
      (context.orderDay < rule.orderedBetween.from || context.orderDay > rule.orderedBetween.to)
    )
      continue;
    considered.push(rule.id);
    const deadline =
      rule.returnUntil !== undefined
        ? endOfDate(rule.returnUntil, context.zone)
        : start.start === null
          ? null
          : endOfDayAfter(start.start, context.zone, rule.days ?? 0);
    const wins =
      rule.priority > chosenPriority ||
      (rule.priority === chosenPriority &&
        chosenDeadline !== null &&
        (deadline === null || deadline.millis > chosenDeadline.millis));
    if (wins) {
      chosenId = rule.id;
      chosenPriority = rule.priority;
      chosenDeadline = deadline;
    }
  }
  assessment.ruleIds.push(chosenId);
  assessment.deadline = chosenDeadline === null ? null : chosenDeadline.iso;
  assessment.deadlineEstimated = start.estimated && chosenDeadline !== null && chosenId === window.id;
  const open = chosenDeadline === null || context.now.millis <= chosenDeadline.millis;
  trace(context, {
    ruleId: chosenId,
    lineItemId,
    outcome: open ? 'passed' : 'failed',
    facts: {
      from: window.from,
      start: start.start,
      estimated: start.estimated,
      deadline: assessment.deadline,
      now: context.now.iso,
      considered,
    },
  });
  if (chosenDeadline === null) assessment.messages.push(message(context, 'voluntary.window_not_started', {}));
  else if (open)
    assessment.messages.push(message(context, 'voluntary.within_window', { deadline: assessment.deadline as string }));
  else {
    worsen(assessment, 'ineligible');
    assessment.messages.push(message(context, 'voluntary.window_closed', { deadline: assessment.deadline as string }));
  }
  evidenceConditions(context, facts, assessment, window.id);
  assessFees(context, facts, assessment, noLaw);
  return settle(assessment);
}

// ── Statutory withdrawal ──────────────────────────────────────────────────────────────────────

/** Records a statutory rule an assessment rests on. */
function cite(assessment: Assessed, rule: StatutoryRule): void {
  assessment.ruleIds.push(rule.id);
  assessment.citations.push(rule.citation);
}

function assessWithdrawal(context: Context, facts: LineFacts, pack: StatutoryPack): Assessed | null {
  const rules = pack.withdrawal;
  if (rules === null) return null;
  const assessment = newAssessment('statutory_withdrawal');
  const lineItemId = facts.line.id;
  // The clock runs from receipt of the last item of the order.
  const start = clockStart(context, context.lastDeliveredAt, context.lastShippedAt);
  cite(assessment, rules.periodRule);
  if (start.start === null) {
    assessment.messages.push(message(context, 'withdrawal.not_started', {}));
    statutoryTrace(context, rules.periodRule, lineItemId, 'passed', { receivedAt: null, deadline: null });
  } else {
    const informed = context.policy.merchant.informedOfWithdrawal;
    const extension = !informed && rules.notInformed !== null ? rules.notInformed.months : 0;
    let deadline = endOfDayAfter(start.start, context.zone, rules.days, extension);
    if (!informed && rules.notInformed !== null) {
      cite(assessment, rules.notInformed.rule);
      // Information given late, within the extension: the period ends `days` after it was given.
      const informedAt = context.informedLateAt;
      const late = informedAt === null ? null : endOfDayAfter(informedAt, context.zone, rules.days);
      if (late !== null && late.millis < deadline.millis) deadline = late;
      statutoryTrace(context, rules.notInformed.rule, lineItemId, 'applied', {
        informedOfWithdrawal: false,
        informationGivenAt: informedAt,
        deadline: deadline.iso,
      });
    }
    assessment.deadline = deadline.iso;
    assessment.deadlineEstimated = start.estimated;
    const open = context.now.millis <= deadline.millis;
    statutoryTrace(context, rules.periodRule, lineItemId, open ? 'passed' : 'failed', {
      receivedAt: start.start,
      estimated: start.estimated,
      deadline: assessment.deadline,
      now: context.now.iso,
    });
    if (!open) {
      worsen(assessment, 'ineligible');
      assessment.messages.push(message(context, 'withdrawal.period_ended', { deadline: assessment.deadline }));
    } else if (!informed && rules.notInformed !== null) {
      assessment.messages.push(message(context, 'withdrawal.extended', { deadline: assessment.deadline }));
    } else if (start.estimated) {
      assessment.messages.push(message(context, 'withdrawal.estimated', { deadline: assessment.deadline }));
    } else {
      assessment.messages.push(message(context, 'withdrawal.within_period', { deadline: assessment.deadline }));
    }
  }
  // Exceptions: the goods the policy classifies as personalised, perishable or sealed.
  for (const exclusion of facts.exclusions) {
    const kind = exclusion.rule.kind;
    if (kind !== 'personalised' && kind !== 'perishable' && kind !== 'hygiene_sealed' && kind !== 'sealed_media')
      continue;
    const exception = rules.exceptions[kind];
    if (exception === undefined) continue;
    cite(assessment, exception.rule);
    if (exception.sealed && facts.request.sealBroken === false) {
      statutoryTrace(context, exception.rule, lineItemId, 'passed', {
        classifiedBy: exclusion.rule.id,
        sealBroken: false,
      });
      continue;
    }
    if (exception.sealed && facts.request.sealBroken === undefined) {
      statutoryTrace(context, exception.rule, lineItemId, 'conditional', {
        classifiedBy: exclusion.rule.id,
        sealBroken: null,
      });
      addCondition(assessment, 'seal_intact', exception.rule.id, message(context, 'condition.seal_intact', {}));
      continue;
    }
    statutoryTrace(context, exception.rule, lineItemId, 'failed', {
      classifiedBy: exclusion.rule.id,
      sealBroken: facts.request.sealBroken ?? null,
    });
    worsen(assessment, 'ineligible');
    assessment.messages.push(message(context, 'withdrawal.exception', { exception: kind }));
  }
  // Fees: never a restocking fee; return shipping only as the pack allows.
  const returnShippingAllowed =
    rules.returnCost.consumerPays === 'if_disclosed'
      ? context.policy.merchant.returnCostsDisclosed
      : context.policy.merchant.designatedCarrier && context.carrier === 'own';
  if (context.policy.fees.returnShipping !== undefined) {
    statutoryTrace(context, rules.returnCost.rule, lineItemId, returnShippingAllowed ? 'passed' : 'applied', {
      consumerPays: rules.returnCost.consumerPays,
      returnCostsDisclosed: context.policy.merchant.returnCostsDisclosed,
      designatedCarrier: context.policy.merchant.designatedCarrier,
      carrier: context.carrier,
    });
  }
  if (context.compiled.restocking.length > 0 && !rules.restockingFee.allowed) {
    statutoryTrace(context, rules.restockingFee.rule, lineItemId, 'applied', {});
  }
  assessFees(context, facts, assessment, {
    restocking: rules.restockingFee.allowed ? null : rules.restockingFee.rule,
    returnShipping: returnShippingAllowed ? null : rules.returnCost.rule,
  });
  for (const note of rules.notes) statutoryTrace(context, note, lineItemId, 'not_applicable', {});
  if (facts.line.giftCard) {
    // The packs do not exempt gift cards from withdrawal; the law is unsettled, so say so.
    const unsettled = pack.uncertainties.find((entry) => entry.id.endsWith('.gift_cards'));
    if (unsettled !== undefined) {
      trace(context, {
        ruleId: unsettled.id,
        lineItemId,
        outcome: 'applied',
        facts: { giftCard: true },
        uncertainty: unsettled.text,
      });
    }
  }
  return settle(assessment);
}

// ── Defect (conformity) claims ────────────────────────────────────────────────────────────────

function assessDefect(context: Context, facts: LineFacts, pack: StatutoryPack): Assessed | null {
  const rules = pack.conformity;
  if (rules === null) return null;
  const assessment = newAssessment('defect_claim');
  const lineItemId = facts.line.id;
  cite(assessment, rules.periodRule);
  cite(assessment, rules.remediesRule);
  assessment.remedies = rules.remedies.map((tier) => [...tier]);
  const delivery = facts.delivery;
  const start = clockStart(context, delivery.deliveredAt ?? delivery.firstDeliveredAt, delivery.shippedAt);
  if (start.start === null) {
    assessment.messages.push(message(context, 'defect.within_period', { deadline: null }));
    statutoryTrace(context, rules.periodRule, lineItemId, 'passed', { deliveredAt: null });
  } else {
    const deadline = endOfDayAfter(start.start, context.zone, 0, rules.months);
    assessment.deadline = deadline.iso;
    assessment.deadlineEstimated = start.estimated;
    const open = context.now.millis <= deadline.millis;
    statutoryTrace(context, rules.periodRule, lineItemId, open ? 'passed' : 'failed', {
      deliveredAt: start.start,
      estimated: start.estimated,
      deadline: assessment.deadline,
      now: context.now.iso,
    });
    const presumption = endOfDayAfter(start.start, context.zone, 0, rules.presumptionMonths);
    statutoryTrace(
      context,
      rules.presumptionRule,
      lineItemId,
      context.now.millis <= presumption.millis ? 'applied' : 'not_applicable',
      {
        presumedUntil: presumption.iso,
      },
    );
    if (!open) {
      worsen(assessment, 'ineligible');
      assessment.messages.push(message(context, 'defect.period_ended', { deadline: assessment.deadline }));
    } else if (
      rules.shortTermRejection !== null &&
      context.now.millis <= endOfDayAfter(start.start, context.zone, rules.shortTermRejection.days).millis
    ) {
      const rejectUntil = endOfDayAfter(start.start, context.zone, rules.shortTermRejection.days).iso;
      cite(assessment, rules.shortTermRejection.rule);
      statutoryTrace(context, rules.shortTermRejection.rule, lineItemId, 'applied', { rejectUntil });
      assessment.remedies = [['short_term_rejection'], ...assessment.remedies];
      assessment.messages.push(message(context, 'defect.short_term_rejection', { deadline: rejectUntil }));
      if (facts.exclusions.some((exclusion) => exclusion.rule.kind === 'perishable')) {
        cite(assessment, rules.shortTermRejection.perishableRule);
        statutoryTrace(context, rules.shortTermRejection.perishableRule, lineItemId, 'conditional', {});
        addCondition(
          assessment,
          'perishable_rejection',
          rules.shortTermRejection.perishableRule.id,
          message(context, 'condition.perishable_rejection', {}),
        );
      }
    } else {
      assessment.messages.push(message(context, 'defect.within_period', { deadline: assessment.deadline }));
    }
  }
  evidenceConditions(context, facts, assessment, rules.periodRule.id);
  // Remedies for defective goods are free of charge.
  assessFees(context, facts, assessment, { restocking: rules.remediesRule, returnShipping: rules.remediesRule });
  statutoryTrace(context, rules.remediesRule, lineItemId, 'applied', { remedies: assessment.remedies });
  return settle(assessment);
}

// ── Choosing the basis ────────────────────────────────────────────────────────────────────────

function latestFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Date.parse(a) > Date.parse(b) ? -1 : 1;
}

/** Orders assessments best-for-the-customer first, and says what decided between the top two. */
function choose(assessments: Assessed[]): { best: Assessed; choice: BasisChoice } {
  if (assessments.length === 1) return { best: assessments[0] as Assessed, choice: 'only_basis' };
  const sorted = [...assessments].sort(
    (a, b) =>
      rank[b.status] - rank[a.status] ||
      a.cost - b.cost ||
      latestFirst(a.deadline, b.deadline) ||
      strength[b.basis] - strength[a.basis],
  );
  const best = sorted[0] as Assessed;
  const second = sorted[1];
  let choice: BasisChoice = 'only_basis';
  if (second !== undefined && rank[second.status] === rank[best.status]) {
    if (best.cost !== second.cost) choice = 'lower_fees';
    else if (latestFirst(best.deadline, second.deadline) !== 0) choice = 'later_deadline';
    else choice = 'stronger_right';
  }
  return { best, choice };
}

function exchangeTerms(
  context: Context,
  facts: LineFacts,
  net: Money,
): NonNullable<ResolutionOption['priceDifference']> {
  const exchange = context.policy.resolutions.exchange;
  const absorbUpTo = exchange.absorbUpTo ?? null;
  const price = facts.request.exchangePrice;
  if (price === undefined) {
    return {
      paidBy: exchange.priceDifference,
      absorbUpTo,
      difference: null,
      merchantAbsorbs: null,
      customerPays: null,
    };
  }
  if (price.currency !== net.currency) {
    throw new AftersaleError({
      code: 'currency_mismatch',
      message: `The exchange price of line ${facts.line.id} is in ${price.currency}, the order in ${net.currency}.`,
    });
  }
  const difference = money(price.amount - net.amount, net.currency);
  const owed = Math.max(0, difference.amount);
  const absorbed =
    exchange.priceDifference === 'merchant_absorbs'
      ? Math.min(owed, absorbUpTo === null ? owed : absorbUpTo.amount)
      : 0;
  return {
    paidBy: exchange.priceDifference,
    absorbUpTo,
    difference,
    merchantAbsorbs: money(absorbed, net.currency),
    customerPays: money(owed - absorbed, net.currency),
  };
}

function resolutionOptions(context: Context, facts: LineFacts, best: Assessed): ResolutionOption[] {
  const { policy } = context;
  const resolutions = policy.resolutions;
  const currency = context.order.currency;
  const lineFees = sum(
    best.fees.map((fee) => fee.amount),
    currency,
  );
  const net = money(Math.max(0, facts.planned.total.amount - lineFees.amount), currency);
  const withdrawal = best.basis === 'statutory_withdrawal';
  const options: ResolutionOption[] = [];
  if (resolutions.refund.enabled || best.basis !== 'voluntary_policy') {
    options.push({
      kind: 'refund',
      label: message(context, 'resolution.label', { resolution: 'refund' }),
      amount: net,
      bonus: null,
      priceDifference: null,
      requiresConsent: false,
    });
  }
  if (resolutions.storeCredit.enabled) {
    const bonus = percentage(net, resolutions.storeCredit.bonusPercent, 'half-up');
    options.push({
      kind: 'store_credit',
      label: message(context, 'resolution.label', { resolution: 'store_credit' }),
      amount: add(net, bonus),
      bonus,
      priceDifference: null,
      requiresConsent: withdrawal,
    });
  }
  if (resolutions.exchange.enabled) {
    options.push({
      kind: 'exchange',
      label: message(context, 'resolution.label', { resolution: 'exchange' }),
      amount: null,
      bonus: null,
      priceDifference: exchangeTerms(context, facts, net),
      requiresConsent: withdrawal,
    });
  }
  const maximum = resolutions.keepItem.maximumValue;
  if (resolutions.keepItem.enabled && maximum !== undefined && facts.planned.total.amount <= maximum.amount) {
    options.push({
      kind: 'keep_item',
      label: message(context, 'resolution.label', { resolution: 'keep_item' }),
      amount: facts.planned.total,
      bonus: null,
      priceDifference: null,
      requiresConsent: false,
    });
  }
  return options;
}

function orderLimits(context: Context): {
  ruleId: string;
  failed: MessageParameters['voluntary.order_limit']['limit'] | null;
} {
  const { compiled, order, policy } = context;
  const limits = policy.limits;
  const country = order.shippingAddress?.countryCode ?? order.billingAddress?.countryCode ?? null;
  let failed: MessageParameters['voluntary.order_limit']['limit'] | null = null;
  if (compiled.countries !== null && (country === null || !compiled.countries.has(country))) failed = 'country';
  else if (
    compiled.excludedOrderTags !== null &&
    order.tags.some((tag) => compiled.excludedOrderTags?.has(tag.toLowerCase()))
  )
    failed = 'order_tag';
  else if (
    compiled.excludedDiscountCodes !== null &&
    order.discountCodes.some((code) => compiled.excludedDiscountCodes?.has(code.toLowerCase()))
  )
    failed = 'discount_code';
  else if (limits.minimumOrderTotal !== undefined && order.totals.total.amount < limits.minimumOrderTotal.amount)
    failed = 'minimum_total';
  else if (limits.maximumOrderTotal !== undefined && order.totals.total.amount > limits.maximumOrderTotal.amount)
    failed = 'maximum_total';
  const configured =
    compiled.countries !== null ||
    compiled.excludedOrderTags !== null ||
    compiled.excludedDiscountCodes !== null ||
    limits.minimumOrderTotal !== undefined ||
    limits.maximumOrderTotal !== undefined;
  if (configured) {
    trace(context, {
      ruleId: limits.id,
      lineItemId: null,
      outcome: failed === null ? 'passed' : 'failed',
      facts: {
        country,
        tags: order.tags.length,
        discountCodes: order.discountCodes.length,
        total: order.totals.total,
        failed,
      },
    });
  }
  return { ruleId: limits.id, failed };
}

function returnsLimit(context: Context): 'passed' | 'failed' | 'unknown' | 'none' {
  const cap = context.policy.limits.returnsPerCustomer;
  if (cap === undefined) return 'none';
  const returns = context.customerFacts.returns;
  let outcome: 'passed' | 'failed' | 'unknown';
  if (returns === undefined || returns.periodDays !== cap.periodDays) outcome = 'unknown';
  else outcome = returns.count >= cap.maximum ? 'failed' : 'passed';
  trace(context, {
    ruleId: cap.id,
    lineItemId: null,
    outcome: outcome === 'unknown' ? 'conditional' : outcome,
    facts: { maximum: cap.maximum, periodDays: cap.periodDays, returns: returns ?? null },
  });
  return outcome;
}

function lineFacts(
  context: Context,
  request: RequestLine,
  position: number,
  planned: DetailedRefundPlanLine,
): LineFacts {
  const reason = context.compiled.reasons.get(request.reason);
  if (reason === undefined || !reason.leaf) {
    throw new AftersaleError({
      code: 'invalid_return_request',
      message:
        reason === undefined
          ? `Reason ${JSON.stringify(request.reason)} is not in the policy's reason tree; pick a leaf reason.`
          : `Reason ${JSON.stringify(request.reason)} has sub-reasons; pick one of them (${[
              ...context.compiled.reasons.values(),
            ]
              .filter((candidate) => candidate.lineage.has(request.reason) && candidate.leaf)
              .map((candidate) => candidate.code)
              .join(', ')}).`,
      details: { reason: request.reason },
    });
  }
  // The request's lines are checked against the order before.
  const index = context.indexOf(request.lineItemId, position);
  const line = context.order.lines[index] as LineItem;
  const products = context.compiled.products.match(line);
  return {
    line,
    delivery: context.deliveries[index] as LineDelivery,
    products,
    request,
    reason,
    planned,
    exclusions: matchExclusions(context.compiled, line, products),
  };
}

const noRefunds: ReadonlyMap<string, number> = new Map();

function shippingMode(context: Context, decided: LineDecision[]): ShippingRefundMode {
  const refunded = context.order.refunds.length === 0 ? noRefunds : refundedQuantities(context.order);
  const returning = decided.filter((line) => line.eligible);
  if (returning.length === 0) return 'none';
  const full = context.order.lines.every((line) => {
    const left = line.quantity - (refunded.get(line.id) ?? 0);
    if (left <= 0) return true;
    const decision = returning.find((candidate) => candidate.lineItemId === line.id);
    return decision !== undefined && decision.quantity >= left;
  });
  const pack = context.pack;
  if (returning.some((line) => line.basis === 'statutory_withdrawal') && pack?.withdrawal) {
    const rule = full ? pack.withdrawal.outboundDelivery : pack.withdrawal.partialOutboundDelivery;
    const mode: ShippingRefundMode = full ? 'remaining' : context.policy.shippingRefund.partialWithdrawal;
    statutoryTrace(context, rule, null, 'applied', { wholeOrder: full, mode });
    return mode;
  }
  if (returning.some((line) => line.basis === 'defect_claim')) return full ? 'remaining' : 'proportional';
  const voluntary = context.policy.shippingRefund.voluntary;
  if (voluntary === 'when_all_returned') return full ? 'remaining' : 'none';
  return voluntary;
}

/**
 * Decides a return request against a policy, on top of the consumer's statutory rights. Pure and
 * synchronous: the same policy, order, request and options (with `now`) give the same decision.
 *
 * For every requested line it assesses each basis that can apply (the merchant's voluntary
 * policy, the statutory withdrawal right, a defect claim when the reason is a defect), picks the
 * one most favourable to the customer and says why, with the deadline (shop time zone), the
 * conditions, the fees, the resolutions offered and the refund. Texts are in the customer's
 * language; the trace lists every rule, what it saw, and its citation.
 *
 * @throws AftersaleError `invalid_return_request` (malformed request or options, unknown or
 *   non-leaf reason), `unknown_line_item`, `exceeds_refundable`, `currency_mismatch` (policy and
 *   order currencies differ), `missing_translation` (unsupported locale), `invalid_policy`.
 */
export function evaluateReturn(
  policy: Policy,
  order: Order,
  request: ReturnRequest,
  options: EvaluateReturnOptions,
): ReturnDecision {
  const compiled = compilePolicy(policy);
  const language = resolveLanguage(options.locale);
  if (compiled.policy.currency !== order.currency) {
    throw new AftersaleError({
      code: 'currency_mismatch',
      message: `Policy ${compiled.policy.id} is in ${compiled.policy.currency} but order ${order.source.name ?? order.id} is in ${order.currency}; use the policy for the order's currency.`,
      details: { policyCurrency: compiled.policy.currency, orderCurrency: order.currency },
    });
  }
  const zone = options.shopTimeZone;
  if (!isTimeZone(zone)) {
    throw new AftersaleError({
      code: 'invalid_return_request',
      message: `options.shopTimeZone ${JSON.stringify(zone)} is not an IANA time zone such as Europe/Istanbul.`,
    });
  }
  const parsedRequest = parseReturnRequest(request);
  const customerFacts = parseCustomerFacts(options.customer);
  const now = instantIn(options.now, zone);
  if (now === null) {
    throw new AftersaleError({
      code: 'invalid_return_request',
      message: `options.now must be a valid Date or ISO-8601 timestamp; got ${JSON.stringify(String(options.now))}.`,
    });
  }
  const orderedAt = order.processedAt ?? order.createdAt;
  let informedLateAt: string | null = null;
  if (options.withdrawalInformationGivenAt !== undefined) {
    informedLateAt = instantIn(options.withdrawalInformationGivenAt, zone)?.iso ?? null;
    if (informedLateAt === null) {
      throw new AftersaleError({
        code: 'invalid_return_request',
        message: 'options.withdrawalInformationGivenAt must be a valid Date or ISO-8601 timestamp.',
      });
    }
  }
  if (options.consumerCountry !== undefined && !/^[A-Z]{2}$/.test(options.consumerCountry)) {
    throw new AftersaleError({
      code: 'invalid_return_request',
      message: `options.consumerCountry must be an ISO 3166-1 alpha-2 code in capitals such as TR or DE; got ${JSON.stringify(options.consumerCountry)}.`,
    });
  }
  const { country, source } = jurisdictionOf(order, options, customerFacts.country);
  const consumer = customerFacts.kind === 'consumer';
  const orderDay = localDate(orderedAt, zone);
  const pack = compiled.policy.statutory && country !== null ? findStatutoryPack(country, orderDay) : null;
  const indexOf = lineIndexer(order);
  const deliveries = orderDeliveries(order, indexOf);
  const { lastDeliveredAt, lastShippedAt } = orderFacts(order, deliveries);
  const context: Context = {
    compiled,
    policy: compiled.policy,
    order,
    now,
    zone,
    localiser: new Localiser({ language, locale: options.locale, timeZone: zone }),
    customer: {
      tags: customerFacts.tags.map((tag) => tag.toLowerCase()),
      lifetimeOrders: customerFacts.lifetimeOrders ?? null,
    },
    customerFacts,
    carrier: parsedRequest.carrier,
    pack,
    consumer,
    orderedAt,
    orderDay,
    lastDeliveredAt,
    lastShippedAt,
    informedLateAt,
    indexOf,
    deliveries,
    trace: [],
    uncertainties: [],
  };
  const messages: LocalisedMessage[] = [];
  trace(context, {
    ruleId: 'statutory.jurisdiction',
    lineItemId: null,
    outcome: pack === null ? 'not_applicable' : consumer ? 'applied' : 'not_applicable',
    facts: {
      country,
      source,
      pack: pack?.id ?? null,
      consumer,
      contractDate: orderDay,
      statutoryEnabled: compiled.policy.statutory,
    },
  });
  if (!consumer) messages.push(message(context, 'statutory.business_buyer', {}));
  else if (pack === null || (pack.withdrawal === null && pack.conformity === null))
    messages.push(message(context, 'statutory.none', { country }));
  if (pack !== null)
    for (const obligation of pack.obligations) statutoryTrace(context, obligation, null, 'not_applicable', {});

  // Quantities and lines are checked, and the undiscounted refund of each line computed, in one go.
  const requestLines = parsedRequest.lines;
  const planned: DetailedRefundPlanLine[] = [];
  const baseline = planRefundLines(order, requestLines, planned);
  const orderLimit = orderLimits(context);
  const returnsOutcome = returnsLimit(context);
  const lines: LineDecision[] = [];
  const chosen: Assessed[] = [];
  requestLines.forEach((requestLine, index) => {
    const facts = lineFacts(context, requestLine, index, baseline[index] as DetailedRefundPlanLine);
    const assessments: Assessed[] = [assessVoluntary(context, facts, orderLimit, returnsOutcome)];
    if (consumer && pack !== null) {
      const withdrawal = assessWithdrawal(context, facts, pack);
      if (withdrawal !== null) assessments.push(withdrawal);
      if (facts.reason.basis === 'defect') {
        const defect = assessDefect(context, facts, pack);
        if (defect !== null) assessments.push(defect);
      }
    }
    const { best, choice } = choose(assessments);
    const eligible = best.status !== 'ineligible';
    trace(context, {
      ruleId: 'decision.basis',
      lineItemId: requestLine.lineItemId,
      outcome: eligible ? 'applied' : 'failed',
      facts: {
        chosen: eligible ? best.basis : null,
        choice: eligible ? choice : null,
        assessed: assessments.map((assessment) => ({
          basis: assessment.basis,
          status: assessment.status,
          cost: assessment.cost,
          deadline: assessment.deadline,
        })),
      },
    });
    chosen.push(best);
    lines.push({
      lineItemId: requestLine.lineItemId,
      quantity: requestLine.quantity,
      reason: {
        code: facts.reason.code,
        basis: facts.reason.basis ?? 'voluntary',
        label: message(context, 'reason.label', { code: facts.reason.code, label: facts.reason.label }),
      },
      status: best.status,
      eligible,
      basis: eligible ? best.basis : null,
      explanation: eligible
        ? message(context, 'basis.chosen', { basis: best.basis, choice })
        : message(context, 'basis.none', {}),
      deadline: eligible ? best.deadline : null,
      deadlineEstimated: eligible ? best.deadlineEstimated : false,
      conditions: eligible ? best.conditions : [],
      fees: eligible ? best.fees : [],
      waived: eligible ? best.waived : [],
      resolutions: eligible ? resolutionOptions(context, facts, best) : [],
      remedies: eligible ? best.remedies : [],
      messages: eligible ? best.messages : allMessages(assessments),
      refund: null,
      assessments: assessments.map(withoutCost),
    });
  });

  // The refund of every line that can go back, fees deducted.
  const fees: DecisionFee[] = [];
  const returnShipping = compiled.policy.fees.returnShipping;
  const charged = chosen.some((assessment, index) => lines[index]?.eligible && assessment.returnShippingCharged);
  if (returnShipping !== undefined && charged) {
    const { amount, tax } = feeAmount(compiled.policy, returnShipping.amount);
    fees.push({
      kind: 'return_shipping',
      ruleId: returnShipping.id,
      lineItemId: null,
      amount,
      tax,
      message: message(context, 'fee.return_shipping', { amount }),
    });
    trace(context, { ruleId: returnShipping.id, lineItemId: null, outcome: 'applied', facts: { amount } });
  }
  const returning = lines.filter((line) => line.eligible);
  let refund: DetailedRefundPlan | null = null;
  if (returning.length > 0) {
    const deductions: RefundDeduction[] = [];
    for (const line of returning) for (const fee of line.fees) deductions.push(deductionOf(fee));
    for (const fee of fees) deductions.push(deductionOf(fee));
    const plan = computeRefundReusing(
      order,
      {
        lines: returning.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity })),
        shipping: shippingMode(context, lines),
        deductions,
      },
      {},
      planned,
    );
    // The plan has the returning lines in their order.
    returning.forEach((line, index) => {
      const linePlan = plan.lines[index];
      line.refund =
        linePlan?.lineItemId === line.lineItemId
          ? linePlan
          : (plan.lines.find((candidate) => candidate.lineItemId === line.lineItemId) ?? null);
    });
    refund = plan;
  }
  let refundDue: ReturnDecision['refundDue'] = null;
  const withdrawalRules = pack?.withdrawal;
  if (withdrawalRules && returning.some((line) => line.basis === 'statutory_withdrawal')) {
    const rule = withdrawalRules.refund.rule;
    refundDue = {
      days: withdrawalRules.refund.days,
      from: withdrawalRules.refund.from,
      mayWithholdUntilGoodsBack: withdrawalRules.refund.mayWithholdUntilGoodsBack,
      citation: rule.citation as Citation,
    };
    statutoryTrace(context, rule, null, 'applied', { days: withdrawalRules.refund.days });
    messages.push(message(context, 'withdrawal.refund_due', { days: withdrawalRules.refund.days }));
  }
  let anyEligible = false;
  let anyConditional = false;
  let anyIneligible = false;
  for (const line of lines) {
    if (line.status === 'eligible') anyEligible = true;
    else if (line.status === 'conditional') anyConditional = true;
    else anyIneligible = true;
  }
  const status: ReturnDecision['status'] =
    anyEligible && !anyConditional && !anyIneligible
      ? 'eligible'
      : !anyEligible && !anyConditional
        ? 'ineligible'
        : anyIneligible
          ? 'partially_eligible'
          : 'conditional';
  return {
    policy: { id: compiled.policy.id, version: compiled.policy.version, schemaVersion: compiled.policy.schemaVersion },
    orderId: order.id,
    evaluatedAt: now.iso,
    locale: options.locale,
    language,
    jurisdiction: {
      country,
      source,
      pack: pack === null ? null : { id: pack.id, jurisdiction: pack.jurisdiction, title: pack.title },
      consumer,
    },
    status,
    eligible: returning.length > 0,
    lines,
    fees,
    refund,
    refundDue,
    messages,
    uncertainties: context.uncertainties.sort(),
    trace: context.trace,
  };
}
