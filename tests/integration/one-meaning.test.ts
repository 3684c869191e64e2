/**
 * One meaning for every number (issue 14): the same question asked of the site's read layer,
 * the /data/ download and the API gets the same answer — each order's gap, its overpayment,
 * and the order of the "by gap" lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { loadDataset } from '../../src/db/queries/datasets.ts';
import { resetApiDb } from '../../src/server/api/db.ts';
import { ordersHandler } from '../../src/server/api/handlers.ts';
import { seedApiDb } from './api-fixture.ts';

let dbPath: string;
beforeAll(async () => {
  dbPath = await seedApiDb({ orders: 400 });
  process.env.SUNSHINE_DB = dbPath;
  await resetApiDb();
});
afterAll(async () => {
  await resetApiDb();
  delete process.env.SUNSHINE_DB;
});

const api = async (q: string) =>
  ((await (await ordersHandler(new Request(`http://127.0.0.1/api/orders${q}`))).json()) as { items: { order_no: string; gap_bp: number | null; overpaid_fen: number }[] }).items;

describe('the same figures on a page, in a download and from the API', () => {
  it('each order: gap ratio and overpayment agree between orders.csv rows and the API', async () => {
    const sqlite = new BetterSqlite3(dbPath, { readonly: true });
    const rows = new Map(loadDataset(sqlite).orders.map((o) => [o.order_no, o]));
    sqlite.close();
    const items = await api('?per_page=500');
    expect(items.length).toBeGreaterThan(100);
    let withGap = 0;
    for (const o of items) {
      const r = rows.get(o.order_no)!;
      expect(o.gap_bp, o.order_no).toBe(r.gap_bp);
      expect(o.overpaid_fen, o.order_no).toBe(r.overpaid_fen ?? 0);
      if (r.gap_bp !== null) withGap++;
    }
    expect(withGap).toBeGreaterThan(10);
  });

  it('sorting by gap: the API and the site list order the orders the same way', async () => {
    process.env.SUNSHINE_DB = dbPath;
    const { topOrders } = await import('../../src/db/queries/orders.ts');
    const site = topOrders('gap', 100).filter((o) => o.gap_bp !== null).map((o) => o.order_no);
    const viaApi = (await api('?sort=gap&order=desc&per_page=100')).filter((o) => o.gap_bp !== null).map((o) => o.order_no);
    expect(site.length).toBeGreaterThan(10);
    expect(viaApi.slice(0, site.length)).toEqual(site);
  });
});
