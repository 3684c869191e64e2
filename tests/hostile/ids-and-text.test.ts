import { describe, expect, it } from 'vitest';
import { cleanText, idProblem } from '../../src/domain/clean-text.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';
import { ingestDir, rows } from './harness.ts';

// Hostile ids and text, generated: every case is one code point a hostile feed could send.
const BAD_ID_CHARS: Array<[string, string]> = [
  ['NUL', '\u0000'], ['DEL', '\u007f'], ['C1 control', '\u0085'], ['zero-width space', '\u200b'], ['ZWJ', '\u200d'],
  ['RLO (bidi)', '\u202e'], ['LRI (bidi)', '\u2066'], ['BOM', '\ufeff'], ['U+FFFE', '\ufffe'], ['U+FFFF', '\uffff'],
  ['U+FDD0', '\ufdd0'], ['U+1FFFE', '\u{1fffe}'], ['lone high surrogate', '\ud800'], ['lone low surrogate', '\udc00'],
];

describe('ids (DESIGN §3 Identifiers)', () => {
  it.each(BAD_ID_CHARS)('rejects an id holding a %s', (_name, ch) => {
    expect(idProblem(`O-${ch}1`)).toMatch(/holds (a|an) (control|format|noncharacter|unpaired surrogate)/);
  });
  it('keeps odd but visible ids as they are, and refuses ids over 200 characters', () => {
    for (const id of ['#', '订单/2018#1', 'a b', '..', 'x'.repeat(200), '😀']) expect(idProblem(id)).toBeNull();
    expect(idProblem('x'.repeat(201))).toMatch(/longer than 200/);
  });
});

describe('free text (DESIGN §3 Identifiers and text)', () => {
  it('removes invisible, control and noncharacter code points and repairs lone surrogates', () => {
    expect(cleanText('惠普\u200d打印机\u202e\u0000\ufffe\u{10ffff}')).toEqual({ text: '惠普打印机', changed: true });
    expect(cleanText('a\ud800b\udc00c')).toEqual({ text: 'a\ufffdb\ufffdc', changed: true });
    expect(cleanText('第一行\n\t第二行 😀')).toEqual({ text: '第一行\n\t第二行 😀', changed: false });
    // What is stored is valid UTF-16, so it round-trips through UTF-8 unchanged.
    const stored = cleanText('x\udbff').text;
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(stored))).toBe(stored);
  });
});

describe('a feed with hostile ids and text, end to end', () => {
  it('rejects bad ids with record and field, cleans text, counts cleaned records, loads the good ones', async () => {
    const orders = [
      ...Array.from({ length: 100 }, (_, i) => makeOrder(`#${i}`)), // odd but valid ids: all kept
      ...BAD_ID_CHARS.map(([, ch], i) => makeOrder(`BAD-${i}${ch}x`)),
      makeOrder('O-SUP', { supplier: { id: 'S\u200d01', name: '示例办公用品有限公司' } }),
      makeOrder('O-LONG', { buyer: { id: 'A'.repeat(201), name: 'x' } }),
      makeOrder('O-TEXT', { buyer: { id: 'A001', name: '示例县\u200b教育局\u202e\u0000' }, lines: [
        { sku: 'SKU-1', title: '打印机\ufffe\ud800', unit: '台', quantity: 2, unit_price: '1730.00', amount: '3460.00' },
      ] }),
      makeOrder('O-HUGE', { lines: [{ title: 'x'.repeat(10_001), unit: '台', quantity: 1, unit_price: '1.00', amount: '1.00' }], total: '1.00' }),
    ];
    const dir = writeFeedDir({ 'listings-0001.json': [makeListing('SKU\u00001'), makeListing('SKU-1')], 'orders-0001.json': orders });
    const { report, dbPath, rejects } = await ingestDir(dir);

    expect(report.status).toBe('ok');
    const counts = report.sources[0]!.counts;
    expect(counts.kinds.order).toMatchObject({ inserted: 101, rejected: BAD_ID_CHARS.length + 3 });
    expect(counts.cleaned_records).toBe(1);
    for (let i = 0; i < BAD_ID_CHARS.length; i++) {
      // The key of a record whose own id is bad is its position, never the bad id.
      expect(rejects).toContainEqual(expect.objectContaining({ record_key: `orders-0001.json#${101 + i}`, field: 'order_no' }));
    }
    expect(rejects).toContainEqual(expect.objectContaining({ record_key: 'O-SUP', field: 'supplier.id', reason: expect.stringMatching(/format character \(U\+200D\)/) }));
    expect(rejects).toContainEqual(expect.objectContaining({ record_key: 'O-LONG', field: 'buyer.id', reason: expect.stringMatching(/longer than 200/) }));
    expect(rejects).toContainEqual(expect.objectContaining({ record_key: 'O-HUGE', field: 'lines[0].title', reason: expect.stringMatching(/longer than 10000/) }));
    expect(rejects).toContainEqual(expect.objectContaining({ record_key: 'listings-0001.json#1', field: 'sku' }));

    const stored = rows<{ name: string }>(dbPath, `SELECT name FROM agencies WHERE id = 'A001'`)[0]!.name;
    expect(stored).toBe('示例县教育局');
    const title = rows<{ title: string }>(dbPath, `SELECT title FROM order_lines WHERE order_no = 'O-TEXT'`)[0]!.title;
    expect(title).toBe('打印机\ufffd');
    expect(rows(dbPath, `SELECT 1 FROM orders WHERE order_no = '#99'`)).toHaveLength(1);
  });
});
