import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REJECT_CODES, rejectCode } from '../../src/domain/reject-code.ts';
import { t } from '../../src/i18n/zh-CN.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';

describe('reject reasons: a stable code with a Chinese message', () => {
  it('every code has its Chinese message', () => {
    for (const code of REJECT_CODES) expect(t.data.rejectCodes[code], code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads the usual reasons', () => {
    expect(rejectCode('is missing')).toBe('missing');
    expect(rejectCode('is not a real date or time: "2019-02-30"')).toBe('bad-date');
    expect(rejectCode('is not a decimal amount in yuan: "abc"')).toBe('bad-amount');
    expect(rejectCode('is 18.00 but unit_price × quantity is 20.00')).toBe('inconsistent');
    expect(rejectCode('is nested deeper than 32 levels')).toBe('too-deep');
  });

  it('every planted bad record of the sample gets a specific code, stored with the reject', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codes-')), 'db.sqlite');
    const r = await runIngest({
      dbPath, categoriesFile: 'data/categories.json',
      sources: [feedDirSource('data/sample', 'feed:sample'), retailFileSource('data/sample/retail-observations.csv')],
    });
    expect(r.status, r.error).toBe('ok');
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const rows = db.prepare(`SELECT reason, code FROM rejects`).all() as { reason: string; code: string }[];
    db.close();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((x) => x.code === 'other').map((x) => x.reason)).toEqual([]);
  });
});
