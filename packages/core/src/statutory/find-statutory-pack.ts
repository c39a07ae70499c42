import { euPack2026, euPackBefore2026 } from './eu-packs.js';
import type { StatutoryPack } from './statutory-pack.js';
import { turkeyPack } from './turkey-pack.js';
import { ukPack } from './uk-pack.js';
import { usPack } from './us-pack.js';

/** Every statutory pack aftersale ships, oldest first within a jurisdiction. */
export const statutoryPacks: readonly StatutoryPack[] = [euPackBefore2026, euPack2026, turkeyPack, ukPack, usPack];

const byCountry = new Map<string, StatutoryPack[]>();
for (const pack of statutoryPacks) {
  for (const country of pack.countries) {
    const list = byCountry.get(country) ?? [];
    list.push(pack);
    byCountry.set(country, list);
  }
}

/**
 * The pack that protects a consumer living in `country` (ISO 3166-1 alpha-2) for a contract
 * concluded on `date` (`YYYY-MM-DD`), or null when aftersale has none (then only the merchant
 * policy applies, and the decision says so).
 */
export function findStatutoryPack(country: string, date: string): StatutoryPack | null {
  const candidates = byCountry.get(country);
  if (candidates === undefined) return null;
  for (const pack of candidates) {
    if (pack.effectiveFrom <= date && (pack.effectiveUntil === null || date <= pack.effectiveUntil)) return pack;
  }
  return null;
}
