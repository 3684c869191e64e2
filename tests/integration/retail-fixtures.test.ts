import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';

/**
 * The real retail exports in tests/fixtures/real/retail, read through the mapping files kept in
 * data/mappings/. The expected row counts are the figures each SOURCE.md states, not counts
 * taken with our own reader, so a reader that drops or merges rows fails here.
 */
const FIX = path.resolve('tests/fixtures/real/retail');
const CASES = [
  { name: 'jd-gaming-laptops', file: 'jd-gaming-laptops/DATA_游戏本_2022_08.csv', dataRows: 156, encoding: 'UTF-8 (BOM)' },
  { name: 'jd-lab-equipment-gbk', file: 'jd-lab-equipment-gbk/jd.csv', dataRows: 2040, encoding: 'GBK (from mapping)' },
  { name: 'rozetka-printers', file: 'rozetka-printers/printers.csv', dataRows: 100, encoding: 'UTF-8' },
] as const;

type Ok = Extract<SourceItem, { ok: true; kind: 'retail' }>;
type Bad = Extract<SourceItem, { ok: false }>;

async function load(c: (typeof CASES)[number]) {
  const logs: string[] = [];
  const src = retailFileSource(path.join(FIX, c.file), { mapping: `data/mappings/${c.name}.json`, log: (l) => logs.push(l), id: `retail:${c.name}` });
  const items: SourceItem[] = [];
  for await (const i of src.items()) items.push(i);
  return {
    src,
    logs,
    ok: items.filter((i): i is Ok => i.ok === true && i.kind === 'retail'),
    bad: items.filter((i): i is Bad => i.ok === false),
    all: items,
  };
}

// Characters that appear when UTF-8 is read as GBK or the other way round, and the
// replacement character a lenient decoder inserts.
const MOJIBAKE = /[\uFFFD锟斤拷]|[鍝閿鐨勬浠缁]{2}|Ã|â€/;

describe('real retail fixtures through data/mappings', () => {
  for (const c of CASES) {
    it(`${c.name}: every data row is accepted or rejected with a reason; encoding reported`, async () => {
      const { ok, bad, all, logs } = await load(c);
      expect(all.length).toBe(c.dataRows);
      expect(ok.length + bad.length).toBe(c.dataRows);
      for (const b of bad) {
        expect(b.key).toMatch(new RegExp(`^${path.basename(c.file)}#\\d+$`));
        expect(b.issues.length).toBeGreaterThan(0);
        for (const i of b.issues) expect(i.reason.length).toBeGreaterThan(5);
      }
      expect(logs[0]).toContain(`${path.basename(c.file)}: ${c.encoding}, ${c.dataRows} data rows, mapping`);
      expect(new Set(ok.map((o) => o.key)).size).toBe(ok.length);
      for (const o of ok) {
        expect(o.record.title).not.toMatch(MOJIBAKE);
        expect(o.record.brand).not.toMatch(MOJIBAKE);
      }
    });
  }

  it('jd-gaming-laptops: all 156 accepted, 104 self-operated (SOURCE.md), titles byte for byte', async () => {
    const { ok, bad } = await load(CASES[0]);
    expect(bad).toEqual([]);
    expect(ok.filter((o) => o.record.self_operated).length).toBe(104);
    const first = ok[0]!.record;
    const title = '戴尔(DELL) 笔记本电脑 游匣G15 15.6英寸游戏本(新12代i7-12700H 16G 512G RTX3060 165Hz)耀夜黑';
    expect(Buffer.from(first.title)).toEqual(Buffer.from(title, 'utf8'));
    expect(first).toMatchObject({
      retailer: 'jd', brand: '戴尔（DELL）', model: 'G15 5520-R1766B', price_fen: 849900, currency: 'CNY',
      observed_on: '2022-08-29', url: 'https://item.jd.com/100032768490.html', self_operated: true, price_kind: 'sale',
    });
    const prices = ok.map((o) => o.record.price_fen);
    expect(Math.min(...prices)).toBe(219800); // SOURCE.md: prices 2,198 to 22,969 CNY
    expect(Math.max(...prices)).toBe(2296900);
  });

  it('jd-lab-equipment-gbk: GBK titles decode exactly; rows without brand or model are rejected with the rule named', async () => {
    const { ok, bad } = await load(CASES[1]);
    const byTitle = new Map(ok.map((o) => [o.record.title, o.record]));
    const fowler = byTitle.get('美国福勒（Fowler）X7870单道手动可调移液器100-1000μL【可定制】');
    expect(fowler).toMatchObject({ brand: '福勒（Fowler）', model: 'X7870', price_fen: 66926, self_operated: true }); // column 4 says True though the shop cell is empty
    expect(Buffer.from(fowler!.title).toString('hex')).toBe(Buffer.from('美国福勒（Fowler）X7870单道手动可调移液器100-1000μL【可定制】').toString('hex'));
    expect(byTitle.get('芯硅谷B6035高硼硅玻璃烧杯;低型烧杯;无最大容量刻度500ml1个')).toMatchObject({
      model: 'B6035', price_fen: 1370, self_operated: true, url: 'https://item.jd.com/100000409567.html', observed_on: '2019-08-27',
    });
    // SOURCE.md: 677 rows self-operated in the whole file; the accepted ones are a subset.
    expect(ok.filter((o) => o.record.self_operated).length).toBeLessThanOrEqual(677);
    for (const b of bad) {
      for (const i of b.issues) {
        expect(['brand', 'model']).toContain(i.field);
        expect(i.reason).toBe('is missing: the mapping rule found no value in this row');
      }
    }
    expect(bad.find((b) => b.key === 'jd.csv#1')).toBeDefined(); // 冰禹…手术剪刀: no model code in the title
  });

  it('rozetka-printers: 100 printers in UAH, brand and model taken apart from the name', async () => {
    const { ok, bad } = await load(CASES[2]);
    expect(bad).toEqual([]);
    expect(ok.every((o) => o.record.currency === 'UAH' && o.record.retailer === 'rozetka')).toBe(true);
    const brands: Record<string, number> = {};
    for (const o of ok) brands[o.record.brand] = (brands[o.record.brand] ?? 0) + 1;
    expect(brands).toEqual({ HP: 40, Canon: 24, Epson: 12, Kyocera: 11, Samsung: 4, Ricoh: 4, Brother: 2, Xerox: 2, Pantum: 1 });
    const m130a = ok.find((o) => o.record.title === 'HP LaserJet Pro M130a (G3Q57A)')!.record;
    expect(m130a).toMatchObject({ brand: 'HP', model: 'LaserJet Pro M130a', price_fen: 414300, observed_on: '2017-10-31' });
    expect(ok.find((o) => o.record.title === 'Canon PIXMA G3400 with Wi-Fi (0630C009)')!.record.model).toBe('PIXMA G3400');
    expect(ok.find((o) => o.record.title === 'Samsung SCX-4650N')!.record.model).toBe('SCX-4650N');
    const prices = ok.map((o) => o.record.price_fen);
    expect([Math.min(...prices), Math.max(...prices)]).toEqual([138300, 3244900]); // SOURCE.md: 1,383 to 32,449 UAH
  });

  it('loads into the database; a second ingest of the same files changes nothing', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'retail-fix-')), 'test.db');
    const sources = () => CASES.map((c) => retailFileSource(path.join(FIX, c.file), { mapping: `data/mappings/${c.name}.json`, id: `retail:${c.name}` }));
    // jd-lab rejects most rows (no brand/model in the title), so the default 10 % limit is lifted here.
    const first = await runIngest({ dbPath, sources: sources(), maxRejectShare: 1, categoriesFile: '/nonexistent' });
    expect(first.status, first.error).toBe('ok');
    const before = dumpTables(dbPath, DATA_TABLES);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const perRetailer = db.prepare(`SELECT retailer, currency, count(*) AS n FROM retail_observations GROUP BY 1, 2 ORDER BY 1`).all();
    db.close();
    const jdLab = await load(CASES[1]);
    expect(perRetailer).toEqual([
      { retailer: 'jd', currency: 'CNY', n: 156 + jdLab.ok.length },
      { retailer: 'rozetka', currency: 'UAH', n: 100 },
    ]);
    const second = await runIngest({ dbPath, sources: sources(), maxRejectShare: 1, categoriesFile: '/nonexistent' });
    expect(second.status).toBe('ok');
    expect(second.sources.map((s) => s.counts.kinds.retail?.unchanged)).toEqual([156, jdLab.ok.length, 100]);
    expect(dumpTables(dbPath, DATA_TABLES)).toEqual(before);
  });
});
