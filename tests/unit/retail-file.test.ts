import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';
import { encodeGbk, utf8WithBom } from '../fixtures/gbk.ts';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'retail-'));
async function collect(src: { items(): AsyncIterable<SourceItem> }): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}
const accepted = (items: SourceItem[]) => items.filter((i): i is Extract<SourceItem, { ok: true; kind: 'retail' }> => i.ok === true && i.kind === 'retail');
// Which input fields were left behind (dropped) is asserted elsewhere; here only the rejections.
const rejected = (items: SourceItem[]) =>
  items.filter((i): i is Extract<SourceItem, { ok: false }> => i.ok === false).map(({ dropped: _dropped, ...r }) => r);

const HEADER = 'retailer,brand,model,title,spec,unit,price,observed_at,url,self_operated,gtin,currency,price_kind';
const GOOD = 'suning,惠普（HP）,M202dw,惠普 M202dw 激光打印机,A4,台,1859.00,2018-07-02T10:00:00,https://product.suning.com/1.html,是,,,';

describe('retailFileSource: CSV in our field names', () => {
  it('yields validated records keyed retailer|url|day|price_kind, prices in fen, days in Asia/Shanghai', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'retail-observations.csv');
    fs.writeFileSync(file, [
      HEADER,
      GOOD,
      'JD,HP,M202dw,HP M202dw,,台,"1,999.00",2018-07-02T23:30:00Z,https://item.jd.com/2.html,0,6901234567892,cny,划线价',
      'rozetka,HP,M130a,HP M130a,,台,4143,2017-10-31,https://rozetka.com.ua/x,false,,UAH,sale',
    ].join('\n'));
    const lines: string[] = [];
    const src = retailFileSource(file, { log: (l) => lines.push(l) });
    const items = await collect(src);
    expect(rejected(items)).toEqual([]);
    const [a, b, c] = accepted(items);
    expect(a!.key).toBe('suning|https://product.suning.com/1.html|2018-07-02|sale');
    expect(a!.record).toMatchObject({ brand: '惠普（HP）', price_fen: 185900, currency: 'CNY', self_operated: true, spec: 'A4', gtin: null });
    // 23:30 UTC is the next morning in Shanghai; the list price stays a list price.
    expect(b!.record).toMatchObject({ retailer: 'jd', observed_on: '2018-07-03', price_fen: 199900, price_kind: 'list', currency: 'CNY', self_operated: false, gtin: '6901234567892' });
    expect(c!.record).toMatchObject({ currency: 'UAH', price_fen: 414300, observed_on: '2017-10-31' });
    expect(lines).toEqual(['retail-observations.csv: UTF-8, 3 data rows']);
    expect(src.describe()).toEqual(lines);
  });

  it('rejects bad rows with "<file>#<row>" (header = row 1), the field and an actionable reason', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'r.csv');
    fs.writeFileSync(file, [
      HEADER,
      GOOD,
      '',
      GOOD.replace('1859.00', '18.599'),
      GOOD.replace(',是,', ',maybe,'),
      GOOD.replace('2018-07-02T10:00:00', '2018-02-30'),
      GOOD.replace('https://product.suning.com/1.html', 'not a url'),
      GOOD.replace(',,,', ',,,sometimes'),
      GOOD.replace('1859.00', '0'),
      GOOD + ',surplus',
      `suning,HP,"M202dw`,
      `multi-line",title,,台,1.00,2018-07-02,https://x.cn/1,1,,,`,
      GOOD.replace('M202dw,', ','),
    ].join('\r\n'));
    const items = await collect(retailFileSource(file));
    expect(accepted(items).map((i) => i.record.model)).toEqual(['M202dw', 'M202dw\r\nmulti-line']);
    const byKey = Object.fromEntries(rejected(items).map((r) => [r.key, r.issues]));
    expect(byKey).toEqual({
      'r.csv#4': [{ field: 'price', reason: 'has more precision than one fen: "18.599"' }],
      'r.csv#5': [{ field: 'self_operated', reason: 'is "maybe", expected true/false, 1/0 or 是/否' }],
      'r.csv#6': [{ field: 'observed_at', reason: 'is not a real date or time: "2018-02-30"' }],
      'r.csv#7': [{ field: 'url', reason: 'must be an http(s) address without spaces' }],
      'r.csv#8': [{ field: 'price_kind', reason: 'is "sometimes", expected "sale" or "list" (also 划线价 or 原价 for list)' }],
      'r.csv#9': [{ field: 'price', reason: 'must be greater than zero (a price of 0 is not an observation)' }],
      'r.csv#10': [{ field: '(row)', reason: expect.stringMatching(/has 14 cells but the file has 13 columns/) }],
      'r.csv#12': [{ field: 'model', reason: 'is missing' }],
    });
  });

  it('fails the whole file, naming it and the remedy, when a required column is missing', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'r.csv'), HEADER.replace('observed_at,', 'seen,') + '\n' + GOOD + '\n');
    await expect(collect(retailFileSource(path.join(dir, 'r.csv')))).rejects.toThrow(
      /r\.csv: column observed_at missing; add it to a mapping file \(pass --mapping FILE, or put mapping\.json next to r\.csv\)/,
    );
  });
});

describe('retailFileSource: encodings and mappings', () => {
  const chinese = [
    '店铺,品牌,型号,商品名称,价格,日期,链接',
    '惠普京东自营旗舰店,惠普（HP）,M202dw,惠普（HP）M202dw 黑白激光打印机,1729.00,2018-07-01,https://item.jd.com/1.html',
    '某某数码专营店,得力（deli）,DL-888T,得力 DL-888T 热敏打印机 ￥,"￥1,299.00",2018-07-01,https://item.jd.com/2.html',
  ].join('\n');
  const mapping = {
    columns: { 品牌: 'brand', 型号: 'model', 商品名称: 'title', 价格: 'price', 日期: 'observed_at', 链接: 'url' },
    fields: {
      retailer: { const: 'jd' },
      unit: { const: '台' },
      self_operated: { from: '店铺', contains: '自营' },
    },
  };

  it('reads GBK and UTF-8-with-BOM exports of the same table into identical records, and reports each encoding', async () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'gbk'));
    fs.mkdirSync(path.join(dir, 'bom'));
    fs.writeFileSync(path.join(dir, 'gbk', 'jd.csv'), encodeGbk(chinese));
    fs.writeFileSync(path.join(dir, 'bom', 'jd.csv'), utf8WithBom(chinese));
    const logs: string[] = [];
    const gbk = await collect(retailFileSource(path.join(dir, 'gbk', 'jd.csv'), { mapping, log: (l) => logs.push(l) }));
    const bom = await collect(retailFileSource(path.join(dir, 'bom', 'jd.csv'), { mapping, log: (l) => logs.push(l) }));
    expect(logs).toEqual([
      'jd.csv: GB18030 (detected: not valid UTF-8), 2 data rows, mapping (mapping option)',
      'jd.csv: UTF-8 (BOM), 2 data rows, mapping (mapping option)',
    ]);
    expect(gbk).toEqual(bom);
    expect(accepted(gbk).map((i) => [i.record.title, i.record.self_operated, i.record.price_fen])).toEqual([
      ['惠普（HP）M202dw 黑白激光打印机', true, 172900],
      ['得力 DL-888T 热敏打印机 ￥', false, 129900],
    ]);
  });

  it('finds mapping.json in a folder, reads every data file in name order, and says so', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ 'b-*.csv': mapping }));
    fs.writeFileSync(path.join(dir, 'b-jd.csv'), utf8WithBom(chinese));
    fs.writeFileSync(path.join(dir, 'a-ours.jsonl'), [
      JSON.stringify({ retailer: 'suning', brand: 'HP', model: 'M202dw', title: 't', unit: '台', price: 1859, observed_at: '2018-07-02', url: 'https://s.cn/1', self_operated: true }),
      '',
      '{"retailer": "suning", broken',
      '[1,2]',
      JSON.stringify({ retailer: 'suning', brand: 'HP', model: 'M202dw', title: 't', unit: '台', price: 0.1 + 0.2, observed_at: '2018-07-02', url: 'https://s.cn/2', self_operated: 1 }),
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const logs: string[] = [];
    const items = await collect(retailFileSource(dir, { log: (l) => logs.push(l) }));
    expect(logs).toEqual([
      'a-ours.jsonl: UTF-8 JSON Lines, 4 records, mapping ' + path.join(dir, 'mapping.json') + ' (found next to the input)',
      'b-jd.csv: UTF-8 (BOM), 2 data rows, mapping ' + path.join(dir, 'mapping.json') + ' (found next to the input)',
    ].map((l, i) => (i === 0 ? l.replace(/, mapping .*/, '') : l)));
    expect(items.map((i) => [i.key, i.ok])).toEqual([
      ['suning|https://s.cn/1|2018-07-02|sale', true],
      ['a-ours.jsonl#3', false],
      ['a-ours.jsonl#4', false],
      ['a-ours.jsonl#5', false],
      ['jd|https://item.jd.com/1.html|2018-07-01|sale', true],
      ['jd|https://item.jd.com/2.html|2018-07-01|sale', true],
    ]);
    expect(rejected(items).map((r) => r.issues[0]!.reason)).toEqual([
      expect.stringMatching(/^is not valid JSON/),
      'is not a JSON object',
      'has more precision than one fen: "0.30000000000000004"',
    ]);
  });

  it('says which rule found nothing, and refuses a reference to a duplicated header', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'x.csv'), '名称,价格,价格\n惠普 M202dw,1,2\n得力,1,2\n');
    const spec = {
      fields: {
        retailer: { const: 'jd' }, unit: { const: '台' }, self_operated: { const: true }, observed_at: { const: '2019-08-27' },
        url: { const: 'https://item.jd.com/1.html' }, title: '名称', price: '#2',
        brand: { from: '名称', regex: '^(\\S+)\\s' }, model: { from: '名称', regex: '\\s(\\S+)$' },
      },
    };
    const items = await collect(retailFileSource(path.join(dir, 'x.csv'), { mapping: spec }));
    expect(items[0]!.ok).toBe(true);
    expect(rejected(items)).toEqual([
      { kind: 'retail', ok: false, key: 'x.csv#3', issues: [
        { field: 'brand', reason: 'is missing: the mapping rule found no value in this row' },
        { field: 'model', reason: 'is missing: the mapping rule found no value in this row' },
      ] },
    ]);
    const dup = { fields: { ...spec.fields, price: '价格' } };
    await expect(collect(retailFileSource(path.join(dir, 'x.csv'), { mapping: dup }))).rejects.toThrow(
      /x\.csv: column "价格" appears 2 times \(columns #2, #3\); refer to one by position, e\.g\. "price": "#2"/,
    );
  });
});
