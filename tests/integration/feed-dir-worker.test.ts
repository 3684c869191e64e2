import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { workerParser } from '../../src/ingest/feed/worker/feed-file-parser.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';
import { makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

// The worker thread must be an optimisation only: what lands in the database, and how a
// broken file fails the run, must not depend on where the files were parsed.
const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-worker-')), 'test.db');
const ingest = (dbPath: string, dir: string, parseInWorker: boolean) =>
  runIngest({ dbPath, sources: [feedDirSource(dir, 'feed:test', { parseInWorker })], now: () => Date.UTC(2019, 0, 1) });

describe('feed directory parsed in a worker thread', () => {
  it('writes exactly what in-process parsing writes (the bundled sample, rejects included)', async () => {
    const [inWorker, inProcess] = [tmpDb(), tmpDb()];
    const a = await ingest(inWorker, 'data/sample', true);
    const b = await ingest(inProcess, 'data/sample', false);
    expect(a.status).toBe('ok');
    expect(b.status).toBe('ok');
    expect(a.sources[0]!.counts).toEqual(b.sources[0]!.counts);
    expect(a.sources[0]!.counts.kinds.order!.inserted).toBeGreaterThan(1000);
    expect(dumpTables(inWorker, [...DATA_TABLES, 'rejects'])).toEqual(dumpTables(inProcess, [...DATA_TABLES, 'rejects']));
    expect(a.sources[0]!.counts.kinds.order!.rejected).toBeGreaterThan(0);
  });

  it('hands files to the worker once it says it is ready (it once started and never received one)', async () => {
    const files: Record<string, unknown[]> = {};
    for (let f = 0; f < 10; f++) files[`orders-${f}.json`] = Array.from({ length: 20 }, (_, i) => makeOrder(`O-${f}-${i}`));
    const dir = writeFeedDir(files);
    // A worker whose readiness, like a real one's, is learnt from a macrotask: files parsed in
    // this thread meanwhile must not keep that from being seen.
    const w = workerParser();
    while (!w.ready) await new Promise((resolve) => setTimeout(resolve, 10));
    let ready = false;
    let received = 0;
    const makeWorker = () => {
      setTimeout(() => (ready = true), 0);
      return { get ready() { return ready; }, close: () => w.close(), parse: (...a: Parameters<typeof w.parse>) => (received++, w.parse(...a)) };
    };
    const report = await runIngest({ dbPath: tmpDb(), sources: [feedDirSource(dir, 'feed:test', { parseInWorker: true, makeWorker })] });
    expect(report.status).toBe('ok');
    expect(report.sources[0]!.counts.kinds.order!.inserted).toBe(200);
    expect(received).toBeGreaterThan(0);
  });

  it('fails the run, naming the file, when a file read ahead is broken, and saves nothing', async () => {
    const dir = writeFeedDir({
      'orders-1.json': [makeOrder('O-1')],
      'orders-2.json': [makeOrder('O-2')],
      'orders-3.json': [makeOrder('O-3')],
    });
    fs.writeFileSync(path.join(dir, 'orders-3.json'), '{"items": [');
    const dbPath = tmpDb();
    const report = await ingest(dbPath, dir, true);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/orders-3\.json: not valid JSON/);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
    db.close();
  });

  it('fails the run when a file is not a feed envelope', async () => {
    const dir = writeFeedDir({ 'orders-1.json': [makeOrder('O-1')] });
    fs.writeFileSync(path.join(dir, 'orders-2.json'), '[1, 2]');
    const report = await ingest(tmpDb(), dir, true);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/orders-2\.json: body is not a feed envelope \(expected a JSON object\)/);
  });
});
