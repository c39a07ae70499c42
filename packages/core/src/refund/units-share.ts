import { type Money, money } from '../money/money.js';

/**
 * The part of `total` that belongs to units `start .. start + count - 1` of `quantity` units, when
 * `total` is split over the units with the largest-remainder method (equal weights, so the extra
 * minor units go to the earliest units, exactly as `allocate(total, [1, 1, ...])` does).
 *
 * Refunds take units in order: the first refund gets units 0.., the next the units after those.
 * Summed over every unit the parts give back `total` exactly, so partial refunds never drift.
 * Works in constant time and allocates nothing but the result.
 */
export function unitsShare(total: Money, quantity: number, start: number, count: number): Money {
  return unitsShareOf(total.amount, total.currency, quantity, start, count);
}

/** {@link unitsShare} of `total` minor units in `currency`. */
export function unitsShareOf(total: number, currency: string, quantity: number, start: number, count: number): Money {
  if (quantity <= 0 || count <= 0) return money(0, currency);
  const negative = total < 0;
  const safe = Number.isSafeInteger(total) && Number.isSafeInteger(quantity);
  if (safe && Number.isSafeInteger(start) && Number.isSafeInteger(count)) {
    // The same arithmetic on safe integers: `%` is exact, and so is dividing out the remainder.
    const amount = Math.abs(total);
    const extra = amount % quantity;
    const base = (amount - extra) / quantity;
    const end = Math.min(start + count, quantity);
    const first = Math.max(0, start);
    const share = base * (end - first) + Math.max(0, Math.min(end, extra) - first);
    return money(negative ? -share : share, currency);
  }
  const amount = BigInt(Math.abs(total));
  const units = BigInt(quantity);
  const base = amount / units;
  const extra = Number(amount % units);
  const end = Math.min(start + count, quantity);
  const first = Math.max(0, start);
  const withExtra = Math.max(0, Math.min(end, extra) - first);
  const share = base * BigInt(end - first) + BigInt(withExtra);
  return money(negative ? -share : share, currency);
}
