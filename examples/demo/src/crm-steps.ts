import {
  type AftersaleStore,
  buildCoPurchaseModel,
  createPurchaseHistory,
  formatMoney,
  type Order,
  recommendItems,
  savePurchaseHistory,
  scoreRfm,
} from '@aftersale/core';
import { assert, type Story } from './steps.js';

/**
 * The customer's purchase history as the CRM keeps it: every stored order of the shop, the refreshed
 * order with its refund, the return case, the complaint and the rating; metrics, the RFM group, the
 * timeline, a cross-sell suggestion, and the profiles saved to the store.
 */
export async function showPurchaseHistory(
  story: Story,
  store: AftersaleStore,
  input: {
    shopId: string;
    order: Order;
    returnCaseId: string;
    complaintId: string;
    locale: string;
    now: Date;
  },
): Promise<void> {
  await story.step("The customer's purchase history and metrics (CRM)", async (step) => {
    const history = createPurchaseHistory({ shopId: input.shopId, clock: () => input.now });
    let cursor: string | null = null;
    do {
      const page = await store.listOrders(input.shopId, { limit: 200, cursor });
      for (const snapshot of page.items) history.addOrder(snapshot.order);
      cursor = page.nextCursor;
    } while (cursor);
    const profileId = history.addOrder(input.order);
    const at = input.now.toISOString();
    history.addReturn({
      id: input.returnCaseId,
      at,
      customer: { profileId },
      orderId: input.order.id,
      status: 'closed',
      units: 1,
      reasons: ['damaged_on_arrival'],
    });
    history.addComplaint({
      id: input.complaintId,
      at,
      customer: { profileId },
      orderId: input.order.id,
      channel: 'web_form',
      category: 'damaged',
      status: 'closed',
    });
    history.addFeedback({
      id: `fbk_${input.complaintId.slice(4)}`,
      at,
      customer: { profileId },
      csat: 5,
      complaintId: input.complaintId,
    });

    const metrics = history.metrics(profileId, { now: input.now });
    const money = (value: typeof metrics.netSpend) => (value ? formatMoney(value, input.locale) : '—');
    step.show(
      `${metrics.orderCount} order(s); gross ${money(metrics.grossSpend)}, refunded ${money(metrics.refunded)}, net ${money(metrics.netSpend)}; AOV ${money(metrics.averageOrderValue)}`,
    );
    step.show(
      `returned ${metrics.unitsReturned} of ${metrics.unitsPurchased} unit(s); ${metrics.complaintCount} complaint(s); average CSAT ${metrics.averageCsat ?? '—'}`,
    );
    const groups = scoreRfm(
      history.profileIds().map((id) => ({ profileId: id, metrics: history.metrics(id, { now: input.now }) })),
      { now: input.now },
    );
    const own = groups.find((group) => group.profileId === profileId);
    step.show(`RFM group among ${groups.length} customers: ${own?.segment ?? '—'}`);
    const timeline = history.timeline(profileId);
    step.show(`timeline: ${timeline.map((entry) => entry.kind).join(', ')}`);
    const model = buildCoPurchaseModel(history.baskets());
    const owned = history.ownedItems(profileId);
    const suggestions = recommendItems(model, { seedItems: [...owned], ownedItems: owned, k: 3 });
    step.show(
      `frequently bought with what they own: ${suggestions.map((suggestion) => suggestion.item).join(', ') || '—'}`,
    );
    const saved = await savePurchaseHistory(history, store, { now: input.now });
    step.show(`${saved.saved} customer profiles saved to the store`);
    assert(metrics.orderCount >= 1 && metrics.refunded !== null, 'the refund is missing from the metrics');
    assert(metrics.complaintCount === 1 && metrics.averageCsat === 5, 'the complaint and its rating are missing');
  });
}
