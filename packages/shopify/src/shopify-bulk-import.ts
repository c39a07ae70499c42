import { AftersaleError, type BulkImportOptions, type Order } from '@aftersale/core';
import { z } from 'zod';
import type { Clock } from './clock.js';
import { parseResponse } from './parse-response.js';
import { bulkOrdersDocument, bulkRunMutation, bulkStatusQuery } from './shopify-documents.js';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.js';
import {
  lineItemSchema,
  orderSchema,
  type ShopifyOrder,
  shippingLineSchema,
  userErrorSchema,
} from './shopify-graphql-types.js';
import type { ShopifyReader } from './shopify-reader.js';

const detailBatch = 20;

const statusSchema = z.object({
  bulkOperation: z
    .object({
      id: z.string(),
      status: z.string(),
      errorCode: z.string().nullish(),
      objectCount: z.union([z.string(), z.number()]).nullish(),
      url: z.string().nullish(),
    })
    .nullable(),
});

/** Splits a byte stream into lines as they arrive (JSONL), never holding the whole file. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line.length > 0) yield line;
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim().length > 0) yield pending.trim();
}

const gidType = (id: unknown): string | null =>
  typeof id === 'string' ? (/^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1] ?? null) : null;

/**
 * A full-history import through `bulkOperationRunQuery`: the export runs on Shopify, its JSONL is
 * streamed line by line, and orders are emitted as soon as they are whole. `groupObjects` is set to
 * `true` explicitly so that each order's line items follow it, which is what lets the import stream
 * with bounded memory (Shopify notes grouping is slower; streaming a large shop needs it).
 */
export async function* bulkImportOrders(
  context: {
    client: ShopifyGraphqlClient;
    reader: ShopifyReader;
    fetch: typeof globalThis.fetch;
    clock: Clock;
    pollIntervalMs: number;
  },
  options: BulkImportOptions = {},
): AsyncGenerator<Order> {
  const { client, reader, clock } = context;
  const started = parseResponse(
    z.object({
      bulkOperationRunQuery: z
        .object({
          bulkOperation: z.object({ id: z.string(), status: z.string() }).nullable(),
          userErrors: z.array(userErrorSchema),
        })
        .nullable(),
    }),
    await client.request(
      bulkRunMutation,
      { query: bulkOrdersDocument(options.updatedSince), groupObjects: true },
      { operation: 'bulkOperationRunQuery', signal: options.signal, idempotent: false, expectedCost: 10 },
    ),
    'bulkOperationRunQuery',
  );
  const payload = started.bulkOperationRunQuery;
  if (!payload?.bulkOperation) {
    throw new AftersaleError({
      code: 'platform_rejected',
      message: `Shopify refused the bulk export: ${(payload?.userErrors ?? []).map((error) => error.message).join('; ')}.`,
      issues: (payload?.userErrors ?? []).map((error) => ({
        path: (error.field ?? []).join('.'),
        message: error.message,
      })),
      details: { operation: 'bulkOperationRunQuery' },
    });
  }
  const id = payload.bulkOperation.id;
  let url: string | null = null;
  for (;;) {
    const status = parseResponse(
      statusSchema,
      await client.request(bulkStatusQuery, { id }, { operation: 'bulkOperation', signal: options.signal }),
      'bulkOperation',
    ).bulkOperation;
    if (!status) throw new AftersaleError({ code: 'platform_rejected', message: `Shopify lost bulk operation ${id}.` });
    options.onProgress?.({ orders: 0, objects: Number(status.objectCount ?? 0), status: status.status });
    if (status.status === 'COMPLETED') {
      url = status.url ?? null;
      break;
    }
    if (['FAILED', 'CANCELED', 'EXPIRED'].includes(status.status)) {
      throw new AftersaleError({
        code: 'platform_unavailable',
        message: `Shopify's bulk export ${status.status.toLowerCase()} (${status.errorCode ?? 'no error code'}); start it again.`,
        details: { operation: 'bulkOperation', status: status.status, errorCode: status.errorCode ?? null },
      });
    }
    await clock.sleep(context.pollIntervalMs, options.signal);
  }
  if (url === null) return; // Nothing matched: Shopify gives no file.
  const response = await context.fetch(url, { signal: options.signal });
  if (!response.ok || !response.body) {
    throw new AftersaleError({
      code: 'platform_unavailable',
      message: `The bulk export file could not be read (HTTP ${response.status}); start the import again.`,
      details: { operation: 'bulkDownload', status: response.status },
    });
  }
  let objects = 0;
  let emitted = 0;
  let current: Record<string, unknown> | null = null;
  let batch: ShopifyOrder[] = [];
  const fulfilled = new Set<string>();
  const refunded = new Set<string>();
  const finish = (raw: Record<string, unknown>): ShopifyOrder => {
    // A bulk export cannot nest the lines of fulfilments and refunds: it names them, and they are
    // read afterwards for a batch of orders at once.
    const { fulfillments, refunds, ...rest } = raw as { fulfillments?: unknown[]; refunds?: unknown[] };
    if ((fulfillments?.length ?? 0) > 0) fulfilled.add(String(raw.id));
    if ((refunds?.length ?? 0) > 0) refunded.add(String(raw.id));
    const parsed = orderSchema.safeParse(rest);
    if (!parsed.success) {
      throw new AftersaleError({
        code: 'invalid_order',
        message: `A bulk export line for ${String(raw.id)} could not be read.`,
        details: { orderId: String(raw.id) },
      });
    }
    return parsed.data;
  };
  const flush = async function* (): AsyncGenerator<Order> {
    if (batch.length === 0) return;
    const orders = await reader.normalize(batch, options.signal, { fulfilled, refunded });
    for (const order of batch) {
      fulfilled.delete(order.id);
      refunded.delete(order.id);
    }
    batch = [];
    for (const order of orders) {
      emitted++;
      yield order;
    }
    options.onProgress?.({ orders: emitted, objects, status: 'COMPLETED' });
  };
  for await (const line of readLines(response.body)) {
    objects++;
    const record = JSON.parse(line) as Record<string, unknown>;
    const parentId = record.__parentId;
    if (parentId === undefined) {
      if (current) {
        batch.push(finish(current));
        if (batch.length >= detailBatch) yield* flush();
      }
      current = { ...record, lineItems: { nodes: [] }, shippingLines: { nodes: [] } };
      continue;
    }
    if (!current || current.id !== parentId) {
      throw new AftersaleError({
        code: 'platform_rejected',
        message: 'The bulk export is not grouped by order; it cannot be streamed.',
        details: { operation: 'bulkDownload' },
      });
    }
    const { __parentId: _parent, ...child } = record;
    const type = gidType(child.id);
    if (type === 'LineItem') (current.lineItems as { nodes: unknown[] }).nodes.push(lineItemSchema.parse(child));
    else if (type === 'ShippingLine')
      (current.shippingLines as { nodes: unknown[] }).nodes.push(shippingLineSchema.parse(child));
  }
  if (current) batch.push(finish(current));
  yield* flush();
}
