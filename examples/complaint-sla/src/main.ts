// A complaint's SLA clocks on the shop's business calendar (Istanbul, weekdays 09:00-18:00 with a lunch
// break, Turkish public holidays), driven by an injected clock so the story runs in a second: the
// complaint arrives on the morning of 28 October, a half day before Republic Day, so the first-response
// clock stops at 13:00, skips the holiday and runs on into Friday; an agent answers in time and promises a
// refund, and the promise going overdue after the weekend is caught, then kept.
// The complaint is kept in SQLite in memory; any store (memory, SQLite, PostgreSQL) works the same.
//   pnpm --filter @aftersale-example/complaint-sla start
import {
  complaintSlaStatus,
  createBusinessCalendar,
  createComplaintDesk,
  defineSlaPolicy,
  overduePromises,
  renderComplaintReply,
} from '@aftersale/core';
import { createSqliteStore } from '@aftersale/storage';

function fail(message: string): never {
  throw new Error(message);
}

const hours: [string, string][] = [
  ['09:00', '12:30'],
  ['13:30', '18:00'],
];
const calendar = createBusinessCalendar({
  timeZone: 'Europe/Istanbul',
  week: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours },
  holidays: { country: 'TR' },
});
const minutes = (first: number, resolution: number) => ({
  firstResponseMinutes: first,
  nextResponseMinutes: first,
  resolutionMinutes: resolution,
});
const sla = defineSlaPolicy({
  targets: { p1: minutes(30, 240), p2: minutes(120, 960), p3: minutes(240, 1440), p4: minutes(480, 2400) },
});

// Wednesday 28 October 2026, 11:00 in Istanbul (UTC+3): the shop closes at 13:00 for Republic Day.
let now = new Date('2026-10-28T08:00:00Z');
const store = createSqliteStore({ filename: ':memory:' });
try {
  await store.migrate();
  const desk = createComplaintDesk({ store, now: () => now, sla: { policy: sla, calendar }, country: 'TR' });
  const shopId = 'cay-evi.example';
  const istanbul = (iso: string | null) =>
    iso === null ? '-' : new Date(iso).toLocaleString('tr-TR', { timeZone: 'Europe/Istanbul' });

  const { record } = await desk.receive({
    shopId,
    customerId: 'cus_7',
    channel: 'chat',
    orderId: 'ord_1042',
    requestedRemedy: 'refund',
    language: 'tr',
    text: 'Siparişim eksik geldi, demlik kapağı yok. Ücretini geri istiyorum.',
  });
  let { state } = await desk.record(shopId, record.id, [
    { type: 'complaint-acknowledged', actor: 'automation:ack' },
    { type: 'complaint-assessed', actor: 'agent:ayse', data: { severity: 'normal', priority: 'p3' } },
  ]);
  let status = complaintSlaStatus(state, sla, calendar, now);
  console.log(`received ${istanbul(now.toISOString())} (Wednesday, a half day)`);
  console.log(`first response (p3: 4 working hours) due ${istanbul(status.firstResponse.dueAt)}`);
  // 90 minutes before the 12:30 lunch break, closed from 13:00 and all of Thursday (Republic Day):
  // the other 150 minutes run from Friday 09:00, so the answer is due Friday 11:30.
  if (status.firstResponse.dueAt !== '2026-10-30T08:30:00.000Z') {
    fail(`expected the first response due Friday 11:30, got ${status.firstResponse.dueAt}`);
  }

  now = new Date('2026-10-30T07:00:00Z'); // Friday 10:00: 90 minutes on Wednesday and 60 on Friday used, not breached
  status = complaintSlaStatus(state, sla, calendar, now);
  console.log(
    `Friday 10:00: first response ${status.firstResponse.state}, ${status.firstResponse.elapsedMinutes} of ${status.firstResponse.targetMinutes} working minutes used`,
  );
  if (status.firstResponse.state === 'breached') fail('the holiday must not count as working time');
  if (status.firstResponse.elapsedMinutes !== 150) {
    fail(`expected 150 working minutes used, got ${status.firstResponse.elapsedMinutes}`);
  }

  // Monday 2 November, 18:00 in Istanbul.
  const due = new Date('2026-11-02T15:00:00Z');
  const refundAmount = { amount: 35000, currency: 'TRY' };
  const reply = renderComplaintReply(
    'refund_promised',
    { orderName: '#1042', refundAmount, deadline: due },
    { locale: 'tr-TR', timeZone: calendar.timeZone },
  );
  ({ state } = await desk.record(shopId, record.id, [
    { type: 'agent-replied', actor: 'agent:ayse', note: reply },
    {
      type: 'promise-made',
      actor: 'agent:ayse',
      data: { promiseId: 'refund-1', kind: 'refund', dueAt: due.toISOString(), amount: refundAmount },
    },
  ]));
  console.log(`agent reply: ${reply}`);
  status = complaintSlaStatus(state, sla, calendar, now);
  console.log(
    `answered at 10:00: first response ${status.firstResponse.state}; resolution due ${istanbul(status.resolution.dueAt)}`,
  );
  if (status.firstResponse.state !== 'met') fail('the first response should be met');

  now = new Date('2026-11-03T06:00:00Z'); // Tuesday 09:00: the promise of Monday 18:00 is overdue
  let overdue = overduePromises(state, now);
  console.log(
    `Tuesday 09:00: ${overdue.length} overdue promise(s): ${overdue.map((promise) => promise.promiseId).join(', ')}`,
  );
  if (overdue.length !== 1 || overdue[0]?.promiseId !== 'refund-1') fail('the overdue promise was not caught');

  ({ state } = await desk.record(shopId, record.id, [
    { type: 'promise-kept', actor: 'agent:ayse', data: { promiseId: 'refund-1' } },
  ]));
  overdue = overduePromises(state, now);
  console.log(`refund made: ${overdue.length} overdue promise(s)`);
  if (overdue.length !== 0) fail('a kept promise is not overdue');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await store.close();
}
