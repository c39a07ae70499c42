import { AftersaleError, type Customer, type Order, type ParseResult, parseMoney, type Refund } from '@aftersale/core';
import { z } from 'zod';
import {
  type MapShopifyOrderOptions,
  type MoneySide,
  mapShopifyCustomer,
  mapShopifyOrder,
  mapShopifyRefund,
  moneyFromBag,
} from './map-shopify-order.js';
import type { ShopifyMoneyBag, ShopifyOrder } from './shopify-graphql-types.js';

/**
 * Webhook payloads are REST-shaped (snake_case, `*_set` money bags). They are read tolerantly (extra
 * fields dropped, most fields optional), rewritten into the GraphQL shapes and normalized by the same
 * code as GraphQL reads. Numeric ids in payloads can exceed 2^53: only `admin_graphql_api_id`
 * strings are used.
 */

const restMoney = z.object({ amount: z.union([z.string(), z.number()]), currency_code: z.string() });
const restBag = z.object({ shop_money: restMoney, presentment_money: restMoney });
type RestBag = z.infer<typeof restBag>;

const text = z.string().nullish();
const restAddress = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address1: text,
    address2: text,
    city: text,
    province: text,
    province_code: text,
    zip: text,
    country_code: text,
    phone: text,
  })
  .nullish();
const restTaxLine = z.object({ title: z.string(), rate: z.number().nullish(), price_set: restBag });
const restAllocation = z.object({ amount_set: restBag, discount_application_index: z.number().int().nullish() });

const restRefund = z.object({
  admin_graphql_api_id: z.string(),
  created_at: text,
  processed_at: text,
  note: text,
  refund_line_items: z
    .array(
      z.object({
        quantity: z.number().int(),
        restock_type: text,
        line_item: z.object({ admin_graphql_api_id: z.string() }),
        subtotal_set: restBag,
        total_tax_set: restBag,
      }),
    )
    .default([]),
  refund_shipping_lines: z.array(z.object({ subtotal_amount_set: restBag, tax_amount_set: restBag })).default([]),
  transactions: z
    .array(z.object({ kind: z.string(), status: z.string(), amount: z.string(), currency: text }))
    .default([]),
});

const restOrder = z.object({
  admin_graphql_api_id: z.string(),
  name: text,
  created_at: z.string(),
  processed_at: text,
  updated_at: text,
  cancelled_at: text,
  currency: z.string(),
  presentment_currency: text,
  taxes_included: z.boolean().default(false),
  financial_status: text,
  fulfillment_status: text,
  email: text,
  contact_email: text,
  tags: z.string().nullish(),
  discount_codes: z.array(z.object({ code: z.string() })).default([]),
  discount_applications: z
    .array(z.object({ target_selection: text, allocation_method: text, target_type: text, code: text, title: text }))
    .default([]),
  customer: z.object({ admin_graphql_api_id: z.string() }).nullish(),
  billing_address: restAddress,
  shipping_address: restAddress,
  subtotal_price_set: restBag.nullish(),
  total_discounts_set: restBag.nullish(),
  total_shipping_price_set: restBag,
  total_tax_set: restBag.nullish(),
  total_price_set: restBag,
  line_items: z.array(
    z.object({
      admin_graphql_api_id: z.string(),
      title: z.string(),
      variant_title: text,
      sku: text,
      quantity: z.number().int(),
      gift_card: z.boolean().default(false),
      requires_shipping: z.boolean().default(true),
      vendor: text,
      properties: z.array(z.object({ name: z.string(), value: z.unknown() })).default([]),
      price_set: restBag,
      discount_allocations: z.array(restAllocation).default([]),
      tax_lines: z.array(restTaxLine).default([]),
      product_id: z.number().nullish(),
      variant_id: z.number().nullish(),
    }),
  ),
  shipping_lines: z
    .array(
      z.object({
        id: z.number().nullish(),
        title: z.string(),
        code: text,
        price_set: restBag,
        discount_allocations: z.array(restAllocation).default([]),
        tax_lines: z.array(restTaxLine).default([]),
      }),
    )
    .default([]),
  fulfillments: z
    .array(
      z.object({
        admin_graphql_api_id: z.string(),
        status: text,
        created_at: z.string(),
        tracking_company: text,
        tracking_number: text,
        tracking_url: text,
        line_items: z.array(z.object({ admin_graphql_api_id: z.string(), quantity: z.number().int() })).default([]),
      }),
    )
    .default([]),
  refunds: z.array(restRefund).default([]),
});

const bag = (value: RestBag): ShopifyMoneyBag => ({
  shopMoney: { amount: String(value.shop_money.amount), currencyCode: value.shop_money.currency_code },
  presentmentMoney: {
    amount: String(value.presentment_money.amount),
    currencyCode: value.presentment_money.currency_code,
  },
});

const address = (value: z.infer<typeof restAddress>) =>
  value
    ? {
        firstName: value.first_name,
        lastName: value.last_name,
        company: value.company,
        address1: value.address1,
        address2: value.address2,
        city: value.city,
        province: value.province,
        provinceCode: value.province_code,
        zip: value.zip,
        countryCodeV2: value.country_code,
        phone: value.phone,
      }
    : null;

const restFulfillmentStatus: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
};

/** A GID from a payload's numeric id, only when the number survived JSON parsing exactly. */
function gidFromNumber(type: string, value: number | null | undefined): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? `gid://shopify/${type}/${value}` : null;
}

function restRefundToGraphql(refund: z.infer<typeof restRefund>) {
  // Payload transactions carry no reliable currency: the total is summed from the lines and shipping.
  return {
    id: refund.admin_graphql_api_id,
    createdAt: refund.created_at ?? refund.processed_at ?? null,
    note: refund.note ?? null,
    totalRefundedSet: null,
    refundLineItems: {
      nodes: refund.refund_line_items.map((line) => ({
        quantity: line.quantity,
        restockType: line.restock_type ? line.restock_type.toUpperCase() : null,
        lineItem: { id: line.line_item.admin_graphql_api_id },
        subtotalSet: bag(line.subtotal_set),
        totalTaxSet: bag(line.total_tax_set),
      })),
    },
    refundShippingLines: {
      nodes: refund.refund_shipping_lines.map((line) => ({
        subtotalAmountSet: bag(line.subtotal_amount_set),
        taxAmountSet: bag(line.tax_amount_set),
      })),
    },
  };
}

function fail<T>(error: unknown, code: 'invalid_order' | 'invalid_input'): ParseResult<T> {
  if (AftersaleError.isInstance(error)) return { success: false, error };
  return {
    success: false,
    error: new AftersaleError({
      code,
      message: `The webhook payload could not be read: ${String(error)}`,
      cause: error,
    }),
  };
}

/** Rewrites a REST order payload into the GraphQL order shape. */
export function restOrderToGraphql(payload: unknown): ShopifyOrder {
  const order = restOrder.parse(payload);
  const applications = order.discount_applications;
  const allocations = (list: z.infer<typeof restAllocation>[]) =>
    list.map((allocation) => {
      const application = applications[allocation.discount_application_index ?? -1];
      return {
        allocatedAmountSet: bag(allocation.amount_set),
        discountApplication: {
          allocationMethod: application?.allocation_method?.toUpperCase() ?? null,
          targetSelection: application?.target_selection?.toUpperCase() ?? null,
          targetType: application?.target_type?.toUpperCase() ?? null,
          code: application?.code ?? null,
          title: application?.title ?? null,
        },
      };
    });
  const taxLines = (list: z.infer<typeof restTaxLine>[]) =>
    list.map((line) => ({ title: line.title, rate: line.rate ?? null, priceSet: bag(line.price_set) }));
  const currency = { shop: order.currency, presentment: order.presentment_currency ?? order.currency };
  return {
    id: order.admin_graphql_api_id,
    name: order.name ?? null,
    createdAt: order.created_at,
    processedAt: order.processed_at ?? null,
    updatedAt: order.updated_at ?? null,
    cancelledAt: order.cancelled_at ?? null,
    currencyCode: currency.shop,
    presentmentCurrencyCode: currency.presentment,
    taxesIncluded: order.taxes_included,
    displayFinancialStatus: order.financial_status ? order.financial_status.toUpperCase() : null,
    displayFulfillmentStatus: order.fulfillment_status
      ? (restFulfillmentStatus[order.fulfillment_status] ?? order.fulfillment_status.toUpperCase())
      : 'UNFULFILLED',
    email: order.email ?? order.contact_email ?? null,
    tags: (order.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0),
    discountCodes: order.discount_codes.map((code) => code.code),
    customer: order.customer ? { id: order.customer.admin_graphql_api_id } : null,
    billingAddress: address(order.billing_address),
    shippingAddress: address(order.shipping_address),
    subtotalPriceSet: order.subtotal_price_set ? bag(order.subtotal_price_set) : null,
    totalDiscountsSet: order.total_discounts_set ? bag(order.total_discounts_set) : null,
    totalShippingPriceSet: bag(order.total_shipping_price_set),
    totalTaxSet: order.total_tax_set ? bag(order.total_tax_set) : null,
    totalPriceSet: bag(order.total_price_set),
    lineItems: {
      nodes: order.line_items.map((line) => {
        const productId = gidFromNumber('Product', line.product_id);
        const variantId = gidFromNumber('ProductVariant', line.variant_id);
        return {
          id: line.admin_graphql_api_id,
          title: line.title,
          variantTitle: line.variant_title ?? null,
          sku: line.sku ?? null,
          quantity: line.quantity,
          isGiftCard: line.gift_card,
          requiresShipping: line.requires_shipping,
          vendor: line.vendor ?? null,
          customAttributes: line.properties.map((property) => ({
            key: property.name,
            value: String(property.value ?? ''),
          })),
          originalUnitPriceSet: bag(line.price_set),
          discountAllocations: allocations(line.discount_allocations),
          taxLines: taxLines(line.tax_lines),
          product: productId ? { id: productId } : null,
          variant: variantId ? { id: variantId } : null,
        };
      }),
    },
    shippingLines: {
      nodes: order.shipping_lines.map((line) => ({
        id: gidFromNumber('ShippingLine', line.id ?? null),
        title: line.title,
        code: line.code ?? null,
        originalPriceSet: bag(line.price_set),
        discountAllocations: allocations(line.discount_allocations),
        taxLines: taxLines(line.tax_lines),
      })),
    },
    fulfillments: order.fulfillments.map((fulfillment) => ({
      id: fulfillment.admin_graphql_api_id,
      status: fulfillment.status?.toUpperCase() ?? null,
      createdAt: fulfillment.created_at,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      inTransitAt: null,
      trackingInfo:
        fulfillment.tracking_number || fulfillment.tracking_company
          ? [
              {
                company: fulfillment.tracking_company,
                number: fulfillment.tracking_number,
                url: fulfillment.tracking_url,
              },
            ]
          : [],
      fulfillmentLineItems: {
        nodes: fulfillment.line_items.map((line) => ({
          id: `${fulfillment.admin_graphql_api_id}/${line.admin_graphql_api_id}`,
          quantity: line.quantity,
          lineItem: { id: line.admin_graphql_api_id },
        })),
      },
    })),
    refunds: order.refunds.map((refund) => restRefundToGraphql(refund)),
    transactions: [],
  };
}

/**
 * Normalizes an `orders/*` webhook payload. A payload that cannot be read (including one in a
 * currency without minor units such as `XXX`) is a failed result, never a crash.
 */
export function parseShopifyOrderWebhook(payload: unknown, options: MapShopifyOrderOptions = {}): ParseResult<Order> {
  try {
    const order = mapShopifyOrder(restOrderToGraphql(payload), options);
    return { success: true, data: { ...order, refunds: order.refunds.map(refundWithComputedTotal) } };
  } catch (error) {
    return fail(error, 'invalid_order');
  }
}

/** Refund totals in payloads are the sum of the refund's lines and shipping. */
function refundWithComputedTotal(refund: Refund): Refund {
  const currency = refund.total.currency;
  let amount = refund.shipping?.amount ?? 0;
  for (const line of refund.lines) amount += line.subtotal.amount + line.tax.amount;
  return { ...refund, total: { amount, currency } };
}

/**
 * Normalizes a `refunds/create` payload. The order id is not in it reliably: re-read it by refund id.
 * The total is the lines' and shipping's; a refund of an amount alone (no lines, no shipping: a
 * goodwill refund made in the admin) has nothing to add up, so its total is `total` when given (the
 * refund's `totalRefundedSet`, read back from the platform), else the payload's successful refund
 * transactions when they name their currency.
 */
export function parseShopifyRefundWebhook(
  payload: unknown,
  options: { money?: MoneySide; total?: ShopifyMoneyBag | null } = {},
): ParseResult<Refund> {
  try {
    const refund = restRefund.parse(payload);
    const first = refund.refund_line_items[0]?.subtotal_set ?? refund.refund_shipping_lines[0]?.subtotal_amount_set;
    const side = options.money ?? 'shop';
    const created = refund.created_at ?? new Date(0).toISOString();
    if (first) {
      const currency = side === 'shop' ? first.shop_money.currency_code : first.presentment_money.currency_code;
      const mapped = mapShopifyRefund(restRefundToGraphql(refund), side, created, currency);
      return { success: true, data: refundWithComputedTotal(mapped) };
    }
    const total = options.total ? moneyFromBag(options.total, side) : transactionsTotal(refund.transactions);
    if (!total) {
      throw new AftersaleError({
        code: 'invalid_input',
        message:
          'The refund has no lines, no shipping and no transaction naming its currency: read its totalRefundedSet from the Admin API and pass it as `total`.',
      });
    }
    const mapped = mapShopifyRefund(restRefundToGraphql(refund), side, created, total.currency);
    return { success: true, data: { ...mapped, total } };
  } catch (error) {
    return fail(error, 'invalid_input');
  }
}

/** What a refund's successful refund transactions moved, when they name their currency. */
function transactionsTotal(transactions: z.infer<typeof restRefund>['transactions']) {
  const moved = transactions.filter((entry) => entry.kind === 'refund' && entry.status === 'success');
  const currency = moved[0]?.currency;
  if (!currency || moved.some((entry) => entry.currency !== currency)) return null;
  let amount = 0;
  for (const entry of moved) amount += parseMoney(entry.amount, currency).amount;
  return { amount, currency };
}

const restCustomer = z.object({
  admin_graphql_api_id: z.string(),
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  created_at: text,
  updated_at: text,
  tags: text,
  email_marketing_consent: z.object({ state: text }).nullish(),
  default_address: restAddress,
});

/** Normalizes a `customers/create|update` payload. */
export function parseShopifyCustomerWebhook(payload: unknown): ParseResult<Customer> {
  try {
    const customer = restCustomer.parse(payload);
    return {
      success: true,
      data: mapShopifyCustomer({
        id: customer.admin_graphql_api_id,
        firstName: customer.first_name ?? null,
        lastName: customer.last_name ?? null,
        locale: null,
        createdAt: customer.created_at ?? null,
        updatedAt: customer.updated_at ?? null,
        tags: (customer.tags ?? '')
          .split(',')
          .map((tag) => tag.trim())
          .filter((tag) => tag.length > 0),
        defaultEmailAddress: customer.email
          ? {
              emailAddress: customer.email,
              marketingState: customer.email_marketing_consent?.state?.toUpperCase() ?? null,
            }
          : null,
        defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
        defaultAddress: address(customer.default_address),
      }),
    };
  } catch (error) {
    return fail(error, 'invalid_input');
  }
}

const restReturn = z.object({
  admin_graphql_api_id: z.string(),
  status: text,
  order: z.object({ admin_graphql_api_id: z.string() }).nullish(),
  order_id: z.number().nullish(),
});

/** What a `returns/*` payload says reliably: the return's GID, and its status and order when sent. */
export interface ShopifyReturnWebhookFacts {
  returnId: string;
  status: string | null;
  orderId: string | null;
}

/**
 * Reads a `returns/*` payload. Some are empty (`returns/process` is `{}`) or list no lines: the
 * handler re-reads the Return over GraphQL; `returnId` is `null` when the payload names none.
 */
export function parseShopifyReturnWebhook(payload: unknown): ShopifyReturnWebhookFacts | null {
  const parsed = restReturn.safeParse(payload);
  if (!parsed.success) return null;
  return {
    returnId: parsed.data.admin_graphql_api_id,
    status: parsed.data.status ? parsed.data.status.toUpperCase() : null,
    orderId: parsed.data.order?.admin_graphql_api_id ?? gidFromNumber('Order', parsed.data.order_id ?? null),
  };
}

const compliance = z.object({
  shop_domain: z.string().nullish(),
  customer: z.object({ id: z.number().nullish(), email: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  orders_to_redact: z.array(z.number()).default([]),
  orders_requested: z.array(z.number()).default([]),
});

/** The person and orders a compliance webhook (`customers/data_request`, `customers/redact`) is about. */
export interface ShopifyComplianceFacts {
  shopDomain: string | null;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  orderIds: string[];
}

/** Reads a compliance payload. Ids that lost precision in JSON are dropped; e-mail and phone remain. */
export function parseShopifyComplianceWebhook(payload: unknown): ParseResult<ShopifyComplianceFacts> {
  const parsed = compliance.safeParse(payload);
  if (!parsed.success) return fail(parsed.error, 'invalid_input');
  const orders = [...parsed.data.orders_to_redact, ...parsed.data.orders_requested];
  return {
    success: true,
    data: {
      shopDomain: parsed.data.shop_domain ?? null,
      customerId: gidFromNumber('Customer', parsed.data.customer?.id ?? null),
      email: parsed.data.customer?.email ?? null,
      phone: parsed.data.customer?.phone ?? null,
      orderIds: orders.map((id) => gidFromNumber('Order', id)).filter((id): id is string => id !== null),
    },
  };
}
