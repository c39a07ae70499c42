import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { complaintNextStep, handoffReferences, overduePromises, summarizeHandoff } from './complaint-handoff.js';
import { complaintLabel } from './complaint-messages.js';
import { recourseFor } from './complaint-recourse.js';
import { eventsFrom, received } from './complaint-test-events.test-support.js';
import { complaintCategories, complaintStatuses } from './complaint-vocabulary.js';
import { foldComplaint } from './fold-complaint.js';

function story() {
  const event = eventsFrom('2026-03-16T09:00:00+03:00');
  const history = [
    event('complaint-received', received, { actor: 'customer', note: 'Kargo teslim edildi diyor ama paket gelmedi.' }),
    event('category-set', {
      category: 'never_arrived',
      intents: ['refund'],
      urgency: 'high',
      source: 'agent',
      confidence: 1,
    }),
    event('complaint-acknowledged', {}),
    event('complaint-assessed', { severity: 'high', priority: 'p2' }),
    event('investigation-started', {}),
    event('fact-established', { fact: 'carrier_scan_delivered' }, { note: 'Yurtiçi scan 14:02, no signature' }),
    event('action-tried', { action: 'asked_carrier', outcome: 'failed' }, { note: 'Carrier cannot locate the parcel' }),
    event('promise-made', {
      promiseId: 'refund-1',
      kind: 'refund',
      dueAt: '2026-03-18T18:00:00+03:00',
      amount: { amount: 45_000, currency: 'TRY' },
    }),
  ];
  return { history, state: foldComplaint(history, { complaintId: 'cmp_story' }) };
}

describe('handoffs carry the whole story', () => {
  it('references the facts, attempts and open promises, and names the next step', () => {
    const { state } = story();
    expect(handoffReferences(state, new Date('2026-03-17T10:00:00+03:00'))).toEqual({
      facts: [6],
      tried: [7],
      openPromises: ['refund-1'],
      nextStep: 'reply_to_customer',
    });
    // After the promise's due date the next step is to keep it.
    expect(overduePromises(state, new Date('2026-03-19T10:00:00+03:00')).map((promise) => promise.promiseId)).toEqual([
      'refund-1',
    ]);
    expect(complaintNextStep(state, new Date('2026-03-19T10:00:00+03:00'))).toBe('keep_overdue_promise');
  });

  it('renders the summary in English and Turkish', () => {
    const { history, state } = story();
    const now = new Date('2026-03-19T10:00:00+03:00');
    const english = summarizeHandoff(state, history, { locale: 'en-GB', timeZone: 'Europe/Istanbul', now });
    expect(english.text).toBe(
      [
        'What the customer wants: order never arrived; asked for: a refund; a refund',
        '> Kargo teslim edildi diyor ama paket gelmedi.',
        'Facts established:\n- carrier_scan_delivered: Yurtiçi scan 14:02, no signature',
        'What was tried:\n- asked_carrier (failed): Carrier cannot locate the parcel',
        `Open promises:\n- refund ${english.promises[0]?.slice('refund '.length)}`,
        'Next step: a promise is overdue: keep it or tell the customer',
      ].join('\n'),
    );
    expect(english.promises[0]).toMatch(/^refund TRY\s?450\.00 \(OVERDUE 18 Mar 2026, 18:00\)$/);
    const turkish = summarizeHandoff(state, history, { locale: 'tr-TR', timeZone: 'Europe/Istanbul', now });
    expect(turkish.wants).toBe('sipariş hiç ulaşmadı; istenen: para iadesi; para iadesi');
    expect(turkish.promises[0]).toMatch(/^para iadesi ₺450,00 \(SÜRESİ GEÇTİ 18 Mar 2026 18:00\)$/);
    expect(turkish.nextStep).toBe('verilen sözün süresi geçti: sözü yerine getirin ya da müşteriye bildirin');
  });

  it('stays readable after an erasure clears the free text', () => {
    const { history, state } = story();
    const erased = history.map((event) => ({ ...event, note: null }));
    const summary = summarizeHandoff(state, erased, { locale: 'en', timeZone: 'Europe/Istanbul', now: 0 });
    expect(summary.customerWords).toBeNull();
    expect(summary.facts).toEqual(['carrier_scan_delivered']);
    expect(summary.tried).toEqual(['asked_carrier (failed)']);
  });
});

describe('complaint labels and recourse', () => {
  it('has every label in both languages, and a missing translation is an error', () => {
    for (const locale of ['en', 'tr']) {
      for (const status of complaintStatuses) expect(complaintLabel('status', status, locale)).not.toBe('');
      for (const category of complaintCategories) expect(complaintLabel('category', category, locale)).not.toBe('');
    }
    expect(complaintLabel('recourse', 'consumer_arbitration_committee', 'tr-TR')).toBe(
      'tüketici hakem heyetine başvurabilirsiniz',
    );
    let caught: unknown;
    try {
      complaintLabel('status', 'resolved', 'de-DE');
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'missing_translation')).toBe(true);
    expect(() => complaintLabel('status', 'exploded' as never, 'en')).toThrow(/no en text/);
  });

  it('offers the recourse of the shop’s country and channel', () => {
    expect(recourseFor({ country: 'TR', channel: 'email' })).toEqual([
      'escalate_to_supervisor',
      'consumer_arbitration_committee',
      'consumer_court',
    ]);
    expect(recourseFor({ country: 'de', channel: 'marketplace' })).toEqual([
      'escalate_to_supervisor',
      'marketplace_dispute',
      'alternative_dispute_resolution',
    ]);
    expect(recourseFor({ country: null, channel: null })).toEqual(['escalate_to_supervisor']);
  });
});
