import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { money } from '../money/money.js';
import {
  formatMessage,
  type MessageCode,
  type MessageParameters,
  messageCatalogue,
  resolveLanguage,
  supportedLocales,
} from './message-catalogue.js';

const samples: { [C in MessageCode]: MessageParameters[C] } = {
  'voluntary.within_window': { deadline: '2026-04-04T23:59:59.999+03:00' },
  'voluntary.window_not_started': {},
  'voluntary.window_closed': { deadline: '2026-04-04T23:59:59.999+03:00' },
  'voluntary.excluded': { exclusion: 'final_sale', label: null },
  'voluntary.order_limit': { limit: 'country' },
  'voluntary.returns_limit': { maximum: 3, periodDays: 90 },
  'withdrawal.within_period': { deadline: '2026-03-19T23:59:59.999+03:00' },
  'withdrawal.not_started': {},
  'withdrawal.estimated': { deadline: '2026-03-19T23:59:59.999+03:00' },
  'withdrawal.extended': { deadline: '2027-03-19T23:59:59.999+03:00' },
  'withdrawal.period_ended': { deadline: '2026-03-19T23:59:59.999+03:00' },
  'withdrawal.exception': { exception: 'hygiene_sealed' },
  'withdrawal.refund_due': { days: 14 },
  'statutory.business_buyer': {},
  'statutory.none': { country: null },
  'defect.within_period': { deadline: null },
  'defect.short_term_rejection': { deadline: '2026-04-04T23:59:59.999+01:00' },
  'defect.period_ended': { deadline: '2028-03-05T23:59:59.999+03:00' },
  'defect.not_claimed': {},
  'condition.seal_intact': {},
  'condition.photo': {},
  'condition.description': {},
  'condition.returns_unverified': { maximum: 3, periodDays: 90 },
  'condition.perishable_rejection': {},
  'basis.chosen': { basis: 'defect_claim', choice: 'stronger_right' },
  'basis.none': {},
  'fee.return_shipping': { amount: money(4990, 'TRY') },
  'fee.restocking': { percent: '12.5', amount: money(1250, 'TRY') },
  'fee.waived': { fee: 'restocking', by: 'law' },
  'resolution.label': { resolution: 'keep_item' },
  'reason.label': { code: 'too_small', label: null },
};

describe('the message catalogue', () => {
  it('renders every message in every language, and the texts differ by language', () => {
    for (const code of Object.keys(messageCatalogue) as MessageCode[]) {
      const texts = supportedLocales.map((language) =>
        formatMessage(code, samples[code] as never, {
          language,
          locale: language === 'tr' ? 'tr-TR' : 'en-GB',
          timeZone: 'Europe/Istanbul',
        }),
      );
      for (const text of texts) expect(text.trim().length, code).toBeGreaterThan(0);
      expect(new Set(texts).size, code).toBe(texts.length);
    }
  });

  it('formats dates in the shop time zone and the customer locale', () => {
    const params = { deadline: '2026-04-04T23:59:59.999+03:00' };
    expect(
      formatMessage('voluntary.within_window', params, {
        language: 'tr',
        locale: 'tr-TR',
        timeZone: 'Europe/Istanbul',
      }),
    ).toBe('Bu ürünü mağazanın iade politikasına göre 4 Nisan 2026 tarihine kadar iade edebilirsiniz.');
    expect(
      formatMessage('voluntary.within_window', params, {
        language: 'en',
        locale: 'en-US',
        timeZone: 'Europe/Istanbul',
      }),
    ).toBe("You can return this item under the store's policy until April 4, 2026.");
  });

  it('a locale without texts, or a custom reason without a label, is a missing translation', () => {
    expect(resolveLanguage('tr-TR')).toBe('tr');
    expect(resolveLanguage('EN_gb')).toBe('en');
    expect(() => resolveLanguage('de')).toThrow(expect.objectContaining({ code: 'missing_translation' }));
    let caught: unknown;
    try {
      formatMessage('reason.label', { code: 'smell', label: null }, { language: 'en', locale: 'en', timeZone: 'UTC' });
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'missing_translation')).toBe(true);
    expect(
      formatMessage(
        'reason.label',
        { code: 'smell', label: { tr: 'Koku', en: 'Smell' } },
        { language: 'tr', locale: 'tr', timeZone: 'UTC' },
      ),
    ).toBe('Koku');
  });
});
