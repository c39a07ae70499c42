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
  'return-closed',
  'return-cancelled',
] as const;
export type ReturnNotificationType = (typeof returnNotificationTypes)[number];

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
  /** The event's time. */
  at: string;
}

export interface ReturnNotification {
  type: ReturnNotificationType;
  subjectId: string;
  payload: ReturnNotificationPayload;
}

export interface DescribeReturnEventOptions {
  /** The customer's locale (`tr-TR`, `en-GB`); a language without texts is a `missing_translation` error. */
  locale: string;
  orderName: string;
  /** When the customer must send the items back by, for approvals (ISO date-time). */
  returnBy?: string | null;
  /** The shop's time zone, for dates in the message. @default 'UTC' */
  timeZone?: string;
}

type Facts = { order: string; amount: string | null; by: string | null; tracking: string | null };
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
    'store-credit-issued': (f) => `We have added ${f.amount ?? 'store credit'} of store credit for order ${f.order}.`,
    'exchange-created': (f) => `Your exchange for order ${f.order} is on its way.`,
    'return-closed': (f) => `Your return for order ${f.order} is complete.`,
    'return-cancelled': (f) => `Your return for order ${f.order} is cancelled.`,
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
      `${f.order} numaralı siparişiniz için hesabınıza ${f.amount ?? 'mağaza kredisi'} mağaza kredisi eklendi.`,
    'exchange-created': (f) => `${f.order} numaralı siparişinizin değişim ürünü yola çıktı.`,
    'return-closed': (f) => `${f.order} numaralı siparişinizin iade işlemi tamamlandı.`,
    'return-cancelled': (f) => `${f.order} numaralı siparişinizin iade talebi iptal edildi.`,
  },
};

function notificationType(event: ReturnCaseEvent): ReturnNotificationType {
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
): ReturnNotification {
  const language = resolveLanguage(options.locale);
  const type = notificationType(event);
  const amount = event.type === 'resolved' ? (event.amount ?? null) : null;
  const deadline = event.type === 'approved' ? (options.returnBy ?? null) : null;
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
      at: event.at,
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
