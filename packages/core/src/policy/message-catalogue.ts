import { AftersaleError } from '../errors/aftersale-error.js';
import { formatMoney } from '../money/format-money.js';
import type { Money } from '../money/money.js';
import type { StatutoryExceptionKind } from '../statutory/statutory-pack.js';
import type { ExclusionKind, FeeKind, LocalisedText, ResolutionKind } from './policy-schema.js';

/** Languages every customer-facing text exists in. */
export const supportedLocales = ['en', 'tr'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

/** The basis a line is returned on. */
export type ReturnBasis = 'statutory_withdrawal' | 'defect_claim' | 'voluntary_policy';

/** Why a basis was chosen among several that allow the return. */
export type BasisChoice = 'only_basis' | 'lower_fees' | 'later_deadline' | 'stronger_right';

/** Order conditions of the merchant policy. */
export type OrderLimitKind = 'country' | 'order_tag' | 'discount_code' | 'minimum_total' | 'maximum_total';

/** Every customer-facing message and its typed parameters. Dates are ISO strings, money is {@link Money}. */
export interface MessageParameters {
  'voluntary.within_window': { deadline: string };
  'voluntary.window_not_started': Record<string, never>;
  'voluntary.window_closed': { deadline: string };
  'voluntary.excluded': { exclusion: ExclusionKind; label: LocalisedText | null };
  'voluntary.order_limit': { limit: OrderLimitKind };
  'voluntary.returns_limit': { maximum: number; periodDays: number };
  'withdrawal.within_period': { deadline: string };
  'withdrawal.not_started': Record<string, never>;
  'withdrawal.estimated': { deadline: string };
  'withdrawal.extended': { deadline: string };
  'withdrawal.period_ended': { deadline: string };
  'withdrawal.exception': { exception: StatutoryExceptionKind };
  'withdrawal.refund_due': { days: number };
  'statutory.business_buyer': Record<string, never>;
  'statutory.none': { country: string | null };
  'defect.within_period': { deadline: string | null };
  'defect.short_term_rejection': { deadline: string };
  'defect.period_ended': { deadline: string };
  'defect.not_claimed': Record<string, never>;
  'condition.seal_intact': Record<string, never>;
  'condition.photo': Record<string, never>;
  'condition.description': Record<string, never>;
  'condition.returns_unverified': { maximum: number; periodDays: number };
  'condition.perishable_rejection': Record<string, never>;
  'basis.chosen': { basis: ReturnBasis; choice: BasisChoice };
  'basis.none': Record<string, never>;
  'fee.return_shipping': { amount: Money };
  'fee.restocking': { percent: string; amount: Money };
  'fee.waived': { fee: FeeKind; by: 'policy' | 'law' };
  'resolution.label': { resolution: ResolutionKind };
  'reason.label': { code: string; label: LocalisedText | null };
}

export type MessageCode = keyof MessageParameters;

/** A message as it appears in a decision: its code, its parameters, and the text in the chosen language. */
export interface LocalisedMessage<C extends MessageCode = MessageCode> {
  code: C;
  params: MessageParameters[C];
  text: string;
}

/** How values are formatted inside a message. */
export interface MessageFormat {
  /** The language of the text. */
  language: SupportedLocale;
  /** The full locale for dates and money (`tr-TR`, `en-GB`). */
  locale: string;
  /** IANA time zone dates are shown in. */
  timeZone: string;
}

type Template<P> = (params: P, format: Helpers) => string;

interface Helpers {
  date(iso: string): string;
  money(value: Money): string;
}

const exclusionText: Record<SupportedLocale, Record<ExclusionKind, string>> = {
  en: {
    final_sale: 'final-sale items',
    gift_card: 'gift cards',
    personalised: 'personalised items',
    perishable: 'perishable goods',
    hygiene_sealed: 'hygiene-sealed goods',
    sealed_media: 'sealed recordings and software',
    custom: 'items the store does not take back',
  },
  tr: {
    final_sale: 'son satış (iadesiz) ürünler',
    gift_card: 'hediye kartları',
    personalised: 'kişiye özel ürünler',
    perishable: 'çabuk bozulan ürünler',
    hygiene_sealed: 'hijyen ambalajlı ürünler',
    sealed_media: 'ambalajlı kayıt ve yazılım ürünleri',
    custom: 'mağazanın geri almadığı ürünler',
  },
};

const exceptionText: Record<SupportedLocale, Record<StatutoryExceptionKind, string>> = {
  en: {
    personalised: 'it was made to your specifications or personalised',
    perishable: 'it can deteriorate or expire rapidly',
    hygiene_sealed: 'it was sealed for health or hygiene reasons and unsealed after delivery',
    sealed_media: 'it is a sealed recording or software unsealed after delivery',
  },
  tr: {
    personalised: 'isteğinize göre hazırlanmış ya da kişiye özeldir',
    perishable: 'çabuk bozulabilir ya da son kullanma tarihi geçebilir',
    hygiene_sealed: 'sağlık ve hijyen için ambalajlıdır ve teslimden sonra ambalajı açılmıştır',
    sealed_media: 'teslimden sonra ambalajı açılmış bir kayıt ya da yazılımdır',
  },
};

const limitText: Record<SupportedLocale, Record<OrderLimitKind, string>> = {
  en: {
    country: 'the store does not take returns to this country',
    order_tag: 'this order is not covered by the return policy',
    discount_code: 'orders with this discount code cannot be returned',
    minimum_total: 'the order total is below the minimum for returns',
    maximum_total: 'the order total is above the maximum for returns',
  },
  tr: {
    country: 'mağaza bu ülkeden iade kabul etmiyor',
    order_tag: 'bu sipariş iade politikasının kapsamında değil',
    discount_code: 'bu indirim koduyla verilen siparişler iade edilemiyor',
    minimum_total: 'sipariş tutarı iade için gereken en düşük tutarın altında',
    maximum_total: 'sipariş tutarı iade için izin verilen en yüksek tutarın üstünde',
  },
};

const basisText: Record<SupportedLocale, Record<ReturnBasis, string>> = {
  en: {
    statutory_withdrawal: 'your legal right of withdrawal',
    defect_claim: 'your legal rights for faulty goods',
    voluntary_policy: "the store's return policy",
  },
  tr: {
    statutory_withdrawal: 'yasal cayma hakkınız',
    defect_claim: 'ayıplı mala ilişkin yasal haklarınız',
    voluntary_policy: 'mağazanın iade politikası',
  },
};

const choiceText: Record<SupportedLocale, Record<BasisChoice, string>> = {
  en: {
    only_basis: 'it is the only one that allows this return',
    lower_fees: 'it costs you less',
    later_deadline: 'it gives you more time',
    stronger_right: 'it gives you the strongest rights',
  },
  tr: {
    only_basis: 'bu iadeye izin veren tek yol bu',
    lower_fees: 'size daha az masraf çıkarıyor',
    later_deadline: 'size daha uzun süre tanıyor',
    stronger_right: 'size en güçlü hakları veriyor',
  },
};

const feeText: Record<SupportedLocale, Record<FeeKind, string>> = {
  en: { return_shipping: 'return shipping fee', restocking: 'restocking fee' },
  tr: { return_shipping: 'iade kargo ücreti', restocking: 'yeniden stoklama ücreti' },
};

const resolutionText: Record<SupportedLocale, Record<ResolutionKind, string>> = {
  en: {
    refund: 'Refund to the original payment',
    store_credit: 'Store credit',
    exchange: 'Exchange',
    keep_item: 'Keep the item and get a refund',
  },
  tr: {
    refund: 'Ödeme yönteminize iade',
    store_credit: 'Mağaza kredisi',
    exchange: 'Değişim',
    keep_item: 'Ürün sizde kalsın, ücret iade edilsin',
  },
};

/** Labels of the built-in reason codes. */
export const builtInReasonLabels: Readonly<Record<string, LocalisedText>> = {
  changed_mind: { en: 'I changed my mind', tr: 'Fikrimi değiştirdim' },
  size_fit: { en: 'Size or fit', tr: 'Beden veya kalıp' },
  too_small: { en: 'Too small', tr: 'Küçük geldi' },
  too_large: { en: 'Too large', tr: 'Büyük geldi' },
  fit_other: { en: 'Does not fit well', tr: 'Kalıbı uymadı' },
  problem: { en: 'Something is wrong with the item', tr: 'Üründe bir sorun var' },
  damaged_on_arrival: { en: 'Arrived damaged', tr: 'Hasarlı geldi' },
  defective: { en: 'Defective or stopped working', tr: 'Arızalı veya çalışmıyor' },
  wrong_item: { en: 'Wrong item sent', tr: 'Yanlış ürün gönderildi' },
  not_as_described: { en: 'Not as described', tr: 'Tanıtıldığı gibi değil' },
  arrived_too_late: { en: 'Arrived too late', tr: 'Çok geç ulaştı' },
  other: { en: 'Other', tr: 'Diğer' },
};

type Catalogue = { [C in MessageCode]: { [L in SupportedLocale]: Template<MessageParameters[C]> } };

/**
 * Every customer-facing text, in every supported language. The type makes a missing language a
 * compile error; {@link formatMessage} makes an unsupported one a runtime error.
 */
export const messageCatalogue: Catalogue = {
  'voluntary.within_window': {
    en: (p, f) => `You can return this item under the store's policy until ${f.date(p.deadline)}.`,
    tr: (p, f) => `Bu ürünü mağazanın iade politikasına göre ${f.date(p.deadline)} tarihine kadar iade edebilirsiniz.`,
  },
  'voluntary.window_not_started': {
    en: () => 'The item has not reached you yet, so the return period has not started.',
    tr: () => 'Ürün henüz size ulaşmadı; iade süresi başlamadı.',
  },
  'voluntary.window_closed': {
    en: (p, f) => `The store's return period for this item ended on ${f.date(p.deadline)}.`,
    tr: (p, f) => `Bu ürün için mağazanın iade süresi ${f.date(p.deadline)} tarihinde sona erdi.`,
  },
  'voluntary.excluded': {
    en: (p) => `The store's policy does not take back ${p.label?.en ?? exclusionText.en[p.exclusion]}.`,
    tr: (p) => `Mağazanın iade politikası ${p.label?.tr ?? exclusionText.tr[p.exclusion]} için iade kabul etmiyor.`,
  },
  'voluntary.order_limit': {
    en: (p) => `Under the store's policy, ${limitText.en[p.limit]}.`,
    tr: (p) => `Mağazanın politikasına göre ${limitText.tr[p.limit]}.`,
  },
  'voluntary.returns_limit': {
    en: (p) => `The store's policy allows ${p.maximum} return(s) per ${p.periodDays} days, and that limit is reached.`,
    tr: (p) => `Mağazanın politikası ${p.periodDays} günde ${p.maximum} iadeye izin veriyor ve bu sınıra ulaşıldı.`,
  },
  'withdrawal.within_period': {
    en: (p, f) => `You can withdraw from the purchase without giving a reason until ${f.date(p.deadline)}.`,
    tr: (p, f) => `${f.date(p.deadline)} tarihine kadar gerekçe göstermeden cayma hakkınızı kullanabilirsiniz.`,
  },
  'withdrawal.not_started': {
    en: () => 'You can withdraw from the purchase; the 14-day period starts when you receive the last item.',
    tr: () => 'Cayma hakkınızı kullanabilirsiniz; 14 günlük süre son ürünü teslim aldığınızda başlar.',
  },
  'withdrawal.estimated': {
    en: (p, f) =>
      `You can withdraw from the purchase; the delivery date is not confirmed, so the period is expected to end on ${f.date(p.deadline)}.`,
    tr: (p, f) =>
      `Cayma hakkınızı kullanabilirsiniz; teslim tarihi kesinleşmediği için sürenin ${f.date(p.deadline)} tarihinde bitmesi bekleniyor.`,
  },
  'withdrawal.extended': {
    en: (p, f) => `You were not informed of your right of withdrawal, so it runs until ${f.date(p.deadline)}.`,
    tr: (p, f) =>
      `Cayma hakkı konusunda bilgilendirilmediğiniz için bu hak ${f.date(p.deadline)} tarihine kadar sürüyor.`,
  },
  'withdrawal.period_ended': {
    en: (p, f) => `The legal withdrawal period ended on ${f.date(p.deadline)}.`,
    tr: (p, f) => `Yasal cayma süresi ${f.date(p.deadline)} tarihinde sona erdi.`,
  },
  'withdrawal.exception': {
    en: (p) => `The legal right of withdrawal does not cover this item because ${exceptionText.en[p.exception]}.`,
    tr: (p) => `Bu ürün için yasal cayma hakkı yok, çünkü ürün ${exceptionText.tr[p.exception]}.`,
  },
  'withdrawal.refund_due': {
    en: (p) => `The store must refund you within ${p.days} days of receiving your withdrawal.`,
    tr: (p) => `Mağaza, cayma bildiriminizden itibaren ${p.days} gün içinde ödemenizi iade etmek zorundadır.`,
  },
  'statutory.business_buyer': {
    en: () => 'Statutory consumer rights do not apply to purchases made as a business.',
    tr: () => 'Yasal tüketici hakları ticari amaçla yapılan alımlarda uygulanmaz.',
  },
  'statutory.none': {
    en: (p) =>
      p.country === null
        ? "No statutory return right applies; the store's policy decides."
        : `No statutory return right is known for ${p.country}; the store's policy decides.`,
    tr: (p) =>
      p.country === null
        ? 'Yasal bir iade hakkı uygulanmıyor; mağazanın politikası geçerli.'
        : `${p.country} için bilinen yasal bir iade hakkı yok; mağazanın politikası geçerli.`,
  },
  'defect.within_period': {
    en: (p, f) =>
      p.deadline === null
        ? 'As the item is faulty, you have legal remedies.'
        : `As the item is faulty, you have legal remedies until ${f.date(p.deadline)}.`,
    tr: (p, f) =>
      p.deadline === null
        ? 'Ürün ayıplı olduğu için yasal haklarınız var.'
        : `Ürün ayıplı olduğu için ${f.date(p.deadline)} tarihine kadar yasal haklarınız var.`,
  },
  'defect.short_term_rejection': {
    en: (p, f) => `As the item is faulty, you can reject it for a full refund until ${f.date(p.deadline)}.`,
    tr: (p, f) =>
      `Ürün ayıplı olduğu için ${f.date(p.deadline)} tarihine kadar reddedip bedelin tamamını geri alabilirsiniz.`,
  },
  'defect.period_ended': {
    en: (p, f) => `The legal period for faulty goods ended on ${f.date(p.deadline)}.`,
    tr: (p, f) => `Ayıplı mal için yasal süre ${f.date(p.deadline)} tarihinde sona erdi.`,
  },
  'defect.not_claimed': {
    en: () => 'The reason given is not a fault, so the legal rights for faulty goods do not apply.',
    tr: () => 'Belirtilen neden bir ayıp olmadığı için ayıplı mala ilişkin yasal haklar uygulanmıyor.',
  },
  'condition.seal_intact': {
    en: () => 'Only if the hygiene seal has not been broken.',
    tr: () => 'Yalnızca hijyen ambalajı açılmamışsa.',
  },
  'condition.photo': {
    en: () => 'Please add a photo of the item.',
    tr: () => 'Lütfen ürünün bir fotoğrafını ekleyin.',
  },
  'condition.description': {
    en: () => 'Please describe the problem.',
    tr: () => 'Lütfen sorunu açıklayın.',
  },
  'condition.returns_unverified': {
    en: (p) => `Subject to the store's limit of ${p.maximum} return(s) per ${p.periodDays} days.`,
    tr: (p) => `Mağazanın ${p.periodDays} günde ${p.maximum} iade sınırına bağlıdır.`,
  },
  'condition.perishable_rejection': {
    en: () => 'For perishable goods, only while they could still reasonably be used.',
    tr: () => 'Çabuk bozulan ürünlerde yalnızca makul kullanım süresi içinde.',
  },
  'basis.chosen': {
    en: (p) => `This return is handled under ${basisText.en[p.basis]}, because ${choiceText.en[p.choice]}.`,
    tr: (p) => `Bu iade ${basisText.tr[p.basis]} kapsamında işleniyor, çünkü ${choiceText.tr[p.choice]}.`,
  },
  'basis.none': {
    en: () => 'This item cannot be returned.',
    tr: () => 'Bu ürün iade edilemiyor.',
  },
  'fee.return_shipping': {
    en: (p, f) => `A return shipping fee of ${f.money(p.amount)} is deducted.`,
    tr: (p, f) => `${f.money(p.amount)} iade kargo ücreti düşülür.`,
  },
  'fee.restocking': {
    en: (p, f) => `A restocking fee of ${p.percent}% (${f.money(p.amount)}) is deducted.`,
    tr: (p, f) => `%${p.percent} yeniden stoklama ücreti (${f.money(p.amount)}) düşülür.`,
  },
  'fee.waived': {
    en: (p) => `No ${feeText.en[p.fee]} is charged${p.by === 'law' ? ', as the law does not allow it' : ''}.`,
    tr: (p) =>
      `${feeText.tr[p.fee].charAt(0).toLocaleUpperCase('tr')}${feeText.tr[p.fee].slice(1)} alınmaz${p.by === 'law' ? '; yasa buna izin vermiyor' : ''}.`,
  },
  'resolution.label': {
    en: (p) => resolutionText.en[p.resolution],
    tr: (p) => resolutionText.tr[p.resolution],
  },
  'reason.label': {
    en: (p) => (p.label ?? requireReasonLabel(p.code)).en,
    tr: (p) => (p.label ?? requireReasonLabel(p.code)).tr,
  },
};

function requireReasonLabel(code: string): LocalisedText {
  const label = builtInReasonLabels[code];
  if (label === undefined) {
    throw new AftersaleError({
      code: 'missing_translation',
      message: `Reason ${JSON.stringify(code)} has no built-in label; give it a label in tr and en in the policy.`,
      details: { reason: code },
    });
  }
  return label;
}

const languages = new Map<string, SupportedLocale>();

/**
 * The language of a BCP 47 locale (`tr-TR` → `tr`).
 * @throws AftersaleError `missing_translation` when aftersale has no texts in that language.
 */
export function resolveLanguage(locale: string): SupportedLocale {
  const known = languages.get(locale);
  if (known !== undefined) return known;
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if ((supportedLocales as readonly string[]).includes(language)) {
    if (languages.size >= 1_000) languages.clear();
    languages.set(locale, language as SupportedLocale);
    return language as SupportedLocale;
  }
  throw new AftersaleError({
    code: 'missing_translation',
    message: `No translation for locale ${JSON.stringify(locale)}: aftersale has texts in ${supportedLocales.join(', ')}.`,
    details: { locale },
  });
}

// Helpers by locale, then time zone.
const helpers = new Map<string, Map<string, Helpers>>();

function helpersFor(format: MessageFormat): Helpers {
  let byZone = helpers.get(format.locale);
  const cached = byZone?.get(format.timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat(format.locale, { dateStyle: 'long', timeZone: format.timeZone });
  // Texts recur (the same deadlines, flat fees and prices), and Intl formatting costs more than
  // the rest of a message: both are memoised, by ISO text and by currency then amount.
  // The lines of a return mostly share their deadlines: the last date is checked first.
  const dates = new Map<string, string>();
  let lastIso: string | null = null;
  let lastText = '';
  const amounts = new Map<string, Map<number, string>>();
  let amountCount = 0;
  const created: Helpers = {
    date(iso) {
      if (iso === lastIso) return lastText;
      let text = dates.get(iso);
      if (text === undefined) {
        text = formatter.format(new Date(iso));
        if (dates.size >= 5_000) dates.clear();
        dates.set(iso, text);
      }
      lastIso = iso;
      lastText = text;
      return text;
    },
    money(value) {
      let byAmount = amounts.get(value.currency);
      let text = byAmount?.get(value.amount);
      if (text === undefined) {
        text = formatMoney(value, format.locale);
        if (amountCount >= 5_000) {
          amounts.clear();
          amountCount = 0;
          byAmount = undefined;
        }
        if (byAmount === undefined) {
          byAmount = new Map();
          amounts.set(value.currency, byAmount);
        }
        byAmount.set(value.amount, text);
        amountCount++;
      }
      return text;
    },
  };
  if (byZone === undefined) {
    byZone = new Map();
    helpers.set(format.locale, byZone);
  }
  byZone.set(format.timeZone, created);
  return created;
}

function templateOf<C extends MessageCode>(code: C, language: SupportedLocale): Template<MessageParameters[C]> {
  const entry = messageCatalogue[code] as { [L in SupportedLocale]?: Template<MessageParameters[C]> } | undefined;
  const template = entry?.[language];
  if (template === undefined) {
    throw new AftersaleError({
      code: 'missing_translation',
      message: `Message ${code} has no ${language} text.`,
      details: { code, language },
    });
  }
  return template;
}

/**
 * Renders a message in a language. Parameters are checked by the type of the code.
 * @example formatMessage('condition.photo', {}, { language: 'tr', locale: 'tr-TR', timeZone: 'Europe/Istanbul' })
 */
export function formatMessage<C extends MessageCode>(
  code: C,
  params: MessageParameters[C],
  format: MessageFormat,
): string {
  return templateOf(code, format.language)(params, helpersFor(format));
}

/** A {@link LocalisedMessage}: the code, its parameters and the rendered text. */
export function localise<C extends MessageCode>(
  code: C,
  params: MessageParameters[C],
  format: MessageFormat,
): LocalisedMessage<C> {
  return { code, params, text: formatMessage(code, params, format) };
}

/**
 * {@link localise} bound to one format, for rendering many messages in it: the format's
 * formatters are looked up on the first message, then reused.
 */
export class Localiser {
  private readonly format: MessageFormat;
  private readonly templates: Readonly<Record<MessageCode, Template<never> | undefined>> | undefined;
  private formatting: Helpers | undefined;

  constructor(format: MessageFormat) {
    this.format = format;
    this.templates = templatesByLanguage[format.language];
  }

  /** The message with its text in this format's language. */
  localise<C extends MessageCode>(code: C, params: MessageParameters[C]): LocalisedMessage<C> {
    const template =
      (this.templates?.[code] as Template<MessageParameters[C]> | undefined) ?? templateOf(code, this.format.language);
    this.formatting ??= helpersFor(this.format);
    return { code, params, text: template(params, this.formatting) };
  }
}

/** The catalogue's templates by language, then by code. */
const templatesByLanguage: Partial<Record<SupportedLocale, Record<MessageCode, Template<never>>>> = Object.fromEntries(
  supportedLocales.map((language) => [
    language,
    Object.fromEntries(
      (Object.keys(messageCatalogue) as MessageCode[]).map((code) => [
        code,
        messageCatalogue[code][language] as Template<never>,
      ]),
    ),
  ]),
);
