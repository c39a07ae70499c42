import type { ReturnOperations } from '@aftersale/core';
import { AftersaleError, type CommerceEvent } from '@aftersale/core';
import { z } from 'zod';
import type { MoneySide } from './map-shopify-order.js';
import {
  parseShopifyComplianceWebhook,
  parseShopifyCustomerWebhook,
  parseShopifyOrderWebhook,
  parseShopifyRefundWebhook,
  parseShopifyReturnWebhook,
} from './map-shopify-webhook-payload.js';
import { parseResponse } from './parse-response.js';
import { refundOrderQuery } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import type { ShopifyReader } from './shopify-reader.js';

const orderTopics = new Set([
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/paid',
  'orders/fulfilled',
  'orders/partially_fulfilled',
]);

function json(rawBody: string, topic: string): unknown {
  try {
    return rawBody.trim().length === 0 ? {} : JSON.parse(rawBody);
  } catch (error) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `The ${topic} webhook body is not JSON.`,
      cause: error,
      details: { topic },
    });
  }
}

const gidOf = (type: string, payload: unknown): string | null => {
  const record = payload as { admin_graphql_api_id?: unknown; id?: unknown } | null;
  if (typeof record?.admin_graphql_api_id === 'string') return record.admin_graphql_api_id;
  return typeof record?.id === 'number' && Number.isSafeInteger(record.id)
    ? `gid://shopify/${type}/${record.id}`
    : null;
};

/**
 * Turns a verified delivery into a normalized event. Payloads are read tolerantly; what they lack
 * (an order re-read for its product facts and transactions, the order of a refund, the lines of a
 * return) is read over GraphQL. Order payloads fall back to the payload itself when the order cannot
 * be re-read.
 */
export async function parseShopifyWebhookEvent(
  context: { client: ShopifyGraphqlClient; reader: ShopifyReader; returns: ReturnOperations; money: MoneySide },
  delivery: { topic: string; rawBody: string },
  signal?: AbortSignal,
): Promise<CommerceEvent> {
  const { topic } = delivery;
  const payload = json(delivery.rawBody, topic);
  if (orderTopics.has(topic)) {
    const id = gidOf('Order', payload);
    const reread = id ? await context.reader.getOrder(id, signal) : null;
    if (reread) return { type: 'order-updated', topic, order: reread };
    const parsed = parseShopifyOrderWebhook(payload, { money: context.money });
    if (!parsed.success) throw parsed.error;
    return { type: 'order-updated', topic, order: parsed.data };
  }
  if (topic === 'orders/delete') {
    const orderId = gidOf('Order', payload);
    if (!orderId)
      throw new AftersaleError({ code: 'invalid_input', message: 'orders/delete names no order.', details: { topic } });
    return { type: 'order-deleted', topic, orderId };
  }
  if (topic === 'refunds/create') {
    const refundId = z.object({ admin_graphql_api_id: z.string() }).safeParse(payload);
    if (!refundId.success) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: 'refunds/create names no refund.',
        details: { topic },
      });
    }
    const bag = z.object({ amount: z.string(), currencyCode: z.string() });
    const data = parseResponse(
      z.object({
        node: z
          .object({
            id: z.string(),
            order: z.object({ id: z.string() }),
            totalRefundedSet: z.object({ shopMoney: bag, presentmentMoney: bag }).nullish(),
          })
          .nullable(),
      }),
      await context.client.request(
        refundOrderQuery,
        { id: refundId.data.admin_graphql_api_id },
        { operation: 'refundOrder', signal },
      ),
      'refundOrder',
    );
    const parsed = parseShopifyRefundWebhook(payload, {
      money: context.money,
      total: data.node?.totalRefundedSet ?? null,
    });
    if (!parsed.success) throw parsed.error;
    const orderId = data.node?.order.id ?? gidOf('Order', { id: (payload as { order_id?: unknown }).order_id });
    if (!orderId) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: 'refunds/create names no order that can be read.',
        details: { topic },
      });
    }
    return { type: 'refund-created', topic, orderId, refund: parsed.data };
  }
  if (topic.startsWith('returns/')) {
    const facts = parseShopifyReturnWebhook(payload);
    if (!facts) return { type: 'webhook-ignored', topic };
    return {
      type: 'return-updated',
      topic,
      returnId: facts.returnId,
      return: await context.returns.get(facts.returnId, { signal }),
    };
  }
  if (topic === 'customers/create' || topic === 'customers/update') {
    const parsed = parseShopifyCustomerWebhook(payload);
    if (!parsed.success) throw parsed.error;
    return { type: 'customer-updated', topic, customer: parsed.data };
  }
  if (topic === 'customers/delete') {
    const customerId = gidOf('Customer', payload);
    if (!customerId)
      throw new AftersaleError({
        code: 'invalid_input',
        message: 'customers/delete names no customer.',
        details: { topic },
      });
    return { type: 'customer-deleted', topic, customerId };
  }
  if (topic === 'customers/data_request' || topic === 'customers/redact') {
    const parsed = parseShopifyComplianceWebhook(payload);
    if (!parsed.success) throw parsed.error;
    return {
      type: topic === 'customers/redact' ? 'customer-redact-requested' : 'customer-data-requested',
      topic,
      customerId: parsed.data.customerId,
      email: parsed.data.email,
      phone: parsed.data.phone,
      orderIds: parsed.data.orderIds,
    };
  }
  if (topic === 'shop/redact') return { type: 'shop-redact-requested', topic };
  return { type: 'webhook-ignored', topic };
}
