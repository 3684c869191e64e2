import { describe, expect, it } from 'vitest';
import { openWriter } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

describe('migrations', () => {
  it('create every public table of DESIGN §4, STRICT, and are idempotent', async () => {
    const { sqlite, db } = openWriter(':memory:');
    await migrateToLatest(db);
    await migrateToLatest(db);
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['agencies', 'suppliers', 'categories', 'listings', 'listing_prices', 'orders', 'order_lines',
      'retail_observations', 'matches', 'line_gaps', 'flags', 'ingest_runs', 'rejects', 'raw_records']) {
      expect(tables).toContain(t);
    }
    expect(() => sqlite.prepare(`INSERT INTO listing_prices VALUES ('a','2019-01-01', 1.5)`).run()).toThrow(/INTEGER/);
    await db.destroy();
  });
});
