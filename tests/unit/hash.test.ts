import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ingest/load/hash.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and matches JSON.stringify otherwise', () => {
    const a = { b: 1, a: [{ z: 'x', y: null }, 2, 'three'], c: { e: true, d: '"quoted"\n' } };
    const b = { c: { d: '"quoted"\n', e: true }, a: [{ y: null, z: 'x' }, 2, 'three'], b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":[{"y":null,"z":"x"},2,"three"],"b":1,"c":{"d":"\\"quoted\\"\\n","e":true}}');
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
  });
  it('drops undefined members as JSON does, and keeps array positions', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson('文字')).toBe('"文字"');
  });
  it('writes every string exactly as JSON.stringify does', () => {
    const tricky = ['', 'plain', '示例单位', 'a"b', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f\u007f', '\u2028\u2029',
      '😀 emoji', 'lone \ud800 high', 'lone \udfff low', '</script>'];
    for (const t of tricky) expect(canonicalJson(t)).toBe(JSON.stringify(t));
    expect(canonicalJson({ k: tricky })).toBe(JSON.stringify({ k: tricky }));
  });
});
