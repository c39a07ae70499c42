import { describe, expect, it } from 'vitest';
import { phpJsonEncode } from './php-json-encode.js';

describe('phpJsonEncode', () => {
  it('escapes slashes and non-ASCII like PHP', () => {
    expect(phpJsonEncode({ url: 'http://a/b', name: 'İsmail Şengüloğlu' })).toBe(
      '{"url":"http:\\/\\/a\\/b","name":"\\u0130smail \\u015eeng\\u00fclo\\u011flu"}',
    );
    expect(phpJsonEncode('😀')).toBe('"\\ud83d\\ude00"');
    expect(JSON.parse(phpJsonEncode({ a: 'x/ğ', b: [1, null, true] }))).toEqual({ a: 'x/ğ', b: [1, null, true] });
  });
});
