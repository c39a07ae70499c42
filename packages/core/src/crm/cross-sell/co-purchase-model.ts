import { z } from 'zod';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import { timestampSchema } from '../../model/schemas.js';

/** One basket: who bought it, which order, when, and the items (skus or product ids). */
export const basketSchema = z.object({
  customerId: z.string().min(1),
  basketId: z.string().min(1),
  /** Epoch milliseconds or an ISO 8601 timestamp with offset. */
  at: z.union([z.number().finite(), timestampSchema]),
  items: z.array(z.string().min(1)).min(1, 'a basket has at least one item'),
});
export type Basket = z.input<typeof basketSchema>;

/**
 * Item-to-item co-purchase similarities (Linden, Smith and York 2003, "Amazon.com recommendations:
 * item-to-item collaborative filtering"): two items are similar when the same customers bought both,
 * measured by the cosine of their customer vectors, co(i, j) / √(n_i · n_j). Popularity is the number
 * of customers who bought each item.
 */
export interface CoPurchaseModel {
  customerCount: number;
  /** Customers who bought each item. */
  popularity: ReadonlyMap<string, number>;
  /** The most similar items of each item, most similar first. */
  neighbours: ReadonlyMap<string, ReadonlyArray<{ item: string; similarity: number }>>;
  /** Items by popularity, most bought first (ties by id). */
  byPopularity: readonly string[];
}

/** Settings of {@link buildCoPurchaseModel}. */
export interface BuildCoPurchaseModelOptions {
  /** Neighbours kept per item. @default 50 */
  neighbours?: number;
  /** A customer's most recent distinct items counted, bounding the quadratic pair count. @default 200 */
  maximumItemsPerCustomer?: number;
}

export function timeOfBasket(at: number | string): number {
  return typeof at === 'number' ? at : Date.parse(at);
}

/** Validates baskets, throwing `invalid_input` with every path at fault. */
export function parseBaskets(baskets: readonly Basket[]): Array<z.infer<typeof basketSchema>> {
  const parsed = z.array(basketSchema).safeParse(baskets);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, {
      code: 'invalid_input',
      subject: 'baskets',
      hint: 'Each basket needs a customerId, a basketId, a time and at least one item.',
    });
  }
  return parsed.data;
}

/** Builds the co-purchase model from baskets (validated). Customers are the unit, as in the paper. */
export function buildCoPurchaseModel(
  baskets: readonly Basket[],
  options: BuildCoPurchaseModelOptions = {},
): CoPurchaseModel {
  const neighbourCount = options.neighbours ?? 50;
  const maximumItems = options.maximumItemsPerCustomer ?? 200;
  const perCustomer = new Map<string, Array<{ at: number; items: string[] }>>();
  for (const basket of parseBaskets(baskets)) {
    const list = perCustomer.get(basket.customerId) ?? [];
    list.push({ at: timeOfBasket(basket.at), items: basket.items });
    perCustomer.set(basket.customerId, list);
  }
  const popularity = new Map<string, number>();
  const coCounts = new Map<string, Map<string, number>>();
  for (const list of perCustomer.values()) {
    list.sort((left, right) => right.at - left.at);
    const items: string[] = [];
    const seen = new Set<string>();
    for (const { items: basketItems } of list) {
      for (const item of basketItems) {
        if (seen.has(item) || items.length >= maximumItems) continue;
        seen.add(item);
        items.push(item);
      }
    }
    for (const item of items) popularity.set(item, (popularity.get(item) ?? 0) + 1);
    for (let left = 0; left < items.length; left++) {
      const a = items[left] as string;
      let row = coCounts.get(a);
      if (!row) {
        row = new Map();
        coCounts.set(a, row);
      }
      for (let right = 0; right < items.length; right++) {
        if (left === right) continue;
        const b = items[right] as string;
        row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
  }
  const neighbours = new Map<string, Array<{ item: string; similarity: number }>>();
  for (const [item, row] of coCounts) {
    const base = popularity.get(item) ?? 1;
    const list = [...row]
      .map(([other, count]) => ({ item: other, similarity: count / Math.sqrt(base * (popularity.get(other) ?? 1)) }))
      .sort((left, right) => right.similarity - left.similarity || left.item.localeCompare(right.item))
      .slice(0, neighbourCount);
    neighbours.set(item, list);
  }
  const byPopularity = [...popularity.keys()].sort(
    (left, right) => (popularity.get(right) ?? 0) - (popularity.get(left) ?? 0) || left.localeCompare(right),
  );
  return { customerCount: perCustomer.size, popularity, neighbours, byPopularity };
}

/** Settings of {@link recommendItems}. */
export interface RecommendItemsOptions {
  /** What to recommend for: the basket in hand, or the customer's past items. */
  seedItems: Iterable<string>;
  /** What the customer already owns (left out when `excludeOwned`). @default the seed items */
  ownedItems?: Iterable<string>;
  /** How many. @default 5 */
  k?: number;
  /**
   * Weight of popularity in the blend, 0 (item-to-item only) to 1 (popularity only); each part is
   * scaled to 0..1 first. Items with no co-purchase evidence fall back to popularity.
   * @default 0.25
   */
  popularityWeight?: number;
  /** Leave out items the customer owns. @default true */
  excludeOwned?: boolean;
  /** Items bought again and again (coffee, socks) that may be recommended although owned. */
  repeatable?: (item: string) => boolean;
}

/** One recommendation, with the two parts of its score. */
export interface Recommendation {
  item: string;
  score: number;
  /** Summed similarity to the seed items. */
  coPurchase: number;
  /** Customers who bought it. */
  popularity: number;
}

/** Candidate scores before blending: co-purchase evidence for the seed, computed once. */
export function coPurchaseScores(model: CoPurchaseModel, seedItems: Iterable<string>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const seed of new Set(seedItems)) {
    for (const { item, similarity } of model.neighbours.get(seed) ?? []) {
      scores.set(item, (scores.get(item) ?? 0) + similarity);
    }
  }
  return scores;
}

/** Ranks candidates by the blend; used by {@link recommendItems} and the evaluation. */
export function rankBlend(
  model: CoPurchaseModel,
  scores: ReadonlyMap<string, number>,
  options: { k: number; popularityWeight: number; excluded: (item: string) => boolean },
): Recommendation[] {
  const { k, popularityWeight, excluded } = options;
  let maximumScore = 0;
  for (const value of scores.values()) if (value > maximumScore) maximumScore = value;
  const maximumPopularity = model.popularity.get(model.byPopularity[0] ?? '') ?? 1;
  const candidates = new Set<string>();
  for (const item of scores.keys()) if (!excluded(item)) candidates.add(item);
  // Enough popular items to fill k whatever is excluded.
  let added = 0;
  for (const item of model.byPopularity) {
    if (added >= k) break;
    if (excluded(item)) continue;
    candidates.add(item);
    added++;
  }
  const ranked: Recommendation[] = [];
  for (const item of candidates) {
    const coPurchase = scores.get(item) ?? 0;
    const popularity = model.popularity.get(item) ?? 0;
    const score =
      (1 - popularityWeight) * (maximumScore > 0 ? coPurchase / maximumScore : 0) +
      popularityWeight * (popularity / maximumPopularity);
    ranked.push({ item, score, coPurchase, popularity });
  }
  ranked.sort(
    (left, right) =>
      right.score - left.score || right.popularity - left.popularity || left.item.localeCompare(right.item),
  );
  return ranked.slice(0, k);
}

const recommendOptionsSchema = z.object({
  k: z.number().int().positive().default(5),
  popularityWeight: z.number().min(0).max(1).default(0.25),
  excludeOwned: z.boolean().default(true),
});

/**
 * "Frequently bought together": the items most co-purchased with the seed, blended with popularity.
 *
 * @example
 * ```ts
 * const model = buildCoPurchaseModel(history.baskets());
 * recommendItems(model, { seedItems: ['PHONE-CASE'], k: 3 });
 * ```
 */
export function recommendItems(model: CoPurchaseModel, options: RecommendItemsOptions): Recommendation[] {
  const parsed = recommendOptionsSchema.safeParse({
    k: options.k,
    popularityWeight: options.popularityWeight,
    excludeOwned: options.excludeOwned,
  });
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'recommendation options' });
  }
  const seed = [...options.seedItems];
  const owned = new Set(options.ownedItems ?? seed);
  for (const item of seed) owned.add(item);
  const repeatable = options.repeatable ?? (() => false);
  const excluded = (item: string): boolean => parsed.data.excludeOwned && owned.has(item) && !repeatable(item);
  return rankBlend(model, coPurchaseScores(model, seed), {
    k: parsed.data.k,
    popularityWeight: parsed.data.popularityWeight,
    excluded,
  });
}
