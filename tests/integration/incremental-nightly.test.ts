import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../tools/sample/generate.ts';
import { nextNight } from '../../tools/sample/next-night.ts';
import { ASTRO_BUILD_NODE_FLAGS, astroBin } from '../../src/publish/build-flags.ts';
import { agencyPath, monthListPath, orderPath, supplierPath } from '../../src/site/format/paths.ts';
import { isIndexFolder } from '../../src/site/format/search-shards.ts';
import { hashTree } from './nightly-helpers.ts';
import { folderBytes } from '../../src/publish/folder-bytes.ts';
import { SITE_BYTES_FILE } from '../../src/publish/site-bytes.ts';

/*
 * Issue 15, the incremental nightly (DESIGN §10): a full first night, then a quiet night (new
 * orders, one changed, one refunded) that re-renders only what changed — orders, products,
 * agencies and suppliers — and reuses the rest of
 * the published build — and whose published site is byte-identical to a full rebuild of the
 * same database. Real ingest, analyze, versions step and astro build, on a small generated set.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-'));
const dbPath = path.join(work, 'sunshine.db');
const distPath = path.join(work, 'dist');
const buildsDir = path.join(ROOT, `dist-test-incremental-${process.pid}`);
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(buildsDir, { recursive: true, force: true });
});

function run(cmd: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // Small search shards (60 order pages), so a few hundred orders make several and the night
    // must reuse some of them; the full rebuild below uses the same setting.
    const child = spawn(process.execPath, cmd, { cwd: ROOT, env: { ...process.env, SUNSHINE_SEARCH_SHARD_PAGES: '60', ...env, TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd.join(' ')} exited ${code}:\n${out.slice(-3000)}`))));
  });
}
const nightly = (feed: string, ...extra: string[]) => run(['scripts/nightly.ts', '--feed', feed, '--db', dbPath, '--dist', distPath, '--builds', buildsDir, ...extra]);
const write = (dir: string, files: readonly { name: string; content: string }[]) => {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.content);
};
const client = () => path.join(fs.realpathSync(distPath), 'client');

describe('the quiet night', () => {
  it('renders only what changed, reuses the rest, and equals a full rebuild of the same database', async () => {
    const sample = generateSample({ orders: 300 });
    const first = path.join(work, 'night-1');
    write(first, sample.files);
    const night = nextNight(sample.files.map((f) => ({ name: f.name, content: f.content })), { share: 0.02, changed: 1, refunded: 1 });
    const [changed, refunded] = [night.changed[0]!, night.refunded[0]!];
    const second = path.join(work, 'night-2');
    write(second, night.files);

    const log1 = await nightly(first);
    expect(log1).toMatch(/full build \(no previous build\)/);
    const firstBuild = fs.realpathSync(distPath);
    const before = hashTree(path.join(firstBuild, 'client'));

    const log2 = await nightly(second);
    const m = /incremental: rendered (\d+) order, product, agency and supplier pages, reused (\d+) \(rendered\/all: order (\d+)\/(\d+), product (\d+)\/(\d+), agency (\d+)\/(\d+), supplier (\d+)\/(\d+);/.exec(log2);
    expect(m, log2.slice(-2000)).not.toBeNull();
    const [rendered, reused] = [Number(m![1]), Number(m![2])];
    // The versions step hashed only the pages the night's changes reach (db/page-changes.ts).
    const v = /page data versions: (\d+) of (\d+) changed, \d+ removed \((\d+) hashed: the pages the changes since /.exec(log2);
    expect(v, log2.slice(-2000)).not.toBeNull();
    expect(Number(v![3])).toBeGreaterThanOrEqual(Number(v![1]));
    expect(Number(v![3])).toBeLessThan(Number(v![2]) / 2);
    expect(reused).toBeGreaterThan(rendered * 3);
    // The month lists: those of the months the night touched are rendered, the others linked.
    const ml = /month lists rendered (\d+), reused (\d+);/.exec(log2);
    expect(ml, log2.slice(-2000)).not.toBeNull();
    const [monthsRendered, monthsReused] = [Number(ml![1]), Number(ml![2])];
    expect(monthsRendered).toBeGreaterThanOrEqual(1);
    // The new orders' month, the changed and the refunded order's, and the month before a new
    // month (its link to the newer month appears).
    expect(monthsRendered).toBeLessThanOrEqual(4);
    expect(monthsReused).toBeGreaterThan(0);
    // The night's export keeps the first night's pages as they were: those are left unparsed.
    const files = /files hashed but not parsed again, as an earlier run read the same bytes: feed:\S+ (\d+) of (\d+)/.exec(log2);
    expect(files, log2.slice(-2000)).not.toBeNull();
    expect(Number(files![1])).toBeGreaterThan(0);
    expect(Number(files![1])).toBe(sample.files.filter((f) => /^(listings|orders).*\.json$/.test(f.name) && night.files.some((g) => g.name === f.name && g.content === f.content)).length);
    expect(rendered).toBeGreaterThanOrEqual(night.newOrders + 2);
    // The downloads took the unchanged purchases' rows from the published build (downloads/pieces.ts);
    // the full rebuild below writes them all, and the files must still be the same bytes.
    const rows = /the rows of (\d+) of (\d+) purchases taken from the previous build/.exec(log2);
    expect(rows, log2.slice(-2000)).not.toBeNull();
    expect(Number(rows![1])).toBeGreaterThan(0);
    expect(Number(rows![1])).toBeLessThanOrEqual(Number(rows![2]) - night.newOrders - 2);
    // The agencies and suppliers the night's orders touched are rendered again, the others reused.
    const [agenciesRendered, agencies, suppliersRendered, suppliers] = [m![7], m![8], m![9], m![10]].map(Number) as [number, number, number, number];
    expect(agenciesRendered).toBeGreaterThan(0);
    expect(agenciesRendered).toBeLessThan(agencies / 2);
    expect(suppliersRendered).toBeGreaterThan(0);
    expect(suppliersRendered).toBeLessThan(suppliers);

    // The night's changes are on the site.
    const page = (no: string) => fs.readFileSync(path.join(client(), orderPath(no), 'index.html'), 'utf8');
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const newest = (db.prepare(`SELECT order_no FROM orders ORDER BY placed_at DESC, order_no DESC LIMIT 1`).get() as { order_no: string }).order_no;
    const completed = (db.prepare(`SELECT COUNT(*) AS n FROM orders WHERE status = 'completed'`).get() as { n: number }).n;
    const all = (db.prepare(`SELECT COUNT(*) AS n FROM orders`).get() as { n: number }).n;
    db.close();
    expect(newest).toMatch(/^ES\d{8}9\d{5}$/);
    expect(page(newest)).toContain(newest);
    expect(page(refunded)).toContain('已退款');
    expect(page(changed)).toContain('到货后发现包装破损');
    // An unchanged order page is the very file of the first night (a hard link, not a render).
    const unchanged = path.join(orderPath(sample.summary.orders > 0 ? firstOrderNo(first) : ''), 'index.html');
    const inode = (build: string, rel: string) => fs.statSync(path.join(build, decodeURIComponent(rel))).ino;
    const text = (build: string, rel: string) => fs.readFileSync(path.join(build, decodeURIComponent(rel)), 'utf8');
    expect(inode(client(), unchanged)).toBe(inode(path.join(firstBuild, 'client'), unchanged));
    // The newest order is on the first page of its month's list; a month the night did not touch
    // keeps the first night's files, every page and sort of it.
    const mdb = new BetterSqlite3(dbPath, { readonly: true });
    const touched = new Set((mdb.prepare(`SELECT DISTINCT substr(placed_at, 1, 7) AS m FROM orders WHERE order_no IN (?, ?, ?)`).all(newest, changed, refunded) as { m: string }[]).map((r) => r.m));
    const months = (mdb.prepare(`SELECT DISTINCT substr(placed_at, 1, 7) AS m FROM orders WHERE status = 'completed' ORDER BY m`).all() as { m: string }[]).map((r) => r.m);
    mdb.close();
    expect(text(client(), `${monthListPath([...touched].sort().at(-1)!)}index.html`)).toContain(newest);
    const quiet = months.filter((mo) => !touched.has(mo) && !touched.has(months[months.indexOf(mo) + 1] ?? ''));
    expect(quiet.length).toBeGreaterThan(0);
    for (const mo of quiet) {
      for (const f of [`${monthListPath(mo)}index.html`, `${monthListPath(mo)}by-gap/index.html`]) {
        expect(inode(client(), f), f).toBe(inode(path.join(firstBuild, 'client'), f));
      }
    }
    // The agency and supplier of the newest order: their pages show it and their own new day.
    const pdb = new BetterSqlite3(dbPath, { readonly: true });
    const buyer = pdb.prepare(`SELECT agency_id, supplier_id FROM orders WHERE order_no = ?`).get(newest) as { agency_id: string; supplier_id: string };
    // The night's new orders are its newest (placed the day after everything else).
    const untouched = pdb.prepare(
      `SELECT id FROM agencies WHERE id NOT IN (
         SELECT agency_id FROM (SELECT agency_id FROM orders ORDER BY placed_at DESC, order_no DESC LIMIT ?)
         UNION SELECT agency_id FROM orders WHERE order_no IN (?, ?)) ORDER BY id`,
    ).all(night.newOrders, changed, refunded) as { id: string }[];
    pdb.close();
    for (const [rel, shows] of [[agencyPath(buyer.agency_id), newest], [supplierPath(buyer.supplier_id), newest]] as const) {
      for (const f of [`${rel}index.html`, `${rel}feed.xml`]) {
        expect(text(client(), f), f).toContain(shows);
        expect(text(client(), f), f).not.toBe(text(path.join(firstBuild, 'client'), f));
      }
    }
    // Agencies the night did not touch: page and feed are the first night's files, linked.
    expect(untouched.length).toBeGreaterThan(agencies / 2);
    let linked = 0;
    for (const { id } of untouched) {
      const rel = agencyPath(id);
      if (inode(client(), `${rel}index.html`) !== inode(path.join(firstBuild, 'client'), `${rel}index.html`)) continue;
      expect(inode(client(), `${rel}feed.xml`)).toBe(inode(path.join(firstBuild, 'client'), `${rel}feed.xml`));
      linked++;
    }
    expect(linked).toBe(agencies - agenciesRendered);
    // Every order page is in the search index, typed by whether it counts.
    const after = hashTree(client());
    expect(Object.keys(after).filter((f) => /^orders\/[^/]+\/index\.html$/.test(f) && !/^orders\/(page|by-)/.test(f))).toHaveLength(all);
    expect(completed).toBeLessThan(all); // the refund is a page, not a purchase
    // Rejects: /data/ counts records as the run report does (a record with two bad fields is one).
    const dataPage = fs.readFileSync(path.join(client(), 'data', 'index.html'), 'utf8');
    const shown = [...dataPage.matchAll(/第 (\d+) 次收录[^<]*<span data-count="rejects">([\d,]+)<\/span>/g)].map((m) => [Number(m[1]), Number(m[2]!.replace(/,/g, ''))] as const);
    expect(shown.length).toBeGreaterThan(0);
    const rdb = new BetterSqlite3(dbPath, { readonly: true });
    for (const [run, n] of shown) {
      const counts = JSON.parse((rdb.prepare(`SELECT counts_json FROM ingest_runs WHERE id = ?`).get(run) as { counts_json: string }).counts_json) as { kinds: Record<string, { rejected: number }> };
      expect(n, `run ${run}`).toBe(Object.values(counts.kinds).reduce((k, c) => k + c.rejected, 0));
    }
    // The site's size in the run report, the linked folders counted as the first build recorded them (site-bytes.ts): a walk's.
    const checked = JSON.parse((rdb.prepare(`SELECT counts_json FROM ingest_runs WHERE stage = 'check' ORDER BY id DESC LIMIT 1`).get() as { counts_json: string }).counts_json) as { bytes: number };
    expect(checked.bytes).toBe(folderBytes(client()));
    expect(fs.existsSync(path.join(fs.realpathSync(distPath), SITE_BYTES_FILE))).toBe(true);
    rdb.close();
    const searched = Object.keys(after).filter((f) => /^(orders|products|agencies|suppliers)\/[^/]+\/index\.html$/.test(f) && !/\/(page|by-[a-z]+)\//.test(`/${f}`));
    // The index is sharded (format/search-shards.ts): products, agencies and suppliers, and a quarter's orders each.
    const shards = fs.readdirSync(client()).filter(isIndexFolder);
    expect(shards.length).toBeGreaterThan(2);
    const indexed = shards.reduce((sum, s) => {
      const entry = JSON.parse(fs.readFileSync(path.join(client(), s, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
      return sum + Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    }, 0);
    expect(indexed).toBe(searched.length);
    // Only the shards whose indexed content changed were built: the parties, the newest order
    // shard (and a new one if it filled up), and the shards of the changed and the refunded order.
    // The products' index is the first night's (no listing changed; their purchases are outside
    // what the index reads), and so are the other order shards.
    const built = /Pagefind: \d+ pages in (\d+) indexes \((\d+) built, (\d+) reused\)/.exec(log2);
    expect(built, log2.slice(-2000)).not.toBeNull();
    const [indexes, indexesBuilt, reusedShards] = [Number(built![1]), Number(built![2]), Number(built![3])];
    expect(indexes).toBeGreaterThanOrEqual(6);
    expect(indexesBuilt).toBeLessThanOrEqual(5);
    expect(reusedShards).toBe(indexes - indexesBuilt);
    expect(reusedShards).toBeGreaterThanOrEqual(2);
    const entry = (root: string) => fs.statSync(path.join(root, 'pagefind', 'pagefind-entry.json')).ino;
    expect(entry(client())).toBe(entry(path.join(firstBuild, 'client')));
    expect(Object.keys(before).length).toBeLessThan(Object.keys(after).length);

    // A full rebuild of the published database, into a fresh folder: the same bytes.
    const full = path.join(buildsDir, 'full');
    await run([...ASTRO_BUILD_NODE_FLAGS, astroBin(ROOT), 'build', '--outDir', full], { SUNSHINE_DB: dbPath, SUNSHINE_PREVIOUS_BUILD: '', SUNSHINE_FULL_BUILD: '1' });
    const rebuilt = hashTree(path.join(full, 'client'));
    const differ = Object.keys({ ...after, ...rebuilt }).filter((f) => after[f] !== rebuilt[f]);
    expect(differ).toEqual([]);

    // A night that brings nothing new renders no order, product, agency or supplier page and
    // re-indexes nothing: every index's pages are the published build's.
    const log3 = await nightly(second);
    expect(log3).toMatch(/incremental: rendered 0 order, product, agency and supplier pages/);
    expect(log3).toContain(`in ${shards.length} indexes (0 built, ${shards.length} reused)`);
    const third = hashTree(client());
    const kept = Object.keys(after).filter((f) => /^orders\/(?!page\/|by-)[^/]+\/index\.html$|^(products|agencies|suppliers)\/(?!page\/)[^/]+\/[^/]+$/.test(f) || isIndexFolder(f.split('/')[0]!));
    expect(kept.length).toBeGreaterThan(all);
    for (const f of kept) expect(third[f], f).toBe(after[f]);
  }, 300_000);
});

/** The first order of the first night's feed (never changed by the quiet night). */
function firstOrderNo(dir: string): string {
  const page = JSON.parse(fs.readFileSync(path.join(dir, 'orders-0001.json'), 'utf8')) as { items: { order_no: string }[] };
  return page.items[0]!.order_no;
}
