import type { StatutoryPack } from './statutory-pack.js';

/**
 * United States: no federal right to return goods bought online. Some states require a store
 * without a full refund policy to post its policy. Nothing here changes a decision: returns rest
 * on the merchant's policy alone, and the pack lists the posting duties.
 */
export const usPack: StatutoryPack = {
  id: 'us-2000-01-01',
  jurisdiction: 'US',
  title: 'United States: no federal return right; state posted-policy laws',
  countries: ['US'],
  effectiveFrom: '2000-01-01',
  effectiveUntil: null,
  withdrawal: null,
  conformity: null,
  obligations: [
    {
      id: 'us.ca.posted_policy',
      summary:
        'California: a retailer that does not give a full cash refund, exchange or credit within at least 7 days of purchase must conspicuously display its refund policy; otherwise the buyer may return the goods for a full refund within 30 days.',
      citation: {
        instrument: 'California Civil Code',
        provision: '§ 1723',
        url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1723',
      },
    },
    {
      id: 'us.ny.posted_policy',
      summary:
        'New York: a retailer must conspicuously post its refund policy; without a posted policy, goods may be returned for a refund or credit within 30 days of purchase if unused and undamaged.',
      citation: {
        instrument: 'New York General Business Law',
        provision: '§ 218-a',
        url: 'https://www.nysenate.gov/legislation/laws/GBS/218-A',
      },
    },
    {
      id: 'us.fl.posted_policy',
      summary:
        'Florida: a retailer that does not give refunds must post a notice of its policy; otherwise a purchaser may obtain a refund within 7 days of purchase for unused goods with proof of purchase.',
      citation: {
        instrument: 'Florida Statutes',
        provision: '§ 501.142',
        url: 'https://www.flsenate.gov/Laws/Statutes/2024/501.142',
      },
      uncertainty: 'Whether § 501.142 reaches online sales to Florida residents is not settled.',
    },
  ],
  sources: [
    {
      title: 'California Civil Code § 1723',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1723',
    },
    { title: 'New York General Business Law § 218-a', url: 'https://www.nysenate.gov/legislation/laws/GBS/218-A' },
    { title: 'Florida Statutes § 501.142', url: 'https://www.flsenate.gov/Laws/Statutes/2024/501.142' },
  ],
  uncertainties: [
    {
      id: 'us.other_states',
      text: 'Other states have posted-policy or refund laws (for example Hawaii, Minnesota, New Jersey, Ohio, Virginia); they are not encoded.',
    },
    {
      id: 'us.online_reach',
      text: 'Whether posted-policy laws written for stores reach online sales differs by state and is not settled.',
    },
    {
      id: 'us.implied_warranty',
      text: 'Implied warranties of merchantability (UCC § 2-314) and the Magnuson-Moss Warranty Act give defect claims whose periods and remedies vary by state and can be disclaimed; they are not encoded as a defect-claim basis: defective goods follow the merchant policy.',
    },
    {
      id: 'us.cooling_off',
      text: 'The FTC Cooling-Off Rule (16 CFR 429) covers door-to-door and similar sales, not online orders; the Mail Order Rule (16 CFR 435) governs shipping delays, not returns.',
    },
  ],
};
