/**
 * Removes personal data from a search query or complaint text before it is kept or reported:
 * e-mail addresses, web addresses, phone numbers, card and IBAN numbers, order and tracking numbers
 * (any word with a digit run of four or more, such as `#10234`, `TR-558812`, `1Z999AA10123456784`).
 * Each is replaced by a placeholder (`[email]`, `[url]`, `[phone]`, `[number]`), so the gap report still
 * shows that people search for "order [number] not delivered" without showing whose order.
 *
 * @example
 * ```ts
 * anonymiseQuery('siparis #104512 nerede ali@example.com 0532 123 45 67');
 * // 'siparis [number] nerede [email] [phone]'
 * ```
 */
export function anonymiseQuery(text: string): string {
  return (
    text
      .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, '[email]')
      .replace(/\b(?:https?:\/\/|www\.)\S+/giu, '[url]')
      .replace(/\bTR\s?\d{2}(?:\s?\d{4}){5}\s?\d{2}\b/giu, '[number]')
      .replace(/#?(?=[\p{N}-]*\p{L})[\p{L}\p{N}-]*\d{4,}[\p{L}\p{N}-]*/gu, '[number]')
      .replace(
        /(?<![\p{L}\p{N}])(?:(?:\+|00)\d{1,3}[\s.-]?)?\(?0?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}(?![\p{L}\p{N}])/gu,
        '[phone]',
      )
      .replace(/(?:\+\d[\d\s().-]{7,}\d)/gu, '[phone]')
      .replace(/#?[\p{L}\p{N}-]*\d{4,}[\p{L}\p{N}-]*/gu, '[number]')
      // A number written in groups (a card number) becomes one placeholder.
      .replace(/(\[(?:number|phone)\])(?:\s*\[(?:number|phone)\])+/gu, '$1')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}
