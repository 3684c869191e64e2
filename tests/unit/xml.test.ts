import { describe, expect, it } from 'vitest';
import { xmlEscape } from '../../src/site/render/xml.ts';

/** XML 1.0's Char production, checked code point by code point. */
function allXmlChars(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}

describe('xmlEscape always yields well-formed XML text', () => {
  it('drops every character XML 1.0 forbids, whatever text comes in', () => {
    const hostile = ['名称\uFFFE', 'a\uFFFFb', 'x\u0000y\u0007z', 'lone \uD800 high', 'lone \uDC00 low', '\uD83D', 'ok 😀 pair', 'tab\tnl\ncr\r'];
    for (const s of hostile) expect(allXmlChars(xmlEscape(s)), JSON.stringify(s)).toBe(true);
    for (let c = 0; c < 0x10000; c += 7) expect(allXmlChars(xmlEscape(`a${String.fromCharCode(c)}b`)), c.toString(16)).toBe(true);
  });
  it('keeps what is allowed: pairs, CJK, tab and newlines; escapes markup', () => {
    expect(xmlEscape('ok 😀 惠普\t\n')).toBe('ok 😀 惠普\t\n');
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
