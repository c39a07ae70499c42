import {
  AftersaleError,
  type AftersaleStore,
  createBusinessCalendar,
  createComplaintDesk,
  defineSlaPolicy,
  foldComplaint,
  suggestComplaintLabels,
  summarizeHandoff,
} from '@aftersale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createPostgresStore, createSqliteStore } from '../src/index.js';
import { postgresTarget } from './postgres-target.js';

// The complaint lifecycle through every store backend: memory, SQLite (:memory:) and PostgreSQL
// (the server at DATABASE_URL in a schema of its own, or PGlite outside CI when no server answers).
const target = await postgresTarget('complaints');
afterAll(async () => {
  if (target.kind === 'server') await target.dropSchema();
  else await target.close();
});

type Finder = { findText(needles: readonly string[]): Promise<Array<{ table: string; column: string; rows: number }>> };

const backends: Array<[string, (now: () => Date) => AftersaleStore & Finder]> = [
  ['memory', (now) => createMemoryStore({ now })],
  ['sqlite', (now) => createSqliteStore({ filename: ':memory:', now })],
  [
    target.kind === 'server' ? 'postgres (server)' : 'postgres (PGlite)',
    (now) =>
      target.kind === 'server'
        ? createPostgresStore({ connectionString: target.connectionString, schema: target.schema, now })
        : createPostgresStore({ dialect: target.dialect(), schema: 'aftersale_complaints', now }),
  ],
];

const hours: [string, string][] = [['09:00', '18:00']];
const sla = {
  policy: defineSlaPolicy({
    targets: {
      p1: { firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 240 },
      p2: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 540 },
      p3: { firstResponseMinutes: 240, nextResponseMinutes: 240, resolutionMinutes: 1080 },
      p4: { firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 2700 },
    },
  }),
  calendar: createBusinessCalendar({
    timeZone: 'Europe/Istanbul',
    week: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours },
    holidays: { country: 'TR' },
  }),
};

const words = 'Kargo teslim edildi diyor ama paketim gelmedi, Ayşe Yılmaz, Moda Cad. 12';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (AftersaleError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

for (const [name, open] of backends) {
  describe(`complaints on the ${name} store`, () => {
    // A clock the test moves by hand: nothing sleeps.
    let clock = Date.parse('2026-03-16T09:00:00+03:00');
    const now = () => new Date(clock);
    const advance = (minutes: number) => {
      clock += minutes * 60_000;
    };
    const store = open(now);
    const shopId = `complaints-${name.replace(/\W+/g, '-')}-${Date.now()}.myshopify.com`;
    let ids = 0;
    const desk = createComplaintDesk({
      store,
      now,
      sla,
      country: 'TR',
      generateId: () => `cmp_${name.slice(0, 3)}_${++ids}`,
    });
    afterAll(() => store.close());

    it('keeps the whole lifecycle: events appended in order, state folded from them, the record in step', async () => {
      await store.migrate();
      const received = await desk.receive({
        shopId,
        customerId: 'cus_1',
        channel: 'email',
        orderId: 'ord_1042',
        lineIds: ['line_1'],
        requestedRemedy: 'refund',
        language: 'tr',
        text: words,
      });
      const id = received.record.id;
      expect(received.record).toMatchObject({
        id: `cmp_${name.slice(0, 3)}_1`,
        status: 'received',
        customerId: 'cus_1',
        description: words,
      });
      // The first response is due four working hours after 09:00 Monday (p3 by default).
      expect(received.record.dueAt).toBe('2026-03-16T10:00:00.000Z');

      const suggestion = suggestComplaintLabels(words);
      advance(5);
      await desk.record(shopId, id, [
        { type: 'complaint-acknowledged', actor: 'automation:ack' },
        {
          type: 'category-set',
          actor: 'automation:suggester',
          data: {
            category: suggestion.category.value,
            intents: suggestion.intents.map((intent) => intent.value),
            urgency: suggestion.urgency.value,
            source: 'suggester',
            confidence: suggestion.category.confidence,
          },
        },
      ]);
      advance(10);
      await desk.record(shopId, id, [
        { type: 'complaint-assessed', actor: 'agent:ayse', data: { severity: 'high', priority: 'p2' } },
        { type: 'investigation-started', actor: 'agent:ayse' },
      ]);
      await desk.assign(shopId, id, { assignee: 'agent:ayse', actor: 'agent:lead' });
      advance(20);
      await desk.record(shopId, id, [
        { type: 'agent-replied', actor: 'agent:ayse', note: 'Kargo firmasıyla görüşüyoruz.' },
        {
          type: 'fact-established',
          actor: 'agent:ayse',
          data: { fact: 'carrier_scan_delivered' },
          note: 'Teslim taraması 14:02',
        },
        { type: 'action-tried', actor: 'agent:ayse', data: { action: 'asked_carrier', outcome: 'failed' } },
        {
          type: 'promise-made',
          actor: 'agent:ayse',
          data: {
            promiseId: 'refund-1',
            kind: 'refund',
            dueAt: '2026-03-18T15:00:00.000Z',
            amount: { amount: 45_000, currency: 'TRY' },
          },
        },
      ]);
      const transferred = await desk.assign(shopId, id, { assignee: 'agent:mehmet', actor: 'agent:lead' });
      const handoff = transferred.state.handoffs.at(-1);
      expect(handoff).toMatchObject({
        from: 'agent:ayse',
        to: 'agent:mehmet',
        references: { facts: [8], tried: [9], openPromises: ['refund-1'], nextStep: 'resolve' },
      });
      const summary = summarizeHandoff(transferred.state, transferred.events, {
        locale: 'en',
        timeZone: 'Europe/Istanbul',
        now: now(),
      });
      expect(summary.customerWords).toBe(words);
      expect(summary.facts).toEqual(['carrier_scan_delivered: Teslim taraması 14:02']);
      expect(transferred.record).toMatchObject({
        status: 'investigating',
        category: 'never_arrived',
        severity: 'high',
        data: {
          priority: 'p2',
          assignee: 'agent:mehmet',
          openPromises: 1,
          nextPromiseDueAt: '2026-03-18T15:00:00.000Z',
          lastSequence: 11,
        },
      });

      // An invalid transition is a typed error, and nothing is appended.
      expect(await codeOf(desk.record(shopId, id, [{ type: 'outcome-accepted', actor: 'customer' }]))).toMatch(
        /^invalid_complaint_transition: Cannot apply outcome-accepted to complaint cmp_\w+ in status investigating/,
      );
      expect((await store.listComplaintEvents(shopId, id, { limit: 500 })).items).toHaveLength(11);

      // Resolution, a rejected outcome with the Turkish recourse, and the human path.
      advance(60);
      await desk.record(shopId, id, [
        { type: 'promise-kept', actor: 'agent:mehmet', data: { promiseId: 'refund-1' } },
        {
          type: 'complaint-resolved',
          actor: 'agent:mehmet',
          data: {
            remedy: 'refund',
            returnCaseId: null,
            refundId: 'rfd_1',
            amount: { amount: 45_000, currency: 'TRY' },
          },
        },
      ]);
      const rejected = await desk.rejectOutcome(shopId, id, 'Kargo ücreti de iade edilmeli');
      expect(rejected.state).toMatchObject({
        status: 'investigating',
        disputed: true,
        recourse: ['escalate_to_supervisor', 'consumer_arbitration_committee', 'consumer_court'],
      });
      await desk.record(shopId, id, [
        {
          type: 'complaint-resolved',
          actor: 'agent:mehmet',
          data: { remedy: 'refund', returnCaseId: null, refundId: 'rfd_2', amount: null },
        },
      ]);
      expect(
        await codeOf(
          desk.record(shopId, id, [
            { type: 'complaint-closed', actor: 'automation:closer', data: { reason: 'resolved' } },
          ]),
        ),
      ).toMatch(/only a person may close it/);
      await desk.record(shopId, id, [
        { type: 'outcome-accepted', actor: 'customer' },
        { type: 'feedback-received', actor: 'customer', data: { csat: 4, nps: 8 }, note: 'Sonunda çözüldü' },
        { type: 'complaint-closed', actor: 'automation:closer', data: { reason: 'resolved' } },
      ]);
      const closed = await desk.load(shopId, id);
      expect(closed.record).toMatchObject({
        status: 'closed',
        dueAt: null,
        data: { disputed: false, openPromises: 0, nextPromiseDueAt: null },
      });
      expect(closed.events.map((event) => event.sequence)).toEqual(closed.events.map((_, index) => index + 1));
      // The state is the fold of the stored history, every time.
      expect(foldComplaint(closed.events, { complaintId: id })).toEqual(closed.state);
      expect(closed.state.feedback).toEqual([{ csat: 4, nps: 8, at: clock, agent: 'agent:mehmet' }]);
    });

    it('retries when two workers append at once, and keeps both events', async () => {
      const { record } = await desk.receive({
        shopId,
        channel: 'chat',
        text: 'Where is my order?',
        customerId: 'cus_2',
      });
      const before = (await store.listComplaintEvents(shopId, record.id)).items.length;
      const other = createComplaintDesk({ store, now });
      await Promise.all([
        desk.record(shopId, record.id, [{ type: 'note-added', actor: 'agent:ayse', note: 'one' }]),
        other.record(shopId, record.id, [{ type: 'note-added', actor: 'agent:mehmet', note: 'two' }]),
      ]);
      const events = (await store.listComplaintEvents(shopId, record.id)).items;
      expect(events).toHaveLength(before + 2);
      expect(
        events
          .map((event) => event.note)
          .slice(-2)
          .sort(),
      ).toEqual(['one', 'two']);
    });

    it('merges two complaints reversibly', async () => {
      const first = await desk.receive({
        shopId,
        channel: 'phone',
        orderId: 'ord_7',
        text: 'Broken vase',
        actor: 'agent:ayse',
      });
      const second = await desk.receive({ shopId, channel: 'email', orderId: 'ord_7', text: 'The vase is broken' });
      await desk.record(shopId, second.record.id, [{ type: 'complaint-acknowledged', actor: 'agent:ayse' }]);
      const merged = await desk.merge(shopId, second.record.id, first.record.id, 'agent:ayse');
      expect(merged.record).toMatchObject({ status: 'merged', data: { mergedInto: first.record.id } });
      expect((await desk.load(shopId, first.record.id)).state.absorbed).toEqual([second.record.id]);
      expect(await codeOf(desk.merge(shopId, first.record.id, first.record.id, 'agent:ayse'))).toMatch(
        /^invalid_input: Cannot merge/,
      );
      const reversed = await desk.reverseMerge(shopId, second.record.id, 'agent:ayse');
      expect(reversed.record).toMatchObject({ status: 'acknowledged', data: { mergedInto: null } });
      expect((await desk.load(shopId, first.record.id)).state.absorbed).toEqual([]);
      expect(await codeOf(desk.reverseMerge(shopId, second.record.id, 'agent:ayse'))).toMatch(/no merge to reverse/);
    });

    it('erases the person and keeps the history intact and anonymous', async () => {
      const before = (await store.listComplaints(shopId, { customerId: 'cus_1' })).items;
      expect(before).toHaveLength(1);
      const id = before[0]?.id as string;
      const history = await desk.load(shopId, id);
      expect(await store.findText([words])).not.toEqual([]);
      const report = await store.eraseCustomer({ shopId, customerId: 'cus_1' });
      expect(report.anonymized.complaints).toBe(1);
      // No trace of the customer's words anywhere in the database.
      expect(await store.findText([words, 'Sonunda çözüldü', 'Kargo ücreti de iade edilmeli'])).toEqual([]);
      const after = await desk.load(shopId, id);
      expect(after.record).toMatchObject({ customerId: null, description: null, subject: null, status: 'closed' });
      expect(after.events).toHaveLength(history.events.length);
      expect(after.events.every((event) => event.note === null)).toBe(true);
      // The same history, the same state: only the free text is gone.
      expect(after.state).toEqual(history.state);
      expect(after.events.map((event) => [event.type, event.actor, event.at, event.data])).toEqual(
        history.events.map((event) => [event.type, event.actor, event.at, event.data]),
      );
      expect(
        summarizeHandoff(after.state, after.events, { locale: 'tr', timeZone: 'Europe/Istanbul', now: now() })
          .customerWords,
      ).toBeNull();
    });

    it('refuses bad input at the boundary and names what is wrong', async () => {
      expect(await codeOf(desk.receive({ shopId, channel: 'fax' as never, text: '' }))).toMatch(
        /^invalid_input: Invalid complaint: channel: .*; text: give the customer’s words/,
      );
      expect(await codeOf(desk.record(shopId, 'cmp_missing', [{ type: 'note-added', actor: 'agent:ayse' }]))).toMatch(
        /^store_not_found: /,
      );
      expect(await codeOf(desk.record(shopId, 'ret_1', [{ type: 'note-added', actor: 'agent:ayse' }]))).toMatch(
        /^invalid_input: .*must start with cmp_/,
      );
    });
  });
}
