// Complaints: ISO 10002 records, SLA clocks, handoffs, promises, feedback
export {
  aggregateFeedback,
  type FeedbackAggregate,
  type FeedbackEntry,
  type FeedbackGrouping,
  feedbackEntries,
} from './complaints/aggregate-feedback.js';
export {
  type BusinessCalendar,
  type BusinessCalendarSettings,
  businessCalendarSettingsSchema,
  createBusinessCalendar,
} from './complaints/business-calendar.js';
export {
  type ComplaintEventData,
  type ComplaintEventOf,
  type ComplaintEventType,
  type ComplaintHistoryEvent,
  complaintEvent,
  complaintEventDataSchemas,
  complaintEventTypes,
  type HandoffReferences,
  handoffReferencesSchema,
  parseComplaintEvent,
} from './complaints/complaint-event.js';
export {
  complaintNextStep,
  type HandoffSummary,
  handoffReferences,
  overduePromises,
  summarizeHandoff,
} from './complaints/complaint-handoff.js';
export { type ComplaintLabelKinds, complaintLabel, type NextStep, nextSteps } from './complaints/complaint-messages.js';
export { recourseFor } from './complaints/complaint-recourse.js';
export {
  type ComplaintSlaStatus,
  complaintSlaStatus,
  defineSlaPolicy,
  type SlaClock,
  type SlaClockState,
  type SlaPolicy,
  type SlaPolicySettings,
  type SlaTargets,
  slaPolicySchema,
} from './complaints/complaint-sla.js';
export {
  allowedFrom,
  type ComplaintStatusOrNone,
  complaintTransitions,
  type TransitionTarget,
} from './complaints/complaint-transitions.js';
export {
  actorKind,
  type CloseReason,
  type ComplaintActor,
  type ComplaintActorKind,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintIntent,
  type ComplaintPriority,
  type ComplaintRecourse,
  type ComplaintRemedy,
  type ComplaintSeverity,
  type ComplaintStatus,
  type ComplaintUrgency,
  closeReasons,
  complaintActorSchema,
  complaintCategories,
  complaintChannels,
  complaintIdSchema,
  complaintIntents,
  complaintPriorities,
  complaintRecourses,
  complaintRemedies,
  complaintSeverities,
  complaintStatuses,
  complaintUrgencies,
  type LabelSource,
  labelSources,
  type PromiseKind,
  promiseKinds,
} from './complaints/complaint-vocabulary.js';
export {
  type ComplaintDesk,
  type ComplaintDeskOptions,
  type ComplaintRecordData,
  type ComplaintView,
  createComplaintDesk,
  type NewComplaintEvent,
  type ReceiveComplaintInput,
} from './complaints/create-complaint-desk.js';
export {
  applyComplaintEvent,
  type ClockRun,
  type ComplaintHandoff,
  type ComplaintPromise,
  type ComplaintState,
  canApplyComplaintEvent,
  emptyComplaintState,
  foldComplaint,
} from './complaints/fold-complaint.js';
export {
  type ComplaintReplyTemplateId,
  complaintReplyTemplates,
  type ReplyTemplate,
  type ReplyVariable,
  renderComplaintReply,
  replyTemplateVariables,
} from './complaints/render-complaint-reply.js';
export {
  type ComplaintSuggestion,
  foldComplaintText,
  type SuggestedLabel,
  suggestComplaintLabels,
} from './complaints/suggester/suggest-complaint-labels.js';
// CRM: cross-sell
export {
  type Basket,
  type BuildCoPurchaseModelOptions,
  basketSchema,
  buildCoPurchaseModel,
  type CoPurchaseModel,
  type Recommendation,
  type RecommendItemsOptions,
  recommendItems,
} from './crm/cross-sell/co-purchase-model.js';
export {
  type CrossSellEvaluation,
  type EvaluateCrossSellOptions,
  evaluateCrossSell,
  type HitRates,
} from './crm/cross-sell/evaluate-cross-sell.js';
export { parseBasketFile } from './crm/cross-sell/parse-basket-file.js';
// CRM: identities
export { normalizeEmail } from './crm/identity/normalize-email.js';
export { normalizePhone } from './crm/identity/normalize-phone.js';
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
// CRM: metrics and RFM
export {
  type CurrencySpend,
  type CustomerMetrics,
  computeCustomerMetrics,
  type HistoryAggregates,
} from './crm/metrics/customer-metrics.js';
export {
  type RfmScore,
  type RfmSegment,
  type RfmThresholds,
  rfmSegment,
  rfmSegmentNames,
  rfmSegments,
  type ScoreRfmOptions,
  scoreRfm,
} from './crm/metrics/score-rfm.js';
// CRM: profiles and history
export {
  type ComplaintFactInput,
  type ConsentInput,
  type ContactChannel,
  type ContactInput,
  type CustomerLookup,
  contactChannels,
  customerLookupSchema,
  type FeedbackInput,
  type PreferencesInput,
  type ReturnFactInput,
} from './crm/profiles/history-inputs.js';
export { marketingChannels } from './crm/profiles/marketing-channels.js';
export {
  type PurchaseHistoryStore,
  type RebuildPurchaseHistoryOptions,
  rebuildPurchaseHistory,
  type SavePurchaseHistoryResult,
  savePurchaseHistory,
  toCustomerProfileInput,
} from './crm/profiles/persist-purchase-history.js';
export {
  type ConsentState,
  type CrmRecords,
  type CustomerPreferences,
  type CustomerProfileView,
  createPurchaseHistory,
  type HistoryRules,
  type MergeReason,
  type MergeRecord,
  type PurchaseHistory,
  type PurchaseHistoryOptions,
  profileIdFor,
  type TimelineEntry,
  type TimelineKind,
} from './crm/profiles/purchase-history.js';
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
export { compiledSchema } from './model/compiled-schema.js';
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
  type LintPolicyOptions,
  lintPolicy,
  type PolicyLintCode,
  type PolicyLintFinding,
  type PolicyLintResult,
  type PolicyLintSeverity,
  policyLintCodes,
} from './policy/lint-policy.js';
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
export { type PolicyPageAnchor, policyPageAnchors } from './policy/policy-page.js';
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
  type PolicyPageFormat,
  policyPageFormats,
  type RenderPolicyOptions,
  renderPolicy,
} from './policy/render-policy.js';
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
export {
  type PolicyHistoryEntry,
  type PolicySimulation,
  parsePolicyHistory,
  type SimulatedChange,
  type SimulatedEntry,
  type SimulatedOutcome,
  type SimulatePolicyOptions,
  simulatePolicy,
} from './policy/simulate-policy.js';
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
// Return cases
export {
  type CancelOrderServiceInput,
  type CommerceEventHandling,
  type CreditReturnAction,
  type CreditReturnResult,
  createReturnService,
  type ExchangeReturnInput,
  type ExchangeReturnResult,
  type GoodwillRefundInput,
  type OrderMoneyResult,
  type RefundReturnResult,
  type RequestReturnInput,
  type RequestReturnResult,
  type ReturnService,
  type ReturnServiceAdapter,
  type ReturnServiceOptions,
  type ReturnServiceStore,
  type StaffAction,
} from './returns/create-return-service.js';
export {
  exchangeSettlement,
  offeredResolution,
  type PlatformDeclineReason,
  platformDeclineReason,
  storeCreditBonus,
} from './returns/resolution-terms.js';
export {
  allowedReturnCaseEvents,
  applyReturnCaseEvent,
  type InspectionCondition,
  inspectionConditions,
  isFinalReturnCaseStatus,
  nextReturnCaseStatus,
  type ReturnActor,
  type ReturnCaseEvent,
  type ReturnCaseEventInput,
  type ReturnCaseEventType,
  type ReturnCaseLineState,
  type ReturnCaseState,
  type ReturnCaseStatus,
  type ReturnOutcome,
  type ReviewReason,
  replayReturnCase,
  returnActorSchema,
  returnCaseEventSchema,
  returnCaseMovedMoney,
  returnCaseStatuses,
  returnCaseTransitions,
  returnOutcomes,
  reviewReasons,
} from './returns/return-case.js';
export { createReturnEventBus, type ReturnEventBus, type ReturnEventHandler } from './returns/return-event-bus.js';
export {
  type CaseNotification,
  type CaseNotificationType,
  type DescribeOrderEventOptions,
  type DescribeReturnEventOptions,
  describeOrderEvent,
  describeReturnEvent,
  type ExchangeFacts,
  type OrderNotification,
  type OrderNotificationPayload,
  type OrderNotificationType,
  orderNotificationTypes,
  type ReturnNotification,
  type ReturnNotificationPayload,
  type ReturnNotificationType,
  returnNotificationTypes,
  type StoreCreditFacts,
  toOutboxEvent,
} from './returns/return-notifications.js';
export { describeOrderNote } from './returns/return-order-notes.js';
export {
  type CreateReturnLabelInput,
  createManualReturnShipping,
  type ManualLabelDetails,
  type ManualReturnShippingOptions,
  type ReturnLabel,
  type ReturnShippingProvider,
  type ReturnTrackingStage,
  type ReturnTrackingUpdate,
} from './returns/return-shipping.js';
export { type ReturnRoute, type ReturnRoutingOptions, routeReturnDecision } from './returns/route-return-decision.js';
// Commerce adapter spec
export {
  type AdapterCallOptions,
  type AdapterCapability,
  type AdapterListOptions,
  adapterCapabilities,
  type BulkImportOptions,
  type BulkImportProgress,
  type CancelOrderInput,
  type CancelOrderResult,
  type CommerceAdapter,
  type CommerceEvent,
  type CreateRefundOptions,
  type CreateRefundResult,
  compareRefundSuggestion,
  type ExchangeInput,
  type ExchangeOperations,
  type ExchangeResult,
  type ExchangeSettlement,
  type ExchangeSettlementResult,
  hasCapability,
  type IssuedStoreCredit,
  type IssueStoreCreditResult,
  type OrderNoteInput,
  type PlatformExchange,
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
  type StoreCreditOperations,
  type StoreCreditPlan,
  type WebhookHeaders,
  type WebhookRejectionReason,
  type WebhookVerification,
  type WebhookVerificationInput,
} from './spec/commerce-adapter.js';
export {
  type Article,
  type ArticleInput,
  type ArticleRecord,
  articleIdSchema,
  articleInputSchema,
  type KnowledgeLanguage,
  knowledgeLanguageSchema,
  knowledgeLanguages,
  type ListArticlesOptions,
  type ListSearchGapsOptions,
  type PolicyLink,
  policyAnchorSchema,
  policyLinkSchema,
  type SearchGapInput,
  type SearchGapRecord,
  searchGapInputSchema,
} from './spec/knowledge-records.js';
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
