/**
 * Serialises a value the way PHP's `json_encode` (as WordPress calls it) does: `/` escaped as `\/`
 * and every non-ASCII character as `\uXXXX` (UTF-16 code units, so astral characters become a
 * surrogate pair). WooCommerce REST responses and webhook bodies are written this way, which is why a
 * signature must be checked over the raw bytes and never over re-serialised JSON.
 *
 * @example phpJsonEncode({ url: 'a/b', name: 'İsmail' }) // '{"url":"a\\/b","name":"\\u0130smail"}'
 */
export function phpJsonEncode(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(phpEscaped, phpEscape);
}

/** What `json_encode` escapes beyond what `JSON.stringify` does: `/` and every non-ASCII code unit. */
const phpEscaped = /[/\u0080-\uffff]/g;

function phpEscape(character: string): string {
  return character === '/' ? '\\/' : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
