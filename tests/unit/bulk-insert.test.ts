import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bulkInsert } from '../../src/db/bulk-insert.ts';

describe('bulkInsert', () => {
  it('inserts every row once, in order, across the 100-row statements, from an array or an iterator', () => {
    for (const n of [0, 1, 99, 100, 101, 250]) {
      const db = new BetterSqlite3(':memory:');
      db.exec('CREATE TABLE "t x" (a INTEGER, "b""c" TEXT)');
      const rows = Array.from({ length: n }, (_, i) => [i, `row ${i}`] as const);
      function* iterate() { yield* rows; }
      const count = db.transaction(() => bulkInsert(db, 't x', ['a', 'b"c'], n % 2 === 0 ? rows : iterate(), (r, v, at) => { v[at] = r[0]; v[at + 1] = r[1]; }))();
      expect(count).toBe(n);
      expect(db.prepare('SELECT rowid - 1 AS a, "b""c" AS b FROM "t x" ORDER BY rowid').raw(true).all()).toEqual(rows.map((r) => [r[0], r[1]]));
      db.close();
    }
  });
});
