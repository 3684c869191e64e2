import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readReviews } from '../../src/analyze/reviews.ts';
import { runAnalyze } from '../../src/analyze/run.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { retailFileSource } from '../../src/ingest/retail/retail-file.ts';

const dir = (csv: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reviews-'));
  fs.writeFileSync(path.join(d, 'reviews.csv'), csv);
  return d;
};
const HEAD = 'flag_key,status,note,source_url,reviewed_on\n';

describe('the review trail (DESIGN §7)', () => {
  it('a bad row fails, naming the row and the field; notes are scrubbed', () => {
    expect(() => readReviews(dir(`${HEAD}split-order:0123456789ab,maybe,x,,2019-01-01\n`))).toThrow(/row 2: status/);
    expect(() => readReviews(dir(`${HEAD}nonsense,confirmed,x,,2019-01-01\n`))).toThrow(/row 2: flag_key/);
    expect(() => readReviews(dir(`${HEAD}split-order:0123456789ab,confirmed,x,,01/02/2019\n`))).toThrow(/reviewed_on/);
    expect(() => readReviews(dir(`${HEAD}split-order:0123456789ab,confirmed,x,javascript:alert(1),2019-01-01\n`))).toThrow(/source_url/);
    const [r] = readReviews(dir(`${HEAD}split-order:0123456789ab,explained,联系人电话13812345678,,2019-01-01\n`));
    expect(r!.note).toBe('联系人电话〔已隐去〕');
  });

  it('the sample reviews attach to the sample flags they name, across a fresh analysis', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reviews-db-')), 'db.sqlite');
    await runIngest({ dbPath, categoriesFile: 'data/categories.json', sources: [feedDirSource('data/sample', 'feed:sample'), retailFileSource('data/sample/retail-observations.csv')] });
    await runAnalyze({ dbPath });
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const joined = db.prepare(`SELECT f.rule, r.status FROM flags f JOIN flag_reviews r ON r.flag_key = f.key ORDER BY f.rule`).all();
    db.close();
    expect(joined).toEqual([
      { rule: 'low-rating', status: 'dismissed' }, { rule: 'order-over-cap', status: 'confirmed' }, { rule: 'price-above-retail', status: 'explained' },
    ]);
  });
});
