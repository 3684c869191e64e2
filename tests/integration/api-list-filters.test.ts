import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetApiDb } from '../../src/server/api/db.ts';
import { flagsHandler, ordersHandler } from '../../src/server/api/handlers.ts';
import { seedApiDb } from './api-fixture.ts';

/*
 * The filters of lists (DESIGN §8: year, product, gap band, review state) and the totals of what
 * a filter matches, checked against an independent recomputation from the unfiltered rows.
 */
const N = 200;
const get = async (handler: typeof ordersHandler, qs: string): Promise<any> => {
  const r = await handler(new Request(`http://127.0.0.1${qs}`));
  return { status: r.status, body: await r.json() };
};
const orders = (qs: string) => get(ordersHandler, `/api/orders${qs}`);
let all: any[];
let reviewedOrder: string;

beforeAll(async () => {
  const dbPath = await seedApiDb({ orders: N });
  // Give the fixture's flags stable keys and review two of them (the review trail, DESIGN §7).
  const w = new BetterSqlite3(dbPath);
  w.exec(`UPDATE flags SET key = rule || ':' || id`);
  const [a, b] = w.prepare(`SELECT key, order_no FROM flags WHERE rule = 'price-above-retail' ORDER BY id LIMIT 2`).all() as { key: string; order_no: string }[];
  w.prepare(`INSERT INTO flag_reviews (flag_key, status, note, source_url, reviewed_on) VALUES (?, 'confirmed', '核实', NULL, '2019-01-02'), (?, 'dismissed', '误报', NULL, '2019-01-03')`).run(a!.key, b!.key);
  w.close();
  reviewedOrder = a!.order_no;
  process.env.SUNSHINE_DB = dbPath;
  await resetApiDb();
  all = (await orders('?per_page=500')).body.items;
  expect(all).toHaveLength(N);
});
afterAll(async () => {
  await resetApiDb();
  delete process.env.SUNSHINE_DB;
});

const sumsOf = (items: any[]) => ({
  orders: items.length,
  total_fen: items.filter((o) => o.currency === 'CNY').reduce((s, o) => s + o.total_fen, 0),
  other_currency: items.filter((o) => o.currency !== 'CNY').length,
  overpaid_fen: items.reduce((s, o) => s + o.overpaid_fen, 0),
  saved_fen: items.reduce((s, o) => s + o.saved_fen, 0),
});

describe('list filters of GET /api/orders', () => {
  it('sums cover every matching order, not only the page', async () => {
    const page = (await orders('?agency=A001&per_page=2')).body;
    expect(page.items).toHaveLength(2);
    expect(page.sums).toEqual(sumsOf(all.filter((o) => o.agency.id === 'A001')));
    expect(page.sums.overpaid_fen).toBeGreaterThan(0);
    const everything = (await orders('?per_page=1')).body.sums;
    expect(everything).toEqual(sumsOf(all));
    expect(everything.saved_fen).toBeGreaterThan(0);
  });

  it('an agency, a supplier, a scan, no filter: the same orders in the same order as the whole list filtered, in every sort, direction and page', async () => {
    const agency = all[0].agency.id as string;
    const supplier = all[0].supplier.id as string;
    const cases: [string, (o: any) => boolean][] = [
      [`agency=${agency}`, (o) => o.agency.id === agency],
      [`supplier=${supplier}`, (o) => o.supplier.id === supplier],
      [`agency=${agency}&supplier=${supplier}`, (o) => o.agency.id === agency && o.supplier.id === supplier],
      ['agency=NO-SUCH', () => false],
      ['min_gap_pct=0', (o) => o.gap_bp !== null && o.gap_bp >= 0], // a scan of every order
      ['', () => true], // no filter: a slice of the walk and the index's sums
    ];
    for (const sort of ['date', '-date', 'amount', '-amount', 'gap', '-gap']) {
      const whole = (await orders(`?sort=${sort}&per_page=500`)).body.items as any[];
      expect(whole).toHaveLength(N);
      for (const [filter, keep] of cases) {
        const expected = whole.filter(keep);
        if (!filter.includes('NO-SUCH')) expect(expected.length, filter).toBeGreaterThan(3);
        for (const [page, perPage] of [[1, 500], [1, 2], [2, 2], [3, 2], [99, 2]]) {
          const got = (await orders(`?${filter}&sort=${sort}&page=${page}&per_page=${perPage}`)).body;
          const label = `${filter} sort=${sort} page ${page} of ${perPage}`;
          expect(got.items.map((o: any) => o.order_no), label).toEqual(expected.slice((page! - 1) * perPage!, page! * perPage!).map((o) => o.order_no));
          expect(got.total, label).toBe(expected.length);
          expect(got.sums, label).toEqual(sumsOf(expected));
        }
      }
    }
  });

  it('year is the calendar year of the order day', async () => {
    const years = [...new Set(all.map((o) => o.placed_at.slice(0, 4)))];
    expect(years.length).toBeGreaterThan(1);
    let seen = 0;
    for (const y of years) {
      const r = (await orders(`?year=${y}&per_page=500`)).body;
      expect(r.items.every((o: any) => o.placed_at.startsWith(y))).toBe(true);
      expect(r.total).toBe(all.filter((o) => o.placed_at.startsWith(y)).length);
      seen += r.total;
    }
    expect(seen).toBe(N);
  });

  it('gap bands partition the orders by gap ratio', async () => {
    const band = (bp: number | null) => (bp === null ? 'none' : bp >= 5000 ? 'over-50' : bp >= 2000 ? 'over-20' : bp > 0 ? 'over-0' : 'not-over');
    let seen = 0;
    for (const b of ['over-50', 'over-20', 'over-0', 'not-over', 'none']) {
      const r = (await orders(`?gap_band=${b}&per_page=500`)).body;
      expect(r.total, b).toBe(all.filter((o) => band(o.gap_bp) === b).length);
      seen += r.total;
    }
    expect(seen).toBe(N);
    expect((await orders('?gap_band=over-20')).body.total).toBeGreaterThan(0);
    expect((await orders('?gap_band=huge')).status).toBe(400);
  });

  it('product: the orders that bought a sku', async () => {
    expect((await orders('?product=SKU-P1')).body.total).toBe(N);
    expect((await orders('?product=SKU-P2')).body.total).toBe(0);
    expect((await orders('?product=SKU-P')).body.total).toBe(0); // an exact sku, not a prefix
  });

  it('review: orders with a flag in that review state', async () => {
    const confirmed = (await orders('?review=confirmed')).body;
    expect(confirmed.items.map((o: any) => o.order_no)).toEqual([reviewedOrder]);
    expect((await orders('?review=dismissed')).body.total).toBe(1);
    const flagged = all.filter((o) => o.flags.length > 0).length;
    const unreviewed = (await orders('?review=unreviewed&per_page=500')).body;
    expect(unreviewed.total).toBeGreaterThan(flagged - 3);
    expect(unreviewed.total).toBeLessThanOrEqual(flagged);
    expect(unreviewed.items.every((o: any) => o.flags.length > 0)).toBe(true);
  });
});

describe('GET /api/flags?review=', () => {
  it('filters by review state; the states partition the flags', async () => {
    const total = (await get(flagsHandler, '/api/flags')).body.total;
    const n = async (r: string) => (await get(flagsHandler, `/api/flags?review=${r}`)).body.total;
    expect(await n('confirmed')).toBe(1);
    expect(await n('dismissed')).toBe(1);
    expect(await n('explained')).toBe(0);
    expect(await n('unreviewed')).toBe(total - 2);
    expect((await get(flagsHandler, '/api/flags?review=maybe')).status).toBe(400);
  });

  it('filters by category (a code or its prefix) of the purchase the flag is about', async () => {
    const total = (await get(flagsHandler, '/api/flags')).body.total;
    expect(total).toBeGreaterThan(0);
    const n = async (c: string) => (await get(flagsHandler, `/api/flags?category=${c}`)).body.total;
    // Every fixture order holds a printer (A02021001) and paper (A06040200).
    expect(await n('A0202')).toBe(total);
    expect(await n('A06040200')).toBe(total);
    expect(await n('A0604020')).toBe(total);
    expect(await n('B01')).toBe(0);
    expect(await n('A0202%25')).toBe(0); // "%" is a character here, not a wildcard
  });
});
