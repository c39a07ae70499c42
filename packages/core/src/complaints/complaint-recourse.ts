import type { ComplaintChannel, ComplaintRecourse } from './complaint-vocabulary.js';

const euAndEea = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/**
 * What a customer who rejects the outcome can still do: a supervisor's review always; in Turkey the
 * consumer arbitration committee (tüketici hakem heyeti) and the consumer court; in the EEA and the UK
 * an alternative dispute resolution body; on a marketplace, the marketplace's own dispute process.
 */
export function recourseFor(context: {
  country: string | null;
  channel: ComplaintChannel | null;
}): ComplaintRecourse[] {
  const recourse: ComplaintRecourse[] = ['escalate_to_supervisor'];
  if (context.channel === 'marketplace') recourse.push('marketplace_dispute');
  const country = context.country?.toUpperCase() ?? null;
  if (country === 'TR') recourse.push('consumer_arbitration_committee', 'consumer_court');
  else if (country !== null && (euAndEea.has(country) || country === 'GB'))
    recourse.push('alternative_dispute_resolution');
  return recourse;
}
