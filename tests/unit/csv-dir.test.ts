import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { csvDirSource } from '../../src/ingest/csv/csv-dir.ts';
import { encodeGbk, utf8WithBom } from '../fixtures/gbk.ts';

function dirWith(files: Record<string, string | Buffer | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csvdir-'));
  for (const [n, c] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, n), typeof c === 'string' || Buffer.isBuffer(c) ? c : JSON.stringify(c));
  }
  return dir;
}
async function collect(src: { items(): AsyncIterable<SourceItem> }): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}
const ok = (items: SourceItem[]) => items.filter((i) => i.ok === true) as Extract<SourceItem, { ok: true }>[];
const bad = (items: SourceItem[]) => Object.fromEntries(items.filter((i) => i.ok === false).map((i) => [i.key, (i as Extract<SourceItem, { ok: false }>).issues]));

const ORDERS = [
  'order_no,buyer.id,buyer.name,supplier.id,supplier.name,placed_at,completed_at,status,total,updated_at,contact.name,contact.phone,evaluation.rating,evaluation.comment',
  'O-1,A-1,恩施州财政局,S-1,恩施办公用品公司,2018-07-02 09:00,2018-07-03 10:00,completed,1880.00,2018-07-03 10:00,张三,13800138000,5,张三说很好 13800138000',
  'O-2,A-2,恩施州教育局,S-1,恩施办公用品公司,2018/7/4 9:00,2018/7/5 9:00,completed,100.00,2018/7/5 9:00,,,,',
  'O-3,A-2,恩施州教育局,S-1,恩施办公用品公司,2018-07-04,2018-07-05,pending,10.00,2018-07-05,,,,',
  'O-4,A-2,恩施州教育局,S-1,恩施办公用品公司,2018-07-04,2018-07-05,completed,10.00,2018-07-05,,,,',
].join('\n');
const LINES = [
  'order_no,line_no,sku,title,brand,model,unit,quantity,unit_price,amount',
  'O-1,2,SKU-P,复印纸 A4 70g,得力,7401,箱,1,150.00,150.00',
  'O-1,1,SKU-H,惠普 M202dw 激光打印机,惠普,M202dw,台,1,1730.00,1730.00',
  'O-2,,SKU-P,复印纸,得力,7401,箱,1,abc,100.00',
  'O-4,,SKU-P,复印纸,得力,7401,箱,0,10.00,0.00',
  'O-9,,SKU-P,复印纸,得力,7401,箱,1,10.00,10.00',
].join('\n');

describe('csvDirSource: orders and order lines in our column names', () => {
  it('groups lines under their order, validates like the feed, drops personal data, and keeps provenance', async () => {
    const logs: string[] = [];
    const dir = dirWith({ 'orders.csv': ORDERS, 'order-lines.csv': LINES });
    const items = await collect(csvDirSource(dir, { log: (l) => logs.push(l) }));
    expect(logs).toEqual(['order-lines.csv: order-lines, UTF-8 (ASCII only), 5 data rows', 'orders.csv: orders, UTF-8, 4 data rows'].map((l) =>
      l.replace('UTF-8 (ASCII only)', 'UTF-8'),
    ));
    const [o1] = ok(items);
    expect(o1!.key).toBe('O-1');
    const rec = o1!.record as import('../../src/ingest/core/records.ts').OrderRecord;
    expect(rec.lines.map((l) => [l.line_no, l.sku, l.unit_price_fen])).toEqual([[1, 'SKU-H', 173000], [2, 'SKU-P', 15000]]);
    expect(rec).toMatchObject({ total_fen: 188000, placed_at: '2018-07-02T09:00:00+08:00', buyer: { id: 'A-1', name: '恩施州财政局' }, evaluation: { rating: 5 } });
    expect(rec.evaluation!.comment).not.toMatch(/张三|13800138000/);
    expect(JSON.stringify(o1!.raw)).not.toMatch(/张三|13800138000/);
    expect(o1!.raw).toMatchObject({ source_rows: ['orders.csv#2', 'order-lines.csv#2', 'order-lines.csv#3'], derived: [] });
    expect(items.find((i) => i.key === 'O-3')).toMatchObject({ ok: 'skipped' });
    expect(bad(items)).toEqual({
      'O-2': [{ field: 'lines[0].unit_price', reason: 'is not a decimal amount in yuan: "abc" (order-lines.csv#4, column unit_price)' }],
      'O-4': [
        { field: 'lines[0].quantity', reason: 'must be greater than zero, got 0 (order-lines.csv#5, column quantity)' },
        // A ¥0 line is rejected in its own right (DESIGN §3 Values).
        { field: 'lines[0].amount', reason: 'must be greater than zero (order-lines.csv#5, column amount)' },
      ],
      'O-9': [{ field: 'order_no', reason: '"O-9" (order-lines.csv#6) has lines but no row in orders*.csv' }],
    });
  });
});

describe('csvDirSource: a Chinese flat export through mapping.json', () => {
  const flat = [
    '订单编号,采购单位,供应商,下单时间,完成时间,商品名称,单位,数量,单价,订单状态',
    'E-1,恩施州财政局,恩施办公用品公司,2018年7月2日,2018年7月3日,复印纸 A4,箱,2,"￥150.00",已完成',
    'E-1,恩施州财政局,恩施办公用品公司,2018年7月2日,2018年7月3日,订书机,个,3,25.50,已完成',
    'E-2,恩施州教育局,恩施办公用品公司,2018年7月2日,2018年7月3日,订书机,个,1,25.50,已取消',
    'E-3,恩施州教育局,恩施办公用品公司,2018年7月2日,2018年7月3日,订书机,个,1,25.50,已完成',
    'E-3,恩施州卫健委,恩施办公用品公司,2018年7月2日,2018年7月3日,订书机,个,1,25.50,已完成',
  ].join('\r\n');
  const mapping = {
    'orders*.csv': {
      columns: { 订单编号: 'order_no', 采购单位: 'buyer.name', 供应商: 'supplier.name', 下单时间: 'placed_at', 完成时间: 'completed_at', 商品名称: 'title', 单位: 'unit', 数量: 'quantity', 单价: 'unit_price' },
      fields: {
        'buyer.id': '采购单位',
        'supplier.id': '供应商',
        updated_at: '完成时间',
        status: { from: '订单状态', map: { 已完成: 'completed', 已取消: 'cancelled' } },
      },
    },
  };

  it('reads GBK and UTF-8 BOM exports alike; derives absent amounts and totals; rejects disagreeing rows', async () => {
    for (const bytes of [encodeGbk(flat), utf8WithBom(flat)]) {
      const logs: string[] = [];
      const items = await collect(csvDirSource(dirWith({ 'orders-2018.csv': bytes, 'mapping.json': mapping }), { log: (l) => logs.push(l) }));
      expect(logs[0]).toMatch(/^orders-2018\.csv: orders, (GB18030 \(detected: not valid UTF-8\)|UTF-8 \(BOM\)), 5 data rows, mapping .*mapping\.json$/);
      const [e1] = ok(items);
      expect(e1!.record).toMatchObject({
        order_no: 'E-1', buyer: { id: '恩施州财政局', name: '恩施州财政局' }, total_fen: 37650, currency: 'CNY',
        placed_at: '2018-07-02T00:00:00+08:00',
        lines: [
          { line_no: 1, title: '复印纸 A4', unit: '箱', quantity: 2, unit_price_fen: 15000, amount_fen: 30000 },
          { line_no: 2, title: '订书机', unit: '个', quantity: 3, unit_price_fen: 2550, amount_fen: 7650 },
        ],
      });
      expect(e1!.raw).toMatchObject({ source_rows: ['orders-2018.csv#2', 'orders-2018.csv#3'], derived: ['lines[0].amount', 'lines[1].amount', 'total'] });
      expect(items.find((i) => i.key === 'E-2')).toMatchObject({ kind: 'withdrawal', ok: true, record: { status: 'cancelled' } });
      expect(bad(items)).toEqual({
        'E-3': [
          { field: 'buyer.id', reason: 'differs between orders-2018.csv#5 ("恩施州教育局") and orders-2018.csv#6 ("恩施州卫健委"); one order has one value' },
          { field: 'buyer.name', reason: 'differs between orders-2018.csv#5 ("恩施州教育局") and orders-2018.csv#6 ("恩施州卫健委"); one order has one value' },
        ],
      });
    }
  });

  it('says which column is missing and where to add it', async () => {
    const noStatus = { 'orders*.csv': { ...mapping['orders*.csv'], fields: { ...mapping['orders*.csv'].fields, status: undefined } } };
    const dir = dirWith({ 'orders.csv': utf8WithBom(flat), 'mapping.json': JSON.parse(JSON.stringify(noStatus)) });
    await expect(collect(csvDirSource(dir))).rejects.toThrow(/orders\.csv: column status missing; add it to .*mapping\.json/);
    const dir2 = dirWith({ 'orders.csv': utf8WithBom(flat) });
    await expect(collect(csvDirSource(dir2))).rejects.toThrow(/orders\.csv: columns order_no, buyer\.id, .* missing; add them to mapping\.json in /);
  });

  it('refuses a folder whose lines would come from two places, and order lines without orders', async () => {
    await expect(collect(csvDirSource(dirWith({ 'orders.csv': ORDERS.replace('total,', 'title,').replace(/1880\.00|100\.00|10\.00/g, 'x'), 'order-lines.csv': LINES })))).rejects.toThrow(
      /orders\.csv: has line columns \(title\) and order-lines\.csv has lines too/,
    );
    await expect(collect(csvDirSource(dirWith({ 'order_lines.csv': LINES })))).rejects.toThrow(/order_lines\.csv: order lines without any orders\*\.csv/);
  });
});

describe('csvDirSource: listings and retail, and files it does not know', () => {
  it('reads listings*.csv and retail*.csv, and reports ignored files', async () => {
    const logs: string[] = [];
    const dir = dirWith({
      'listings.csv': 'sku,supplier.id,supplier.name,category_code,brand,model,title,unit,price,status,updated_at\nSKU-H,S-1,恩施办公用品公司,A02010601,惠普,M202dw,惠普 M202dw,台,"1,730.00",on_sale,2018-07-01\nSKU-X,S-1,恩施办公用品公司,A02010601,惠普,M202dw,惠普 M202dw,台,1730.00,gone,2018-07-01\n',
      'retail-suning.csv': 'retailer,brand,model,title,unit,price,observed_at,url,self_operated\nsuning,惠普,M202dw,惠普 M202dw,台,1859.00,2018/7/2,https://product.suning.com/1.html,是\n',
      'notes.csv': 'a,b\n1,2\n',
    });
    const items = await collect(csvDirSource(dir, { log: (l) => logs.push(l), id: 'csv:test' }));
    expect(logs).toContain('notes.csv: ignored (the name does not start with orders, order-lines, listings or retail; set "kind" for it in mapping.json in ' + dir + ' to read it)');
    expect(items.map((i) => [i.kind, i.key, i.ok])).toEqual([
      ['listing', 'SKU-H', true],
      ['listing', 'SKU-X', false],
      ['retail', 'suning|https://product.suning.com/1.html|2018-07-02|sale', true],
    ]);
    expect(ok(items)[0]!.raw).toEqual({ source_rows: ['listings.csv#2'], listing: expect.objectContaining({ sku: 'SKU-H', supplier: { id: 'S-1', name: '恩施办公用品公司' } }) });
    expect(bad(items)['SKU-X']![0]).toEqual({ field: 'status', reason: 'is "gone", expected one of "on_sale", "off_sale"' });
  });
});
