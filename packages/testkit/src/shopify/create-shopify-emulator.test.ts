import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  buildClientSchema,
  buildSchema,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { generateShop } from '../generator/generate-shop.js';
import { createShopifyEmulator } from './create-shopify-emulator.js';
import { createManualClock } from './manual-clock.js';
import { shopifyAdminSchemaSdl } from './shopify-admin-schema.js';

/** A GraphQL answer, read loosely: tests walk into it and compare what they find. */
type Answer = { readonly [key: string]: Answer };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function shared(path: string): string {
  const dir = process.env.AFTERSALE_SHARED_DIR;
  if (!dir || !existsSync(join(dir, 'platform'))) {
    throw new Error(`AFTERSALE_SHARED_DIR must point at the shared platform material (got ${String(dir)}).`);
  }
  return join(dir, path);
}

function realSchema(): GraphQLSchema {
  const file = shared('platform/shopify/admin-schema/admin_2026-10.json.gz');
  const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data: IntrospectionQuery };
  return buildClientSchema(introspection.data, { assumeValid: true });
}

/** Every way the emulator's type differs from Shopify's real type of the same name. */
function differences(mine: GraphQLNamedType, real: GraphQLNamedType | undefined): string[] {
  if (!real) return [`${mine.name}: no such type in the real schema`];
  if (mine.constructor !== real.constructor) return [`${mine.name}: a different kind of type`];
  const problems: string[] = [];
  if (isObjectType(mine) || isInterfaceType(mine)) {
    const realFields = (real as typeof mine).getFields();
    for (const field of Object.values(mine.getFields())) {
      const other = realFields[field.name];
      if (!other) {
        problems.push(`${mine.name}.${field.name}: no such field`);
        continue;
      }
      if (String(field.type) !== String(other.type))
        problems.push(`${mine.name}.${field.name}: ${String(field.type)} but real is ${String(other.type)}`);
      for (const argument of field.args) {
        const realArgument = other.args.find((entry) => entry.name === argument.name);
        if (!realArgument) problems.push(`${mine.name}.${field.name}(${argument.name}): no such argument`);
        else if (String(realArgument.type) !== String(argument.type))
          problems.push(
            `${mine.name}.${field.name}(${argument.name}): ${String(argument.type)} but real is ${String(realArgument.type)}`,
          );
      }
    }
    const realInterfaces = new Set((real as typeof mine).getInterfaces().map((entry) => entry.name));
    for (const entry of mine.getInterfaces())
      if (!realInterfaces.has(entry.name))
        problems.push(`${mine.name} implements ${entry.name}: not in the real schema`);
  }
  if (isInputObjectType(mine) && isInputObjectType(real)) {
    const realFields = real.getFields();
    for (const field of Object.values(mine.getFields())) {
      const other = realFields[field.name];
      if (!other) problems.push(`${mine.name}.${field.name}: no such input field`);
      else if (String(field.type) !== String(other.type))
        problems.push(`${mine.name}.${field.name}: ${String(field.type)} but real is ${String(other.type)}`);
    }
    // An input the emulator accepts must not leave out a field the real API requires.
    for (const field of Object.values(realFields)) {
      if (String(field.type).endsWith('!') && field.defaultValue === undefined && !mine.getFields()[field.name])
        problems.push(`${mine.name}.${field.name}: required by the real schema, missing here`);
    }
  }
  if (isEnumType(mine) && isEnumType(real)) {
    const values = new Set(real.getValues().map((value) => value.name));
    for (const value of mine.getValues())
      if (!values.has(value.name)) problems.push(`${mine.name}.${value.name}: no such enum value`);
  }
  if (isUnionType(mine) && isUnionType(real)) {
    const members = new Set(real.getTypes().map((type) => type.name));
    for (const type of mine.getTypes())
      if (!members.has(type.name)) problems.push(`${mine.name} | ${type.name}: not a member of the real union`);
  }
  return problems;
}

describe('the Shopify emulator', async () => {
  const clock = createManualClock();
  const emulator = await createShopifyEmulator({ clock });
  afterAll(() => emulator.close());
  const shop = generateShop({ seed: 8, customers: 6, orders: 20 });
  emulator.seedCustomers(shop.customers);
  const seeded = emulator.seedOrders(shop.orders);
  const post = async (query: string, variables: Record<string, unknown> = {}, token = emulator.accessToken) => {
    const response = await emulator.fetch(`https://${emulator.shop}/admin/api/2026-10/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  it('serves a strict subset of the real Admin 2026-10 schema: every type, field and argument, same types', () => {
    const mine = buildSchema(shopifyAdminSchemaSdl);
    const real = realSchema();
    const problems: string[] = [];
    let checked = 0;
    for (const type of Object.values(mine.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      checked++;
      problems.push(...differences(type, real.getType(type.name) ?? undefined));
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(mine.getQueryType()?.name).toBe(real.getQueryType()?.name);
    expect(mine.getMutationType()?.name).toBe(real.getMutationType()?.name);
    const idempotent = real.getDirective('idempotent');
    expect(idempotent?.args.map((argument) => `${argument.name}: ${String(argument.type)}`)).toEqual(['key: String!']);
  });

  it('executes a document the adapter never sends', async () => {
    const { status, body } = await post(
      `query Someone($first: Int!) {
        customers(first: $first, reverse: true) { edges { cursor node { id lastName orders(first: 1) { nodes { name totalPriceSet { shopMoney { amount } } } } } } }
        orders(last: 2, sortKey: CREATED_AT) { pageInfo { hasPreviousPage startCursor } nodes { name returns(first: 1) { nodes { id } } } }
      }`,
      { first: 2 },
    );
    expect(status).toBe(200);
    expect(body?.errors).toBeUndefined();
    expect(body?.data?.customers?.edges).toHaveLength(2);
    expect(body?.data?.orders?.nodes).toHaveLength(2);
    expect(body?.data?.orders?.pageInfo?.hasPreviousPage).toBe(true);
    expect(body?.extensions?.cost?.actualQueryCost).toBeGreaterThan(0);
    expect(body?.extensions?.cost?.actualQueryCost).toBeLessThanOrEqual(
      Number(body?.extensions?.cost?.requestedQueryCost),
    );
  });

  it("pages with cursors on the sort key, as Shopify's: an order updated mid-sync is not skipped", async () => {
    const page = `query P($after: String) { orders(first: 2, after: $after, sortKey: UPDATED_AT) { pageInfo { endCursor } nodes { id } } }`;
    const ids = (answer: Answer) =>
      ((answer.data?.orders?.nodes ?? []) as unknown as { id: string }[]).map((node) => node.id);
    const everything = (await post(`{ orders(first: 250, sortKey: UPDATED_AT) { nodes { id } } }`)).body;
    const all = ids(everything);
    const first = (await post(page)).body;
    expect(ids(first)).toEqual(all.slice(0, 2));
    // The first order changes and moves to the end of the update order.
    const moved = emulator.state.orders.get(all[0] ?? '');
    if (!moved) throw new Error('no order');
    clock.advance(1000);
    moved.updatedAt = new Date(clock.now()).toISOString();
    emulator.state.version++;
    const second = (await post(page, { after: first.data?.orders?.pageInfo?.endCursor })).body;
    expect(ids(second)).toEqual(all.slice(2, 4));
  });

  it('refuses an invalid document, a bad token, and a query over the single-query cost limit', async () => {
    expect((await post('{ order(id: "x") { noSuchField } }')).body?.errors?.[0]?.message).toMatch(/noSuchField/);
    expect((await post('{ shop { name } }', {}, 'shpat_wrong')).status).toBe(401);
    const costly = await post('{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }');
    expect(costly.body?.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
  });

  it('throttles like Shopify: spends the bucket, answers THROTTLED with HTTP 200, restores on the clock', async () => {
    const small = await createShopifyEmulator({ clock, throttle: { maximumAvailable: 100, restoreRate: 10 } });
    try {
      small.seedOrders(shop.orders.slice(0, 3));
      const ask = async () => {
        const response = await small.fetch(`https://${small.shop}/admin/api/2026-10/graphql.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-shopify-access-token': small.accessToken },
          body: JSON.stringify({ query: '{ orders(first: 3) { nodes { id lineItems(first: 5) { nodes { id } } } } }' }),
        });
        return { status: response.status, body: (await response.json()) as Answer };
      };
      const first = await ask();
      const requested = Number(first.body?.extensions?.cost?.requestedQueryCost);
      expect(requested).toBeGreaterThan(20);
      let answer = first;
      let spent = 0;
      while (!answer.body?.errors) {
        spent++;
        answer = await ask();
      }
      expect(spent).toBeGreaterThan(1);
      expect(answer.status).toBe(200);
      expect(answer.body?.errors?.[0]?.extensions?.code).toBe('THROTTLED');
      expect(answer.body?.extensions?.cost?.throttleStatus).toMatchObject({ maximumAvailable: 100, restoreRate: 10 });
      clock.advance(Math.ceil((requested / 10) * 1000));
      expect((await ask()).body?.errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it('computes suggestedRefund with its own arithmetic, and can be told to disagree', async () => {
    const order = shop.orders.find((entry) => entry.refunds.length === 0 && entry.financialStatus === 'paid');
    const index = order ? shop.orders.indexOf(order) : -1;
    const id = seeded[index]?.id ?? '';
    const lineId = Object.values(seeded[index]?.lineIds ?? {})[0];
    const query = `query S($id: ID!, $lines: [RefundLineItemInput!]) { order(id: $id) { suggestedRefund(refundLineItems: $lines) { amountSet { shopMoney { amount } } } } }`;
    const variables = { id, lines: [{ lineItemId: lineId, quantity: 1 }] };
    const before = (await post(query, variables)).body?.data?.order?.suggestedRefund?.amountSet?.shopMoney?.amount;
    emulator.skewSuggestedRefund(id, 1);
    const after = (await post(query, variables)).body?.data?.order?.suggestedRefund?.amountSet?.shopMoney?.amount;
    expect(after).not.toBe(before);
  });

  describe('webhooks', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const validator = (topic: string) =>
      ajv.compile(
        JSON.parse(
          readFileSync(shared(`platform/shopify/webhooks/jsonschema/${topic.replace('/', '-')}.schema.json`), 'utf8'),
        ) as object,
      );

    it("sends signed bodies that validate against Shopify's published JSON schemas", async () => {
      const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
          response.statusCode = 200;
          response.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        emulator.subscribeWebhooks({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
        const index = shop.orders.findIndex(
          (order) =>
            order.fulfillmentStatus === 'fulfilled' && order.refunds.length === 0 && order.financialStatus === 'paid',
        );
        const orderId = seeded[index]?.id ?? '';
        const order = emulator.state.orders.get(orderId);
        const line = order?.fulfillments[0]?.lines[0];
        const payment = order?.transactions.find((entry) => entry.kind === 'SALE' || entry.kind === 'CAPTURE');
        if (!order || !line || !payment) throw new Error('no fulfilled order to return');
        const requested = await post(
          `mutation R($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { field message } } }`,
          {
            input: {
              orderId,
              returnLineItems: [
                {
                  fulfillmentLineItemId: line.id,
                  quantity: 1,
                  returnReasonDefinitionId: 'gid://shopify/ReturnReasonDefinition/1',
                },
              ],
            },
          },
        );
        const returnId = String(requested.body?.data?.returnRequest?.return?.id);
        await post(
          `mutation A($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { userErrors { message } } }`,
          { input: { id: returnId } },
        );
        await post(
          `mutation F($input: RefundInput!) { refundCreate(input: $input) @idempotent(key: "emulator-test") { refund { id } userErrors { message } } }`,
          {
            input: {
              orderId,
              refundLineItems: [{ lineItemId: line.lineItemId, quantity: 1, restockType: 'NO_RESTOCK' }],
              transactions: [
                { orderId, parentId: payment.id, gateway: payment.gateway ?? 'manual', kind: 'REFUND', amount: '1.00' },
              ],
            },
          },
        );
        await post(`mutation C($id: ID!) { returnClose(id: $id) { userErrors { message } } }`, { id: returnId });
        await emulator.flushWebhooks();
        const topics = received.map((delivery) => delivery.headers['x-shopify-topic']);
        expect(topics).toEqual(['returns/request', 'returns/approve', 'refunds/create', 'returns/close']);
        for (const delivery of received) {
          const topic = String(delivery.headers['x-shopify-topic']);
          const signature = createHmac('sha256', emulator.webhookSecret).update(delivery.body).digest('base64');
          expect(delivery.headers['x-shopify-hmac-sha256']).toBe(signature);
          const validate = validator(topic);
          const valid = validate(JSON.parse(delivery.body));
          expect({ topic, errors: validate.errors ?? null, valid }).toEqual({ topic, errors: null, valid: true });
        }
        // A duplicate delivery repeats the webhook id and the bytes.
        const copies = await emulator.sendWebhook(
          'shop/redact',
          { shop_id: 1, shop_domain: emulator.shop },
          { duplicates: 1 },
        );
        expect(copies).toHaveLength(2);
        expect(copies[0]?.webhookId).toBe(copies[1]?.webhookId);
        expect(copies[0]?.body).toBe(copies[1]?.body);
        expect(validator('shop/redact')(JSON.parse(copies[0]?.body ?? '{}'))).toBe(true);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('has a JSON schema for every topic it sends', () => {
      const topics = readdirSync(shared('platform/shopify/webhooks/jsonschema'));
      for (const topic of [
        'refunds-create',
        'returns-request',
        'returns-approve',
        'returns-decline',
        'returns-close',
        'returns-process',
      ])
        expect(topics).toContain(`${topic}.schema.json`);
    });
  });
});
