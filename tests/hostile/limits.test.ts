import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/ingest/core/json-depth.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';
import { encodeGbk } from '../fixtures/gbk.ts';
import { envelope, ingestDir, rows, tmpDir, writeRaw } from './harness.ts';

// Files and records that used to crash or hang a run (DESIGN §3 Limits, and the encodings of Values).
const deep = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown;
const good = (prefix: string) => Array.from({ length: 20 }, (_, i) => makeOrder(`${prefix}-${i}`));

describe('nesting depth', () => {
  it('measures 20,000 levels without recursing', () => {
    expect(nestsDeeperThan({ a: deep(20_000) })).toBe(true);
    expect(nestsDeeperThan({ a: deep(31) })).toBe(false); // the record is level 1
    expect(nestsDeeperThan({ a: deep(32) })).toBe(true);
  });
});

describe.each([false, true])('hostile feed files (parse in worker: %s)', (parseInWorker) => {
  it('rejects a record nested 20,000 deep and loads the rest', async () => {
    // Written as text: JSON.stringify itself overflows on such a value.
    const dir = writeFeedDir({});
    const text = envelope([...good('G'), makeOrder('O-DEEP', { extra: 'DEEP' })]).replace('"DEEP"', '['.repeat(20_000) + ']'.repeat(20_000));
    writeRaw(dir, 'orders-0001.json', text);
    const { report, rejects } = await ingestDir(dir, parseInWorker);
    expect(report.status).toBe('ok');
    expect(report.sources[0]!.counts.kinds.order).toMatchObject({ inserted: 20, rejected: 1 });
    expect(rejects).toEqual([{ record_key: 'O-DEEP', field: '(record)', reason: '(record) is nested deeper than 32 levels' }]);
  });

  it('accepts a file with a BOM, rejects a GBK file as a whole saying it is not UTF-8', async () => {
    const dir = writeFeedDir({ 'orders-0001.json': good('G') });
    writeRaw(dir, 'orders-0002.json', '\ufeff' + envelope([makeOrder('O-BOM')]));
    writeRaw(dir, 'orders-0003.json', encodeGbk(envelope([makeOrder('O-GBK', { buyer: { id: 'A9', name: '示例县教育局' } })])));
    const { report, dbPath, rejects } = await ingestDir(dir, parseInWorker);
    expect(report.status).toBe('ok');
    expect(rows(dbPath, `SELECT 1 FROM orders WHERE order_no = 'O-BOM'`)).toHaveLength(1);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ record_key: 'orders-0003.json', field: '(file)' });
    expect(rejects[0]!.reason).toMatch(/not valid UTF-8.*--csv/);
  });

  it('never opens a FIFO, a directory or a link out of the folder, and says why', async () => {
    const outside = tmpDir('outside-');
    fs.writeFileSync(path.join(outside, 'secret.json'), envelope([makeOrder('SECRET-CONTENT')]));
    const dir = writeFeedDir({ 'listings-0001.json': [makeListing('SKU-1')], 'orders-0001.json': good('G') });
    execFileSync('mkfifo', [path.join(dir, 'orders-0002.json')]);
    fs.mkdirSync(path.join(dir, 'orders-0003.json'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'orders-0004.json'));
    fs.symlinkSync(path.join(dir, 'orders-0001.json'), path.join(dir, 'orders-0005.json')); // inside: followed
    const { report, rejects } = await ingestDir(dir, parseInWorker);
    expect(report.status).toBe('ok');
    expect(rejects.map((r) => [r.record_key, r.field])).toEqual([
      ['orders-0002.json', '(file)'], ['orders-0003.json', '(file)'], ['orders-0004.json', '(file)'],
    ]);
    expect(rejects[0]!.reason).toMatch(/not a regular file \(a FIFO\)/);
    expect(rejects[1]!.reason).toMatch(/not a regular file \(a directory\)/);
    expect(rejects[2]!.reason).toMatch(/outside the source folder/);
    expect(JSON.stringify(rejects)).not.toMatch(/SECRET/);
  }, 20_000);
});
