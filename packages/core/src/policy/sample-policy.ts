import { money } from '../money/money.js';
import type { PolicyInput } from './policy-schema.js';

/**
 * The sample policy of docs/concepts/policies.md (not exported from the package): the docs show
 * its rendered pages, and a test keeps them equal to what `renderPolicy` produces.
 */
export const samplePolicyInput: PolicyInput = {
  schemaVersion: 1,
  id: 'acme-returns',
  version: 4,
  currency: 'TRY',
  window: { days: 30, from: 'delivery', transitDays: 3 },
  windowOverrides: [
    { id: 'window.vip', customers: { tags: ['vip'] }, days: 60 },
    { id: 'window.holiday-2026', orderedBetween: { from: '2026-11-15', to: '2026-12-31' }, returnUntil: '2027-01-31' },
    { id: 'window.sale', priority: 10, products: { tags: ['sale'] }, days: 7 },
  ],
  exclusions: [
    { id: 'exclusion.final-sale', kind: 'final_sale', products: { tags: ['final-sale'] }, minimumDiscountPercent: 50 },
    { id: 'exclusion.gift-cards', kind: 'gift_card' },
    { id: 'exclusion.hygiene', kind: 'hygiene_sealed', products: { productTypes: ['Underwear', 'Cosmetics'] } },
    { id: 'exclusion.engraved', kind: 'personalised' },
  ],
  fees: {
    returnShipping: { amount: money(4990, 'TRY') },
    restocking: [{ id: 'fee.restocking-electronics', percent: 10, products: { tags: ['electronics'] } }],
    waivers: [
      { id: 'waiver.defects', bases: ['defect'] },
      { id: 'waiver.exchange', resolutions: ['exchange'] },
    ],
    tax: { rate: '0.20', included: true },
  },
  resolutions: {
    storeCredit: { enabled: true, bonusPercent: 10 },
    exchange: { enabled: true, priceDifference: 'merchant_absorbs', absorbUpTo: money(2000, 'TRY') },
    keepItem: { enabled: true, maximumValue: money(10000, 'TRY') },
  },
  limits: { excludedOrderTags: ['wholesale'], returnsPerCustomer: { maximum: 5, periodDays: 90 } },
};
