/**
 * Lists that answer questions (issue 16): the filtered lists rendered on request, their totals
 * and CSV, paging without JavaScript, the audit view's filters, and counts that agree across
 * the overview, /orders/, /data/, /flags/, the search index, the API, the downloads and the
 * database. Built from the search seed and served by the production server.
 */
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { agencyPath } from '../../src/site/format/paths.ts';
import { browserAvailability } from './harness.ts';
import { LOAD_MERGED_INDEX, servedSite } from './served-site.ts';

const availability = browserAvailability();

describe.skipIf(!availability.run)(`lists in Chromium${availability.run ? '' : ` (${(availability as { reason: string }).reason})`}`, () => {
  const served = servedSite('lists');
  const { url, fetchText, openPage } = served;

  it('counts agree: overview, /orders/, /data/, /flags/, the search index, the API, the downloads and the database', async () => {
    const db = new BetterSqlite3(served.dbPath, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const orders = count(`SELECT COUNT(*) AS n FROM orders WHERE status = 'completed'`);
    const withdrawn = count(`SELECT COUNT(*) AS n FROM orders WHERE status <> 'completed'`);
    const flags = count(`SELECT COUNT(*) AS n FROM flags`);
    db.close();
    expect(orders).toBeGreaterThan(10);
    const shown = async (p: string, what: string) => {
      const m = new RegExp(`data-count="${what}"[^>]*>([\\d,]+)`).exec(await fetchText(p));
      expect(m, `${what} on ${p}`).not.toBeNull();
      return Number(m![1]!.replace(/,/g, ''));
    };
    expect(await shown('/', 'orders')).toBe(orders);
    expect(await shown('/orders/', 'orders')).toBe(orders);
    expect(await shown('/data/', 'orders')).toBe(orders);
    expect(await shown('/data/', 'withdrawn')).toBe(withdrawn);
    expect(await shown('/data/', 'flags')).toBe(flags);
    expect(await shown('/flags/', 'flags')).toBe(flags);
    expect((JSON.parse(await fetchText('/api/orders?per_page=1')) as { total: number }).total).toBe(orders);
    expect((JSON.parse(await fetchText('/api/flags?per_page=1')) as { total: number }).total).toBe(flags);
    const csv = parse(await fetchText('/data/orders.csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.filter((r) => r.status === 'completed')).toHaveLength(orders);
    expect(parse(await fetchText('/data/flags.csv'), { bom: true, columns: true })).toHaveLength(flags);
    // The search index counts its pages by type: the purchases it holds are the purchases that count.
    const { page } = await openPage();
    await page.goto(url('/search/'));
    await page.evaluate(LOAD_MERGED_INDEX);
    const kinds = (await page.evaluate('window.__pf.filters().then((f) => f.kind ?? {})')) as Record<string, number>;
    expect(kinds['采购记录']).toBe(orders);
    expect(kinds['已撤销的采购'] ?? 0).toBe(withdrawn);
    await page.close();
  }, 60_000);

  describe('lists that filter, sort and export (served on request)', () => {
    const q = <T,>(sql: string, ...args: unknown[]): T[] => {
      const db = new BetterSqlite3(served.dbPath, { readonly: true });
      try {
        return db.prepare(sql).all(...args) as T[];
      } finally {
        db.close();
      }
    };
    const orderLinks = (html: string) => [...html.matchAll(/<tr><td>[^<]*<\/td><td><a href="(\/orders\/[^"]+\/)"/g)].map((m) => m[1]!);

    it('the filter form of an agency page narrows its orders; the CSV holds exactly the rows shown', async () => {
      // The agency with purchases in the most years, so a year filter must drop some of them.
      const [agency] = q<{ agency_id: string; n: number; years: number }>(
        `SELECT agency_id, COUNT(*) AS n, COUNT(DISTINCT substr(placed_at, 1, 4)) AS years FROM orders WHERE status = 'completed'
         GROUP BY agency_id ORDER BY years DESC, n DESC, agency_id LIMIT 1`,
      );
      expect(agency!.years).toBeGreaterThan(1);
      const [{ y }] = q<{ y: string }>(`SELECT substr(placed_at, 1, 4) AS y FROM orders WHERE agency_id = ? AND status = 'completed' GROUP BY y ORDER BY COUNT(*) DESC LIMIT 1`, agency!.agency_id) as [{ y: string }];
      const inYear = q<{ order_no: string }>(`SELECT order_no FROM orders WHERE agency_id = ? AND status = 'completed' AND substr(placed_at, 1, 4) = ?`, agency!.agency_id, y);

      const { page, errors } = await openPage();
      await page.goto(url(agencyPath(agency!.agency_id)));
      await page.selectOption('#f-year', y);
      await Promise.all([page.waitForURL(/\/filter\/orders\/\?/), page.locator('form.filters button[type=submit]').click()]);
      const shown = new URL(page.url());
      expect(shown.searchParams.get('agency')).toBe(agency!.agency_id);
      expect(shown.searchParams.get('year')).toBe(y);
      expect([...shown.searchParams.values()]).not.toContain(''); // empty fields dropped from the permalink
      expect(await page.locator('[data-filter-total]').getAttribute('data-filter-total')).toBe(String(inYear.length));
      const rows = await page.locator('table tbody tr').count();
      expect(rows).toBe(Math.min(inYear.length, 100));
      const days = await page.locator('table tbody tr td:first-child').allInnerTexts();
      expect(days.every((d) => d.startsWith(y))).toBe(true);

      const csvHref = await page.locator('[data-filter-csv]').getAttribute('href');
      const csv = parse(await fetchText(csvHref!), { bom: true, columns: true }) as Record<string, string>[];
      const tableNos = await page.locator('table tbody tr td:nth-child(2) > a:first-child').allInnerTexts();
      expect(csv.map((r) => r.order_no)).toEqual(tableNos.map((n) => n.trim()));
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it('sorts by amount from the URL and keeps the filters in the pager links', async () => {
      const html = await fetchText('/filter/orders/?sort=-amount&per_page=5');
      const amounts = [...html.matchAll(/<td class="num">¥([\d,]+\.\d\d)<\/td>/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
      expect(amounts.length).toBeGreaterThan(1);
      expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
      expect(html).toContain('href="/filter/orders/?sort=-amount&amp;per_page=5&amp;page=2"');
    });

    it('every purchase that counts is reachable without JavaScript, page by page', async () => {
      const expected = q<{ order_no: string }>(`SELECT order_no FROM orders WHERE status = 'completed'`).length;
      const seen = new Set<string>();
      for (let p = 1; p < 1000; p++) {
        const links = orderLinks(await fetchText(`/filter/orders/?per_page=7&page=${p}`));
        if (links.length === 0) break;
        for (const l of links) seen.add(l);
      }
      expect(seen.size).toBe(expected);
    });

    it('a bad parameter is a 400 page that says which, not an error or the whole list', async () => {
      const res = await fetch(url('/filter/orders/?year=abc'));
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('筛选条件有误');
      expect(html).toContain('year');
      expect(orderLinks(html)).toEqual([]);
    });

    it('the audit view filters by rule and review state, with the count of the database', async () => {
      const [top] = q<{ rule: string; n: number }>(`SELECT rule, COUNT(*) AS n FROM flags GROUP BY rule ORDER BY n DESC, rule LIMIT 1`);
      const html = await fetchText(`/filter/flags/?rule=${top!.rule}`);
      expect(html).toContain(`data-filter-total="${top!.n}"`);
      const unreviewed = q<{ n: number }>(`SELECT COUNT(*) AS n FROM flags f LEFT JOIN flag_reviews r ON r.flag_key = f.key WHERE r.status IS NULL`)[0]!.n;
      expect(await fetchText('/filter/flags/?review=unreviewed')).toContain(`data-filter-total="${unreviewed}"`);
      const csv = parse(await fetchText(`/api/flags?rule=${top!.rule}&per_page=500&format=csv`), { bom: true, columns: true }) as Record<string, string>[];
      expect(csv).toHaveLength(Math.min(top!.n, 500));
    });
  });

});
