// CRM: lifetime value (BG/NBD + Gamma-Gamma)
export {
  type ChurnRisk,
  type ChurnRiskBand,
  type ChurnRiskThresholds,
  churnRisk,
  defaultChurnRiskThresholds,
} from './crm/lifetime-value/churn-risk.js';
export {
  type CustomerLifetimeValueOptions,
  customerLifetimeValue,
  type LifetimeValueModels,
} from './crm/lifetime-value/customer-lifetime-value.js';
export { expectedAverageSpend } from './crm/lifetime-value/expected-average-spend.js';
export { type ExpectedNextOrder, expectedNextOrder } from './crm/lifetime-value/expected-next-order.js';
export { expectedPurchases } from './crm/lifetime-value/expected-purchases.js';
export {
  type BgNbdFit,
  type BgNbdObservation,
  type BgNbdParameters,
  bgNbdLogLikelihood,
  type FitBgNbdOptions,
  fitBgNbd,
} from './crm/lifetime-value/fit-bg-nbd.js';
export {
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaObservation,
  type GammaGammaParameters,
  gammaGammaLogLikelihood,
} from './crm/lifetime-value/fit-gamma-gamma.js';
export { probabilityAlive } from './crm/lifetime-value/probability-alive.js';
export { type PurchaseTransaction, purchaseTransactionSchema } from './crm/lifetime-value/purchase-transaction.js';
export {
  type PurchasePeriod,
  type PurchaseSummary,
  purchasePeriodDays,
  type SummarizeTransactionsOptions,
  summarizeTransactions,
} from './crm/lifetime-value/summarize-transactions.js';
// Errors
export { AftersaleError, type AftersaleErrorOptions, type AftersaleIssue } from './errors/aftersale-error.js';
export { type AftersaleErrorCode, errorCodes } from './errors/error-codes.js';
export { aftersaleErrorFromZod, formatPath, issuesFromZod } from './errors/from-zod-error.js';

// Logger
export {
  type ConsoleLoggerOptions,
  type CreateLoggerOptions,
  createConsoleLogger,
  createLogger,
} from './logger/create-logger.js';
export { type LogFunction, type Logger, type LogLevel, logLevels, silentLogger } from './logger/logger.js';
export {
  createRedactor,
  personalDataKeys,
  REDACTED,
  type RedactOptions,
  redact,
  redactText,
  secretKeys,
} from './logger/redact.js';
// Commerce model
export {
  getLine,
  type LineDelivery,
  type LinePayment,
  lineDelivery,
  linePayment,
  refundableQuantity,
  refundedAmountForLine,
  refundedQuantities,
  remainingRefundable,
  totalRefunded,
} from './model/order-helpers.js';
export { type ParseResult, parseCustomer, parseOrder, safeParseCustomer, safeParseOrder } from './model/parse-order.js';
export {
  type Address,
  addressSchema,
  type Customer,
  type CustomerInput,
  type CustomerReference,
  customerReferenceSchema,
  customerSchema,
  type DiscountAllocation,
  discountAllocationSchema,
  type FeeLine,
  type FinancialStatus,
  type Fulfillment,
  type FulfillmentStatus,
  feeLineSchema,
  financialStatusSchema,
  fulfillmentSchema,
  fulfillmentStatusSchema,
  type LineItem,
  lineItemSchema,
  marketingConsentSchema,
  type Order,
  type OrderInput,
  type OrderTotals,
  orderSchema,
  orderTotalsSchema,
  type Platform,
  type ProductFacts,
  platformSchema,
  productFactsSchema,
  type Refund,
  type RefundLine,
  refundLineSchema,
  refundSchema,
  type ShippingLine,
  type Source,
  shippingLineSchema,
  sourceSchema,
  type TaxLine,
  type Tracking,
  type Transaction,
  taxLineSchema,
  timestampSchema,
  trackingSchema,
  transactionSchema,
} from './model/schemas.js';
// Money
export { allocate, split } from './money/allocate.js';
export { type Currency, getCurrency, isCurrencyCode, listCurrencies } from './money/currency.js';
export { type FormatMoneyOptions, formatMoney } from './money/format-money.js';
export {
  absolute,
  add,
  compare,
  currencyCodeSchema,
  equals,
  greaterThan,
  greaterThanOrEqual,
  isNegative,
  isPositive,
  isZero,
  lessThan,
  lessThanOrEqual,
  type Money,
  maximum,
  minimum,
  money,
  moneySchema,
  multiply,
  multiplyByRatio,
  negate,
  percentage,
  subtract,
  sum,
  zero,
} from './money/money.js';
export { type ParseMoneyOptions, parseMoney, toDecimalString } from './money/parse-money.js';
export { divideRounded, type Ratio, type RoundingMode, ratioFromDecimal, roundingModes } from './money/rounding.js';
export { addTax, extractTax, type TaxBreakdown, type TaxPortion, type TaxRate } from './money/tax.js';
// Return policies: the language, the statutory packs, decisions
export { compilePolicy } from './policy/compile-policy.js';
export { defaultReturnReasons } from './policy/default-return-reasons.js';
export { definePolicy, parsePolicy, policyIssues } from './policy/define-policy.js';
export { evaluateReturn } from './policy/evaluate-return.js';
export {
  type BasisChoice,
  builtInReasonLabels,
  formatMessage,
  type LocalisedMessage,
  localise,
  type MessageCode,
  type MessageFormat,
  type MessageParameters,
  messageCatalogue,
  type OrderLimitKind,
  type ReturnBasis,
  resolveLanguage,
  type SupportedLocale,
  supportedLocales,
} from './policy/message-catalogue.js';
export {
  type CustomerScope,
  customerScopeSchema,
  type EvidenceKind,
  type Exclusion,
  type ExclusionKind,
  exclusionKinds,
  exclusionSchema,
  type FeeKind,
  type LocalisedText,
  localisedTextSchema,
  type Policy,
  type PolicyInput,
  type ProductScope,
  policySchema,
  policySchemaVersion,
  productScopeSchema,
  type ReasonBasis,
  type ResolutionKind,
  type ReturnReason,
  resolutionKinds,
  returnReasonSchema,
  ruleIdSchema,
  type WindowOverride,
  type WindowStart,
} from './policy/policy-schema.js';
export {
  type BasisAssessment,
  type CustomerFacts,
  customerFactsSchema,
  type DecisionCondition,
  type DecisionFee,
  type EvaluateReturnOptions,
  type LineDecision,
  type LineStatus,
  type ResolutionOption,
  type ReturnDecision,
  type ReturnRequest,
  returnRequestSchema,
  type TraceEntry,
  type WaivedFee,
} from './policy/return-decision.js';
// Refunds
export {
  type ComputeRefundOptions,
  computeRefund,
  type DetailedRefundPlan,
  type DetailedRefundPlanLine,
  type RefundAdjustment,
  type RefundDeduction,
  type RefundSelection,
  type RefundTax,
  type RefundTender,
  refundSelectionSchema,
  type ShippingRefundMode,
  shippingRefundModes,
} from './refund/compute-refund.js';
// Commerce adapter spec
export {
  type AdapterCallOptions,
  type AdapterCapability,
  type AdapterListOptions,
  adapterCapabilities,
  type BulkImportOptions,
  type BulkImportProgress,
  type CommerceAdapter,
  type CommerceEvent,
  type CreateRefundOptions,
  type CreateRefundResult,
  compareRefundSuggestion,
  hasCapability,
  type PlatformReturn,
  type PlatformUserError,
  type RefundDisagreement,
  type RefundPlan,
  type RefundPlanLine,
  type RefundSuggestion,
  type RefundSuggestionRequest,
  type ReturnCreateInput,
  type ReturnOperations,
  type ReturnProcessInput,
  type ReturnRequestInput,
  type ReturnResult,
  type WebhookHeaders,
  type WebhookRejectionReason,
  type WebhookVerification,
  type WebhookVerificationInput,
} from './spec/commerce-adapter.js';
// Store spec
export {
  type AftersaleStore,
  type CustomerDataExport,
  type IdempotencyLedger,
  type StoreCapability,
  storeCapabilities,
  storeSpecificationVersion,
  type WebhookInbox,
  type WriteOptions,
} from './spec/store.js';
export {
  type ClaimWebhooksOptions,
  type ComplaintEvent,
  type ComplaintEventInput,
  type ComplaintInput,
  type ComplaintRecord,
  type CustomerProfile,
  type CustomerProfileInput,
  type CustomerSnapshot,
  complaintEventInputSchema,
  complaintInputSchema,
  customerProfileInputSchema,
  type DataSubject,
  dataSubjectSchema,
  type EnqueueResult,
  type ErasureReport,
  type FailWebhookOptions,
  type LeaseResult,
  type LedgerClaim,
  type LedgerClaimInput,
  type LedgerEntry,
  type LedgerOutcomeInput,
  type LedgerState,
  type ListOptions,
  type ListOrdersOptions,
  ledgerClaimInputSchema,
  ledgerOutcomeInputSchema,
  ledgerStateSchema,
  type OrderSnapshot,
  type OutboxEvent,
  type OutboxEventInput,
  outboxEventInputSchema,
  type Page,
  type PolicyVersion,
  type PolicyVersionInput,
  policyVersionInputSchema,
  type RefundInput,
  type RefundRecord,
  type RefundStatus,
  type ReturnCaseInput,
  type ReturnCaseLine,
  type ReturnCaseRecord,
  refundInputSchema,
  refundStatusSchema,
  returnCaseInputSchema,
  returnCaseLineSchema,
  type StatusChange,
  shopIdSchema,
  statusChangeSchema,
  type WebhookDelivery,
  type WebhookDeliveryInput,
  type WebhookStatus,
  webhookDeliveryInputSchema,
} from './spec/store-records.js';
export { type WebhookDedupeParts, webhookDedupeKey } from './spec/store-webhook-dedupe-key.js';
// Statutory packs
export { euCountries, euPack2026, euPackBefore2026 } from './statutory/eu-packs.js';
export { findStatutoryPack, statutoryPacks } from './statutory/find-statutory-pack.js';
export type {
  Citation,
  ConformityRemedy,
  ConformityRules,
  Jurisdiction,
  StatutoryExceptionKind,
  StatutoryPack,
  StatutoryRule,
  WithdrawalRules,
} from './statutory/statutory-pack.js';
export { turkeyPack } from './statutory/turkey-pack.js';
export { ukPack } from './statutory/uk-pack.js';
export { usPack } from './statutory/us-pack.js';
