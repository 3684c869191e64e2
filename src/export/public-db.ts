import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The downloadable /data/sunshine-public.db: the public tables of DESIGN §4 (plus the
 * aggregates analyze computes) copied out of the working database. raw_records is public too:
 * it holds the records as archived after redaction (contact data is dropped inside each
 * adapter, before archiving), and it is what lets a reader check the record hash every
 * purchase page shows. Per-source cursors and internal facts (source_state, meta) stay behind.
 *
 * The file must be byte-identical for the same database, so that a rebuild does not publish a
 * "changed" download: it is built in memory from the source's own CREATE statements, rows are
 * inserted in primary-key order, and written with VACUUM INTO (which lays out pages afresh).
 */
export const PUBLIC_TABLES = [
  'agencies',
  'suppliers',
  'categories',
  'listings',
  'listing_prices',
  'orders',
  'order_lines',
  'retail_observations',
  'retail_product_keys',
  'matches',
  'line_gaps',
  'flags',
  'ingest_runs',
  'rejects',
  'totals',
  'agency_cap_use',
  'raw_records',
] as const;

export interface PublicDbResult {
  tables: { name: string; rows: number }[];
  bytes: number;
}

interface ColumnInfo {
  name: string;
  pk: number;
}

export function writePublicDb(sourcePath: string, outPath: string): PublicDbResult {
  // The source is only ever read (the build opens the database read-only, DESIGN §1).
  const src = new BetterSqlite3(sourcePath, { readonly: true, fileMustExist: true });
  const out = new BetterSqlite3(':memory:');
  try {
    src.pragma('query_only = 1');
    const existing = new Set(
      (src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    const tables: PublicDbResult['tables'] = [];
    // Fixed page size and encoding: the defaults could differ between SQLite builds.
    out.pragma('page_size = 4096');
    out.pragma(`encoding = 'UTF-8'`);

    for (const name of PUBLIC_TABLES) {
      if (!existing.has(name)) continue;
      const { sql } = src.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) as { sql: string };
      out.exec(sql);
      const cols = src.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(name) as ColumnInfo[];
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      // Every public table has a primary key; if one ever lacks it, all columns still give a total order.
      const orderBy = (pk.length > 0 ? pk : cols.map((c) => c.name)).map(quoteIdent).join(', ');
      const colList = cols.map((c) => quoteIdent(c.name)).join(', ');
      const insert = out.prepare(
        `INSERT INTO ${quoteIdent(name)} (${colList}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      const select = src.prepare(`SELECT ${colList} FROM ${quoteIdent(name)} ORDER BY ${orderBy}`).raw(true);
      let rows = 0;
      out.transaction(() => {
        for (const row of select.iterate() as Iterable<unknown[]>) {
          insert.run(row);
          rows++;
        }
      })();
      tables.push({ name, rows });
    }

    // Indexes after the data (faster, and their pages come out the same either way after VACUUM).
    const names = tables.map((t) => t.name);
    const indexes = src
      .prepare(
        `SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .all(...names) as { sql: string }[];
    for (const { sql } of indexes) out.exec(sql);

    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    fs.rmSync(outPath, { force: true });
    out.prepare('VACUUM INTO ?').run(outPath);
    return { tables, bytes: fs.statSync(outPath).size };
  } finally {
    out.close();
    src.close();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
