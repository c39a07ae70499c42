import type { z } from 'zod';
import { AftersaleError, type AftersaleIssue } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod, formatPath } from '../errors/from-zod-error.js';
import { isCurrencyCode } from '../money/currency.js';
import { compiledSchema } from './compiled-schema.js';
import { type Customer, customerSchema, type Order, orderSchema } from './schemas.js';

export type ParseResult<T> = { success: true; data: T } | { success: false; error: AftersaleError };

/** Money anywhere in the order must be in the order's currency; line references must resolve. */
function checkOrder(order: Order): AftersaleIssue[] {
  const issues: AftersaleIssue[] = [];
  if (!isCurrencyCode(order.currency)) {
    issues.push({ path: 'currency', message: 'must be an active ISO 4217 currency code such as TRY, EUR or USD' });
    return issues;
  }
  // One path stack, pushed and popped as the walk goes: a path is formatted only for an issue.
  const path: PropertyKey[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        walk(value[index]);
        path.pop();
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.amount === 'number' && typeof record.currency === 'string') {
      if (record.currency !== order.currency) {
        issues.push({
          path: formatPath([...path, 'currency']),
          message: `is ${record.currency} but the order is in ${order.currency}; keep shop and presentment money apart`,
        });
      }
      return;
    }
    for (const key in record) {
      path.push(key);
      walk(record[key]);
      path.pop();
    }
  };
  walk(order);
  const lineIds = new Set<string>();
  order.lines.forEach((line, index) => {
    if (lineIds.has(line.id)) issues.push({ path: `lines[${index}].id`, message: `duplicates line id ${line.id}` });
    lineIds.add(line.id);
  });
  order.fulfillments.forEach((fulfillment, f) => {
    fulfillment.lines.forEach((line, l) => {
      if (!lineIds.has(line.lineItemId)) {
        issues.push({
          path: `fulfillments[${f}].lines[${l}].lineItemId`,
          message: `refers to no line of the order (${line.lineItemId})`,
        });
      }
    });
  });
  order.refunds.forEach((refund, r) => {
    refund.lines.forEach((line, l) => {
      if (!lineIds.has(line.lineItemId)) {
        issues.push({
          path: `refunds[${r}].lines[${l}].lineItemId`,
          message: `refers to no line of the order (${line.lineItemId})`,
        });
      }
    });
  });
  return issues;
}

function invalid(
  issues: AftersaleIssue[],
  subject: string,
  code: 'invalid_order' | 'invalid_customer',
): AftersaleError {
  return new AftersaleError({
    code,
    message: `Invalid ${subject}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
    issues,
  });
}

/**
 * Validates a normalized order. Tolerant of extra fields (they are dropped), strict about what
 * aftersale needs. Returns a result instead of throwing.
 */
export function safeParseOrder(input: unknown): ParseResult<Order> {
  const parsed = compiledSchema(orderSchema).safeParse(input);
  if (!parsed.success) {
    return {
      success: false,
      error: aftersaleErrorFromZod(parsed.error as z.ZodError, { code: 'invalid_order', subject: 'order' }),
    };
  }
  const issues = checkOrder(parsed.data);
  if (issues.length > 0) return { success: false, error: invalid(issues, 'order', 'invalid_order') };
  return { success: true, data: parsed.data };
}

/**
 * Validates a normalized order.
 * @throws AftersaleError `invalid_order`, whose `issues` name every path at fault.
 */
export function parseOrder(input: unknown): Order {
  const result = safeParseOrder(input);
  if (!result.success) throw result.error;
  return result.data;
}

/** Validates a normalized customer; returns a result instead of throwing. */
export function safeParseCustomer(input: unknown): ParseResult<Customer> {
  const parsed = customerSchema.safeParse(input);
  if (!parsed.success) {
    return {
      success: false,
      error: aftersaleErrorFromZod(parsed.error as z.ZodError, { code: 'invalid_customer', subject: 'customer' }),
    };
  }
  return { success: true, data: parsed.data };
}

/**
 * Validates a normalized customer.
 * @throws AftersaleError `invalid_customer` naming every path at fault.
 */
export function parseCustomer(input: unknown): Customer {
  const result = safeParseCustomer(input);
  if (!result.success) throw result.error;
  return result.data;
}
