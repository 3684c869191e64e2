/**
 * A crash at any instant of publishing leaves a consistent pair of database and site, which
 * the next run completes (DESIGN §10): the nightly runs in its own process and exits at each
 * step of the publish; the next run must find the site and the database of one and the same
 * run, no journal and no temporary link left. Two published paths in one checkout keep their
 * builds apart.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { journalPathFor } from '../../src/publish/journal.ts';
import { defaultBuildsDir } from '../../src/publish/paths.ts';
import { BUILD_MARKER } from '../../src/publish/site.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

const feedOf = (n: number) => writeFeedDir({
  'listings.json': [makeListing('SKU-1')],
  'orders.json': Array.from({ length: n }, (_, i) => makeOrder(`PO-${i + 1}`)),
});

function night(cfg: Record<string, unknown>): number {
  const r = spawnSync(process.execPath, ['tests/integration/nightly-runner.ts', JSON.stringify(cfg)], { encoding: 'utf8' });
  return r.status ?? -1;
}

const ordersInDb = (dbPath: string) => {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM orders`).pluck().get() as number;
  } finally {
    db.close();
  }
};
const ordersOfSite = (distPath: string) =>
  (JSON.parse(fs.readFileSync(path.join(fs.realpathSync(distPath), BUILD_MARKER), 'utf8')) as { orders: number }).orders;

describe('a crash at any step of publishing leaves a pair the next run completes', () => {
  for (const crashAt of ['journal-written', 'site-published', 'db-installed']) {
    it(`crash after ${crashAt}`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-crash-'));
      const cfg = { dbPath: path.join(dir, 'sunshine.db'), distPath: path.join(dir, 'dist'), buildsDir: path.join(dir, 'builds') };
      expect(night({ ...cfg, feed: feedOf(2) })).toBe(0);
      expect([ordersInDb(cfg.dbPath), ordersOfSite(cfg.distPath)]).toEqual([2, 2]);

      expect(night({ ...cfg, feed: feedOf(5), crashAt })).toBe(9);
      // The next run, even one that then fails (its feed is gone), first completes the publish.
      expect(night({ ...cfg, feed: path.join(dir, 'no-such-feed') })).toBe(1);
      expect([ordersInDb(cfg.dbPath), ordersOfSite(cfg.distPath)]).toEqual([5, 5]);
      expect(fs.existsSync(journalPathFor(cfg.dbPath))).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.publish-'))).toEqual([]);

      expect(night({ ...cfg, feed: feedOf(7) })).toBe(0);
      expect([ordersInDb(cfg.dbPath), ordersOfSite(cfg.distPath)]).toEqual([7, 7]);
    }, 60_000);
  }
});

describe('two published paths in one checkout', () => {
  it('have builds folders of their own', () => {
    const root = '/srv/sunshine';
    expect(defaultBuildsDir(path.join(root, 'dist'), root)).toBe(path.join(root, 'dist-builds', 'dist'));
    expect(defaultBuildsDir(path.join(root, 'dist-demo'), root)).toBe(path.join(root, 'dist-builds', 'dist-demo'));
    expect(defaultBuildsDir('/var/www/site', root)).toMatch(/dist-builds\/site-[0-9a-f]{12}$/);
    expect(defaultBuildsDir('/var/www/site', root)).not.toBe(defaultBuildsDir('/var/www/other', root));
  });
});
