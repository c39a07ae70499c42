import { describe, expect, it } from 'vitest';
import { AftersaleError } from '../errors/aftersale-error.js';
import { complaintReplyTemplates, renderComplaintReply, replyTemplateVariables } from './render-complaint-reply.js';

const istanbul = { timeZone: 'Europe/Istanbul' };
const variables = {
  orderName: '#1042',
  refundAmount: { amount: 45_000, currency: 'TRY' },
  deadline: new Date('2026-06-05T21:30:00Z'),
};

describe('reply templates', () => {
  it('fills a template in Turkish and English, money and dates formatted for the locale and the shop’s zone', () => {
    expect(renderComplaintReply('refund_promised', variables, { locale: 'tr-TR', ...istanbul })).toBe(
      '#1042 numaralı siparişiniz için ₺450,00 tutarını en geç 6 Haziran 2026 tarihinde iade edeceğiz.',
    );
    expect(renderComplaintReply('refund_promised', variables, { locale: 'en-GB', ...istanbul })).toBe(
      'We will refund TRY\u00a0450.00 for order #1042 by 6 June 2026.',
    );
  });

  it('refuses to send a blank: a missing or empty variable is an error that names it', () => {
    let caught: unknown;
    try {
      renderComplaintReply(
        'tracking_update',
        { orderName: '  ', trackingUrl: undefined },
        { locale: 'en', ...istanbul },
      );
    } catch (error) {
      caught = error;
    }
    expect(AftersaleError.hasCode(caught, 'missing_template_variable')).toBe(true);
    expect((caught as Error).message).toBe(
      'Reply template tracking_update needs orderName, trackingUrl: give them a value (a reply is never sent with a blank).',
    );
    expect(() =>
      renderComplaintReply(
        'refund_issued',
        { orderName: '#1', refundAmount: { amount: 1.5, currency: 'TRY' } },
        { locale: 'en', ...istanbul },
      ),
    ).toThrow(/needs refundAmount/);
  });

  it('takes custom templates, which must exist in every language', () => {
    const template = { en: 'Hello {{ firstName }}, case {{caseId}}', tr: 'Merhaba {{firstName}}, başvuru {{caseId}}' };
    expect(replyTemplateVariables(template)).toEqual(['firstName', 'caseId']);
    expect(renderComplaintReply(template, { firstName: 'Ayşe', caseId: 7 }, { locale: 'tr', ...istanbul })).toBe(
      'Merhaba Ayşe, başvuru 7',
    );
    expect(() => renderComplaintReply({ en: 'Hi', tr: '' }, {}, { locale: 'tr', ...istanbul })).toThrow(
      /has no tr text/,
    );
    expect(() => renderComplaintReply('acknowledgement', {}, { locale: 'fr', ...istanbul })).toThrow(
      /No translation for locale "fr"/,
    );
  });

  it('names the same variables in both languages of every built-in template', () => {
    for (const template of Object.values(complaintReplyTemplates)) {
      const en = replyTemplateVariables({ en: template.en, tr: '' });
      const tr = replyTemplateVariables({ en: '', tr: template.tr });
      expect(tr.sort()).toEqual(en.sort());
    }
  });
});
