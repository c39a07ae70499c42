import {
  AftersaleError,
  type CustomerFacts,
  customerFactsSchema,
  evaluateReturn,
  issuesFromZod,
  parseOrder,
  parsePolicy,
  type ReturnRequest,
  returnRequestSchema,
} from '@aftersale/core';
import type { z } from 'zod';
import { defineCommand } from '../command-registry.js';
import { loadJsonFile } from '../read-json-file.js';
import { moneyText, printJson } from './shared-options.js';

/** A zod schema as a core-style parser (throws `invalid_input` with every path). */
export function zodParser<T>(schema: z.ZodType<T>, subject: string): (data: unknown) => T {
  return (data) => {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issues = issuesFromZod(parsed.error);
    throw new AftersaleError({
      code: 'invalid_input',
      message: `Invalid ${subject}: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}.`,
      issues,
    });
  };
}

/** `aftersale policy evaluate`: decides one return request. */
export const policyEvaluateCommand = defineCommand({
  name: 'evaluate',
  summary: 'decide a return request against a policy, with the statutory rights',
  description:
    'Decides a return request (JSON) for an order (JSON, the normalized order model) under a policy, on top of the statutory rights of the consumer, and prints the decision: per line the status, the basis, the deadline, fees and why; then the refund.',
  arguments: [
    { name: 'policy', description: 'the policy JSON file' },
    { name: 'order', description: 'the order JSON file (normalized order, money in minor units)' },
    { name: 'request', description: 'the return request JSON file ({ "lines": [...] })' },
  ],
  options: [
    { flags: '--time-zone <zone>', description: "the shop's IANA time zone (Europe/Istanbul)", required: true },
    { flags: '--now <timestamp>', description: 'the moment of the decision (ISO 8601; default: now)' },
    { flags: '--locale <locale>', description: "the customer's locale (tr-TR, en-GB)", defaultValue: 'en' },
    { flags: '--customer <file>', description: 'customer facts JSON file (tags, lifetime orders, returns, country)' },
    { flags: '--consumer-country <country>', description: 'the country whose consumer law applies (TR, DE)' },
  ],
  examples: [
    'aftersale policy evaluate policy.json order.json request.json --time-zone Europe/Istanbul --locale tr-TR',
    'aftersale policy evaluate policy.json order.json request.json --time-zone Europe/Berlin --now 2026-07-01T10:00:00Z --json',
  ],
  async run({ args, options, io }) {
    const [policyFile, orderFile, requestFile] = args as [string, string, string];
    const policy = await loadJsonFile(io, policyFile, 'policy', parsePolicy);
    const order = await loadJsonFile(io, orderFile, 'order', parseOrder);
    const request = await loadJsonFile(io, requestFile, 'request', zodParser(returnRequestSchema, 'return request'));
    const customer =
      options.customer === undefined
        ? undefined
        : await loadJsonFile(
            io,
            String(options.customer),
            'customer',
            zodParser(customerFactsSchema, 'customer facts'),
          );
    const locale = String(options.locale);
    const decision = evaluateReturn(policy, order, request as ReturnRequest, {
      now: options.now === undefined ? io.now() : String(options.now),
      locale,
      shopTimeZone: String(options.timeZone),
      ...(customer === undefined ? {} : { customer: customer as CustomerFacts }),
      ...(options.consumerCountry === undefined ? {} : { consumerCountry: String(options.consumerCountry) }),
    });
    if (options.json) {
      printJson(io, decision);
      return 0;
    }
    const pack = decision.jurisdiction.pack;
    io.stdout(
      `Order ${decision.orderId} under ${decision.policy.id} v${decision.policy.version}: ${decision.status}` +
        ` (law: ${pack === null ? 'none' : `${pack.id}, ${decision.jurisdiction.country}`})\n`,
    );
    for (const line of decision.lines) {
      const deadline =
        line.deadline === null ? '' : `  until ${line.deadline}${line.deadlineEstimated ? ' (estimated)' : ''}`;
      io.stdout(`\n  ${line.lineItemId} ×${line.quantity}  ${line.status}  ${line.basis ?? 'no basis'}${deadline}\n`);
      io.stdout(`    ${line.explanation.text}\n`);
      for (const message of line.messages) io.stdout(`    - ${message.text}\n`);
      for (const condition of line.conditions) io.stdout(`    ? ${condition.message.text}\n`);
      for (const fee of line.fees) io.stdout(`    fee ${fee.kind}: ${moneyText(fee.amount, locale)}\n`);
    }
    for (const fee of decision.fees) io.stdout(`\n  fee ${fee.kind}: ${moneyText(fee.amount, locale)}\n`);
    for (const message of decision.messages) io.stdout(`  ${message.text}\n`);
    io.stdout(`\n  refund: ${moneyText(decision.refund?.total ?? null, locale)}\n`);
    return 0;
  },
});
