import { describe, expect, it } from 'vitest';
import type { Dataset, FlagDownloadRow, LineDownloadRow, OrderDownloadRow } from '../../src/db/queries/datasets.ts';
import { DATASET_FILES, FLAG_COLUMNS, LINE_COLUMNS, ORDER_COLUMNS } from '../../src/downloads/datasets.ts';
import { toCsv } from '../../src/downloads/csv.ts';
import { makeDownloads, type MadeDownloads } from '../../src/downloads/pieces.ts';

/*
 * Issue 15: the downloads of a night reuse the previous build's bytes for the purchases whose rows
 * did not change (src/downloads/pieces.ts). Whatever was reused, the files must be the bytes a
 * full build writes, and those must be the whole-file formats (one CSV of every row, one JSON).
 */

function order(no: string, over: Partial<OrderDownloadRow> = {}): OrderDownloadRow {
  return {
    order_no: no, agency_id: 'A1', agency_name: '松坪县财政局', supplier_id: 'S1', supplier_name: '示例商行, "有限"公司',
    placed_at: '2019-03-01T10:00:00+08:00', completed_at: '2019-03-02T10:00:00+08:00', currency: 'CNY', total_fen: 150050,
    rating: 2, comment: '=HYPERLINK("x")\n换行', source: 'feed:test', status: 'completed', withdrawn_at: null,
    line_count: 1, lines_with_ref: 1, ref_cost_fen: 140000, net_gap_fen: 10050, overpaid_fen: 10050, saved_fen: 0, gap_bp: 718, flag_rules: '',
    ...over,
  } as OrderDownloadRow;
}

function line(no: string, n: number, over: Partial<LineDownloadRow> = {}): LineDownloadRow {
  return {
    order_no: no, line_no: n, placed_at: '2019-03-01T10:00:00+08:00', agency_id: 'A1', supplier_id: 'S1', currency: 'CNY',
    sku: `SKU-${n}`, title: `得力 打印机 ${n}`, brand: '得力', model: `M${n}`, spec: ' 前导空格', unit: '台', quantity: n,
    unit_price_fen: 50050, amount_fen: 50050 * n, category_code: 'A020201',
    ref_price_fen: 45000, ref_median_fen: 46000, ref_retailer: 'jd', ref_observed_on: '2019-02-28', ref_url: 'https://item.jd.com/1.html',
    gap_fen: 5050, gap_bp: 1122, method: 'model', no_ref_reason: null,
    ...over,
  } as LineDownloadRow;
}

function flag(id: number, no: string, rule = 'low-rating'): FlagDownloadRow {
  return {
    id, rule, rule_version: '1', subject_type: 'order', subject_id: no, order_no: no, agency_id: 'A1', supplier_id: 'S1',
    placed_at: '2019-03-01T10:00:00+08:00', evidence_json: JSON.stringify({ rating: 2 }), key: `${rule}:${no}`,
    review_status: null, review_note: null, reviewed_on: null,
  };
}

function dataset(orders: OrderDownloadRow[], lines: LineDownloadRow[], flags: FlagDownloadRow[]): Dataset {
  const group = <T extends { order_no: string | null }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) if (r.order_no !== null) m.set(r.order_no, [...(m.get(r.order_no) ?? []), r]);
    return m;
  };
  const byOrder = group(flags);
  const sorted = [...orders].sort((a, b) => (a.order_no < b.order_no ? -1 : 1))
    .map((o) => ({ ...o, flag_rules: [...new Set((byOrder.get(o.order_no) ?? []).map((f) => f.rule))].sort().join(' ') }));
  const sortedLines = [...lines].sort((a, b) => (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : a.line_no - b.line_no));
  return { orders: sorted, lines: sortedLines, flags, linesByOrder: group(sortedLines), flagsByOrder: byOrder };
}

const NOS = Array.from({ length: 40 }, (_, i) => `ES2019030100${String(i * 2 + 10).padStart(4, '0')}`);
const first = dataset(
  NOS.map((no) => order(no)),
  NOS.flatMap((no, i) => Array.from({ length: 1 + (i % 3) }, (_, j) => line(no, j + 1))),
  [flag(1, NOS[3]!), flag(2, NOS[20]!, 'price-above-retail')],
);

const text = (made: MadeDownloads, name: string) => Buffer.from(made.files.find((f) => f.name === name)!.bytes).toString('utf8');
const previous = (made: MadeDownloads) => ({ index: made.index, files: Object.fromEntries(made.files.map((f) => [f.name, f.bytes])) });

describe('downloads in pieces', () => {
  it('a full make writes the whole-file formats: every row of each CSV, and JSON.stringify of orders.json', () => {
    const made = makeDownloads(first, DATASET_FILES, 'code-1', null);
    expect(made.reused).toBe(0);
    expect(text(made, 'orders.csv')).toBe(toCsv(ORDER_COLUMNS, first.orders));
    expect(text(made, 'order-lines.csv')).toBe(toCsv(LINE_COLUMNS, first.lines));
    expect(text(made, 'flags.csv')).toBe(toCsv(FLAG_COLUMNS, first.flags));
    const json = text(made, 'orders.json');
    const doc = JSON.parse(json) as { schema: string; orders: { order_no: string; lines: unknown[]; flags: unknown[] }[] };
    expect(`${JSON.stringify(doc)}\n`).toBe(json);
    expect(doc.schema).toBe('sunshine-procurement/orders@1');
    expect(doc.orders.map((o) => o.order_no)).toEqual(first.orders.map((o) => o.order_no));
    expect(doc.orders.reduce((n, o) => n + o.lines.length, 0)).toBe(first.lines.length);
    expect(doc.orders.find((o) => o.order_no === NOS[3])!.flags).toHaveLength(1);
  });

  it('a night with new, changed, refunded and removed purchases and a new flag reuses the rest and writes what a full make writes', () => {
    const made1 = makeDownloads(first, DATASET_FILES, 'code-1', null);
    const added = ['ES201903010000', 'ES201903010031', 'ES201903019999']; // before, between and after the others
    const orders = first.orders.filter((o) => o.order_no !== NOS[7]).map((o) =>
      o.order_no === NOS[5] ? { ...o, status: 'refunded' as const, withdrawn_at: '2019-03-05T10:00:00+08:00' }
      : o.order_no === NOS[30] ? { ...o, agency_name: '松坪县财政局（更名）' } : o);
    const lines = first.lines.filter((l) => l.order_no !== NOS[7]).map((l) => (l.order_no === NOS[12] && l.line_no === 1 ? { ...l, gap_fen: -10, ref_url: 'https://item.jd.com/2.html' } : l));
    const second = dataset(
      [...orders, ...added.map((no) => order(no, { total_fen: 999 }))],
      [...lines, ...added.map((no) => line(no, 1))],
      [flag(1, NOS[3]!), flag(2, NOS[16]!), flag(3, NOS[20]!, 'price-above-retail')],
    );
    const incremental = makeDownloads(second, DATASET_FILES, 'code-1', previous(made1));
    const full = makeDownloads(second, DATASET_FILES, 'code-1', null);
    for (const f of full.files) expect(text(incremental, f.name), f.name).toBe(text(full, f.name));
    expect(incremental.index).toEqual(full.index);
    // Changed: the refund, the renamed agency's order, the order with a changed line, the new
    // flag's order and the one whose flag id moved (2 → 3); new: three. The rest is reused.
    expect(incremental.reused).toBe(second.orders.length - 5 - added.length);
  });

  it('reuses nothing under other code, or from a previous file that is not what its index says', () => {
    const made1 = makeDownloads(first, DATASET_FILES, 'code-1', null);
    const full = makeDownloads(first, DATASET_FILES, 'code-2', null);
    const otherCode = makeDownloads(first, DATASET_FILES, 'code-2', previous(made1));
    expect(otherCode.reused).toBe(0);
    const cut = previous(made1);
    cut.files['orders.csv'] = cut.files['orders.csv']!.subarray(0, cut.files['orders.csv']!.byteLength - 2);
    const damaged = makeDownloads(first, DATASET_FILES, 'code-1', cut);
    expect(damaged.reused).toBe(0);
    for (const made of [otherCode, damaged]) for (const f of full.files) expect(text(made, f.name), f.name).toBe(text(full, f.name));
    // Intact, every purchase is reused.
    expect(makeDownloads(first, DATASET_FILES, 'code-1', previous(made1)).reused).toBe(first.orders.length);
  });
});
