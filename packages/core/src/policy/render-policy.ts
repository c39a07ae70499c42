import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { formatMoney } from '../money/format-money.js';
import type { Money } from '../money/money.js';
import { requireRatio } from '../money/rounding.js';
import { statutoryPacks } from '../statutory/find-statutory-pack.js';
import type { Jurisdiction, StatutoryExceptionKind, StatutoryPack } from '../statutory/statutory-pack.js';
import { ensurePolicy } from './define-policy.js';
import { builtInReasonLabels, resolveLanguage, type SupportedLocale } from './message-catalogue.js';
import {
  type PageBlock,
  type PageInline,
  type PageSection,
  type PolicyPage,
  pageToHtml,
  pageToMarkdown,
  pageToText,
  policyPageAnchors,
} from './policy-page.js';
import { type PolicyPageTexts, policyPageTexts, quoted } from './policy-page-texts.js';
import type { CustomerScope, Policy, ProductScope, ReturnReason } from './policy-schema.js';

/** The formats a policy page is rendered in. */
export const policyPageFormats = ['markdown', 'html', 'text'] as const;
export type PolicyPageFormat = (typeof policyPageFormats)[number];

const jurisdictions = ['EU', 'TR', 'UK', 'US'] as const satisfies readonly Jurisdiction[];

const renderPolicyOptionsSchema = z.strictObject({
  locale: z.string().min(2),
  jurisdiction: z.enum(jurisdictions).nullable(),
  format: z.enum(policyPageFormats).default('markdown'),
  asOf: z.union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  withdrawalFunctionUrl: z.url().optional(),
});

/** Options of {@link renderPolicy}. */
export interface RenderPolicyOptions {
  /** The customer's locale (`tr-TR`, `en-GB`): the language of the page and how money and dates are written. */
  locale: string;
  /** Whose consumer law the page states beside the voluntary terms; null for none (only a "rights not affected" note). */
  jurisdiction: Jurisdiction | null;
  /** @default 'markdown' */
  format?: PolicyPageFormat;
  /** The day whose statutory pack applies (the EU pack changes on 19 June 2026). @default now */
  asOf?: Date | string;
  /** Where the EU "withdraw from contract here" function lives, linked from the page where the law requires it. */
  withdrawalFunctionUrl?: string;
}

const jurisdictionNames: Record<SupportedLocale, Record<Jurisdiction, string>> = {
  en: { EU: 'the European Union', TR: 'Turkey', UK: 'the United Kingdom', US: 'the United States' },
  tr: { EU: 'Avrupa Birliği', TR: 'Türkiye', UK: 'Birleşik Krallık', US: 'Amerika Birleşik Devletleri' },
};

/** A percentage (`10`, `"12.5"`) or, with `scale` 100, a fraction (`"0.2"`), written exactly. */
function percentText(value: string | number, scale: bigint, what: string): string {
  const ratio = requireRatio(value, what);
  const numerator = ratio.numerator * scale * 10_000n;
  const whole = numerator / ratio.denominator;
  const integer = whole / 10_000n;
  const fraction = (whole % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction === '' ? integer.toString() : `${integer}.${fraction}`;
}

/** The statutory pack of a jurisdiction in force on a day. */
export function statutoryPackFor(jurisdiction: Jurisdiction, day: string): StatutoryPack | null {
  return (
    statutoryPacks.find(
      (pack) =>
        pack.jurisdiction === jurisdiction &&
        pack.effectiveFrom <= day &&
        (pack.effectiveUntil === null || day <= pack.effectiveUntil),
    ) ?? null
  );
}

interface Writer {
  language: SupportedLocale;
  locale: string;
  t: PolicyPageTexts;
  money(value: Money): string;
  date(day: string): string;
}

const text = (value: string): PageInline[] => [{ text: value }];
const paragraph = (value: string): PageBlock => ({ kind: 'paragraph', content: text(value) });

function productScopeText(writer: Writer, scope: ProductScope): string {
  const { t } = writer;
  const list = (values: readonly string[]) =>
    writer.t.list(
      values.map((value) => quoted(value)),
      'or',
    );
  const parts: string[] = [];
  if (scope.tags?.length) parts.push(t.products.tags(list(scope.tags)));
  if (scope.productTypes?.length) parts.push(t.products.productTypes(list(scope.productTypes)));
  if (scope.vendors?.length) parts.push(t.products.vendors(list(scope.vendors)));
  if (scope.categories?.length) parts.push(t.products.categories(list(scope.categories)));
  if (scope.skus?.length) parts.push(t.products.skus(list(scope.skus)));
  if (scope.productIds?.length) parts.push(t.products.productIds(list(scope.productIds)));
  return parts.length === 0 ? t.products.none : t.list(parts, 'or');
}

function customerScopeText(writer: Writer, scope: CustomerScope): string {
  const parts: string[] = [];
  if (scope.tags !== undefined)
    parts.push(
      writer.t.customers.tags(
        writer.t.list(
          scope.tags.map((tag) => quoted(tag)),
          'or',
        ),
      ),
    );
  if (scope.minimumLifetimeOrders !== undefined)
    parts.push(writer.t.customers.minimumOrders(scope.minimumLifetimeOrders));
  return writer.t.list(parts, 'and');
}

function reasonLabel(writer: Writer, reason: ReturnReason): string {
  const label = reason.label ?? builtInReasonLabels[reason.code];
  // definePolicy guarantees a label for every reason code it does not know.
  return label === undefined ? reason.code : label[writer.language];
}

function leafReasons(reasons: readonly ReturnReason[]): ReturnReason[] {
  return reasons.flatMap((reason) => (reason.children === undefined ? [reason] : leafReasons(reason.children)));
}

function statutorySections(
  writer: Writer,
  policy: Policy,
  jurisdiction: Jurisdiction | null,
  pack: StatutoryPack | null,
  withdrawalFunctionUrl: string | undefined,
): PageSection[] {
  const { t } = writer;
  const anchors = policyPageAnchors;
  if (!policy.statutory) {
    return [
      { anchor: anchors.statutoryRights, level: 2, title: t.statutoryTitle, blocks: [paragraph(t.statutoryDisabled)] },
    ];
  }
  if (jurisdiction === null || pack === null) {
    return [
      {
        anchor: anchors.statutoryRights,
        level: 2,
        title: t.statutoryTitle,
        blocks: [paragraph(t.statutoryNotAffected)],
      },
    ];
  }
  const name = jurisdictionNames[writer.language][jurisdiction];
  if (pack.withdrawal === null && pack.conformity === null) {
    return [
      {
        anchor: anchors.statutoryRights,
        level: 2,
        title: t.statutoryTitle,
        blocks: [paragraph(t.noReturnRight(name))],
      },
    ];
  }
  const sections: PageSection[] = [
    {
      anchor: anchors.statutoryRights,
      level: 2,
      title: t.statutoryTitle,
      blocks: [paragraph(`${t.statutoryIntro(name)} ${t.statutoryConsumersOnly}`)],
    },
  ];
  const withdrawal = pack.withdrawal;
  if (withdrawal !== null) {
    const cite = (rule: { citation: { instrument: string; provision: string } }) =>
      ` (${rule.citation.instrument}, ${rule.citation.provision})`;
    const blocks: PageBlock[] = [paragraph(t.withdrawalPeriod(withdrawal.days) + cite(withdrawal.periodRule))];
    if (!policy.merchant.informedOfWithdrawal && withdrawal.notInformed !== null) {
      blocks.push(paragraph(t.withdrawalNotInformed(withdrawal.notInformed.months)));
    }
    const exceptions = (Object.keys(withdrawal.exceptions) as StatutoryExceptionKind[]).filter(
      (kind) => withdrawal.exceptions[kind] !== undefined,
    );
    if (exceptions.length > 0) {
      blocks.push(paragraph(t.withdrawalExceptions), {
        kind: 'list',
        items: exceptions.map((kind) => {
          const rule = withdrawal.exceptions[kind]?.rule;
          return {
            content: text(t.exception[kind] + (rule === undefined ? '' : cite(rule))),
            ...(rule ? { ruleId: rule.id } : {}),
          };
        }),
      });
    }
    const statutoryKinds = new Set<string>(exceptions);
    if (policy.exclusions.some((exclusion) => !statutoryKinds.has(exclusion.kind))) {
      blocks.push(paragraph(t.withdrawalCoversExcluded));
    }
    const costs: string[] = [];
    if (!withdrawal.restockingFee.allowed) costs.push(t.withdrawalNoFees + cite(withdrawal.restockingFee.rule));
    const fee = policy.fees.returnShipping;
    if (withdrawal.returnCost.consumerPays === 'if_disclosed') {
      costs.push(
        (fee !== undefined && policy.merchant.returnCostsDisclosed
          ? t.withdrawalReturnCost(writer.money(fee.amount))
          : t.withdrawalReturnFree) + cite(withdrawal.returnCost.rule),
      );
    } else {
      costs.push(t.withdrawalCarrier(policy.merchant.designatedCarrier) + cite(withdrawal.returnCost.rule));
    }
    costs.push(
      t.withdrawalRefund(withdrawal.refund.days, withdrawal.refund.mayWithholdUntilGoodsBack) +
        cite(withdrawal.refund.rule),
    );
    costs.push(t.withdrawalPartialDelivery(policy.shippingRefund.partialWithdrawal === 'proportional'));
    if (policy.resolutions.storeCredit.enabled || policy.resolutions.exchange.enabled) costs.push(t.withdrawalConsent);
    blocks.push({ kind: 'list', items: costs.map((cost) => ({ content: text(cost) })) });
    sections.push({ anchor: anchors.withdrawal, level: 3, title: t.withdrawalTitle, blocks });
    const withdrawalFunction = withdrawal.notes.find((note) => note.id.endsWith('.withdrawal.function'));
    if (withdrawalFunction !== undefined) {
      const functionBlocks: PageBlock[] = [paragraph(t.withdrawHere + cite(withdrawalFunction))];
      if (withdrawalFunctionUrl !== undefined) {
        functionBlocks.push({
          kind: 'paragraph',
          content: [{ text: t.withdrawHereLink, href: withdrawalFunctionUrl }],
        });
      }
      sections.push({ anchor: anchors.withdrawHere, level: 3, title: t.withdrawHereTitle, blocks: functionBlocks });
    }
  }
  const conformity = pack.conformity;
  if (conformity !== null) {
    const cite = (rule: { citation: { instrument: string; provision: string } }) =>
      ` (${rule.citation.instrument}, ${rule.citation.provision})`;
    const items: string[] = [
      t.faultyPeriod(t.months(conformity.months)) + cite(conformity.periodRule),
      t.faultyPresumption(t.months(conformity.presumptionMonths)) + cite(conformity.presumptionRule),
    ];
    if (conformity.shortTermRejection !== null) {
      items.push(t.faultyShortTerm(conformity.shortTermRejection.days) + cite(conformity.shortTermRejection.rule));
    }
    items.push(
      t.faultyRemedies(
        conformity.remedies.map((tier) =>
          t.list(
            tier.map((remedy) => t.remedy[remedy]),
            'or',
          ),
        ),
      ) + cite(conformity.remediesRule),
    );
    const defects = leafReasons(policy.reasons).filter((reason) => reason.basis === 'defect');
    if (defects.length > 0) {
      items.push(
        t.faultyReasons(
          t.list(
            defects.map((reason) => reasonLabel(writer, reason)),
            'or',
          ),
        ),
      );
    }
    sections.push({
      anchor: anchors.faultyGoods,
      level: 3,
      title: t.faultyTitle,
      blocks: [{ kind: 'list', items: items.map((item) => ({ content: text(item) })) }],
    });
  }
  return sections;
}

function windowSection(writer: Writer, policy: Policy, statutoryShown: boolean): PageSection {
  const { t } = writer;
  const window = policy.window;
  const blocks: PageBlock[] = [];
  if (statutoryShown) blocks.push(paragraph(t.windowIntro));
  const general = [t.window(window.days, window.from), t.windowTransit(window.transitDays)];
  if (window.from !== 'order') general.push(t.windowSplit(window.splitDeliveries, window.from));
  general.push(t.windowEnds);
  blocks.push(paragraph(general.join(' ')));
  if (policy.windowOverrides.length > 0) {
    const ordered = policy.windowOverrides
      .map((rule, index) => ({ rule, index }))
      .sort((left, right) => right.rule.priority - left.rule.priority || left.index - right.index)
      .map(({ rule }) => rule);
    const priorities = ordered.map((rule) => rule.priority).filter((priority) => priority > 0);
    const ties = new Set(priorities).size !== priorities.length;
    blocks.push(paragraph(t.overridesIntro(ties)), {
      kind: 'list',
      items: ordered.map((rule) => {
        const who: string[] = [];
        if (rule.products !== undefined) who.push(productScopeText(writer, rule.products));
        if (rule.customers !== undefined) who.push(customerScopeText(writer, rule.customers));
        if (rule.orderedBetween !== undefined)
          who.push(t.overrideOrdered(writer.date(rule.orderedBetween.from), writer.date(rule.orderedBetween.to)));
        const subject = who.length === 0 ? t.overrideEveryone : capitalise(t.list(who, 'and'), writer.language);
        const period =
          rule.returnUntil !== undefined
            ? t.overrideUntil(subject, writer.date(rule.returnUntil))
            : t.overrideDays(subject, rule.days ?? 0);
        const precedence =
          rule.priority > 0 ? t.precedence.above : rule.priority === 0 ? t.precedence.equal : t.precedence.below;
        return { content: text(period + precedence), ruleId: rule.id };
      }),
    });
  }
  return { anchor: policyPageAnchors.returnWindow, level: 2, title: t.windowTitle, blocks };
}

function capitalise(value: string, language: SupportedLocale): string {
  return value.charAt(0).toLocaleUpperCase(language) + value.slice(1);
}

function exclusionsSection(writer: Writer, policy: Policy): PageSection {
  const { t } = writer;
  if (policy.exclusions.length === 0) {
    return {
      anchor: policyPageAnchors.exclusions,
      level: 2,
      title: t.exclusionsTitle,
      blocks: [paragraph(t.exclusionsNone)],
    };
  }
  const items = policy.exclusions.map((rule) => {
    const name =
      rule.kind === 'custom' && rule.label !== undefined ? rule.label[writer.language] : t.exclusionKind[rule.kind];
    const what: string[] = [];
    if (rule.products !== undefined) what.push(productScopeText(writer, rule.products));
    if (rule.minimumDiscountPercent !== undefined)
      what.push(t.exclusionDiscount(percentText(rule.minimumDiscountPercent, 1n, 'minimumDiscountPercent')));
    if (rule.kind === 'personalised' && rule.personalisedWhenPropertiesPresent) what.push(t.exclusionProperties);
    let description = what.length > 0 ? t.list(what, 'or') : rule.kind === 'gift_card' ? '' : t.exclusionNothing;
    if ((rule.kind === 'hygiene_sealed' || rule.kind === 'sealed_media') && what.length > 0)
      description = `${description}, ${t.exclusionSealed}`;
    return { content: text(description === '' ? name : `${name}: ${description}`), ruleId: rule.id };
  });
  return {
    anchor: policyPageAnchors.exclusions,
    level: 2,
    title: t.exclusionsTitle,
    blocks: [{ kind: 'list', items }],
  };
}

function reasonsSection(writer: Writer, policy: Policy): PageSection {
  const { t } = writer;
  const describe = (reason: ReturnReason): string => {
    const notes: string[] = [];
    if (reason.basis === 'defect') notes.push(t.reasonBasis.defect);
    for (const evidence of reason.evidence ?? [])
      notes.push(evidence === 'photo' ? t.reasonPhoto : t.reasonDescription);
    return notes.length === 0 ? reasonLabel(writer, reason) : `${reasonLabel(writer, reason)} (${notes.join(', ')})`;
  };
  const items = policy.reasons.map((reason) => ({
    content: text(
      reason.children === undefined
        ? describe(reason)
        : `${reasonLabel(writer, reason)}: ${leafReasons(reason.children).map(describe).join('; ')}`,
    ),
  }));
  return {
    anchor: policyPageAnchors.reasons,
    level: 2,
    title: t.reasonsTitle,
    blocks: [paragraph(t.reasonsIntro), { kind: 'list', items }],
  };
}

function feesSection(writer: Writer, policy: Policy): PageSection {
  const { t } = writer;
  const fees = policy.fees;
  const items: { content: PageInline[]; ruleId?: string }[] = [];
  if (fees.returnShipping !== undefined)
    items.push({
      content: text(t.returnShippingFee(writer.money(fees.returnShipping.amount))),
      ruleId: fees.returnShipping.id,
    });
  else items.push({ content: text(t.returnsFree) });
  for (const rule of fees.restocking) {
    items.push({
      content: text(
        t.restocking(
          percentText(rule.percent, 1n, 'restocking percent'),
          rule.products === undefined ? t.products.every : productScopeText(writer, rule.products),
        ),
      ),
      ruleId: rule.id,
    });
  }
  if (fees.restocking.length > 1) items.push({ content: text(t.restockingFirst) });
  const reasonLabels = new Map<string, string>();
  const walk = (reasons: readonly ReturnReason[]) => {
    for (const reason of reasons) {
      reasonLabels.set(reason.code, reasonLabel(writer, reason));
      if (reason.children !== undefined) walk(reason.children);
    }
  };
  walk(policy.reasons);
  for (const waiver of fees.waivers) {
    const which = t.list(
      waiver.fees.map((fee) => t.fee[fee]),
      'or',
    );
    const conditions: string[] = [];
    if (waiver.reasons !== undefined)
      conditions.push(
        t.waiverReasons(
          t.list(
            waiver.reasons.map((code) => quoted(reasonLabels.get(code) ?? code)),
            'or',
          ),
        ),
      );
    if (waiver.bases !== undefined)
      conditions.push(
        t.list(
          waiver.bases.map((basis) => t.waiverBasis[basis]),
          'or',
        ),
      );
    if (waiver.resolutions !== undefined)
      conditions.push(
        t.waiverResolutions(
          t.list(
            waiver.resolutions.map((resolution) => t.resolution[resolution]),
            'or',
          ),
        ),
      );
    if (waiver.customers !== undefined) conditions.push(t.waiverCustomers(customerScopeText(writer, waiver.customers)));
    const sentence = conditions.length === 0 ? t.waiverAlways(which) : t.waiver(which, t.list(conditions, 'and'));
    items.push({ content: text(capitalise(sentence, writer.language)), ruleId: waiver.id });
  }
  if (fees.tax !== undefined)
    items.push({ content: text(t.feeTax(percentText(fees.tax.rate, 100n, 'fee tax rate'), fees.tax.included)) });
  return { anchor: policyPageAnchors.fees, level: 2, title: t.feesTitle, blocks: [{ kind: 'list', items }] };
}

function resolutionsSection(writer: Writer, policy: Policy): PageSection {
  const { t } = writer;
  const resolutions = policy.resolutions;
  const items: string[] = [t.refund(resolutions.refund.enabled)];
  if (resolutions.storeCredit.enabled) {
    const bonus = percentText(resolutions.storeCredit.bonusPercent, 1n, 'bonusPercent');
    items.push(t.storeCredit(bonus === '0' ? null : bonus));
  }
  if (resolutions.exchange.enabled) {
    const upTo = resolutions.exchange.absorbUpTo;
    items.push(t.exchange(resolutions.exchange.priceDifference, upTo === undefined ? null : writer.money(upTo)));
  }
  if (resolutions.keepItem.enabled && resolutions.keepItem.maximumValue !== undefined) {
    items.push(t.keepItem(writer.money(resolutions.keepItem.maximumValue)));
  }
  items.push(t.voluntaryShipping[policy.shippingRefund.voluntary]);
  return {
    anchor: policyPageAnchors.resolutions,
    level: 2,
    title: t.resolutionsTitle,
    blocks: [{ kind: 'list', items: items.map((item) => ({ content: text(item) })) }],
  };
}

function conditionsSection(writer: Writer, policy: Policy, statutoryShown: boolean): PageSection | null {
  const { t } = writer;
  const limits = policy.limits;
  const items: { content: PageInline[]; ruleId?: string }[] = [];
  const quotedList = (values: readonly string[]) =>
    t.list(
      values.map((value) => quoted(value)),
      'or',
    );
  if (limits.countries !== undefined) {
    const names = new Intl.DisplayNames([writer.locale], { type: 'region' });
    items.push({
      content: text(
        t.countries(
          t.list(
            limits.countries.map((code) => names.of(code) ?? code),
            'and',
          ),
        ),
      ),
      ruleId: limits.id,
    });
  }
  if (limits.excludedOrderTags?.length)
    items.push({ content: text(t.orderTags(quotedList(limits.excludedOrderTags))), ruleId: limits.id });
  if (limits.excludedDiscountCodes?.length)
    items.push({ content: text(t.discountCodes(quotedList(limits.excludedDiscountCodes))), ruleId: limits.id });
  if (limits.minimumOrderTotal !== undefined)
    items.push({ content: text(t.minimumTotal(writer.money(limits.minimumOrderTotal))), ruleId: limits.id });
  if (limits.maximumOrderTotal !== undefined)
    items.push({ content: text(t.maximumTotal(writer.money(limits.maximumOrderTotal))), ruleId: limits.id });
  if (limits.returnsPerCustomer !== undefined) {
    items.push({
      content: text(t.returnsPerCustomer(limits.returnsPerCustomer.maximum, limits.returnsPerCustomer.periodDays)),
      ruleId: limits.returnsPerCustomer.id,
    });
  }
  if (items.length === 0) return null;
  const blocks: PageBlock[] = [{ kind: 'list', items }];
  if (statutoryShown) blocks.push(paragraph(t.conditionsPolicyOnly));
  return { anchor: policyPageAnchors.conditions, level: 2, title: t.conditionsTitle, blocks };
}

/**
 * Builds the customer-facing policy page as a document (sections with stable anchors), from the
 * same policy data that decides returns and the statutory pack of the jurisdiction.
 */
export function buildPolicyPage(policy: Policy, options: RenderPolicyOptions): PolicyPage {
  const parsed = renderPolicyOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'renderPolicy options' });
  const valid = ensurePolicy(policy);
  const language = resolveLanguage(parsed.data.locale);
  const asOf = parsed.data.asOf ?? new Date();
  const day = (typeof asOf === 'string' ? asOf : asOf.toISOString()).slice(0, 10);
  const pack = parsed.data.jurisdiction === null ? null : statutoryPackFor(parsed.data.jurisdiction, day);
  if (parsed.data.jurisdiction !== null && pack === null) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `No ${parsed.data.jurisdiction} statutory pack is in force on ${day}; pass another asOf day.`,
      details: { jurisdiction: parsed.data.jurisdiction, day },
    });
  }
  const dateFormat = new Intl.DateTimeFormat(parsed.data.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const writer: Writer = {
    language,
    locale: parsed.data.locale,
    t: policyPageTexts[language],
    money: (value) => formatMoney(value, parsed.data.locale),
    date: (isoDay) => dateFormat.format(new Date(`${isoDay}T00:00:00Z`)),
  };
  const statutory = statutorySections(writer, valid, parsed.data.jurisdiction, pack, parsed.data.withdrawalFunctionUrl);
  const statutoryShown = statutory.length > 1;
  const sections: PageSection[] = [
    ...statutory,
    windowSection(writer, valid, statutoryShown),
    exclusionsSection(writer, valid),
    reasonsSection(writer, valid),
    feesSection(writer, valid),
    resolutionsSection(writer, valid),
  ];
  const conditions = conditionsSection(writer, valid, statutoryShown);
  if (conditions !== null) sections.push(conditions);
  const t = writer.t;
  return {
    language,
    title: valid.name ?? t.title,
    intro: [paragraph(t.intro(valid.id, valid.version))],
    sections,
    footer: t.footer(valid.id, valid.version),
  };
}

/**
 * Renders the customer-facing return policy page from the rules that decide returns, in Turkish
 * or English, as Markdown, HTML or plain text. The page states the consumer's statutory rights of
 * the jurisdiction (withdrawal, faulty goods, the EU "withdraw from contract here" function where
 * it applies) beside the store's voluntary terms. Sections carry stable anchors
 * ({@link policyPageAnchors}); HTML list items carry the id of the rule they state (`data-rule`).
 *
 * @throws AftersaleError `invalid_input` (bad options), `missing_translation` (unsupported locale), `invalid_policy`.
 * @example
 * ```ts
 * const page = renderPolicy(policy, { locale: 'tr-TR', jurisdiction: 'TR', format: 'html', asOf: '2026-07-01' });
 * ```
 */
export function renderPolicy(policy: Policy, options: RenderPolicyOptions): string {
  const page = buildPolicyPage(policy, options);
  switch (options.format ?? 'markdown') {
    case 'html':
      return pageToHtml(page);
    case 'text':
      return pageToText(page);
    default:
      return pageToMarkdown(page);
  }
}
