import type { LineItem } from '../model/schemas.js';
import { type Ratio, requireRatio } from '../money/rounding.js';
import { ensurePolicy } from './define-policy.js';
import type {
  CustomerScope,
  EvidenceKind,
  Exclusion,
  LocalisedText,
  Policy,
  ProductScope,
  ReasonBasis,
  WindowOverride,
} from './policy-schema.js';

/** Customer facts as the engine reads them (see `CustomerFacts`). */
export interface CustomerView {
  tags: ReadonlySet<string>;
  lifetimeOrders: number | null;
}

/** A product scope made ready to match: lower-cased sets, built once per policy. */
export interface ProductMatcher {
  matches(line: LineItem): boolean;
}

/** A leaf or parent reason, with what evaluation needs. */
export interface CompiledReason {
  code: string;
  leaf: boolean;
  basis: ReasonBasis | null;
  evidence: readonly EvidenceKind[];
  label: LocalisedText | null;
  /** The codes of this reason and of its parents. */
  lineage: ReadonlySet<string>;
}

export interface CompiledOverride {
  rule: WindowOverride;
  products: ProductMatcher | null;
  customers: CustomerScope | null;
  customerTags: ReadonlySet<string> | null;
}

export interface CompiledExclusion {
  rule: Exclusion;
  products: ProductMatcher | null;
  minimumDiscount: Ratio | null;
}

/** Everything evaluation derives from a policy, computed once and cached per policy object. */
export interface CompiledPolicy {
  policy: Policy;
  reasons: ReadonlyMap<string, CompiledReason>;
  overrides: readonly CompiledOverride[];
  exclusions: readonly CompiledExclusion[];
  restocking: readonly { id: string; percent: string | number; products: ProductMatcher | null }[];
  waivers: readonly {
    rule: Policy['fees']['waivers'][number];
    reasons: ReadonlySet<string> | null;
    customerTags: ReadonlySet<string> | null;
  }[];
  excludedOrderTags: ReadonlySet<string> | null;
  excludedDiscountCodes: ReadonlySet<string> | null;
  countries: ReadonlySet<string> | null;
}

const lower = (values: readonly string[] | undefined): Set<string> | null =>
  values === undefined ? null : new Set(values.map((value) => value.toLowerCase()));

function productMatcher(scope: ProductScope | undefined): ProductMatcher | null {
  if (scope === undefined) return null;
  const tags = lower(scope.tags);
  const types = lower(scope.productTypes);
  const vendors = lower(scope.vendors);
  const categories = lower(scope.categories);
  const skus = scope.skus === undefined ? null : new Set(scope.skus);
  const productIds = scope.productIds === undefined ? null : new Set(scope.productIds);
  const any = (set: Set<string> | null, values: readonly string[]) => {
    if (set === null) return false;
    for (const value of values) if (set.has(value.toLowerCase())) return true;
    return false;
  };
  return {
    matches(line) {
      const product = line.product;
      return (
        any(tags, product.tags) ||
        any(categories, product.categories) ||
        (types !== null && product.type != null && types.has(product.type.toLowerCase())) ||
        (vendors !== null && product.vendor != null && vendors.has(product.vendor.toLowerCase())) ||
        (skus !== null && line.sku != null && skus.has(line.sku)) ||
        (productIds !== null && line.productId != null && productIds.has(line.productId))
      );
    },
  };
}

/** True when the customer fits the scope; unknown facts never match. */
export function matchesCustomer(
  scope: CustomerScope,
  tags: ReadonlySet<string> | null,
  customer: CustomerView,
): boolean {
  if (tags !== null) {
    let found = false;
    for (const tag of tags) if (customer.tags.has(tag)) found = true;
    if (!found) return false;
  }
  if (scope.minimumLifetimeOrders !== undefined) {
    if (customer.lifetimeOrders === null || customer.lifetimeOrders < scope.minimumLifetimeOrders) return false;
  }
  return true;
}

const cache = new WeakMap<object, CompiledPolicy>();

function compile(policy: Policy): CompiledPolicy {
  const reasons = new Map<string, CompiledReason>();
  const walk = (nodes: Policy['reasons'], parents: readonly string[]) => {
    for (const node of nodes) {
      const lineage = [...parents, node.code];
      reasons.set(node.code, {
        code: node.code,
        leaf: node.children === undefined,
        basis: node.basis ?? null,
        evidence: node.evidence ?? [],
        label: node.label ?? null,
        lineage: new Set(lineage),
      });
      if (node.children !== undefined) walk(node.children, lineage);
    }
  };
  walk(policy.reasons, []);
  return {
    policy,
    reasons,
    overrides: policy.windowOverrides.map((rule) => ({
      rule,
      products: productMatcher(rule.products),
      customers: rule.customers ?? null,
      customerTags: lower(rule.customers?.tags),
    })),
    exclusions: policy.exclusions.map((rule) => ({
      rule,
      products: productMatcher(rule.products),
      minimumDiscount:
        rule.minimumDiscountPercent === undefined
          ? null
          : requireRatio(rule.minimumDiscountPercent, 'minimumDiscountPercent'),
    })),
    restocking: policy.fees.restocking.map((rule) => ({
      id: rule.id,
      percent: rule.percent,
      products: productMatcher(rule.products),
    })),
    waivers: policy.fees.waivers.map((rule) => ({
      rule,
      reasons: rule.reasons === undefined ? null : new Set(rule.reasons),
      customerTags: lower(rule.customers?.tags),
    })),
    excludedOrderTags: lower(policy.limits.excludedOrderTags),
    excludedDiscountCodes: lower(policy.limits.excludedDiscountCodes),
    countries: policy.limits.countries === undefined ? null : new Set(policy.limits.countries),
  };
}

/** The compiled form of a policy, built on first use and cached for the life of the policy object. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const cached = cache.get(policy);
  if (cached !== undefined) return cached;
  const compiled = compile(ensurePolicy(policy));
  cache.set(policy, compiled);
  return compiled;
}
