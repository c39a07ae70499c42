import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../../errors/aftersale-error.js';
import { createPurchaseHistory } from '../profiles/purchase-history.js';
import type { Basket } from './co-purchase-model.js';
import { evaluateCrossSell } from './evaluate-cross-sell.js';
import { parseBasketFile } from './parse-basket-file.js';
import { loadGenerateShop } from './shop-generator.test-support.js';

/** Customers who buy a family's first item with a popular bag, then its two companions in either order. */
function pairedBaskets(customers: number): Basket[] {
  const baskets: Basket[] = [];
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4_294_967_296;
  };
  for (let customer = 0; customer < customers; customer++) {
    const pair = Math.floor(next() * 20);
    const id = `c${customer}`;
    const [second, third] = next() < 0.5 ? [`Q${pair}`, `R${pair}`] : [`R${pair}`, `Q${pair}`];
    baskets.push({ customerId: id, basketId: `${id}-1`, at: 1, items: [`P${pair}`, 'BAG'] });
    baskets.push({ customerId: id, basketId: `${id}-2`, at: 2, items: [second] });
    baskets.push({ customerId: id, basketId: `${id}-3`, at: 3, items: [third] });
  }
  return baskets;
}

describe('evaluateCrossSell', () => {
  it('shows item-to-item beating popularity where co-purchase structure exists, with the baseline beside it', () => {
    const result = evaluateCrossSell(pairedBaskets(600), { k: [1, 3] });
    expect(result.customers).toBe(600);
    expect(result.newItemShare).toBe(1);
    expect(result.itemToItem[1]).toBeGreaterThan(0.9);
    expect(result.popularity[1]).toBeLessThan(0.2);
    expect(result.blends.find((blend) => blend.popularityWeight === 1)?.hitRate).toEqual(result.popularity);
    expect(result.blends.find((blend) => blend.popularityWeight === 0)?.hitRate).toEqual(result.itemToItem);
    expect(result.tuned?.popularityWeight).toBeLessThan(1);
    expect(result.tuned?.hitRate[1]).toBeGreaterThan(0.9);
  });

  it('runs on the shop generator data and reports every number beside the popularity baseline', async () => {
    const generateShop = await loadGenerateShop();
    const shop = generateShop({ seed: 7, customers: 300, orders: 2500 });
    const history = createPurchaseHistory({ shopId: 'generated' });
    for (const customer of shop.customers) history.addCustomer(customer);
    for (const order of shop.orders) history.addOrder(order);
    const result = evaluateCrossSell(history.baskets(), { k: [3, 5] });
    expect(result.customers).toBeGreaterThan(100);
    expect(result.items).toBeGreaterThan(10);
    for (const blend of result.blends) {
      expect(blend.hitRate[5]).toBeGreaterThanOrEqual(blend.hitRate[3] as number);
      expect(blend.hitRate[5]).toBeLessThanOrEqual(result.newItemShare);
    }
    expect(result.tuned).not.toBeNull();
    // The generator's baskets carry co-purchases: the tuned blend does at least as well as popularity.
    expect(result.tuned?.hitRate[3]).toBeGreaterThanOrEqual((result.popularity[3] as number) - 0.02);
  }, 60_000);

  it('needs customers with two baskets', () => {
    expect(() => evaluateCrossSell([{ customerId: 'a', basketId: '1', at: 1, items: ['X'] }])).toThrow(AftersaleError);
    expect(() => evaluateCrossSell(pairedBaskets(10), { k: [] })).toThrow(/k/);
  });
});

describe('parseBasketFile', () => {
  it('reads a CSV with customer, basket, item and time columns', () => {
    const baskets = parseBasketFile(
      [
        'customer_id;order_id;sku;date',
        'c1;o1;A;2026-01-02',
        'c1;o1;B;2026-01-02',
        '"c2";"o2";"C, large";05-01-2026',
      ].join('\n'),
    );
    expect(baskets).toEqual([
      { customerId: 'c1', basketId: 'o1', at: Date.parse('2026-01-02T00:00:00Z'), items: ['A', 'B'] },
      { customerId: 'c2', basketId: 'o2', at: Date.UTC(2026, 0, 5), items: ['C, large'] },
    ]);
  });

  it('groups a grocery file without basket ids by customer and day', () => {
    const text = [
      'Member_number,Date,itemDescription',
      '1808,21-07-2015,tropical fruit',
      '1808,21-07-2015,whole milk',
      '1808,05-09-2015,rolls/buns',
    ].join('\r\n');
    const baskets = parseBasketFile(text);
    expect(baskets.map((basket) => basket.items)).toEqual([['tropical fruit', 'whole milk'], ['rolls/buns']]);
    expect(evaluateCrossSell(baskets, { k: [1] }).customers).toBe(1);
  });

  it('names what is missing', () => {
    expect(() => parseBasketFile('')).toThrow(/empty/);
    expect(() => parseBasketFile('who,what\n1,2')).toThrow(/customer column/);
    expect(() => parseBasketFile('customer,item,date\n1,A,someday')).toThrow(/Line 2/);
    expect(() => parseBasketFile('customer,item\n1,')).toThrow(/Line 2/);
  });
});
