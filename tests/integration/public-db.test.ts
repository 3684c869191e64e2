import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePublicDb } from '../../src/export/public-db.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/**
 * Every purchase page says its record hash can be checked in the public database's
 * raw_records (DESIGN §4 lists it as public). Check that a reader can really do it.
 */
let dbPath: string;
let outPath: string;

beforeAll(async () => {
  dbPath = await seedDb();
  outPath = path.join(path.dirname(dbPath), 'public.db');
  writePublicDb(dbPath, outPath);
});
afterAll(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));

describe('the public database download', () => {
  it('holds raw_records, and each order\'s record hash is the SHA-256 of its archived body', () => {
    const db = new BetterSqlite3(outPath, { readonly: true });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    expect(tables).toContain('raw_records');
    for (const t of ['source_state', 'meta']) expect(tables).not.toContain(t);
    const rows = db.prepare(
      `SELECT o.order_no, o.record_hash, r.body FROM orders o
       LEFT JOIN raw_records r ON r.source = o.source AND r.kind = 'order' AND r.key = o.order_no AND r.hash = o.record_hash`,
    ).all() as { order_no: string; record_hash: string; body: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.body, r.order_no).not.toBeNull();
      expect(createHash('sha256').update(r.body!).digest('hex'), r.order_no).toBe(r.record_hash);
    }
    db.close();
  });
});
