import type { ConformityRemedy, StatutoryExceptionKind } from '../statutory/statutory-pack.js';
import type { SupportedLocale } from './message-catalogue.js';
import type { ExclusionKind, FeeKind, ReasonBasis, ResolutionKind, WindowStart } from './policy-schema.js';

/** The sentences of the policy page, in one language. Values arrive formatted (money, dates, lists). */
export interface PolicyPageTexts {
  title: string;
  intro: (id: string, version: number) => string;
  footer: (id: string, version: number) => string;
  list: (values: readonly string[], conjunction: 'and' | 'or') => string;
  months: (months: number) => string;
  // Statutory rights
  statutoryTitle: string;
  statutoryIntro: (jurisdiction: string) => string;
  statutoryConsumersOnly: string;
  statutoryNotAffected: string;
  statutoryDisabled: string;
  noReturnRight: (jurisdiction: string) => string;
  withdrawalTitle: string;
  withdrawalPeriod: (days: number) => string;
  withdrawalNotInformed: (months: number) => string;
  withdrawalExceptions: string;
  exception: Record<StatutoryExceptionKind, string>;
  withdrawalCoversExcluded: string;
  withdrawalNoFees: string;
  withdrawalReturnCost: (fee: string | null) => string;
  withdrawalReturnFree: string;
  withdrawalCarrier: (designated: boolean) => string;
  withdrawalRefund: (days: number, withhold: boolean) => string;
  withdrawalPartialDelivery: (refunded: boolean) => string;
  withdrawalConsent: string;
  withdrawHereTitle: string;
  withdrawHere: string;
  withdrawHereLink: string;
  faultyTitle: string;
  faultyPeriod: (period: string) => string;
  faultyPresumption: (period: string) => string;
  faultyShortTerm: (days: number) => string;
  faultyRemedies: (tiers: readonly string[]) => string;
  remedy: Record<ConformityRemedy, string>;
  faultyReasons: (reasons: string) => string;
  // Voluntary policy
  windowTitle: string;
  windowIntro: string;
  window: (days: number, from: WindowStart) => string;
  windowTransit: (days: number) => string;
  windowSplit: (mode: 'per_line' | 'last_item', from: WindowStart) => string;
  windowEnds: string;
  overridesIntro: (ties: boolean) => string;
  overrideDays: (who: string, days: number) => string;
  overrideUntil: (who: string, date: string) => string;
  overrideEveryone: string;
  overrideOrdered: (from: string, to: string) => string;
  precedence: { above: string; equal: string; below: string };
  products: {
    tags: (list: string) => string;
    productTypes: (list: string) => string;
    vendors: (list: string) => string;
    categories: (list: string) => string;
    skus: (list: string) => string;
    productIds: (list: string) => string;
    none: string;
    every: string;
  };
  customers: { tags: (list: string) => string; minimumOrders: (count: number) => string };
  exclusionsTitle: string;
  exclusionsNone: string;
  exclusionKind: Record<Exclusion, string>;
  exclusionDiscount: (percent: string) => string;
  exclusionProperties: string;
  exclusionSealed: string;
  exclusionNothing: string;
  reasonsTitle: string;
  reasonsIntro: string;
  reasonBasis: Record<ReasonBasis, string>;
  reasonPhoto: string;
  reasonDescription: string;
  feesTitle: string;
  returnShippingFee: (amount: string) => string;
  returnsFree: string;
  feeTax: (rate: string, included: boolean) => string;
  restocking: (percent: string, scope: string) => string;
  restockingFirst: string;
  fee: Record<FeeKind, string>;
  waiver: (fees: string, conditions: string) => string;
  waiverAlways: (fees: string) => string;
  waiverReasons: (reasons: string) => string;
  waiverBasis: Record<ReasonBasis, string>;
  waiverResolutions: (resolutions: string) => string;
  waiverCustomers: (customers: string) => string;
  resolutionsTitle: string;
  refund: (enabled: boolean) => string;
  storeCredit: (bonus: string | null) => string;
  exchange: (who: 'customer_pays' | 'merchant_absorbs', upTo: string | null) => string;
  keepItem: (maximum: string) => string;
  resolution: Record<ResolutionKind, string>;
  voluntaryShipping: Record<'none' | 'proportional' | 'when_all_returned', string>;
  conditionsTitle: string;
  conditionsPolicyOnly: string;
  countries: (list: string) => string;
  orderTags: (list: string) => string;
  discountCodes: (list: string) => string;
  minimumTotal: (amount: string) => string;
  maximumTotal: (amount: string) => string;
  returnsPerCustomer: (maximum: number, days: number) => string;
}

type Exclusion = ExclusionKind;

const en: PolicyPageTexts = {
  title: 'Returns and refunds',
  intro: () =>
    'This page is generated from the rules that decide your return, so what it says is what the store applies.',
  footer: (id, version) => `Policy ${id}, version ${version}.`,
  list: (values, conjunction) =>
    values.length <= 1
      ? (values[0] ?? '')
      : `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1] as string}`,
  months: (months) =>
    months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} month${months === 1 ? '' : 's'}`,
  statutoryTitle: 'Your statutory rights',
  statutoryIntro: (jurisdiction) =>
    `These rights come from the consumer law of ${jurisdiction}. They apply whatever the store's policy says, and the store's terms below come on top of them.`,
  statutoryConsumersOnly:
    "They are for consumers: a purchase made as a business is covered by the store's policy only.",
  statutoryNotAffected: 'Your statutory rights as a consumer are not affected by this policy.',
  statutoryDisabled:
    'The store applies this policy without the statutory consumer rights: it is meant only for purchases that no consumer law covers, such as purchases made as a business.',
  noReturnRight: (jurisdiction) =>
    `The law of ${jurisdiction} gives no general right to return goods bought online: the store's policy below is its own commitment to you.`,
  withdrawalTitle: 'Your right of withdrawal',
  withdrawalPeriod: (days) =>
    `You can withdraw from the purchase within ${days} days without giving any reason. The period starts on the day you receive the goods; for an order delivered in parts, on the day you receive the last item.`,
  withdrawalNotInformed: (months) =>
    `As the store did not inform you of this right before the purchase, the period is extended by ${months} months.`,
  withdrawalExceptions: 'The right of withdrawal does not cover:',
  exception: {
    personalised: 'goods made to your specifications or clearly personalised',
    perishable: 'goods that can deteriorate or expire rapidly',
    hygiene_sealed: 'sealed goods not suitable for return for health or hygiene reasons, once unsealed after delivery',
    sealed_media: 'sealed audio or video recordings and software, once unsealed after delivery',
  },
  withdrawalCoversExcluded:
    "Items the store's policy does not take back (see below) can still be returned under this right, unless they are one of these exceptions.",
  withdrawalNoFees: 'Withdrawing costs you no restocking fee and no other charge is deducted from your refund.',
  withdrawalReturnCost: (fee) =>
    fee === null
      ? 'You bear the direct cost of sending the goods back.'
      : `You bear the direct cost of sending the goods back: the return shipping fee of ${fee}.`,
  withdrawalReturnFree: 'The store bears the cost of sending the goods back.',
  withdrawalCarrier: (designated) =>
    designated
      ? 'Sending the goods back with the carrier the store names costs you nothing; if you choose another carrier, you pay for it.'
      : 'Sending the goods back costs you nothing, with any carrier.',
  withdrawalRefund: (days, withhold) =>
    `The store refunds everything you paid, including standard delivery when you withdraw from the whole order, within ${days} days of receiving your withdrawal, using the means of payment you used${withhold ? '. It may wait until it has the goods back or proof that you sent them' : ''}.`,
  withdrawalPartialDelivery: (refunded) =>
    refunded
      ? 'When you withdraw from part of an order, the matching share of the delivery cost is refunded.'
      : 'When you withdraw from part of an order, the delivery cost is not refunded.',
  withdrawalConsent: 'You always get your money back: store credit or an exchange only if you ask for it.',
  withdrawHereTitle: 'Withdraw from the contract here',
  withdrawHere:
    'You can withdraw online with the “Withdraw from contract here” function; you receive a confirmation of your withdrawal without delay.',
  withdrawHereLink: 'Withdraw from contract here',
  faultyTitle: 'Faulty goods',
  faultyPeriod: (period) =>
    `If the goods are faulty or not as agreed, the seller is liable for ${period} from delivery, free of charge to you.`,
  faultyPresumption: (period) =>
    `A fault that appears within ${period} of delivery is presumed to have existed at delivery.`,
  faultyShortTerm: (days) => `Within ${days} days of delivery you can reject faulty goods for a full refund.`,
  faultyRemedies: (tiers) => `Your remedies: ${tiers.join('; then ')}.`,
  remedy: {
    repair: 'repair',
    replacement: 'replacement',
    price_reduction: 'a price reduction',
    termination: 'ending the contract for a refund',
    short_term_rejection: 'rejecting the goods',
    final_rejection: 'a final rejection for a refund',
  },
  faultyReasons: (reasons) => `To claim a fault, choose one of these reasons: ${reasons}.`,
  windowTitle: "Returns under the store's policy",
  windowIntro: "On top of your legal rights, the store's own policy lets you return items as follows.",
  window: (days, from) =>
    `You can return an item within ${days} days of ${{ order: 'the day you place your order', fulfillment: 'the day it is shipped', delivery: 'the day you receive it' }[from]}.`,
  windowTransit: (days) =>
    `If the delivery date is not known, an item is taken to be delivered ${days} days after it was shipped.`,
  windowSplit: (mode, from) => {
    const event = from === 'fulfillment' ? 'shipment' : 'delivery';
    return mode === 'per_line'
      ? `When an order comes in parts, each item's period counts from its own ${event}.`
      : `When an order comes in parts, every item's period counts from the ${event} of the last item.`;
  },
  windowEnds: "A period ends at the end of its last day, in the store's time zone.",
  overridesIntro: (ties) =>
    `Some items and customers have their own period${ties ? ' (among periods of equal rank, the later deadline applies)' : ''}:`,
  overrideDays: (who, days) => `${who}: ${days} days`,
  overrideUntil: (who, date) => `${who}: until ${date}`,
  overrideEveryone: 'Every order',
  overrideOrdered: (from, to) => `orders placed from ${from} to ${to}`,
  precedence: {
    above: ' (replaces the general period, even when shorter, and any period listed below it)',
    equal: ' (applies when it gives you more time)',
    below: ' (never applies: the general period takes precedence)',
  },
  products: {
    tags: (list) => `products tagged ${list}`,
    productTypes: (list) => `products of type ${list}`,
    vendors: (list) => `products by ${list}`,
    categories: (list) => `products in ${list}`,
    skus: (list) => `SKUs ${list}`,
    productIds: (list) => `products with id ${list}`,
    none: 'no products',
    every: 'every item',
  },
  customers: {
    tags: (list) => `customers tagged ${list}`,
    minimumOrders: (count) => `customers with at least ${count} orders`,
  },
  exclusionsTitle: "Items the store's policy does not take back",
  exclusionsNone: "Every item can be returned under the store's policy.",
  exclusionKind: {
    final_sale: 'Final-sale items',
    gift_card: 'Gift cards',
    personalised: 'Personalised items',
    perishable: 'Perishable goods',
    hygiene_sealed: 'Hygiene-sealed goods',
    sealed_media: 'Sealed recordings and software',
    custom: 'Other items',
  },
  exclusionDiscount: (percent) => `items discounted by at least ${percent}%`,
  exclusionProperties: 'items made with your own options, such as an engraving',
  exclusionSealed: 'once the seal is broken after delivery',
  exclusionNothing: 'none identified',
  reasonsTitle: 'Return reasons',
  reasonsIntro: 'Choose the reason that fits best:',
  reasonBasis: { voluntary: '', defect: 'a fault' },
  reasonPhoto: 'with a photo',
  reasonDescription: 'with a description',
  feesTitle: 'Fees',
  returnShippingFee: (amount) => `A return shipping fee of ${amount} is deducted from each return.`,
  returnsFree: 'Returns are free: no return shipping fee is charged.',
  feeTax: (rate, included) =>
    included ? `Fee amounts include ${rate}% tax.` : `Fee amounts are before ${rate}% tax, which is added.`,
  restocking: (percent, scope) => `A restocking fee of ${percent}% of the refunded amount, for ${scope}.`,
  restockingFirst: 'When several restocking fees could apply to an item, only the first listed is charged.',
  fee: { return_shipping: 'return shipping fee', restocking: 'restocking fee' },
  waiver: (fees, conditions) => `No ${fees} when ${conditions}.`,
  waiverAlways: (fees) => `No ${fees} at all.`,
  waiverReasons: (reasons) => `the reason is ${reasons}`,
  waiverBasis: { voluntary: 'the return is not for a fault', defect: 'the item is faulty' },
  waiverResolutions: (resolutions) => `you choose ${resolutions}`,
  waiverCustomers: (customers) => `you are one of the ${customers}`,
  resolutionsTitle: 'Refunds and exchanges',
  refund: (enabled) =>
    enabled
      ? 'Refund to the original payment.'
      : "The store's policy does not refund to the original payment; a refund is made where the law requires it.",
  storeCredit: (bonus) => (bonus === null ? 'Store credit.' : `Store credit, with a ${bonus}% bonus.`),
  exchange: (who, upTo) =>
    who === 'customer_pays'
      ? 'Exchange for another item; you pay any price difference.'
      : upTo === null
        ? 'Exchange for another item; the store pays any price difference.'
        : `Exchange for another item; the store pays a price difference of up to ${upTo}.`,
  keepItem: (maximum) =>
    `For items refunded at ${maximum} or less, the store may refund you and let you keep the item.`,
  resolution: {
    refund: 'a refund',
    store_credit: 'store credit',
    exchange: 'an exchange',
    keep_item: 'to keep the item',
  },
  voluntaryShipping: {
    none: "The original delivery cost is not refunded on returns under the store's policy.",
    proportional: 'The matching share of the original delivery cost is refunded.',
    when_all_returned: 'The original delivery cost is refunded when you return the whole order.',
  },
  conditionsTitle: 'Conditions',
  conditionsPolicyOnly: "These conditions limit the store's policy only, never your statutory rights.",
  countries: (list) => `Returns are accepted for orders delivered to ${list}.`,
  orderTags: (list) => `Orders marked ${list} are not covered.`,
  discountCodes: (list) => `Orders placed with the discount code ${list} are not covered.`,
  minimumTotal: (amount) => `Orders under ${amount} are not covered.`,
  maximumTotal: (amount) => `Orders over ${amount} are not covered.`,
  returnsPerCustomer: (maximum, days) => `At most ${maximum} return(s) per customer in ${days} days.`,
};

const tr: PolicyPageTexts = {
  title: 'İade ve para iadesi',
  intro: () =>
    'Bu sayfa iadenizi karara bağlayan kurallardan üretilir; burada yazan, mağazanın uyguladığının ta kendisidir.',
  footer: (id, version) => `Politika ${id}, sürüm ${version}.`,
  list: (values, conjunction) =>
    values.length <= 1
      ? (values[0] ?? '')
      : `${values.slice(0, -1).join(', ')} ${conjunction === 'and' ? 've' : 'veya'} ${values[values.length - 1] as string}`,
  months: (months) => (months % 12 === 0 ? `${months / 12} yıl` : `${months} ay`),
  statutoryTitle: 'Yasal haklarınız',
  statutoryIntro: (jurisdiction) =>
    `Bu haklar ${jurisdiction} tüketici mevzuatından gelir. Mağazanın politikası ne derse desin geçerlidir; aşağıdaki mağaza koşulları bunlara ek olarak sunulur.`,
  statutoryConsumersOnly:
    'Bu haklar tüketiciler içindir: ticari amaçla yapılan alımlarda yalnızca mağazanın politikası geçerlidir.',
  statutoryNotAffected: 'Bu politika, tüketici olarak sahip olduğunuz yasal hakları etkilemez.',
  statutoryDisabled:
    'Mağaza bu politikayı yasal tüketici hakları olmadan uygular: yalnızca hiçbir tüketici mevzuatının kapsamadığı alımlar (örneğin ticari alımlar) içindir.',
  noReturnRight: (jurisdiction) =>
    `${jurisdiction} mevzuatı internetten alınan ürünler için genel bir iade hakkı tanımaz: aşağıdaki politika mağazanın size kendi taahhüdüdür.`,
  withdrawalTitle: 'Cayma hakkınız',
  withdrawalPeriod: (days) =>
    `Gerekçe göstermeden ve cezai şart ödemeden ${days} gün içinde cayma hakkınızı kullanabilirsiniz. Süre, ürünü teslim aldığınız gün başlar; parça parça teslim edilen siparişlerde son ürünü teslim aldığınız gün.`,
  withdrawalNotInformed: (months) =>
    `Mağaza sizi bu hak konusunda satıştan önce bilgilendirmediği için süre ${months} ay uzar.`,
  withdrawalExceptions: 'Cayma hakkı şunları kapsamaz:',
  exception: {
    personalised: 'isteğiniz veya kişisel ihtiyaçlarınız doğrultusunda hazırlanan ürünler',
    perishable: 'çabuk bozulabilen veya son kullanma tarihi geçebilecek ürünler',
    hygiene_sealed: 'teslimden sonra ambalajı açılmış, sağlık ve hijyen açısından iadesi uygun olmayan ürünler',
    sealed_media: 'teslimden sonra ambalajı açılmış ses veya görüntü kayıtları ve yazılımlar',
  },
  withdrawalCoversExcluded:
    'Mağazanın politikasının iade almadığı ürünler (aşağıda), bu istisnalardan biri değilse, cayma hakkıyla yine de iade edilebilir.',
  withdrawalNoFees:
    'Cayma hakkını kullandığınızda yeniden stoklama ücreti alınmaz ve iadenizden başka bir kesinti yapılmaz.',
  withdrawalReturnCost: (fee) =>
    fee === null
      ? 'Ürünü geri göndermenin doğrudan masrafını siz karşılarsınız.'
      : `Ürünü geri göndermenin doğrudan masrafını siz karşılarsınız: ${fee} iade kargo ücreti.`,
  withdrawalReturnFree: 'Ürünü geri göndermenin masrafını mağaza karşılar.',
  withdrawalCarrier: (designated) =>
    designated
      ? 'Ürünü mağazanın belirttiği kargo şirketiyle geri göndermek size hiçbir masraf çıkarmaz; başka bir kargo şirketi seçerseniz masrafı siz ödersiniz.'
      : 'Ürünü hangi kargo şirketiyle gönderirseniz gönderin, geri göndermek size hiçbir masraf çıkarmaz.',
  withdrawalRefund: (days, withhold) =>
    `Mağaza, cayma bildiriminizden itibaren ${days} gün içinde, siparişin tamamından caydığınızda teslimat masrafı da dahil olmak üzere ödediğiniz her şeyi, ödemede kullandığınız yöntemle iade eder${withhold ? '. İadeyi ürün kendisine ulaşana ya da gönderdiğinizi belgeleyene kadar bekletebilir' : ''}.`,
  withdrawalPartialDelivery: (refunded) =>
    refunded
      ? 'Siparişin bir kısmından caydığınızda teslimat masrafının o kısma düşen payı iade edilir.'
      : 'Siparişin bir kısmından caydığınızda teslimat masrafı iade edilmez.',
  withdrawalConsent: 'Paranız her zaman iade edilir: mağaza kredisi veya değişim yalnızca siz isterseniz.',
  withdrawHereTitle: 'Sözleşmeden buradan cayın',
  withdrawHere:
    '“Sözleşmeden buradan cay” işleviyle cayma hakkınızı çevrim içi kullanabilirsiniz; caymanızın onayı size gecikmeden gönderilir.',
  withdrawHereLink: 'Sözleşmeden buradan cay',
  faultyTitle: 'Ayıplı ürünler',
  faultyPeriod: (period) =>
    `Ürün ayıplıysa ya da anlaşıldığı gibi değilse satıcı, teslimden itibaren ${period} boyunca, size hiçbir masraf çıkarmadan sorumludur.`,
  faultyPresumption: (period) =>
    `Teslimden sonraki ${period} içinde ortaya çıkan ayıbın teslimde var olduğu kabul edilir.`,
  faultyShortTerm: (days) =>
    `Teslimden sonraki ${days} gün içinde ayıplı ürünü reddedip bedelin tamamını geri alabilirsiniz.`,
  faultyRemedies: (tiers) => `Haklarınız: ${tiers.join('; ardından ')}.`,
  remedy: {
    repair: 'ücretsiz onarım',
    replacement: 'ayıpsız misliyle değiştirme',
    price_reduction: 'bedel indirimi',
    termination: 'sözleşmeden dönme ve bedelin iadesi',
    short_term_rejection: 'ürünü reddetme',
    final_rejection: 'kesin ret ve bedelin iadesi',
  },
  faultyReasons: (reasons) => `Ayıp bildirmek için şu nedenlerden birini seçin: ${reasons}.`,
  windowTitle: 'Mağaza politikasına göre iade',
  windowIntro:
    'Yasal haklarınıza ek olarak mağazanın kendi politikası ürünleri şu koşullarla iade etmenize izin verir.',
  window: (days, from) =>
    `Bir ürünü ${{ order: 'sipariş verdiğiniz günden', fulfillment: 'kargoya verildiği günden', delivery: 'teslim aldığınız günden' }[from]} itibaren ${days} gün içinde iade edebilirsiniz.`,
  windowTransit: (days) =>
    `Teslim tarihi bilinmiyorsa ürün, kargoya verildikten ${days} gün sonra teslim edilmiş sayılır.`,
  windowSplit: (mode, from) => {
    const event = from === 'fulfillment' ? 'kargoya verildiği' : 'teslim edildiği';
    return mode === 'per_line'
      ? `Sipariş parça parça gelirse her ürünün süresi kendisinin ${event} günden başlar.`
      : `Sipariş parça parça gelirse tüm ürünlerin süresi son ürünün ${event} günden başlar.`;
  },
  windowEnds: 'Süre, son gününün sonunda, mağazanın saat diliminde biter.',
  overridesIntro: (ties) =>
    `Bazı ürünler ve müşteriler için ayrı süreler var${ties ? ' (aynı öncelikteki süreler arasında en geç biten uygulanır)' : ''}:`,
  overrideDays: (who, days) => `${who}: ${days} gün`,
  overrideUntil: (who, date) => `${who}: ${date} tarihine kadar`,
  overrideEveryone: 'Tüm siparişler',
  overrideOrdered: (from, to) => `${from} ile ${to} arasında verilen siparişler`,
  precedence: {
    above: ' (daha kısa olsa bile genel sürenin ve altında listelenen sürelerin yerine geçer)',
    equal: ' (size daha uzun süre tanıdığında uygulanır)',
    below: ' (hiçbir zaman uygulanmaz: genel süre önceliklidir)',
  },
  products: {
    tags: (list) => `${list} etiketli ürünler`,
    productTypes: (list) => `${list} türündeki ürünler`,
    vendors: (list) => `${list} markalı ürünler`,
    categories: (list) => `${list} kategorisindeki ürünler`,
    skus: (list) => `${list} stok kodlu ürünler`,
    productIds: (list) => `${list} kimlikli ürünler`,
    none: 'hiçbir ürün',
    every: 'tüm ürünler',
  },
  customers: {
    tags: (list) => `${list} etiketli müşteriler`,
    minimumOrders: (count) => `en az ${count} siparişi olan müşteriler`,
  },
  exclusionsTitle: 'Mağaza politikasının iade almadığı ürünler',
  exclusionsNone: 'Mağazanın politikasına göre her ürün iade edilebilir.',
  exclusionKind: {
    final_sale: 'Son satış (iadesiz) ürünler',
    gift_card: 'Hediye kartları',
    personalised: 'Kişiye özel ürünler',
    perishable: 'Çabuk bozulan ürünler',
    hygiene_sealed: 'Hijyen ambalajlı ürünler',
    sealed_media: 'Ambalajlı kayıt ve yazılım ürünleri',
    custom: 'Diğer ürünler',
  },
  exclusionDiscount: (percent) => `en az %${percent} indirimli ürünler`,
  exclusionProperties: 'gravür gibi sizin seçtiğiniz seçeneklerle hazırlanan ürünler',
  exclusionSealed: 'teslimden sonra ambalajı açıldıysa',
  exclusionNothing: 'belirlenmiş ürün yok',
  reasonsTitle: 'İade nedenleri',
  reasonsIntro: 'Size en uygun nedeni seçin:',
  reasonBasis: { voluntary: '', defect: 'ayıp' },
  reasonPhoto: 'fotoğrafla',
  reasonDescription: 'açıklamayla',
  feesTitle: 'Ücretler',
  returnShippingFee: (amount) => `Her iadeden ${amount} iade kargo ücreti düşülür.`,
  returnsFree: 'İade ücretsizdir: iade kargo ücreti alınmaz.',
  feeTax: (rate, included) =>
    included ? `Ücret tutarlarına %${rate} vergi dahildir.` : `Ücret tutarlarına %${rate} vergi eklenir.`,
  restocking: (percent, scope) => `${scope} için iade tutarı üzerinden %${percent} oranında yeniden stoklama ücreti.`,
  restockingFirst: 'Bir ürüne birden fazla yeniden stoklama ücreti uygulanabiliyorsa yalnızca listedeki ilki alınır.',
  fee: { return_shipping: 'iade kargo ücreti', restocking: 'yeniden stoklama ücreti' },
  waiver: (fees, conditions) => `${conditions}: ${fees} alınmaz.`,
  waiverAlways: (fees) => `Hiçbir durumda ${fees} alınmaz.`,
  waiverReasons: (reasons) => `neden ${reasons} ise`,
  waiverBasis: { voluntary: 'iade bir ayıp nedeniyle değilse', defect: 'ürün ayıplıysa' },
  waiverResolutions: (resolutions) => `${resolutions} seçerseniz`,
  waiverCustomers: (customers) => `${customers} arasındaysanız`,
  resolutionsTitle: 'Para iadesi ve değişim',
  refund: (enabled) =>
    enabled
      ? 'Ödeme yönteminize para iadesi.'
      : 'Mağazanın politikası ödeme yönteminize para iadesi yapmaz; yasanın gerektirdiği durumlarda para iadesi yapılır.',
  storeCredit: (bonus) => (bonus === null ? 'Mağaza kredisi.' : `%${bonus} bonuslu mağaza kredisi.`),
  exchange: (who, upTo) =>
    who === 'customer_pays'
      ? 'Başka bir ürünle değişim; fiyat farkını siz ödersiniz.'
      : upTo === null
        ? 'Başka bir ürünle değişim; fiyat farkını mağaza öder.'
        : `Başka bir ürünle değişim; mağaza ${upTo} tutarına kadar fiyat farkını öder.`,
  keepItem: (maximum) =>
    `İade tutarı ${maximum} veya daha az olan ürünlerde mağaza ürünü size bırakıp ücretini iade edebilir.`,
  resolution: {
    refund: 'para iadesi',
    store_credit: 'mağaza kredisi',
    exchange: 'değişim',
    keep_item: 'ürünü elinizde tutmayı',
  },
  voluntaryShipping: {
    none: 'Mağaza politikasına göre yapılan iadelerde ilk teslimat masrafı iade edilmez.',
    proportional: 'İlk teslimat masrafının iade edilen ürünlere düşen payı iade edilir.',
    when_all_returned: 'Siparişin tamamını iade ettiğinizde ilk teslimat masrafı da iade edilir.',
  },
  conditionsTitle: 'Koşullar',
  conditionsPolicyOnly: 'Bu koşullar yalnızca mağazanın politikasını sınırlar, yasal haklarınızı asla.',
  countries: (list) => `İadeler şu ülkelere teslim edilen siparişler için kabul edilir: ${list}.`,
  orderTags: (list) => `${list} olarak işaretlenen siparişler kapsam dışıdır.`,
  discountCodes: (list) => `${list} indirim koduyla verilen siparişler kapsam dışıdır.`,
  minimumTotal: (amount) => `${amount} altındaki siparişler kapsam dışıdır.`,
  maximumTotal: (amount) => `${amount} üstündeki siparişler kapsam dışıdır.`,
  returnsPerCustomer: (maximum, days) => `Müşteri başına ${days} günde en fazla ${maximum} iade.`,
};

/** The page texts of each supported language. */
export const policyPageTexts: Record<SupportedLocale, PolicyPageTexts> = { en, tr };

/** A merchant value (tag, code) quoted for the page. */
export function quoted(value: string): string {
  return `“${value}”`;
}
