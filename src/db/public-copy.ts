import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_RUN_ID_SQL } from './data-run.ts';
import { quoteIdent } from './quote-ident.ts';

/**
 * The downloadable /data/sunshine-public.db: the public tables of DESIGN §4 (plus the
 * aggregates analyze computes) copied out of the working database, table by table and column
 * by column from the allow-list below (DESIGN §3, Personal data): a column added to the working
 * database later stays out of the download until someone adds it here on purpose. raw_records
 * (the archived source records), source_state and meta never leave the working database.
 *
 * The file must be byte-identical for the same database, so that a rebuild does not publish a
 * "changed" download: it is built in memory, rows are inserted in primary-key order, and
 * written with VACUUM INTO (which lays out pages afresh).
 */
export const PUBLIC_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  agencies: ['id', 'name'],
  suppliers: ['id', 'name', 'credit_code'],
  categories: ['code', 'name', 'parent_code'],
  listings: ['sku', 'supplier_id', 'category_code', 'brand', 'model', 'title', 'spec', 'unit', 'price_fen', 'status', 'updated_at', 'gtin', 'source', 'record_hash'],
  listing_prices: ['sku', 'day', 'price_fen'],
  orders: ['order_no', 'agency_id', 'supplier_id', 'placed_at', 'completed_at', 'total_fen', 'currency', 'rating', 'comment', 'source', 'evaluated_at', 'updated_at', 'record_hash', 'status', 'withdrawn_at'],
  order_lines: ['order_no', 'line_no', 'sku', 'title', 'brand', 'model', 'spec', 'unit', 'quantity', 'unit_price_fen', 'amount_fen'],
  retail_observations: ['id', 'retailer', 'brand', 'model', 'title', 'unit', 'price_fen', 'currency', 'observed_on', 'url', 'self_operated', 'spec', 'gtin', 'price_kind', 'source', 'archive_url'],
  retail_product_keys: ['product_key', 'observation_id'],
  matches: ['sku', 'product_key', 'method', 'confidence'],
  line_gaps: ['order_no', 'line_no', 'ref_price_fen', 'ref_retailer', 'ref_observed_on', 'ref_url', 'gap_fen', 'gap_bp', 'method', 'ref_observation_id', 'ref_median_fen', 'ref_count', 'no_ref_reason'],
  flags: ['id', 'rule', 'subject_type', 'subject_id', 'order_no', 'evidence_json', 'rule_version', 'key'],
  flag_reviews: ['flag_key', 'status', 'note', 'source_url', 'reviewed_on'],
  ingest_runs: ['id', 'stage', 'source', 'started_at', 'finished_at', 'status', 'counts_json', 'error'],
  rejects: ['id', 'run_id', 'source', 'record_key', 'field', 'reason', 'kind', 'code'],
  totals: ['dimension', 'key', 'period', 'orders', 'lines', 'spend_fen', 'lines_with_ref', 'lines_without_ref', 'spend_with_ref_fen', 'ref_cost_fen', 'overpaid_fen', 'saved_fen', 'net_gap_fen', 'flags'],
  agency_cap_use: ['agency_id', 'year', 'spend_fen', 'cap_fen', 'crossing_order_no'],
  party_names: ['kind', 'id', 'name', 'first_run'],
  order_gaps: ['order_no', 'lines', 'lines_with_ref', 'ref_cost_fen', 'net_gap_fen', 'overpaid_fen', 'saved_fen', 'gap_bp'],
};
export const PUBLIC_TABLES = Object.keys(PUBLIC_COLUMNS);

// Runs written after the build (the nightly's own build, check and nightly rows) are not part
// of the published data: the download stops where the pages do (src/db/data-run.ts).
const PUBLIC_ROWS: Readonly<Record<string, string>> = {
  ingest_runs: 'id <= ?',
  rejects: 'run_id <= ?',
};

/** The working database's schema name while it is attached to the copy. */
const SOURCE = 'working';

export interface PublicDbResult {
  tables: { name: string; rows: number }[];
  bytes: number;
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

export function writePublicDb(sourcePath: string, outPath: string): PublicDbResult {
  // The schema is read through a read-only connection (the build opens the database read-only,
  // DESIGN §1), which also makes sure the file exists before it is attached below.
  const src = new BetterSqlite3(sourcePath, { readonly: true, fileMustExist: true });
  const out = new BetterSqlite3(':memory:');
  try {
    src.pragma('query_only = 1');
    const existing = new Set(
      (src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    // Evaluated on the source before any copy: in the copy's statements an unqualified
    // ingest_runs would name the public table being filled.
    const dataRun = src.prepare(`SELECT ${DATA_RUN_ID_SQL}`).pluck().get() as number;
    const tables: PublicDbResult['tables'] = [];
    // Fixed page size and encoding: the defaults could differ between SQLite builds.
    out.pragma('page_size = 4096');
    out.pragma(`encoding = 'UTF-8'`);
    // The rows go from the source to the copy inside SQLite (INSERT … SELECT): the whole copy
    // took 349–354 ms at 20k orders, against 731–734 ms when JavaScript bound the rows a hundred
    // per statement (three warm runs each, the same file byte for byte). This SQLite build takes
    // no URI filenames, so the attachment cannot be opened read-only: only SELECTs read it, and
    // the read-only connection above stays open until it is detached, so closing it never
    // checkpoints a WAL (tests/integration/public-db.test.ts checks the source's bytes).
    out.prepare(`ATTACH ? AS ${SOURCE}`).run(sourcePath);

    out.transaction(() => {
      for (const name of PUBLIC_TABLES) {
        if (!existing.has(name)) continue;
        const allowed = new Set(PUBLIC_COLUMNS[name]);
        const cols = (src.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`).all(name) as ColumnInfo[])
          .filter((c) => allowed.has(c.name));
        const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        const defs = cols.map((c) => `${quoteIdent(c.name)} ${c.type}${c.notnull ? ' NOT NULL' : ''}`);
        if (pk.length > 0) defs.push(`PRIMARY KEY (${pk.map(quoteIdent).join(', ')})`);
        out.exec(`CREATE TABLE main.${quoteIdent(name)} (${defs.join(', ')})`);
        // Every public table has a primary key; if one ever lacks it, all columns still give a total order.
        const orderBy = (pk.length > 0 ? pk : cols.map((c) => c.name)).map(quoteIdent).join(', ');
        const colList = cols.map((c) => quoteIdent(c.name)).join(', ');
        const where = PUBLIC_ROWS[name] ? ` WHERE ${PUBLIC_ROWS[name]}` : '';
        const rows = out
          .prepare(`INSERT INTO main.${quoteIdent(name)} (${colList}) SELECT ${colList} FROM ${SOURCE}.${quoteIdent(name)}${where} ORDER BY ${orderBy}`)
          .run(...(where ? [dataRun] : [])).changes;
        tables.push({ name, rows });
      }
    })();
    out.exec(`DETACH ${SOURCE}`);

    // Indexes after the data (faster, and their pages come out the same either way after VACUUM).
    const names = tables.map((t) => t.name);
    const indexes = src
      .prepare(
        `SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .all(...names) as { name: string; tbl: string; sql: string }[];
    const indexColumns = src.prepare(`SELECT name FROM pragma_index_info(?)`).pluck();
    for (const { name, tbl, sql } of indexes) {
      // An index on a column that is not public has no place in the download.
      const allowed = new Set(PUBLIC_COLUMNS[tbl]);
      if ((indexColumns.all(name) as (string | null)[]).every((c) => c !== null && allowed.has(c))) out.exec(sql);
    }

    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    fs.rmSync(outPath, { force: true });
    out.prepare('VACUUM INTO ?').run(outPath);
    return { tables, bytes: fs.statSync(outPath).size };
  } finally {
    out.close();
    src.close();
  }
}

