import { z } from 'zod';
import { currencyCodeSchema, moneySchema } from '../money/money.js';
import { requireRatio } from '../money/rounding.js';
import { defaultReturnReasons } from './default-return-reasons.js';

/** The version of the policy language; stored policies carry it so later versions can migrate them. */
export const policySchemaVersion = 1;

/** A stable rule id: letters, digits, `.`, `_`, `-` (`window.holiday-2026`, `exclusion.final-sale`). */
export const ruleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'must be a stable id of letters, digits, ".", "_" or "-"');

/** Text a merchant writes, in every supported locale (a missing one is a validation error). */
export const localisedTextSchema = z.strictObject({ tr: z.string().min(1), en: z.string().min(1) });
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const isoDate = z.iso.date();

/**
 * Which products a rule covers: a line matches when any listed value matches (a tag, a product
 * type, a vendor, a category or collection, a SKU, a product id). An empty scope matches nothing.
 */
export const productScopeSchema = z.strictObject({
  tags: z.array(z.string().min(1)).optional(),
  productTypes: z.array(z.string().min(1)).optional(),
  vendors: z.array(z.string().min(1)).optional(),
  categories: z.array(z.string().min(1)).optional(),
  skus: z.array(z.string().min(1)).optional(),
  productIds: z.array(z.string().min(1)).optional(),
});
export type ProductScope = z.infer<typeof productScopeSchema>;

/** Which customers a rule covers: every condition given must hold (tags: any of them). */
export const customerScopeSchema = z.strictObject({
  tags: z.array(z.string().min(1)).optional(),
  minimumLifetimeOrders: z.number().int().nonnegative().optional(),
});
export type CustomerScope = z.infer<typeof customerScopeSchema>;

/** What a return window counts from. */
export const windowStartSchema = z.enum(['order', 'fulfillment', 'delivery']);
export type WindowStart = z.infer<typeof windowStartSchema>;

/** The default return window. */
export const returnWindowSchema = z.strictObject({
  id: ruleIdSchema.default('window.default'),
  /** Days the customer has, counted from `from`, ending at the end of the last day in the shop's time zone. */
  days: z.number().int().min(0).max(3660),
  /** @default 'delivery' */
  from: windowStartSchema.default('delivery'),
  /** When delivery is unknown: fulfilment + this many days is taken as the delivery day. @default 5 */
  transitDays: z.number().int().min(0).max(90).default(5),
  /**
   * For orders delivered in parts: `per_line` counts each line from its own delivery,
   * `last_item` counts every line from the last item received. @default 'per_line'
   */
  splitDeliveries: z.enum(['per_line', 'last_item']).default('per_line'),
});

/**
 * A window that replaces the default for some products, customers or order dates. Give `days`
 * (counted like the default window) or `returnUntil` (a fixed last day). Every condition given
 * must hold. Conflicts: the highest `priority` wins; among equal priorities, the latest deadline.
 */
export const windowOverrideSchema = z
  .strictObject({
    id: ruleIdSchema,
    /** @default 0 (the default window has priority 0 too) */
    priority: z.number().int().default(0),
    days: z.number().int().min(0).max(3660).optional(),
    /** Last day to return, `YYYY-MM-DD`, in the shop's time zone. */
    returnUntil: isoDate.optional(),
    products: productScopeSchema.optional(),
    customers: customerScopeSchema.optional(),
    /** Orders placed between these days (inclusive, shop's time zone): holiday windows. */
    orderedBetween: z.strictObject({ from: isoDate, to: isoDate }).optional(),
  })
  .refine((override) => (override.days === undefined) !== (override.returnUntil === undefined), {
    message: 'give exactly one of days or returnUntil',
  });
export type WindowOverride = z.infer<typeof windowOverrideSchema>;

/**
 * Kinds of exclusion. `personalised`, `perishable`, `hygiene_sealed` and `sealed_media` also
 * classify the goods for the statutory packs (the law exempts them from withdrawal too); a
 * `final_sale`, a `gift_card` or a `custom` exclusion binds only the merchant's own policy.
 */
export const exclusionKinds = [
  'final_sale',
  'gift_card',
  'personalised',
  'perishable',
  'hygiene_sealed',
  'sealed_media',
  'custom',
] as const;
export type ExclusionKind = (typeof exclusionKinds)[number];

/** Goods that cannot be returned under the merchant's policy. */
export const exclusionSchema = z
  .strictObject({
    id: ruleIdSchema,
    kind: z.enum(exclusionKinds),
    products: productScopeSchema.optional(),
    /** `final_sale`: lines discounted by at least this percentage of their listed price. */
    minimumDiscountPercent: z.number().min(0).max(100).optional(),
    /** `personalised`: a line with custom properties (engraving and the like) counts as personalised. @default true */
    personalisedWhenPropertiesPresent: z.boolean().default(true),
    /** `custom` exclusions say why, in every locale. */
    label: localisedTextSchema.optional(),
  })
  .superRefine((exclusion, context) => {
    const needsScope = exclusion.kind !== 'gift_card' && exclusion.kind !== 'personalised';
    if (needsScope && exclusion.products === undefined && exclusion.minimumDiscountPercent === undefined) {
      context.addIssue({
        code: 'custom',
        message: `a ${exclusion.kind} exclusion needs products or minimumDiscountPercent`,
      });
    }
    if (exclusion.minimumDiscountPercent !== undefined && exclusion.kind !== 'final_sale') {
      context.addIssue({
        code: 'custom',
        path: ['minimumDiscountPercent'],
        message: 'only final_sale exclusions use a discount threshold',
      });
    }
    if (exclusion.kind === 'custom' && exclusion.label === undefined) {
      context.addIssue({ code: 'custom', path: ['label'], message: 'a custom exclusion needs a label in tr and en' });
    }
  });
export type Exclusion = z.infer<typeof exclusionSchema>;

/** Whether a reason is a voluntary return or a claim that the goods are defective or not as ordered. */
export const reasonBasisSchema = z.enum(['voluntary', 'defect']);
export type ReasonBasis = z.infer<typeof reasonBasisSchema>;

/** Evidence a reason asks for. */
export const evidenceKindSchema = z.enum(['photo', 'description']);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/** A node of the return-reason tree; customers pick leaves only. */
export interface ReturnReason {
  code: string;
  /** Required on leaves. */
  basis?: ReasonBasis | undefined;
  evidence?: EvidenceKind[] | undefined;
  /** Required for codes the built-in catalogue does not know. */
  label?: LocalisedText | undefined;
  children?: ReturnReason[] | undefined;
}

export const returnReasonSchema: z.ZodType<ReturnReason> = z.lazy(() =>
  z.strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case code'),
    basis: reasonBasisSchema.optional(),
    evidence: z.array(evidenceKindSchema).optional(),
    label: localisedTextSchema.optional(),
    children: z.array(returnReasonSchema).min(1).optional(),
  }),
);

/** Fees that can be waived. */
export const feeKindSchema = z.enum(['return_shipping', 'restocking']);
export type FeeKind = z.infer<typeof feeKindSchema>;

/** What a return can end in. */
export const resolutionKinds = ['refund', 'store_credit', 'exchange', 'keep_item'] as const;
export type ResolutionKind = (typeof resolutionKinds)[number];

const percentSchema = z.union([z.number(), z.string()]).superRefine((value, context) => {
  try {
    const ratio = requireRatio(value, 'percentage');
    if (ratio.numerator < 0n || ratio.numerator > 100n * ratio.denominator) {
      context.addIssue({ code: 'custom', message: 'must be between 0 and 100' });
    }
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a decimal percentage such as 15 or "12.5"' });
  }
});

export const feesSchema = z.strictObject({
  /** A flat fee per return for sending the goods back; omit for free returns. */
  returnShipping: z.strictObject({ id: ruleIdSchema.default('fee.return-shipping'), amount: moneySchema }).optional(),
  /** A percentage of the refunded goods kept for restocking, by product scope (no scope: every product). */
  restocking: z
    .array(z.strictObject({ id: ruleIdSchema, percent: percentSchema, products: productScopeSchema.optional() }))
    .default([]),
  /** Conditions under which fees are not charged. Each given condition must hold. */
  waivers: z
    .array(
      z.strictObject({
        id: ruleIdSchema,
        /** Which fees; @default both */
        fees: z.array(feeKindSchema).min(1).default(['return_shipping', 'restocking']),
        /** Reason codes (leaves or parents: a parent covers its subtree). */
        reasons: z.array(z.string()).optional(),
        /** Reason bases. */
        bases: z.array(reasonBasisSchema).optional(),
        resolutions: z.array(z.enum(resolutionKinds)).optional(),
        customers: customerScopeSchema.optional(),
      }),
    )
    .default([]),
  /**
   * Tax in fees: `rate` as a decimal fraction; `included` says whether fee amounts already contain
   * it. Omit when fees carry no tax.
   */
  tax: z.strictObject({ rate: z.union([z.number(), z.string()]), included: z.boolean() }).optional(),
});

export const resolutionsSchema = z.strictObject({
  refund: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  storeCredit: z
    .strictObject({ enabled: z.boolean().default(false), bonusPercent: percentSchema.default(0) })
    .default({ enabled: false, bonusPercent: 0 }),
  exchange: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** Who pays when the new item costs more: the customer, or the merchant up to `absorbUpTo`. */
      priceDifference: z.enum(['customer_pays', 'merchant_absorbs']).default('customer_pays'),
      absorbUpTo: moneySchema.optional(),
    })
    .default({ enabled: false, priceDifference: 'customer_pays' }),
  keepItem: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** A returnless refund for lines whose refund is at most this. */
      maximumValue: moneySchema.optional(),
    })
    .default({ enabled: false }),
});

/** Conditions on the order and the customer for the merchant's own policy (never for statutory rights). */
export const limitsSchema = z.strictObject({
  id: ruleIdSchema.default('limits.order'),
  /** Shipping countries the policy serves (ISO 3166-1 alpha-2). */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  excludedOrderTags: z.array(z.string()).optional(),
  excludedDiscountCodes: z.array(z.string()).optional(),
  minimumOrderTotal: moneySchema.optional(),
  maximumOrderTotal: moneySchema.optional(),
  /** At most `maximum` returns per customer in `periodDays` (counted by the caller in `CustomerFacts`). */
  returnsPerCustomer: z
    .strictObject({
      id: ruleIdSchema.default('limits.returns-per-customer'),
      maximum: z.number().int().nonnegative(),
      periodDays: z.number().int().positive(),
    })
    .optional(),
});

/** Facts about the merchant the statutory packs need. */
export const merchantFactsSchema = z.strictObject({
  /** The consumer was given the statutory withdrawal information before the contract. @default true */
  informedOfWithdrawal: z.boolean().default(true),
  /** The consumer was told beforehand that they bear the cost of returning goods (EU Art. 14(1)). @default true */
  returnCostsDisclosed: z.boolean().default(true),
  /** A carrier was named for returns (Turkey: returns with it cost the consumer nothing). @default true */
  designatedCarrier: z.boolean().default(true),
});

export const shippingRefundPolicySchema = z.strictObject({
  /** Outbound shipping on voluntary returns. @default 'when_all_returned' */
  voluntary: z.enum(['none', 'proportional', 'when_all_returned']).default('when_all_returned'),
  /** Outbound shipping when part of an order is withdrawn under the law (unsettled; see the packs). @default 'proportional' */
  partialWithdrawal: z.enum(['none', 'proportional']).default('proportional'),
});

/** A return and exchange policy: JSON data, versioned, validated. Build one with {@link definePolicy}. */
export const policySchema = z
  .strictObject({
    schemaVersion: z.literal(policySchemaVersion),
    /** Stable id of the policy. */
    id: ruleIdSchema,
    /** The merchant's revision number, kept on every decision. */
    version: z.number().int().positive(),
    name: z.string().optional(),
    /** The shop currency; orders in another currency are refused. */
    currency: currencyCodeSchema,
    window: returnWindowSchema,
    windowOverrides: z.array(windowOverrideSchema).default([]),
    exclusions: z.array(exclusionSchema).default([]),
    reasons: z.array(returnReasonSchema).min(1).default(defaultReturnReasons),
    fees: feesSchema.default({ restocking: [], waivers: [] }),
    resolutions: resolutionsSchema.default({
      refund: { enabled: true },
      storeCredit: { enabled: false, bonusPercent: 0 },
      exchange: { enabled: false, priceDifference: 'customer_pays' },
      keepItem: { enabled: false },
    }),
    limits: limitsSchema.default({ id: 'limits.order' }),
    shippingRefund: shippingRefundPolicySchema.default({
      voluntary: 'when_all_returned',
      partialWithdrawal: 'proportional',
    }),
    merchant: merchantFactsSchema.default({
      informedOfWithdrawal: true,
      returnCostsDisclosed: true,
      designatedCarrier: true,
    }),
    /** Apply the statutory packs beneath the policy. Turn off only where no consumer law applies. @default true */
    statutory: z.boolean().default(true),
  })
  .superRefine((policy, context) => {
    const seen = new Map<string, string>();
    const claim = (id: string, path: (string | number)[]) => {
      const where = path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`))
        .join('')
        .slice(1);
      const other = seen.get(id);
      if (other !== undefined)
        context.addIssue({ code: 'custom', path, message: `rule id ${id} is also used at ${other}` });
      else seen.set(id, where);
    };
    claim(policy.window.id, ['window', 'id']);
    for (const [index, rule] of policy.windowOverrides.entries()) claim(rule.id, ['windowOverrides', index, 'id']);
    for (const [index, rule] of policy.exclusions.entries()) claim(rule.id, ['exclusions', index, 'id']);
    if (policy.fees.returnShipping) claim(policy.fees.returnShipping.id, ['fees', 'returnShipping', 'id']);
    for (const [index, rule] of policy.fees.restocking.entries()) claim(rule.id, ['fees', 'restocking', index, 'id']);
    for (const [index, rule] of policy.fees.waivers.entries()) claim(rule.id, ['fees', 'waivers', index, 'id']);
    claim(policy.limits.id, ['limits', 'id']);
    if (policy.limits.returnsPerCustomer)
      claim(policy.limits.returnsPerCustomer.id, ['limits', 'returnsPerCustomer', 'id']);
    const money: [string, { currency: string } | undefined][] = [
      ['fees.returnShipping.amount', policy.fees.returnShipping?.amount],
      ['resolutions.exchange.absorbUpTo', policy.resolutions.exchange.absorbUpTo],
      ['resolutions.keepItem.maximumValue', policy.resolutions.keepItem.maximumValue],
      ['limits.minimumOrderTotal', policy.limits.minimumOrderTotal],
      ['limits.maximumOrderTotal', policy.limits.maximumOrderTotal],
    ];
    for (const [path, value] of money) {
      if (value !== undefined && value.currency !== policy.currency) {
        context.addIssue({
          code: 'custom',
          path: [...path.split('.'), 'currency'],
          message: `must be ${policy.currency}, the policy currency`,
        });
      }
    }
    if (policy.resolutions.keepItem.enabled && policy.resolutions.keepItem.maximumValue === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['resolutions', 'keepItem', 'maximumValue'],
        message: 'keepItem needs a maximumValue',
      });
    }
    if (policy.fees.tax !== undefined) {
      try {
        requireRatio(policy.fees.tax.rate, 'fee tax rate');
      } catch {
        context.addIssue({
          code: 'custom',
          path: ['fees', 'tax', 'rate'],
          message: 'must be a decimal fraction such as 0.2',
        });
      }
    }
  });

/** A validated policy, as {@link definePolicy} returns it. */
export type Policy = z.infer<typeof policySchema>;
/** What {@link definePolicy} accepts: defaults may be left out. */
export type PolicyInput = z.input<typeof policySchema>;
