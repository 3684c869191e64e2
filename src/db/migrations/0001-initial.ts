import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

// Tables are STRICT so SQLite refuses a REAL where an INTEGER fen belongs.
const statements = [
  `CREATE TABLE agencies (id TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT`,
  `CREATE TABLE suppliers (id TEXT PRIMARY KEY, name TEXT NOT NULL, credit_code TEXT) STRICT`,
  `CREATE TABLE categories (code TEXT PRIMARY KEY, name TEXT NOT NULL, parent_code TEXT) STRICT`,
  `CREATE TABLE listings (
     sku TEXT PRIMARY KEY, supplier_id TEXT NOT NULL, category_code TEXT NOT NULL,
     brand TEXT NOT NULL, model TEXT NOT NULL, title TEXT NOT NULL, spec TEXT, unit TEXT NOT NULL,
     price_fen INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('on_sale','off_sale')),
     updated_at TEXT NOT NULL, gtin TEXT, source TEXT NOT NULL,
     record_hash TEXT NOT NULL, ingest_run INTEGER NOT NULL) STRICT`,
  `CREATE INDEX listings_supplier ON listings(supplier_id)`,
  `CREATE INDEX listings_category ON listings(category_code)`,
  `CREATE TABLE listing_prices (sku TEXT NOT NULL, day TEXT NOT NULL, price_fen INTEGER NOT NULL,
     PRIMARY KEY (sku, day)) STRICT, WITHOUT ROWID`,
  `CREATE TABLE orders (
     order_no TEXT PRIMARY KEY, agency_id TEXT NOT NULL, supplier_id TEXT NOT NULL,
     placed_at TEXT NOT NULL, completed_at TEXT NOT NULL, total_fen INTEGER NOT NULL,
     currency TEXT NOT NULL DEFAULT 'CNY', rating INTEGER CHECK (rating BETWEEN 1 AND 5), comment TEXT,
     source TEXT NOT NULL, evaluated_at TEXT, updated_at TEXT NOT NULL,
     record_hash TEXT NOT NULL, ingest_run INTEGER NOT NULL) STRICT`,
  `CREATE INDEX orders_agency ON orders(agency_id, placed_at)`,
  `CREATE INDEX orders_supplier ON orders(supplier_id, placed_at)`,
  `CREATE INDEX orders_placed ON orders(placed_at)`,
  `CREATE TABLE order_lines (
     order_no TEXT NOT NULL, line_no INTEGER NOT NULL, sku TEXT, title TEXT NOT NULL,
     brand TEXT, model TEXT, spec TEXT, unit TEXT NOT NULL, quantity REAL NOT NULL CHECK (quantity > 0),
     unit_price_fen INTEGER NOT NULL, amount_fen INTEGER NOT NULL,
     PRIMARY KEY (order_no, line_no)) STRICT`,
  `CREATE INDEX order_lines_sku ON order_lines(sku)`,
  `CREATE TABLE retail_observations (
     id INTEGER PRIMARY KEY, retailer TEXT NOT NULL, brand TEXT NOT NULL, model TEXT NOT NULL,
     title TEXT NOT NULL, unit TEXT NOT NULL, price_fen INTEGER NOT NULL, currency TEXT NOT NULL DEFAULT 'CNY',
     observed_on TEXT NOT NULL, url TEXT NOT NULL, self_operated INTEGER NOT NULL CHECK (self_operated IN (0,1)),
     spec TEXT, gtin TEXT, price_kind TEXT NOT NULL DEFAULT 'sale' CHECK (price_kind IN ('sale','list')),
     source TEXT NOT NULL,
     UNIQUE (retailer, url, observed_on, price_kind)) STRICT`,
  `CREATE INDEX retail_observations_model ON retail_observations(brand, model)`,
  `CREATE TABLE matches (sku TEXT PRIMARY KEY, product_key TEXT, method TEXT NOT NULL,
     confidence REAL NOT NULL) STRICT`,
  `CREATE TABLE line_gaps (
     order_no TEXT NOT NULL, line_no INTEGER NOT NULL, ref_price_fen INTEGER, ref_retailer TEXT,
     ref_observed_on TEXT, ref_url TEXT, gap_fen INTEGER, gap_bp INTEGER, method TEXT NOT NULL,
     ref_observation_id INTEGER, ref_median_fen INTEGER, ref_count INTEGER NOT NULL DEFAULT 0,
     no_ref_reason TEXT,
     PRIMARY KEY (order_no, line_no)) STRICT`,
  `CREATE TABLE flags (
     id INTEGER PRIMARY KEY, rule TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL,
     order_no TEXT, evidence_json TEXT NOT NULL, rule_version TEXT NOT NULL) STRICT`,
  `CREATE INDEX flags_order ON flags(order_no)`,
  `CREATE INDEX flags_rule ON flags(rule)`,
  `CREATE TABLE ingest_runs (
     id INTEGER PRIMARY KEY, stage TEXT NOT NULL, source TEXT, started_at TEXT NOT NULL,
     finished_at TEXT, status TEXT NOT NULL, counts_json TEXT NOT NULL DEFAULT '{}', error TEXT) STRICT`,
  `CREATE TABLE rejects (
     id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, source TEXT NOT NULL, record_key TEXT NOT NULL,
     field TEXT NOT NULL, reason TEXT NOT NULL, kind TEXT NOT NULL) STRICT`,
  `CREATE INDEX rejects_run ON rejects(run_id)`,
  `CREATE TABLE raw_records (
     source TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
     first_seen_run INTEGER,
     PRIMARY KEY (source, kind, key, hash)) STRICT, WITHOUT ROWID`,
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
  `CREATE TABLE source_state (source TEXT NOT NULL, kind TEXT NOT NULL, updated_since TEXT NOT NULL,
     PRIMARY KEY (source, kind)) STRICT`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
