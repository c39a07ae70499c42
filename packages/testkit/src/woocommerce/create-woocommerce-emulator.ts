import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { phpJsonEncode } from './php-json-encode.js';
import { verifyOAuthSignature } from './woocommerce-oauth.js';
import {
  createWooCommerceShop,
  type EmulatedCouponInput,
  type EmulatedRefundRequest,
  type EmulatedTaxRate,
  type WooCommerceShop,
  type WooJson,
  WooRestError,
} from './woocommerce-shop.js';

/** Which requests a fault applies to. */
export interface WooCommerceFaultMatch {
  /** HTTP method, such as `POST`. @default any */
  method?: string;
  /** Path under `/wp-json/wc/v3/` (`orders/16/refunds`), as a string prefix or a RegExp. @default any */
  path?: string | RegExp;
  /** How many matching requests it hits. @default 1 */
  times?: number;
}

/**
 * A fault to inject:
 * - `status`: answer with this HTTP status and a WordPress error body, doing nothing;
 * - `slow`: answer after `delayMs` more (the request is handled normally);
 * - `reset`: drop the connection before handling the request;
 * - `reset-after-write`: handle the request (a write is applied), then drop the connection unanswered.
 */
export type WooCommerceFault = WooCommerceFaultMatch &
  (
    | { kind: 'status'; status: number }
    | { kind: 'slow'; delayMs: number }
    | { kind: 'reset' }
    | { kind: 'reset-after-write' }
  );

/** One request the emulator received. */
export interface WooCommerceEmulatorRequest {
  method: string;
  /** Path under `/wp-json/wc/v3/`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, if any. */
  body: unknown;
  auth: 'oauth' | 'basic' | 'query' | 'none';
  status: number;
}

/** One signed webhook delivery (or ping) the emulator sent. */
export interface WooCommerceWebhookSent {
  webhookId: number;
  topic: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  status: number | null;
  error?: string;
}

/** The emulator's clock: epoch milliseconds. Tests inject one that they move by hand. */
export interface WooCommerceEmulatorClock {
  now(): number;
}

/** Settings of {@link createWooCommerceEmulator}. */
export interface WooCommerceEmulatorOptions {
  /** @default a random `ck_…` */
  consumerKey?: string;
  /** @default a random `cs_…` */
  consumerSecret?: string;
  /** @default the system clock */
  clock?: WooCommerceEmulatorClock;
  /** Shop currency. @default 'TRY' */
  currency?: string;
  taxRates?: EmulatedTaxRate[];
  /** Gateways that can refund automatically (`api_refund: true`). @default ['emulated_card'] */
  refundableGateways?: string[];
  /** Fixed latency added to every list (paginated) response, in milliseconds. @default 0 */
  pageLatencyMs?: number;
  /** Send webhooks as soon as a request finishes, instead of on {@link WooCommerceEmulator.deliverWebhooks}. @default false */
  autoDeliverWebhooks?: boolean;
}

/** A WooCommerce REST API v3 emulator served over HTTP on loopback. */
export interface WooCommerceEmulator {
  /** The site URL (`http://127.0.0.1:<port>`), the exact URL OAuth signatures are checked against. */
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** The shop's state and WooCommerce arithmetic; seed it directly. */
  readonly shop: WooCommerceShop;
  /** Every request received, in order. */
  readonly requests: WooCommerceEmulatorRequest[];
  /** The most requests it was answering at the same time (to check a client's concurrency bound). */
  readonly peakConcurrentRequests: number;
  /** Every webhook sent, in order. */
  readonly webhooksSent: WooCommerceWebhookSent[];
  /** Adds a fault; faults apply in the order added. */
  injectFault(fault: WooCommerceFault): void;
  /** Faults not used up yet. */
  pendingFaults(): readonly WooCommerceFault[];
  /** Subscribes a webhook (as `POST /webhooks` does) and queues its unsigned ping. */
  addWebhook(webhook: { topic: string; deliveryUrl: string; secret: string }): { id: number };
  /** Sends every queued webhook delivery, in order. */
  deliverWebhooks(): Promise<WooCommerceWebhookSent[]>;
  /**
   * Creates a percent coupon (as `POST /coupons` does) for `POST /orders` to apply; it takes an id from
   * the shared sequence, as in WooCommerce.
   */
  addCoupon(code: string, percent: number): { id: number };
  close(): Promise<void>;
}

const prefix = '/wp-json/wc/v3/';
const listDefaults: [string, string][] = [
  ['status%5B0%5D', 'any'],
  ['dp', '2'],
  ['context', 'view'],
];

function restError(status: number, code: string, message: string): WooRestError {
  return new WooRestError(status, code, message);
}

/**
 * Starts a WooCommerce REST API v3 emulator on `127.0.0.1` with WooCommerce's rules: OAuth 1.0a over
 * plain http against the exact URL, Basic auth only over https (`X-Forwarded-Proto: https`, as behind
 * a TLS proxy) and ignored over plain http (401 `woocommerce_rest_cannot_view`), `X-WP-Total` /
 * `X-WP-TotalPages` and a `Link` header that repeats every query parameter, refunds checked against
 * the remaining refundable amount (HTTP 500 `woocommerce_rest_cannot_create_order_refund`, the id
 * still used up), orders created over REST (priced from the product or variation, fee lines taxed as
 * WooCommerce taxes them, negative ones included, `pending` with a `payment_url` until `set_paid`,
 * `parent` and meta), order updates (status, fee lines, `set_paid`, meta), order notes, coupons
 * (unique lower-case codes, listed by `code` or `search`), bodies escaped as PHP does, signed webhooks
 * (`order.*`, the refund action, `coupon.created`), fault injection and an injectable clock.
 *
 * @example
 * ```ts
 * const emulator = await createWooCommerceEmulator();
 * const product = emulator.shop.createProduct({ name: 'Çay Bardağı Seti', price: '100.00' });
 * emulator.shop.createOrder({ lineItems: [{ productId: product.id as number, quantity: 2 }], shippingTotal: '50.00' });
 * // ... createWooCommerceAdapter({ url: emulator.url, consumerKey: emulator.consumerKey, consumerSecret: emulator.consumerSecret })
 * await emulator.close();
 * ```
 */
export async function createWooCommerceEmulator(
  options: WooCommerceEmulatorOptions = {},
): Promise<WooCommerceEmulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const consumerKey = options.consumerKey ?? `ck_${randomBytes(20).toString('hex')}`;
  const consumerSecret = options.consumerSecret ?? `cs_${randomBytes(20).toString('hex')}`;
  const shop = createWooCommerceShop({
    now: () => clock.now(),
    ...(options.currency === undefined ? {} : { currency: options.currency }),
    ...(options.taxRates === undefined ? {} : { taxRates: options.taxRates }),
    ...(options.refundableGateways === undefined ? {} : { refundableGateways: options.refundableGateways }),
  });
  const requests: WooCommerceEmulatorRequest[] = [];
  const webhooksSent: WooCommerceWebhookSent[] = [];
  const faults: (WooCommerceFault & { left: number })[] = [];
  const usedNonces = new Set<string>();
  const webhooks: { id: number; topic: string; deliveryUrl: string; secret: string }[] = [];
  const queue: { webhookId: number; topic: string; url: string; body: string; headers: Record<string, string> }[] = [];
  let nextWebhookId = 1;
  let url = '';

  const links = (self: string, collection: string, extra: Record<string, unknown> = {}) => ({
    self: [{ href: `${url}${prefix}${self}`, targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] } }],
    collection: [{ href: `${url}${prefix}${collection}` }],
    ...extra,
  });
  const withLinks = {
    order(order: WooJson): WooJson {
      const customer = order.customer_id as number;
      return {
        ...order,
        payment_url: `${url}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.order_key}`,
        _links: links(`orders/${order.id}`, 'orders', {
          email_templates: [{ embeddable: true, href: `${url}${prefix}orders/${order.id}/actions/email_templates` }],
          ...(customer > 0 ? { customer: [{ href: `${url}${prefix}customers/${customer}` }] } : {}),
        }),
      };
    },
    refund(refund: WooJson, storeWide: boolean): WooJson {
      const { parent_id: parentId, ...rest } = refund;
      return {
        ...(storeWide ? refund : rest),
        _links: {
          self: [
            {
              href: `${url}${prefix}orders/${parentId}/refunds/${refund.id}`,
              targetHints: { allow: ['GET', 'DELETE'] },
            },
          ],
          collection: [{ href: `${url}${prefix}orders/${parentId}/refunds` }],
          up: [{ href: `${url}${prefix}orders/${parentId}` }],
        },
      };
    },
    customer: (customer: WooJson): WooJson => ({ ...customer, _links: links(`customers/${customer.id}`, 'customers') }),
    coupon: (coupon: WooJson): WooJson => ({ ...coupon, _links: links(`coupons/${coupon.id}`, 'coupons') }),
    product(product: WooJson): WooJson {
      const parent = product.parent_id as number;
      const self = parent > 0 ? `products/${parent}/variations/${product.id}` : `products/${product.id}`;
      return {
        ...product,
        permalink: `${url}/product/${product.slug}/`,
        _links: links(self, parent > 0 ? `products/${parent}/variations` : 'products'),
      };
    },
    note(orderId: number, note: WooJson): WooJson {
      return {
        ...note,
        _links: {
          self: [
            { href: `${url}${prefix}orders/${orderId}/notes/${note.id}`, targetHints: { allow: ['GET', 'DELETE'] } },
          ],
          collection: [{ href: `${url}${prefix}orders/${orderId}/notes` }],
          up: [{ href: `${url}${prefix}orders/${orderId}` }],
        },
      };
    },
  };

  /** A webhook's payload: the resource as the REST API shows it, or an action's `{ action, arg }`. */
  function eventPayload(topic: string, id: number): unknown {
    if (topic.startsWith('action.'))
      return shop.orders.has(id) ? { action: topic.slice('action.'.length), arg: id } : null;
    if (topic.startsWith('coupon.')) {
      const coupon = shop.coupons.get(id);
      return coupon === undefined ? null : withLinks.coupon(coupon);
    }
    const order = shop.orders.get(id);
    return order === undefined ? null : withLinks.order(order);
  }

  // Webhooks are built when a request finishes (as WooCommerce builds them at shutdown).
  function queueEvent(topic: string, id: number): void {
    for (const webhook of webhooks) {
      if (webhook.topic !== topic) continue;
      const payload = eventPayload(topic, id);
      if (payload === null) continue;
      const body = phpJsonEncode(payload);
      const [resource, ...event] = topic.split('.');
      const second = Math.floor(clock.now() / 1000);
      queue.push({
        webhookId: webhook.id,
        topic,
        url: webhook.deliveryUrl,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WooCommerce/11.0.1 Hookshot (WordPress/7.0.4)',
          'x-wc-webhook-source': `${url}/`,
          'x-wc-webhook-topic': topic,
          'x-wc-webhook-resource': resource ?? '',
          'x-wc-webhook-event': event.join('.'),
          'x-wc-webhook-signature': createHmac('sha256', Buffer.from(webhook.secret, 'utf8'))
            .update(body)
            .digest('base64'),
          'x-wc-webhook-id': String(webhook.id),
          'x-wc-webhook-delivery-id': createHash('md5').update(`${webhook.id}:${second}`).digest('hex'),
        },
      });
    }
  }

  async function deliverWebhooks(): Promise<WooCommerceWebhookSent[]> {
    const batch = queue.splice(0, queue.length);
    const sent: WooCommerceWebhookSent[] = [];
    for (const item of batch) {
      const record: WooCommerceWebhookSent = { ...item, status: null };
      try {
        const response = await fetch(item.url, { method: 'POST', body: item.body, headers: item.headers });
        await response.arrayBuffer();
        record.status = response.status;
      } catch (error) {
        record.error = String(error);
      }
      webhooksSent.push(record);
      sent.push(record);
    }
    return sent;
  }

  function takeFault(method: string, path: string): WooCommerceFault | undefined {
    const index = faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.path === undefined ||
          (typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path))),
    );
    if (index < 0) return undefined;
    const fault = faults[index] as WooCommerceFault & { left: number };
    fault.left -= 1;
    if (fault.left <= 0) faults.splice(index, 1);
    return fault;
  }

  type Auth = WooCommerceEmulatorRequest['auth'];
  function authenticate(request: IncomingMessage, pathname: string, params: [string, string][]): Auth {
    const https = request.headers['x-forwarded-proto'] === 'https';
    const query = new Map(params);
    if (https) {
      const header = request.headers.authorization;
      if (header?.startsWith('Basic ')) {
        const [key, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
        if (key !== consumerKey || secret !== consumerSecret) {
          throw restError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
        }
        return 'basic';
      }
      if (query.has('consumer_key')) {
        if (query.get('consumer_key') !== consumerKey || query.get('consumer_secret') !== consumerSecret) {
          throw restError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
        }
        return 'query';
      }
      return 'none';
    }
    // Plain http: only OAuth 1.0a counts; Basic credentials are ignored, not refused.
    if (!query.has('oauth_consumer_key')) return 'none';
    if (query.get('oauth_consumer_key') !== consumerKey) {
      throw restError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
    }
    const timestamp = Number(query.get('oauth_timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(clock.now() / 1000 - timestamp) > 15 * 60) {
      throw restError(401, 'woocommerce_rest_authentication_error', 'Invalid timestamp.');
    }
    const signedUrl = `${url}${pathname}`;
    if (!verifyOAuthSignature({ method: request.method ?? 'GET', url: signedUrl, params, consumerSecret })) {
      throw restError(
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      );
    }
    const nonce = `${query.get('oauth_nonce')}:${timestamp}`;
    if (usedNonces.has(nonce)) {
      throw restError(401, 'woocommerce_rest_authentication_error', 'Invalid nonce - nonce has already been used.');
    }
    usedNonces.add(nonce);
    return 'oauth';
  }

  interface Answer {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
    list?: boolean;
  }

  /** One page of a list, with WooCommerce's headers; `present` (links added) runs on that page's items only. */
  function paginate(
    items: WooJson[],
    query: URLSearchParams,
    rawQuery: string,
    pathname: string,
    present: (item: WooJson) => WooJson,
  ): Answer {
    const perPage = Number(query.get('per_page') ?? '10');
    const page = Number(query.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      throw restError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    }
    if (!Number.isInteger(page) || page < 1) throw restError(400, 'rest_invalid_param', 'Invalid parameter(s): page');
    const total = items.length;
    const totalPages = Math.ceil(total / perPage);
    const headers: Record<string, string> = {
      'x-wp-total': String(total),
      'x-wp-totalpages': String(totalPages),
      'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages, Link',
    };
    // The Link header repeats every query parameter as received (oauth_* included) plus defaults.
    const seen = new Map<string, string>();
    for (const pair of rawQuery === '' ? [] : rawQuery.split('&')) {
      const [key = '', value = ''] = pair.split('=');
      seen.set(key, value);
    }
    const pairs = [...seen.entries()];
    for (const [key, value] of listDefaults) if (!pairs.some(([k]) => k === key)) pairs.push([key, value]);
    const linkTo = (target: number) => {
      const withPage = pairs.some(([k]) => k === 'page')
        ? pairs.map(([k, v]) => [k, k === 'page' ? String(target) : v])
        : [...pairs, ['page', String(target)]];
      return `${url}${pathname}?${withPage.map(([k, v]) => `${k}=${v ?? ''}`).join('&')}`;
    };
    const link: string[] = [];
    if (page > 1 && page - 1 <= totalPages) link.push(`<${linkTo(page - 1)}>; rel="prev"`);
    if (page < totalPages) link.push(`<${linkTo(page + 1)}>; rel="next"`);
    if (link.length > 0) headers.link = link.join(', ');
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage).map(present), headers, list: true };
  }

  const byId = <T extends WooJson>(map: Map<number, T>, id: string, code: string): T => {
    const found = map.get(Number(id));
    if (found === undefined) throw restError(404, code, 'Invalid ID.');
    return found;
  };
  const sortItems = (items: WooJson[], query: URLSearchParams, defaultBy: string): WooJson[] => {
    const orderBy = query.get('orderby') ?? defaultBy;
    const direction = (query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
    const key = orderBy === 'modified' ? 'date_modified_gmt' : orderBy === 'id' ? 'id' : 'date_created_gmt';
    return [...items].sort((a, b) => {
      const x = a[key] as string | number;
      const y = b[key] as string | number;
      return (x < y ? -1 : x > y ? 1 : (a.id as number) - (b.id as number)) * direction;
    });
  };
  const afterFilter = (value: string | null) => {
    if (value === null) return () => true;
    const limit = Date.parse(/(?:Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`);
    return (stamp: unknown) => Date.parse(`${stamp as string}Z`) > limit;
  };

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    rawQuery: string,
    pathname: string,
    events: [string, number][],
  ): Answer {
    const parts = path.split('/').filter((part) => part !== '');
    const [resource, id, sub, subId] = parts;
    const json = (body ?? {}) as Record<string, unknown>;
    if (resource === 'orders' && id === undefined && method === 'GET') {
      const customer = query.get('customer');
      const search = query.get('search')?.toLowerCase();
      const statuses = query
        .get('status')
        ?.split(',')
        .filter((status) => status !== 'any');
      const include = query.get('include')?.split(',').map(Number);
      const parent = query.get('parent')?.split(',').map(Number);
      const modifiedAfter = afterFilter(query.get('modified_after'));
      const createdAfter = afterFilter(query.get('after'));
      const items = [...shop.orders.values()].filter(
        (order) =>
          (customer === null || String(order.customer_id) === customer) &&
          (parent === undefined || parent.includes(order.parent_id as number)) &&
          (search === undefined || JSON.stringify([order.billing, order.id]).toLowerCase().includes(search)) &&
          (statuses === undefined || statuses.length === 0 || statuses.includes(order.status as string)) &&
          (include === undefined || include.includes(order.id as number)) &&
          modifiedAfter(order.date_modified_gmt) &&
          createdAfter(order.date_created_gmt),
      );
      return paginate(sortItems(items, query, 'date'), query, rawQuery, pathname, withLinks.order);
    }
    if (resource === 'orders' && id === undefined && method === 'POST') {
      const lines =
        (json.line_items as { product_id: number; variation_id?: number; quantity: number }[] | undefined) ?? [];
      const couponCode = (json.coupon_lines as { code: string }[] | undefined)?.[0]?.code?.toLowerCase();
      const coupon = [...shop.coupons.values()].find((candidate) => candidate.code === couponCode);
      const order = shop.createOrder({
        customerId: Number(json.customer_id ?? 0),
        ...(typeof json.currency === 'string' ? { currency: json.currency } : {}),
        ...(json.parent_id ? { parentId: Number(json.parent_id) } : {}),
        ...(json.billing ? { billing: json.billing as object } : {}),
        ...(json.shipping ? { shipping: json.shipping as object } : {}),
        ...(typeof json.status === 'string' ? { status: json.status } : {}),
        ...(typeof json.payment_method === 'string' ? { paymentMethod: json.payment_method } : {}),
        ...(typeof json.payment_method_title === 'string' ? { paymentMethodTitle: json.payment_method_title } : {}),
        ...(typeof json.customer_note === 'string' ? { customerNote: json.customer_note } : {}),
        ...(Array.isArray(json.meta_data) ? { metaData: json.meta_data as { key: string; value: unknown }[] } : {}),
        lineItems: lines.map((line) => ({ productId: line.variation_id || line.product_id, quantity: line.quantity })),
        shippingTotal: (json.shipping_lines as { total: string }[] | undefined)?.[0]?.total ?? null,
        fees: (
          (json.fee_lines as
            | { name: string; total: string; tax_status?: string; meta_data?: { key: string; value: unknown }[] }[]
            | undefined) ?? []
        ).map((fee) => ({
          name: fee.name,
          total: fee.total,
          taxable: fee.tax_status !== 'none',
          ...(fee.meta_data === undefined ? {} : { metaData: fee.meta_data }),
        })),
        coupon:
          couponCode === undefined
            ? null
            : { code: couponCode, percent: coupon?.discount_type === 'percent' ? Number(coupon.amount) : 0 },
        setPaid: json.set_paid === true,
      });
      events.push(['order.created', order.id as number], ['order.updated', order.id as number]);
      return { status: 201, body: withLinks.order(order) };
    }
    if (resource === 'orders' && id !== undefined && sub === undefined) {
      if (method === 'GET')
        return { status: 200, body: withLinks.order(byId(shop.orders, id, 'woocommerce_rest_shop_order_invalid_id')) };
      if (method === 'PUT' || method === 'POST' || method === 'PATCH') {
        byId(shop.orders, id, 'woocommerce_rest_shop_order_invalid_id');
        const order = shop.updateOrder(Number(id), json as Parameters<WooCommerceShop['updateOrder']>[1]);
        events.push(['order.updated', Number(id)]);
        return { status: 200, body: withLinks.order(order) };
      }
    }
    if (resource === 'coupons' && id === undefined && method === 'GET') {
      const code = query.get('code')?.toLowerCase();
      const search = query.get('search')?.toLowerCase();
      const items = [...shop.coupons.values()].filter(
        (coupon) =>
          (code === undefined || coupon.code === code) &&
          (search === undefined ||
            `${coupon.code as string} ${coupon.description as string}`.toLowerCase().includes(search)),
      );
      return paginate(sortItems(items, query, 'date'), query, rawQuery, pathname, withLinks.coupon);
    }
    if (resource === 'coupons' && id === undefined && method === 'POST') {
      if (typeof json.code !== 'string')
        throw restError(400, 'rest_missing_callback_param', 'Missing parameter(s): code');
      const coupon = shop.createCoupon(json as unknown as EmulatedCouponInput);
      events.push(['coupon.created', coupon.id as number]);
      return { status: 201, body: withLinks.coupon(coupon) };
    }
    if (resource === 'coupons' && id !== undefined && method === 'GET') {
      return { status: 200, body: withLinks.coupon(byId(shop.coupons, id, 'woocommerce_rest_shop_coupon_invalid_id')) };
    }
    if (resource === 'orders' && id !== undefined && sub === 'refunds') {
      byId(shop.orders, id, 'woocommerce_rest_shop_order_invalid_id');
      if (method === 'GET' && subId === undefined) {
        return paginate(shop.orderRefunds(Number(id)), query, rawQuery, pathname, (refund) =>
          withLinks.refund(refund, false),
        );
      }
      if (method === 'GET') {
        const refund = byId(shop.refunds, subId as string, 'woocommerce_rest_invalid_id');
        if (String(refund.parent_id) !== id) throw restError(404, 'woocommerce_rest_invalid_id', 'Invalid ID.');
        return { status: 200, body: withLinks.refund(refund, false) };
      }
      if (method === 'POST') {
        const refund = shop.createRefund(Number(id), json as EmulatedRefundRequest);
        events.push(['order.updated', Number(id)], ['action.woocommerce_order_refunded', Number(id)]);
        return { status: 201, body: withLinks.refund(refund, false) };
      }
    }
    if (resource === 'orders' && id !== undefined && sub === 'notes') {
      byId(shop.orders, id, 'woocommerce_rest_shop_order_invalid_id');
      if (method === 'GET')
        return {
          status: 200,
          body: (shop.notes.get(Number(id)) ?? []).map((note) => withLinks.note(Number(id), note)),
        };
      if (method === 'POST') {
        const note = shop.addNote(Number(id), String(json.note ?? ''));
        note.author = 'system';
        note.customer_note = json.customer_note === true;
        return { status: 201, body: withLinks.note(Number(id), note) };
      }
    }
    if (resource === 'refunds' && id === undefined && method === 'GET') {
      const createdAfter = afterFilter(query.get('after'));
      const items = [...shop.refunds.values()].filter((refund) => createdAfter(refund.date_created_gmt));
      return paginate(sortItems(items, query, 'date'), query, rawQuery, pathname, (refund) =>
        withLinks.refund(refund, true),
      );
    }
    if (resource === 'customers' && method === 'GET') {
      if (id !== undefined)
        return { status: 200, body: withLinks.customer(byId(shop.customers, id, 'woocommerce_rest_invalid_id')) };
      const email = query.get('email')?.toLowerCase();
      const items = [...shop.customers.values()].filter(
        (customer) => email === undefined || (customer.email as string).toLowerCase() === email,
      );
      return paginate(sortItems(items, query, 'id').reverse(), query, rawQuery, pathname, withLinks.customer);
    }
    if (resource === 'products' && method === 'GET') {
      if (id !== undefined && sub === 'variations' && subId !== undefined) {
        const variation = byId(shop.products, subId, 'woocommerce_rest_product_variation_invalid_id');
        if (String(variation.parent_id) !== id)
          throw restError(404, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
        return { status: 200, body: withLinks.product(variation) };
      }
      if (id !== undefined && sub === undefined) {
        return { status: 200, body: withLinks.product(byId(shop.products, id, 'woocommerce_rest_product_invalid_id')) };
      }
      const include = query.get('include')?.split(',').map(Number);
      const items = [...shop.products.values()].filter(
        (product) =>
          (include === undefined || include.includes(product.id as number)) && (product.parent_id as number) === 0,
      );
      return paginate(sortItems(items, query, 'id'), query, rawQuery, pathname, withLinks.product);
    }
    if (path === 'settings/tax/woocommerce_prices_include_tax' && (method === 'PUT' || method === 'GET')) {
      if (method === 'PUT') {
        if (json.value !== 'yes' && json.value !== 'no')
          throw restError(400, 'rest_setting_value_invalid', 'An invalid setting value was passed.');
        shop.settings.pricesIncludeTax = json.value === 'yes';
      }
      return {
        status: 200,
        body: {
          id: 'woocommerce_prices_include_tax',
          label: 'Prices entered with tax',
          description: '',
          type: 'radio',
          default: 'no',
          options: {
            yes: 'Yes, I will enter prices inclusive of tax',
            no: 'No, I will enter prices exclusive of tax',
          },
          tip: 'This option is important as it will affect how you input prices. If you select "Yes", enter prices including your base location\'s tax rate, the baseline for tax calculations. Changing this option will not update existing products.',
          value: shop.settings.pricesIncludeTax ? 'yes' : 'no',
          group_id: 'tax',
          _links: {
            self: [
              {
                href: `${url}${prefix}settings/tax/woocommerce_prices_include_tax`,
                targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH'] },
              },
            ],
            collection: [{ href: `${url}${prefix}settings/tax` }],
          },
        },
      };
    }
    throw restError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  const unauthenticated = (method: string, isList: boolean): WooRestError => {
    if (method === 'GET') {
      return restError(
        401,
        'woocommerce_rest_cannot_view',
        isList ? 'Sorry, you cannot list resources.' : 'Sorry, you cannot view this resource.',
      );
    }
    if (method === 'POST')
      return restError(401, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
    return restError(401, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
  };

  let concurrentRequests = 0;
  let peakConcurrentRequests = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    concurrentRequests++;
    peakConcurrentRequests = Math.max(peakConcurrentRequests, concurrentRequests);
    try {
      await respond(request, response);
    } finally {
      concurrentRequests--;
    }
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (request.method ?? 'GET').toUpperCase();
    const target = request.url ?? '/';
    const questionMark = target.indexOf('?');
    const pathname = questionMark < 0 ? target : target.slice(0, questionMark);
    const rawQuery = questionMark < 0 ? '' : target.slice(questionMark + 1);
    // PHP keeps one value per query key (the last), so a parameter sent twice counts once.
    const query = new URLSearchParams([...new Map(new URLSearchParams(rawQuery)).entries()]);
    const params = [...query.entries()];
    const path = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname;
    const record: WooCommerceEmulatorRequest = {
      method,
      path,
      query: Object.fromEntries(params),
      body: undefined,
      auth: 'none',
      status: 0,
    };
    requests.push(record);
    const fault = takeFault(method, path);
    if (fault?.kind === 'reset') {
      record.status = -1;
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      record.status = fault.status;
      send(response, fault.status, {
        code: 'internal_server_error',
        message: 'There has been a critical error on this website.',
        data: { status: fault.status },
      });
      return;
    }
    const events: [string, number][] = [];
    let answer: Answer;
    try {
      if (raw !== '') {
        try {
          record.body = JSON.parse(raw);
        } catch {
          throw restError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
        }
      }
      if (!pathname.startsWith(prefix))
        throw restError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
      record.auth = authenticate(request, pathname, params);
      const isList = /^(orders|customers|products|refunds|coupons)\/?$/.test(path) || /\/refunds\/?$/.test(path);
      if (record.auth === 'none') throw unauthenticated(method, isList);
      answer = route(method, path, query, record.body, rawQuery, pathname, events);
    } catch (error) {
      if (!(error instanceof WooRestError)) throw error;
      answer = { status: error.status, body: error.toJSON() };
    }
    record.status = answer.status;
    for (const [topic, orderId] of events) queueEvent(topic, orderId);
    if (options.autoDeliverWebhooks && queue.length > 0) void deliverWebhooks();
    if (fault?.kind === 'reset-after-write') {
      record.status = -1;
      request.socket.destroy();
      return;
    }
    const delay = (fault?.kind === 'slow' ? fault.delayMs : 0) + (answer.list ? (options.pageLatencyMs ?? 0) : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    send(response, answer.status, answer.body, answer.headers);
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = phpJsonEncode(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'x-robots-tag': 'noindex',
      'x-content-type-options': 'nosniff',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    response.end(text);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, { code: 'emulator_error', message: String(error), data: { status: 500 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    consumerKey,
    consumerSecret,
    shop,
    requests,
    get peakConcurrentRequests() {
      return peakConcurrentRequests;
    },
    webhooksSent,
    injectFault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    pendingFaults: () => faults.map(({ left: _left, ...fault }) => fault as WooCommerceFault),
    addWebhook(webhook) {
      const id = nextWebhookId++;
      webhooks.push({ id, ...webhook });
      const body = `webhook_id=${id}`;
      queue.push({
        webhookId: id,
        topic: 'ping',
        url: webhook.deliveryUrl,
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'WooCommerce/11.0.1 Hookshot (WordPress/7.0.4)',
        },
      });
      return { id };
    },
    deliverWebhooks,
    addCoupon(code, percent) {
      const coupon = shop.createCoupon({ code, discount_type: 'percent', amount: String(percent) });
      return { id: coupon.id as number };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
