import { z } from 'zod';
import { parseResponse } from './parse-response.js';
import { fulfillmentLinesQuery } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';

const fulfillmentLineSchema = z.object({
  id: z.string(),
  quantity: z.number().int().nullish(),
  lineItem: z.object({ id: z.string() }),
});

const fulfillmentLinesSchema = z.object({
  order: z
    .object({
      fulfillments: z.array(z.object({ fulfillmentLineItems: z.object({ nodes: z.array(fulfillmentLineSchema) }) })),
    })
    .nullable(),
});

/** A fulfilment line: its id, how many items it shipped, and the order line they belong to. */
export type ShopifyFulfillmentLine = z.infer<typeof fulfillmentLineSchema>;

/** Every fulfilment line of an order (returns and exchanges name fulfilment lines, not order lines). */
export async function readFulfillmentLines(
  client: ShopifyGraphqlClient,
  orderId: string,
  signal?: AbortSignal,
): Promise<ShopifyFulfillmentLine[]> {
  const data = parseResponse(
    fulfillmentLinesSchema,
    await client.request(fulfillmentLinesQuery, { id: orderId }, { operation: 'fulfillmentLines', signal }),
    'fulfillmentLines',
  );
  return (data.order?.fulfillments ?? []).flatMap((fulfillment) => fulfillment.fulfillmentLineItems.nodes);
}

/**
 * Spreads `quantity` items of an order line over its fulfilment lines, in order; `missing` is what
 * the fulfilment lines could not hold (items not fulfilled).
 */
export function spreadOverFulfillmentLines(
  available: readonly ShopifyFulfillmentLine[],
  lineItemId: string,
  quantity: number,
): { parts: { fulfillmentLineItemId: string; quantity: number }[]; missing: number } {
  const parts: { fulfillmentLineItemId: string; quantity: number }[] = [];
  let left = quantity;
  for (const candidate of available) {
    if (left <= 0) break;
    if (candidate.lineItem.id !== lineItemId) continue;
    const take = Math.min(left, candidate.quantity ?? 0);
    if (take > 0) parts.push({ fulfillmentLineItemId: candidate.id, quantity: take });
    left -= take;
  }
  return { parts, missing: Math.max(0, left) };
}
