import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/analyze/run.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';

/**
 * The committed sample through the real ingest and analysis: every planted case raises its
 * flag and nothing else does; every planted bad record is rejected on its field.
 */
interface Planted {
  expected_flags: { rule: string; order_no: string }[];
  rejects: { source: 'feed' | 'retail'; key: string; where: string; field: string }[];
}
const planted = JSON.parse(fs.readFileSync('data/sample/planted.json', 'utf8')) as Planted;
const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sample-e2e-')), 'sample.db');
let sqlite: BetterSqlite3.Database;

beforeAll(async () => {
  const ingest = await runIngest({
    dbPath,
    sources: [feedDirSource('data/sample'), retailFileSource('data/sample/retail-observations.csv')],
  });
  expect(ingest.status, ingest.error).toBe('ok');
  const analyze = await runAnalyze({ dbPath });
  expect(analyze.lines_with_ref).toBeGreaterThan(0);
  sqlite = new BetterSqlite3(dbPath, { readonly: true });
}, 120_000);

describe('the bundled sample', () => {
  it('raises exactly the planted flags', () => {
    const key = (f: { rule: string; order_no: string | null }) => `${f.rule} ${f.order_no}`;
    const raised = (sqlite.prepare(`SELECT DISTINCT rule, order_no FROM flags ORDER BY rule, order_no`).all() as { rule: string; order_no: string }[]).map(key);
    expect(raised).toEqual(planted.expected_flags.map(key).sort());
    // Every rule of DESIGN §7 is exercised.
    expect(new Set(planted.expected_flags.map((f) => f.rule)).size).toBe(7);
  });

  it('rejects every planted bad record on its field, and nothing else', () => {
    const rejects = sqlite.prepare(`SELECT source, record_key, field FROM rejects`).all() as { source: string; record_key: string; field: string }[];
    for (const p of planted.rejects) {
      expect(rejects.some((r) => r.source.startsWith(p.source) && (r.record_key === p.key || r.record_key === p.where) && r.field === p.field), JSON.stringify(p)).toBe(true);
    }
    expect(new Set(rejects.map((r) => `${r.source} ${r.record_key}`)).size).toBe(planted.rejects.length);
  });

  it('is marked as sample data and holds no contact data', () => {
    expect(sqlite.prepare(`SELECT value FROM meta WHERE key = 'sample'`).pluck().get()).toBe('1');
    const orders = JSON.parse(fs.readFileSync('data/sample/orders-0001.json', 'utf8')).items as { contact?: { phone: string; name: string } }[];
    const phones = orders.slice(0, 50).flatMap((o) => (o.contact ? [o.contact.phone] : []));
    expect(phones.length).toBeGreaterThan(0);
    const bodies = (sqlite.prepare(`SELECT body FROM raw_records`).pluck().all() as string[]).join('\n');
    for (const phone of phones) expect(bodies).not.toContain(phone);
    expect(sqlite.prepare(`SELECT count(*) FROM orders WHERE comment LIKE '%138%'`).pluck().get()).toBe(0);
  });
});
