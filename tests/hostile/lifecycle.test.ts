/**
 * No false accusations (DESIGN §3, Order lifecycle): a purchase that a newer version refunds,
 * cancels or returns counts nowhere. Two databases are analysed: one where some orders were
 * completed and later withdrawn, one where those orders were never bought. Every derived
 * table (totals, cap use, flags, the gaps of counting orders) must be identical, and the
 * withdrawn orders' own rows must say what happened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/analyze/run.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

const line = (yuan: number, qty = 1) => ({
  sku: 'SKU-1', title: '惠普 M202dw 打印机', brand: '惠普', model: 'M202dw', unit: '台', quantity: qty,
  unit_price: yuan.toFixed(2), amount: (yuan * qty).toFixed(2),
});

/** An order of `yuan` on `day` (July 2018 unless a full date is given) by `agency`. */
function order(no: string, agency: string, day: string, yuan: number, over: Record<string, unknown> = {}) {
  const date = day.length === 2 ? `2018-07-${day}` : day;
  return makeOrder(no, {
    buyer: { id: agency, name: `示例单位${agency}` },
    placed_at: `${date}T10:00:00`, completed_at: `${date}T16:00:00`, updated_at: `${date}T16:00:00`,
    lines: [line(yuan)], total: yuan.toFixed(2), evaluation: null, ...over,
  });
}

const KEPT = [
  order('A', 'AG1', '02', 60_000), // with B: a split-order pair (same agency, supplier, category, 7 days, ≥ cap)
  order('D1', 'AG3', '2018-03-01', 95_000),
];
const WITHDRAWN = [
  order('B', 'AG1', '05', 50_000),
  order('C', 'AG2', '06', 1_730, { evaluation: { rating: 1, comment: '很差', at: '2018-07-07T09:00:00' } }), // low-rating
  order('D2', 'AG3', '2018-05-01', 20_000), // crosses AG3's annual cap
];
const withdrawal = (o: Record<string, unknown>, status: string) => ({
  ...o, status, updated_at: '2018-08-01T09:00:00', lines: [], total: '0',
});

const DERIVED = ['totals', 'agency_cap_use', 'flags'];

async function build(orderBatches: unknown[][]): Promise<string> {
  const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-')), 'db.sqlite');
  for (const orders of orderBatches) {
    const dir = writeFeedDir({ 'listings.json': [makeListing('SKU-1')], 'orders.json': orders });
    const r = await runIngest({ dbPath, sources: [feedDirSource(dir, 'feed:e-mall')], categoriesFile: '/nonexistent' });
    expect(r.status, r.error).toBe('ok');
  }
  await runAnalyze({ dbPath });
  return dbPath;
}

function rows(dbPath: string, sql: string): unknown[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** A table without the columns that name runs or rowids (which differ between two databases by construction). */
const derived = (dbPath: string, table: string) =>
  rows(dbPath, `SELECT * FROM ${table} ORDER BY 1, 2, 3`).map((r) => {
    const { id: _id, ...rest } = r as Record<string, unknown>;
    return rest;
  });

describe('a refunded, cancelled or returned purchase counts nowhere', () => {
  let withdrawn: string;
  let neverBought: string;
  let allCompleted: string;

  beforeAll(async () => {
    withdrawn = await build([
      [...KEPT, ...WITHDRAWN],
      [withdrawal(WITHDRAWN[0]!, 'refunded'), withdrawal(WITHDRAWN[1]!, '已取消'), withdrawal(WITHDRAWN[2]!, 'returned')],
    ]);
    neverBought = await build([KEPT]);
    allCompleted = await build([[...KEPT, ...WITHDRAWN]]);
  }, 60_000);

  it('the scenario is not vacuous: completed, the orders raise split-order, low-rating and annual-over-cap', () => {
    const rules = rows(allCompleted, `SELECT rule, order_no FROM flags ORDER BY rule, order_no`);
    expect(rules).toEqual(expect.arrayContaining([
      { rule: 'split-order', order_no: 'A' }, { rule: 'split-order', order_no: 'B' },
      { rule: 'low-rating', order_no: 'C' }, { rule: 'annual-over-cap', order_no: 'D2' },
    ]));
  });

  for (const table of DERIVED) {
    it(`${table} is exactly as if the withdrawn orders were never bought`, () => {
      expect(derived(withdrawn, table)).toEqual(derived(neverBought, table));
    });
  }

  it('the partner of a withdrawn split-order is no longer flagged', () => {
    expect(rows(withdrawn, `SELECT rule FROM flags WHERE order_no = 'A'`)).toEqual([]);
  });

  it('the withdrawn orders keep their rows, say how and when, and keep their lines', () => {
    expect(rows(withdrawn, `SELECT order_no, status, withdrawn_at FROM orders WHERE status <> 'completed' ORDER BY order_no`)).toEqual([
      { order_no: 'B', status: 'refunded', withdrawn_at: '2018-08-01T09:00:00+08:00' },
      { order_no: 'C', status: 'cancelled', withdrawn_at: '2018-08-01T09:00:00+08:00' },
      { order_no: 'D2', status: 'returned', withdrawn_at: '2018-08-01T09:00:00+08:00' },
    ]);
    expect(rows(withdrawn, `SELECT COUNT(*) AS n FROM order_lines WHERE order_no IN ('B', 'C', 'D2')`)).toEqual([{ n: 3 }]);
  });

  it('an older completed version arriving after the refund does not bring the purchase back', async () => {
    const dbPath = await build([
      [...KEPT, WITHDRAWN[0]!],
      [withdrawal(WITHDRAWN[0]!, 'refunded')],
      [WITHDRAWN[0]!],
    ]);
    expect(rows(dbPath, `SELECT status FROM orders WHERE order_no = 'B'`)).toEqual([{ status: 'refunded' }]);
    expect(rows(dbPath, `SELECT rule FROM flags WHERE order_no IN ('A', 'B')`)).toEqual([]);
  });

  it('a refund read before the completed version it undoes: the purchase arrives withdrawn (same night or later)', async () => {
    const sameNight = await build([[...KEPT, withdrawal(WITHDRAWN[0]!, 'refunded'), WITHDRAWN[0]!]]);
    const nextNight = await build([[...KEPT, withdrawal(WITHDRAWN[0]!, 'refunded')], [WITHDRAWN[0]!]]);
    for (const dbPath of [sameNight, nextNight]) {
      expect(rows(dbPath, `SELECT status FROM orders WHERE order_no = 'B'`)).toEqual([{ status: 'refunded' }]);
      expect(rows(dbPath, `SELECT rule FROM flags WHERE order_no IN ('A', 'B')`)).toEqual([]);
      expect(derived(dbPath, 'totals')).toEqual(derived(neverBought, 'totals'));
    }
  });

  it('a newer completed version (the refund reversed) counts again', async () => {
    const dbPath = await build([
      [...KEPT, WITHDRAWN[0]!],
      [withdrawal(WITHDRAWN[0]!, 'refunded')],
      [{ ...WITHDRAWN[0]!, updated_at: '2018-09-01T09:00:00' }],
    ]);
    expect(rows(dbPath, `SELECT status, withdrawn_at FROM orders WHERE order_no = 'B'`)).toEqual([{ status: 'completed', withdrawn_at: null }]);
    expect(rows(dbPath, `SELECT order_no FROM flags WHERE rule = 'split-order' ORDER BY order_no`)).toEqual([{ order_no: 'A' }, { order_no: 'B' }]);
  });

  it('a partial refund (a completed version with fewer lines) replaces the lines', async () => {
    const two = order('P', 'AG9', '10', 0, { lines: [line(1_000), line(500, 2)], total: '2000.00' });
    const dbPath = await build([[two], [{ ...two, lines: [line(1_000)], total: '1000.00', updated_at: '2018-07-20T09:00:00' }]]);
    expect(rows(dbPath, `SELECT line_no, amount_fen FROM order_lines WHERE order_no = 'P'`)).toEqual([{ line_no: 1, amount_fen: 100_000 }]);
    expect(rows(dbPath, `SELECT spend_fen FROM totals WHERE dimension = 'agency' AND key = 'AG9' AND period = 'all'`)).toEqual([{ spend_fen: 100_000 }]);
  });

  it('orders in progress are kept out of the public tables until completed; a withdrawal of an unknown order publishes nothing', async () => {
    const dbPath = await build([[order('Q', 'AG8', '11', 100, { status: 'shipped' }), withdrawal(order('R', 'AG8', '12', 100), 'refunded')]]);
    expect(rows(dbPath, `SELECT order_no FROM orders`)).toEqual([]);
  });
});

describe('a withdrawal read again', () => {
  it('changes nothing the second time: same status, same run, reported unchanged', async () => {
    const refund = withdrawal(KEPT[0]!, 'refunded');
    const dbPath = await build([[KEPT[0]!], [refund]]);
    const before = rows(dbPath, `SELECT status, withdrawn_at, ingest_run FROM orders WHERE order_no = 'A'`);
    expect(before).toEqual([{ status: 'refunded', withdrawn_at: '2018-08-01T09:00:00+08:00', ingest_run: expect.any(Number) }]);
    const dir = writeFeedDir({ 'listings.json': [makeListing('SKU-1')], 'orders.json': [refund] });
    const again = await runIngest({ dbPath, sources: [feedDirSource(dir, 'feed:e-mall')], categoriesFile: '/nonexistent' });
    expect(again.status, again.error).toBe('ok');
    expect(rows(dbPath, `SELECT status, withdrawn_at, ingest_run FROM orders WHERE order_no = 'A'`)).toEqual(before);
  });
});
