import type { AftersaleStore, WebhookDelivery } from '@aftersale/core';

/** Every delivery the store's inbox holds for a shop, oldest first (leased to a test worker to read them). */
export async function inboxDeliveries(store: AftersaleStore, shopId: string): Promise<WebhookDelivery[]> {
  return store.claimWebhooks({ workerId: 'test-reader', limit: 500, shopId });
}
