import { AftersaleError } from '../errors/aftersale-error.js';
import { compare, type Money } from '../money/money.js';
import type { ReturnDecision } from '../policy/return-decision.js';
import type { ReviewReason } from './return-case.js';

/** How the orchestrator routes a fresh decision. */
export interface ReturnRoutingOptions {
  /**
   * Refunds above this amount wait for a person even when the policy says yes. In the order's
   * currency; leave it out to auto-approve any amount.
   */
  autoApproveUpTo?: Money;
  /** Send every request to a person (the shop reviews all returns). @default false */
  alwaysReview?: boolean;
  /**
   * What to do when no line can be returned: decline at once with the explanation (the customer can
   * still ask a person, see `appealable`), or let a person look first. @default 'decline'
   */
  whenIneligible?: 'decline' | 'review';
  /**
   * Send decisions that touch a point of law the statutory packs mark uncertain to a person. The
   * engine already takes the reading that favours the customer there. @default false
   */
  reviewUncertainLaw?: boolean;
}

export interface ReturnRoute {
  /** `approve` and `decline` are automatic; `review` waits for a person. */
  action: 'approve' | 'decline' | 'review';
  /** Why it waits for a person (empty unless `review`). */
  reasons: ReviewReason[];
  /** A declined customer can always ask for a person to look again. */
  appealable: boolean;
}

/**
 * Auto-approve when the decision says yes without conditions and under the limit; send to a person
 * when it is conditional, partial or over the limit (or, if asked, touches a point of law marked uncertain); decline
 * when no line is returnable (or send that to a person too, when the shop prefers).
 */
export function routeReturnDecision(decision: ReturnDecision, options: ReturnRoutingOptions = {}): ReturnRoute {
  const reasons: ReviewReason[] = [];
  if (decision.status === 'ineligible') {
    if ((options.whenIneligible ?? 'decline') === 'decline' && !options.alwaysReview) {
      return { action: 'decline', reasons: [], appealable: true };
    }
    return { action: 'review', reasons: ['ineligible'], appealable: true };
  }
  if (decision.status === 'conditional' || decision.lines.some((line) => line.status === 'conditional')) {
    reasons.push('conditional');
  }
  if (decision.status === 'partially_eligible') reasons.push('partially_eligible');
  if (options.reviewUncertainLaw && decision.uncertainties.length > 0) reasons.push('uncertain_law');
  if (options.autoApproveUpTo && decision.refund) {
    if (options.autoApproveUpTo.currency !== decision.refund.total.currency) {
      throw new AftersaleError({
        code: 'currency_mismatch',
        message: `autoApproveUpTo is in ${options.autoApproveUpTo.currency} but the order is in ${decision.refund.total.currency}; give the limit in the order's currency.`,
      });
    }
    if (compare(decision.refund.total, options.autoApproveUpTo) > 0) reasons.push('over_limit');
  }
  if (options.alwaysReview) reasons.push('manual_policy');
  return reasons.length > 0
    ? { action: 'review', reasons, appealable: true }
    : { action: 'approve', reasons: [], appealable: true };
}
