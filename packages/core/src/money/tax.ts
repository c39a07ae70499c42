import { AftersaleError } from '../errors/aftersale-error.js';
import { allocate } from './allocate.js';
import { type Money, money, subtract, sum } from './money.js';
import { cachedRatio, divideRounded, type Ratio, type RoundingMode } from './rounding.js';

/** A tax rate as a decimal fraction: `0.18` is 18 %. `id` and `title` are carried through. */
export interface TaxRate {
  rate: number | string;
  id?: string;
  title?: string;
}

export interface TaxPortion {
  rate: TaxRate;
  amount: Money;
}

/** An amount split into net, the tax of each rate, and gross; `net + Σ taxes = gross` exactly. */
export interface TaxBreakdown {
  net: Money;
  taxes: TaxPortion[];
  gross: Money;
}

function readRates(rates: readonly TaxRate[]): Ratio[] {
  return rates.map((rate, index) => {
    const ratio = cachedRatio(rate.rate, `Tax rate ${index}`);
    if (ratio.numerator < 0n) {
      throw new AftersaleError({ code: 'invalid_input', message: `Tax rate ${index} is negative (${rate.rate}).` });
    }
    return ratio;
  });
}

/**
 * Tax on a tax-exclusive (net) amount: each rate's tax is `net × rate`, rounded per rate with
 * `rounding`; the gross is the net plus every tax.
 * @example addTax(money(10000, 'TRY'), [{ rate: 0.2 }], 'half-up') // net 100, tax 20, gross 120
 */
export function addTax(net: Money, rates: readonly TaxRate[], rounding: RoundingMode): TaxBreakdown {
  const ratios = readRates(rates);
  const taxes = rates.map((rate, index) => {
    const ratio = ratios[index] as Ratio;
    return {
      rate,
      amount: money(divideRounded(BigInt(net.amount) * ratio.numerator, ratio.denominator, rounding), net.currency),
    };
  });
  return { net, taxes, gross: sum([net, ...taxes.map((tax) => tax.amount)], net.currency) };
}

/**
 * Takes the tax out of a tax-inclusive (gross) amount: the total tax is
 * `gross × R / (1 + R)` for the sum R of the rates, rounded once with `rounding`, then split among
 * the rates in proportion to them (largest remainder), so the parts always add up to the gross.
 * @example extractTax(money(12000, 'TRY'), [{ rate: 0.2 }], 'half-up') // net 100, tax 20
 */
export function extractTax(gross: Money, rates: readonly TaxRate[], rounding: RoundingMode): TaxBreakdown {
  const ratios = readRates(rates);
  if (rates.length === 0) return { net: gross, taxes: [], gross };
  // R = Σ n_i / d_i, over a common denominator D.
  const denominator = ratios.reduce((d, ratio) => d * ratio.denominator, 1n);
  const numerator = ratios.reduce((n, ratio) => n + (ratio.numerator * denominator) / ratio.denominator, 0n);
  if (numerator === 0n) {
    return { net: gross, taxes: rates.map((rate) => ({ rate, amount: money(0, gross.currency) })), gross };
  }
  const totalTax = money(
    divideRounded(BigInt(gross.amount) * numerator, denominator + numerator, rounding),
    gross.currency,
  );
  const parts = allocate(
    totalTax,
    ratios.map((ratio) => ((ratio.numerator * denominator) / ratio.denominator).toString()),
  );
  return {
    net: subtract(gross, totalTax),
    taxes: rates.map((rate, index) => ({ rate, amount: parts[index] as Money })),
    gross,
  };
}
