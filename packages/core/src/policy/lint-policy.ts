import { z } from 'zod';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { findStatutoryPack } from '../statutory/find-statutory-pack.js';
import type { StatutoryPack } from '../statutory/statutory-pack.js';
import { parsePolicy, policyIssues } from './define-policy.js';
import type { LocalisedText, Policy, ProductScope, ReturnReason } from './policy-schema.js';

/** How bad a finding is: an `error` fails `aftersale policy lint` (non-zero exit). */
export type PolicyLintSeverity = 'error' | 'warning' | 'info';

/** Every lint code, its severity and what it means. Codes are stable. */
export const policyLintCodes = {
  'policy.invalid': { severity: 'error', summary: 'The policy fails validation (the path says where).' },
  'translation.missing': { severity: 'error', summary: 'A text the page or a decision shows lacks a language.' },
  'translation.untranslated': {
    severity: 'warning',
    summary: 'A label is the same in Turkish and English: probably not translated.',
  },
  'rule.never_applies': {
    severity: 'warning',
    summary:
      'The rule can never match: an empty product scope, a personalised exclusion with nothing to match, a waiver for a resolution the policy does not offer.',
  },
  'rule.unreachable': {
    severity: 'warning',
    summary:
      'The rule matches but can never decide: a window override that loses to the default or to an unconditional override of higher priority, a restocking rule after one that already covers the same products.',
  },
  'rule.no_effect': { severity: 'info', summary: 'A waiver for a fee the policy never charges.' },
  'rule.expired': { severity: 'info', summary: 'A dated window override whose dates are past.' },
  'statutory.disabled': {
    severity: 'error',
    summary:
      '`statutory: false` in a market with consumer law: decisions would ignore the withdrawal and defect rights.',
  },
  'statutory.text_understates': {
    severity: 'error',
    summary:
      "Merchant text says an item cannot be returned although the statutory withdrawal right covers it in a market sold to, or presents the store's terms as the customer's only right.",
  },
  'statutory.window_shorter': {
    severity: 'info',
    summary:
      'A voluntary window shorter than the withdrawal period: lawful, and the rendered page states the withdrawal right beside it.',
  },
  'withdrawal.restocking_fee': {
    severity: 'warning',
    summary: 'A restocking fee the law forbids on a withdrawal: it is charged on voluntary returns only.',
  },
  'withdrawal.return_cost': {
    severity: 'warning',
    summary:
      'A return shipping fee the law does not let the store charge on a withdrawal (costs not disclosed, or Turkey with a designated carrier).',
  },
  'withdrawal.store_credit_only': {
    severity: 'error',
    summary:
      'Refunds to the original payment are turned off: the law requires a withdrawal to be refunded by the means of payment used.',
  },
  'withdrawal.not_informed': {
    severity: 'warning',
    summary: '`merchant.informedOfWithdrawal: false`: the withdrawal period runs 12 months longer.',
  },
  'withdrawal.function_required': {
    severity: 'info',
    summary:
      'EU contracts from 19 June 2026: the returns page must offer a "withdraw from contract here" function (pass its URL to renderPolicy).',
  },
  'market.no_statutory_pack': {
    severity: 'info',
    summary: 'aftersale has no statutory pack for the market: only the policy decides there.',
  },
  'market.not_served': {
    severity: 'warning',
    summary:
      "`limits.countries` leaves out a market sold to: the voluntary policy refuses its customers (the law's rights still apply).",
  },
} as const satisfies Record<string, { severity: PolicyLintSeverity; summary: string }>;

export type PolicyLintCode = keyof typeof policyLintCodes;

/** One finding: a code, its severity, the rule it concerns (its id, or the path when there is no rule) and an actionable message. */
export interface PolicyLintFinding {
  code: PolicyLintCode;
  severity: PolicyLintSeverity;
  /** The rule id (`window.sale`, `fee.restocking-electronics`), or null for the policy as a whole. */
  ruleId: string | null;
  /** Where in the policy JSON (`fees.restocking[1]`), or null. */
  path: string | null;
  /** The markets (ISO 3166-1 alpha-2) the finding concerns; empty when it holds everywhere. */
  markets: string[];
  message: string;
}

/** The outcome of {@link lintPolicy}. */
export interface PolicyLintResult {
  /** True when there is no error (warnings and notes do not fail). */
  ok: boolean;
  errors: number;
  warnings: number;
  findings: PolicyLintFinding[];
}

const lintPolicyOptionsSchema = z.strictObject({
  markets: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals such as TR or DE')),
  asOf: z.union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
});

/** Options of {@link lintPolicy}. */
export interface LintPolicyOptions {
  /** Countries the shop sells to (ISO 3166-1 alpha-2: `TR`, `DE`, `GB`, `US`). */
  markets: string[];
  /** The day whose statutory packs apply. @default now */
  asOf?: Date | string;
}

const understatement = [
  /\b(no returns?|non[- ]?returnable|non[- ]?refundable|cannot be returned|can(?:'|no)t be returned|all sales (?:are )?final|no refunds?)\b/i,
  /(iade edilemez|iade yok|iade alınmaz|iade kabul edilmez|iadesi yoktur|cayma hakkı yok|cayma hakkı bulunmaz|iadesiz)/i,
  // Presenting the voluntary terms as the customer's only right.
  /\b(only (?:right|remedy|way to return)|sole (?:right|remedy)|no other rights?)\b/i,
  /(tek hakkınız|başka (?:bir )?hakkınız yok|yegane hakkınız)/i,
];

const severityRank: Record<PolicyLintSeverity, number> = { error: 0, warning: 1, info: 2 };

function scopeIsEmpty(scope: ProductScope): boolean {
  return Object.values(scope).every((values) => values === undefined || values.length === 0);
}

function sameScope(left: ProductScope | undefined, right: ProductScope | undefined): boolean {
  const key = (scope: ProductScope | undefined) =>
    scope === undefined
      ? '*'
      : JSON.stringify(
          Object.entries(scope)
            .filter(([, values]) => values !== undefined && values.length > 0)
            .map(([field, values]) => [field, [...(values as string[])].map((value) => value.toLowerCase()).sort()])
            .sort(),
        );
  return key(left) === key(right);
}

function textsOf(
  policy: Policy,
): { ruleId: string | null; path: string; text: LocalisedText | string; kind: string | null }[] {
  const texts: { ruleId: string | null; path: string; text: LocalisedText | string; kind: string | null }[] = [];
  if (policy.name !== undefined) texts.push({ ruleId: null, path: 'name', text: policy.name, kind: null });
  policy.exclusions.forEach((rule, index) => {
    if (rule.label !== undefined)
      texts.push({ ruleId: rule.id, path: `exclusions[${index}].label`, text: rule.label, kind: rule.kind });
  });
  const walk = (reasons: readonly ReturnReason[], path: string) => {
    reasons.forEach((reason, index) => {
      if (reason.label !== undefined)
        texts.push({ ruleId: null, path: `${path}[${index}].label`, text: reason.label, kind: null });
      if (reason.children !== undefined) walk(reason.children, `${path}[${index}].children`);
    });
  };
  walk(policy.reasons, 'reasons');
  return texts;
}

/**
 * Checks a policy before it is published: shadowed or unreachable rules, terms or texts that
 * understate a statutory right in a market the shop sells to, fees and store-credit-only refunds
 * the law forbids on a withdrawal, missing translations. Accepts unvalidated JSON: validation
 * problems come back as findings (`policy.invalid`, `translation.missing`), never thrown.
 *
 * @throws AftersaleError `invalid_input` when the options are malformed.
 * @example
 * ```ts
 * const { ok, findings } = lintPolicy(policyJson, { markets: ['TR', 'DE'], asOf: '2026-07-01' });
 * ```
 */
export function lintPolicy(input: unknown, options: LintPolicyOptions): PolicyLintResult {
  const parsedOptions = lintPolicyOptionsSchema.safeParse(options);
  if (!parsedOptions.success)
    throw aftersaleErrorFromZod(parsedOptions.error, { code: 'invalid_input', subject: 'lintPolicy options' });
  const findings: PolicyLintFinding[] = [];
  const add = (
    code: PolicyLintCode,
    ruleId: string | null,
    path: string | null,
    message: string,
    markets: string[] = [],
  ) => findings.push({ code, severity: policyLintCodes[code].severity, ruleId, path, markets, message });

  const issues = policyIssues(input);
  if (issues.length > 0) {
    for (const issue of issues) {
      const translation = /(^|\.)label(\.(tr|en))?$/.test(issue.path);
      add(
        translation ? 'translation.missing' : 'policy.invalid',
        null,
        issue.path || null,
        `${issue.path || 'policy'}: ${issue.message}.`,
      );
    }
    return finish(findings);
  }
  const policy = parsePolicy(input);
  const asOf = parsedOptions.data.asOf ?? new Date();
  const day = (typeof asOf === 'string' ? asOf : asOf.toISOString()).slice(0, 10);

  // ── Rules that never match or never decide ──
  policy.windowOverrides.forEach((rule, index) => {
    const path = `windowOverrides[${index}]`;
    if (rule.products !== undefined && scopeIsEmpty(rule.products))
      add(
        'rule.never_applies',
        rule.id,
        `${path}.products`,
        `${rule.id}: the product scope lists nothing, so the override matches no line; list tags, types, vendors, categories, SKUs or product ids.`,
      );
    if (rule.priority < 0) {
      add(
        'rule.unreachable',
        rule.id,
        `${path}.priority`,
        `${rule.id}: priority ${rule.priority} is below the default window's 0, so the default always wins; give it priority 0 (to lengthen) or above (to replace).`,
      );
    } else if (rule.priority === 0 && rule.days !== undefined && rule.days <= policy.window.days) {
      add(
        'rule.unreachable',
        rule.id,
        `${path}.days`,
        `${rule.id}: ${rule.days} days at priority 0 never beats the default ${policy.window.days} days (equal priorities take the later deadline); give it more days, or a priority above 0 to shorten the window.`,
      );
    }
    const until = rule.returnUntil ?? rule.orderedBetween?.to;
    if (until !== undefined && until < day)
      add(
        'rule.expired',
        rule.id,
        path,
        `${rule.id}: its dates ended on ${until}; remove it or move it to next season.`,
      );
  });
  // An override with no conditions applies to every line: it shadows everything of lower priority.
  const unconditional = policy.windowOverrides
    .filter((rule) => rule.products === undefined && rule.customers === undefined && rule.orderedBetween === undefined)
    .sort((left, right) => right.priority - left.priority)[0];
  if (unconditional !== undefined && unconditional.priority > 0) {
    add(
      'rule.unreachable',
      policy.window.id,
      'window',
      `${policy.window.id}: ${unconditional.id} has no conditions and priority ${unconditional.priority}, so the default window never applies; fold it into the default window.`,
    );
  }
  if (unconditional !== undefined) {
    policy.windowOverrides.forEach((rule, index) => {
      if (rule !== unconditional && rule.priority < unconditional.priority && rule.priority >= 0)
        add(
          'rule.unreachable',
          rule.id,
          `windowOverrides[${index}]`,
          `${rule.id}: ${unconditional.id} applies to every order with a higher priority (${unconditional.priority}), so this override never decides.`,
        );
    });
  }
  policy.exclusions.forEach((rule, index) => {
    const path = `exclusions[${index}]`;
    if (
      rule.products !== undefined &&
      scopeIsEmpty(rule.products) &&
      rule.minimumDiscountPercent === undefined &&
      rule.kind !== 'gift_card' &&
      !(rule.kind === 'personalised' && rule.personalisedWhenPropertiesPresent)
    )
      add(
        'rule.never_applies',
        rule.id,
        `${path}.products`,
        `${rule.id}: the product scope lists nothing, so the exclusion matches no line.`,
      );
    if (rule.kind === 'personalised' && rule.products === undefined && !rule.personalisedWhenPropertiesPresent)
      add(
        'rule.never_applies',
        rule.id,
        path,
        `${rule.id}: a personalised exclusion without products and with personalisedWhenPropertiesPresent false matches nothing; give it products.`,
      );
  });
  policy.fees.restocking.forEach((rule, index) => {
    const path = `fees.restocking[${index}]`;
    if (rule.products !== undefined && scopeIsEmpty(rule.products))
      add(
        'rule.never_applies',
        rule.id,
        `${path}.products`,
        `${rule.id}: the product scope lists nothing, so no line is charged.`,
      );
    const earlier = policy.fees.restocking
      .slice(0, index)
      .find((other) => other.products === undefined || sameScope(other.products, rule.products));
    if (earlier !== undefined)
      add(
        'rule.unreachable',
        rule.id,
        path,
        `${rule.id}: ${earlier.id} comes first and covers the same products, and only the first restocking rule that covers a line applies; reorder or narrow ${earlier.id}.`,
      );
  });
  policy.fees.waivers.forEach((rule, index) => {
    const path = `fees.waivers[${index}]`;
    const offered = rule.resolutions?.filter((resolution) => {
      const resolutions = policy.resolutions;
      if (resolution === 'refund') return true;
      if (resolution === 'store_credit') return resolutions.storeCredit.enabled;
      if (resolution === 'exchange') return resolutions.exchange.enabled;
      return resolutions.keepItem.enabled;
    });
    if (offered !== undefined && offered.length === 0)
      add(
        'rule.never_applies',
        rule.id,
        `${path}.resolutions`,
        `${rule.id}: it waives fees for ${rule.resolutions?.join(', ')}, which the policy does not offer; enable the resolution or remove the waiver.`,
      );
    const charged = rule.fees.filter((fee) =>
      fee === 'return_shipping' ? policy.fees.returnShipping !== undefined : policy.fees.restocking.length > 0,
    );
    if (charged.length === 0)
      add(
        'rule.no_effect',
        rule.id,
        `${path}.fees`,
        `${rule.id}: it waives ${rule.fees.join(' and ')}, which the policy never charges.`,
      );
  });
  for (const entry of textsOf(policy)) {
    if (typeof entry.text !== 'string' && entry.text.tr.trim() === entry.text.en.trim())
      add(
        'translation.untranslated',
        entry.ruleId,
        entry.path,
        `${entry.path}: "${entry.text.en}" is the same in tr and en; translate it.`,
      );
  }

  // ── Markets and the law ──
  const markets = [...new Set(parsedOptions.data.markets)];
  const packs = new Map<string, StatutoryPack>();
  for (const market of markets) {
    const pack = findStatutoryPack(market, day);
    if (pack === null)
      add(
        'market.no_statutory_pack',
        null,
        null,
        `${market}: aftersale has no statutory pack for it, so only the policy decides returns there; check the local law yourself.`,
        [market],
      );
    else packs.set(market, pack);
    if (policy.limits.countries !== undefined && !policy.limits.countries.includes(market))
      add(
        'market.not_served',
        policy.limits.id,
        'limits.countries',
        `${market} is sold to but not in limits.countries, so the voluntary policy refuses every return shipped there; add it or stop selling there.`,
        [market],
      );
  }
  const grouped = new Map<
    string,
    {
      code: PolicyLintCode;
      ruleId: string | null;
      path: string | null;
      markets: string[];
      message: (markets: string) => string;
    }
  >();
  const perMarket = (
    code: PolicyLintCode,
    ruleId: string | null,
    path: string | null,
    market: string,
    message: (markets: string) => string,
  ) => {
    const key = `${code}|${ruleId}|${path}`;
    const existing = grouped.get(key);
    if (existing === undefined) grouped.set(key, { code, ruleId, path, markets: [market], message });
    else existing.markets.push(market);
  };
  for (const [market, pack] of packs) {
    const withdrawal = pack.withdrawal;
    if (withdrawal === null && pack.conformity === null) continue;
    if (!policy.statutory) {
      perMarket(
        'statutory.disabled',
        null,
        'statutory',
        market,
        (where) =>
          `statutory is false, but consumers in ${where} have statutory return rights the decisions would ignore; remove statutory: false (it is only for shops that sell to businesses).`,
      );
      continue;
    }
    if (withdrawal === null) continue;
    const exceptions = new Set<string>(Object.keys(withdrawal.exceptions));
    if (policy.window.days < withdrawal.days)
      perMarket(
        'statutory.window_shorter',
        policy.window.id,
        'window.days',
        market,
        (where) =>
          `${policy.window.id}: ${policy.window.days} days is shorter than the ${withdrawal.days}-day withdrawal period in ${where}; lawful, as long as the page states the withdrawal right beside it (renderPolicy does).`,
      );
    policy.windowOverrides.forEach((rule, index) => {
      if (rule.days !== undefined && rule.days < withdrawal.days)
        perMarket(
          'statutory.window_shorter',
          rule.id,
          `windowOverrides[${index}].days`,
          market,
          (where) =>
            `${rule.id}: ${rule.days} days is shorter than the ${withdrawal.days}-day withdrawal period in ${where}; lawful, as long as the page states the withdrawal right beside it (renderPolicy does).`,
        );
    });
    for (const entry of textsOf(policy)) {
      if (entry.kind !== null && exceptions.has(entry.kind)) continue;
      const values = typeof entry.text === 'string' ? [entry.text] : [entry.text.en, entry.text.tr];
      if (values.some((value) => understatement.some((pattern) => pattern.test(value))))
        perMarket(
          'statutory.text_understates',
          entry.ruleId,
          entry.path,
          market,
          (where) =>
            `${entry.path}: the text says the item cannot be returned, but the statutory withdrawal right covers it in ${where}; say it is excluded from the store's voluntary policy instead.`,
        );
    }
    if (!withdrawal.restockingFee.allowed)
      policy.fees.restocking.forEach((rule, index) => {
        perMarket(
          'withdrawal.restocking_fee',
          rule.id,
          `fees.restocking[${index}]`,
          market,
          (where) =>
            `${rule.id}: ${where} law forbids a restocking fee on a withdrawal (${withdrawal.restockingFee.rule.citation.provision}); aftersale charges it on voluntary returns only, and the page says so.`,
        );
      });
    const fee = policy.fees.returnShipping;
    if (fee !== undefined) {
      const forbidden =
        withdrawal.returnCost.consumerPays === 'if_disclosed'
          ? !policy.merchant.returnCostsDisclosed
          : policy.merchant.designatedCarrier;
      if (forbidden)
        perMarket('withdrawal.return_cost', fee.id, 'fees.returnShipping', market, (where) =>
          withdrawal.returnCost.consumerPays === 'if_disclosed'
            ? `${fee.id}: in ${where} a return cost may be charged on a withdrawal only if disclosed before the contract, and merchant.returnCostsDisclosed is false; disclose it (and set it true) or expect it waived.`
            : `${fee.id}: in ${where} a withdrawal returned with the designated carrier costs the consumer nothing; the fee applies to voluntary returns and own-carrier withdrawals only.`,
        );
    }
    if (!policy.resolutions.refund.enabled)
      perMarket(
        'withdrawal.store_credit_only',
        null,
        'resolutions.refund.enabled',
        market,
        (where) =>
          `refunds are off, but in ${where} a withdrawal must be refunded with the means of payment used (${withdrawal.refund.rule.citation.provision}); enable resolutions.refund.`,
      );
    if (!policy.merchant.informedOfWithdrawal && withdrawal.notInformed !== null)
      perMarket(
        'withdrawal.not_informed',
        null,
        'merchant.informedOfWithdrawal',
        market,
        (where) =>
          `merchant.informedOfWithdrawal is false, so in ${where} the withdrawal period runs ${withdrawal.notInformed?.months} months longer; give consumers the withdrawal information before the contract.`,
      );
    const withdrawalFunction = withdrawal.notes.find((note) => note.id.endsWith('.withdrawal.function'));
    if (withdrawalFunction !== undefined)
      perMarket(
        'withdrawal.function_required',
        withdrawalFunction.id,
        null,
        market,
        (where) =>
          `contracts with consumers in ${where} need a "withdraw from contract here" function on the returns page (${withdrawalFunction.citation.provision}); pass its URL to renderPolicy (withdrawalFunctionUrl).`,
      );
  }
  for (const group of grouped.values()) {
    const where =
      group.markets.length > 3
        ? `${group.markets.slice(0, 3).join(', ')} and ${group.markets.length - 3} more`
        : group.markets.join(', ');
    add(group.code, group.ruleId, group.path, group.message(where), group.markets);
  }
  return finish(findings);
}

function finish(findings: PolicyLintFinding[]): PolicyLintResult {
  findings.sort(
    (left, right) =>
      severityRank[left.severity] - severityRank[right.severity] ||
      left.code.localeCompare(right.code) ||
      (left.ruleId ?? '').localeCompare(right.ruleId ?? ''),
  );
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return { ok: errors === 0, errors, warnings, findings };
}
