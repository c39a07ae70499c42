import { formatMoney } from '../money/format-money.js';
import type { Money } from '../money/money.js';
import { resolveLanguage, type SupportedLocale } from '../policy/message-catalogue.js';
import type { OutboxEventInput } from '../spec/store-records.js';
import type { ReturnCaseEvent, ReturnCaseState } from './return-case.js';

/** The events a store app receives about return cases, in-process and through the store's outbox. */
export const returnNotificationTypes = [
  'return-requested',
  'return-review-required',
  'return-approved',
  'return-declined',
  'return-label-issued',
  'return-in-transit',
  'return-received',
  'return-inspected',
  'refund-issued',
  'store-credit-issued',
  'exchange-created',
  'refund-reconciled',
  'return-closed',
  'return-cancelled',
  'goodwill-refund-issued',
  'order-cancelled',
] as const;
export type ReturnNotificationType = (typeof returnNotificationTypes)[number];

/** The events about an order as a whole, not tied to a return case. */
export const orderNotificationTypes = ['goodwill-refund-issued', 'order-cancelled'] as const;
export type OrderNotificationType = (typeof orderNotificationTypes)[number];

/** The events about a return case. */
export type CaseNotificationType = Exclude<ReturnNotificationType, OrderNotificationType>;

/** Store credit as the customer spends it: the code to type at checkout, the bonus inside, the expiry. */
export interface StoreCreditFacts {
  /** `null` when the credit applies by itself (Shopify's store-credit account). */
  code: string | null;
  /** The policy's bonus inside the amount; `null` for none. */
  bonus: Money | null;
  expiresAt: string | null;
}

/** What is left to settle after an exchange. */
export interface ExchangeFacts {
  /** The platform's exchange id. */
  exchangeId: string;
  /** The order the new items ship on, when the platform makes one. */
  newOrderId: string | null;
  /** How the price difference was settled. */
  settlement: 'none' | 'payment_due' | 'refunded' | 'absorbed' | 'kept';
}

/** What a message to the customer needs, in their language. No personal data: people are ids. */
export interface ReturnNotificationPayload {
  caseId: string;
  orderId: string;
  /** The order's name as the customer knows it (`#1001`). */
  orderName: string;
  status: ReturnCaseState['status'];
  /** The language of `message`. */
  language: SupportedLocale;
  /** One sentence for the customer, ready to send. */
  message: string;
  /** Money that moved or will move, when the event is about money. */
  amount: Money | null;
  /** The deadline that matters to the customer now (send the items back by), when there is one. */
  deadline: string | null;
  /** Tracking of the return parcel, when known. */
  tracking: { carrier: string | null; number: string | null } | null;
  /** Why a person must look at the case, for `return-review-required`. */
  reviewReasons: string[];
  /** For a declined case: the customer can still ask a person to look again. */
  appealable: boolean;
  /** Store credit issued (`store-credit-issued`): the code and expiry the customer needs. */
  storeCredit: StoreCreditFacts | null;
  /** An exchange (`exchange-created`): its id and how the difference was settled. */
  exchange: ExchangeFacts | null;
  /** Money the customer still owes (an exchange's price difference) and the link to pay it with. */
  payment: { amount: Money; url: string | null } | null;
  /** The event's time. */
  at: string;
}

/** What a message about an order as a whole needs (a goodwill refund, a cancellation). No personal data. */
export interface OrderNotificationPayload {
  orderId: string;
  orderName: string;
  /** The language of `message`. */
  language: SupportedLocale;
  /** One sentence for the customer, ready to send. */
  message: string;
  /** What went back to the customer (zero when nothing was paid). */
  amount: Money;
  /** The aftersale refund record (`rfd_...`). */
  refundId: string;
  /** The platform's refund id, when the platform made one. */
  platformRefundId: string | null;
  /** Why: the goodwill reason, or the cancellation reason code. */
  reason: string;
  /** The event's time. */
  at: string;
}

/**
 * An event for the store app. Case events (`subjectId` a `ret_` case) carry a
 * {@link ReturnNotificationPayload}; order events (`goodwill-refund-issued`, `order-cancelled`,
 * `subjectId` the `rfd_` refund record) an {@link OrderNotificationPayload}.
 */
export type ReturnNotification =
  | { type: CaseNotificationType; subjectId: string; payload: ReturnNotificationPayload }
  | { type: OrderNotificationType; subjectId: string; payload: OrderNotificationPayload };

/** An event about a return case. */
export type CaseNotification = Extract<ReturnNotification, { type: CaseNotificationType }>;
/** An event about an order as a whole. */
export type OrderNotification = Extract<ReturnNotification, { type: OrderNotificationType }>;

export interface DescribeReturnEventOptions {
  /** The customer's locale (`tr-TR`, `en-GB`); a language without texts is a `missing_translation` error. */
  locale: string;
  orderName: string;
  /** When the customer must send the items back by, for approvals (ISO date-time). */
  returnBy?: string | null;
  /** The shop's time zone, for dates in the message. @default 'UTC' */
  timeZone?: string;
  /** A `resolved` event that records a refund made in the platform's admin: `refund-reconciled`. */
  reconciled?: boolean;
  /** The credit issued, for a case resolved as `credited`. */
  storeCredit?: StoreCreditFacts | null;
  /** The exchange made, for a case resolved as `exchanged`. */
  exchange?: ExchangeFacts | null;
  /** What the customer still owes, for an exchange with a price difference to pay. */
  payment?: { amount: Money; url: string | null } | null;
  /** A difference refunded by an exchange. */
  refunded?: Money | null;
}

type Facts = {
  order: string;
  amount: string | null;
  by: string | null;
  tracking: string | null;
  code: string | null;
  due: string | null;
  link: boolean;
  refunded: string | null;
};
type Texts = Record<ReturnNotificationType, (facts: Facts) => string>;

// Every message in every language: a missing text is a compile error here, and an unknown language a
// typed error at run time.
const texts: Record<SupportedLocale, Texts> = {
  en: {
    'return-requested': (f) => `We have your return request for order ${f.order}.`,
    'return-review-required': (f) =>
      `A member of our team will look at your return request for order ${f.order} and reply to you.`,
    'return-approved': (f) =>
      `Your return for order ${f.order} is approved.${f.by ? ` Please send the items back by ${f.by}.` : ''}`,
    'return-declined': (f) =>
      `We cannot accept this return for order ${f.order}. You can reply to ask a member of our team to look again.`,
    'return-label-issued': (f) =>
      `Your return label for order ${f.order} is ready${f.tracking ? ` (tracking ${f.tracking})` : ''}.`,
    'return-in-transit': (f) => `Your return for order ${f.order} is on its way to us.`,
    'return-received': (f) => `We have received the items you returned from order ${f.order}.`,
    'return-inspected': (f) => `We have checked the items you returned from order ${f.order}.`,
    'refund-issued': (f) => `We have refunded ${f.amount ?? 'your payment'} for order ${f.order}.`,
    'store-credit-issued': (f) =>
      `We have added ${f.amount ?? 'store credit'} of store credit for order ${f.order}.${f.code ? ` Use the code ${f.code} at checkout.` : ''}${f.by ? ` It is valid until ${f.by}.` : ''}`,
    'exchange-created': (f) =>
      `Your exchange for order ${f.order} is on its way.${f.due ? ` Please pay the price difference of ${f.due}${f.link ? ' with the payment link we sent you' : ''}.` : ''}${f.refunded ? ` We have refunded the price difference of ${f.refunded}.` : ''}`,
    'refund-reconciled': (f) => `We have refunded ${f.amount ?? 'your payment'} for order ${f.order}.`,
    'return-closed': (f) => `Your return for order ${f.order} is complete.`,
    'return-cancelled': (f) => `Your return for order ${f.order} is cancelled.`,
    'goodwill-refund-issued': (f) =>
      `As a gesture of goodwill, we have refunded ${f.amount ?? 'part of your payment'} for order ${f.order}.`,
    'order-cancelled': (f) =>
      `Your order ${f.order} is cancelled.${f.amount ? ` We have refunded ${f.amount} to your original payment.` : ''}`,
  },
  tr: {
    'return-requested': (f) => `${f.order} numaralı siparişiniz için iade talebinizi aldık.`,
    'return-review-required': (f) =>
      `${f.order} numaralı siparişinizin iade talebini ekibimizden biri inceleyip size dönecek.`,
    'return-approved': (f) =>
      `${f.order} numaralı siparişinizin iadesi onaylandı.${f.by ? ` Lütfen ürünleri ${f.by} tarihine kadar gönderin.` : ''}`,
    'return-declined': (f) =>
      `${f.order} numaralı sipariş için bu iadeyi kabul edemiyoruz. Yanıt vererek ekibimizden birinin yeniden incelemesini isteyebilirsiniz.`,
    'return-label-issued': (f) =>
      `${f.order} numaralı siparişinizin iade etiketi hazır${f.tracking ? ` (takip numarası ${f.tracking})` : ''}.`,
    'return-in-transit': (f) => `${f.order} numaralı siparişinizin iadesi bize doğru yolda.`,
    'return-received': (f) => `${f.order} numaralı siparişinizden iade ettiğiniz ürünleri teslim aldık.`,
    'return-inspected': (f) => `${f.order} numaralı siparişinizden iade ettiğiniz ürünleri kontrol ettik.`,
    'refund-issued': (f) => `${f.order} numaralı siparişiniz için ${f.amount ?? 'ödemeniz'} iade edildi.`,
    'store-credit-issued': (f) =>
      `${f.order} numaralı siparişiniz için hesabınıza ${f.amount ?? 'mağaza kredisi'} mağaza kredisi eklendi.${f.code ? ` Ödeme sırasında ${f.code} kodunu kullanın.` : ''}${f.by ? ` Kredi ${f.by} tarihine kadar geçerlidir.` : ''}`,
    'exchange-created': (f) =>
      `${f.order} numaralı siparişinizin değişim ürünü yola çıktı.${f.due ? ` Lütfen ${f.due} tutarındaki fiyat farkını ${f.link ? 'size gönderdiğimiz ödeme bağlantısıyla ' : ''}ödeyin.` : ''}${f.refunded ? ` ${f.refunded} tutarındaki fiyat farkı iade edildi.` : ''}`,
    'refund-reconciled': (f) => `${f.order} numaralı siparişiniz için ${f.amount ?? 'ödemeniz'} iade edildi.`,
    'return-closed': (f) => `${f.order} numaralı siparişinizin iade işlemi tamamlandı.`,
    'return-cancelled': (f) => `${f.order} numaralı siparişinizin iade talebi iptal edildi.`,
    'goodwill-refund-issued': (f) =>
      `${f.order} numaralı siparişiniz için iyi niyet göstergesi olarak ${f.amount ?? 'ödemenizin bir kısmı'} iade edildi.`,
    'order-cancelled': (f) =>
      `${f.order} numaralı siparişiniz iptal edildi.${f.amount ? ` ${f.amount} ödeme yönteminize iade edildi.` : ''}`,
  },
};

function notificationType(event: ReturnCaseEvent, reconciled: boolean): CaseNotificationType {
  switch (event.type) {
    case 'requested':
      return 'return-requested';
    case 'review_required':
      return 'return-review-required';
    case 'approved':
      return 'return-approved';
    case 'declined':
      return 'return-declined';
    case 'label_issued':
      return 'return-label-issued';
    case 'in_transit':
      return 'return-in-transit';
    case 'received':
      return 'return-received';
    case 'inspected':
      return 'return-inspected';
    case 'resolved':
      if (reconciled) return 'refund-reconciled';
      return event.outcome === 'credited'
        ? 'store-credit-issued'
        : event.outcome === 'exchanged'
          ? 'exchange-created'
          : 'refund-issued';
    case 'closed':
      return 'return-closed';
    case 'cancelled':
      return 'return-cancelled';
  }
}

/**
 * The store-app event for one case event, with a ready message in the customer's language. `state` is
 * the case after the event.
 */
export function describeReturnEvent(
  state: ReturnCaseState,
  event: ReturnCaseEvent,
  options: DescribeReturnEventOptions,
): CaseNotification {
  const language = resolveLanguage(options.locale);
  const type = notificationType(event, options.reconciled ?? false);
  const amount = event.type === 'resolved' ? (event.amount ?? null) : null;
  const resolved = event.type === 'resolved';
  const storeCredit = resolved && event.outcome === 'credited' ? (options.storeCredit ?? null) : null;
  const exchange = resolved && event.outcome === 'exchanged' ? (options.exchange ?? null) : null;
  const payment = exchange ? (options.payment ?? null) : null;
  const refunded = exchange ? (options.refunded ?? null) : null;
  const deadline = event.type === 'approved' ? (options.returnBy ?? null) : storeCredit ? storeCredit.expiresAt : null;
  const tracking = state.shipment ? { carrier: state.shipment.carrier, number: state.shipment.trackingNumber } : null;
  const dateFormat = new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'long',
    timeZone: options.timeZone ?? 'UTC',
  });
  const message = texts[language][type]({
    order: options.orderName,
    amount: amount ? formatMoney(amount, options.locale) : null,
    by: deadline ? dateFormat.format(new Date(deadline)) : null,
    tracking: tracking?.number ?? null,
    code: storeCredit?.code ?? null,
    due: payment ? formatMoney(payment.amount, options.locale) : null,
    link: payment?.url != null,
    refunded: refunded ? formatMoney(refunded, options.locale) : null,
  });
  return {
    type,
    subjectId: state.id,
    payload: {
      caseId: state.id,
      orderId: state.orderId,
      orderName: options.orderName,
      status: state.status,
      language,
      message,
      amount,
      deadline,
      tracking,
      reviewReasons: event.type === 'review_required' ? [...event.reasons] : [],
      appealable: event.type === 'declined',
      storeCredit,
      exchange,
      payment,
      at: event.at,
    },
  };
}

/** What {@link describeOrderEvent} needs: the facts of a goodwill refund or a cancellation. */
export interface DescribeOrderEventOptions {
  /** The customer's locale (`tr-TR`, `en-GB`); a language without texts is a `missing_translation` error. */
  locale: string;
  orderId: string;
  orderName: string;
  amount: Money;
  refundId: string;
  platformRefundId: string | null;
  reason: string;
  at: string;
}

/** The store-app event for a step on an order as a whole, with a ready message in the customer's language. */
export function describeOrderEvent(type: OrderNotificationType, options: DescribeOrderEventOptions): OrderNotification {
  const language = resolveLanguage(options.locale);
  const message = texts[language][type]({
    order: options.orderName,
    amount: options.amount.amount > 0 ? formatMoney(options.amount, options.locale) : null,
    by: null,
    tracking: null,
    code: null,
    due: null,
    link: false,
    refunded: null,
  });
  return {
    type,
    subjectId: options.refundId,
    payload: {
      orderId: options.orderId,
      orderName: options.orderName,
      language,
      message,
      amount: options.amount,
      refundId: options.refundId,
      platformRefundId: options.platformRefundId,
      reason: options.reason,
      at: options.at,
    },
  };
}

/** The notification as an outbox row for {@link AftersaleStore} writes. */
export function toOutboxEvent(notification: ReturnNotification): OutboxEventInput {
  return {
    type: notification.type,
    subjectId: notification.subjectId,
    payload: JSON.parse(JSON.stringify(notification.payload)) as Record<string, unknown>,
  };
}
