import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import type { AftersaleStore } from '../spec/store.js';
import type { ComplaintEventInput, ComplaintInput, ComplaintRecord } from '../spec/store-records.js';
import type { BusinessCalendar } from './business-calendar.js';
import {
  type ComplaintEventType,
  type ComplaintHistoryEvent,
  complaintEventTypes,
  parseComplaintEvent,
} from './complaint-event.js';
import { handoffReferences } from './complaint-handoff.js';
import { recourseFor } from './complaint-recourse.js';
import { complaintSlaStatus, type SlaPolicy } from './complaint-sla.js';
import {
  type ComplaintActor,
  complaintActorSchema,
  complaintChannels,
  complaintIdSchema,
  complaintRemedies,
} from './complaint-vocabulary.js';
import { applyComplaintEvent, type ComplaintState, foldComplaint } from './fold-complaint.js';

/** A complaint as the desk returns it: the stored record, its typed history and the state it folds to. */
export interface ComplaintView {
  record: ComplaintRecord;
  events: ComplaintHistoryEvent[];
  state: ComplaintState;
}

/** An event to record; `at` defaults to the desk's clock. */
export interface NewComplaintEvent {
  type: ComplaintEventType;
  actor: ComplaintActor;
  data?: Record<string, unknown>;
  note?: string | null;
  at?: string;
}

export interface ComplaintDeskOptions {
  /** Any {@link AftersaleStore}: memory, SQLite or PostgreSQL. */
  store: AftersaleStore;
  /** The clock. @default () => new Date() */
  now?: () => Date;
  /** Makes complaint ids (`cmp_` + a suffix). @default `cmp_` + a random UUID */
  generateId?: () => string;
  /** With an SLA policy and calendar, the record's `dueAt` is the nearest due time of its running clocks. */
  sla?: { policy: SlaPolicy; calendar: BusinessCalendar };
  /** The shop's country (ISO 3166-1 alpha-2), for the recourse of a rejected outcome. */
  country?: string | null;
  /** How many times to retry when another worker appended at the same time. @default 3 */
  retries?: number;
}

const receiveSchema = z.object({
  shopId: z.string().min(1).max(255),
  /** The customer's id; the person's data stays in the customer records. */
  customerId: z.string().min(1).nullish(),
  channel: z.enum(complaintChannels),
  orderId: z.string().min(1).nullish(),
  lineIds: z.array(z.string().min(1)).default([]),
  requestedRemedy: z.enum(complaintRemedies).nullish(),
  language: z.enum(['tr', 'en']).nullish(),
  /** A subject line, if the channel has one (personal data). */
  subject: z.string().max(1000).nullish(),
  /** The customer's own words (personal data: kept in the record and the first event's note, both erasable). */
  text: z.string().min(1, 'give the customer’s words').max(20_000),
  /** Who recorded it: the customer, or an agent taking a call. @default 'customer' */
  actor: complaintActorSchema.default('customer'),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ReceiveComplaintInput = z.input<typeof receiveSchema>;

const newEventSchema = z.object({
  type: z.enum(complaintEventTypes as [ComplaintEventType, ...ComplaintEventType[]]),
  actor: complaintActorSchema,
  data: z.record(z.string(), z.unknown()).default({}),
  note: z.string().nullish(),
  at: z.iso.datetime({ offset: true }).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, subject: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw aftersaleErrorFromZod(result.error, { code: 'invalid_input', subject });
  return result.data;
}

/** What the complaints module keeps in the record's `data` (no personal data). */
export interface ComplaintRecordData {
  priority: string | null;
  assignee: string | null;
  intents: string[];
  categorySource: string | null;
  disputed: boolean;
  humanRequested: boolean;
  openPromises: number;
  /** When the soonest open promise falls due (ISO), so overdue promises can be queried on the record. */
  nextPromiseDueAt: string | null;
  mergedInto: string | null;
  absorbed: string[];
  lastSequence: number;
}

/**
 * Complaint records on a store: receives complaints, records their events (checked against the
 * transition table, appended with optimistic concurrency) and keeps the record's status, category,
 * severity and due time in step with the history. The history is the truth; the record is its summary.
 *
 * @example
 * ```ts
 * const desk = createComplaintDesk({ store, now: () => new Date() });
 * const { record } = await desk.receive({ shopId, channel: 'email', orderId: 'ord_1', text: 'Paketim gelmedi' });
 * await desk.record(shopId, record.id, [{ type: 'complaint-acknowledged', actor: 'automation:ack' }]);
 * ```
 */
export function createComplaintDesk(options: ComplaintDeskOptions) {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? (() => `cmp_${globalThis.crypto.randomUUID()}`);
  const retries = options.retries ?? 3;

  async function readEvents(shopId: string, complaintId: string): Promise<ComplaintHistoryEvent[]> {
    const events: ComplaintHistoryEvent[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listComplaintEvents(shopId, complaintId, { limit: 500, cursor });
      for (const event of page.items) events.push(parseComplaintEvent(event));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return events;
  }

  async function requireRecord(shopId: string, complaintId: string): Promise<ComplaintRecord> {
    const record = await store.getComplaint(shopId, complaintId);
    if (record === null) {
      throw new AftersaleError({
        code: 'store_not_found',
        message: `Complaint ${complaintId} does not exist in shop ${shopId}; receive it first or check the shop and id.`,
        details: { shopId, complaintId },
      });
    }
    return record;
  }

  function projection(record: ComplaintRecord, state: ComplaintState): ComplaintInput {
    const open = state.promises.filter((promise) => promise.state === 'open');
    const data: ComplaintRecordData = {
      priority: state.priority,
      assignee: state.assignee,
      intents: state.intents,
      categorySource: state.category?.source ?? null,
      disputed: state.disputed,
      humanRequested: state.humanRequestedAt !== null,
      openPromises: open.length,
      nextPromiseDueAt:
        open.length === 0 ? null : new Date(Math.min(...open.map((promise) => promise.dueAt))).toISOString(),
      mergedInto: state.mergedInto,
      absorbed: state.absorbed,
      lastSequence: state.lastSequence,
    };
    let dueAt: string | null = record.dueAt ?? null;
    if (options.sla !== undefined) {
      // The nearest deadline of the clocks still running (first response, next response, resolution).
      const status = complaintSlaStatus(state, options.sla.policy, options.sla.calendar, now());
      const due = [status.firstResponse.dueAt, status.nextResponse.dueAt, status.resolution.dueAt]
        .filter((value): value is string => value !== null)
        .sort();
      dueAt = due[0] ?? null;
    }
    return {
      shopId: record.shopId,
      id: record.id,
      customerId: record.customerId ?? null,
      orderId: record.orderId ?? null,
      returnCaseId: state.resolution?.returnCaseId ?? record.returnCaseId ?? null,
      status: state.status,
      channel: record.channel,
      category: state.category?.value ?? null,
      severity: state.severity,
      subject: record.subject ?? null,
      description: record.description ?? null,
      dueAt,
      data: { ...record.data, ...data },
    };
  }

  async function saveProjection(record: ComplaintRecord, state: ComplaintState): Promise<ComplaintRecord> {
    let current = record;
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.updateComplaint(projection(current, state), current.version);
      } catch (error) {
        if (!AftersaleError.hasCode(error, 'store_conflict') || attempt >= retries) throw error;
        current = await requireRecord(record.shopId, record.id);
      }
    }
  }

  function toStored(event: ComplaintHistoryEvent): ComplaintEventInput {
    return { type: event.type, at: event.at, actor: event.actor, note: event.note, data: event.data };
  }

  async function record(
    shopId: string,
    complaintId: string,
    newEvents: readonly NewComplaintEvent[],
  ): Promise<ComplaintView> {
    parse(complaintIdSchema, complaintId, 'complaint id');
    const inputs = parse(z.array(newEventSchema).min(1, 'give at least one event'), newEvents, 'complaint events');
    await requireRecord(shopId, complaintId);
    for (let attempt = 0; ; attempt++) {
      const existing = await readEvents(shopId, complaintId);
      let state = foldComplaint(existing, { complaintId });
      const typed: ComplaintHistoryEvent[] = [];
      for (const input of inputs) {
        const event = parseComplaintEvent({
          ...input,
          at: input.at ?? now().toISOString(),
          sequence: state.lastSequence + 1,
        });
        state = applyComplaintEvent(state, event);
        typed.push(event);
      }
      try {
        const stored = await store.appendComplaintEvents(shopId, complaintId, typed.map(toStored), {
          expectedSequence: existing.at(-1)?.sequence ?? 0,
        });
        const events = [...existing, ...stored.map((event) => parseComplaintEvent(event))];
        const saved = await saveProjection(await requireRecord(shopId, complaintId), state);
        return { record: saved, events, state };
      } catch (error) {
        if (!AftersaleError.hasCode(error, 'store_conflict') || attempt >= retries) throw error;
      }
    }
  }

  return {
    /**
     * Records a new complaint: the record (with the customer's words, erasable) and its first event.
     * @throws AftersaleError `invalid_input` naming every field at fault.
     */
    async receive(input: ReceiveComplaintInput): Promise<ComplaintView> {
      const parsed = parse(receiveSchema, input, 'complaint');
      const id = parse(complaintIdSchema, generateId(), 'generated complaint id');
      // The first event is checked before anything is written.
      const first = parseComplaintEvent({
        type: 'complaint-received',
        actor: parsed.actor,
        note: parsed.text,
        at: parsed.at ?? now().toISOString(),
        data: {
          channel: parsed.channel,
          orderId: parsed.orderId ?? null,
          lineIds: parsed.lineIds,
          requestedRemedy: parsed.requestedRemedy ?? null,
          language: parsed.language ?? null,
        },
      });
      await store.createComplaint({
        shopId: parsed.shopId,
        id,
        customerId: parsed.customerId ?? null,
        orderId: parsed.orderId ?? null,
        status: 'received',
        channel: parsed.channel,
        subject: parsed.subject ?? null,
        description: parsed.text,
        data: {},
      });
      return await record(parsed.shopId, id, [first]);
    },

    /**
     * Appends events (validated, checked against the transition table, in one append) and brings
     * the record in step. Retries when another worker appended first.
     * @throws AftersaleError `invalid_complaint_transition`, `invalid_input`, `store_not_found`.
     */
    record,

    /** The record, its history and its state. */
    async load(shopId: string, complaintId: string): Promise<ComplaintView> {
      const stored = await requireRecord(shopId, complaintId);
      const events = await readEvents(shopId, complaintId);
      return { record: stored, events, state: foldComplaint(events, { complaintId }) };
    },

    /**
     * Assigns the complaint to an agent, or transfers it from the current one, with a handoff built
     * from the record (facts, attempts, open promises, next step) so the next agent never asks again.
     */
    async assign(
      shopId: string,
      complaintId: string,
      input: { assignee: string; actor: ComplaintActor },
    ): Promise<ComplaintView> {
      const { state } = await this.load(shopId, complaintId);
      return await record(shopId, complaintId, [
        {
          type: state.assignee === null ? 'complaint-assigned' : 'complaint-transferred',
          actor: input.actor,
          data: {
            assignee: input.assignee,
            previousAssignee: state.assignee,
            handoff: handoffReferences(state, now()),
          },
        },
      ]);
    },

    /** The customer rejects the outcome: the complaint stays open and the recourse is recorded. */
    async rejectOutcome(shopId: string, complaintId: string, note: string | null = null): Promise<ComplaintView> {
      const { state } = await this.load(shopId, complaintId);
      return await record(shopId, complaintId, [
        {
          type: 'outcome-rejected',
          actor: 'customer',
          note,
          data: { recourse: recourseFor({ country: options.country ?? null, channel: state.channel }) },
        },
      ]);
    },

    /**
     * Merges `sourceId` into `targetId` (reversibly): the target records that it absorbed the source,
     * the source that it was merged. If the second append fails, the first is reversed.
     */
    async merge(shopId: string, sourceId: string, targetId: string, actor: ComplaintActor): Promise<ComplaintView> {
      if (sourceId === targetId) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `Cannot merge complaint ${sourceId} into itself; name two different complaints.`,
        });
      }
      await record(shopId, targetId, [{ type: 'complaint-absorbed', actor, data: { from: sourceId } }]);
      try {
        return await record(shopId, sourceId, [{ type: 'complaint-merged', actor, data: { into: targetId } }]);
      } catch (error) {
        await record(shopId, targetId, [{ type: 'absorption-reversed', actor, data: { from: sourceId } }]);
        throw error;
      }
    },

    /** Reverses a merge: the source gets its status back and the target lets it go. */
    async reverseMerge(shopId: string, sourceId: string, actor: ComplaintActor): Promise<ComplaintView> {
      const { state } = await this.load(shopId, sourceId);
      const into = state.mergedInto;
      if (into === null) {
        throw new AftersaleError({
          code: 'invalid_complaint_transition',
          message: `Complaint ${sourceId} is not merged into another complaint; there is no merge to reverse.`,
          details: { complaintId: sourceId, status: state.status, event: 'merge-reversed' },
        });
      }
      const view = await record(shopId, sourceId, [{ type: 'merge-reversed', actor, data: { into } }]);
      await record(shopId, into, [{ type: 'absorption-reversed', actor, data: { from: sourceId } }]);
      return view;
    },
  };
}

/** What {@link createComplaintDesk} makes. */
export type ComplaintDesk = ReturnType<typeof createComplaintDesk>;
