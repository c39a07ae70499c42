import { z } from 'zod';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';
import type { BusinessCalendar } from './business-calendar.js';
import { type ComplaintPriority, complaintCategories, complaintPriorities } from './complaint-vocabulary.js';
import type { ComplaintState } from './fold-complaint.js';

const minutes = z.number().int().positive();
const targetsSchema = z.object({
  /** Working minutes from receipt to the first answer. */
  firstResponseMinutes: minutes,
  /** Working minutes from a customer's message to the next answer. */
  nextResponseMinutes: minutes,
  /** Working minutes from receipt to resolution, paused while waiting for the customer. */
  resolutionMinutes: minutes,
});
export type SlaTargets = z.infer<typeof targetsSchema>;

const byPriority = z.object(
  Object.fromEntries(complaintPriorities.map((priority) => [priority, targetsSchema])) as Record<
    ComplaintPriority,
    typeof targetsSchema
  >,
);

/** Settings of an SLA policy. */
export const slaPolicySchema = z.object({
  /** Targets for each priority. */
  targets: byPriority,
  /** Targets that replace a priority's for a category (`{ damaged: { p2: {...} } }`). */
  categoryTargets: z
    .partialRecord(z.enum(complaintCategories), z.partialRecord(z.enum(complaintPriorities), targetsSchema))
    .default({}),
  /** The priority of a complaint not yet assessed. @default 'p3' */
  defaultPriority: z.enum(complaintPriorities).default('p3'),
  /** A running clock is at risk once this share of its target is used. @default 0.8 */
  atRiskRatio: z.number().gt(0).lt(1).default(0.8),
});
export type SlaPolicySettings = z.input<typeof slaPolicySchema>;
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/**
 * Validates an SLA policy once, so evaluations need no checks.
 * @throws AftersaleError `invalid_config` naming every setting at fault.
 */
export function defineSlaPolicy(settings: SlaPolicySettings): SlaPolicy {
  const parsed = slaPolicySchema.safeParse(settings);
  if (!parsed.success) throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_config', subject: 'SLA policy' });
  return parsed.data;
}

/**
 * Where one clock stands. `met` and `missed` are final; `running`, `at_risk` and `breached` run;
 * `paused` waits for the customer; `not_started` has nothing to time yet.
 */
export type SlaClockState = 'not_started' | 'running' | 'at_risk' | 'breached' | 'paused' | 'met' | 'missed';

export interface SlaClock {
  state: SlaClockState;
  targetMinutes: number;
  /** Working minutes used so far (whole minutes, rounded down). */
  elapsedMinutes: number;
  /** When the target is (or was) reached on the business calendar, as ISO text; null when not running. */
  dueAt: string | null;
}

export interface ComplaintSlaStatus {
  priority: ComplaintPriority;
  firstResponse: SlaClock;
  nextResponse: SlaClock;
  resolution: SlaClock;
  /** True when any clock is breached or missed. */
  breached: boolean;
  /** True when a running clock is at risk. */
  atRisk: boolean;
}

const minute = 60_000;

function targetsFor(policy: SlaPolicy, state: ComplaintState): { priority: ComplaintPriority; targets: SlaTargets } {
  const priority = state.priority ?? policy.defaultPriority;
  const category = state.category?.value;
  const override = category === undefined ? undefined : policy.categoryTargets[category]?.[priority];
  return { priority, targets: override ?? policy.targets[priority] };
}

function clock(
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  targetMinutes: number,
  runs: ReadonlyArray<readonly [number, number | null]>,
  now: number,
  finished: boolean,
): SlaClock {
  if (runs.length === 0) return { state: 'not_started', targetMinutes, elapsedMinutes: 0, dueAt: null };
  const target = targetMinutes * minute;
  let elapsed = 0;
  let open: number | null = null;
  for (const [start, end] of runs) {
    if (end === null) open = start;
    elapsed += calendar.businessMillisBetween(start, end === null ? now : Math.min(end, now));
  }
  const elapsedMinutes = Math.floor(elapsed / minute);
  if (finished) {
    return { state: elapsed <= target ? 'met' : 'missed', targetMinutes, elapsedMinutes, dueAt: null };
  }
  if (open === null) {
    return {
      state: elapsed > target ? 'breached' : 'paused',
      targetMinutes,
      elapsedMinutes,
      dueAt: null,
    };
  }
  const before = elapsed - calendar.businessMillisBetween(open, now);
  const dueAt = new Date(calendar.addBusinessMillis(open, Math.max(0, target - before))).toISOString();
  const state = elapsed > target ? 'breached' : elapsed >= target * policy.atRiskRatio ? 'at_risk' : 'running';
  return { state, targetMinutes, elapsedMinutes, dueAt };
}

/**
 * The SLA clocks of a complaint at `now`: a pure function of its events (through the folded state),
 * the policy, the shop's business calendar and `now`. Clocks count working time only, and the
 * resolution clock pauses while the complaint waits for the customer.
 */
export function complaintSlaStatus(
  state: ComplaintState,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Date | number,
): ComplaintSlaStatus {
  const at = typeof now === 'number' ? now : now.getTime();
  const { priority, targets } = targetsFor(policy, state);
  const received = state.receivedAt;
  const inactive = state.status === 'closed' || state.status === 'merged';
  // The first-response clock stops at the first answer, or when the complaint ends unanswered.
  const answeredAt = state.firstResponseAt ?? (inactive ? state.lastAt : null);
  const firstResponse = clock(
    calendar,
    policy,
    targets.firstResponseMinutes,
    received === null ? [] : [[received, answeredAt]],
    at,
    answeredAt !== null,
  );
  let nextResponse: SlaClock;
  if (state.awaitingReplySince !== null && !inactive) {
    nextResponse = clock(calendar, policy, targets.nextResponseMinutes, [[state.awaitingReplySince, null]], at, false);
  } else if (state.lastNextResponse !== null) {
    const { startedAt, answeredAt } = state.lastNextResponse;
    nextResponse = clock(calendar, policy, targets.nextResponseMinutes, [[startedAt, answeredAt]], at, true);
  } else {
    nextResponse = clock(calendar, policy, targets.nextResponseMinutes, [], at, false);
  }
  const done = state.status === 'resolved' || state.status === 'closed' || state.status === 'merged';
  const resolution = clock(calendar, policy, targets.resolutionMinutes, state.resolutionRuns, at, done);
  const clocks = [firstResponse, nextResponse, resolution];
  return {
    priority,
    firstResponse,
    nextResponse,
    resolution,
    breached: clocks.some((item) => item.state === 'breached' || item.state === 'missed'),
    atRisk: clocks.some((item) => item.state === 'at_risk'),
  };
}
