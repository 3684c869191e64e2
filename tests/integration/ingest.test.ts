import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-')), 'test.db');
const ingest = (dbPath: string, dir: string, maxRejectShare = 0.5) =>
  runIngest({ dbPath, sources: [feedDirSource(dir, 'feed:test')], maxRejectShare, categoriesFile: '/nonexistent' });
const query = (dbPath: string, sql: string) => {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try { return db.prepare(sql).all(); } finally { db.close(); }
};

function goodAndBadFeed() {
  const orders = [
    makeOrder('O-1'),
    makeOrder('O-2', { placed_at: '2018-07-03T10:00:00', updated_at: '2018-07-06T10:00:00' }),
    makeOrder('O-PENDING', { status: 'pending', completed_at: null }),
    makeOrder('O-BADQTY', { lines: [{ sku: 'SKU-1', title: 'x', unit: '台', quantity: 0, unit_price: '10.00', amount: '10.00' }], total: '10.00' }),
    makeOrder('O-BADDATE', { placed_at: '2019-02-30T10:00:00' }),
    makeOrder('O-BADSTATUS', { status: 'shipping_lost' }),
    makeOrder('O-BADTOTAL', { total: '9999.00' }),
    makeOrder('', {}),
  ];
  return writeFeedDir({
    'listings-0001.json': [
      makeListing('SKU-1'),
      makeListing('SKU-2', { price: '12.345' }),
    ],
    'listings-0002.json': [
      // a newer version on a later day, and an older one that must not win
      makeListing('SKU-1', { price: '1799.00', updated_at: '2018-07-10T09:00:00' }),
      makeListing('SKU-1', { price: '1700.00', updated_at: '2018-06-30T09:00:00' }),
    ],
    'orders-0001.json': orders,
  });
}

describe('runIngest (feed directory)', () => {
  it('keeps completed orders, skips others, rejects bad records whole with field and reason', async () => {
    const dbPath = tmpDb();
    const report = await ingest(dbPath, goodAndBadFeed());
    expect(report.status).toBe('ok');
    const counts = report.sources[0]!.counts.kinds;
    expect(counts.order).toMatchObject({ read: 8, inserted: 2, skipped: 1, rejected: 5 });
    expect(counts.listing).toMatchObject({ read: 4, inserted: 1, updated: 1, unchanged: 1, rejected: 1 });

    const rejects = query(dbPath, `SELECT record_key, field, reason FROM rejects ORDER BY id`) as { record_key: string; field: string; reason: string }[];
    const byKey = Object.fromEntries(rejects.map((r) => [r.record_key, r]));
    expect(byKey['SKU-2']).toMatchObject({ field: 'price' });
    expect(byKey['SKU-2']!.reason).toMatch(/more precision than one fen/);
    expect(byKey['O-BADQTY']).toMatchObject({ field: 'lines[0].quantity' });
    expect(byKey['O-BADDATE']!.reason).toMatch(/not a real date/);
    expect(byKey['O-BADSTATUS']!.reason).toMatch(/shipping_lost/);
    expect(byKey['O-BADTOTAL']).toMatchObject({ field: 'total' });
    expect(byKey['orders-0001.json#8']).toMatchObject({ field: 'order_no' });
    // The rejected order left no partial rows behind.
    expect(query(dbPath, `SELECT order_no FROM order_lines ORDER BY order_no`)).toEqual([{ order_no: 'O-1' }, { order_no: 'O-2' }]);
  });

  it('lets the newer updated_at win and keeps one price per sku per day', async () => {
    const dbPath = tmpDb();
    await ingest(dbPath, goodAndBadFeed());
    expect(query(dbPath, `SELECT price_fen, updated_at FROM listings WHERE sku = 'SKU-1'`)).toEqual([
      { price_fen: 179900, updated_at: '2018-07-10T09:00:00+08:00' },
    ]);
    expect(query(dbPath, `SELECT day, price_fen FROM listing_prices WHERE sku = 'SKU-1' ORDER BY day`)).toEqual([
      { day: '2018-06-30', price_fen: 170000 },
      { day: '2018-07-01', price_fen: 173000 },
      { day: '2018-07-10', price_fen: 179900 },
    ]);
  });

  it('stores the newer of two versions of one order in the same page, with only its lines', async () => {
    const twoLines = [
      { sku: 'SKU-1', title: '惠普 M202dw 打印机', unit: '台', quantity: 2, unit_price: '1730.00', amount: '3460.00' },
      { sku: 'SKU-2', title: '得力 复印纸', unit: '包', quantity: 4, unit_price: '25.00', amount: '100.00' },
    ];
    const dir = writeFeedDir({
      'orders-0001.json': [
        makeOrder('O-TWICE', { lines: twoLines, total: '3560.00', updated_at: '2018-07-05T16:30:00' }),
        makeOrder('O-OTHER'),
        makeOrder('O-TWICE', { updated_at: '2018-07-08T09:00:00' }),
        makeOrder('O-TWICE', { lines: twoLines, total: '3560.00', updated_at: '2018-07-01T09:00:00' }),
      ],
    });
    const dbPath = tmpDb();
    const report = await ingest(dbPath, dir);
    expect(report.status).toBe('ok');
    expect(report.sources[0]!.counts.kinds.order).toMatchObject({ read: 4, inserted: 2, updated: 1, unchanged: 1 });
    expect(query(dbPath, `SELECT total_fen, updated_at FROM orders WHERE order_no = 'O-TWICE'`)).toEqual([
      { total_fen: 346000, updated_at: '2018-07-08T09:00:00+08:00' },
    ]);
    expect(query(dbPath, `SELECT line_no, sku FROM order_lines WHERE order_no = 'O-TWICE'`)).toEqual([{ line_no: 1, sku: 'SKU-1' }]);
    // Every version received is archived, the stale one included.
    expect(query(dbPath, `SELECT COUNT(*) AS n FROM raw_records WHERE key = 'O-TWICE'`)).toEqual([{ n: 3 }]);
  });

  it('never stores personal data of contact persons', async () => {
    const dbPath = tmpDb();
    const report = await ingest(dbPath, goodAndBadFeed());
    expect(report.sources[0]!.counts.redactions).toBeGreaterThan(0);
    const bytes = fs.readFileSync(dbPath).toString('utf8') + (fs.existsSync(`${dbPath}-wal`) ? fs.readFileSync(`${dbPath}-wal`).toString('utf8') : '');
    expect(bytes).not.toContain('13900001111');
    expect(bytes).not.toContain('张小明');
    const raw = query(dbPath, `SELECT body FROM raw_records WHERE kind = 'order'`) as { body: string }[];
    expect(raw.length).toBe(2);
    for (const r of raw) expect(JSON.parse(r.body)).not.toHaveProperty('contact');
    expect(query(dbPath, `SELECT comment FROM orders WHERE order_no = 'O-1'`)).toEqual([{ comment: '送货及时，〔已隐去〕电话〔已隐去〕' }]);
  });

  it('is idempotent: the same ingest twice leaves identical tables and counts everything unchanged', async () => {
    const dbPath = tmpDb();
    const dir = goodAndBadFeed();
    await ingest(dbPath, dir);
    const before = dumpTables(dbPath, DATA_TABLES);
    const second = await ingest(dbPath, dir);
    expect(dumpTables(dbPath, DATA_TABLES)).toEqual(before);
    expect(second.sources[0]!.counts.kinds.order).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('keeps text that looks like HTML as data', async () => {
    const dbPath = tmpDb();
    const dir = writeFeedDir({ 'orders-1.json': [makeOrder('O-X', { supplier: { id: 'S9', name: '<script>alert(1)</script>&amp;公司' } })] });
    await ingest(dbPath, dir);
    expect(query(dbPath, `SELECT name FROM suppliers WHERE id = 'S9'`)).toEqual([{ name: '<script>alert(1)</script>&amp;公司' }]);
  });

  it('fails the run and saves nothing when a source rejects more than the allowed share', async () => {
    const dbPath = tmpDb();
    await ingest(dbPath, writeFeedDir({ 'orders-1.json': [makeOrder('O-OK')] }));
    const before = dumpTables(dbPath, [...DATA_TABLES, 'ingest_runs', 'rejects']);
    const report = await ingest(dbPath, goodAndBadFeed(), 0.1);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/records rejected .* more than the allowed 10\.0 %/);
    expect(dumpTables(dbPath, [...DATA_TABLES, 'ingest_runs', 'rejects'])).toEqual(before);
    expect(fs.existsSync(report.logFile!)).toBe(true);
  });

  it('fails on a broken file instead of publishing half an export', async () => {
    const dbPath = tmpDb();
    const dir = writeFeedDir({ 'orders-1.json': [makeOrder('O-OK')] });
    fs.writeFileSync(path.join(dir, 'orders-2.json'), '{"items": [');
    const report = await ingest(dbPath, dir);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/orders-2\.json: not valid JSON/);
    expect(query(dbPath, `SELECT count(*) AS n FROM orders`)).toEqual([{ n: 0 }]);
  });
});
