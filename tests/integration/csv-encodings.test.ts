import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { csvDirSource } from '../../src/ingest/csv/csv-dir.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';
import { encodeGbk, utf8WithBom } from '../fixtures/gbk.ts';

/** One export with Chinese headers, written once as GBK and once as UTF-8 with a BOM. */
const FILES: Record<string, string> = {
  'orders.csv': [
    '订单编号,采购单位编号,采购单位,供应商编号,供应商,统一社会信用代码,下单时间,完成时间,订单状态,订单金额,联系人,联系电话,评价,评语,更新时间',
    'E-1,A-01,恩施州财政局,S-01,恩施办公用品有限公司,91422800MA48XXXX1X,2018/7/2 9:00,2018/7/3 10:00,已完成,"￥1,880.00",张三,13800138000,5,送货及时，联系张三 13800138000,2018/7/3 10:00',
    'E-2,A-02,恩施州教育局,S-01,恩施办公用品有限公司,91422800MA48XXXX1X,2018/7/4 9:00,2018/7/5 9:00,已完成,51.00,,,2,纸张受潮,2018/7/5 9:00',
    'E-3,A-02,恩施州教育局,S-01,恩施办公用品有限公司,91422800MA48XXXX1X,2018/7/4 9:00,2018/7/5 9:00,已完成,99.00,,,,,2018/7/5 9:00',
  ].join('\r\n'),
  'order-lines.csv': [
    '订单编号,行号,商品编号,商品名称,品牌,型号,规格,单位,数量,单价,金额',
    'E-1,1,SKU-H,惠普（HP）M202dw 黑白激光打印机,惠普（HP）,M202dw,A4 黑白,台,1,1730.00,1730.00',
    'E-1,2,SKU-P,得力 7401 复印纸 A4 70g 5包/箱,得力（deli）,7401,A4 70g,箱,1,150.00,150.00',
    'E-2,1,SKU-S,得力 订书机,得力（deli）,0414,,个,2,25.50,51.00',
    'E-3,1,SKU-S,得力 订书机,得力（deli）,0414,,个,2,25.50,98.00',
  ].join('\r\n'),
  'listings.csv': [
    '商品编号,供应商编号,供应商,品目编码,品牌,型号,商品名称,规格,单位,价格,状态,更新时间',
    'SKU-H,S-01,恩施办公用品有限公司,A02010601,惠普（HP）,M202dw,惠普（HP）M202dw 黑白激光打印机,A4 黑白,台,1730.00,on_sale,2018/7/1',
  ].join('\r\n'),
  'retail.csv': [
    '零售商,品牌,型号,商品名称,单位,价格,价格类型,日期,链接,是否自营',
    'suning,惠普（HP）,M202dw,惠普（HP）M202dw 黑白激光打印机,台,1859.00,售价,2018/7/2,https://product.suning.com/0000000000/10593476436.html,是',
    'suning,惠普（HP）,M202dw,惠普（HP）M202dw 黑白激光打印机,台,1999.00,划线价,2018/7/2,https://product.suning.com/0000000000/10593476436.html,是',
  ].join('\r\n'),
};

const MAPPING = {
  'orders*.csv': {
    columns: {
      订单编号: 'order_no', 采购单位编号: 'buyer.id', 采购单位: 'buyer.name', 供应商编号: 'supplier.id', 供应商: 'supplier.name',
      统一社会信用代码: 'supplier.credit_code', 下单时间: 'placed_at', 完成时间: 'completed_at', 订单金额: 'total',
      联系人: 'contact.name', 联系电话: 'contact.phone', 评价: 'evaluation.rating', 评语: 'evaluation.comment', 更新时间: 'updated_at',
    },
    fields: { status: { from: '订单状态', map: { 已完成: 'completed', 已取消: 'cancelled' } } },
  },
  'order-lines*.csv': {
    columns: { 订单编号: 'order_no', 行号: 'line_no', 商品编号: 'sku', 商品名称: 'title', 品牌: 'brand', 型号: 'model', 规格: 'spec', 单位: 'unit', 数量: 'quantity', 单价: 'unit_price', 金额: 'amount' },
  },
  'listings*.csv': {
    columns: { 商品编号: 'sku', 供应商编号: 'supplier.id', 供应商: 'supplier.name', 品目编码: 'category_code', 品牌: 'brand', 型号: 'model', 商品名称: 'title', 规格: 'spec', 单位: 'unit', 价格: 'price', 状态: 'status', 更新时间: 'updated_at' },
  },
  'retail*.csv': {
    columns: { 零售商: 'retailer', 品牌: 'brand', 型号: 'model', 商品名称: 'title', 单位: 'unit', 价格: 'price', 价格类型: 'price_kind', 日期: 'observed_at', 链接: 'url', 是否自营: 'self_operated' },
    fields: { price_kind: { from: '价格类型', map: { 售价: 'sale', 划线价: 'list' } } },
  },
};

function writeExport(encode: (s: string) => Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-enc-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), encode(text));
  fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify(MAPPING, null, 2));
  return dir;
}
const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-enc-db-')), 'test.db');
// The same source id for both folders: the source id is stored in several tables, and the
// comparison is about the bytes of the files, not about where they were.
const ingest = (dbPath: string, dir: string, log?: (l: string) => void) =>
  runIngest({ dbPath, sources: [csvDirSource(dir, { id: 'csv:export', log })], maxRejectShare: 0.5, categoriesFile: '/nonexistent' });

describe('CSV exports in GBK and in UTF-8 with BOM', () => {
  it('give identical database rows, report their encodings, and a second ingest changes nothing', async () => {
    const gbkLog: string[] = [];
    const bomLog: string[] = [];
    const gbkDb = tmpDb();
    const bomDb = tmpDb();
    const gbkDir = writeExport(encodeGbk);
    const bomDir = writeExport(utf8WithBom);
    expect((await ingest(gbkDb, gbkDir, (l) => gbkLog.push(l))).status).toBe('ok');
    expect((await ingest(bomDb, bomDir, (l) => bomLog.push(l))).status).toBe('ok');
    expect(gbkLog.every((l) => l.includes('GB18030 (detected: not valid UTF-8)'))).toBe(true);
    expect(bomLog.every((l) => l.includes('UTF-8 (BOM)'))).toBe(true);
    expect(gbkLog).toHaveLength(4);

    const gbk = dumpTables(gbkDb, [...DATA_TABLES, 'rejects']);
    const bom = dumpTables(bomDb, [...DATA_TABLES, 'rejects']);
    expect(gbk).toEqual(bom);

    expect(gbk.orders).toHaveLength(2);
    expect(gbk.order_lines).toHaveLength(3);
    expect(gbk.orders![0]).toMatchObject({ order_no: 'E-1', agency_id: 'A-01', total_fen: 188000, placed_at: '2018-07-02T09:00:00+08:00', rating: 5 });
    expect(JSON.stringify(gbk)).not.toMatch(/张三|13800138000/);
    expect(gbk.agencies).toEqual([{ id: 'A-01', name: '恩施州财政局' }, { id: 'A-02', name: '恩施州教育局' }]);
    expect((gbk.retail_observations as Array<{ price_kind: string; price_fen: number }>).map((r) => [r.price_kind, r.price_fen])).toEqual([
      ['sale', 185900],
      ['list', 199900],
    ]);
    expect(gbk.rejects).toEqual([
      expect.objectContaining({ record_key: 'E-3', field: 'lines[0].amount', reason: 'lines[0].amount is 98.00 but unit_price × quantity is 51.00 (order-lines.csv#5, column 金额)' }),
      expect.objectContaining({ record_key: 'E-3', field: 'total', reason: 'total is 99.00 but the lines add up to 98.00 (orders.csv#4, column 订单金额)' }),
    ]);

    expect((await ingest(gbkDb, gbkDir)).status).toBe('ok');
    expect(dumpTables(gbkDb, DATA_TABLES)).toEqual(dumpTables(bomDb, DATA_TABLES));
  });
});
