// What issue 15 checks of the quiet night's site, beyond its time, at the bench's scale: the new
// and changed orders are on it, the search index counts every order page, and it equals a full
// rebuild of the same database, file for file. The scaling bench runs the rebuild last, so it is
// part of no timed figure. (Files starting with "_" are not benches; bench/index.ts skips them.)
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { ASTRO_BUILD_NODE_FLAGS, astroBin } from '../src/publish/build-flags.ts';
import { idSegment } from '../src/site/format/paths.ts';
import { MAIN_INDEX, PARTIES_INDEX, isIndexFolder } from '../src/site/format/search-shards.ts';
import { run } from './_process.ts';

export interface Check {
  ok: boolean;
  text: string;
}

/** The order numbers of the feed pages the quiet night added to the full night's feed folder. */
export function addedOrderNos(fullFeed: string, quietFeed: string): string[] {
  const before = new Set(fs.readdirSync(fullFeed));
  const nos: string[] = [];
  for (const name of fs.readdirSync(quietFeed).sort()) {
    if (before.has(name) || !/^orders-\d+\.json$/.test(name)) continue;
    const page = JSON.parse(fs.readFileSync(path.join(quietFeed, name), 'utf8')) as { items: { order_no: unknown }[] };
    for (const item of page.items) nos.push(String(item.order_no));
  }
  return nos;
}

/**
 * Each order of the night's added feed pages has its page on the quiet night's site. One whose
 * page was on the full night's site too is a changed (or refunded) order: its page must be new
 * bytes, not the previous build's file. The rest are new orders: their count must be `newOrders`.
 */
export function ordersShown(client: string, previousClient: string, nos: readonly string[], newOrders: number): Check[] {
  const page = (root: string, no: string) => path.join(root, 'orders', idSegment(no), 'index.html');
  const changed = nos.filter((no) => fs.existsSync(page(previousClient, no)));
  const fresh = nos.filter((no) => !changed.includes(no));
  const missing = fresh.filter((no) => !fs.existsSync(page(client, no)));
  const stale = changed.filter((no) => !fs.existsSync(page(client, no)) || fs.readFileSync(page(client, no)).equals(fs.readFileSync(page(previousClient, no))));
  const some = (list: string[]) => list.slice(0, 5).join(', ') + (list.length > 5 ? ' …' : '');
  return [
    { ok: fresh.length === newOrders && missing.length === 0, text: `new orders on the site: ${fresh.length - missing.length} pages of ${fresh.length} new orders in the feed (the generator made ${newOrders})${missing.length ? `; missing: ${some(missing)}` : ''}` },
    { ok: changed.length > 0 && stale.length === 0, text: `changed orders on the site: ${changed.length - stale.length} of ${changed.length} pages re-rendered (${some(changed) || 'none in the feed'})${stale.length ? `; not re-rendered: ${some(stale)}` : ''}` },
  ];
}

/** The order pages counted by the search index's order shards against the orders in the database (withdrawn ones keep their page). */
export function ordersIndexed(client: string, dbPath: string): Check {
  let indexed = 0;
  for (const name of fs.readdirSync(client)) {
    if (!isIndexFolder(name) || [MAIN_INDEX, PARTIES_INDEX].includes(`/${name}/`)) continue;
    const entry = JSON.parse(fs.readFileSync(path.join(client, name, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    indexed += Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  }
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const orders = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  db.close();
  return { ok: indexed === orders, text: `order pages in the search index: ${indexed.toLocaleString('en')}, orders in the database: ${orders.toLocaleString('en')}` };
}

/** A consistent copy of a database (SQLite's online backup), for a build later from the same data. */
export async function copyDatabase(from: string, to: string): Promise<string> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const db = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
  return to;
}

/** Every file of `a` and `b` (relative paths), compared byte for byte. */
export function sameTree(a: string, b: string): { files: number; differ: string[] } {
  const list = (root: string) => fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
  const [fa, fb] = [list(a), list(b)];
  const inB = new Set(fb);
  const inA = new Set(fa);
  const differ = fa.filter((f) => !inB.has(f) || !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
  differ.push(...fb.filter((f) => !inA.has(f)));
  return { files: fa.length, differ };
}

/** A full `astro build` of `dbPath` into `outDir` (no previous build to reuse), compared with `client`. */
export async function equalsFullRebuild(client: string, dbPath: string, outDir: string): Promise<Check> {
  const started = performance.now();
  await run(process.execPath, [...ASTRO_BUILD_NODE_FLAGS, astroBin(process.cwd()), 'build', '--outDir', outDir], {
    env: { SUNSHINE_DB: dbPath, SUNSHINE_PREVIOUS_BUILD: '', SUNSHINE_FULL_BUILD: '1' },
    quiet: true,
  });
  const seconds = (performance.now() - started) / 1000;
  const { files, differ } = sameTree(client, path.join(outDir, 'client'));
  return { ok: differ.length === 0, text: `equal to a full rebuild of the same database (${seconds.toFixed(1)} s, not timed in the night): ${files.toLocaleString('en')} files, ${differ.length} differ${differ.length ? ` (${differ.slice(0, 5).join(', ')})` : ''}` };
}
