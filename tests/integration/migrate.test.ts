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

describe('migration 0012 (agency and supplier page versions)', () => {
  it('widens content_versions to agency and supplier pages and keeps the stored versions', async () => {
    const { sqlite, db } = openWriter(':memory:');
    await migrateToLatest(db);
    // Back to the table as 0011 made it, holding versions, as a database migrated last night is.
    sqlite.exec(`DROP TABLE content_versions;
      CREATE TABLE content_versions (
        kind TEXT NOT NULL CHECK (kind IN ('order', 'product')), id TEXT NOT NULL,
        hash TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT, WITHOUT ROWID;
      INSERT INTO content_versions VALUES ('order', 'ES1', 'h1', '2019-01-01T00:00:00+08:00'), ('product', 'P1', 'h2', '2019-01-02T00:00:00+08:00');
      DROP TABLE source_files;
      DELETE FROM kysely_migration WHERE name >= '0012';`);
    expect(() => sqlite.prepare(`INSERT INTO content_versions VALUES ('agency', 'A1', 'h', 'x')`).run()).toThrow(/CHECK/);
    await migrateToLatest(db);
    expect(sqlite.prepare(`SELECT kind, id, hash, updated_at FROM content_versions ORDER BY kind`).all()).toEqual([
      { kind: 'order', id: 'ES1', hash: 'h1', updated_at: '2019-01-01T00:00:00+08:00' },
      { kind: 'product', id: 'P1', hash: 'h2', updated_at: '2019-01-02T00:00:00+08:00' },
    ]);
    sqlite.prepare(`INSERT INTO content_versions VALUES ('agency', 'A1', 'h', 'x'), ('supplier', 'S1', 'h', 'x')`).run();
    expect(() => sqlite.prepare(`INSERT INTO content_versions VALUES ('category', 'C1', 'h', 'x')`).run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`INSERT INTO content_versions VALUES ('agency', 'A2', X'00', 'x')`).run()).toThrow(/TEXT/);
    expect((sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'content_versions'`).get() as { sql: string }).sql).toMatch(/STRICT, WITHOUT ROWID$/);
    await db.destroy();
  });
});
