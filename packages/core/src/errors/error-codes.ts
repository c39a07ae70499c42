/**
 * Every code an {@link AftersaleError} can carry, with what it means and what to do about it.
 * Codes are stable: they are part of the public API and never change meaning.
 * `docs/errors.md` is checked against this table by a test.
 */
export const errorCodes = {
  invalid_config: {
    title: 'Invalid configuration',
    remedy: 'Fix the settings named in the message; every problem found is listed at once.',
  },
  invalid_input: {
    title: 'Invalid input',
    remedy: 'Correct the value at the path named in the message and call again.',
  },
  invalid_order: {
    title: 'Order failed validation',
    remedy:
      'The order payload lacks or mistypes the field at the named path; check the adapter or the data you built it from.',
  },
  invalid_customer: {
    title: 'Customer failed validation',
    remedy: 'The customer payload lacks or mistypes the field at the named path.',
  },
  invalid_amount: {
    title: 'Amount is not a valid money value',
    remedy:
      'Pass an integer number of minor units, or a decimal string with no more decimals than the currency allows (or an explicit rounding mode).',
  },
  unknown_currency: {
    title: 'Unknown currency',
    remedy: 'Use an active ISO 4217 currency code (three capital letters, such as TRY, EUR, USD).',
  },
  currency_mismatch: {
    title: 'Currencies do not match',
    remedy: 'Money in different currencies cannot be combined; convert first or keep the amounts apart.',
  },
  amount_overflow: {
    title: 'Amount too large',
    remedy: 'The result exceeds the largest exactly representable amount (Number.MAX_SAFE_INTEGER minor units).',
  },
  invalid_allocation: {
    title: 'Invalid allocation',
    remedy: 'Allocation weights must be non-negative integers (or exact decimals) and not all zero.',
  },
  store_conflict: {
    title: 'Record changed since it was read',
    remedy:
      'Another worker updated the record first: read it again, re-apply the change and retry with its new version.',
  },
  store_not_found: {
    title: 'Record not found',
    remedy: 'The record to update does not exist in this shop; create it first or check the shop and id.',
  },
  store_corrupt: {
    title: 'Database is not an aftersale database or is damaged',
    remedy: 'Point the store at its own database file or schema; restore a damaged file from a backup.',
  },
  store_not_migrated: {
    title: 'Database schema is not at the expected version',
    remedy:
      'Run store.migrate() (or `aftersale migrate`) before use; a schema newer than this package needs an upgrade of aftersale.',
  },
  store_unavailable: {
    title: 'Database unavailable',
    remedy:
      'The database could not be reached or refused the credentials; check the connection settings and the server.',
  },
  store_closed: {
    title: 'Store is closed',
    remedy: 'The store was closed; create a new one.',
  },
  platform_unavailable: {
    title: 'Platform unavailable',
    remedy:
      'The platform answered 5xx or the network failed after every retry; try again later. A refund left in doubt is looked up before it is retried.',
  },
  platform_auth_failed: {
    title: 'Platform refused the credentials',
    remedy: 'Check the access token (or session) and that the app has the scopes the operation needs.',
  },
  platform_rejected: {
    title: 'Platform rejected the request',
    remedy: 'Read the errors in `issues` (each with its field path) and correct the request.',
  },
  platform_throttled: {
    title: 'Platform rate limit exhausted',
    remedy:
      'The request stayed throttled after every wait the adapter allows; lower the page size or raise the wait limit.',
  },
  idempotency_conflict: {
    title: 'Idempotency key reused for a different request',
    remedy: 'Use a new idempotency key for a different refund; one key guards exactly one request.',
  },
  capability_not_supported: {
    title: 'Capability not supported',
    remedy: 'This adapter does not declare the capability; check `adapter.capabilities` before calling.',
  },
  invalid_policy: {
    title: 'Return policy failed validation',
    remedy: 'Fix the policy field at the named path (definePolicy lists every problem at once) and define it again.',
  },
  invalid_return_request: {
    title: 'Return request failed validation',
    remedy:
      'Correct the request at the named path: lines, quantities, a leaf reason code of the policy, the evaluation options.',
  },
  unknown_line_item: {
    title: 'No such order line',
    remedy: 'Ask only for line ids of this order (order.lines[].id); reload the order if it changed.',
  },
  exceeds_refundable: {
    title: 'More than remains refundable',
    remedy: 'Ask for at most the units still refundable (refundableQuantity); earlier refunds already took the rest.',
  },
  missing_translation: {
    title: 'Missing translation',
    remedy: 'Use a supported locale (tr or en), or give the custom text in every supported locale.',
  },
  invalid_return_transition: {
    title: 'Return case event not allowed in its status',
    remedy:
      'Read the case again and apply an event its status allows (the message lists them); an override of the policy decision needs a staff id and a note.',
  },
  refund_rejected: {
    title: 'The platform refused the refund',
    remedy:
      'Nothing moved. Read the platform errors in the message (each names the field), fix the plan or the order on the platform, and try again with a new idempotency key.',
  },
  model_fit_failed: {
    title: 'Lifetime-value model could not be fitted',
    remedy:
      'The data do not identify the model (no repeat buyers, too few customers, or no finite maximum); use more customers or a longer calibration period.',
  },
  invalid_complaint_transition: {
    title: 'Complaint event not allowed in its status',
    remedy:
      'Read the complaint again and apply an event its status allows (the transition table in docs/concepts/complaints.md); a disputed complaint or one whose customer asked for a person is closed only by a person.',
  },
  missing_template_variable: {
    title: 'Reply template variable missing',
    remedy:
      'Give every variable the template names (the message lists the missing ones); a reply is never sent with a blank.',
  },
  invalid_article: {
    title: 'Knowledge-base article failed validation',
    remedy:
      'Correct the article at the named path (id `kb_…`, language tr or en, question, answers, categories, a policy anchor the rendered policy has) and upsert it again.',
  },
  resolution_not_offered: {
    title: 'The policy does not offer this resolution',
    remedy:
      'The decision does not offer the resolution (store credit, exchange) for the lines named in the message; resolve the case with one of decision.lines[].resolutions.',
  },
  order_not_cancellable: {
    title: 'Order cannot be cancelled',
    remedy:
      'The order has fulfilled lines or is cancelled already; refund the shipped items through a return case (or a goodwill refund) instead.',
  },
} as const satisfies Record<string, { title: string; remedy: string }>;

/** A stable error code; see {@link errorCodes} and `docs/errors.md`. */
export type AftersaleErrorCode = keyof typeof errorCodes;
