import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReader, openWriter } from '../../src/db/connection.ts';
import { retailHistory } from '../../src/db/queries/products.ts';
import { retailObservationsFor } from '../../src/server/api/retail-series.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/*
 * The product page's retail series read by product key (matches → retail_product_keys →
 * retail_observations), against the seed database. The page's own build is covered in tests/site.
 */

let dbPath: string;

beforeAll(async () => {
  dbPath = await seedDb();
  process.env.SUNSHINE_DB = dbPath;
});
afterAll(() => {
  delete process.env.SUNSHINE_DB;
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('retailHistory', () => {
  it('gives every sale observation of the matched product, per retailer by day, with its evidence URL', () => {
    const points = retailHistory('SKU-HP-M202DW');
    // jd's 划线价 of the same day is left out; jd and suning name the product differently.
    expect(points).toEqual([
      { retailer: 'jd', observed_on: '2018-07-09', price_fen: 189900, url: 'https://item.jd.com/100000001.html', self_operated: 1 },
      { retailer: 'suning', observed_on: '2018-07-10', price_fen: 185900, url: 'https://product.suning.com/0000000000/000000001.html', self_operated: 1 },
      { retailer: 'suning', observed_on: '2018-09-01', price_fen: 185900, url: 'https://product.suning.com/0000000000/000000001.html', self_operated: 1 },
    ]);
    expect(retailHistory('SKU-PAPER-A4-70').map((p) => p.observed_on)).toEqual(['2018-08-01', '2019-01-08']);
  });

  it('is empty for an unmatched listing and for a matched one that no retailer sells', () => {
    expect(retailHistory('SKU-CAB-01')).toEqual([]);
    expect(retailHistory('SKU-FAX-KX')).toEqual([]);
  });

  it('reads through the product-key index, not a scan of the observations', () => {
    const { sqlite } = openReader(dbPath);
    try {
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN SELECT ro.id FROM matches m JOIN retail_product_keys k ON k.product_key = m.product_key
          JOIN retail_observations ro ON ro.id = k.observation_id WHERE m.sku = ?`)
        .all('SKU-HP-M202DW') as { detail: string }[];
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/SEARCH k USING PRIMARY KEY \(product_key=\?\)/);
      expect(details).toMatch(/SEARCH ro USING INTEGER PRIMARY KEY/);
      expect(details).not.toMatch(/\bSCAN\b/);
    } finally {
      sqlite.close();
    }
  });
});

describe('retailObservationsFor (API)', () => {
  it('serves no retail series, not an error, from a database analysed before retail_product_keys existed', async () => {
    const old = path.join(path.dirname(dbPath), 'old.db');
    fs.copyFileSync(dbPath, old);
    const w = openWriter(old);
    w.sqlite.exec('DROP TABLE retail_product_keys');
    await w.db.destroy();
    const { sqlite, db } = openReader(old);
    try {
      expect(await retailObservationsFor({ sqlite, db, version: 'old' }, 'hp:M202DW')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
