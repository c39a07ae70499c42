import { type Money, subtract, zero } from '../../money/money.js';
import { divideRounded } from '../../money/rounding.js';

const dayMs = 86_400_000;

/** Running totals of one currency: kept exact, in minor units. */
export interface CurrencyTotals {
  currency: string;
  /** Orders placed in this currency (cancelled ones left out). */
  orders: number;
  /** What the customer was charged (order totals). */
  gross: Money;
  /** Everything refunded on those orders. */
  refunded: Money;
  /** The part of `refunded` paid back for returned items (refund lines restocked as returns). */
  returned: Money;
}

/**
 * The running totals a profile keeps, updated by each order, refund, complaint or feedback as it
 * arrives (added, or taken out and added again when a record changes). Metrics are read from them.
 */
export interface HistoryAggregates {
  orderCount: number;
  cancelledOrderCount: number;
  /** Epoch milliseconds of the first and last (non-cancelled) orders. */
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Units bought and units returned (refund lines restocked as returns). */
  units: number;
  returnedUnits: number;
  spend: Map<string, CurrencyTotals>;
  complaintCount: number;
  csatSum: number;
  csatCount: number;
}

/** Empty totals. */
export function emptyAggregates(): HistoryAggregates {
  return {
    orderCount: 0,
    cancelledOrderCount: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    units: 0,
    returnedUnits: 0,
    spend: new Map(),
    complaintCount: 0,
    csatSum: 0,
    csatCount: 0,
  };
}

/** Spend in one currency. */
export interface CurrencySpend {
  currency: string;
  orderCount: number;
  /** What the customer was charged. */
  grossSpend: Money;
  /** Refunded, returns included. */
  refunded: Money;
  /** Gross less refunds (returns included). */
  netSpend: Money;
  /** Gross spend ÷ orders, rounded half-up to the minor unit. */
  averageOrderValue: Money;
  /** Paid back for returned items. */
  returnedValue: Money;
}

/**
 * What a profile's history says about the customer. Money is per currency (`spend`), and the
 * top-level amounts are those of the currency the customer ordered in most (ties: the first seen).
 */
export interface CustomerMetrics {
  /** Orders placed, cancelled ones left out. */
  orderCount: number;
  cancelledOrderCount: number;
  /** The currency of the top-level amounts; null without orders. */
  currency: string | null;
  grossSpend: Money | null;
  netSpend: Money | null;
  refunded: Money | null;
  averageOrderValue: Money | null;
  /** Every currency the customer ordered in, most orders first. */
  spend: CurrencySpend[];
  /** ISO timestamps of the first and last orders. */
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  /** (last − first) ÷ (orders − 1) in days; null with fewer than two orders. */
  averageDaysBetweenOrders: number | null;
  /** Whole days from the last order to `now`. */
  daysSinceLastOrder: number | null;
  unitsPurchased: number;
  unitsReturned: number;
  /** Units returned ÷ units bought; null without units. */
  returnRateUnits: number | null;
  /** Value returned ÷ gross spend, in the main currency; null without spend. */
  returnRateValue: number | null;
  complaintCount: number;
  /** Complaints ÷ orders; null without orders. */
  complaintRate: number | null;
  feedbackCount: number;
  /** Mean CSAT (1 to 5); null without feedback. */
  averageCsat: number | null;
}

function currencySpend(totals: CurrencyTotals): CurrencySpend {
  return {
    currency: totals.currency,
    orderCount: totals.orders,
    grossSpend: totals.gross,
    refunded: totals.refunded,
    netSpend: subtract(totals.gross, totals.refunded),
    averageOrderValue:
      totals.orders === 0
        ? zero(totals.currency)
        : {
            amount: Number(divideRounded(BigInt(totals.gross.amount), BigInt(totals.orders), 'half-up')),
            currency: totals.currency,
          },
    returnedValue: totals.returned,
  };
}

/** Reads the metrics from a profile's running totals, as of `now`. Work: one pass over its currencies. */
export function computeCustomerMetrics(aggregates: HistoryAggregates, options: { now: Date }): CustomerMetrics {
  const spend = [...aggregates.spend.values()]
    .filter((totals) => totals.orders > 0 || totals.refunded.amount !== 0)
    .map(currencySpend)
    .sort((left, right) => right.orderCount - left.orderCount);
  const main = spend[0] ?? null;
  const { orderCount, firstOrderAt, lastOrderAt } = aggregates;
  return {
    orderCount,
    cancelledOrderCount: aggregates.cancelledOrderCount,
    currency: main?.currency ?? null,
    grossSpend: main?.grossSpend ?? null,
    netSpend: main?.netSpend ?? null,
    refunded: main?.refunded ?? null,
    averageOrderValue: main?.averageOrderValue ?? null,
    spend,
    firstOrderAt: firstOrderAt === null ? null : new Date(firstOrderAt).toISOString(),
    lastOrderAt: lastOrderAt === null ? null : new Date(lastOrderAt).toISOString(),
    averageDaysBetweenOrders:
      orderCount >= 2 && firstOrderAt !== null && lastOrderAt !== null
        ? (lastOrderAt - firstOrderAt) / dayMs / (orderCount - 1)
        : null,
    daysSinceLastOrder:
      lastOrderAt === null ? null : Math.max(0, Math.floor((options.now.getTime() - lastOrderAt) / dayMs)),
    unitsPurchased: aggregates.units,
    unitsReturned: aggregates.returnedUnits,
    returnRateUnits: aggregates.units === 0 ? null : aggregates.returnedUnits / aggregates.units,
    returnRateValue:
      main === null || main.grossSpend.amount === 0 ? null : main.returnedValue.amount / main.grossSpend.amount,
    complaintCount: aggregates.complaintCount,
    complaintRate: orderCount === 0 ? null : aggregates.complaintCount / orderCount,
    feedbackCount: aggregates.csatCount,
    averageCsat: aggregates.csatCount === 0 ? null : aggregates.csatSum / aggregates.csatCount,
  };
}
