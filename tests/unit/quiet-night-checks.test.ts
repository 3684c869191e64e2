import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { addedOrderNos, ordersIndexed, ordersShown, sameTree } from '../../bench/_quiet-night-checks.ts';

// The bench's checks of the quiet night's site (bench/_quiet-night-checks.ts) must be able to
// fail: each case here breaks what one of them looks at.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quiet-checks-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(work, name);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

describe('sameTree', () => {
  it('finds no difference between equal trees, and every kind of difference otherwise', () => {
    const a = tree('a', { 'x/index.html': 'one', 'y.json': '{}' });
    expect(sameTree(a, tree('b', { 'x/index.html': 'one', 'y.json': '{}' }))).toEqual({ files: 2, differ: [] });
    expect(sameTree(a, tree('c', { 'x/index.html': 'onE', 'y.json': '{}' })).differ).toEqual(['x/index.html']);
    expect(sameTree(a, tree('d', { 'x/index.html': 'one' })).differ).toEqual(['y.json']);
    expect(sameTree(a, tree('e', { 'x/index.html': 'one', 'y.json': '{}', 'z.txt': '' })).differ).toEqual(['z.txt']);
  });
});

describe('the orders of the night', () => {
  const full = tree('feed-full', { 'orders-0001.json': JSON.stringify({ items: [{ order_no: 'A1' }, { order_no: 'A2' }] }) });
  const quiet = tree('feed-quiet', {
    'orders-0001.json': JSON.stringify({ items: [{ order_no: 'A1' }, { order_no: 'A2' }] }),
    'orders-0002.json': JSON.stringify({ items: [{ order_no: 'N1' }, { order_no: 'N2' }, { order_no: 'A2' }] }),
    'retail.csv': 'not orders',
  });
  const previous = tree('site-before', { 'orders/A1/index.html': 'a1', 'orders/A2/index.html': 'a2 old' });

  it('are the orders of the feed pages the night added', () => {
    expect(addedOrderNos(full, quiet)).toEqual(['N1', 'N2', 'A2']);
  });

  it('pass when the new pages exist and the changed page is new bytes', () => {
    const site = tree('site-ok', { 'orders/A1/index.html': 'a1', 'orders/A2/index.html': 'a2 new', 'orders/N1/index.html': 'n1', 'orders/N2/index.html': 'n2' });
    expect(ordersShown(site, previous, ['N1', 'N2', 'A2'], 2).map((c) => c.ok)).toEqual([true, true]);
  });

  it('fail on a missing new page, a wrong count of new orders, or a changed page left as it was', () => {
    const site = tree('site-bad', { 'orders/A2/index.html': 'a2 old', 'orders/N1/index.html': 'n1' });
    const [fresh, changed] = ordersShown(site, previous, ['N1', 'N2', 'A2'], 2);
    expect(fresh!.ok).toBe(false);
    expect(fresh!.text).toMatch(/missing: N2/);
    expect(changed!.ok).toBe(false);
    expect(changed!.text).toMatch(/not re-rendered: A2/);
    const whole = tree('site-whole', { 'orders/A2/index.html': 'a2 new', 'orders/N1/index.html': 'n1', 'orders/N2/index.html': 'n2' });
    expect(ordersShown(whole, previous, ['N1', 'N2', 'A2'], 3)[0]!.ok).toBe(false);
  });
});

describe('the order pages in the search index', () => {
  const db = path.join(work, 'orders.db');
  const sqlite = new BetterSqlite3(db);
  sqlite.exec("CREATE TABLE orders (order_no TEXT PRIMARY KEY); INSERT INTO orders VALUES ('A1'), ('A2'), ('N1')");
  sqlite.close();
  const entry = (pages: number) => JSON.stringify({ languages: { 'zh-cn': { page_count: pages } } });

  it('are counted over the order shards only, against the orders in the database', () => {
    // The products' and the parties' indexes do not count: without them the shards hold 3 pages.
    const site = tree('index-ok', { 'pagefind/pagefind-entry.json': entry(50), 'pagefind-parties/pagefind-entry.json': entry(7), 'pagefind-2019-01/pagefind-entry.json': entry(2), 'pagefind-2019-03/pagefind-entry.json': entry(1) });
    expect(ordersIndexed(site, db).ok).toBe(true);
  });

  it('fail when a shard misses a page', () => {
    const site = tree('index-short', { 'pagefind/pagefind-entry.json': entry(50), 'pagefind-2019-01/pagefind-entry.json': entry(2) });
    const check = ordersIndexed(site, db);
    expect(check.ok).toBe(false);
    expect(check.text).toMatch(/index: 2, orders in the database: 3/);
  });
});
