import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileLedgerOptions } from '../../src/ingest/core/file-ledger.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';
import { makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

// A night leaves out the feed files an earlier run read byte for byte as they are now
// (src/ingest/core/file-ledger.ts); what lands in the database must be what reading them gives.
const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'file-ledger-')), 'test.db');
const ingest = (dbPath: string, dir: string, sourceId: string, files: FileLedgerOptions | undefined, maxRejectShare = 0.5) =>
  runIngest({ dbPath, sources: [feedDirSource(dir, sourceId, { parseInWorker: false })], files, maxRejectShare, categoriesFile: '/nonexistent', now: () => Date.UTC(2019, 0, 1) });
const skip = (code = 'code-1'): FileLedgerOptions => ({ code, skipUnchanged: true });
const orders = (from: number, to: number, over: Record<string, unknown> = {}) => Array.from({ length: to - from + 1 }, (_, i) => makeOrder(`O-${from + i}`, over));
const ledgerRows = (dbPath: string) => {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT adapter, code, name, source, bytes FROM source_files ORDER BY name`).all() as { adapter: string; code: string; name: string; source: string; bytes: number }[];
  } finally {
    db.close();
  }
};

const firstNight = () => writeFeedDir({
  'orders-1.json': orders(1, 5),
  // One record without an order number: a reject, which the night that reads the file records.
  'orders-2.json': [...orders(6, 9), makeOrder('', {})],
});

describe('feed files left unparsed when an earlier run read the same bytes', () => {
  it('leaves out the unchanged page and ends with what reading every file gives', async () => {
    const night1 = firstNight();
    const night2 = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-next-'));
    fs.copyFileSync(path.join(night1, 'orders-1.json'), path.join(night2, 'orders-1.json'));
    writeFeedDir({
      'orders-2.json': [...orders(6, 9), makeOrder('', {}), makeOrder('O-7', { status: 'refunded', updated_at: '2018-08-01T10:00:00' }), makeOrder('O-10')],
      'orders-3.json': orders(11, 12),
    }, night2);
    const [skipping, reading] = [tmpDb(), tmpDb()];
    for (const db of [skipping, reading]) {
      const r = await ingest(db, night1, 'feed:night1', skip());
      expect(r.status).toBe('ok');
      expect(r.sources[0]!.counts.files).toEqual({ read: 2, unchanged: 0, unchanged_bytes: 0 });
    }
    const a = await ingest(skipping, night2, 'feed:night2', skip());
    const b = await ingest(reading, night2, 'feed:night2', { code: 'code-1', skipUnchanged: false });
    expect(a.status).toBe('ok');
    expect(b.status).toBe('ok');
    const bytes1 = fs.statSync(path.join(night2, 'orders-1.json')).size;
    expect(a.sources[0]!.counts.files).toEqual({ read: 2, unchanged: 1, unchanged_bytes: bytes1 });
    expect(b.sources[0]!.counts.files).toEqual({ read: 3, unchanged: 0, unchanged_bytes: 0 });
    // Only the records of the files read were read: page 1's five orders were not.
    expect(a.sources[0]!.counts.kinds.order!.read).toBe(b.sources[0]!.counts.kinds.order!.read - 5);
    expect(a.sources[0]!.counts.kinds.order!.inserted).toBe(3);
    expect(a.sources[0]!.counts.kinds.withdrawal).toMatchObject({ read: 1, updated: 1 });
    // The archive of raw records is keyed by source as well: re-reading page 1 from the new
    // folder archives its records a second time, under the new source. Everything else is equal.
    const tables = DATA_TABLES.filter((t) => t !== 'raw_records');
    expect(dumpTables(skipping, tables)).toEqual(dumpTables(reading, tables));
    const withdrawn = new BetterSqlite3(skipping, { readonly: true }).prepare(`SELECT status FROM orders WHERE order_no = 'O-7'`).get();
    expect(withdrawn).toEqual({ status: 'refunded' });
    expect(ledgerRows(skipping).map((r) => r.name)).toEqual(['orders-1.json', 'orders-2.json', 'orders-2.json', 'orders-3.json']);
  });

  it('leaves out only the first files: after a file read, a later unchanged one is read, as its ties and names come last', async () => {
    // Page 2 holds the later of two versions with the same updated_at, and the agency's later name.
    const tie = { updated_at: '2018-07-05T16:30:00' };
    const night1 = writeFeedDir({
      'orders-1.json': [makeOrder('X', { ...tie, total: '3460.00' }), makeOrder('Y', { buyer: { id: 'A001', name: '旧名单位' } })],
      'orders-2.json': [makeOrder('X', { ...tie, evaluation: null }), makeOrder('Z', { buyer: { id: 'A001', name: '新名单位' } })],
    });
    const night2 = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-next-'));
    fs.copyFileSync(path.join(night1, 'orders-2.json'), path.join(night2, 'orders-2.json'));
    writeFeedDir({ 'orders-1.json': [makeOrder('X', { ...tie, total: '3460.00' }), makeOrder('Y', { buyer: { id: 'A001', name: '旧名单位' } }), makeOrder('W')] }, night2);
    const [skipping, reading] = [tmpDb(), tmpDb()];
    for (const db of [skipping, reading]) await ingest(db, night1, 'feed:night1', skip());
    const a = await ingest(skipping, night2, 'feed:night2', skip());
    await ingest(reading, night2, 'feed:night2', { code: 'code-1', skipUnchanged: false });
    expect(a.sources[0]!.counts.files).toEqual({ read: 2, unchanged: 0, unchanged_bytes: 0 });
    const db = new BetterSqlite3(skipping, { readonly: true });
    expect(db.prepare(`SELECT comment FROM orders WHERE order_no = 'X'`).get()).toEqual({ comment: null });
    expect(db.prepare(`SELECT name FROM agencies WHERE id = 'A001'`).get()).toEqual({ name: '新名单位' });
    db.close();
    const tables = DATA_TABLES.filter((t) => t !== 'raw_records');
    expect(dumpTables(skipping, tables)).toEqual(dumpTables(reading, tables));
  });

  it('reads a file whose bytes changed even when its size did not', async () => {
    const dir = writeFeedDir({ 'orders-1.json': orders(1, 3) });
    const db = tmpDb();
    await ingest(db, dir, 'feed:x', skip());
    const file = path.join(dir, 'orders-1.json');
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace('"total":"3460.00"', '"total":"3460.01"');
    expect(changed.length).toBe(text.length);
    expect(changed).not.toBe(text);
    fs.writeFileSync(file, changed);
    const r = await ingest(db, dir, 'feed:x', skip());
    expect(r.sources[0]!.counts.files).toEqual({ read: 1, unchanged: 0, unchanged_bytes: 0 });
    expect(r.sources[0]!.counts.kinds.order!.read).toBe(3);
  });

  it('reads every file again under other ingest code, and keeps only that code in the ledger', async () => {
    const dir = firstNight();
    const db = tmpDb();
    await ingest(db, dir, 'feed:x', skip('code-1'));
    const same = await ingest(db, dir, 'feed:x', skip('code-1'));
    expect(same.sources[0]!.counts.files).toMatchObject({ read: 0, unchanged: 2 });
    expect(same.sources[0]!.counts.kinds).toEqual({});
    const other = await ingest(db, dir, 'feed:x', skip('code-2'));
    expect(other.sources[0]!.counts.files).toMatchObject({ read: 2, unchanged: 0 });
    expect(other.sources[0]!.counts.kinds.order!.unchanged).toBe(9);
    expect(new Set(ledgerRows(db).map((r) => r.code))).toEqual(new Set(['code-2']));
  });

  it('marks nothing read when the run fails, so the next run reads the files again', async () => {
    const dir = firstNight();
    const db = tmpDb();
    const failed = await ingest(db, dir, 'feed:x', skip(), 0);
    expect(failed.status).toBe('failed');
    expect(ledgerRows(db)).toEqual([]);
    const r = await ingest(db, dir, 'feed:x', skip());
    expect(r.status).toBe('ok');
    expect(r.sources[0]!.counts.files).toMatchObject({ read: 2, unchanged: 0 });
    expect(r.sources[0]!.counts.kinds.order!.rejected).toBe(1);
  });

  it('without a ledger reads and records nothing about files (library callers and tests re-read)', async () => {
    const dir = firstNight();
    const db = tmpDb();
    await ingest(db, dir, 'feed:x', undefined);
    const r = await ingest(db, dir, 'feed:x', undefined);
    expect(r.sources[0]!.counts.files).toBeUndefined();
    expect(r.sources[0]!.counts.kinds.order!.unchanged).toBe(9);
    expect(ledgerRows(db)).toEqual([]);
  });
});
