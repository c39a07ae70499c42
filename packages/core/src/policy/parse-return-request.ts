import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { isCurrencyCode } from '../money/currency.js';
import type { ResolutionKind } from './policy-schema.js';
import { type CustomerFacts, customerFactsSchema, type ReturnRequest, returnRequestSchema } from './return-decision.js';

/** A return request as evaluation reads it: defaults filled in. */
export type ParsedReturnRequest = ReturnType<typeof returnRequestSchema.parse>;
/** Customer facts as evaluation reads them: defaults filled in. */
export type ParsedCustomerFacts = ReturnType<typeof customerFactsSchema.parse>;
type ParsedRequestLine = ParsedReturnRequest['lines'][number];

// Every evaluation validates its request and customer facts. The schemas stay the definition; the
// checks below accept only input the schemas accept and give the same data (a request line that
// already has every defaulted field is used as it is), without the schema machinery. Anything they
// do not recognise goes through the schema, which also writes the errors.

const isRequestKey = (key: string): boolean => key === 'lines' || key === 'carrier';
function isLineKey(key: string): boolean {
  switch (key) {
    case 'lineItemId':
    case 'quantity':
    case 'reason':
    case 'resolution':
    case 'evidence':
    case 'exchangePrice':
    case 'sealBroken':
      return true;
    default:
      return false;
  }
}
const isEvidenceKey = (key: string): boolean => key === 'photo' || key === 'description';
function isCustomerKey(key: string): boolean {
  switch (key) {
    case 'kind':
    case 'tags':
    case 'lifetimeOrders':
    case 'returns':
    case 'country':
      return true;
    default:
      return false;
  }
}
const isReturnsKey = (key: string): boolean => key === 'periodDays' || key === 'count';
const isResolution = (value: unknown): boolean =>
  value === 'refund' || value === 'store_credit' || value === 'exchange' || value === 'keep_item';
const countryPattern = /^[A-Z]{2}$/;

/** An object as the schemas take one (any object but an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Unknown keys are found as the schemas find them (`for...in`); one check per kind of object.
function onlyLineKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isLineKey(key)) return false;
  return true;
}
function onlyEvidenceKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isEvidenceKey(key)) return false;
  return true;
}
function onlyRequestKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isRequestKey(key)) return false;
  return true;
}
function onlyCustomerKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isCustomerKey(key)) return false;
  return true;
}
function onlyReturnsKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isReturnsKey(key)) return false;
  return true;
}

const optionalBoolean = (value: unknown): boolean => value === undefined || typeof value === 'boolean';
const count = (value: unknown, minimum: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum;

function quickLine(value: unknown): ParsedRequestLine | null {
  if (!isRecord(value) || !onlyLineKeys(value)) return null;
  const { lineItemId, quantity, reason, resolution, evidence, exchangePrice, sealBroken } = value;
  if (typeof lineItemId !== 'string' || lineItemId.length === 0 || typeof reason !== 'string' || reason.length === 0)
    return null;
  if (!count(quantity, 1) || !optionalBoolean(sealBroken)) return null;
  if (resolution !== undefined && !isResolution(resolution)) return null;
  let parsedEvidence: ParsedRequestLine['evidence'] = {};
  if (evidence !== undefined) {
    if (!isRecord(evidence) || !onlyEvidenceKeys(evidence)) return null;
    if (!optionalBoolean(evidence.photo) || !optionalBoolean(evidence.description)) return null;
    // A line that gives every defaulted field already reads as parsed: evaluation only reads it.
    if (resolution !== undefined && exchangePrice === undefined) return value as ParsedRequestLine;
    parsedEvidence = { ...(evidence as ParsedRequestLine['evidence']) };
  }
  const line: ParsedRequestLine = {
    lineItemId,
    quantity,
    reason,
    resolution: (resolution ?? 'refund') as ResolutionKind,
    evidence: parsedEvidence,
  };
  if (exchangePrice !== undefined) {
    if (!isRecord(exchangePrice) || !count(exchangePrice.amount, Number.MIN_SAFE_INTEGER)) return null;
    if (!isCurrencyCode(exchangePrice.currency)) return null;
    line.exchangePrice = { amount: exchangePrice.amount, currency: exchangePrice.currency };
  }
  if (sealBroken !== undefined) line.sealBroken = sealBroken as boolean;
  return line;
}

function quickRequest(value: unknown): ParsedReturnRequest | null {
  if (!isRecord(value) || !onlyRequestKeys(value)) return null;
  const { lines, carrier } = value;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  if (carrier !== undefined && carrier !== 'designated' && carrier !== 'own') return null;
  const parsed: ParsedRequestLine[] = [];
  // Each line once: a scan for the usual few lines, a set beyond.
  const ids = lines.length > 16 ? new Set<string>() : null;
  for (const entry of lines) {
    const line = quickLine(entry);
    if (line === null) return null;
    if (ids === null) {
      for (const earlier of parsed) if (earlier.lineItemId === line.lineItemId) return null;
    } else {
      if (ids.has(line.lineItemId)) return null;
      ids.add(line.lineItemId);
    }
    parsed.push(line);
  }
  return { lines: parsed, carrier: carrier ?? 'designated' };
}

function quickCustomer(value: unknown): ParsedCustomerFacts | null {
  if (!isRecord(value) || !onlyCustomerKeys(value)) return null;
  const { kind, tags, lifetimeOrders, returns, country } = value;
  if (kind !== undefined && kind !== 'consumer' && kind !== 'business') return null;
  if (tags !== undefined && (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))) return null;
  if (lifetimeOrders !== undefined && !count(lifetimeOrders, 0)) return null;
  if (country !== undefined && (typeof country !== 'string' || !countryPattern.test(country))) return null;
  const parsed: ParsedCustomerFacts = { kind: kind ?? 'consumer', tags: tags === undefined ? [] : [...tags] };
  if (lifetimeOrders !== undefined) parsed.lifetimeOrders = lifetimeOrders;
  if (returns !== undefined) {
    if (!isRecord(returns) || !onlyReturnsKeys(returns)) return null;
    if (!count(returns.periodDays, 1) || !count(returns.count, 0)) return null;
    parsed.returns = { periodDays: returns.periodDays, count: returns.count };
  }
  if (country !== undefined) parsed.country = country;
  return parsed;
}

/**
 * Validates a return request and fills its defaults, as `returnRequestSchema` does.
 * @throws AftersaleError `invalid_return_request` naming every problem.
 */
export function parseReturnRequest(request: ReturnRequest): ParsedReturnRequest {
  const quick = quickRequest(request);
  if (quick !== null) return quick;
  const parsed = returnRequestSchema.safeParse(request);
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_return_request', subject: 'return request' });
  return parsed.data;
}

/**
 * Validates customer facts (none given: no facts) and fills their defaults, as `customerFactsSchema` does.
 * @throws AftersaleError `invalid_return_request` naming every problem.
 */
export function parseCustomerFacts(customer: CustomerFacts | undefined): ParsedCustomerFacts {
  const quick = quickCustomer(customer ?? {});
  if (quick !== null) return quick;
  const parsed = customerFactsSchema.safeParse(customer ?? {});
  if (!parsed.success)
    throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_return_request', subject: 'customer facts' });
  return parsed.data;
}
