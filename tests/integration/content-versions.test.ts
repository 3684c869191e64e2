import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runVersionsStep } from '../../src/publish/content-versions.ts';
import { seedDb } from '../fixtures/seed-db.ts';
import { SEED_AGENCIES, SEED_SUPPLIERS } from '../fixtures/seed-data.ts';

/*
 * The versions step (DESIGN §10) on the seed database: every agency and supplier page gets a
 * version, and a party's version moves exactly when something its page or feed shows moves —
 * its own rows, or another party's name shown in its order list.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the versions step on agency and supplier pages', () => {
  it('versions every party page and moves only the ones whose shown data changed', async () => {
    const dbPath = await seedDb();
    const night = async (at: string, change?: string) => {
      if (change) {
        const db = new BetterSqlite3(dbPath);
        db.exec(change);
        db.close();
      }
      const report = await runVersionsStep(ROOT, dbPath, at);
      const db = new BetterSqlite3(dbPath, { readonly: true });
      const rows = db.prepare(`SELECT kind, id FROM content_versions WHERE updated_at = ? AND kind IN ('agency', 'supplier') ORDER BY kind, id`).all(at) as { kind: string; id: string }[];
      const counts = Object.fromEntries((db.prepare(`SELECT kind, COUNT(*) AS n FROM content_versions GROUP BY kind`).all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]));
      db.close();
      return { report, moved: rows.map((r) => `${r.kind}:${r.id}`), counts };
    };

    const first = await night('2019-03-01T02:00:00+08:00');
    expect(first.counts.agency).toBe(SEED_AGENCIES.length);
    expect(first.counts.supplier).toBe(SEED_SUPPLIERS.length);
    expect(first.report.changed).toBe(first.report.pages);
    expect(first.moved).toHaveLength(SEED_AGENCIES.length + SEED_SUPPLIERS.length);

    expect((await night('2019-03-02T02:00:00+08:00')).report.changed).toBe(0);

    // A renamed agency: its page, and the pages of the suppliers it bought from (their order lists name it).
    const renamed = await night('2019-03-03T02:00:00+08:00', `UPDATE agencies SET name = '示例县卫健局' WHERE id = 'AG/003'`);
    expect(renamed.moved).toEqual(['agency:AG/003', 'supplier:S01', 'supplier:S02']);

    // A former name shows on the supplier's page only.
    const former = await night('2019-03-04T02:00:00+08:00', `INSERT INTO party_names (kind, id, name, first_run) VALUES ('supplier', 'S03', '示例旧名供应商', 1)`);
    expect(former.moved).toEqual(['supplier:S03']);

    // The annual cap use shows on the agency's page only.
    const cap = await night('2019-03-05T02:00:00+08:00', `UPDATE agency_cap_use SET cap_fen = cap_fen + 100 WHERE agency_id = 'AG001'`);
    expect(cap.moved).toEqual(['agency:AG001']);
    expect(cap.report.changed).toBe(1);

    // A flag raised on a purchase: the flag counts and feeds of its agency and supplier.
    const flagged = await night('2019-03-06T02:00:00+08:00',
      `INSERT INTO flags (rule, subject_type, subject_id, order_no, evidence_json, rule_version, key)
       VALUES ('low-rating', 'order', 'ES2018072000003', 'ES2018072000003', '{}', '1', 'low-rating:0123456789ab')`);
    expect(flagged.moved).toEqual(['agency:AG002', 'supplier:S03']);
  }, 60_000);

  it('gives every page the same hash whether one thread or several worker threads hash them', async () => {
    const hashes = async (workers: number) => {
      const dbPath = await seedDb();
      const report = await runVersionsStep(ROOT, dbPath, '2019-03-01T02:00:00+08:00', workers);
      const db = new BetterSqlite3(dbPath, { readonly: true });
      const rows = db.prepare(`SELECT kind, id, hash FROM content_versions ORDER BY kind, id`).all();
      db.close();
      return { report, rows };
    };
    const one = await hashes(1);
    const three = await hashes(3);
    expect(one.rows.length).toBe(one.report.pages);
    expect(one.rows.length).toBeGreaterThan(SEED_AGENCIES.length + SEED_SUPPLIERS.length);
    expect(three).toEqual(one);
  }, 60_000);
});
