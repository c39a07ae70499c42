import { AftersaleError, type Money } from '@aftersale/core';

/** One item of the order a credit fee goes on: its net amount and its tax rate in percent. */
export interface ExchangeFeeItem {
  net: Money;
  /** Percent (19 for 19 %); 0 or `null` for an untaxed item. */
  ratePercent: number | null;
}

/** Rounds `numerator / denominator` (big integers, positive denominator, numerator ≥ 0). */
function roundBig(numerator: bigint, denominator: bigint, halfDown: boolean): bigint {
  const floor = numerator / denominator;
  const rest = numerator - floor * denominator;
  return (halfDown ? rest * 2n > denominator : rest * 2n >= denominator) ? floor + 1n : floor;
}

const scale = 10_000n;

/**
 * The net amount of a taxable negative fee (an exchange credit) worth `gross` tax included, on an
 * order with these items. WooCommerce taxes a negative fee by the order items' tax rates in proportion
 * to their net amounts and rounds each rate's tax (`WC_Order_Item_Fee::calculate_taxes`; half down when
 * the shop's prices include tax, half up otherwise), so the credit reduces the tax of the new items as
 * it reduces their price. The net returned (positive: the fee's `total` is its negative) is the one
 * whose WooCommerce tax brings the fee to exactly `gross`; where rounding allows no such amount, the
 * nearest one (the fee is then a minor unit off, and the order's own total says what is due).
 *
 * @throws AftersaleError `invalid_input` for a negative `gross` or items in another currency.
 */
export function exchangeCreditFeeNet(
  gross: Money,
  items: readonly ExchangeFeeItem[],
  options: { pricesIncludeTax: boolean },
): Money {
  if (gross.amount < 0 || items.some((item) => item.net.currency !== gross.currency)) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: 'An exchange credit must be zero or more and in the order currency.',
    });
  }
  const costs = new Map<bigint, bigint>();
  let totalCost = 0n;
  for (const item of items) {
    const rate = BigInt(Math.round((item.ratePercent ?? 0) * Number(scale)));
    const net = BigInt(Math.max(0, item.net.amount));
    costs.set(rate, (costs.get(rate) ?? 0n) + net);
    totalCost += net;
  }
  const target = BigInt(gross.amount);
  if (totalCost === 0n || target === 0n) return gross;
  const taxOf = (net: bigint): bigint => {
    let tax = 0n;
    for (const [rate, cost] of costs) {
      if (rate === 0n || cost === 0n) continue;
      tax += roundBig(net * cost * rate, totalCost * 100n * scale, options.pricesIncludeTax);
    }
    return tax;
  };
  // The first guess takes the items' own gross-to-net ratio.
  let grossCost = 0n;
  for (const [rate, cost] of costs) grossCost += cost * (100n * scale + rate);
  const guess = roundBig(target * totalCost * 100n * scale, grossCost, false);
  for (const step of [0n, -1n, 1n, -2n, 2n, -3n, 3n]) {
    const net = guess + step;
    if (net >= 0n && net + taxOf(net) === target) return { amount: Number(net), currency: gross.currency };
  }
  return { amount: Number(guess), currency: gross.currency };
}
