import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runVersionsStep } from '../../src/publish/content-versions.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/*
 * A month's purchase lists are rendered again only when their version moves
 * (src/site/integrations/month-versions.ts). The versions come from a process of their own, as
 * in a build: the data layer opens SUNSHINE_DB once per process.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
type Versions = Record<string, { hash: string; updated_at: string }>;

function monthVersionsOf(dbPath: string): Versions {
  const script = `
    const { contentVersions } = await import(${JSON.stringify(path.join(ROOT, 'src/db/queries/page-inputs.ts'))});
    const { monthVersions } = await import(${JSON.stringify(path.join(ROOT, 'src/site/integrations/month-versions.ts'))});
    process.stdout.write(JSON.stringify(Object.fromEntries(monthVersions(contentVersions('order')))));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, SUNSHINE_DB: dbPath } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Versions;
}

describe('month list versions', () => {
  it('move for the month of a changed purchase only, and say when it changed', async () => {
    const previous = await seedDb();
    await runVersionsStep(ROOT, previous, '2019-03-01T02:00:00+08:00', 1);
    const before = monthVersionsOf(previous);
    const months = Object.keys(before).sort();
    expect(months.length).toBeGreaterThanOrEqual(3);
    // The same database gives the same versions (a full rebuild shows what the night showed).
    expect(monthVersionsOf(previous)).toEqual(before);

    // Tonight one purchase of a middle month is refunded.
    const month = months[1]!;
    const tonight = path.join(path.dirname(previous), 'tonight.db');
    fs.copyFileSync(previous, tonight);
    const db = new BetterSqlite3(tonight);
    const { order_no } = db.prepare(`SELECT order_no FROM orders WHERE status = 'completed' AND substr(placed_at, 1, 7) = ? ORDER BY order_no LIMIT 1`).get(month) as { order_no: string };
    const left = (db.prepare(`SELECT COUNT(*) AS n FROM orders WHERE status = 'completed' AND substr(placed_at, 1, 7) = ?`).get(month) as { n: number }).n - 1;
    db.prepare(`UPDATE orders SET status = 'refunded', withdrawn_at = '2019-03-01T10:00:00+08:00' WHERE order_no = ?`).run(order_no);
    db.close();
    const at = '2019-03-02T02:00:00+08:00';
    await runVersionsStep(ROOT, tonight, at, 2, previous);
    const after = monthVersionsOf(tonight);

    if (left > 0) {
      expect(after[month]!.hash).not.toBe(before[month]!.hash);
      expect(after[month]!.updated_at).toBe(at);
    } else {
      expect(after[month]).toBeUndefined(); // no purchase left to list
    }
    // Its neighbours keep their versions while the month is still listed; the others always do.
    for (const m of months.filter((m) => m !== month && (left === 0 ? Math.abs(months.indexOf(m) - 1) > 1 : true))) {
      expect(after[m], m).toEqual(before[m]);
    }
  });
});
