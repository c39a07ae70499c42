import { z } from 'zod';

const emailShape = z.email();

/**
 * Normalises an e-mail address for matching one person across platforms: trims it, applies Unicode
 * NFC and lower-cases it (the domain is case-insensitive by standard, and shops treat the local part
 * the same way in practice). Returns `null` for something that is not an e-mail address, so a typo
 * never joins two people. Provider-specific rewriting (dots or `+tags` in Gmail addresses) is not
 * done: `a.b@gmail.com` and `ab@gmail.com` stay two identities until a merchant merges them.
 *
 * @example normalizeEmail('  Ayse.Yilmaz@Example.COM ') // 'ayse.yilmaz@example.com'
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const candidate = raw.trim().normalize('NFC').toLowerCase();
  if (candidate.length === 0 || candidate.length > 320) return null;
  return emailShape.safeParse(candidate).success ? candidate : null;
}
