import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_COLUMNS, writePublicDb } from '../../src/db/public-copy.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/**
 * The public database is written from an allow-list of tables and columns (DESIGN §3): the
 * archived source records, cursors and internal facts stay behind, and a column added to the
 * working database later (here: a planted one) never reaches the download by accident.
 */
let dbPath: string;
let outPath: string;

beforeAll(async () => {
  dbPath = await seedDb();
  const db = new BetterSqlite3(dbPath);
  db.exec(`ALTER TABLE orders ADD COLUMN contact_phone TEXT`);
  db.exec(`UPDATE orders SET contact_phone = '13912345678'`);
  db.close();
  outPath = path.join(path.dirname(dbPath), 'public.db');
  writePublicDb(dbPath, outPath);
});
afterAll(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));

describe('the public database download', () => {
  it('holds exactly the allow-listed tables and columns: no raw_records, no planted column', () => {
    const db = new BetterSqlite3(outPath, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    for (const t of ['raw_records', 'source_state', 'meta']) expect(tables).not.toContain(t);
    for (const t of tables) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(t);
      expect(cols, t).toEqual(PUBLIC_COLUMNS[t]);
    }
    expect(tables).toEqual(expect.arrayContaining(['orders', 'order_lines', 'line_gaps', 'flags']));
    expect(fs.readFileSync(outPath).includes(Buffer.from('13912345678'))).toBe(false);
    const orders = db.prepare(`SELECT COUNT(*) FROM orders`).pluck().get() as number;
    expect(orders).toBeGreaterThan(0);
    db.close();
  });
});
