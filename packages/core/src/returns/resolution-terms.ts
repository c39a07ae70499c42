import { AftersaleError } from '../errors/aftersale-error.js';
import { type Money, sum, zero } from '../money/money.js';
import type { ResolutionKind } from '../policy/policy-schema.js';
import type { LineDecision, ResolutionOption, ReturnDecision } from '../policy/return-decision.js';
import type { ExchangeSettlement } from '../spec/commerce-adapter.js';

/**
 * What the policy decision says about a case's resolutions: which are offered, the store-credit
 * bonus, the exchange settlement, and the reason a platform return is declined for. Pure.
 */

/** The decline reasons a platform return takes (`ReturnOperations.decline`). */
export type PlatformDeclineReason = 'final_sale' | 'return_period_ended' | 'other';

const periodEnded = new Set(['voluntary.window_closed', 'withdrawal.period_ended', 'defect.period_ended']);

/**
 * Why the platform return is declined, from the decision: `final_sale` when a line is excluded as a
 * final sale, `return_period_ended` when every refused line is refused for its period, else `other`
 * (a staff decline of a returnable request included).
 */
export function platformDeclineReason(decision: ReturnDecision): PlatformDeclineReason {
  const refused = decision.lines.filter((line) => !line.eligible);
  if (refused.length === 0) return 'other';
  const finalSale = refused.some((line) =>
    line.messages.some(
      (message) =>
        message.code === 'voluntary.excluded' && (message.params as { exclusion?: string }).exclusion === 'final_sale',
    ),
  );
  if (finalSale) return 'final_sale';
  const expired = refused.every((line) => line.messages.some((message) => periodEnded.has(message.code)));
  return expired ? 'return_period_ended' : 'other';
}

/**
 * The resolution option of `kind` for every returnable line of the case, or a `resolution_not_offered`
 * error naming the lines the policy does not offer it for.
 */
export function offeredResolution(
  decision: ReturnDecision,
  lineItemIds: readonly string[],
  kind: ResolutionKind,
  caseId: string,
): { line: LineDecision; option: ResolutionOption }[] {
  const lines = decision.lines.filter((line) => line.eligible && lineItemIds.includes(line.lineItemId));
  const missing = lines.filter((line) => !line.resolutions.some((option) => option.kind === kind));
  if (lines.length === 0 || missing.length > 0) {
    throw new AftersaleError({
      code: 'resolution_not_offered',
      message: `Return case ${caseId}: the policy does not offer ${kind.replace('_', ' ')} for ${lines.length === 0 ? 'any line of the case (none is returnable)' : `line(s) ${missing.map((line) => line.lineItemId).join(', ')}`}; resolve it with a resolution the decision offers (decision.lines[].resolutions).`,
      details: { caseId, resolution: kind, lines: missing.map((line) => line.lineItemId) },
    });
  }
  return lines.map((line) => ({
    line,
    option: line.resolutions.find((option) => option.kind === kind) as ResolutionOption,
  }));
}

/** The store-credit bonus the policy grants for these lines (zero when it grants none). */
export function storeCreditBonus(offers: readonly { option: ResolutionOption }[], currency: string): Money {
  return sum(
    offers.map((offer) => offer.option.bonus ?? zero(currency)),
    currency,
  );
}

/**
 * How an exchange's price difference is settled under the policy's exchange terms:
 * `customer_pays` charges it; `merchant_absorbs` waives it when the difference is within `absorbUpTo`
 * (or there is no limit) and charges it otherwise; a negative difference is always refunded.
 * `expectedDifference` (new items minus returned value) overrides the decision's, which is known only
 * when the request gave `exchangePrice`. An unknown difference under a limit is an `invalid_input`
 * error: the settlement cannot be chosen without it.
 */
export function exchangeSettlement(
  offers: readonly { option: ResolutionOption }[],
  currency: string,
  expectedDifference: Money | null,
  caseId: string,
): { settlement: ExchangeSettlement; difference: Money | null } {
  const terms = offers.map((offer) => offer.option.priceDifference);
  const first = terms[0];
  if (!first) {
    throw new AftersaleError({
      code: 'resolution_not_offered',
      message: `Return case ${caseId}: the decision has no exchange terms; the policy must enable exchanges.`,
      details: { caseId, resolution: 'exchange' },
    });
  }
  if (expectedDifference && expectedDifference.currency !== currency) {
    throw new AftersaleError({
      code: 'currency_mismatch',
      message: `Return case ${caseId}: expectedDifference is in ${expectedDifference.currency}, the order in ${currency}; give it in the order's currency.`,
      details: { caseId },
    });
  }
  const known = terms.every((term) => term?.difference != null);
  const difference =
    expectedDifference ??
    (known
      ? sum(
          terms.map((term) => term?.difference ?? zero(currency)),
          currency,
        )
      : null);
  let customerOwes: ExchangeSettlement['customerOwes'] = 'charge';
  if (first.paidBy === 'merchant_absorbs') {
    if (first.absorbUpTo === null) customerOwes = 'absorb';
    else if (difference === null) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Return case ${caseId}: the policy absorbs an exchange's price difference only up to ${first.absorbUpTo.amount} ${first.absorbUpTo.currency} minor units, and the difference is unknown (the request gave no exchangePrice); pass expectedDifference.`,
        details: { caseId },
      });
    } else customerOwes = difference.amount <= first.absorbUpTo.amount ? 'absorb' : 'charge';
  }
  return { settlement: { customerOwes, shopOwes: 'refund' }, difference };
}
