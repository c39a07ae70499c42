/**
 * The emulator's own schema: a hand-kept subset of Shopify's Admin GraphQL API 2026-10 (types, fields
 * and arguments with the same names and types as the real ones; a test in this package proves it
 * against the real introspection result). Only what aftersale's adapter and its tests need is here.
 */
export const shopifyAdminSchemaSdl = `
directive @idempotent(key: String!) on FIELD

scalar DateTime

scalar Decimal

scalar Money

scalar URL

scalar UnsignedInt64

type QueryRoot {
  order(id: ID!): Order
  orders(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean, savedSearchId: ID, sortKey: OrderSortKeys): OrderConnection!
  customer(id: ID!): Customer
  customers(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean, sortKey: CustomerSortKeys): CustomerConnection!
  return(id: ID!): Return
  bulkOperation(id: ID!): BulkOperation
  node(id: ID!): Node
  nodes(ids: [ID!]!): [Node]!
}

type Mutation {
  refundCreate(input: RefundInput!): RefundCreatePayload
  returnRequest(input: ReturnRequestInput!): ReturnRequestPayload
  returnApproveRequest(input: ReturnApproveRequestInput!): ReturnApproveRequestPayload
  returnDeclineRequest(input: ReturnDeclineRequestInput!): ReturnDeclineRequestPayload
  returnCreate(returnInput: ReturnInput!): ReturnCreatePayload
  returnProcess(input: ReturnProcessInput!): ReturnProcessPayload
  returnClose(id: ID!): ReturnClosePayload
  returnCancel(id: ID!): ReturnCancelPayload
  storeCreditAccountCredit(creditInput: StoreCreditAccountCreditInput!, id: ID!): StoreCreditAccountCreditPayload
  orderCancel(notifyCustomer: Boolean, orderId: ID!, reason: OrderCancelReason!, refundMethod: OrderCancelRefundMethodInput, restock: Boolean!, staffNote: String): OrderCancelPayload
  bulkOperationRunQuery(groupObjects: Boolean!, query: String!): BulkOperationRunQueryPayload
}

interface Node {
  id: ID!
}

interface DisplayableError {
  field: [String!]
  message: String!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type MoneyV2 {
  amount: Decimal!
  currencyCode: CurrencyCode!
}

type MoneyBag {
  presentmentMoney: MoneyV2!
  shopMoney: MoneyV2!
}

type MailingAddress implements Node {
  id: ID!
  firstName: String
  lastName: String
  company: String
  address1: String
  address2: String
  city: String
  province: String
  provinceCode: String
  zip: String
  countryCodeV2: CountryCode
  phone: String
}

type Attribute {
  key: String!
  value: String
}

type TaxLine {
  title: String!
  rate: Float
  priceSet: MoneyBag!
}

interface DiscountApplication {
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  index: Int!
}

type DiscountCodeApplication implements DiscountApplication {
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  index: Int!
  code: String!
}

type ManualDiscountApplication implements DiscountApplication {
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  index: Int!
  title: String!
  description: String
}

type AutomaticDiscountApplication implements DiscountApplication {
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  index: Int!
  title: String!
}

type ScriptDiscountApplication implements DiscountApplication {
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  index: Int!
  title: String!
}

type DiscountAllocation {
  allocatedAmountSet: MoneyBag!
  discountApplication: DiscountApplication!
}

type Order implements Node {
  id: ID!
  name: String!
  createdAt: DateTime!
  processedAt: DateTime!
  updatedAt: DateTime!
  cancelledAt: DateTime
  currencyCode: CurrencyCode!
  presentmentCurrencyCode: CurrencyCode!
  taxesIncluded: Boolean!
  displayFinancialStatus: OrderDisplayFinancialStatus
  displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  email: String
  tags: [String!]!
  discountCodes: [String!]!
  customer: Customer
  billingAddress: MailingAddress
  shippingAddress: MailingAddress
  subtotalPriceSet: MoneyBag
  totalDiscountsSet: MoneyBag
  totalShippingPriceSet: MoneyBag!
  totalTaxSet: MoneyBag
  totalPriceSet: MoneyBag!
  totalRefundedSet: MoneyBag!
  totalOutstandingSet: MoneyBag!
  cancelReason: OrderCancelReason
  paymentCollectionDetails: OrderPaymentCollectionDetails!
  lineItems(after: String, before: String, first: Int, last: Int, reverse: Boolean): LineItemConnection!
  shippingLines(after: String, before: String, first: Int, includeRemovals: Boolean, last: Int, reverse: Boolean): ShippingLineConnection!
  fulfillments(first: Int, query: String): [Fulfillment!]!
  refunds(first: Int): [Refund!]!
  transactions(capturable: Boolean, first: Int, manuallyResolvable: Boolean): [OrderTransaction!]!
  suggestedRefund(refundLineItems: [RefundLineItemInput!], refundShipping: Boolean, shippingAmount: Money, suggestFullRefund: Boolean): SuggestedRefund
  returns(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean): ReturnConnection!
}

type OrderConnection {
  edges: [OrderEdge!]!
  nodes: [Order!]!
  pageInfo: PageInfo!
}

type OrderEdge {
  cursor: String!
  node: Order!
}

type LineItem implements Node {
  id: ID!
  title: String!
  variantTitle: String
  sku: String
  quantity: Int!
  currentQuantity: Int!
  refundableQuantity: Int!
  isGiftCard: Boolean!
  requiresShipping: Boolean!
  vendor: String
  customAttributes: [Attribute!]!
  originalUnitPriceSet: MoneyBag!
  discountAllocations: [DiscountAllocation!]!
  taxLines(first: Int): [TaxLine!]!
  product: Product
  variant: ProductVariant
}

type LineItemConnection {
  edges: [LineItemEdge!]!
  nodes: [LineItem!]!
  pageInfo: PageInfo!
}

type LineItemEdge {
  cursor: String!
  node: LineItem!
}

type Product implements Node {
  id: ID!
  title: String!
  handle: String!
  tags: [String!]!
  productType: String!
  vendor: String!
  collections(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean, sortKey: CollectionSortKeys): CollectionConnection!
}

type Collection implements Node {
  id: ID!
  handle: String!
  title: String!
}

type CollectionConnection {
  edges: [CollectionEdge!]!
  nodes: [Collection!]!
  pageInfo: PageInfo!
}

type CollectionEdge {
  cursor: String!
  node: Collection!
}

enum CollectionSortKeys { ID RELEVANCE TITLE UPDATED_AT }

type ProductVariant implements Node {
  id: ID!
  title: String!
  sku: String
  price: Money!
  product: Product!
}

type OrderPaymentCollectionDetails {
  additionalPaymentCollectionUrl: URL
}

type ShippingLine {
  id: ID
  title: String!
  code: String
  originalPriceSet: MoneyBag!
  discountAllocations: [DiscountAllocation!]!
  taxLines: [TaxLine!]!
}

type ShippingLineConnection {
  edges: [ShippingLineEdge!]!
  nodes: [ShippingLine!]!
  pageInfo: PageInfo!
}

type ShippingLineEdge {
  cursor: String!
  node: ShippingLine!
}

type Fulfillment implements Node {
  id: ID!
  status: FulfillmentStatus!
  createdAt: DateTime!
  deliveredAt: DateTime
  estimatedDeliveryAt: DateTime
  inTransitAt: DateTime
  trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  fulfillmentLineItems(after: String, before: String, first: Int, last: Int, reverse: Boolean): FulfillmentLineItemConnection!
}

type FulfillmentTrackingInfo {
  company: String
  number: String
  url: URL
}

type FulfillmentLineItem implements Node {
  id: ID!
  quantity: Int
  lineItem: LineItem!
}

type FulfillmentLineItemConnection {
  edges: [FulfillmentLineItemEdge!]!
  nodes: [FulfillmentLineItem!]!
  pageInfo: PageInfo!
}

type FulfillmentLineItemEdge {
  cursor: String!
  node: FulfillmentLineItem!
}

type Refund implements Node {
  id: ID!
  createdAt: DateTime
  note: String
  totalRefundedSet: MoneyBag!
  refundLineItems(after: String, before: String, first: Int, last: Int, reverse: Boolean): RefundLineItemConnection!
  refundShippingLines(after: String, before: String, first: Int, last: Int, reverse: Boolean): RefundShippingLineConnection!
  transactions(after: String, before: String, first: Int, last: Int, reverse: Boolean): OrderTransactionConnection!
  order: Order!
  return: Return
}

type OrderTransactionConnection {
  edges: [OrderTransactionEdge!]!
  nodes: [OrderTransaction!]!
  pageInfo: PageInfo!
}

type OrderTransactionEdge {
  cursor: String!
  node: OrderTransaction!
}

type RefundLineItem {
  id: ID
  quantity: Int!
  restockType: RefundLineItemRestockType!
  lineItem: LineItem!
  priceSet: MoneyBag!
  subtotalSet: MoneyBag!
  totalTaxSet: MoneyBag!
}

type RefundLineItemConnection {
  edges: [RefundLineItemEdge!]!
  nodes: [RefundLineItem!]!
  pageInfo: PageInfo!
}

type RefundLineItemEdge {
  cursor: String!
  node: RefundLineItem!
}

type RefundShippingLine implements Node {
  id: ID!
  subtotalAmountSet: MoneyBag!
  taxAmountSet: MoneyBag!
}

type RefundShippingLineConnection {
  edges: [RefundShippingLineEdge!]!
  nodes: [RefundShippingLine!]!
  pageInfo: PageInfo!
}

type RefundShippingLineEdge {
  cursor: String!
  node: RefundShippingLine!
}

type OrderTransaction implements Node {
  id: ID!
  kind: OrderTransactionKind!
  status: OrderTransactionStatus!
  gateway: String
  createdAt: DateTime!
  amountSet: MoneyBag!
  parentTransaction: OrderTransaction
}

type SuggestedRefund {
  amountSet: MoneyBag!
  maximumRefundableSet: MoneyBag!
  subtotalSet: MoneyBag!
  totalTaxSet: MoneyBag!
  shipping: ShippingRefund!
  refundLineItems: [RefundLineItem!]!
  suggestedTransactions: [SuggestedOrderTransaction!]!
}

type ShippingRefund {
  amountSet: MoneyBag!
  maximumRefundableSet: MoneyBag!
  taxSet: MoneyBag!
}

type SuggestedOrderTransaction {
  gateway: String
  kind: SuggestedOrderTransactionKind!
  amountSet: MoneyBag!
  parentTransaction: OrderTransaction
}

type Customer implements Node {
  id: ID!
  firstName: String
  lastName: String
  locale: String!
  createdAt: DateTime!
  updatedAt: DateTime!
  tags: [String!]!
  defaultEmailAddress: CustomerEmailAddress
  defaultPhoneNumber: CustomerPhoneNumber
  defaultAddress: MailingAddress
  storeCreditAccounts(after: String, before: String, first: Int, last: Int, query: String): StoreCreditAccountConnection!
  orders(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean, sortKey: OrderSortKeys): OrderConnection!
}

type StoreCreditAccount implements Node {
  id: ID!
  balance: MoneyV2!
  transactions(after: String, before: String, first: Int, last: Int, query: String, reverse: Boolean, sortKey: TransactionSortKeys): StoreCreditAccountTransactionConnection!
}

type StoreCreditAccountConnection {
  edges: [StoreCreditAccountEdge!]!
  nodes: [StoreCreditAccount!]!
  pageInfo: PageInfo!
}

type StoreCreditAccountEdge {
  cursor: String!
  node: StoreCreditAccount!
}

interface StoreCreditAccountTransaction {
  account: StoreCreditAccount!
  amount: MoneyV2!
  balanceAfterTransaction: MoneyV2!
  createdAt: DateTime!
  event: StoreCreditSystemEvent!
  origin: StoreCreditAccountTransactionOrigin
}

type StoreCreditAccountCreditTransaction implements Node & StoreCreditAccountTransaction {
  id: ID!
  account: StoreCreditAccount!
  amount: MoneyV2!
  balanceAfterTransaction: MoneyV2!
  createdAt: DateTime!
  event: StoreCreditSystemEvent!
  origin: StoreCreditAccountTransactionOrigin
  expiresAt: DateTime
  remainingAmount: MoneyV2!
}

union StoreCreditAccountTransactionOrigin = OrderTransaction

type StoreCreditAccountTransactionConnection {
  edges: [StoreCreditAccountTransactionEdge!]!
  nodes: [StoreCreditAccountTransaction!]!
  pageInfo: PageInfo!
}

type StoreCreditAccountTransactionEdge {
  cursor: String!
  node: StoreCreditAccountTransaction!
}

type StoreCreditAccountCreditPayload {
  storeCreditAccountTransaction: StoreCreditAccountCreditTransaction
  userErrors: [StoreCreditAccountCreditUserError!]!
}

type StoreCreditAccountCreditUserError implements DisplayableError {
  code: StoreCreditAccountCreditUserErrorCode
  field: [String!]
  message: String!
}

type Job {
  done: Boolean!
  id: ID!
}

type OrderCancelPayload {
  job: Job
  orderCancelUserErrors: [OrderCancelUserError!]!
}

type OrderCancelUserError implements DisplayableError {
  code: OrderCancelUserErrorCode
  field: [String!]
  message: String!
}

type CustomerConnection {
  edges: [CustomerEdge!]!
  nodes: [Customer!]!
  pageInfo: PageInfo!
}

type CustomerEdge {
  cursor: String!
  node: Customer!
}

type CustomerEmailAddress {
  emailAddress: String!
  marketingState: CustomerEmailAddressMarketingState!
}

type CustomerPhoneNumber {
  phoneNumber: String!
}

type Return implements Node {
  id: ID!
  name: String!
  status: ReturnStatus!
  order: Order!
  returnLineItems(after: String, before: String, first: Int, last: Int, reverse: Boolean): ReturnLineItemTypeConnection!
  exchangeLineItems(after: String, before: String, first: Int, includeRemovedItems: Boolean, last: Int, reverse: Boolean): ExchangeLineItemConnection!
  decline: ReturnDecline
  totalQuantity: Int!
  createdAt: DateTime!
  closedAt: DateTime
}

type ReturnConnection {
  edges: [ReturnEdge!]!
  nodes: [Return!]!
  pageInfo: PageInfo!
}

type ReturnEdge {
  cursor: String!
  node: Return!
}

type ReturnDecline {
  note: String
  reason: ReturnDeclineReason!
}

interface ReturnLineItemType implements Node {
  id: ID!
  quantity: Int!
  customerNote: String
  returnReasonNote: String!
  processedQuantity: Int!
  unprocessedQuantity: Int!
}

type ReturnLineItem implements Node & ReturnLineItemType {
  id: ID!
  quantity: Int!
  customerNote: String
  returnReasonNote: String!
  processedQuantity: Int!
  unprocessedQuantity: Int!
  fulfillmentLineItem: FulfillmentLineItem!
}

type ReturnLineItemTypeConnection {
  edges: [ReturnLineItemTypeEdge!]!
  nodes: [ReturnLineItemType!]!
  pageInfo: PageInfo!
}

type ReturnLineItemTypeEdge {
  cursor: String!
  node: ReturnLineItemType!
}

type ExchangeLineItem implements Node {
  id: ID!
  quantity: Int!
  variantId: ID
  processedQuantity: Int!
  unprocessedQuantity: Int!
}

type ExchangeLineItemConnection {
  edges: [ExchangeLineItemEdge!]!
  nodes: [ExchangeLineItem!]!
  pageInfo: PageInfo!
}

type ExchangeLineItemEdge {
  cursor: String!
  node: ExchangeLineItem!
}

type BulkOperation implements Node {
  id: ID!
  status: BulkOperationStatus!
  errorCode: BulkOperationErrorCode
  objectCount: UnsignedInt64!
  rootObjectCount: UnsignedInt64!
  url: URL
  partialDataUrl: URL
  createdAt: DateTime!
  completedAt: DateTime
  query: String!
  type: BulkOperationType!
}

type BulkOperationRunQueryPayload {
  bulkOperation: BulkOperation
  userErrors: [BulkOperationUserError!]!
}

type BulkOperationUserError implements DisplayableError {
  code: BulkOperationUserErrorCode
  field: [String!]
  message: String!
}

type UserError implements DisplayableError {
  field: [String!]
  message: String!
}

type ReturnUserError implements DisplayableError {
  code: ReturnErrorCode
  field: [String!]
  message: String!
}

type RefundCreatePayload {
  refund: Refund
  order: Order
  userErrors: [UserError!]!
}

type ReturnRequestPayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnApproveRequestPayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnDeclineRequestPayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnCreatePayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnProcessPayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnClosePayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

type ReturnCancelPayload {
  return: Return
  userErrors: [ReturnUserError!]!
}

input RefundInput {
  orderId: ID!
  note: String
  notify: Boolean
  currency: CurrencyCode
  refundLineItems: [RefundLineItemInput!]
  shipping: ShippingRefundInput
  transactions: [OrderTransactionInput!]
  refundMethods: [RefundMethodInput!]
}

input RefundMethodInput {
  storeCreditRefund: StoreCreditRefundInput
}

input StoreCreditRefundInput {
  amount: MoneyInput!
  expiresAt: DateTime
}

input StoreCreditAccountCreditInput {
  creditAmount: MoneyInput!
  expiresAt: DateTime
  notify: Boolean
}

input OrderCancelRefundMethodInput {
  originalPaymentMethodsRefund: Boolean
}

input RefundLineItemInput {
  lineItemId: ID!
  quantity: Int!
  restockType: RefundLineItemRestockType
  locationId: ID
}

input ShippingRefundInput {
  amount: Money
  fullRefund: Boolean
}

input OrderTransactionInput {
  amount: Money!
  gateway: String!
  kind: OrderTransactionKind!
  orderId: ID!
  parentId: ID
}

input RefundShippingInput {
  fullRefund: Boolean
  shippingRefundAmount: MoneyInput
}

input MoneyInput {
  amount: Decimal!
  currencyCode: CurrencyCode!
}

input ReturnRequestInput {
  orderId: ID!
  returnLineItems: [ReturnRequestLineItemInput!]!
}

input ReturnRequestLineItemInput {
  fulfillmentLineItemId: ID!
  quantity: Int!
  customerNote: String
  returnReasonDefinitionId: ID
}

input ReturnApproveRequestInput {
  id: ID!
  notifyCustomer: Boolean
}

input ReturnDeclineRequestInput {
  declineNote: String
  declineReason: ReturnDeclineReason!
  id: ID!
  notifyCustomer: Boolean
}

input ReturnInput {
  orderId: ID!
  returnLineItems: [ReturnLineItemInput!]!
  exchangeLineItems: [ExchangeLineItemInput!]
  requestedAt: DateTime
}

input ReturnLineItemInput {
  fulfillmentLineItemId: ID!
  quantity: Int!
  returnReasonNote: String
  returnReasonDefinitionId: ID
}

input ExchangeLineItemInput {
  variantId: ID
  quantity: Int!
}

input ReturnProcessInput {
  returnId: ID!
  returnLineItems: [ReturnProcessReturnLineItemInput!]
  exchangeLineItems: [ReturnProcessExchangeLineItemInput!]
  refundShipping: RefundShippingInput
  financialTransfer: ReturnProcessFinancialTransferInput
  notifyCustomer: Boolean
  note: String
}

input ReturnProcessReturnLineItemInput {
  id: ID!
  quantity: Int!
}

input ReturnProcessExchangeLineItemInput {
  id: ID!
  quantity: Int!
}

input ReturnProcessFinancialTransferInput {
  issueRefund: ReturnProcessRefundInput
}

input ReturnProcessRefundInput {
  orderTransactions: [ReturnRefundOrderTransactionInput!]!
  allowOverRefunding: Boolean
}

input ReturnRefundOrderTransactionInput {
  parentId: ID!
  transactionAmount: MoneyInput!
}

enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }

enum OrderDisplayFulfillmentStatus { FULFILLED FULFILLMENT_NOT_REQUIRED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED }

enum FulfillmentStatus { CANCELLED ERROR FAILURE SUCCESS }

enum OrderTransactionKind { AUTHORIZATION CAPTURE CHANGE EMV_AUTHORIZATION REFUND SALE SUGGESTED_REFUND VOID }

enum OrderTransactionStatus { AWAITING_RESPONSE ERROR FAILURE PENDING SUCCESS UNKNOWN }

enum SuggestedOrderTransactionKind { SUGGESTED_REFUND }

enum RefundLineItemRestockType { CANCEL LEGACY_RESTOCK NO_RESTOCK RETURN }

enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }

enum ReturnDeclineReason { FINAL_SALE OTHER RETURN_PERIOD_ENDED }

enum DiscountApplicationAllocationMethod { ACROSS EACH }

enum DiscountApplicationTargetSelection { ALL ENTITLED EXPLICIT }

enum DiscountApplicationTargetType { LINE_ITEM SHIPPING_LINE }

enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }

enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }

enum BulkOperationType { MUTATION QUERY }

enum BulkOperationUserErrorCode { INVALID LIMIT_REACHED OPERATION_IN_PROGRESS }

enum OrderSortKeys { CREATED_AT CURRENT_TOTAL_PRICE CUSTOMER_NAME DESTINATION FINANCIAL_STATUS FULFILLMENT_STATUS ID ORDER_NUMBER PO_NUMBER PROCESSED_AT RELEVANCE TOTAL_ITEMS_QUANTITY TOTAL_PRICE UPDATED_AT }

enum CustomerSortKeys { CREATED_AT ID LOCATION NAME RELEVANCE UPDATED_AT }

enum ReturnErrorCode { ALREADY_EXISTS BLANK CREATION_FAILED EQUAL_TO FEATURE_NOT_ENABLED GREATER_THAN GREATER_THAN_OR_EQUAL_TO INCLUSION INCOMPATIBLE_WITH_STANDARD_POLICY INTERNAL_ERROR INVALID INVALID_STATE LESS_THAN LESS_THAN_OR_EQUAL_TO MISSING_PERMISSION NOTIFICATION_FAILED NOT_A_NUMBER NOT_EDITABLE NOT_FOUND PRESENT TAKEN TOO_BIG TOO_LONG TOO_MANY_ARGUMENTS TOO_SHORT WRONG_LENGTH }

enum StoreCreditSystemEvent { ADJUSTMENT ORDER_CANCELLATION ORDER_PAYMENT ORDER_REFUND PAYMENT_FAILURE PAYMENT_RETURNED TAX_FINALIZATION }

enum StoreCreditAccountCreditUserErrorCode { ACCOUNT_NOT_FOUND CREDIT_LIMIT_EXCEEDED EXPIRES_AT_IN_PAST MISMATCHING_CURRENCY NEGATIVE_OR_ZERO_AMOUNT OWNER_NOT_FOUND UNSUPPORTED_CURRENCY }

enum TransactionSortKeys { CREATED_AT EXPIRES_AT }

enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }

enum OrderCancelUserErrorCode { INTERNAL_ERROR INVALID NOT_FOUND NO_REFUND_PERMISSION NO_REFUND_TO_STORE_CREDIT_PERMISSION STORE_CREDIT_REFUND_B2B_NOT_SUPPORTED STORE_CREDIT_REFUND_EXPIRATION_IN_PAST STORE_CREDIT_REFUND_MISSING_CUSTOMER }

enum CustomerEmailAddressMarketingState { INVALID NOT_SUBSCRIBED PENDING SUBSCRIBED UNSUBSCRIBED }

enum CurrencyCode { TRY USD EUR GBP JPY KWD CAD CHF SEK NOK DKK PLN AUD }

enum CountryCode { TR US DE GB FR NL IT ES AT BE CA JP KW CH SE NO DK PL AU IE }

schema {
  query: QueryRoot
  mutation: Mutation
}
`;
