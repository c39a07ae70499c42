/**
 * Every GraphQL document the adapter sends, pinned to Admin API 2026-10 and free of deprecated
 * fields (a test validates every document the emulator received against the real schema).
 */

const money = 'amount currencyCode';
const bag = `shopMoney { ${money} } presentmentMoney { ${money} }`;
const address = 'firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone';
const taxLine = `title rate priceSet { ${bag} }`;
const discountAllocation = `allocatedAmountSet { ${bag} } discountApplication { __typename allocationMethod targetSelection targetType ... on DiscountCodeApplication { code } ... on ManualDiscountApplication { title } ... on AutomaticDiscountApplication { title } ... on ScriptDiscountApplication { title } }`;

/** Line items per order page; more are read with {@link orderLineItemsQuery}. */
export const lineItemsPerOrder = 5;
/** Fulfilments (and their lines) and transactions per order page; an order at a limit is re-read whole. */
export const fulfillmentsPerOrder = 2;
export const fulfillmentLinesPerOrder = 5;
export const transactionsPerOrder = 5;

const lineItem = `id title variantTitle sku quantity isGiftCard requiresShipping vendor
  customAttributes { key value }
  originalUnitPriceSet { ${bag} }
  discountAllocations { ${discountAllocation} }
  taxLines(first: 3) { ${taxLine} }
  product { id }
  variant { id }`;

const fulfillment = (first: number, lines: number) => `fulfillments(first: ${first}) {
    id status createdAt deliveredAt estimatedDeliveryAt inTransitAt
    trackingInfo(first: 2) { company number url }
    fulfillmentLineItems(first: ${lines}) { pageInfo { hasNextPage endCursor } nodes { id quantity lineItem { id } } } }`;

const refund = `id createdAt note totalRefundedSet { ${bag} }
    refundLineItems(first: 10) { nodes { quantity restockType lineItem { id } subtotalSet { ${bag} } totalTaxSet { ${bag} } } }
    refundShippingLines(first: 2) { nodes { subtotalAmountSet { ${bag} } taxAmountSet { ${bag} } } }`;

const transaction = `id kind status gateway createdAt amountSet { ${bag} } parentTransaction { id }`;

/**
 * The order fields a decision needs, kept within Shopify's single-query cost limit for a page of
 * orders: product facts are read once per product ({@link productFactsQuery}); refunds are named here
 * and read whole with {@link orderRefundDetailsQuery}; an order at a list limit is re-read whole.
 */
export const orderFields = `id name createdAt processedAt updatedAt cancelledAt
  currencyCode presentmentCurrencyCode taxesIncluded
  displayFinancialStatus displayFulfillmentStatus
  email tags discountCodes
  customer { id }
  billingAddress { ${address} }
  shippingAddress { ${address} }
  subtotalPriceSet { ${bag} }
  totalDiscountsSet { ${bag} }
  totalShippingPriceSet { ${bag} }
  totalTaxSet { ${bag} }
  totalPriceSet { ${bag} }
  lineItems(first: ${lineItemsPerOrder}) { pageInfo { hasNextPage endCursor } nodes { ${lineItem} } }
  shippingLines(first: 2) { nodes { id title code originalPriceSet { ${bag} } discountAllocations { ${discountAllocation} } taxLines { ${taxLine} } } }
  ${fulfillment(fulfillmentsPerOrder, fulfillmentLinesPerOrder)}
  refunds(first: 5) { id }
  transactions(first: ${transactionsPerOrder}) { ${transaction} }`;

export const orderQuery = `query AftersaleOrder($id: ID!) { order(id: $id) { ${orderFields} } }`;

export const ordersQuery = `query AftersaleOrders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys) {
  orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
    pageInfo { hasNextPage endCursor }
    nodes { ${orderFields} }
  }
}`;

export const orderLineItemsQuery = `query AftersaleOrderLineItems($id: ID!, $after: String) {
  order(id: $id) { lineItems(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${lineItem} } } }
}`;

export const productFactsQuery = `query AftersaleProductFacts($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Product { id tags productType vendor collections(first: 10) { nodes { handle } } } }
}`;

const customerFields = `id firstName lastName locale createdAt updatedAt tags
  defaultEmailAddress { emailAddress marketingState }
  defaultPhoneNumber { phoneNumber }
  defaultAddress { ${address} }`;

export const customerQuery = `query AftersaleCustomer($id: ID!) { customer(id: $id) { ${customerFields} } }`;

export const customersQuery = `query AftersaleCustomers($first: Int!, $after: String) {
  customers(first: $first, after: $after, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { ${customerFields} } }
}`;

export const suggestedRefundQuery = `query AftersaleSuggestedRefund($id: ID!, $lines: [RefundLineItemInput!], $refundShipping: Boolean) {
  order(id: $id) {
    currencyCode
    suggestedRefund(refundLineItems: $lines, refundShipping: $refundShipping) {
      amountSet { ${bag} }
      maximumRefundableSet { ${bag} }
      shipping { amountSet { ${bag} } taxSet { ${bag} } }
      refundLineItems { quantity lineItem { id } subtotalSet { ${bag} } totalTaxSet { ${bag} } }
      suggestedTransactions { gateway kind amountSet { ${bag} } parentTransaction { id } }
    }
  }
}`;

/** `refundCreate` requires the `@idempotent` directive from 2026-04; its key is the ledger key. */
export const refundCreateMutation = `mutation AftersaleRefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) {
    refund { ${refund} }
    userErrors { field message }
  }
}`;

/**
 * The payments and refunds already on an order: which transactions a refund is paid back to, and how
 * a retry finds the refund an earlier attempt may have made.
 */
export const orderRefundsQuery = `query AftersaleOrderRefunds($id: ID!) {
  order(id: $id) { id currencyCode presentmentCurrencyCode
    transactions(first: 20) { ${transaction} }
    refunds(first: 20) { id note } }
}`;

/** One refund, whole: what a retry returns when it finds the refund its key already made. */
export const refundQuery = `query AftersaleRefund($id: ID!) { node(id: $id) { ... on Refund { ${refund} } } }`;

const returnFields = `id name status order { id }
  returnLineItems(first: 50) { nodes { id quantity customerNote returnReasonNote ... on ReturnLineItem { fulfillmentLineItem { lineItem { id } } } } }
  exchangeLineItems(first: 50) { nodes { id quantity variantId } }`;

export const returnQuery = `query AftersaleReturn($id: ID!) { return(id: $id) { ${returnFields} } }`;

/** The fulfilment line items of an order: returns name fulfilment lines, not order lines. */
export const fulfillmentLinesQuery = `query AftersaleFulfillmentLines($id: ID!) {
  order(id: $id) { fulfillments(first: 10) { fulfillmentLineItems(first: 25) { nodes { id quantity lineItem { id } } } } }
}`;

const returnPayload = `return { ${returnFields} } userErrors { field message code }`;

export const returnRequestMutation = `mutation AftersaleReturnRequest($input: ReturnRequestInput!) { returnRequest(input: $input) { ${returnPayload} } }`;
export const returnApproveMutation = `mutation AftersaleReturnApprove($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { ${returnPayload} } }`;
export const returnDeclineMutation = `mutation AftersaleReturnDecline($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { ${returnPayload} } }`;
export const returnCreateMutation = `mutation AftersaleReturnCreate($input: ReturnInput!) { returnCreate(returnInput: $input) { ${returnPayload} } }`;
export const returnProcessMutation = `mutation AftersaleReturnProcess($input: ReturnProcessInput!) { returnProcess(input: $input) { ${returnPayload} } }`;
export const returnCloseMutation = `mutation AftersaleReturnClose($id: ID!) { returnClose(id: $id) { ${returnPayload} } }`;

/** Cancels a return nothing of which was processed. */
export const returnCancelMutation = `mutation AftersaleReturnCancel($id: ID!) { returnCancel(id: $id) { ${returnPayload} } }`;

export const bulkRunMutation = `mutation AftersaleBulkRun($query: String!, $groupObjects: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

export const bulkStatusQuery = `query AftersaleBulkStatus($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url partialDataUrl }
}`;

/** The bulk export of orders: connections are flattened into JSONL lines with `__parentId`. */
export function bulkOrdersDocument(updatedSince: Date | undefined): string {
  const filter = updatedSince ? `(query: "updated_at:>='${updatedSince.toISOString()}'")` : '';
  return `{ orders${filter} { edges { node {
    id name createdAt processedAt updatedAt cancelledAt currencyCode presentmentCurrencyCode taxesIncluded
    displayFinancialStatus displayFulfillmentStatus email tags discountCodes
    customer { id }
    billingAddress { ${address} }
    shippingAddress { ${address} }
    subtotalPriceSet { ${bag} } totalDiscountsSet { ${bag} } totalShippingPriceSet { ${bag} }
    totalTaxSet { ${bag} } totalPriceSet { ${bag} }
    fulfillments { id }
    refunds { id }
    transactions { ${transaction} }
    lineItems { edges { node { ${lineItem.replace(/taxLines\(first: \d+\)/, 'taxLines')} } } }
    shippingLines { edges { node { id title code originalPriceSet { ${bag} } discountAllocations { ${discountAllocation} } taxLines { ${taxLine} } } } }
  } } } }`;
}

/** The refunds of one order, whole. */
export const orderRefundDetailsQuery = `query AftersaleOrderRefundDetails($id: ID!) {
  order(id: $id) { id refunds(first: 5) { ${refund} } }
}`;

/** The fulfilments (with their lines) and transactions of one order that reached a list limit. */
export const orderFulfillmentDetailsQuery = `query AftersaleOrderFulfillmentDetails($id: ID!) {
  order(id: $id) { id ${fulfillment(10, 20)} transactions(first: 20) { ${transaction} } }
}`;

/** Fulfilments (with their lines) of many orders, for a bulk export, which cannot nest them. */
export const ordersFulfillmentsQuery = `query AftersaleOrdersFulfillments($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { id ${fulfillment(fulfillmentsPerOrder, fulfillmentLinesPerOrder)} } }
}`;

/** The order of a refund (refund webhooks carry the order id as a number too large for JSON). */
/** The order a refund belongs to, and what the refund gave back (a refund of an amount alone has no lines to add up). */
export const refundOrderQuery = `query AftersaleRefundOrder($id: ID!) {
  node(id: $id) { ... on Refund { id order { id } totalRefundedSet { shopMoney { ${money} } presentmentMoney { ${money} } } } }
}`;

// ── Store credit ────────────────────────────────────────────────────────────────────────────────

/** `storeCreditAccountCredit` has no `@idempotent`: the adapter's ledger and a look at the account guard it. */
export const storeCreditAccountCreditMutation = `mutation AftersaleStoreCreditCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
  storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
    storeCreditAccountTransaction { id createdAt expiresAt amount { ${money} } }
    userErrors { field message code }
  }
}`;

/** A customer's store credit accounts with their latest movements: how a retry finds a credit already made. */
export const customerStoreCreditQuery = `query AftersaleCustomerStoreCredit($id: ID!) {
  customer(id: $id) {
    id
    storeCreditAccounts(first: 5) { nodes { id balance { ${money} }
      transactions(first: 25, reverse: true) { nodes { __typename createdAt event amount { ${money} } origin { __typename }
        ... on StoreCreditAccountCreditTransaction { id expiresAt } } } } }
  }
}`;

// ── Exchanges ───────────────────────────────────────────────────────────────────────────────────

/** The prices of variants an exchange sends out (in the shop's currency). */
export const variantPricesQuery = `query AftersaleVariantPrices($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { id price } }
}`;

const exchangeReturnLines = (first: number) => `id status order { id }
  returnLineItems(first: ${first}) { nodes { id quantity processedQuantity ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } } } }
  exchangeLineItems(first: ${first}) { nodes { id quantity processedQuantity variantId } }`;
const exchangeReturnFields = exchangeReturnLines(50);

/** One return with what of it was processed: the exchange's return, read before and after processing. */
export const exchangeReturnQuery = `query AftersaleExchangeReturn($id: ID!) { return(id: $id) { ${exchangeReturnFields} } }`;

/** An order's returns: how a retry finds the return an earlier attempt created. */
export const orderReturnsQuery = `query AftersaleOrderReturns($id: ID!) {
  order(id: $id) { id returns(first: 10, reverse: true) { nodes { ${exchangeReturnLines(10)} } } }
}`;

/** An order's refunds with the return each belongs to: the refund a processed exchange paid. */
export const orderReturnRefundsQuery = `query AftersaleOrderReturnRefunds($id: ID!) {
  order(id: $id) { id refunds(first: 25) { id createdAt return { id } totalRefundedSet { ${bag} } } }
}`;

export const exchangeReturnCreateMutation = `mutation AftersaleExchangeReturnCreate($input: ReturnInput!) {
  returnCreate(returnInput: $input) { return { ${exchangeReturnFields} } userErrors { field message code } }
}`;

export const exchangeReturnProcessMutation = `mutation AftersaleExchangeReturnProcess($input: ReturnProcessInput!) {
  returnProcess(input: $input) { return { ${exchangeReturnFields} } userErrors { field message code } }
}`;

/** What the customer still owes on an order, and the link Shopify offers to pay it. */
export const orderPaymentCollectionQuery = `query AftersaleOrderPaymentCollection($id: ID!) {
  order(id: $id) { id totalOutstandingSet { ${bag} } paymentCollectionDetails { additionalPaymentCollectionUrl } }
}`;

// ── Cancellations ───────────────────────────────────────────────────────────────────────────────

/** `orderCancel` runs as a job and has no `@idempotent`: the order's `cancelledAt` tells whether it ran. */
export const orderCancelMutation = `mutation AftersaleOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $refundMethod: OrderCancelRefundMethodInput, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/** Whether an order is cancelled yet: polled while the cancel job runs. */
export const orderCancelledQuery = `query AftersaleOrderCancelled($id: ID!) { order(id: $id) { id cancelledAt } }`;
