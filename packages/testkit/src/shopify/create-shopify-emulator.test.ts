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
import { canonicalCustomers, canonicalOrders } from '../adapter-conformance/canonical-orders.js';
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

  describe('store credit, exchanges and cancellations', async () => {
    const own = await createShopifyEmulator({ clock, orderCancelDurationMs: 2000 });
    const [, mehmet] = own.seedCustomers(canonicalCustomers);
    const [eur, tryOrder, usd, jpy] = own.seedOrders(canonicalOrders);
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await own.fetch(`https://${own.shop}/admin/api/2026-10/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': own.accessToken },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Answer;
      expect(body?.errors).toBeUndefined();
      return body.data as Answer;
    };
    const received: { topic: string; body: string }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          topic: String(request.headers['x-shopify-topic']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    afterAll(async () => {
      await own.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    own.subscribeWebhooks({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      topics: ['refunds/create'],
    });
    const accounts = `query A($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes { id balance { amount currencyCode }
      transactions(first: 10) { nodes { __typename event amount { amount } origin { __typename ... on OrderTransaction { gateway } }
        ... on StoreCreditAccountCreditTransaction { id expiresAt } } } } } } }`;

    it('refunds to store credit and credits accounts, refusing a past expiry or an unknown owner', async () => {
      const orderId = tryOrder?.id ?? '';
      const refunded = await ask(
        `mutation R($input: RefundInput!) { refundCreate(input: $input) @idempotent(key: "credit-1") {
          refund { id totalRefundedSet { shopMoney { amount } } transactions(first: 2) { nodes { kind gateway amountSet { shopMoney { amount } } } } }
          userErrors { field message } } }`,
        {
          input: {
            orderId,
            refundLineItems: [
              { lineItemId: tryOrder?.lineIds.line_canon_try_mug, quantity: 1, restockType: 'NO_RESTOCK' },
            ],
            refundMethods: [{ storeCreditRefund: { amount: { amount: '270.00', currencyCode: 'TRY' } } }],
          },
        },
      );
      expect(refunded.refundCreate?.userErrors).toEqual([]);
      expect(refunded.refundCreate?.refund?.totalRefundedSet?.shopMoney?.amount).toBe('270.00');
      expect(refunded.refundCreate?.refund?.transactions?.nodes).toEqual([
        { kind: 'REFUND', gateway: 'shopify_store_credit', amountSet: { shopMoney: { amount: '270.00' } } },
      ]);
      const credit = `mutation C($id: ID!, $creditInput: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
        storeCreditAccountTransaction { id amount { amount currencyCode } balanceAfterTransaction { amount } expiresAt account { id } }
        userErrors { field message code } } }`;
      const credited = await ask(credit, {
        id: mehmet,
        creditInput: { creditAmount: { amount: '27.00', currencyCode: 'TRY' }, expiresAt: '2027-11-01T00:00:00Z' },
      });
      expect(credited.storeCreditAccountCredit?.userErrors).toEqual([]);
      expect(credited.storeCreditAccountCredit?.storeCreditAccountTransaction).toMatchObject({
        amount: { amount: '27.00', currencyCode: 'TRY' },
        balanceAfterTransaction: { amount: '297.00' },
        expiresAt: '2027-11-01T00:00:00Z',
      });
      const read = await ask(accounts, { id: mehmet });
      const [account] = (read.customer?.storeCreditAccounts?.nodes ?? []) as unknown as Answer[];
      expect(account?.balance).toEqual({ amount: '297.00', currencyCode: 'TRY' });
      expect(account?.transactions?.nodes).toEqual([
        expect.objectContaining({
          event: 'ORDER_REFUND',
          origin: { __typename: 'OrderTransaction', gateway: 'shopify_store_credit' },
        }),
        expect.objectContaining({ event: 'ADJUSTMENT', origin: null, amount: { amount: '27.00' } }),
      ]);
      const past = await ask(credit, {
        id: mehmet,
        creditInput: { creditAmount: { amount: '1.00', currencyCode: 'TRY' }, expiresAt: '2020-01-01T00:00:00Z' },
      });
      expect(past.storeCreditAccountCredit?.userErrors?.[0]?.code).toBe('EXPIRES_AT_IN_PAST');
      const nobody = await ask(credit, {
        id: 'gid://shopify/Customer/1',
        creditInput: { creditAmount: { amount: '1.00', currencyCode: 'TRY' } },
      });
      expect(nobody.storeCreditAccountCredit?.userErrors?.[0]?.code).toBe('OWNER_NOT_FOUND');
    });

    it('processes an exchange: the refund of a difference, or a balance to collect with its link', async () => {
      const order = own.state.orders.get(eur?.id ?? '');
      const fulfillmentLine = order?.fulfillments[0]?.lines.find(
        (line) => line.lineItemId === eur?.lineIds.line_canon_eur_shirt,
      );
      const payment = order?.transactions[0];
      const shirt = own.state.variantIdsBySeed.get('var_canon_2001');
      const socks = own.state.variantIdsBySeed.get('var_canon_2002');
      const fields =
        'return { id status returnLineItems(first: 5) { nodes { id } } exchangeLineItems(first: 5) { nodes { id variantId } } } userErrors { field message code }';
      const create = (variantId: string | undefined, quantity: number) =>
        ask(`mutation C($input: ReturnInput!) { returnCreate(returnInput: $input) { ${fields} } }`, {
          input: {
            orderId: eur?.id,
            returnLineItems: [
              { fulfillmentLineItemId: fulfillmentLine?.id, quantity: 1, returnReasonNote: 'wrong_size' },
            ],
            exchangeLineItems: [{ variantId, quantity }],
          },
        });
      const unknown = await create('gid://shopify/ProductVariant/9', 1);
      expect(unknown.returnCreate?.userErrors?.[0]).toMatchObject({
        field: ['input', 'exchangeLineItems', '0', 'variantId'],
        code: 'NOT_FOUND',
      });
      const cheaper = (await create(socks, 1)).returnCreate?.return;
      const processed = await ask(
        `mutation P($input: ReturnProcessInput!) { returnProcess(input: $input) { ${fields} } }`,
        {
          input: {
            returnId: cheaper?.id,
            returnLineItems: [{ id: cheaper?.returnLineItems?.nodes?.[0]?.id, quantity: 1 }],
            exchangeLineItems: [{ id: cheaper?.exchangeLineItems?.nodes?.[0]?.id, quantity: 1 }],
            financialTransfer: {
              issueRefund: {
                orderTransactions: [
                  { parentId: payment?.id, transactionAmount: { amount: '37.90', currencyCode: 'EUR' } },
                ],
              },
            },
          },
        },
      );
      expect(processed.returnProcess).toMatchObject({ userErrors: [], return: { status: 'CLOSED' } });
      const refunds = await ask(
        `query R($id: ID!) { order(id: $id) { refunds(first: 5) { return { id } totalRefundedSet { shopMoney { amount } } }
        totalOutstandingSet { shopMoney { amount } } paymentCollectionDetails { additionalPaymentCollectionUrl } } }`,
        { id: eur?.id },
      );
      expect(refunds.order?.refunds).toEqual([
        { return: { id: cheaper?.id }, totalRefundedSet: { shopMoney: { amount: '37.90' } } },
      ]);
      expect(refunds.order?.totalOutstandingSet?.shopMoney?.amount).toBe('0.00');
      const dearer = (await create(shirt, 2)).returnCreate?.return;
      await ask(`mutation P($input: ReturnProcessInput!) { returnProcess(input: $input) { ${fields} } }`, {
        input: {
          returnId: dearer?.id,
          returnLineItems: [{ id: dearer?.returnLineItems?.nodes?.[0]?.id, quantity: 1 }],
          exchangeLineItems: [{ id: dearer?.exchangeLineItems?.nodes?.[0]?.id, quantity: 2 }],
        },
      });
      const owed = await ask(
        `query O($id: ID!) { order(id: $id) { totalOutstandingSet { shopMoney { amount } } paymentCollectionDetails { additionalPaymentCollectionUrl } }
        v: node(id: "${shirt}") { ... on ProductVariant { price product { id } } } }`,
        { id: eur?.id },
      );
      expect(owed.order?.totalOutstandingSet?.shopMoney?.amount).toBe('49.90');
      expect(String(owed.order?.paymentCollectionDetails?.additionalPaymentCollectionUrl)).toMatch(/^https:\/\//);
      expect(owed.v?.price).toBe('49.90');
    });

    it('cancels in a job: refuses a fulfilled order, then cancels and refunds what remains once the job is done', async () => {
      const cancel = `mutation X($orderId: ID!) { orderCancel(orderId: $orderId, reason: CUSTOMER, restock: true, refundMethod: { originalPaymentMethodsRefund: true }) {
        job { id done } orderCancelUserErrors { field message code } } }`;
      const refused = await ask(cancel, { orderId: jpy?.id });
      expect(refused.orderCancel).toEqual({
        job: null,
        orderCancelUserErrors: [
          { field: ['orderId'], message: 'Cannot cancel an order with fulfilled line items', code: 'INVALID' },
        ],
      });
      const started = await ask(cancel, { orderId: usd?.id });
      expect(started.orderCancel?.job).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: false });
      const state = `query S($id: ID!) { order(id: $id) { cancelledAt cancelReason displayFinancialStatus totalRefundedSet { shopMoney { amount } } } }`;
      expect((await ask(state, { id: usd?.id })).order?.cancelledAt).toBeNull();
      expect((await ask(cancel, { orderId: usd?.id })).orderCancel?.orderCancelUserErrors?.[0]?.message).toBe(
        'Order has already been cancelled',
      );
      clock.advance(2000);
      expect((await ask(state, { id: usd?.id })).order).toEqual({
        cancelledAt: new Date(clock.now()).toISOString(),
        cancelReason: 'CUSTOMER',
        displayFinancialStatus: 'REFUNDED',
        totalRefundedSet: { shopMoney: { amount: '47.88' } },
      });
      await own.flushWebhooks();
      const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
      const validate = ajv.compile(
        JSON.parse(
          readFileSync(shared('platform/shopify/webhooks/jsonschema/refunds-create.schema.json'), 'utf8'),
        ) as object,
      );
      // The store credit refund, the exchange's refund and the cancel's refund.
      expect(received.map((delivery) => delivery.topic)).toEqual([
        'refunds/create',
        'refunds/create',
        'refunds/create',
      ]);
      for (const delivery of received) {
        const valid = validate(JSON.parse(delivery.body));
        expect({ errors: validate.errors ?? null, valid }).toEqual({ errors: null, valid: true });
      }
    });
  });
});
