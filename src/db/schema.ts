import type { OrderGap } from '../domain/order-gap.ts';
import type { Generated, Insertable, Selectable } from 'kysely';
import type { RawRecordsTable, SourceFilesTable, SourceStateTable } from './ingest-tables.ts';

/**
 * The one definition of the database's shape (DESIGN §4). The public tables and their
 * column names are contracts: journalists query the downloadable file. Columns beyond the
 * contract are marked "extra" and only ever added, never renamed.
 *
 * Conventions: money is INTEGER fen (or hundredths of `currency` where a currency sits
 * beside it); days are 'YYYY-MM-DD'; timestamps are ISO-8601 in Asia/Shanghai; booleans 0/1.
 */

export interface AgenciesTable {
  id: string;
  name: string;
}

export interface SuppliersTable {
  id: string;
  name: string;
  credit_code: string | null;
}

export interface CategoriesTable {
  code: string;
  name: string;
  parent_code: string | null;
}

export interface ListingsTable {
  sku: string;
  supplier_id: string;
  category_code: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  price_fen: number;
  status: 'on_sale' | 'off_sale';
  updated_at: string;
  gtin: string | null; // extra
  source: string; // extra: which source last wrote it
  record_hash: string; // extra: raw_records.hash of the version shown (provenance)
  ingest_run: number; // extra: ingest_runs.id of the run that wrote this version
}

export interface ListingPricesTable {
  sku: string;
  day: string;
  price_fen: number;
}

export interface OrdersTable {
  order_no: string;
  agency_id: string;
  supplier_id: string;
  placed_at: string;
  completed_at: string;
  total_fen: number;
  currency: string;
  rating: number | null;
  comment: string | null;
  source: string;
  evaluated_at: string | null; // extra
  updated_at: string; // extra: decides which version of an order wins
  record_hash: string; // extra: raw_records.hash of the version shown (provenance)
  ingest_run: number; // extra: ingest_runs.id of the run that wrote this version
  /** 'completed', or how a later version withdrew the purchase (DESIGN §3, Order lifecycle). */
  status: OrderStatus;
  /** When the withdrawing version was issued; null while the order counts. */
  withdrawn_at: string | null;
}

export type OrderStatus = 'completed' | 'refunded' | 'cancelled' | 'returned';

export interface OrderLinesTable {
  order_no: string;
  line_no: number;
  sku: string | null;
  title: string;
  brand: string | null;
  model: string | null;
  spec: string | null;
  unit: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

export interface RetailObservationsTable {
  id: Generated<number>;
  retailer: string;
  brand: string;
  model: string;
  title: string;
  unit: string;
  price_fen: number;
  currency: string;
  observed_on: string;
  url: string;
  self_operated: 0 | 1;
  spec: string | null; // extra
  gtin: string | null; // extra
  price_kind: 'sale' | 'list'; // extra: 'list' (划线价/原价) rows are never a reference
  source: string; // extra
  /** A snapshot of the page as seen (web archive), shown beside the live link; null if none. */
  archive_url: string | null;
}

export interface MatchesTable {
  sku: string;
  product_key: string | null;
  method: 'gtin' | 'manual' | 'model' | 'spec' | 'none';
  confidence: number;
}

/** The product key analyze gave a retail observation (extra); observations without one have no row. */
export interface RetailProductKeysTable {
  observation_id: number;
  product_key: string;
}

export interface LineGapsTable {
  order_no: string;
  line_no: number;
  ref_price_fen: number | null;
  ref_retailer: string | null;
  ref_observed_on: string | null;
  ref_url: string | null;
  gap_fen: number | null;
  gap_bp: number | null;
  method: string;
  ref_observation_id: number | null; // extra: the evidence row
  ref_median_fen: number | null; // extra
  ref_count: number; // extra: retailers that had a usable observation
  no_ref_reason: string | null; // extra
}

export interface FlagsTable {
  id: Generated<number>;
  rule: string;
  subject_type: 'order' | 'line' | 'listing' | 'agency';
  subject_id: string;
  order_no: string | null;
  evidence_json: string;
  rule_version: string;
  /** Stable across runs (domain/flags/flag-key.ts): what data/reviews.csv refers to. */
  key: string | null;
}

/** The version of one page's data and when it last changed (DESIGN §10, migrations 0011 and 0012). */
export interface ContentVersionsTable {
  kind: 'order' | 'product' | 'agency' | 'supplier';
  id: string;
  hash: string;
  updated_at: string;
}

/** What auditors concluded about a flag (DESIGN §7, review trail). */
export interface FlagReviewsTable {
  flag_key: string;
  status: 'confirmed' | 'explained' | 'dismissed';
  note: string;
  source_url: string | null;
  reviewed_on: string;
}

export interface IngestRunsTable {
  id: Generated<number>;
  stage: string;
  source: string | null;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'failed';
  counts_json: string;
  error: string | null;
}

export interface RejectsTable {
  id: Generated<number>;
  run_id: number;
  source: string;
  record_key: string;
  field: string;
  reason: string;
  kind: string; // extra: listing, order, retail
  /** Stable code of the reason (domain/reject-code.ts), the key of its Chinese message. */
  code: Generated<string>;
}

/**
 * Facts about the dataset as a whole (extra, not public). Keys: 'sample' = '1' when any
 * ingested source is the bundled sample (pages then show the 示例数据 banner).
 */
export interface MetaTable {
  key: string;
  value: string;
}

/** Every name an agency or supplier was given by a source, for 曾用名 (DESIGN §3). */
export interface PartyNamesTable {
  kind: 'agency' | 'supplier';
  id: string;
  name: string;
  first_run: number;
}

/** The gap of each purchase as a whole, computed once by analyze (src/domain/order-gap.ts). */
export interface OrderGapsTable extends OrderGap {
  order_no: string;
}

/** Withdrawals read before the order they undo (internal to ingest, never published). */
export interface EarlyWithdrawalsTable {
  order_no: string;
  status: Exclude<OrderStatus, 'completed'>;
  updated_at: string;
}

export interface Database {
  agencies: AgenciesTable;
  suppliers: SuppliersTable;
  categories: CategoriesTable;
  listings: ListingsTable;
  listing_prices: ListingPricesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  retail_observations: RetailObservationsTable;
  matches: MatchesTable;
  retail_product_keys: RetailProductKeysTable;
  line_gaps: LineGapsTable;
  flags: FlagsTable;
  ingest_runs: IngestRunsTable;
  rejects: RejectsTable;
  raw_records: RawRecordsTable;
  source_state: SourceStateTable;
  source_files: SourceFilesTable;
  meta: MetaTable;
  totals: TotalsTable;
  agency_cap_use: AgencyCapUseTable;
  party_names: PartyNamesTable;
  order_gaps: OrderGapsTable;
  early_withdrawals: EarlyWithdrawalsTable;
  flag_reviews: FlagReviewsTable;
  content_versions: ContentVersionsTable;
}

export type Order = Selectable<OrdersTable>;
export type OrderGapRow = Selectable<OrderGapsTable>;
export type OrderLine = Selectable<OrderLinesTable>;
export type Listing = Selectable<ListingsTable>;
export type RetailObservation = Selectable<RetailObservationsTable>;
export type NewRetailObservation = Insertable<RetailObservationsTable>;
export type StoredFlag = Selectable<FlagsTable>;
export type LineGap = Selectable<LineGapsTable>;
export type IngestRun = Selectable<IngestRunsTable>;

export interface TotalsTable {
  dimension: 'all' | 'agency' | 'supplier' | 'category' | 'product' | 'month';
  key: string;
  period: string;
  orders: number;
  lines: number;
  spend_fen: number;
  lines_with_ref: number;
  lines_without_ref: number;
  spend_with_ref_fen: number;
  ref_cost_fen: number;
  overpaid_fen: number;
  saved_fen: number;
  net_gap_fen: number;
  flags: number;
}

export interface AgencyCapUseTable {
  agency_id: string;
  year: string;
  spend_fen: number;
  cap_fen: number;
  crossing_order_no: string | null;
}
