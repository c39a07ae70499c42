import { AftersaleError } from '../errors/aftersale-error.js';
import { resolveLanguage, type SupportedLocale } from '../policy/message-catalogue.js';
import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintIntent,
  ComplaintRecourse,
  ComplaintRemedy,
  ComplaintStatus,
  ComplaintUrgency,
  PromiseKind,
} from './complaint-vocabulary.js';

/** The next step a handoff names. */
export const nextSteps = [
  'acknowledge',
  'assess',
  'answer_in_person',
  'review_rejected_outcome',
  'keep_overdue_promise',
  'reply_to_customer',
  'wait_for_customer',
  'investigate',
  'resolve',
  'confirm_outcome',
  'close',
  'follow_merged',
  'none',
] as const;
export type NextStep = (typeof nextSteps)[number];

/** Every kind of label the complaints module shows, and its codes. */
export interface ComplaintLabelKinds {
  status: ComplaintStatus;
  category: ComplaintCategory;
  intent: ComplaintIntent;
  urgency: ComplaintUrgency;
  remedy: ComplaintRemedy;
  recourse: ComplaintRecourse;
  promise: PromiseKind;
  channel: ComplaintChannel;
  nextStep: NextStep;
  heading: 'wants' | 'facts' | 'tried' | 'promises' | 'next' | 'nothing' | 'due' | 'overdue' | 'asked_for';
}

type Catalogue = { [K in keyof ComplaintLabelKinds]: Record<ComplaintLabelKinds[K], string> };

// Typed as a complete record per language: a missing translation does not compile.
const catalogue: Record<SupportedLocale, Catalogue> = {
  en: {
    status: {
      received: 'received',
      acknowledged: 'acknowledged',
      assessed: 'assessed',
      investigating: 'being investigated',
      waiting_for_customer: 'waiting for your reply',
      resolved: 'resolved',
      closed: 'closed',
      reopened: 'reopened',
      merged: 'merged into another complaint',
    },
    category: {
      never_arrived: 'order never arrived',
      damaged: 'arrived damaged',
      wrong_item: 'wrong item sent',
      defective: 'defective product',
      refund_problem: 'problem with a refund',
      overcharged: 'charged too much',
      misleading_listing: 'product not as described',
      late_delivery: 'late delivery',
      rude_service: 'rude service',
      long_wait: 'long wait for an answer',
      other: 'other',
    },
    intent: {
      refund: 'a refund',
      replacement: 'a replacement',
      repair: 'a repair',
      information: 'information',
      cancellation: 'to cancel the order',
      speak_to_human: 'to speak to a person',
      compensation: 'compensation',
      apology: 'an apology',
    },
    urgency: { low: 'low', normal: 'normal', high: 'high', critical: 'critical' },
    remedy: {
      refund: 'a refund',
      replacement: 'a replacement',
      store_credit: 'store credit',
      repair: 'a repair',
      explanation: 'an explanation',
      apology: 'an apology',
      none: 'no remedy',
    },
    recourse: {
      escalate_to_supervisor: 'ask for a review by a supervisor',
      consumer_arbitration_committee: 'apply to the consumer arbitration committee',
      consumer_court: 'bring the matter before the consumer court',
      marketplace_dispute: 'open a dispute with the marketplace',
      alternative_dispute_resolution: 'use an alternative dispute resolution body',
    },
    promise: {
      refund: 'refund',
      replacement: 'replacement',
      callback: 'call back',
      update: 'status update',
      repair: 'repair',
      other: 'promise',
    },
    channel: {
      web_form: 'web form',
      email: 'e-mail',
      phone: 'phone',
      chat: 'chat',
      social: 'social media',
      marketplace: 'marketplace',
      in_store: 'in store',
    },
    nextStep: {
      acknowledge: 'acknowledge the complaint',
      assess: 'assess severity and priority',
      answer_in_person: 'the customer asked for a person: answer them yourself',
      review_rejected_outcome: 'the customer rejected the outcome: review it',
      keep_overdue_promise: 'a promise is overdue: keep it or tell the customer',
      reply_to_customer: 'reply to the customer',
      wait_for_customer: 'wait for the customer’s reply',
      investigate: 'investigate',
      resolve: 'resolve the complaint',
      confirm_outcome: 'ask the customer to confirm the outcome',
      close: 'close the complaint',
      follow_merged: 'follow the complaint it was merged into',
      none: 'nothing left to do',
    },
    heading: {
      wants: 'What the customer wants',
      facts: 'Facts established',
      tried: 'What was tried',
      promises: 'Open promises',
      next: 'Next step',
      nothing: 'none',
      due: 'due',
      overdue: 'OVERDUE',
      asked_for: 'asked for',
    },
  },
  tr: {
    status: {
      received: 'alındı',
      acknowledged: 'alındığı bildirildi',
      assessed: 'değerlendirildi',
      investigating: 'inceleniyor',
      waiting_for_customer: 'yanıtınızı bekliyor',
      resolved: 'çözüldü',
      closed: 'kapatıldı',
      reopened: 'yeniden açıldı',
      merged: 'başka bir şikâyetle birleştirildi',
    },
    category: {
      never_arrived: 'sipariş hiç ulaşmadı',
      damaged: 'hasarlı ulaştı',
      wrong_item: 'yanlış ürün gönderildi',
      defective: 'ayıplı (arızalı) ürün',
      refund_problem: 'iade ödemesiyle ilgili sorun',
      overcharged: 'fazla ücret alındı',
      misleading_listing: 'ürün anlatıldığı gibi değil',
      late_delivery: 'geç teslimat',
      rude_service: 'kaba davranış',
      long_wait: 'yanıt için uzun bekleme',
      other: 'diğer',
    },
    intent: {
      refund: 'para iadesi',
      replacement: 'ürün değişimi',
      repair: 'onarım',
      information: 'bilgi',
      cancellation: 'siparişin iptali',
      speak_to_human: 'bir kişiyle görüşmek',
      compensation: 'tazminat',
      apology: 'özür',
    },
    urgency: { low: 'düşük', normal: 'normal', high: 'yüksek', critical: 'kritik' },
    remedy: {
      refund: 'para iadesi',
      replacement: 'ürün değişimi',
      store_credit: 'mağaza kredisi',
      repair: 'onarım',
      explanation: 'açıklama',
      apology: 'özür',
      none: 'çözüm yok',
    },
    recourse: {
      escalate_to_supervisor: 'bir yöneticinin yeniden incelemesini isteyebilirsiniz',
      consumer_arbitration_committee: 'tüketici hakem heyetine başvurabilirsiniz',
      consumer_court: 'tüketici mahkemesine başvurabilirsiniz',
      marketplace_dispute: 'pazaryerinde itiraz açabilirsiniz',
      alternative_dispute_resolution: 'alternatif uyuşmazlık çözüm kuruluşuna başvurabilirsiniz',
    },
    promise: {
      refund: 'para iadesi',
      replacement: 'ürün değişimi',
      callback: 'geri arama',
      update: 'durum bilgisi',
      repair: 'onarım',
      other: 'söz',
    },
    channel: {
      web_form: 'web formu',
      email: 'e-posta',
      phone: 'telefon',
      chat: 'canlı destek',
      social: 'sosyal medya',
      marketplace: 'pazaryeri',
      in_store: 'mağazada',
    },
    nextStep: {
      acknowledge: 'şikâyetin alındığını bildirin',
      assess: 'önem ve önceliği belirleyin',
      answer_in_person: 'müşteri bir kişiyle görüşmek istedi: kendiniz yanıtlayın',
      review_rejected_outcome: 'müşteri sonucu kabul etmedi: yeniden inceleyin',
      keep_overdue_promise: 'verilen sözün süresi geçti: sözü yerine getirin ya da müşteriye bildirin',
      reply_to_customer: 'müşteriye yanıt verin',
      wait_for_customer: 'müşterinin yanıtını bekleyin',
      investigate: 'inceleyin',
      resolve: 'şikâyeti çözün',
      confirm_outcome: 'müşteriden sonucu onaylamasını isteyin',
      close: 'şikâyeti kapatın',
      follow_merged: 'birleştirildiği şikâyeti izleyin',
      none: 'yapılacak bir şey kalmadı',
    },
    heading: {
      wants: 'Müşterinin istediği',
      facts: 'Belirlenen olgular',
      tried: 'Denenenler',
      promises: 'Açık sözler',
      next: 'Sonraki adım',
      nothing: 'yok',
      due: 'son tarih',
      overdue: 'SÜRESİ GEÇTİ',
      asked_for: 'istenen',
    },
  },
};

/**
 * The label of a code in a language (`complaintLabel('category', 'damaged', 'tr')`).
 * @throws AftersaleError `missing_translation` for a locale aftersale has no texts in.
 */
export function complaintLabel<K extends keyof ComplaintLabelKinds>(
  kind: K,
  code: ComplaintLabelKinds[K],
  locale: string,
): string {
  const language = resolveLanguage(locale);
  const text = (catalogue[language][kind] as Record<string, string> | undefined)?.[code];
  if (text === undefined) {
    throw new AftersaleError({
      code: 'missing_translation',
      message: `The ${kind} ${JSON.stringify(code)} has no ${language} text; use one of the codes aftersale defines.`,
      details: { kind, code, language },
    });
  }
  return text;
}
