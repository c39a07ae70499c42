import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { buildCoPurchaseModel, recommendItems } from './co-purchase-model.js';

const baskets = [
  { customerId: 'c1', basketId: 'o1', at: 1, items: ['A', 'B'] },
  { customerId: 'c2', basketId: 'o2', at: 2, items: ['A'] },
  { customerId: 'c2', basketId: 'o3', at: 3, items: ['B'] },
  { customerId: 'c3', basketId: 'o4', at: '2026-01-01T00:00:00Z', items: ['A', 'C'] },
  { customerId: 'c4', basketId: 'o5', at: 5, items: ['D'] },
];

describe('buildCoPurchaseModel', () => {
  it('computes cosine similarities over customers who bought both items', () => {
    const model = buildCoPurchaseModel(baskets);
    expect(model.customerCount).toBe(4);
    expect(Object.fromEntries(model.popularity)).toEqual({ A: 3, B: 2, C: 1, D: 1 });
    // c2 bought A and B in different orders: customers, not baskets, are the unit.
    const neighboursOfA = model.neighbours.get('A') ?? [];
    expect(neighboursOfA.map((entry) => entry.item)).toEqual(['B', 'C']);
    expect(neighboursOfA[0]?.similarity).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(neighboursOfA[1]?.similarity).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(model.neighbours.get('D')).toEqual([]);
    expect(model.byPopularity).toEqual(['A', 'B', 'C', 'D']);
  });

  it('rejects baskets without items, naming the path', () => {
    expect(() => buildCoPurchaseModel([{ customerId: 'c', basketId: 'b', at: 1, items: [] }])).toThrow(/\[0\]\.items/);
  });
});

describe('recommendItems', () => {
  const model = buildCoPurchaseModel(baskets);

  it('ranks co-purchased items first and leaves owned items out', () => {
    const ranked = recommendItems(model, { seedItems: ['A'], k: 3, popularityWeight: 0 });
    expect(ranked.map((entry) => entry.item)).toEqual(['B', 'C', 'D']);
    expect(ranked[2]).toMatchObject({ coPurchase: 0, popularity: 1 });
  });

  it('falls back to popularity for an item nobody bought with anything else', () => {
    expect(recommendItems(model, { seedItems: ['D'], k: 3 }).map((entry) => entry.item)).toEqual(['A', 'B', 'C']);
  });

  it('blends with popularity and may keep owned items that are bought again', () => {
    const popular = recommendItems(model, { seedItems: ['C'], k: 2, popularityWeight: 1 });
    expect(popular.map((entry) => entry.item)).toEqual(['A', 'B']);
    const withOwned = recommendItems(model, {
      seedItems: ['B'],
      ownedItems: ['B', 'A'],
      k: 2,
      popularityWeight: 0.5,
      repeatable: (item) => item === 'A',
    });
    expect(withOwned.map((entry) => entry.item)).toEqual(['A', 'C']);
    const everything = recommendItems(model, { seedItems: ['A'], k: 1, excludeOwned: false, popularityWeight: 1 });
    expect(everything.map((entry) => entry.item)).toEqual(['A']);
  });

  it('rejects a weight outside 0..1', () => {
    expect(() => recommendItems(model, { seedItems: ['A'], popularityWeight: 2 })).toThrow(AftersaleError);
  });
});
