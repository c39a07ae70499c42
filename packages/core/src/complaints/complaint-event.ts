import { z } from 'zod';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import { timestampSchema } from '../model/schemas.js';
import { moneySchema } from '../money/money.js';
import {
  closeReasons,
  complaintActorSchema,
  complaintCategories,
  complaintChannels,
  complaintIdSchema,
  complaintIntents,
  complaintPriorities,
  complaintRecourses,
  complaintRemedies,
  complaintSeverities,
  complaintUrgencies,
  labelSources,
  promiseKinds,
} from './complaint-vocabulary.js';

const empty = z.object({}).strict();
const reference = z.string().min(1).max(255);

/**
 * What the handoff of an assignment or transfer points at. It holds references into the history
 * (sequences and promise ids), never copies of the customer's words, so an erasure leaves it intact.
 */
export const handoffReferencesSchema = z.object({
  /** Sequences of `fact-established` events. */
  facts: z.array(z.number().int().positive()),
  /** Sequences of `action-tried` events. */
  tried: z.array(z.number().int().positive()),
  /** Promises still open at the handoff. */
  openPromises: z.array(reference),
  /** The next step, as a code the message catalogue renders. */
  nextStep: z.string().min(1),
});
export type HandoffReferences = z.infer<typeof handoffReferencesSchema>;

const assignment = z.object({
  assignee: z.string().regex(/^agent:[^\s]+$/, 'must be agent:<staff id>'),
  previousAssignee: z.string().nullable(),
  handoff: handoffReferencesSchema,
});

/** The data each event type carries. Free text (the customer's words, a reply) goes in `note`. */
export const complaintEventDataSchemas = {
  'complaint-received': z.object({
    channel: z.enum(complaintChannels),
    orderId: reference.nullable(),
    lineIds: z.array(reference),
    requestedRemedy: z.enum(complaintRemedies).nullable(),
    language: z.enum(['tr', 'en']).nullable(),
  }),
  'complaint-acknowledged': empty,
  'complaint-assessed': z.object({
    severity: z.enum(complaintSeverities),
    priority: z.enum(complaintPriorities),
  }),
  'category-set': z.object({
    category: z.enum(complaintCategories),
    intents: z.array(z.enum(complaintIntents)),
    urgency: z.enum(complaintUrgencies),
    source: z.enum(labelSources),
    /** 0 to 1; 1 for a person's choice. */
    confidence: z.number().min(0).max(1),
  }),
  'investigation-started': empty,
  'customer-input-requested': empty,
  'customer-replied': empty,
  'agent-replied': empty,
  'note-added': empty,
  'fact-established': z.object({ fact: z.string().regex(/^[a-z_]+$/, 'must be a snake_case code') }),
  'action-tried': z.object({
    action: z.string().regex(/^[a-z_]+$/, 'must be a snake_case code'),
    outcome: z.enum(['worked', 'failed', 'pending']),
  }),
  'promise-made': z.object({
    promiseId: reference,
    kind: z.enum(promiseKinds),
    dueAt: timestampSchema,
    amount: moneySchema.nullable(),
  }),
  'promise-kept': z.object({ promiseId: reference }),
  'promise-cancelled': z.object({ promiseId: reference }),
  'complaint-assigned': assignment,
  'complaint-transferred': assignment,
  'human-requested': empty,
  'complaint-resolved': z.object({
    remedy: z.enum(complaintRemedies),
    returnCaseId: z.string().regex(/^ret_/, 'must start with ret_').nullable(),
    refundId: z.string().regex(/^rfd_/, 'must start with rfd_').nullable(),
    amount: moneySchema.nullable(),
  }),
  'outcome-accepted': empty,
  'outcome-rejected': z.object({ recourse: z.array(z.enum(complaintRecourses)).min(1) }),
  'complaint-closed': z.object({ reason: z.enum(closeReasons) }),
  'complaint-withdrawn': empty,
  'complaint-reopened': empty,
  'complaint-merged': z.object({ into: complaintIdSchema }),
  'merge-reversed': z.object({ into: complaintIdSchema }),
  'complaint-absorbed': z.object({ from: complaintIdSchema }),
  'absorption-reversed': z.object({ from: complaintIdSchema }),
  'feedback-received': z
    .object({
      csat: z.number().int().min(1).max(5).nullable(),
      nps: z.number().int().min(0).max(10).nullable(),
    })
    .refine((value) => value.csat !== null || value.nps !== null, 'give csat (1-5), nps (0-10) or both'),
} as const;

export type ComplaintEventType = keyof typeof complaintEventDataSchemas;
export const complaintEventTypes = Object.keys(complaintEventDataSchemas) as ComplaintEventType[];

/** The data of an event type. */
export type ComplaintEventData<T extends ComplaintEventType> = z.infer<(typeof complaintEventDataSchemas)[T]>;
type DataOf<T extends ComplaintEventType> = ComplaintEventData<T>;

/** One typed event of a complaint's history. */
export type ComplaintHistoryEvent = {
  [T in ComplaintEventType]: {
    type: T;
    /** When it happened (ISO 8601 with offset). */
    at: string;
    actor: string;
    /** Free text (the customer's words, a reply, a comment): personal data, cleared by an erasure. */
    note: string | null;
    data: DataOf<T>;
    /** The store's sequence, once appended. */
    sequence?: number;
  };
}[ComplaintEventType];

/** An event of one type. */
export type ComplaintEventOf<T extends ComplaintEventType> = Extract<ComplaintHistoryEvent, { type: T }>;

const envelopeSchema = z.object({
  type: z.enum(complaintEventTypes as [ComplaintEventType, ...ComplaintEventType[]]),
  at: timestampSchema,
  actor: complaintActorSchema,
  note: z.string().max(20_000).nullish(),
  data: z.record(z.string(), z.unknown()).default({}),
  sequence: z.number().int().positive().optional(),
});

/**
 * Validates an event at the boundary (from a caller or the store) and returns it typed.
 * @throws AftersaleError `invalid_input` naming every path at fault.
 */
export function parseComplaintEvent(value: unknown): ComplaintHistoryEvent {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) {
    throw aftersaleErrorFromZod(envelope.error, { code: 'invalid_input', subject: 'complaint event' });
  }
  const { type, at, actor, note, data, sequence } = envelope.data;
  const parsed = complaintEventDataSchemas[type].safeParse(data);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, {
      code: 'invalid_input',
      subject: `${type} event data`,
      hint: 'Give the data fields the event type defines.',
    });
  }
  const event = { type, at, actor, note: note ?? null, data: parsed.data } as ComplaintHistoryEvent;
  if (sequence !== undefined) event.sequence = sequence;
  return event;
}

/** Builds a typed event (checked by its type at compile time and by zod at run time). */
export function complaintEvent<T extends ComplaintEventType>(
  type: T,
  fields: { at: string; actor: string; note?: string | null; data: DataOf<T> },
): ComplaintEventOf<T> {
  return parseComplaintEvent({ type, ...fields }) as ComplaintEventOf<T>;
}
