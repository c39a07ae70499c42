import { formatMoney } from '../money/format-money.js';
import { resolveLanguage, type SupportedLocale } from '../policy/message-catalogue.js';
import type { ReturnCaseStatus } from './return-case.js';
import type { ReturnNotification, ReturnNotificationType } from './return-notifications.js';

/**
 * The staff's order-timeline note for a step (WooCommerce order notes): in the case's language, with
 * the order name, the case or refund id, the status and the amount, and no personal data.
 */

const steps: Record<SupportedLocale, Record<ReturnNotificationType, string>> = {
  en: {
    'return-requested': 'return requested',
    'return-review-required': 'return waits for a staff review',
    'return-approved': 'return approved',
    'return-declined': 'return declined',
    'return-label-issued': 'return label issued',
    'return-in-transit': 'return parcel in transit',
    'return-received': 'returned items received',
    'return-inspected': 'returned items inspected',
    'refund-issued': 'refund issued',
    'store-credit-issued': 'store credit issued',
    'exchange-created': 'exchange created',
    'refund-reconciled': 'refund made in the shop admin recorded',
    'return-closed': 'return closed',
    'return-cancelled': 'return cancelled',
    'goodwill-refund-issued': 'goodwill refund issued',
    'order-cancelled': 'order cancelled',
  },
  tr: {
    'return-requested': 'iade talebi alındı',
    'return-review-required': 'iade talebi personel incelemesi bekliyor',
    'return-approved': 'iade onaylandı',
    'return-declined': 'iade reddedildi',
    'return-label-issued': 'iade kargo etiketi oluşturuldu',
    'return-in-transit': 'iade kargosu yolda',
    'return-received': 'iade edilen ürünler teslim alındı',
    'return-inspected': 'iade edilen ürünler kontrol edildi',
    'refund-issued': 'para iadesi yapıldı',
    'store-credit-issued': 'mağaza kredisi tanımlandı',
    'exchange-created': 'değişim oluşturuldu',
    'refund-reconciled': 'mağaza panelinden yapılan iade kaydedildi',
    'return-closed': 'iade kapatıldı',
    'return-cancelled': 'iade iptal edildi',
    'goodwill-refund-issued': 'iyi niyet iadesi yapıldı',
    'order-cancelled': 'sipariş iptal edildi',
  },
};

const statuses: Record<SupportedLocale, Record<ReturnCaseStatus, string>> = {
  en: {
    requested: 'requested',
    approved: 'approved',
    declined: 'declined',
    awaiting_items: 'awaiting the items',
    received: 'received',
    inspected: 'inspected',
    resolved: 'resolved',
    closed: 'closed',
    cancelled: 'cancelled',
  },
  tr: {
    requested: 'talep edildi',
    approved: 'onaylandı',
    declined: 'reddedildi',
    awaiting_items: 'ürünler bekleniyor',
    received: 'teslim alındı',
    inspected: 'kontrol edildi',
    resolved: 'sonuçlandı',
    closed: 'kapatıldı',
    cancelled: 'iptal edildi',
  },
};

const labels: Record<SupportedLocale, { order: string; return: string; refund: string; status: string }> = {
  en: { order: 'Order', return: 'return', refund: 'refund', status: 'status' },
  tr: { order: 'Sipariş', return: 'iade', refund: 'iade kaydı', status: 'durum' },
};

/**
 * The order note for an event, in `locale`'s language: `aftersale · Order #1001 · return ret_1:
 * refund issued, ₺120,00 (status: resolved)`. Personal data never appears: people are not named and
 * the customer's own words stay out.
 */
export function describeOrderNote(notification: ReturnNotification, locale: string): string {
  const language = resolveLanguage(locale);
  const words = labels[language];
  const step = steps[language][notification.type];
  const amount = notification.payload.amount;
  const money = amount && amount.amount > 0 ? `, ${formatMoney(amount, locale)}` : '';
  if ('caseId' in notification.payload) {
    const payload = notification.payload;
    return `aftersale · ${words.order} ${payload.orderName} · ${words.return} ${payload.caseId}: ${step}${money} (${words.status}: ${statuses[language][payload.status]})`;
  }
  const payload = notification.payload;
  return `aftersale · ${words.order} ${payload.orderName} · ${words.refund} ${payload.refundId}: ${step}${money}`;
}
