/**
 * Personal data is kept out by construction (DESIGN §3). Distinct personal-data strings are
 * planted in every field and in unknown fields of every source (platform feed listings and
 * orders, retail CSV, OCDS, CSV exports); after ingest, analyze and a real site build, not one
 * of them may be found in the working database (every table, every text column), the public
 * database download, any built file (the Pagefind index decompressed), or the run reports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/analyze/run.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { csvDirSource } from '../../src/ingest/csv/csv-dir.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { ocdsSource } from '../../src/ingest/ocds/ocds-source.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';
import { idSegment } from '../../src/site/format/paths.ts';
import { buildSite, type BuiltSite } from '../browser/harness.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

/** Every planted string, each of its own kind and writing, so a leak names its field. */
const planted: string[] = [];
const used = new Set<string>();
let serial = 0;
const d4 = () => String(1000 + (serial++ % 9000)).padStart(4, '0');
const writings = {
  mobile: () => `139${d4()}${d4()}`,
  mobileDots: () => `138.${d4()}.${d4()}`,
  mobileFullWidth: () => `１３７${d4()}${d4()}`.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + Number(c))),
  mobilePlus86: () => `+86 136 ${d4()} ${d4()}`,
  landline: () => `(0718)82${d4()}7`,
  landlineHyphen: () => `0718-83${d4()}5`,
  service: () => `400-${d4().slice(1)}-${d4()}`,
  id18: () => `4228011980${d4()}${d4().slice(0, 3)}X`,
  id15: () => `422801800${d4()}${d4().slice(0, 2)}`,
  email: () => `person${d4()}@mail${d4()}.cn`,
  card: () => `6222 ${d4()} ${d4()} ${d4()}`,
  name: () => `姓名${['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'][serial++ % 8]}${['子', '丑', '寅', '卯', '辰', '巳'][serial++ % 6]}${d4()}`,
};
type Writing = keyof typeof writings;
const KINDS = Object.keys(writings) as Writing[];
/** A fresh planted string of the next kind (rotating through every writing). */
function pii(kind: Writing = KINDS[serial % KINDS.length]!): string {
  const s = writings[kind]();
  planted.push(s);
  used.add(kind);
  return s;
}

function feed(dir: string): void {
  const listings = [makeListing('SKU-1', {
    title: `惠普打印机 客服${pii('mobile')}`, spec: `联系${pii('email')}`, seller_phone: pii('mobileDots'),
    supplier: { id: 'S01', name: `示例办公用品有限公司${pii('service')}`, contact: pii('name'), credit_code: null },
    联系人: pii('name'),
  })];
  const contactName = pii('name');
  const orders = [
    makeOrder('PII-1', {
      contact: { name: contactName, phone: pii('mobile'), email: pii('email') },
      contacts: [{ name: pii('name'), tel: pii('landline') }],
      receiver: pii('name'), 联系人: pii('name'), 联系电话: pii('landlineHyphen'),
      // A key that is itself personal data, and a party that is a natural person (id = ID number).
      [pii('mobile')]: 'x',
      buyer: { id: 'A001', name: `示例县教育局`, contact_phone: pii('mobilePlus86'), 经办人: pii('name') },
      lines: [{ sku: 'SKU-1', title: `打印机 ${pii('mobileFullWidth')}`, spec: `身份证${pii('id18')}`, brand: '惠普', model: 'M202dw', unit: '台', quantity: 2, unit_price: '1730.00', amount: '3460.00', 收货人: pii('name') }],
      evaluation: { rating: 1, comment: `${contactName}送货慢，电话${pii('landline')}，卡号${pii('card')}，旧证${pii('id15')}`, at: '2018-07-06T09:00:00', reviewer: pii('name') },
    }),
    // A hostile but valid id: it must get a page the file system accepts (DESIGN §3).
    makeOrder(HOSTILE_ID, { evaluation: null }),
    // A bad record whose reason would quote the value: the reason must be scrubbed too.
    makeOrder('PII-4', { supplier: { id: pii('id18'), name: pii('name') }, evaluation: null }),
    makeOrder('PII-2', { total: `1730.00 ${pii('mobile')}` }),
    makeOrder('PII-3', { status: `退款${pii('mobile')}` }),
  ];
  writeFeedDir({ 'listings.json': listings, 'orders.json': orders }, dir);
}

function retail(file: string): void {
  const header = 'retailer,brand,model,title,unit,price,observed_at,url,self_operated,联系电话,店主';
  const rows = [
    `jd,惠普,M202dw,惠普 M202dw 客服 ${pii('mobileDots')},台,1859.00,2018-07-03,https://item.jd.com/1.html,true,${pii('mobile')},${pii('name')}`,
    `suning,惠普,M202dw,惠普 M202dw,台,${pii('mobile')},2018-07-03,https://product.suning.com/1.html,true,,`,
  ];
  fs.writeFileSync(file, [header, ...rows].join('\n'));
}

function ocds(file: string): void {
  const release = {
    ocid: 'ocds-pii000-1', id: 'r1', date: '2018-07-10T00:00:00Z', tag: ['contract'],
    buyer: { id: 'B1', name: 'Buyer One' },
    parties: [
      { id: 'B1', name: 'Buyer One', roles: ['buyer'], contactPoint: { name: pii('name'), email: pii('email'), telephone: pii('mobile') }, address: { streetAddress: pii('name') } },
      { id: 'S1', name: 'Seller One', roles: ['supplier'], contactPoint: { name: pii('name'), telephone: pii('landline') } },
    ],
    awards: [{ id: 'A1', status: 'active', suppliers: [{ id: 'S1', name: 'Seller One' }] }],
    contracts: [{ id: 'C1', awardID: 'A1', status: 'active', dateSigned: '2018-07-09T12:00:00Z', items: [
      { id: 'i1', description: `Paper, call ${pii('mobilePlus86')}`, quantity: 2, unit: { name: 'box', value: { amount: 150, currency: 'CNY' } } },
    ] }],
  };
  fs.writeFileSync(file, JSON.stringify({ releases: [release] }));
}

function csvExport(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const name = pii('name');
  fs.writeFileSync(path.join(dir, 'orders.csv'), [
    'order_no,buyer.id,buyer.name,supplier.id,supplier.name,placed_at,completed_at,status,total,updated_at,contact.name,contact.phone,收货人电话,evaluation.rating,evaluation.comment',
    `CSV-1,A-9,恩施州财政局,S-1,恩施办公用品公司,2018-07-02 09:00,2018-07-03 10:00,completed,150.00,2018-07-03 10:00,${name},${pii('mobile')},${pii('landlineHyphen')},2,${name}态度差 ${pii('email')}`,
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'order-lines.csv'), [
    'order_no,line_no,sku,title,brand,model,unit,quantity,unit_price,amount,联系人',
    `CSV-1,1,SKU-P,复印纸 ${pii('id18')},得力,7401,箱,1,150.00,150.00,${pii('name')}`,
  ].join('\n'));
}

const HOSTILE_ID = '#'.repeat(100);
const normal = (s: string) => s.normalize('NFKC');
/** Which planted strings occur in `text` (raw or after NFKC, which folds full-width digits). */
const found = (text: string) => {
  const n = normal(text);
  return planted.filter((p) => text.includes(p) || n.includes(normal(p)));
};

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** A built file as text; Pagefind's index files are gzip (fragments, index chunks, metadata). */
function fileText(file: string): string {
  const buf = fs.readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) return zlib.gunzipSync(buf).toString('utf8');
  return buf.toString('utf8');
}

describe('no planted personal data reaches any output', () => {
  let work: string;
  let dbPath: string;
  let site: BuiltSite;
  const reports: string[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-'));
    dbPath = path.join(work, 'sunshine.db');
    fs.mkdirSync(path.join(work, 'feed'));
    feed(path.join(work, 'feed'));
    retail(path.join(work, 'retail.csv'));
    ocds(path.join(work, 'ocds.json'));
    csvExport(path.join(work, 'csv'));
    const log = (l: string) => reports.push(l);
    const r = await runIngest({
      dbPath, maxRejectShare: 0.9, categoriesFile: '/nonexistent', log,
      sources: [
        feedDirSource(path.join(work, 'feed'), 'feed:pii'),
        retailFileSource(path.join(work, 'retail.csv'), { log }),
        ocdsSource(path.join(work, 'ocds.json'), { id: 'ocds:pii' }),
        csvDirSource(path.join(work, 'csv'), { id: 'csv:pii', log }),
      ],
    });
    reports.push(JSON.stringify(r));
    expect(r.status, r.error).toBe('ok');
    reports.push(JSON.stringify(await runAnalyze({ dbPath })));
    site = await buildSite(dbPath, 'pii');
  }, 240_000);

  afterAll(() => {
    site?.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('plants enough to mean something: every writing, in every source', () => {
    expect(planted.length).toBeGreaterThanOrEqual(40);
    expect([...used].sort()).toEqual([...KINDS].sort());
  });

  it('the purchases themselves still arrive (the test is not passing on an empty database)', () => {
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const orders = db.prepare(`SELECT order_no FROM orders ORDER BY order_no`).pluck().all();
    db.close();
    expect(orders).toEqual(expect.arrayContaining(['CSV-1', 'PII-1', 'ocds-pii000-1/C1']));
  });

  it('the working database: no table, no text column holds one', () => {
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const leaks: string[] = [];
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        for (const [col, v] of Object.entries(row)) {
          if (typeof v === 'string') for (const p of found(v)) leaks.push(`${t}.${col}: ${p} in ${v.slice(0, 300)}`);
        }
      }
    }
    db.close();
    expect(leaks).toEqual([]);
  });

  it('every built file (pages, downloads, feed, public database, decompressed search index)', () => {
    const leaks: string[] = [];
    let scanned = 0;
    for (const f of files(site.clientDir)) {
      scanned++;
      for (const p of found(fileText(f))) leaks.push(`${path.relative(site.clientDir, f)}: ${p}`);
    }
    expect(scanned).toBeGreaterThan(20);
    expect(fs.existsSync(path.join(site.clientDir, 'data', 'sunshine-public.db'))).toBe(true);
    expect(fs.readdirSync(path.join(site.clientDir, 'pagefind')).length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });

  it('a valid but hostile id (100 #) still gets its page, at a short safe path', () => {
    const seg = idSegment(HOSTILE_ID);
    expect(seg.length).toBeLessThan(20);
    expect(fs.existsSync(path.join(site.clientDir, 'orders', seg, 'index.html'))).toBe(true);
  });

  it('the run reports and logs', () => {
    expect(reports.flatMap(found)).toEqual([]);
  });
});
