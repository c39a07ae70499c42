import { AftersaleError } from '../errors/aftersale-error.js';
import { formatMoney } from '../money/format-money.js';
import { type Money, moneySchema } from '../money/money.js';
import { resolveLanguage, type SupportedLocale } from '../policy/message-catalogue.js';

/** A reply template: the same text in every supported language, with `{{variable}}` placeholders. */
export type ReplyTemplate = Record<SupportedLocale, string>;

/** A value a template variable takes: text, a number, money (formatted) or a moment (formatted as a date). */
export type ReplyVariable = string | number | Money | Date;

/** Built-in reply templates, in Turkish and English. */
export const complaintReplyTemplates = {
  acknowledgement: {
    en: 'We have received your complaint about order {{orderName}} (reference {{complaintId}}). We will answer you by {{deadline}}.',
    tr: '{{orderName}} numaralı siparişinizle ilgili şikâyetinizi aldık (başvuru numarası {{complaintId}}). {{deadline}} tarihine kadar size yanıt vereceğiz.',
  },
  tracking_update: {
    en: 'Your order {{orderName}} is on its way. You can follow it here: {{trackingUrl}}',
    tr: '{{orderName}} numaralı siparişiniz yolda. Kargonuzu buradan izleyebilirsiniz: {{trackingUrl}}',
  },
  refund_promised: {
    en: 'We will refund {{refundAmount}} for order {{orderName}} by {{deadline}}.',
    tr: '{{orderName}} numaralı siparişiniz için {{refundAmount}} tutarını en geç {{deadline}} tarihinde iade edeceğiz.',
  },
  refund_issued: {
    en: 'We have refunded {{refundAmount}} for order {{orderName}}. Depending on your bank it can take a few days to appear.',
    tr: '{{orderName}} numaralı siparişiniz için {{refundAmount}} tutarını iade ettik. Bankanıza göre hesabınıza yansıması birkaç gün sürebilir.',
  },
  information_needed: {
    en: 'To look into your complaint about order {{orderName}} we need one more thing from you. Please answer by {{deadline}}.',
    tr: '{{orderName}} numaralı siparişinizle ilgili şikâyetinizi inceleyebilmemiz için sizden bir bilgi daha gerekiyor. Lütfen {{deadline}} tarihine kadar yanıtlayın.',
  },
  human_on_the_way: {
    en: 'A member of our team will answer you in person about order {{orderName}}.',
    tr: '{{orderName}} numaralı siparişinizle ilgili ekibimizden biri size bizzat yanıt verecek.',
  },
} as const satisfies Record<string, ReplyTemplate>;
export type ComplaintReplyTemplateId = keyof typeof complaintReplyTemplates;

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a template names, in every language. */
export function replyTemplateVariables(template: ReplyTemplate): string[] {
  const names = new Set<string>();
  for (const text of Object.values(template))
    for (const match of text.matchAll(placeholder)) names.add(match[1] as string);
  return [...names];
}

/**
 * Fills a reply template in the customer's language. Money is formatted for the locale, dates in the
 * shop's time zone. A variable that is missing, empty or not a valid value is an error, never a blank.
 *
 * @example
 * ```ts
 * renderComplaintReply('refund_promised', { orderName: '#1042', refundAmount: { amount: 45000, currency: 'TRY' },
 *   deadline: new Date('2026-06-05T12:00:00Z') }, { locale: 'tr-TR', timeZone: 'Europe/Istanbul' });
 * ```
 * @throws AftersaleError `missing_template_variable`, or `missing_translation` for an unsupported locale.
 */
export function renderComplaintReply(
  template: ComplaintReplyTemplateId | ReplyTemplate,
  variables: Readonly<Record<string, ReplyVariable | null | undefined>>,
  format: { locale: string; timeZone: string },
): string {
  const language = resolveLanguage(format.locale);
  const texts: ReplyTemplate = typeof template === 'string' ? complaintReplyTemplates[template] : template;
  const text = texts[language];
  if (typeof text !== 'string' || text.trim() === '') {
    throw new AftersaleError({
      code: 'missing_translation',
      message: `The reply template has no ${language} text; give it in every supported language (tr, en).`,
      details: { language },
    });
  }
  const names = replyTemplateVariables(texts);
  const missing = names.filter((name) => {
    const value = variables[name];
    if (value === null || value === undefined) return true;
    if (typeof value === 'string') return value.trim() === '';
    if (typeof value === 'number') return !Number.isFinite(value);
    if (value instanceof Date) return Number.isNaN(value.getTime());
    return !moneySchema.safeParse(value).success;
  });
  if (missing.length > 0) {
    const name = typeof template === 'string' ? `Reply template ${template}` : 'The reply template';
    throw new AftersaleError({
      code: 'missing_template_variable',
      message: `${name} needs ${missing.join(', ')}: give ${missing.length === 1 ? 'it' : 'them'} a value (a reply is never sent with a blank).`,
      details: { missing },
    });
  }
  const dates = new Intl.DateTimeFormat(format.locale, { dateStyle: 'long', timeZone: format.timeZone });
  return text.replace(placeholder, (_match, name: string) => {
    const value = variables[name] as ReplyVariable;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return new Intl.NumberFormat(format.locale).format(value);
    if (value instanceof Date) return dates.format(value);
    return formatMoney(value, format.locale);
  });
}
