import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/analyze/run.ts';
import { openReader, openWriter, type Sqlite } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * A small database with one planted case per rule, built from code:
 *  O1 A1 03-05 HP ×1 @1730.00  → ref suning 1829.00 (the jd marketplace 1200.00 and the jd list 1000.00 are ignored)
 *  O2 A2 03-06 HP ×2 @2150.00  → gap +321.00 (17.6 %): price-above-retail; with O1: price-discrimination
 *  O3 A1 06-01 HP              → no observation within the window
 *  O4 A3 03-05 paper 1 箱 @220.00 → ref 8 × 25.00 = 200.00 per 箱, +10 % and +¥20: price-above-retail (at both thresholds)
 *  O5 A1 03-05 USD, rating 1, over the cap → no flag, not in totals, no reference (currency)
 *  O6 A4 04-01 HP ×60 → ≥ ¥100,000: order-over-cap and annual-over-cap
 *  O7 A5 03-10 unknown brand, rating 2 → low-rating; no match
 *  O8/O9 A6 S2 05-01/05-08 HP ×30 each → split-order (both); O9 crosses A6's annual cap; listing price
 *        1730 → 1950 (05-07) → 1730 (05-09) around O9: price-hike
 */

let dir: string;
let dbPath: string;

const day = (d: string) => `2019-${d}T10:00:00+08:00`;

function seed(sqlite: Sqlite) {
  const listing = sqlite.prepare(
    `INSERT INTO listings (sku, supplier_id, category_code, brand, model, title, spec, unit, price_fen, status, updated_at, gtin, source, record_hash, ingest_run)
     VALUES (?, 'S1', ?, ?, ?, ?, ?, ?, ?, 'on_sale', '2019-01-01T00:00:00+08:00', NULL, 'test', 'h', 0)`,
  );
  listing.run('HP202', 'A02021001', '惠普', 'LaserJet Pro M202dw', '惠普 LaserJet Pro M202dw 黑白激光打印机', null, '台', 173000);
  listing.run('XX1', 'A02021001', '无名牌子', 'ZZ-1', '无名牌子 ZZ-1 打印机', null, '台', 50000);
  listing.run('PAPER1', 'A090101', '得力', '7391', '得力 A4 70g 复印纸 500张/包 8包/箱', 'A4 70g 500张/包 8包/箱', '箱', 22000);

  const obs = sqlite.prepare(
    `INSERT INTO retail_observations (retailer, brand, model, title, unit, price_fen, currency, observed_on, url, self_operated, spec, gtin, price_kind, source)
     VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, NULL, ?, 'test')`,
  );
  const hp = ['惠普（HP）', 'M202dw', '惠普（HP）LaserJet Pro M202dw 黑白激光打印机', '台'] as const;
  obs.run('jd', ...hp, 185900, '2019-03-01', 'https://item.jd.com/1.html', 1, null, 'sale');
  obs.run('jd', ...hp, 120000, '2019-03-05', 'https://item.jd.com/2.html', 0, null, 'sale');
  obs.run('jd', ...hp, 100000, '2019-03-05', 'https://item.jd.com/1.html', 1, null, 'list');
  obs.run('suning', ...hp, 182900, '2019-03-05', 'https://product.suning.com/1.html', 1, null, 'sale');
  obs.run('jd', '得力(deli)', '', '得力(deli) A4 70g 复印纸 500张/包', '包', 2500, '2019-03-05', 'https://item.jd.com/3.html', 1, 'A4 70g 500张/包', 'sale');
  // A brand nobody knows: no product key, so no retail_product_keys row.
  obs.run('jd', '无名牌子', 'ZZ-1', '无名牌子 ZZ-1 打印机', '台', 45000, '2019-03-05', 'https://item.jd.com/4.html', 1, null, 'sale');

  const order = sqlite.prepare(
    `INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen, currency, rating, comment, source, evaluated_at, updated_at, record_hash, ingest_run)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', NULL, ?, 'h', 0)`,
  );
  const line = sqlite.prepare(
    `INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity, unit_price_fen, amount_fen)
     SELECT ?, ?, sku, title, brand, model, spec, unit, ?, ?, ? FROM listings WHERE sku = ?`,
  );
  const put = (no: string, agency: string, supplier: string, d: string, sku: string, qty: number, unit: number, currency = 'CNY', rating: number | null = null) => {
    order.run(no, agency, supplier, day(d), day(d), qty * unit, currency, rating, rating === null ? null : '不满意', day(d));
    line.run(no, 1, qty, unit, qty * unit, sku);
  };
  put('O1', 'A1', 'S1', '03-05', 'HP202', 1, 173000);
  put('O2', 'A2', 'S1', '03-06', 'HP202', 2, 215000);
  put('O3', 'A1', 'S1', '06-01', 'HP202', 1, 173000);
  put('O4', 'A3', 'S1', '03-05', 'PAPER1', 1, 22000);
  put('O5', 'A1', 'S1', '03-05', 'HP202', 100, 173000, 'USD', 1);
  put('O6', 'A4', 'S1', '04-01', 'HP202', 60, 173000);
  put('O7', 'A5', 'S1', '03-10', 'XX1', 1, 50000, 'CNY', 2);
  put('O8', 'A6', 'S2', '05-01', 'HP202', 30, 173000);
  put('O9', 'A6', 'S2', '05-08', 'HP202', 30, 195000);

  const price = sqlite.prepare('INSERT INTO listing_prices (sku, day, price_fen) VALUES (?, ?, ?)');
  price.run('HP202', '2019-01-01', 173000);
  price.run('HP202', '2019-05-07', 195000);
  price.run('HP202', '2019-05-09', 173000);
}

const DERIVED = {
  matches: 'sku',
  retail_product_keys: 'observation_id',
  line_gaps: 'order_no, line_no',
  flags: 'id',
  totals: 'dimension, key, period',
  agency_cap_use: 'agency_id, year',
} as const;

function dump(file: string): Record<string, unknown[]> {
  const { sqlite } = openReader(file);
  try {
    return Object.fromEntries(Object.entries(DERIVED).map(([t, order]) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all()]));
  } finally {
    sqlite.close();
  }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const { sqlite } = openReader(dbPath);
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-analyze-'));
  dbPath = path.join(dir, 'test.db');
  const { sqlite, db } = openWriter(dbPath);
  await migrateToLatest(db);
  seed(sqlite);
  await db.destroy();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('runAnalyze', () => {
  it('matches listings, computes gaps with reasons, and reports counts', async () => {
    const r = await runAnalyze({ dbPath });
    expect(r.listings).toBe(3);
    expect(r.matches_by_method).toMatchObject({ model: 1, spec: 1, none: 1 });
    expect(r.lines).toBe(9);
    expect(r.lines_with_ref).toBe(3);
    expect(r.non_cny_orders).toBe(1);

    const m = query<{ sku: string; product_key: string | null; method: string }>('SELECT sku, product_key, method FROM matches ORDER BY sku');
    expect(m.find((x) => x.sku === 'HP202')).toMatchObject({ product_key: 'hp:M202DW', method: 'model' });
    expect(m.find((x) => x.sku === 'XX1')).toMatchObject({ product_key: null, method: 'none' });

    // Every observation keeps its product key (list prices too: the table says what a row is,
    // readers choose what to show), so a product's retail prices are one indexed join away.
    const keys = query<{ observation_id: number; product_key: string }>('SELECT * FROM retail_product_keys ORDER BY observation_id');
    expect(keys).toEqual([
      { observation_id: 1, product_key: 'hp:M202DW' },
      { observation_id: 2, product_key: 'hp:M202DW' },
      { observation_id: 3, product_key: 'hp:M202DW' },
      { observation_id: 4, product_key: 'hp:M202DW' },
      { observation_id: 5, product_key: 'deli:PAPER:A4:70G:500' },
    ]); // observation 6 (an unknown brand) has no key

    const paper = m.find((x) => x.sku === 'PAPER1')!;
    expect(query('SELECT observation_id FROM retail_product_keys WHERE product_key = ?', paper.product_key)).toEqual([{ observation_id: 5 }]);

    const gaps = Object.fromEntries(query<Record<string, unknown>>('SELECT * FROM line_gaps').map((g) => [g.order_no, g]));
    // O1: suning self-operated 1829.00; the cheaper jd marketplace and list prices are not used.
    expect(gaps.O1).toMatchObject({ ref_price_fen: 182900, ref_retailer: 'suning', ref_observed_on: '2019-03-05', gap_fen: -9900, gap_bp: -541, ref_median_fen: 184400, ref_count: 2, method: 'model', no_ref_reason: null });
    expect(gaps.O2).toMatchObject({ ref_price_fen: 182900, gap_fen: 32100, gap_bp: 1755 });
    expect(gaps.O4).toMatchObject({ ref_price_fen: 20000, ref_retailer: 'jd', gap_fen: 2000, gap_bp: 1000, method: 'spec' });
    // No reference is NULL and a reason, never a zero gap.
    expect(gaps.O3).toMatchObject({ ref_price_fen: null, gap_fen: null, gap_bp: null, no_ref_reason: 'no observation within window' });
    expect(gaps.O5).toMatchObject({ gap_fen: null, no_ref_reason: 'currency' });
    expect(gaps.O7).toMatchObject({ gap_fen: null, method: 'none', no_ref_reason: 'no match' });
  });

  it('raises each planted flag once per purchase, and nothing else', () => {
    const flags = query<{ rule: string; order_no: string; subject_type: string; subject_id: string; evidence_json: string; rule_version: string }>(
      'SELECT * FROM flags ORDER BY id',
    );
    expect(flags.map((f) => `${f.rule} ${f.order_no}`).sort()).toEqual(
      [
        'annual-over-cap O6',
        'annual-over-cap O9',
        'low-rating O7',
        'order-over-cap O6',
        'price-above-retail O2',
        'price-above-retail O4',
        'price-discrimination O1',
        'price-discrimination O2',
        'price-hike O9',
        'split-order O8',
        'split-order O9',
      ].sort(),
    );
    expect(new Set(flags.map((f) => f.rule_version))).toEqual(new Set(['2025.1']));
    const split = flags.filter((f) => f.rule === 'split-order').map((f) => JSON.parse(f.evidence_json));
    expect(split[0]).toEqual(split[1]);
    expect(split[0]).toMatchObject({ together_fen: 30 * 173000 + 30 * 195000, span_days: 7 });
    const pa = JSON.parse(flags.find((f) => f.rule === 'price-above-retail' && f.order_no === 'O2')!.evidence_json);
    expect(pa).toMatchObject({ ref_retailer: 'suning', ref_url: 'https://product.suning.com/1.html', overpaid_fen: 64200 });
  });

  it('writes totals for CNY orders only, and each agency’s cap use', () => {
    const all = query<Record<string, number>>(`SELECT * FROM totals WHERE dimension='all' AND key='all' AND period='all'`)[0];
    expect(all).toMatchObject({ orders: 8, lines: 8, lines_with_ref: 3, lines_without_ref: 5, overpaid_fen: 64200 + 2000, saved_fen: 9900, net_gap_fen: 64200 + 2000 - 9900, flags: 11 });
    expect(all!.spend_fen).toBe(173000 + 430000 + 173000 + 22000 + 60 * 173000 + 50000 + 30 * 173000 + 30 * 195000);
    expect(all!.ref_cost_fen).toBe(182900 + 2 * 182900 + 20000);
    const a1 = query<Record<string, number>>(`SELECT * FROM totals WHERE dimension='agency' AND key='A1' AND period='2019'`)[0];
    expect(a1).toMatchObject({ orders: 2, lines: 2, lines_with_ref: 1, saved_fen: 9900 }); // O5 (USD) is not summed
    const march = query<Record<string, number>>(`SELECT * FROM totals WHERE dimension='month' AND key='all' AND period='2019-03'`)[0];
    expect(march).toMatchObject({ orders: 4, lines: 4 });
    const paper = query<Record<string, number>>(`SELECT * FROM totals WHERE dimension='category' AND key='A090101' AND period='all'`)[0];
    expect(paper).toMatchObject({ orders: 1, spend_fen: 22000, flags: 1 });
    const product = query<Record<string, number>>(`SELECT * FROM totals WHERE dimension='product' AND key='HP202' AND period='all'`)[0];
    expect(product).toMatchObject({ orders: 6, flags: 4 }); // price-above-retail O2, discrimination ×2, hike O9
    expect(query(`SELECT count(*) AS n FROM totals WHERE dimension='month' AND period='all'`)[0]).toEqual({ n: 0 });

    const cap = query<{ agency_id: string; spend_fen: number; crossing_order_no: string | null }>('SELECT * FROM agency_cap_use ORDER BY agency_id');
    expect(cap.map((c) => c.agency_id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(cap.find((c) => c.agency_id === 'A6')).toMatchObject({ crossing_order_no: 'O9', spend_fen: 30 * 173000 + 30 * 195000 });
    expect(cap.find((c) => c.agency_id === 'A1')).toMatchObject({ crossing_order_no: null, spend_fen: 2 * 173000 });
  });

  it('is idempotent: a second run writes identical tables and its own run row', async () => {
    const before = dump(dbPath);
    await runAnalyze({ dbPath });
    expect(dump(dbPath)).toEqual(before);
    const runs = query<{ stage: string; status: string; counts_json: string }>(`SELECT * FROM ingest_runs WHERE stage='analyze' ORDER BY id`);
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok']);
    const counts = JSON.parse(runs[1]!.counts_json);
    expect(counts).toMatchObject({ lines_with_ref: 3, lines_without_ref: 6, flags_by_rule: { 'split-order': 2, 'low-rating': 1 }, matches_by_method: { model: 1 } });
    expect(counts.duration_ms).toBeTypeOf('number');
  });

  it('refuses a database path that does not exist instead of creating an empty one', async () => {
    const missing = path.join(dir, 'typo.db');
    await expect(runAnalyze({ dbPath: missing })).rejects.toThrow(/no database/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('rolls back everything when a write fails, and records the failed run', async () => {
    const before = dump(dbPath);
    const { sqlite, db } = openWriter(dbPath);
    sqlite.prepare(`DELETE FROM orders WHERE order_no = 'O7'`).run(); // would change flags and totals
    sqlite.exec(`CREATE TRIGGER refuse_totals BEFORE INSERT ON totals BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    await db.destroy();

    await expect(runAnalyze({ dbPath })).rejects.toThrow(/disk full/);
    expect(dump(dbPath)).toEqual(before);
    const last = query<{ status: string; error: string }>(`SELECT status, error FROM ingest_runs ORDER BY id DESC LIMIT 1`)[0];
    expect(last).toMatchObject({ status: 'failed', error: expect.stringMatching(/disk full/) });
  });
});
