/**
 * One mistyped or hostile order cannot silently rename a public body (DESIGN §3): the name
 * shown is the latest the sources gave, and every earlier one stays on record as 曾用名.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

describe('a renamed agency keeps its earlier names', () => {
  it('records every name once, with the run that first gave it', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'renames-')), 'sunshine.db');
    const night = async (name: string, no: string) => {
      const dir = writeFeedDir({ 'listings.json': [makeListing('SKU-1')], 'orders.json': [makeOrder(no, { buyer: { id: 'A001', name } })] });
      expect((await runIngest({ dbPath, sources: [feedDirSource(dir, 'feed:e-mall')], categoriesFile: '/nonexistent' })).status).toBe('ok');
    };
    await night('示例县教育局', 'PO-1');
    await night('示例县教育局（假冒）', 'PO-2');
    await night('示例县教育局', 'PO-3');
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare(`SELECT name FROM agencies WHERE id = 'A001'`).pluck().get()).toBe('示例县教育局');
    expect(db.prepare(`SELECT name, first_run FROM party_names WHERE kind = 'agency' AND id = 'A001' ORDER BY first_run`).all())
      .toEqual([{ name: '示例县教育局', first_run: 1 }, { name: '示例县教育局（假冒）', first_run: 2 }]);
    db.close();
    process.env.SUNSHINE_DB = dbPath;
    const { formerNames } = await import('../../src/db/queries/names.ts');
    expect(formerNames('agency', 'A001', '示例县教育局')).toEqual(['示例县教育局（假冒）']);
  });
});
