import { z } from 'zod';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import {
  type Basket,
  buildCoPurchaseModel,
  coPurchaseScores,
  parseBaskets,
  rankBlend,
  timeOfBasket,
} from './co-purchase-model.js';

const evaluateOptionsSchema = z.object({
  /** Cut-offs reported. @default [5, 10] */
  k: z.array(z.number().int().positive()).min(1).default([5, 10]),
  /** Popularity weights tried (0 is item-to-item alone, 1 is popularity alone). */
  popularityWeights: z.array(z.number().min(0).max(1)).min(1).default([0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]),
  /** Leave out what the customer owns, as the recommender would in a shop. @default true */
  excludeOwned: z.boolean().default(true),
  /** Neighbours kept per item. @default 50 */
  neighbours: z.number().int().positive().default(50),
});
export type EvaluateCrossSellOptions = z.input<typeof evaluateOptionsSchema>;

/** Hit rates at each k (the share of held-out baskets with at least one recommended item). */
export type HitRates = Record<number, number>;

/** What {@link evaluateCrossSell} measured. */
export interface CrossSellEvaluation {
  /** Customers whose last basket was held out (those with two baskets or more). */
  customers: number;
  baskets: number;
  items: number;
  k: number[];
  excludeOwned: boolean;
  /** Share of held-out baskets with an item the customer did not own before: the most a recommender that leaves owned items out can hit. */
  newItemShare: number;
  /** The baseline: the most popular items (always reported). */
  popularity: HitRates;
  /** Item-to-item alone (popularity only breaks ties). */
  itemToItem: HitRates;
  /** Every weight tried, on the test baskets. */
  blends: Array<{ popularityWeight: number; hitRate: HitRates }>;
  /**
   * The weight chosen on a validation split (each customer's second-to-last basket, with a model that
   * never saw the last two), and its hit rates on the test baskets. Null when no customer has three
   * baskets.
   */
  tuned: { popularityWeight: number; validationHitRate: number; hitRate: HitRates } | null;
}

interface CustomerBaskets {
  customerId: string;
  baskets: Array<{ basketId: string; at: number; items: string[] }>;
}

function groupByCustomer(baskets: readonly Basket[]): CustomerBaskets[] {
  const groups = new Map<string, CustomerBaskets>();
  for (const basket of parseBaskets(baskets)) {
    let group = groups.get(basket.customerId);
    if (!group) {
      group = { customerId: basket.customerId, baskets: [] };
      groups.set(basket.customerId, group);
    }
    group.baskets.push({ basketId: basket.basketId, at: timeOfBasket(basket.at), items: [...new Set(basket.items)] });
  }
  for (const group of groups.values()) {
    group.baskets.sort((left, right) => left.at - right.at || left.basketId.localeCompare(right.basketId));
  }
  return [...groups.values()];
}

/** Hit rates for each weight when the `heldOut`-th basket from the end is held out (1: the last). */
function holdOut(
  groups: CustomerBaskets[],
  heldOut: number,
  weights: number[],
  ks: number[],
  options: { excludeOwned: boolean; neighbours: number },
): { evaluated: number; newItems: number; hits: Map<number, Map<number, number>> } {
  const training: Basket[] = [];
  const cases: Array<{ history: Set<string>; target: Set<string> }> = [];
  for (const group of groups) {
    const cut = group.baskets.length - heldOut;
    // Baskets after the held-out one are never seen; customers too short to hold out only train.
    const known = group.baskets.slice(0, Math.max(0, cut));
    for (const basket of known) training.push({ customerId: group.customerId, ...basket });
    if (cut >= 1) {
      const history = new Set(known.flatMap((basket) => basket.items));
      cases.push({ history, target: new Set((group.baskets[cut] as { items: string[] }).items) });
    }
  }
  const hits = new Map(weights.map((weight) => [weight, new Map(ks.map((k) => [k, 0]))]));
  let newItems = 0;
  if (cases.length === 0) return { evaluated: 0, newItems, hits };
  const model = buildCoPurchaseModel(training, { neighbours: options.neighbours });
  const largestK = Math.max(...ks);
  for (const { history, target } of cases) {
    if ([...target].some((item) => !history.has(item))) newItems++;
    const scores = coPurchaseScores(model, history);
    const excluded = (item: string): boolean => options.excludeOwned && history.has(item);
    for (const weight of weights) {
      const ranked = rankBlend(model, scores, { k: largestK, popularityWeight: weight, excluded });
      const perK = hits.get(weight) as Map<number, number>;
      for (const k of ks) {
        if (ranked.slice(0, k).some((recommendation) => target.has(recommendation.item))) {
          perK.set(k, (perK.get(k) ?? 0) + 1);
        }
      }
    }
  }
  return { evaluated: cases.length, newItems, hits };
}

function rates(hits: Map<number, number>, evaluated: number): HitRates {
  const result: HitRates = {};
  for (const [k, count] of hits) result[k] = evaluated === 0 ? 0 : count / evaluated;
  return result;
}

/**
 * Offline evaluation of cross-sell: each customer's last basket is held out, the model learns from
 * everything else, and a hit is a held-out basket containing at least one of the top k items
 * recommended from the customer's earlier items. The popularity baseline is always reported beside
 * item-to-item and every blend, and the blend weight is tuned on a separate validation split (the
 * second-to-last baskets) so the reported test numbers are not tuned on the test itself.
 */
export function evaluateCrossSell(
  baskets: readonly Basket[],
  options: EvaluateCrossSellOptions = {},
): CrossSellEvaluation {
  const parsed = evaluateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'cross-sell evaluation options' });
  }
  const { k: ks, excludeOwned, neighbours } = parsed.data;
  const weights = [...new Set([0, 1, ...parsed.data.popularityWeights])].sort((a, b) => a - b);
  const groups = groupByCustomer(baskets);
  const test = holdOut(groups, 1, weights, ks, { excludeOwned, neighbours });
  if (test.evaluated === 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message:
        'No customer has two baskets or more, so there is nothing to hold out; give baskets with customer ids that repeat.',
    });
  }
  const firstK = ks[0] as number;
  const validation = holdOut(groups, 2, weights, [firstK], { excludeOwned, neighbours });
  let tuned: CrossSellEvaluation['tuned'] = null;
  if (validation.evaluated > 0) {
    let best = weights[0] as number;
    let bestHits = -1;
    for (const weight of weights) {
      const count = validation.hits.get(weight)?.get(firstK) ?? 0;
      if (count > bestHits) {
        best = weight;
        bestHits = count;
      }
    }
    tuned = {
      popularityWeight: best,
      validationHitRate: bestHits / validation.evaluated,
      hitRate: rates(test.hits.get(best) as Map<number, number>, test.evaluated),
    };
  }
  const items = new Set<string>();
  let basketCount = 0;
  for (const group of groups) {
    for (const basket of group.baskets) {
      basketCount++;
      for (const item of basket.items) items.add(item);
    }
  }
  return {
    customers: test.evaluated,
    baskets: basketCount,
    items: items.size,
    k: ks,
    excludeOwned,
    newItemShare: test.newItems / test.evaluated,
    popularity: rates(test.hits.get(1) as Map<number, number>, test.evaluated),
    itemToItem: rates(test.hits.get(0) as Map<number, number>, test.evaluated),
    blends: weights.map((weight) => ({
      popularityWeight: weight,
      hitRate: rates(test.hits.get(weight) as Map<number, number>, test.evaluated),
    })),
    tuned,
  };
}
