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
  /** The customer's tags, lower-cased. */
  tags: readonly string[];
  lifetimeOrders: number | null;
}

/** A product scope made ready to match: lower-cased sets, built once per policy. */
export interface ProductMatcher {
  matches(line: LineItem): boolean;
  /** The scope's place in its policy's {@link ProductIndex}. */
  index: number;
}

/** Which of a policy's product scopes a line matches, by {@link ProductMatcher.index}. */
export type ProductMatches = readonly boolean[];

/**
 * Every product scope of a policy in one index, by lower-cased value: a line is looked up once
 * for all of them, instead of once per scope.
 */
export interface ProductIndex {
  match(line: LineItem): ProductMatches;
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
  /** The scope's tags, lower-cased, each once. */
  customerTags: readonly string[] | null;
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
  /** Every product scope below, for matching a line against all of them at once. */
  products: ProductIndex;
  overrides: readonly CompiledOverride[];
  exclusions: readonly CompiledExclusion[];
  restocking: readonly { id: string; percent: string | number; products: ProductMatcher | null }[];
  waivers: readonly {
    rule: Policy['fees']['waivers'][number];
    reasons: ReadonlySet<string> | null;
    customerTags: readonly string[] | null;
    /** Which fees the waiver covers. */
    waives: Readonly<Record<'return_shipping' | 'restocking', boolean>>;
  }[];
  excludedOrderTags: ReadonlySet<string> | null;
  excludedDiscountCodes: ReadonlySet<string> | null;
  countries: ReadonlySet<string> | null;
}

const lower = (values: readonly string[] | undefined): Set<string> | null =>
  values === undefined ? null : new Set(values.map((value) => value.toLowerCase()));
const lowerList = (values: readonly string[] | undefined): string[] | null => {
  const set = lower(values);
  return set === null ? null : [...set];
};

/** Scope indexes by value of one product field; values are compared lower-cased when `fold`. */
class FieldIndex {
  private readonly byValue = new Map<string, number[]>();
  /** What a value as written on a line finds, so each distinct value is lower-cased once. */
  private readonly seen = new Map<string, readonly number[] | null>();
  private readonly fold: boolean;

  constructor(fold: boolean) {
    this.fold = fold;
  }

  add(values: readonly string[] | undefined, index: number): void {
    for (const value of values ?? []) {
      const key = this.fold ? value.toLowerCase() : value;
      const list = this.byValue.get(key) ?? [];
      if (!list.includes(index)) list.push(index);
      this.byValue.set(key, list);
    }
  }

  find(value: string): readonly number[] | null {
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    const found = this.byValue.get(this.fold ? value.toLowerCase() : value) ?? null;
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.set(value, found);
    return found;
  }
}

/** Builds a policy's {@link ProductIndex} as its scopes are compiled. */
class ProductIndexBuilder implements ProductIndex {
  /** One `false` per scope: what a line that matches no scope gets. */
  private readonly none: boolean[] = [];
  private readonly tags = new FieldIndex(true);
  private readonly categories = new FieldIndex(true);
  private readonly types = new FieldIndex(true);
  private readonly vendors = new FieldIndex(true);
  private readonly skus = new FieldIndex(false);
  private readonly productIds = new FieldIndex(false);

  add(scope: ProductScope): number {
    const index = this.none.length;
    this.none.push(false);
    this.tags.add(scope.tags, index);
    this.categories.add(scope.categories, index);
    this.types.add(scope.productTypes, index);
    this.vendors.add(scope.vendors, index);
    this.skus.add(scope.skus, index);
    this.productIds.add(scope.productIds, index);
    return index;
  }

  match(line: LineItem): ProductMatches {
    let matched: boolean[] | null = null;
    const product = line.product;
    for (const tag of product.tags) matched = mark(matched, this.none, this.tags.find(tag));
    for (const category of product.categories) matched = mark(matched, this.none, this.categories.find(category));
    if (product.type != null) matched = mark(matched, this.none, this.types.find(product.type));
    if (product.vendor != null) matched = mark(matched, this.none, this.vendors.find(product.vendor));
    if (line.sku != null) matched = mark(matched, this.none, this.skus.find(line.sku));
    if (line.productId != null) matched = mark(matched, this.none, this.productIds.find(line.productId));
    return matched ?? this.none;
  }
}

/** Marks the scopes found, in a copy of `none` made on the first mark. */
function mark(
  matched: boolean[] | null,
  none: readonly boolean[],
  indexes: readonly number[] | null,
): boolean[] | null {
  if (indexes === null) return matched;
  const marked = matched ?? none.slice();
  for (const index of indexes) marked[index] = true;
  return marked;
}

function productMatcher(scope: ProductScope | undefined, index: ProductIndexBuilder): ProductMatcher | null {
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
    index: index.add(scope),
  };
}

/** True when the customer fits the scope; unknown facts never match. */
export function matchesCustomer(scope: CustomerScope, tags: readonly string[] | null, customer: CustomerView): boolean {
  if (tags !== null) {
    let found = false;
    for (const tag of tags) {
      if (customer.tags.includes(tag)) {
        found = true;
        break;
      }
    }
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
  const products = new ProductIndexBuilder();
  return {
    policy,
    reasons,
    products,
    overrides: policy.windowOverrides.map((rule) => ({
      rule,
      products: productMatcher(rule.products, products),
      customers: rule.customers ?? null,
      customerTags: lowerList(rule.customers?.tags),
    })),
    exclusions: policy.exclusions.map((rule) => ({
      rule,
      products: productMatcher(rule.products, products),
      minimumDiscount:
        rule.minimumDiscountPercent === undefined
          ? null
          : requireRatio(rule.minimumDiscountPercent, 'minimumDiscountPercent'),
    })),
    restocking: policy.fees.restocking.map((rule) => ({
      id: rule.id,
      percent: rule.percent,
      products: productMatcher(rule.products, products),
    })),
    waivers: policy.fees.waivers.map((rule) => ({
      rule,
      reasons: rule.reasons === undefined ? null : new Set(rule.reasons),
      waives: { return_shipping: rule.fees.includes('return_shipping'), restocking: rule.fees.includes('restocking') },
      customerTags: lowerList(rule.customers?.tags),
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
