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

  it('stops at the data run: the runs written after the analysis stay out', () => {
    const work = path.join(path.dirname(dbPath), 'later-runs.db');
    fs.copyFileSync(dbPath, work);
    const db = new BetterSqlite3(work);
    const dataRun = db.prepare(`SELECT MAX(id) FROM ingest_runs WHERE stage = 'analyze' AND status = 'ok'`).pluck().get() as number;
    expect(dataRun).toBeGreaterThan(0);
    db.prepare(`INSERT INTO ingest_runs (stage, source, started_at, status) VALUES ('build', 'nightly:later', '2030-01-01T00:00:00+08:00', 'ok')`).run();
    const later = db.prepare(`SELECT MAX(id) FROM ingest_runs`).pluck().get() as number;
    db.prepare(`INSERT INTO rejects (run_id, source, record_key, field, reason, kind, code) VALUES (?, 'later', 'k', 'f', 'r', 'record', 'x')`).run(later);
    db.close();
    const out = path.join(path.dirname(dbPath), 'later-public.db');
    const { tables } = writePublicDb(work, out);
    const pub = new BetterSqlite3(out, { readonly: true });
    expect(pub.prepare(`SELECT MAX(id) FROM ingest_runs`).pluck().get()).toBe(dataRun);
    expect(pub.prepare(`SELECT COUNT(*) FROM rejects WHERE run_id > ?`).pluck().get(dataRun)).toBe(0);
    expect(tables.find((t) => t.name === 'ingest_runs')?.rows).toBe(pub.prepare(`SELECT COUNT(*) FROM ingest_runs`).pluck().get());
    pub.close();
  });

  it('reads a database still in WAL mode through its -wal and changes none of its files', () => {
    // A night's staging database is in WAL mode while the build copies it; here nothing else has
    // it open, so closing the copy's connection would be the one to checkpoint, if it could write.
    const dir = fs.mkdtempSync(path.join(path.dirname(dbPath), 'wal-'));
    const work = path.join(dir, 'work.db');
    fs.copyFileSync(dbPath, work);
    const writer = new BetterSqlite3(work);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    const before = writer.prepare(`SELECT COUNT(*) FROM agencies`).pluck().get() as number;
    writer.prepare(`INSERT INTO agencies (id, name) VALUES ('WAL-ONLY', '只在预写日志里的单位')`).run();
    // The files as a writer that stopped leaves them: the row is in the -wal only.
    for (const f of ['', '-wal', '-shm']) fs.copyFileSync(work + f, path.join(dir, `left.db${f}`));
    writer.close();
    const left = path.join(dir, 'left.db');
    const bytes = () => Object.fromEntries(['', '-wal', '-shm'].map((f) => [f, fs.existsSync(left + f) ? fs.readFileSync(left + f) : null]));
    const was = bytes();
    expect(was['-wal']?.length).toBeGreaterThan(0);
    const out = path.join(dir, 'public.db');
    writePublicDb(left, out);
    const now = bytes();
    for (const f of ['', '-wal']) expect(now[f]?.equals(was[f]!), `left.db${f}`).toBe(true);
    const pub = new BetterSqlite3(out, { readonly: true });
    expect(pub.prepare(`SELECT COUNT(*) FROM agencies`).pluck().get()).toBe(before + 1);
    pub.close();
  });
});
