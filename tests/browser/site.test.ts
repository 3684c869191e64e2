/**
 * The built site in headless Chromium (issue 4 browser tests): built once from the seeded
 * database plus the search variety, served by the production server (worker.mjs) on 127.0.0.1,
 * so the on-demand list pages and the API answer as they do in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { orderPath, productPath, supplierPath } from '../../src/site/format/paths.ts';
import { writePublicDb } from '../../src/db/public-copy.ts';
import { PWN_SUPPLIER_NAME } from '../fixtures/search-seed.ts';
import { browserAvailability } from './harness.ts';
import { servedSite } from './served-site.ts';

const availability = browserAvailability();
describe.skipIf(!availability.run)(`the built site in Chromium${availability.run ? '' : ` (${(availability as { reason: string }).reason})`}`, () => {
  const served = servedSite('browser');
  const { url, fetchText, openPage } = served;
  const built = (p: string) => fs.existsSync(path.join(served.site.clientDir, decodeURIComponent(p), 'index.html'));

  it('loads the overview with no console errors', async () => {
    const { page, errors } = await openPage();
    const res = await page.goto(url('/'), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
    // If the overview carries the monthly chart, it must draw too.
    if ((await page.locator('sunshine-monthly-chart canvas').count()) > 0) {
      await page.waitForSelector('sunshine-monthly-chart[data-chart-ready="1"]');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the gap of an order against its retail reference', async () => {
    // ES2018071000002: the HP m202dw at ¥1,730 against Suning's ¥1,859 (DESIGN §11): ¥129 below.
    const { page, errors } = await openPage();
    await page.goto(url(orderPath('ES2018071000002')));
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('¥1,730.00');
    expect(text).toContain('¥1,859.00');
    expect(text).toMatch(/[−-]¥129\.00/);
    expect(text).toContain('低于');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ships no JavaScript on an order page', async () => {
    const html = await fetchText(orderPath('ES2018071000002'));
    expect(html).not.toMatch(/<script(?![^>]*type="application\/(ld\+)?json")/);
  });

  it('draws the price history chart of a product', async () => {
    const { page, errors } = await openPage();
    await page.goto(url(productPath('SKU-HP-M202DW')));
    await page.waitForSelector('sunshine-price-chart[data-chart-ready="1"]', { timeout: 10_000 });
    const painted = await page.locator('sunshine-price-chart canvas').evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return { n, total: c.width * c.height };
    });
    expect(painted.total).toBeGreaterThan(0);
    expect(painted.n).toBeGreaterThan(500); // axes, labels, two lines and their points
    // The same numbers as a table, for readers without the canvas.
    const table = page.locator('sunshine-price-chart table');
    await expect(table.locator('caption').textContent()).resolves.toContain('价格走势');
    await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the search box in the header of any page finds an agency', async () => {
    const { page, errors } = await openPage();
    await page.goto(url(orderPath('ES2018071400005')));
    await page.fill('header #site-q', '示例州教育局');
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('header #site-q', 'Enter')]);
    await page.waitForSelector('[data-search-ready="1"]');
    const hrefs = await page.locator('.search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.startsWith('/agencies/'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds 打印机 and narrows the results with a filter', async () => {
    const { page, errors } = await openPage();
    await page.goto(url(`/search/?q=${encodeURIComponent('打印机')}`));
    await page.waitForSelector('[data-search-ready="1"]');
    const status = page.locator('[data-search-status]');
    const all = Number(await status.getAttribute('data-count'));
    expect(all).toBeGreaterThan(1);
    await expect(page.locator('.search-result').count()).resolves.toBe(Math.min(all, 20));
    await expect(page.locator('.search-result a').first().getAttribute('href')).resolves.toMatch(/^\/(orders|products|agencies|suppliers)\//);
    // Each result says what it is, when, and how much; a purchase also says who bought it.
    const facts = await page.locator('.search-result .search-facts').allTextContents();
    expect(facts.every((f) => /^(采购记录|商品|采购单位|供应商) · 日期 \d{4}-\d{2}-\d{2}.* · 金额 /.test(f))).toBe(true);
    expect(facts.some((f) => f.startsWith('采购记录') && f.includes('采购单位 '))).toBe(true);

    await page.selectOption('#search-agency', '示例州教育局');
    await page.waitForFunction((n) => Number(document.querySelector('[data-search-status]')?.getAttribute('data-count')) < n, all);
    const narrowed = Number(await status.getAttribute('data-count'));
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    expect(new URL(page.url()).searchParams.get('agency')).toBe('示例州教育局');

    // The state is in the URL: reloading it gives the same narrowed list.
    await page.reload();
    await page.waitForSelector('[data-search-ready="1"]');
    expect(Number(await status.getAttribute('data-count'))).toBe(narrowed);
    await expect(page.locator('#search-agency').inputValue()).resolves.toBe('示例州教育局');

    // Sorting by amount orders the results by amount; the sort keys exist on every page.
    await page.selectOption('#search-sort', 'amount:desc');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'amount:desc');
    expect(Number(await status.getAttribute('data-count'))).toBe(narrowed);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('sorts across the index shards: newest first over every shard, amounts descending', async () => {
    const { page, errors } = await openPage();
    const amounts = async () => (await page.locator('.search-result .search-facts').allTextContents())
      .map((f) => /金额 ¥([\d,]+\.\d\d)/.exec(f)?.[1]).filter((a): a is string => !!a).map((a) => Number(a.replace(/,/g, '')));
    await page.goto(url(`/search/?kind=${encodeURIComponent('采购记录')}&sort=date:desc`));
    await page.waitForSelector('[data-search-state="results"]');
    const days = (await page.locator('.search-result .search-facts').allTextContents()).map((f) => /日期 (\d{4}-\d{2}-\d{2})/.exec(f)![1]!);
    expect(days.length).toBeGreaterThan(5);
    expect([...days].sort().reverse()).toEqual(days);
    // The newest purchase of the whole database comes first, whatever index it is in.
    const db = new BetterSqlite3(served.dbPath, { readonly: true });
    const newest = (db.prepare(`SELECT substr(placed_at, 1, 10) AS d FROM orders ORDER BY placed_at DESC LIMIT 1`).get() as { d: string }).d;
    db.close();
    expect(days[0]).toBe(newest);
    await page.goto(url(`/search/?kind=${encodeURIComponent('采购记录')}&sort=amount:desc`));
    await page.waitForSelector('[data-search-state="results"]');
    const a = await amounts();
    expect(a.length).toBeGreaterThan(5);
    expect([...a].sort((x, y) => y - x)).toEqual(a);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('explains that search needs JavaScript, with links to the indexes, when it cannot run', async () => {
    const html = await fetchText('/search/');
    expect(html).toMatch(/<div class="search-fallback"[^>]*data-search-fallback[^>]*>/);
    expect(html).not.toMatch(/data-search-fallback[^>]*hidden/);
    expect(html).toMatch(/<form[^>]*data-search-form[^>]*hidden/);
    for (const href of ['/orders/', '/agencies/', '/suppliers/', '/categories/']) expect(html).toContain(`href="${href}"`);
  });

  it('runs none of the script in source text (supplier names, comments, retailer labels)', async () => {
    const pages = [
      orderPath('ES2019013000017'), // the hostile supplier, and a hostile buyer comment
      orderPath('ES2018072000003'), // the seed's <script>alert(1)</script> supplier
      supplierPath('S06'),
      supplierPath('S03'),
      productPath('SKU-CANON-80D'), // a retailer named </script><script>… labels a chart series
      '/orders/',
      '/flags/',
      '/',
      `/search/?q=${encodeURIComponent('示例恶意商行')}`,
    ].filter((p) => p.startsWith('/search/') || p === '/' || built(p) || fs.existsSync(path.join(served.site.clientDir, p)));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const p of pages) {
      const { page, dialogs, errors } = await openPage();
      await page.goto(url(p), { waitUntil: 'networkidle' });
      if (p.startsWith('/search/')) {
        await page.waitForSelector('[data-search-ready="1"]');
        await expect(page.locator('.search-result').count()).resolves.toBeGreaterThan(0);
      }
      if (p === productPath('SKU-CANON-80D')) await page.waitForSelector('sunshine-price-chart[data-chart-ready="1"]');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), p).toBeUndefined();
      expect(dialogs, p).toEqual([]);
      expect(await page.locator('img[src="x"]').count(), p).toBe(0);
      expect(errors, p).toEqual([]);
      await page.close();
    }
    // …and the names are shown as text, not dropped.
    const { page } = await openPage();
    await page.goto(url(orderPath('ES2019013000017')));
    expect(await page.locator('main').innerText()).toContain(PWN_SUPPLIER_NAME.replace(/^"><img[^>]*>/, '').slice(0, 20));
    await page.close();
  }, 120_000);

  describe('downloads', () => {
    const orderCount = () => {
      const db = new BetterSqlite3(served.dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };

    it('orders.csv: BOM, CRLF, one row per order, formula-safe text', async () => {
      const res = await fetch(url('/data/orders.csv'));
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/); // every line break is CRLF (no embedded newlines here)
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(orderCount());
      const hp = rows.find((r) => r.order_no === 'ES2018071000002')!;
      expect(hp).toMatchObject({ total_yuan: '1730.00', total_fen: '173000', net_gap_yuan: '-129.00', net_gap_fen: '-12900' });
      const hostile = rows.find((r) => r.order_no === 'ES2019013000017')!;
      expect(hostile.supplier_name).toBe(PWN_SUPPLIER_NAME);
      for (const r of rows) for (const [k, v] of Object.entries(r)) {
        if (!/_(yuan|fen)$|^(lines|lines_with_ref|rating|gap_bp|gap_percent)$/.test(k)) expect(v, `${k} of ${r.order_no}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    });

    it('order-lines.csv and flags.csv parse, with gaps in yuan and fen', async () => {
      const lines = parse(await fetchText('/data/order-lines.csv'), { bom: true, columns: true }) as Record<string, string>[];
      const hp = lines.find((r) => r.order_no === 'ES2018071000002' && r.line_no === '1')!;
      expect(hp).toMatchObject({ unit_price_yuan: '1730.00', ref_price_yuan: '1859.00', gap_yuan: '-129.00', gap_fen: '-12900', gap_bp: '-694', gap_percent: '-6.94', ref_retailer: 'suning' });
      const flags = parse(await fetchText('/data/flags.csv'), { bom: true, columns: true }) as Record<string, string>[];
      expect(flags.length).toBeGreaterThanOrEqual(10);
      // Readable columns, no JSON blobs: the evidence is the sentence the page shows.
      expect(Object.keys(flags[0]!)).not.toContain('evidence_json');
      for (const f of flags) {
        expect(f.evidence, `flag ${f.id}`).not.toMatch(/^[{\[]/);
        expect(f.rule_name).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(flags.find((f) => f.rule === 'price-above-retail')?.evidence).toMatch(/参考零售价：¥[\d,]+\.\d\d/);
    });

    it('orders.json holds every order with its lines and flags', async () => {
      const doc = JSON.parse(await fetchText('/data/orders.json')) as { orders: { order_no: string; lines: unknown[]; flags: unknown[] }[] };
      expect(doc.orders).toHaveLength(orderCount());
      const split = doc.orders.find((o) => o.order_no === 'ES2018090300007')!;
      expect(split.flags.length).toBeGreaterThan(0);
      expect(JSON.stringify(doc)).not.toMatch(/1390000|张小明|contact/); // no personal data
    });

    it('sunshine-public.db holds only the public tables and is reproducible byte for byte', async () => {
      const file = path.join(served.site.clientDir, 'data', 'sunshine-public.db');
      const db = new BetterSqlite3(file, { readonly: true });
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      const orders = (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
      db.close();
      for (const t of ['agencies', 'suppliers', 'categories', 'listings', 'listing_prices', 'orders', 'order_lines', 'retail_observations', 'matches', 'line_gaps', 'flags', 'ingest_runs', 'rejects']) {
        expect(tables).toContain(t);
      }
      // The archived source records and internal state never leave the working database (DESIGN §3).
      for (const t of ['raw_records', 'source_state', 'meta']) expect(tables).not.toContain(t);
      expect(orders).toBe(orderCount());
      const again = path.join(served.dbDir, 'again.db');
      writePublicDb(served.dbPath, again);
      expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
    });
  });
});
