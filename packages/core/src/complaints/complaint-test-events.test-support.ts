import {
  type ComplaintEventType,
  type ComplaintHistoryEvent,
  complaintEvent,
  type ComplaintEventData as DataOf,
} from './complaint-event.js';

/** A small event builder for tests: times count minutes from a Monday 09:00 in Istanbul. */
export function eventsFrom(start = '2026-03-16T09:00:00+03:00') {
  const base = Date.parse(start);
  let sequence = 0;
  return function event<T extends ComplaintEventType>(
    type: T,
    data: DataOf<T>,
    options: { minute?: number; actor?: string; note?: string | null } = {},
  ): ComplaintHistoryEvent {
    sequence += 1;
    const built = complaintEvent(type, {
      at: new Date(base + (options.minute ?? sequence) * 60_000).toISOString(),
      actor: options.actor ?? 'agent:ayse',
      note: options.note ?? null,
      data,
    });
    built.sequence = sequence;
    return built;
  };
}

export const received: DataOf<'complaint-received'> = {
  channel: 'email',
  orderId: 'ord_1042',
  lineIds: ['line_1'],
  requestedRemedy: 'refund',
  language: 'tr',
};

export const noHandoff: DataOf<'complaint-assigned'>['handoff'] = {
  facts: [],
  tried: [],
  openPromises: [],
  nextStep: 'investigate',
};
