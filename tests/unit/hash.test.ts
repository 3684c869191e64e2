import { describe, expect, it } from 'vitest';
import { keepAllowed, inCanonicalOrder, ORDER_RULES } from '../../src/ingest/core/allow-list.ts';
import { archiveOf, canonicalJson } from '../../src/ingest/load/hash.ts';

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

describe('archiveOf an allow-listed copy', () => {
  // The copy is written by JSON.stringify when it is known to be in canonical order: the text
  // (and so the hash in raw_records and record_hash) must be canonicalJson's, whatever the input.
  const scrambled = {
    updated_at: '2019-03-01T18:00:00', total: '10.00', lines: [{ unit: '台', amount: '10.00', sku: 'S-1', 联系人: '张三', title: '打印纸' }],
    contact: { phone: '13800000000' }, supplier: { name: '供应商', id: 'S1' }, order_no: 'B1', buyer: { name: '单位', id: 'A1' },
    status: 'completed', evaluation: { comment: '找张三 13812345678', rating: 5 },
  };
  it('writes the same text as canonicalJson, dropped fields in input order', () => {
    const kept = keepAllowed(scrambled, ORDER_RULES);
    expect(inCanonicalOrder(kept.value)).toBe(true);
    expect(archiveOf(kept.value).body).toBe(canonicalJson(kept.value));
    expect(Object.keys(kept.value)).toEqual(Object.keys(kept.value).sort());
    expect(kept.dropped).toEqual(['lines[].联系人', 'contact']);
  });
  it('falls back to canonicalJson when a value was kept as it is (an object where text belongs)', () => {
    for (const odd of [{ order_no: { z: 1, a: 2 } }, { lines: { b: 1, a: 2 } }, { buyer: [{ y: 1, x: 2 }] }, { lines: [[{ b: 1, a: 2 }]] }]) {
      const kept = keepAllowed({ ...scrambled, ...odd }, ORDER_RULES);
      expect(inCanonicalOrder(kept.value)).toBe(false);
      expect(archiveOf(kept.value).body).toBe(canonicalJson(kept.value));
    }
  });
});
