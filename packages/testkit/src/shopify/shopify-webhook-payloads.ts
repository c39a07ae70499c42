import {
  decimal,
  type EmulatedOrder,
  type EmulatedRefund,
  type EmulatedReturn,
  moneyBag,
} from './shopify-emulator-state.js';

/**
 * REST-shaped webhook bodies the emulator sends, written to validate against Shopify's published JSON
 * schemas of API 2026-07's payloads. Those schemas were derived from sample payloads and forbid some
 * array items outright (`refund_shipping_lines`, `duties` in `refunds/create`; `return_line_items`,
 * `exchange_line_items`, `return_shipping_fees` in `returns/request`; `return_line_items` in
 * `returns/approve`), and require `name: null` on returns: the bodies here follow them, so shipping
 * refunds and return lines are not listed in webhooks and a receiver re-reads them over GraphQL.
 */

const legacy = (gid: string | null): number | null => {
  if (!gid) return null;
  const value = Number(gid.split('/').pop());
  return Number.isSafeInteger(value) ? value : null;
};

const restBag = (order: EmulatedOrder, amount: number) => {
  const bag = moneyBag(order, amount);
  return {
    shop_money: { amount: bag.shopMoney.amount, currency_code: bag.shopMoney.currencyCode },
    presentment_money: { amount: bag.presentmentMoney.amount, currency_code: bag.presentmentMoney.currencyCode },
  };
};

/** `refunds/create`. */
export function restRefundPayload(refund: EmulatedRefund, order: EmulatedOrder) {
  const orderId = order.legacyId;
  const transactions = order.transactions.filter(
    (transaction) => transaction.kind === 'REFUND' && transaction.createdAt === refund.createdAt,
  );
  return {
    id: legacy(refund.id) ?? 0,
    admin_graphql_api_id: refund.id,
    order_id: orderId,
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note ?? '',
    user_id: 0,
    restock: refund.lines.some((line) => line.restockType !== 'NO_RESTOCK'),
    return: refund.returnId ? { id: legacy(refund.returnId) ?? 0, admin_graphql_api_id: refund.returnId } : null,
    duties: [],
    total_duties_set: restBag(order, 0),
    order_adjustments: [],
    refund_shipping_lines: [],
    refund_line_items: refund.lines.map((line, index) => {
      const orderLine = order.lines.find((entry) => entry.id === line.lineItemId);
      const discount = orderLine?.discounts.reduce((sum, entry) => sum + entry.amount, 0) ?? 0;
      return {
        id: (legacy(refund.id) ?? 0) * 100 + index,
        line_item_id: legacy(line.lineItemId) ?? 0,
        location_id: null,
        quantity: line.quantity,
        restock_type: line.restockType.toLowerCase(),
        subtotal: Number(decimal(line.subtotal, order.currency)),
        subtotal_set: restBag(order, line.subtotal),
        total_tax: Number(decimal(line.tax, order.currency)),
        total_tax_set: restBag(order, line.tax),
        line_item: {
          id: legacy(line.lineItemId) ?? 0,
          admin_graphql_api_id: line.lineItemId,
          name: orderLine?.title ?? '',
          title: orderLine?.title ?? '',
          quantity: orderLine?.quantity ?? line.quantity,
          fulfillable_quantity: 0,
          fulfillment_service: 'manual',
          fulfillment_status: null,
          gift_card: orderLine?.giftCard ?? false,
          grams: 0,
          price: decimal(orderLine?.unitPrice ?? 0, order.currency),
          price_set: restBag(order, orderLine?.unitPrice ?? 0),
          product_exists: orderLine?.productId !== null,
          product_id: legacy(orderLine?.productId ?? null),
          properties: [],
          requires_shipping: orderLine?.requiresShipping ?? true,
          sku: orderLine?.sku ?? '',
          taxable: (orderLine?.taxLines.length ?? 0) > 0,
          tax_lines: (orderLine?.taxLines ?? []).map((tax) => ({
            title: tax.title,
            rate: tax.rate,
            price: decimal(tax.amount, order.currency),
            price_set: restBag(order, tax.amount),
            channel_liable: false,
          })),
          total_discount: decimal(discount, order.currency),
          total_discount_set: restBag(order, discount),
          discount_allocations: (orderLine?.discounts ?? []).map((entry, allocationIndex) => ({
            amount: decimal(entry.amount, order.currency),
            amount_set: restBag(order, entry.amount),
            discount_application_index: allocationIndex,
          })),
          duties: [],
          variant_id: legacy(orderLine?.variantId ?? null),
          variant_inventory_management: null,
          variant_title: orderLine?.variantTitle ?? null,
          vendor: orderLine?.vendor ?? null,
        },
      };
    }),
    transactions: transactions.map((transaction) => ({
      id: legacy(transaction.id) ?? 0,
      admin_graphql_api_id: transaction.id,
      order_id: orderId,
      kind: transaction.kind.toLowerCase(),
      gateway: transaction.gateway ?? 'manual',
      status: transaction.status.toLowerCase(),
      message: null,
      created_at: transaction.createdAt,
      processed_at: transaction.createdAt,
      test: false,
      authorization: null,
      location_id: null,
      user_id: null,
      parent_id: legacy(transaction.parentId),
      device_id: null,
      error_code: null,
      source_name: 'aftersale',
      receipt: {},
      amount: decimal(transaction.amount, order.currency),
      currency: order.currency,
      payment_id: `${order.name}.${legacy(transaction.id) ?? 0}`,
      total_unsettled_set: {
        shop_money: { amount: '0.00', currency: order.currency },
        presentment_money: { amount: '0.00', currency: order.presentment?.currency ?? order.currency },
      },
      manual_payment_gateway: false,
      amount_rounding: null,
    })),
  };
}

/** `returns/request`, `returns/approve`, `returns/decline`, `returns/close` (each topic's own shape). */
export function restReturnPayload(entry: EmulatedReturn, order: EmulatedOrder, topic: string) {
  const base = { id: legacy(entry.id) ?? 0, admin_graphql_api_id: entry.id, status: entry.status.toLowerCase() };
  if (topic === 'returns/close' || topic === 'returns/cancel' || topic === 'returns/reopen') {
    return { ...base, order_id: order.legacyId };
  }
  const orderReference = { id: order.legacyId, admin_graphql_api_id: order.id };
  if (topic === 'returns/decline') {
    return {
      ...base,
      order: orderReference,
      decline: { reason: (entry.decline?.reason ?? 'OTHER').toLowerCase(), note: entry.decline?.note ?? '' },
    };
  }
  return {
    ...base,
    name: null,
    order: orderReference,
    total_return_line_items: entry.lines.length,
    return_line_items: [],
    return_shipping_fees: [],
    exchange_line_items:
      topic === 'returns/approve'
        ? entry.exchangeLines.map((line) => ({
            id: legacy(line.id) ?? 0,
            admin_graphql_api_id: line.id,
            line_item: null,
          }))
        : [],
    total_exchange_line_items: entry.exchangeLines.length,
  };
}
