/**
 * Serialises a value the way PHP's `json_encode` (as WordPress calls it) does: `/` escaped as `\/`
 * and every non-ASCII character as `\uXXXX` (UTF-16 code units, so astral characters become a
 * surrogate pair). WooCommerce REST responses and webhook bodies are written this way, which is why a
 * signature must be checked over the raw bytes and never over re-serialised JSON.
 *
 * @example phpJsonEncode({ url: 'a/b', name: 'İsmail' }) // '{"url":"a\\/b","name":"\\u0130smail"}'
 */
export function phpJsonEncode(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  let out = '';
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    const character = json[index] as string;
    if (character === '/') out += '\\/';
    else if (code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return out;
}
