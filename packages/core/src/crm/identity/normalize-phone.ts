import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (`+905321234567`) with libphonenumber-js, Google's numbering
 * metadata kept up to date by its maintainers. National numbers (`0532 123 45 67`) need the country
 * they were written in: pass the address's or the shop's ISO 3166-1 alpha-2 code. Returns `null` when
 * the number cannot be read or has an impossible length for its country, so it never matches anyone.
 *
 * @example normalizePhone('(0532) 123-4567', 'TR') // '+905321234567'
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  if (typeof raw !== 'string' || raw.trim().length === 0) return null;
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), country ? { defaultCountry: country } : undefined);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
