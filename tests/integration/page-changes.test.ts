import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NOT_READ_BY_PAGES, READ_BY_PAGES } from '../../src/db/page-changes.ts';
import { runVersionsStep } from '../../src/publish/content-versions.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/*
 * The versions step against the previous night's database hashes only the pages the changes
 * reach (src/db/page-changes.ts). The oracle is the step without it, which hashes every page:
 * after each kind of change below, both must give every page the same hash. A change the rules
 * missed would leave a page with its old hash, and the build would not render it again.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

type Hashes = Record<string, string>;
const hashesOf = (dbPath: string): Hashes => {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return Object.fromEntries((db.prepare(`SELECT kind || ':' || id AS page, hash FROM content_versions ORDER BY kind, id`).all() as { page: string; hash: string }[]).map((r) => [r.page, r.hash]));
  } finally {
    db.close();
  }
};

/** The previous night: the seed database with every page versioned (which also records the basis). */
const previousNight = (async () => {
  const dbPath = await seedDb();
  await runVersionsStep(ROOT, dbPath, '2019-03-01T02:00:00+08:00', 1);
  return dbPath;
})();

/** Tonight: a copy of the previous database changed by `sql`, versioned both ways. */
async function night(name: string, sql: string) {
  const previous = await previousNight;
  const dir = path.join(path.dirname(previous), name);
  fs.mkdirSync(dir, { recursive: true });
  const [changed, full] = [path.join(dir, 'changed.db'), path.join(dir, 'full.db')];
  fs.copyFileSync(previous, changed);
  const db = new BetterSqlite3(changed);
  db.exec(sql);
  db.close();
  fs.copyFileSync(changed, full);
  const at = '2019-03-02T02:00:00+08:00';
  const report = await runVersionsStep(ROOT, changed, at, 1, previous);
  const oracle = await runVersionsStep(ROOT, full, at, 1);
  return { report, oracle, hashes: hashesOf(changed), expected: hashesOf(full), before: hashesOf(previous) };
}

/** A copy of one row with some columns replaced (the tables have many NOT NULL columns). */
const copyRow = (table: string, where: string, set: string) =>
  `CREATE TEMP TABLE t AS SELECT * FROM ${table} WHERE ${where}; UPDATE t SET ${set}; INSERT INTO ${table} SELECT * FROM t; DROP TABLE t;`;

const NEW_ORDER = 'ES2019021500099';
/** `shown: false`: a table no page shows from (the rule still marks pages, to be safe); `local: false`: it reaches every page. */
type Change = [name: string, sql: string, opts?: { shown?: boolean; local?: boolean }];
const CHANGES: Change[] = [
  ['a new purchase', [
    copyRow('orders', `order_no = 'ES2018090300007'`, `order_no = '${NEW_ORDER}', placed_at = '2019-02-15T10:00:00+08:00', completed_at = '2019-02-16T10:00:00+08:00'`),
    copyRow('order_lines', `order_no = 'ES2018090300007'`, `order_no = '${NEW_ORDER}'`),
    copyRow('order_gaps', `order_no = 'ES2018090300007'`, `order_no = '${NEW_ORDER}'`),
  ].join('\n')],
  ['a refund', `UPDATE orders SET status = 'refunded', withdrawn_at = '2019-03-01T10:00:00+08:00' WHERE order_no = 'ES2018071000002'`],
  ['a purchase in a new year', copyRow('orders', `order_no = 'ES2018063000001'`, `order_no = 'ES2020010200001', placed_at = '2020-01-02T10:00:00+08:00'`)],
  ['a line gap', `UPDATE line_gaps SET gap_fen = gap_fen + 100 WHERE order_no = 'ES2018071400005' AND line_no = 1`],
  ['a purchase gap', `UPDATE order_gaps SET net_gap_fen = COALESCE(net_gap_fen, 0) + 1 WHERE order_no = 'ES2018080100004'`],
  ['an early withdrawal', `INSERT INTO early_withdrawals (order_no, status, updated_at) VALUES ('ES2018072000003', 'cancelled', '2019-03-01T10:00:00+08:00')`, { shown: false }],
  ['a new flag', `INSERT INTO flags (rule, subject_type, subject_id, order_no, evidence_json, rule_version, key)
     VALUES ('low-rating', 'order', 'ES2019011000009', 'ES2019011000009', '{"supplier_id":"S03"}', '1', 'low-rating:000000000001')`],
  ['a flag gone', `DELETE FROM flags WHERE rule = 'price-hike'`],
  ['an annual flag on an agency', `UPDATE flags SET evidence_json = '{"agency_id":"AG001","year":"2018"}' WHERE rule = 'annual-over-cap' AND subject_id = 'AG002'`],
  ['a flag review', `INSERT INTO flag_reviews (flag_key, status, note, source_url, reviewed_on) SELECT key, 'explained', '已说明', NULL, '2019-03-01' FROM flags WHERE rule = 'split-order' LIMIT 1`],
  ['a listing retitled', `UPDATE listings SET title = title || '（新款）' WHERE sku = 'SKU-HP-M202DW'`],
  ['a listing moved category', `UPDATE listings SET category_code = (SELECT code FROM categories WHERE code <> listings.category_code ORDER BY code LIMIT 1) WHERE sku = 'SKU-PAPER-A4-70'`],
  ['a listing price seen', `INSERT INTO listing_prices (sku, day, price_fen) VALUES ('SKU-FAX-KX', '2019-03-01', 99900)`],
  ['a match changed', `UPDATE matches SET method = 'manual', confidence = 1 WHERE sku = 'SKU-PAPER-A4-70'`],
  ['a retail price corrected', `UPDATE retail_observations SET price_fen = price_fen + 500 WHERE id = 1`],
  ['a retail page archived', `UPDATE retail_observations SET archive_url = 'https://web.archive.org/web/2019/x' WHERE id = 1`],
  ['a retail observation no longer keyed', `DELETE FROM retail_product_keys WHERE observation_id = 1`],
  ['product totals', `UPDATE totals SET spend_fen = spend_fen + 1 WHERE dimension = 'product' AND key = 'SKU-CHAIR-9'`],
  ['agency totals', `UPDATE totals SET orders = orders + 1 WHERE dimension = 'agency' AND key = 'AG002'`],
  ['supplier totals', `UPDATE totals SET lines = lines + 1 WHERE dimension = 'supplier' AND key = 'S02'`],
  ['a cap use', `UPDATE agency_cap_use SET spend_fen = spend_fen + 1 WHERE agency_id = 'AG001'`],
  ['a former name', `INSERT INTO party_names (kind, id, name, first_run) VALUES ('agency', 'AG002', '示例旧名单位', 1)`],
  ['a new agency', `INSERT INTO agencies (id, name) VALUES ('AG009', '新设单位')`],
  // Every seed order came in with the first run.
  ['an ingest run finished later', `UPDATE ingest_runs SET finished_at = '2019-02-02T03:00:00+08:00' WHERE id = (SELECT ingest_run FROM orders LIMIT 1)`, { local: false }],
  ['a raw record gone', `DELETE FROM raw_records WHERE kind = 'order' AND key = 'ES2018090100006'`],
];

describe('the versions step hashes only what the night changed', () => {
  it('knows of every table: each is read by pages under a rule, or named as read by none', async () => {
    const seed = new BetterSqlite3(await previousNight, { readonly: true });
    const tables = seed.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    seed.close();
    const known = new Set<string>([...READ_BY_PAGES, ...Object.keys(NOT_READ_BY_PAGES)]);
    expect(tables.filter((t) => !known.has(t))).toEqual([]);
    expect([...known].filter((t) => !tables.includes(t))).toEqual([]);
  });

  for (const [name, sql, { shown = true, local = true } = {}] of CHANGES) {
    it(`${name}: the same hashes as hashing every page${local ? ', from fewer pages' : ''}`, async () => {
      const { report, oracle, hashes, expected, before } = await night(name.replace(/\W+/g, '-'), sql);
      expect(report.basis).toMatch(/^the pages the changes since /);
      expect(hashes).toEqual(expected);
      // The change is real (some page moved, where pages show it) and the step did not hash its way to it.
      if (shown) expect(oracle.changed, 'the change moves some page').toBeGreaterThan(0);
      expect(report.changed).toBe(oracle.changed);
      if (local) expect(report.hashed).toBeLessThan(report.pages);
      expect(Object.keys(hashes).filter((p) => hashes[p] !== before[p]).length).toBe(report.changed);
    }, 60_000);
  }

  for (const [name, sql, why] of [
    ['an agency renamed', `UPDATE agencies SET name = '示例县卫健局' WHERE id = 'AG/003'`, /agency AG\/003 changed its name/],
    ['a supplier renamed', `UPDATE suppliers SET name = '新名供应商' WHERE id = 'S01'`, /supplier S01 changed its name/],
    ['a category renamed', `UPDATE categories SET name = name || '类' WHERE code = (SELECT MIN(code) FROM categories)`, /site-wide inputs changed|categories changed/],
    ['new analysis rules', `UPDATE meta SET value = replace(value, '"window_days":14', '"window_days":15') WHERE key = 'analysis_rules'`, /site-wide inputs changed|analysis_rules changed/],
  ] as const) {
    it(`${name}: every page is hashed, and the hashes are right`, async () => {
      const { report, hashes, expected } = await night(name.replace(/\W+/g, '-'), sql);
      expect(report.basis).toMatch(why);
      expect(report.hashed).toBe(report.pages);
      expect(hashes).toEqual(expected);
    }, 60_000);
  }

  /** The previous night's database changed by `before`, and tonight's (a copy of the previous night's) by `tonight`, versioned against it. */
  async function against(name: string, before: string, tonight: string) {
    const seed = await previousNight;
    const [previous, now] = [path.join(path.dirname(seed), `${name}-previous.db`), path.join(path.dirname(seed), `${name}-tonight.db`)];
    fs.copyFileSync(seed, previous);
    const exec = (file: string, sql: string) => {
      const db = new BetterSqlite3(file);
      db.exec(sql);
      db.close();
    };
    if (before) exec(previous, before);
    fs.copyFileSync(seed, now);
    if (tonight) exec(now, tonight);
    return { report: await runVersionsStep(ROOT, now, '2019-03-02T02:00:00+08:00', 1, previous), hashes: hashesOf(now), seedHashes: hashesOf(seed) };
  }

  for (const [name, before, tonight, why] of [
    ['a table changed shape since the previous night (a migration)', '', `ALTER TABLE listings ADD COLUMN colour TEXT`,
      /^every page \(the table listings differs in shape from the previous database's\)$/],
    ['the previous database cannot be compared', `DROP TABLE ingest_runs`, '', /^every page \(comparing with the previous database failed: /],
    ['the previous database was written after its versions',
      `INSERT INTO ingest_runs (stage, source, started_at, finished_at, status) VALUES ('ingest', 'feed:by-hand', '2019-03-01T09:00:00+08:00', '2019-03-01T09:01:00+08:00', 'ok')`, '',
      /^every page \(the previous database was written after its versions\)$/],
    ["this database's versions are not the previous database's", '', `UPDATE meta SET value = replace(value, '"runs":', '"runs":1') WHERE key = 'content_versions_basis'`,
      /^every page \(this database's versions are not the previous database's\)$/],
  ] as const) {
    it(`hashes every page when ${name}`, async () => {
      const { report, hashes, seedHashes } = await against(name.replace(/\W+/g, '-'), before, tonight);
      expect(report.basis).toMatch(why);
      expect(report.hashed).toBe(report.pages);
      // Nothing a page shows changed: every page keeps the hash it had.
      expect(hashes).toEqual(seedHashes);
    }, 60_000);
  }
});
