import { parsePolicy, parsePolicyHistory, type SimulatedOutcome, simulatePolicy } from '@aftersale/core';
import { defineCommand } from '../command-registry.js';
import { loadJsonFile } from '../read-json-file.js';
import { moneyText, printJson } from './shared-options.js';

function outcomeText(outcome: SimulatedOutcome, locale: string): string {
  if ('error' in outcome) return `error ${outcome.error.code}`;
  return `${outcome.status}, refund ${moneyText(outcome.refund, locale)}, fees ${moneyText(outcome.fees, locale)}`;
}

/** `aftersale policy simulate`: what a policy change does to past requests. */
export const policySimulateCommand = defineCommand({
  name: 'simulate',
  summary: 'replay past requests under two policy versions and show what changes',
  description:
    'Replays past return requests (a JSON array of { id?, order, request, requestedAt, customer?, consumerCountry? }) under the current and the proposed policy, each at its own requestedAt, and reports eligibility won or lost, refund totals and fees, so a change is seen before it is published.',
  arguments: [
    { name: 'before', description: 'the current policy JSON file' },
    { name: 'after', description: 'the proposed policy JSON file' },
    { name: 'history', description: 'the history JSON file' },
  ],
  options: [
    { flags: '--time-zone <zone>', description: "the shop's IANA time zone (Europe/Istanbul)", required: true },
    { flags: '--locale <locale>', description: 'the locale of money in the report (tr-TR, en-GB)', defaultValue: 'en' },
  ],
  examples: [
    'aftersale policy simulate policy.json policy-next.json history.json --time-zone Europe/Istanbul',
    'aftersale policy simulate policy.json policy-next.json history.json --time-zone Europe/Istanbul --json',
  ],
  async run({ args, options, io }) {
    const [beforeFile, afterFile, historyFile] = args as [string, string, string];
    const before = await loadJsonFile(io, beforeFile, 'policy', parsePolicy);
    const after = await loadJsonFile(io, afterFile, 'policy', parsePolicy);
    const history = await loadJsonFile(io, historyFile, 'history', parsePolicyHistory);
    const locale = String(options.locale);
    const report = simulatePolicy(before, after, history, { shopTimeZone: String(options.timeZone), locale });
    if (options.json) {
      printJson(io, report);
      return 0;
    }
    const { eligibility, refunds, fees } = report;
    io.stdout(
      `${report.before.id} v${report.before.version} → ${report.after.id} v${report.after.version}: ` +
        `${report.requests} request(s) replayed, ${report.changed} changed, ${report.errors} could not be evaluated\n`,
    );
    io.stdout(
      `  eligibility: ${eligibility.becameEligible} request(s) become returnable, ${eligibility.becameIneligible} stop being returnable` +
        ` (lines: +${eligibility.linesBecameEligible} / -${eligibility.linesBecameIneligible})\n`,
    );
    io.stdout(
      `  refunds: ${moneyText(refunds.before, locale)} → ${moneyText(refunds.after, locale)} (${moneyText(refunds.difference, locale)})\n`,
    );
    io.stdout(
      `  fees: ${moneyText(fees.before, locale)} → ${moneyText(fees.after, locale)} (${moneyText(fees.difference, locale)})\n`,
    );
    const changed = report.entries.filter((entry) => entry.changes.length > 0);
    if (changed.length > 0) io.stdout('\nChanged:\n');
    for (const entry of changed) {
      io.stdout(`  ${entry.id} (order ${entry.orderId}): ${entry.changes.join(', ')}\n`);
      io.stdout(`    before: ${outcomeText(entry.before, locale)}\n    after:  ${outcomeText(entry.after, locale)}\n`);
    }
    return 0;
  },
});
