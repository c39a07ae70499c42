import { z } from 'zod';

/** Where a complaint came in. */
export const complaintChannels = ['web_form', 'email', 'phone', 'chat', 'social', 'marketplace', 'in_store'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

/**
 * The steps of ISO 10002 complaint handling, as statuses. `merged` is the status of a complaint
 * folded into another one (reversibly).
 */
export const complaintStatuses = [
  'received',
  'acknowledged',
  'assessed',
  'investigating',
  'waiting_for_customer',
  'resolved',
  'closed',
  'reopened',
  'merged',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** What the complaint is about. */
export const complaintCategories = [
  'never_arrived',
  'damaged',
  'wrong_item',
  'defective',
  'refund_problem',
  'overcharged',
  'misleading_listing',
  'late_delivery',
  'rude_service',
  'long_wait',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

/** What the customer wants done. */
export const complaintIntents = [
  'refund',
  'replacement',
  'repair',
  'information',
  'cancellation',
  'speak_to_human',
  'compensation',
  'apology',
] as const;
export type ComplaintIntent = (typeof complaintIntents)[number];

/** How urgent the complaint reads. */
export const complaintUrgencies = ['low', 'normal', 'high', 'critical'] as const;
export type ComplaintUrgency = (typeof complaintUrgencies)[number];

/** How bad the problem is (the store record's `severity`). */
export const complaintSeverities = ['low', 'normal', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

/** Handling priority; `p1` is the most urgent. SLA targets are set per priority. */
export const complaintPriorities = ['p1', 'p2', 'p3', 'p4'] as const;
export type ComplaintPriority = (typeof complaintPriorities)[number];

/** A remedy asked for or granted. */
export const complaintRemedies = [
  'refund',
  'replacement',
  'store_credit',
  'repair',
  'explanation',
  'apology',
  'none',
] as const;
export type ComplaintRemedy = (typeof complaintRemedies)[number];

/** What a customer who rejects the outcome can still do. */
export const complaintRecourses = [
  'escalate_to_supervisor',
  'consumer_arbitration_committee',
  'consumer_court',
  'marketplace_dispute',
  'alternative_dispute_resolution',
] as const;
export type ComplaintRecourse = (typeof complaintRecourses)[number];

/** What a promise to the customer is about. */
export const promiseKinds = ['refund', 'replacement', 'callback', 'update', 'repair', 'other'] as const;
export type PromiseKind = (typeof promiseKinds)[number];

/** Why a complaint was closed. */
export const closeReasons = ['resolved', 'no_response', 'duplicate'] as const;
export type CloseReason = (typeof closeReasons)[number];

/** Where a label (category, intent, urgency) came from. */
export const labelSources = ['suggester', 'agent', 'customer', 'automation'] as const;
export type LabelSource = (typeof labelSources)[number];

/**
 * Who did something. Events name people by role and id, never by their data:
 * `customer`, `system`, `agent:<staff id>`, `automation:<name>`.
 */
export const complaintActorSchema = z
  .string()
  .regex(
    /^(customer|system|agent:[^\s]+|automation:[^\s]+)$/,
    'must be customer, system, agent:<staff id> or automation:<name>',
  );
export type ComplaintActor = z.infer<typeof complaintActorSchema>;
export type ComplaintActorKind = 'customer' | 'agent' | 'automation' | 'system';

/** The kind of an actor (`agent:u_7` → `agent`). */
export function actorKind(actor: string): ComplaintActorKind {
  if (actor === 'customer' || actor === 'system') return actor;
  return actor.startsWith('agent:') ? 'agent' : 'automation';
}

/** `cmp_` + a unique suffix. */
export const complaintIdSchema = z.string().min(5).max(255).regex(/^cmp_/, 'must start with cmp_');
