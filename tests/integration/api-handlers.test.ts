import { ORDER_COLUMNS } from '../../src/downloads/datasets.ts';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDb, resetApiDb } from '../../src/server/api/db.ts';
import { flagsHandler, orderHandler, ordersHandler, productPricesHandler } from '../../src/server/api/handlers.ts';
import { seedApiDb } from './api-fixture.ts';

/*
 * The API's Request → Response handlers against a seeded database, without a server (the
 * real server is exercised in nightly-real-build.test.ts). 200 orders; see api-fixture.ts.
 */

const N = 200;
let dbPath: string;
const hash = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

const get = (pathAndQuery: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1${pathAndQuery}`, { headers });
async function json(res: Response | Promise<Response>): Promise<any> {
  const r = await res;
  return { status: r.status, headers: r.headers, body: r.status === 304 ? null : await r.json() };
}
const orders = (qs = '') => json(ordersHandler(get(`/api/orders${qs}`)));

beforeAll(async () => {
  dbPath = await seedApiDb({ orders: N });
  process.env.SUNSHINE_DB = dbPath;
  await resetApiDb();
});
afterAll(async () => {
  await resetApiDb();
  delete process.env.SUNSHINE_DB;
});

describe('GET /api/orders', () => {
  it('lists with the envelope, newest first, 50 by default', async () => {
    const { status, body, headers } = await orders();
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    expect(body).toMatchObject({ total: N, page: 1, per_page: 50 });
    expect(body.items).toHaveLength(50);
    const days = body.items.map((o: any) => o.placed_at);
    expect([...days].sort().reverse()).toEqual(days);
    const first = body.items[0];
    expect(first).toMatchObject({ agency: { id: expect.any(String), name: expect.any(String) }, lines: 2, currency: 'CNY' });
    expect(first.total_yuan).toBe((first.total_fen / 100).toFixed(2));
    expect(JSON.stringify(body)).not.toMatch(/contact|phone|13\d{9}/);
  });

  it('filters by agency, supplier, category prefix, flag, gap, dates and order_no prefix', async () => {
    const byAgency = (await orders('?agency=A001&per_page=500')).body;
    expect(byAgency.total).toBe(N / 20);
    expect(byAgency.items.every((o: any) => o.agency.id === 'A001')).toBe(true);

    expect((await orders('?supplier=S02')).body.total).toBe(N / 8);
    expect((await orders('?category=A0202')).body.total).toBe(N);
    expect((await orders('?category=A06040200')).body.total).toBe(N);
    expect((await orders('?category=B')).body.total).toBe(0);

    const low = (await orders('?flag=low-rating&per_page=500')).body;
    expect(low.total).toBe(Math.floor(N / 7));
    expect(low.items.every((o: any) => o.flags.includes('low-rating') && o.rating === 1)).toBe(true);

    const gaps = (await orders('?min_gap_pct=20&per_page=500')).body;
    expect(gaps.total).toBe(N / 5);
    expect(gaps.items.every((o: any) => o.gap_bp >= 2000 && o.gap_pct === '25.00')).toBe(true);
    // overpayment = gap × quantity (1–3 printers per order)
    expect(gaps.items.every((o: any) => o.overpaid_fen > 0 && o.overpaid_fen % 46475 === 0 && o.overpaid_yuan === (o.overpaid_fen / 100).toFixed(2))).toBe(true);

    const july = (await orders('?from=2018-07-01&to=2018-07-31&per_page=500')).body;
    expect(july.total).toBeGreaterThan(0);
    expect(july.items.every((o: any) => o.placed_at >= '2018-07-01' && o.placed_at < '2018-08-01')).toBe(true);
    const oneDay = july.items[0].placed_at.slice(0, 10);
    const day = (await orders(`?from=${oneDay}&to=${oneDay}&per_page=500`)).body;
    expect(day.items.every((o: any) => o.placed_at.startsWith(oneDay))).toBe(true);

    const prefix = (await orders('?q=PO-00001&per_page=500')).body;
    expect(prefix.items.map((o: any) => o.order_no).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `PO-0000${10 + i}`));
    expect((await orders('?q=PO%2F2018')).body.items.map((o: any) => o.order_no)).toEqual(['PO/2018/3']);
  });

  it('LIKE wildcards and SQL in q are plain text', async () => {
    for (const q of ['%', '_', 'PO-%', `' OR 1=1 --`, `'; DELETE FROM orders; --`, '") UNION SELECT * FROM ingest_runs --']) {
      const r = await orders(`?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(0);
    }
    expect((await orders(`?agency=${encodeURIComponent("A001' OR '1'='1")}`)).body.total).toBe(0);
  });

  it('sorts by amount and gap in both directions', async () => {
    const desc = (await orders('?sort=-amount&per_page=500')).body.items.map((o: any) => o.total_fen);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = (await orders('?sort=amount&order=asc&per_page=500')).body.items.map((o: any) => o.total_fen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const gap = (await orders('?sort=gap&order=desc&per_page=500')).body.items.map((o: any) => o.gap_bp);
    expect(gap).toEqual([...gap].sort((a, b) => b - a));
  });

  it('pages: per_page up to 500, beyond the last page is empty, 501 is a 400', async () => {
    const p = (await orders('?per_page=30&page=7')).body;
    expect(p).toMatchObject({ total: N, page: 7, per_page: 30 });
    expect(p.items).toHaveLength(N - 6 * 30);
    const beyond = (await orders('?page=999')).body;
    expect(beyond).toEqual({ items: [], total: N, page: 999, per_page: 50, sums: expect.objectContaining({ orders: N }) });
    const all = await orders('?per_page=500');
    expect(all.body.items).toHaveLength(N);
    const over = await orders('?per_page=501');
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ error: expect.stringContaining('500'), parameter: 'per_page' });
    expect(over.headers.get('cache-control')).toBe('no-store');
  });

  it('400 for unknown parameters, unknown sorts and huge numbers', async () => {
    for (const [qs, parameter] of [
      ['?sort=price', 'sort'], ['?limit=10', 'limit'], ['?page=1e400', 'page'], ['?min_gap_pct=99999999999', 'min_gap_pct'],
      ['?flag=%27%20OR%201%3D1', 'flag'], ['?from=2018-13-01', 'from'],
    ] as const) {
      const r = await orders(qs);
      expect(r.status, qs).toBe(400);
      expect(r.body.parameter).toBe(parameter);
    }
  });

  it('CSV: BOM, CRLF, formula-safe text, same page as JSON', async () => {
    const res = await ordersHandler(get('/api/orders?supplier=S08&per_page=5&format=csv&sort=date&order=asc'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('x-total-count')).toBe(String(N / 8));
    // Read the bytes: Response.text() would strip the BOM we are checking for.
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = text.split('\r\n');
    // One dataset, one definition: the API's CSV has exactly the columns of /data/orders.csv.
    expect(rows[0]).toBe(ORDER_COLUMNS.map((c) => c.header).join(','));
    const json = (await (await ordersHandler(get('/api/orders?supplier=S08&per_page=5&sort=date&order=asc'))).json()) as { items: { order_no: string }[] };
    expect(rows.slice(1, -1).map((r) => r.split(',')[0])).toEqual(json.items.map((o) => o.order_no));
    expect(rows).toHaveLength(1 + 5 + 1); // header, rows, trailing empty after the last CRLF
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });
});

describe('GET /api/orders/{order_no}', () => {
  it('gives lines with reference and gap evidence, and flags', async () => {
    const { status, body } = await json(orderHandler(get('/api/orders/PO-000005'), 'PO-000005'));
    expect(status).toBe(200);
    expect(body.order_no).toBe('PO-000005');
    expect(body.lines).toHaveLength(2);
    expect(body.lines[0]).toMatchObject({
      sku: 'SKU-P1', unit_price_fen: 232375, unit_price_yuan: '2323.75',
      gap: { reference: { price_fen: 185900, retailer: 'suning', url: expect.stringMatching(/^https:/) }, gap_fen: 46475, gap_bp: 2500, gap_pct: '25.00' },
    });
    expect(body.lines[1].gap).toBeNull();
    expect(body.flags.map((f: any) => f.rule)).toEqual(['price-above-retail']);
    expect(body.flags[0].evidence).toEqual({ gap_fen: 46475 });
  });

  it('says where each purchase came from: feed hash, OCDS ocid and publisher prefix, CSV file and rows', async () => {
    const feed = (await json(orderHandler(get('/api/orders/PO-000005'), 'PO-000005'))).body;
    expect(feed.provenance).toEqual({ kind: 'feed', source: 'feed:test', record_hash: 'h', ingest_run: 1, archived: true });
    const ocds = (await json(orderHandler(get('/api/orders/PO-000002'), 'PO-000002'))).body;
    expect(ocds.provenance).toMatchObject({
      kind: 'ocds', source: 'ocds:test', record_hash: 'h-ocds', archived: true,
      ocds: { ocid: 'ocds-abc123-0002', publisher: null, publisher_prefix: 'ocds-abc123', contract: 'C-2', files: ['records.json'] },
    });
    const csv = (await json(orderHandler(get('/api/orders/PO-000004'), 'PO-000004'))).body;
    expect(csv.provenance.csv).toEqual({ files: [{ file: 'orders.csv', rows: [5] }, { file: 'order-lines.csv', rows: [8, 9] }], derived: ['total'] });
    const none = (await json(orderHandler(get('/api/orders/PO-000001'), 'PO-000001'))).body;
    expect(none.provenance).toMatchObject({ kind: 'feed', archived: false });
  });

  it('works for an order number with a slash, 404s an unknown one, 400s junk and extra parameters', async () => {
    expect((await json(orderHandler(get('/api/orders/PO%2F2018%2F3'), 'PO/2018/3'))).body.order_no).toBe('PO/2018/3');
    const missing = await json(orderHandler(get('/api/orders/NOPE'), 'NOPE'));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/NOPE/);
    expect((await json(orderHandler(get('/api/orders/x'), 'x'.repeat(500)))).status).toBe(400);
    const extra = await json(orderHandler(get('/api/orders/PO-000005?expand=all'), 'PO-000005'));
    expect(extra).toMatchObject({ status: 400, body: { parameter: 'expand' } });
  });
});

describe('GET /api/products/{sku}/prices', () => {
  it('platform series and one retail series per retailer for a matched product', async () => {
    const { status, body } = await json(productPricesHandler(get('/api/products/SKU-P1/prices'), 'SKU-P1'));
    expect(status).toBe(200);
    expect(body.match).toEqual({ product_key: 'hp:M202DW', method: 'model', confidence: 0.95 });
    expect(body.platform).toEqual([
      { day: '2018-07-01', price_fen: 173000, price_yuan: '1730.00' },
      { day: '2018-08-01', price_fen: 175000, price_yuan: '1750.00' },
    ]);
    // Every observation with the product's key, referenced or not (tmall never was), sale prices
    // only (jd's 划线价 is left out); a price in another currency keeps its currency.
    expect(body.retail.map((s: any) => [s.retailer, s.points.length])).toEqual([['amazon', 1], ['jd', 2], ['suning', 1], ['tmall', 1]]);
    const jd = body.retail.find((s: any) => s.retailer === 'jd');
    expect(jd.points.map((p: any) => p.day)).toEqual(['2018-07-02', '2018-08-02']);
    expect(jd.points[0]).toEqual({
      day: '2018-07-02', price_fen: 179900, price_yuan: '1799.00', currency: 'CNY', unit: '台', self_operated: true, price_kind: 'sale',
      url: 'https://example.com/jd/1',
    });
    expect(body.retail.find((s: any) => s.retailer === 'amazon').points[0]).toMatchObject({ currency: 'USD', price_fen: 25900 });
    expect(body.purchases).toBe(N);
  });

  it('a matched product nobody bought still has its retail series', async () => {
    const { body } = await json(productPricesHandler(get('/api/products/SKU-P2/prices'), 'SKU-P2'));
    expect(body).toMatchObject({ match: { product_key: 'brother:HL2260D' }, purchases: 0 });
    expect(body.retail).toEqual([
      { retailer: 'jd', points: [expect.objectContaining({ day: '2018-07-03', price_fen: 89900, url: 'https://example.com/jd/2' })] },
    ]);
  });

  it('an unmatched product has no retail series; an unknown sku is a 404', async () => {
    const c1 = await json(productPricesHandler(get('/api/products/SKU-C1/prices'), 'SKU-C1'));
    expect(c1.body).toMatchObject({ match: { product_key: null, method: 'none' }, retail: [] });
    expect((await json(productPricesHandler(get('/api/products/NOPE/prices'), 'NOPE'))).status).toBe(404);
  });
});

describe('GET /api/flags', () => {
  it('filters by rule, agency, supplier and year', async () => {
    const all = (await json(flagsHandler(get('/api/flags?per_page=500')))).body;
    expect(all.total).toBe(Math.floor(N / 7) + N / 5);
    const low = (await json(flagsHandler(get('/api/flags?rule=low-rating&per_page=500')))).body;
    expect(low.total).toBe(Math.floor(N / 7));
    expect(low.items[0]).toMatchObject({ rule: 'low-rating', evidence: { rating: 1 }, rule_version: '2025.1' });
    const a = (await json(flagsHandler(get('/api/flags?agency=A001&per_page=500')))).body;
    expect(a.items.every((f: any) => f.agency_id === 'A001')).toBe(true);
    const y2019 = (await json(flagsHandler(get('/api/flags?year=2019&per_page=500')))).body;
    const y2018 = (await json(flagsHandler(get('/api/flags?year=2018&per_page=500')))).body;
    expect(y2018.total + y2019.total).toBe(all.total);
    expect(y2019.items.every((f: any) => f.placed_at.startsWith('2019'))).toBe(true);
    expect((await json(flagsHandler(get('/api/flags?rule=nope')))).body.parameter).toBe('rule');
  });
});

describe('caching and the read-only guarantee', () => {
  it('ETag from the data version; If-None-Match gives 304', async () => {
    const first = await ordersHandler(get('/api/orders?agency=A002'));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"v1-\d+-[0-9a-f]{12}"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await ordersHandler(get('/api/orders?agency=A002', { 'if-none-match': etag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const weak = await flagsHandler(get('/api/flags', { 'if-none-match': `"other", W/${etag}` }));
    expect(weak.status).toBe(304);
    // Bad input is still a 400, not a 304; a missing order still a 404 (RFC 9110 §13.2.1).
    expect((await ordersHandler(get('/api/orders?sort=x', { 'if-none-match': etag }))).status).toBe(400);
    expect((await orderHandler(get('/api/orders/NO-SUCH', { 'if-none-match': etag }), 'NO-SUCH')).status).toBe(404);
  });

  it('nothing can write through the API connection, and requests leave the file untouched', async () => {
    const before = hash(dbPath);
    const { sqlite } = apiDb();
    expect(() => sqlite.exec(`DELETE FROM orders`)).toThrow(/readonly|query_only|attempt to write/i);
    expect(() => sqlite.prepare(`UPDATE orders SET total_fen = 0`).run()).toThrow();
    for (const q of [`x'; DELETE FROM orders; --`, `x"); DROP TABLE orders; --`]) {
      expect((await orders(`?q=${encodeURIComponent(q)}`)).status).toBe(200);
      expect((await json(orderHandler(get('/api/orders/x'), q))).status).toBe(404);
    }
    expect((await orders()).body.total).toBe(N);
    expect(hash(dbPath)).toBe(before);
  });

  it('a newly published database is picked up within a second, with a new ETag', async () => {
    const etag1 = (await ordersHandler(get('/api/orders'))).headers.get('etag');
    const next = await seedApiDb({ orders: 10, dir: fs.mkdtempSync(path.join(path.dirname(dbPath), 'next-')) });
    fs.renameSync(next, dbPath);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await ordersHandler(get('/api/orders'));
    expect(res.headers.get('etag')).not.toBe(etag1);
    expect((await res.json()).total).toBe(10);
  });
});
