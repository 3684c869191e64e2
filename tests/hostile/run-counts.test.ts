/**
 * /data/ shows each run's own reject counts (issue 13): the same bad record re-read on three
 * nights is three runs with one reject each, never one source with three.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

describe('reject counts per run', () => {
  it('three nights over one bad record: three runs of one reject each', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'run-counts-')), 'sunshine.db');
    const feed = writeFeedDir({
      'listings.json': [makeListing('SKU-1')],
      'orders.json': [...Array.from({ length: 20 }, (_, i) => makeOrder(`PO-${i}`)), makeOrder('PO-BAD', { total: 'abc' })],
    });
    for (let night = 0; night < 3; night++) {
      const r = await runIngest({ dbPath, sources: [feedDirSource(feed, 'feed:e-mall')], categoriesFile: '/nonexistent' });
      expect(r.status, r.error).toBe('ok');
    }
    process.env.SUNSHINE_DB = dbPath;
    const { rejectSummary } = await import('../../src/db/queries/runs.ts');
    const summary = rejectSummary();
    expect(summary.map((s) => [s.source, s.n])).toEqual([['feed:e-mall', 1], ['feed:e-mall', 1], ['feed:e-mall', 1]]);
    expect(new Set(summary.map((s) => s.run_id)).size).toBe(3);
    expect(summary[0]!.reasons[0]).toMatchObject({ record_key: 'PO-BAD', field: 'total' });
  });
});
