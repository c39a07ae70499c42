import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phpJsonEncode } from './php-json-encode.js';

/** `json_encode`'s escaping spelled out one UTF-16 code unit at a time, to hold the fast version to. */
function escapeOneByOne(json: string): string {
  let out = '';
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === 0x2f) out += '\\/';
    else if (code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += json[index];
  }
  return out;
}

describe('phpJsonEncode', () => {
  it('escapes slashes and non-ASCII like PHP', () => {
    expect(phpJsonEncode({ url: 'http://a/b', name: 'İsmail Şengüloğlu' })).toBe(
      '{"url":"http:\\/\\/a\\/b","name":"\\u0130smail \\u015eeng\\u00fclo\\u011flu"}',
    );
    expect(phpJsonEncode('😀')).toBe('"\\ud83d\\ude00"');
    expect(JSON.parse(phpJsonEncode({ a: 'x/ğ', b: [1, null, true] }))).toEqual({ a: 'x/ğ', b: [1, null, true] });
  });

  it('escapes every code unit as PHP does, and reads back as the same value', () => {
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), text, (value, extra) => {
        const encoded = phpJsonEncode({ value, extra });
        expect(encoded).toBe(escapeOneByOne(JSON.stringify({ value, extra })));
        expect(/^[\x20-\x7e]*$/.test(encoded)).toBe(true);
        expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify({ value, extra })));
      }),
    );
  });
});
