import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import { definePolicy } from './define-policy.js';
import { policyPageAnchors } from './policy-page.js';
import type { PolicyInput } from './policy-schema.js';
import { renderPolicy } from './render-policy.js';
import { samplePolicyInput } from './sample-policy.js';

const sample = definePolicy(samplePolicyInput);

describe('renderPolicy', () => {
  it('gives every section the same stable anchor in both languages and every format', () => {
    for (const locale of ['en-GB', 'tr-TR']) {
      const markdown = renderPolicy(sample, { locale, jurisdiction: 'EU', asOf: '2026-07-01' });
      const html = renderPolicy(sample, { locale, jurisdiction: 'EU', asOf: '2026-07-01', format: 'html' });
      for (const anchor of Object.values(policyPageAnchors)) {
        expect(markdown).toContain(`<a id="${anchor}"></a>`);
        expect(html).toContain(`id="${anchor}"`);
      }
    }
  });

  it('states the statutory rights before the voluntary terms, with citations', () => {
    const page = renderPolicy(sample, { locale: 'tr-TR', jurisdiction: 'TR', asOf: '2026-07-01', format: 'text' });
    expect(page.indexOf('Cayma hakkınız')).toBeLessThan(page.indexOf('Mağaza politikasına göre iade'));
    expect(page).toContain('14 gün içinde cayma hakkınızı kullanabilirsiniz');
    expect(page).toContain('Art. 15(1)(b)');
    expect(page).toContain('belirttiği kargo şirketiyle geri göndermek size hiçbir masraf çıkarmaz');
    expect(page).toContain('teslimden itibaren 2 yıl');
    // A final-sale item is excluded by the store, yet withdrawal still covers it: the page says so.
    expect(page).toContain('cayma hakkıyla yine de iade edilebilir');
    expect(page).not.toContain('Sözleşmeden buradan cay');
  });

  it('adds the EU "withdraw from contract here" function from 19 June 2026, linked when a URL is given', () => {
    const before = renderPolicy(sample, { locale: 'en-GB', jurisdiction: 'EU', asOf: '2026-06-18' });
    expect(before).not.toContain('withdraw-here');
    const after = renderPolicy(sample, {
      locale: 'en-GB',
      jurisdiction: 'EU',
      asOf: '2026-06-19',
      format: 'html',
      withdrawalFunctionUrl: 'https://shop.example/withdraw?order=1&x="y"',
    });
    expect(after).toContain('<section id="withdraw-here">');
    expect(after).toContain(
      '<a href="https://shop.example/withdraw?order=1&amp;x=&quot;y&quot;">Withdraw from contract here</a>',
    );
    expect(after).toContain('Art. 11a');
  });

  it('says where no return right exists, and when the policy turns statutory rights off', () => {
    const us = renderPolicy(sample, { locale: 'en-US', jurisdiction: 'US', asOf: '2026-07-01' });
    expect(us).toContain('gives no general right to return goods bought online');
    expect(us).not.toContain('On top of your legal rights');
    const none = renderPolicy(sample, { locale: 'en-US', jurisdiction: null, asOf: '2026-07-01' });
    expect(none).toContain('Your statutory rights as a consumer are not affected');
    const off = definePolicy({ ...samplePolicyInput, statutory: false });
    expect(renderPolicy(off, { locale: 'en-GB', jurisdiction: 'EU', asOf: '2026-07-01' })).toContain(
      'without the statutory consumer rights',
    );
  });

  it('escapes what the merchant wrote in Markdown and HTML, and tags HTML list items with their rule', () => {
    const policy = definePolicy({
      ...samplePolicyInput,
      name: 'Acme <returns> *policy*',
      exclusions: [
        {
          id: 'exclusion.clearance',
          kind: 'custom',
          label: { en: 'Clearance <b>', tr: 'Tasfiye *' },
          products: { tags: ['a_b'] },
        },
      ],
    });
    const markdown = renderPolicy(policy, { locale: 'en', jurisdiction: 'TR', asOf: '2026-07-01' });
    expect(markdown).toContain('# Acme \\<returns\\> \\*policy\\*');
    expect(markdown).toContain('Clearance \\<b\\>: products tagged “a\\_b”');
    const html = renderPolicy(policy, { locale: 'en', jurisdiction: 'TR', asOf: '2026-07-01', format: 'html' });
    expect(html).toContain('<li data-rule="exclusion.clearance">Clearance &lt;b&gt;: products tagged “a_b”</li>');
    expect(html).toContain('<li data-rule="window.sale">');
  });

  it('writes money, dates and percentages in the locale', () => {
    const en = renderPolicy(sample, { locale: 'en-GB', jurisdiction: 'TR', asOf: '2026-07-01', format: 'text' });
    expect(en).toMatch(/TRY\s49\.90/);
    expect(en).toContain('until 31 January 2027');
    expect(en).toContain('a 10% bonus');
    const tr = renderPolicy(sample, { locale: 'tr-TR', jurisdiction: 'TR', asOf: '2026-07-01', format: 'text' });
    expect(tr).toContain('₺49,90');
    expect(tr).toContain('31 Ocak 2027 tarihine kadar');
    expect(tr).toContain('%10 bonuslu');
  });

  it('refuses an unsupported locale and bad options with typed errors', () => {
    expect(() => renderPolicy(sample, { locale: 'de-DE', jurisdiction: 'EU', asOf: '2026-07-01' })).toThrow(
      expect.objectContaining({ code: 'missing_translation' }),
    );
    const bad = () =>
      renderPolicy(sample, { locale: 'en', jurisdiction: 'FR' as 'EU', asOf: '2026-07-01', format: 'pdf' as 'html' });
    expect(bad).toThrow(AftersaleError);
    try {
      bad();
    } catch (error) {
      expect(AftersaleError.hasCode(error, 'invalid_input')).toBe(true);
      expect((error as AftersaleError).issues.map((issue) => issue.path)).toEqual(['jurisdiction', 'format']);
    }
  });
});

// ── Property: changing any rule changes the rendered text ─────────────────────────────────────

const tagArbitrary = fc.constantFrom('sale', 'vip', 'electronics', 'outlet', 'bulky');
const scopeArbitrary = fc.record({ tags: fc.uniqueArray(tagArbitrary, { minLength: 1, maxLength: 2 }) });

const policyArbitrary: fc.Arbitrary<PolicyInput> = fc
  .record({
    name: fc.option(fc.constantFrom('Acme returns', 'Iade politikası'), { nil: undefined }),
    window: fc.record({
      days: fc.integer({ min: 0, max: 365 }),
      from: fc.constantFrom('order', 'fulfillment', 'delivery'),
      transitDays: fc.integer({ min: 0, max: 20 }),
      splitDeliveries: fc.constantFrom('per_line', 'last_item'),
    }),
    overrides: fc.array(
      fc.record({
        priority: fc.integer({ min: -1, max: 3 }),
        days: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        products: fc.option(scopeArbitrary, { nil: undefined }),
        customers: fc.option(fc.record({ tags: fc.uniqueArray(tagArbitrary, { minLength: 1, maxLength: 2 }) }), {
          nil: undefined,
        }),
      }),
      { maxLength: 3 },
    ),
    exclusions: fc.array(
      fc.record({
        kind: fc.constantFrom('final_sale', 'gift_card', 'perishable', 'hygiene_sealed', 'sealed_media'),
        products: scopeArbitrary,
      }),
      { maxLength: 3 },
    ),
    returnShipping: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    restocking: fc.array(fc.record({ percent: fc.integer({ min: 1, max: 30 }), products: scopeArbitrary }), {
      maxLength: 2,
    }),
    waivers: fc.array(fc.constantFrom<'defect' | 'voluntary'>('defect', 'voluntary'), { maxLength: 2 }),
    storeCredit: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    exchange: fc.option(fc.constantFrom<'customer_pays' | 'merchant_absorbs'>('customer_pays', 'merchant_absorbs'), {
      nil: undefined,
    }),
    keepItem: fc.option(fc.integer({ min: 100, max: 20_000 }), { nil: undefined }),
    excludedOrderTags: fc.option(fc.uniqueArray(tagArbitrary, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    returnsCap: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    voluntaryShipping: fc.constantFrom('none', 'proportional', 'when_all_returned'),
    partialWithdrawal: fc.constantFrom('none', 'proportional'),
    informed: fc.boolean(),
    disclosed: fc.boolean(),
    designated: fc.boolean(),
  })
  .map((draw) => ({
    schemaVersion: 1 as const,
    id: 'shop-returns',
    version: 1,
    currency: 'TRY',
    ...(draw.name === undefined ? {} : { name: draw.name }),
    window: draw.window,
    windowOverrides: draw.overrides.map((override, index) => ({
      id: `window.override-${index}`,
      priority: override.priority,
      ...(override.days === undefined ? { returnUntil: '2027-01-31' } : { days: override.days }),
      ...(override.products === undefined ? {} : { products: override.products }),
      ...(override.customers === undefined ? {} : { customers: override.customers }),
    })),
    exclusions: draw.exclusions.map((exclusion, index) => ({ id: `exclusion.${index}`, ...exclusion })),
    fees: {
      ...(draw.returnShipping === undefined ? {} : { returnShipping: { amount: money(draw.returnShipping, 'TRY') } }),
      restocking: draw.restocking.map((rule, index) => ({ id: `fee.restocking-${index}`, ...rule })),
      waivers: draw.waivers.map((basis, index) => ({ id: `waiver.${index}`, bases: [basis] })),
    },
    resolutions: {
      storeCredit:
        draw.storeCredit === undefined ? { enabled: false } : { enabled: true, bonusPercent: draw.storeCredit },
      exchange: draw.exchange === undefined ? { enabled: false } : { enabled: true, priceDifference: draw.exchange },
      keepItem:
        draw.keepItem === undefined ? { enabled: false } : { enabled: true, maximumValue: money(draw.keepItem, 'TRY') },
    },
    limits: {
      ...(draw.excludedOrderTags === undefined ? {} : { excludedOrderTags: draw.excludedOrderTags }),
      ...(draw.returnsCap === undefined ? {} : { returnsPerCustomer: { maximum: draw.returnsCap, periodDays: 90 } }),
    },
    shippingRefund: { voluntary: draw.voluntaryShipping, partialWithdrawal: draw.partialWithdrawal },
    merchant: {
      informedOfWithdrawal: draw.informed,
      returnCostsDisclosed: draw.disclosed,
      designatedCarrier: draw.designated,
    },
  }));

// biome-ignore lint/suspicious/noExplicitAny: the mutators edit a JSON draft of the policy in place.
type Json = any;

/**
 * A change to one rule that changes what the policy decides: `applies` says whether the policy has
 * the rule, `change` edits the JSON draft.
 */
interface Mutator {
  name: string;
  applies?: (draft: Json) => boolean;
  change: (draft: Json) => void;
}

const has = (key: 'windowOverrides' | 'exclusions') => (draft: Json) => draft[key].length > 0;
const hasRestocking = (draft: Json) => draft.fees.restocking.length > 0;
const hasWaiver = (draft: Json) => draft.fees.waivers.length > 0;
const flip = <T>(value: T, one: T, other: T): T => (value === one ? other : one);

const mutators: Mutator[] = [
  {
    name: 'window days',
    change: (d) => {
      d.window.days += 1;
    },
  },
  {
    name: 'window start',
    change: (d) => {
      d.window.from = flip(d.window.from, 'delivery', 'order');
    },
  },
  {
    name: 'transit days',
    change: (d) => {
      d.window.transitDays += 1;
    },
  },
  {
    name: 'split deliveries',
    applies: (d) => d.window.from !== 'order',
    change: (d) => {
      d.window.splitDeliveries = flip(d.window.splitDeliveries, 'per_line', 'last_item');
    },
  },
  {
    name: 'override period',
    applies: has('windowOverrides'),
    change: (d) => {
      const rule = d.windowOverrides[0];
      if (rule.days !== undefined) rule.days += 1;
      else rule.returnUntil = '2027-02-01';
    },
  },
  {
    name: 'override precedence',
    applies: has('windowOverrides'),
    change: (d) => {
      const rule = d.windowOverrides.at(-1);
      rule.priority = rule.priority === 0 ? 5 : 0;
    },
  },
  {
    name: 'override scope',
    applies: has('windowOverrides'),
    change: (d) => {
      const rule = d.windowOverrides[0];
      rule.products = { tags: [...(rule.products?.tags ?? []), 'clearance'] };
    },
  },
  {
    name: 'add override',
    change: (d) => {
      d.windowOverrides.push({ id: 'window.added', days: 90 });
    },
  },
  {
    name: 'exclusion kind',
    applies: has('exclusions'),
    change: (d) => {
      d.exclusions[0].kind = flip(d.exclusions[0].kind, 'perishable', 'sealed_media');
    },
  },
  {
    name: 'exclusion scope',
    applies: has('exclusions'),
    change: (d) => {
      d.exclusions[0].products = { tags: [...d.exclusions[0].products.tags, 'clearance'] };
    },
  },
  {
    name: 'remove exclusion',
    applies: has('exclusions'),
    change: (d) => {
      d.exclusions.pop();
    },
  },
  {
    name: 'return shipping fee',
    change: (d) => {
      const fee = d.fees.returnShipping;
      d.fees.returnShipping = { amount: money(fee === undefined ? 500 : fee.amount.amount + 1, 'TRY') };
    },
  },
  {
    name: 'restocking percent',
    applies: hasRestocking,
    change: (d) => {
      d.fees.restocking[0].percent += 1;
    },
  },
  {
    name: 'restocking scope',
    applies: hasRestocking,
    change: (d) => {
      d.fees.restocking[0].products = { tags: [...d.fees.restocking[0].products.tags, 'clearance'] };
    },
  },
  {
    name: 'waiver basis',
    applies: hasWaiver,
    change: (d) => {
      d.fees.waivers[0].bases = [flip(d.fees.waivers[0].bases[0], 'defect', 'voluntary')];
    },
  },
  {
    name: 'waiver fees',
    applies: hasWaiver,
    change: (d) => {
      d.fees.waivers[0].fees = ['restocking'];
    },
  },
  {
    name: 'store credit',
    change: (d) => {
      const credit = d.resolutions.storeCredit;
      d.resolutions.storeCredit = credit.enabled
        ? { enabled: true, bonusPercent: credit.bonusPercent + 1 }
        : { enabled: true, bonusPercent: 0 };
    },
  },
  {
    name: 'exchange price difference',
    change: (d) => {
      const exchange = d.resolutions.exchange;
      if (!exchange.enabled) d.resolutions.exchange = { enabled: true, priceDifference: 'customer_pays' };
      else if (exchange.priceDifference === 'customer_pays') exchange.priceDifference = 'merchant_absorbs';
      else exchange.absorbUpTo = money(1500, 'TRY');
    },
  },
  {
    name: 'keep item',
    change: (d) => {
      const keep = d.resolutions.keepItem;
      d.resolutions.keepItem = {
        enabled: true,
        maximumValue: money(keep.enabled ? keep.maximumValue.amount + 1 : 5000, 'TRY'),
      };
    },
  },
  {
    name: 'refund to original payment',
    change: (d) => {
      d.resolutions.refund = { enabled: false };
    },
  },
  {
    name: 'excluded order tags',
    change: (d) => {
      d.limits.excludedOrderTags = [...(d.limits.excludedOrderTags ?? []), 'wholesale'];
    },
  },
  {
    name: 'returns cap',
    change: (d) => {
      const cap = d.limits.returnsPerCustomer;
      d.limits.returnsPerCustomer = { maximum: cap === undefined ? 3 : cap.maximum + 1, periodDays: 90 };
    },
  },
  {
    name: 'shipping countries',
    change: (d) => {
      d.limits.countries = ['TR', 'DE'];
    },
  },
  {
    name: 'voluntary shipping refund',
    change: (d) => {
      d.shippingRefund.voluntary = flip(d.shippingRefund.voluntary, 'none', 'proportional');
    },
  },
  {
    name: 'partial withdrawal shipping',
    change: (d) => {
      d.shippingRefund.partialWithdrawal = flip(d.shippingRefund.partialWithdrawal, 'none', 'proportional');
    },
  },
  {
    name: 'informed of withdrawal',
    change: (d) => {
      d.merchant.informedOfWithdrawal = !d.merchant.informedOfWithdrawal;
    },
  },
  {
    name: 'return costs disclosed',
    applies: (d) => d.fees.returnShipping !== undefined,
    change: (d) => {
      d.merchant.returnCostsDisclosed = !d.merchant.returnCostsDisclosed;
    },
  },
  {
    name: 'designated carrier',
    change: (d) => {
      d.merchant.designatedCarrier = !d.merchant.designatedCarrier;
    },
  },
  {
    name: 'statutory rights',
    change: (d) => {
      d.statutory = false;
    },
  },
  {
    name: 'fee tax',
    change: (d) => {
      d.fees.tax = { rate: '0.18', included: false };
    },
  },
  {
    name: 'reason evidence',
    change: (d) => {
      d.reasons = [
        { code: 'changed_mind', basis: 'voluntary', evidence: ['photo'] },
        { code: 'defective', basis: 'defect' },
      ];
    },
  },
];

/** Both languages, under the two jurisdictions whose packs read the merchant facts. */
function pages(input: PolicyInput): string {
  const policy = definePolicy(input);
  return [
    renderPolicy(policy, { locale: 'en-GB', jurisdiction: 'EU', asOf: '2026-07-01' }),
    renderPolicy(policy, { locale: 'tr-TR', jurisdiction: 'TR', asOf: '2026-07-01' }),
  ].join('\n');
}

describe('renderPolicy property: changing any rule changes the rendered text', () => {
  it.each(mutators.map((mutator) => [mutator.name, mutator] as const))('%s', (_name, mutator) => {
    fc.assert(
      fc.property(policyArbitrary, (input) => {
        const draft = structuredClone(input) as Json;
        fc.pre(mutator.applies?.(draft) ?? true);
        mutator.change(draft);
        expect(pages(draft as PolicyInput)).not.toBe(pages(input));
      }),
      { numRuns: 25 },
    );
  });
});
