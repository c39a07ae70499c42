// Folds 100,000 complaints of 20 events each into their state and computes their SLA status on a
// Turkish business calendar, and prints how many events were folded per second (target: over 1M).
// Run: pnpm exec tsx packages/core/bench/complaints.bench.ts
import { createBusinessCalendar } from '../src/complaints/business-calendar.js';
import {
  type ComplaintEventType,
  type ComplaintHistoryEvent,
  complaintEvent,
} from '../src/complaints/complaint-event.js';
import { complaintSlaStatus, defineSlaPolicy } from '../src/complaints/complaint-sla.js';
import { foldComplaint } from '../src/complaints/fold-complaint.js';

const complaintCount = 100_000;
const eventsPerComplaint = 20;
const distinctHistories = 2_000;
const rounds = 3;

const hours: [string, string][] = [
  ['09:00', '12:30'],
  ['13:30', '18:00'],
];
const calendar = createBusinessCalendar({
  timeZone: 'Europe/Istanbul',
  week: {
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: [['10:00', '14:00']],
  },
  holidays: { country: 'TR' },
});
const targets = (first: number, resolution: number) => ({
  firstResponseMinutes: first,
  nextResponseMinutes: first,
  resolutionMinutes: resolution,
});
const policy = defineSlaPolicy({
  targets: { p1: targets(30, 480), p2: targets(60, 960), p3: targets(240, 1620), p4: targets(480, 2700) },
});

// A pseudo-random generator with a fixed seed, so every run folds the same histories.
let seed = 20_260_316;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

/** One realistic 20-event history received at `start`, with gaps of minutes to days. */
function history(start: number): ComplaintHistoryEvent[] {
  let at = start;
  let sequence = 0;
  const events: ComplaintHistoryEvent[] = [];
  const push = <T extends ComplaintEventType>(
    type: T,
    data: Extract<ComplaintHistoryEvent, { type: T }>['data'],
    actor = 'agent:a1',
  ) => {
    at += Math.floor(random() * 6 * 3_600_000);
    sequence += 1;
    const event = complaintEvent(type, { at: new Date(at).toISOString(), actor, data });
    event.sequence = sequence;
    events.push(event);
  };
  const priority = (['p1', 'p2', 'p3', 'p4'] as const)[Math.floor(random() * 4)] ?? 'p3';
  push(
    'complaint-received',
    { channel: 'email', orderId: 'ord_1', lineIds: ['l1'], requestedRemedy: 'refund', language: 'tr' },
    'customer',
  );
  push(
    'category-set',
    { category: 'damaged', intents: ['refund'], urgency: 'normal', source: 'suggester', confidence: 0.7 },
    'automation:suggester',
  );
  push('complaint-acknowledged', {}, 'automation:ack');
  push('complaint-assessed', { severity: 'normal', priority });
  push('complaint-assigned', {
    assignee: 'agent:a1',
    previousAssignee: null,
    handoff: { facts: [], tried: [], openPromises: [], nextStep: 'investigate' },
  });
  push('investigation-started', {});
  push('agent-replied', {});
  push('fact-established', { fact: 'photo_shows_crack' });
  push('customer-input-requested', {});
  push('customer-replied', {}, 'customer');
  push('action-tried', { action: 'asked_warehouse', outcome: 'worked' });
  push('promise-made', {
    promiseId: 'p1',
    kind: 'refund',
    dueAt: new Date(at + 5 * 86_400_000).toISOString(),
    amount: { amount: 45_000, currency: 'TRY' },
  });
  push('customer-replied', {}, 'customer');
  push('agent-replied', {});
  push('note-added', {});
  push('complaint-transferred', {
    assignee: 'agent:a2',
    previousAssignee: 'agent:a1',
    handoff: { facts: [8], tried: [11], openPromises: ['p1'], nextStep: 'resolve' },
  });
  push('promise-kept', { promiseId: 'p1' });
  push(
    'complaint-resolved',
    { remedy: 'refund', returnCaseId: 'ret_1', refundId: 'rfd_1', amount: { amount: 45_000, currency: 'TRY' } },
    'agent:a2',
  );
  push('outcome-accepted', {}, 'customer');
  push('feedback-received', { csat: 5, nps: 9 }, 'customer');
  return events;
}

// Histories received across a whole year (holidays, weekends and DST-free Istanbul alike).
const yearStart = Date.parse('2026-01-01T08:00:00+03:00');
const histories = Array.from({ length: distinctHistories }, () =>
  history(yearStart + Math.floor(random() * 360) * 86_400_000),
);
if (histories.some((events) => events.length !== eventsPerComplaint))
  throw new Error('a history is not 20 events long');
const now = Date.parse('2027-01-15T12:00:00+03:00');

// Rates are measured on the process's CPU time, so a machine shared with other work does not
// distort them; the wall-clock rate is printed beside.
const rates: number[] = [];
const wallRates: number[] = [];
let checksum = 0;
for (let round = 0; round < rounds; round++) {
  const begin = performance.now();
  const cpu = process.cpuUsage();
  for (let index = 0; index < complaintCount; index++) {
    const state = foldComplaint(histories[index % distinctHistories] as ComplaintHistoryEvent[]);
    const sla = complaintSlaStatus(state, policy, calendar, now);
    checksum += sla.resolution.elapsedMinutes + (sla.breached ? 1 : 0);
  }
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  rates.push((complaintCount * eventsPerComplaint) / seconds);
  wallRates.push((complaintCount * eventsPerComplaint) / ((performance.now() - begin) / 1000));
}
const best = Math.max(...rates);
const rounded = (value: number) => Math.round(value).toLocaleString('en-US');
process.stdout.write(
  `complaints fold+sla complaints=${complaintCount} events=${complaintCount * eventsPerComplaint} rounds=${rounds} events-per-cpu-second first=${rounded(rates[0] as number)} best=${rounded(best)} wall-clock best=${rounded(Math.max(...wallRates))} checksum=${checksum}\n`,
);
process.stdout.write(`complaints-fold per-second=${Math.round(best)}\n`);
