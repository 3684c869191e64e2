import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReader, openWriter } from '../../src/db/connection.ts';
import { productBySku, retailHistory } from '../../src/db/queries/product-page.ts';
import { retailObservationsFor } from '../../src/db/queries/api/retail-series.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/*
 * The product page's retail series read by product key (matches → retail_product_keys →
 * retail_observations), against the seed database. The page's own build is covered in tests/site.
 */

let dbPath: string;

beforeAll(async () => {
  dbPath = await seedDb();
  // The boxed paper listing (5包/箱) also seen at retail per single pack, and once in a unit
  // that cannot be reconciled with a box.
  const { sqlite, db } = openWriter(dbPath);
  const add = sqlite.prepare(`INSERT INTO retail_observations (retailer, brand, model, title, unit, price_fen, currency,
    observed_on, url, self_operated, spec, gtin, price_kind, source) VALUES ('tmall', '得力', '7402', ?, ?, ?, 'CNY', ?, ?, 1, ?, NULL, 'sale', 'test')`);
  const key = sqlite.prepare(`INSERT INTO retail_product_keys (product_key, observation_id) VALUES ('deli:A4-70G-500X5', ?)`);
  key.run(add.run('得力 7402 A4 70g 复印纸 500张/包', '包', 2500, '2018-09-01', 'https://detail.tmall.com/1', 'A4 70g 500张/包').lastInsertRowid);
  key.run(add.run('得力 7402 A4 70g 复印纸', '台', 99900, '2018-09-02', 'https://detail.tmall.com/2', null).lastInsertRowid);
  await db.destroy();
  process.env.SUNSHINE_DB = dbPath;
});

const history = (sku: string) => retailHistory(sku, productBySku(sku)!).points;
afterAll(() => {
  delete process.env.SUNSHINE_DB;
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('retailHistory', () => {
  it('gives every sale observation of the matched product, per retailer by day, with its evidence URL', () => {
    const points = history('SKU-HP-M202DW');
    // jd's 划线价 of the same day is left out; jd and suning name the product differently.
    expect(points).toEqual([
      { retailer: 'jd', observed_on: '2018-07-09', price_fen: 189900, url: 'https://item.jd.com/100000001.html', self_operated: 1 },
      { retailer: 'suning', observed_on: '2018-07-10', price_fen: 185900, url: 'https://product.suning.com/0000000000/000000001.html', self_operated: 1 },
      { retailer: 'suning', observed_on: '2018-09-01', price_fen: 185900, url: 'https://product.suning.com/0000000000/000000001.html', self_operated: 1 },
    ]);
    expect(history('SKU-PAPER-A4-70').map((p) => p.observed_on)).toEqual(['2018-08-01', '2019-01-08', '2018-09-01']);
  });

  it('converts retail prices to the listing unit and leaves out what cannot be converted', () => {
    const paper = productBySku('SKU-PAPER-A4-70')!;
    const { points, unconvertible } = retailHistory('SKU-PAPER-A4-70', paper);
    // ¥25.00 a pack × 5 packs a box = ¥125.00 a box, the listing's unit.
    expect(points.find((p) => p.retailer === 'tmall')).toMatchObject({ observed_on: '2018-09-01', price_fen: 12500 });
    expect(unconvertible).toBe(1);
  });

  it('is empty for an unmatched listing and for a matched one that no retailer sells', () => {
    expect(history('SKU-CAB-01')).toEqual([]);
    expect(history('SKU-FAX-KX')).toEqual([]);
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
