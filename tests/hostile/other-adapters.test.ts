import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { csvDirSource } from '../../src/ingest/csv/csv-dir.ts';
import { ocdsSource } from '../../src/ingest/ocds/ocds-source.ts';
import { readRegularFile } from '../../src/ingest/feed/read-feed-file.ts';
import { tmpDir } from './harness.ts';

// The same limits for the adapters that are not the platform feed (DESIGN §3 Limits).
async function collect(src: { items(): AsyncIterable<SourceItem> }): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}

const release = (ocid: string, extra: string) =>
  `{"ocid":${JSON.stringify(ocid)},"id":"r1","date":"2018-01-01T00:00:00Z","tag":["contract"],"extra":${extra}}`;

describe('OCDS', () => {
  it('turns a release nested 20,000 deep and a release with a bidi ocid into rejects, not a stack overflow', async () => {
    const dir = tmpDir('ocds-hostile-');
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    fs.writeFileSync(path.join(dir, 'p.json'), `{"releases":[${release('ocds-1', deep)},${release('ocds-\u202e2', '1')}]}`);
    const items = await collect(ocdsSource(dir));
    const issues = items.flatMap((i) => (i.ok === false ? i.issues : []));
    expect(issues).toContainEqual({ field: '(release)', reason: 'is nested deeper than 32 levels' });
    expect(issues).toContainEqual({ field: 'ocid', reason: expect.stringMatching(/format character \(U\+202E\)/) });
  });

  it('fails with a reason, rather than hanging, on a FIFO in its folder', async () => {
    const dir = tmpDir('ocds-fifo-');
    execFileSync('mkfifo', [path.join(dir, 'p.json')]);
    await expect(collect(ocdsSource(dir))).rejects.toThrow(/not a regular file \(a FIFO\)/);
  }, 10_000);
});

describe('CSV', () => {
  it('fails with a reason, rather than hanging, on a FIFO named orders.csv', async () => {
    const dir = tmpDir('csv-fifo-');
    execFileSync('mkfifo', [path.join(dir, 'orders.csv')]);
    await expect(collect(csvDirSource(dir))).rejects.toThrow(/not a regular file \(a FIFO\)/);
  }, 10_000);
});

describe('file size', () => {
  it('refuses a feed file over 512 MB without reading it', () => {
    // Sparse: no disk is used and nothing is read, only its size is looked at.
    const file = path.join(tmpDir('big-'), 'orders-0001.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 512 * 1024 * 1024 + 1);
    const r = readRegularFile(file);
    expect(r.ok ? 'read' : r.reason).toMatch(/larger than 512 MB/);
  });
});
