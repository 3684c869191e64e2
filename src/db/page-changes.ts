import BetterSqlite3 from 'better-sqlite3';
import { evidenceRefs } from '../domain/evidence-refs.ts';
import type { PageKind } from './queries/page-inputs.ts';
import { quoteIdent } from './quote-ident.ts';

/**
 * Which order, product, agency and supplier pages can show something different from the
 * previous night's database (DESIGN §10: a night's cost follows the night's changes). The
 * versions step hashes only these pages and keeps the stored hash of every other one.
 *
 * The rows that differ between the two databases are found table by table (EXCEPT over every
 * column, in SQLite), and each is mapped to the pages that read it, as the page queries do
 * (src/db/queries/page-inputs.ts and the functions it calls). The mapping errs on the side of
 * more pages: a page marked here that did not change is hashed again for nothing, a page
 * missed would keep a stale hash, so every rule takes the row as it was and as it is now.
 * Changes that reach most pages (a renamed agency or supplier shows in other parties' order
 * lists and in flag evidence; a new schema) ask for every page to be hashed instead.
 *
 * A purchase reaches its own page, its agency's and supplier's pages (order lists, totals, flag
 * counts, feeds) and the pages of the products on its lines (purchases, feeds): `orders` below
 * collects order numbers and they are expanded once, in both databases, at the end.
 */
export type ChangedPages = { full: string } | { pages: Record<PageKind, Set<string>> };

/** Tables no order, product, agency or supplier page reads; every other table has a rule below (a test checks the schema against both). */
export const NOT_READ_BY_PAGES: Readonly<Record<string, string>> = {
  content_versions: 'the versions themselves',
  rejects: 'shown on the run pages only, which every build renders',
  source_state: 'where each source resumes; never shown',
  source_files: 'which files each source last read; never shown',
  kysely_migration: 'schema bookkeeping',
  kysely_migration_lock: 'schema bookkeeping',
  raw_records: 'read only as the archived body of the version an order row names: see rawBodies below',
};

/** The tables the rules below read, in the order they are compared. */
export const READ_BY_PAGES = [
  'meta', 'categories', 'agencies', 'suppliers', 'party_names', 'orders', 'order_lines', 'order_gaps', 'line_gaps',
  'early_withdrawals', 'flags', 'flag_reviews', 'listings', 'listing_prices', 'matches', 'retail_product_keys',
  'retail_observations', 'totals', 'agency_cap_use', 'ingest_runs',
] as const;

/** Meta keys that are not page inputs: this basis is written by the versions step itself. */
export const VERSIONS_BASIS_KEY = 'content_versions_basis';


/**
 * Opens `current` read-only with `previous` attached (read-only too: an attached database takes
 * the connection's flags) and lists the pages the differences reach.
 */
export function changedPages(current: string, previous: string): ChangedPages {
  const sqlite = new BetterSqlite3(current, { readonly: true, fileMustExist: true });
  try {
    sqlite.prepare('ATTACH ? AS prev').run(previous);
    return compare(sqlite);
  } finally {
    sqlite.close();
  }
}

function compare(sqlite: BetterSqlite3.Database): ChangedPages {
  const columns = (schema: 'main' | 'prev', table: string) =>
    (sqlite.prepare(`SELECT name FROM pragma_table_info(?, ?) ORDER BY cid`).pluck().all(table, schema) as string[]);
  for (const table of READ_BY_PAGES) {
    const now = columns('main', table).join(',');
    if (now === '' || now !== columns('prev', table).join(',')) return { full: `the table ${table} differs in shape from the previous database's` };
  }
  /** The `keys` of every row that is in one database and not in the other (compared on all columns but `except`). */
  const changed = <R>(table: string, keys: string[], except: string[] = []): R[] => {
    const cols = columns('main', table).filter((c) => !except.includes(c)).map(quoteIdent).join(', ');
    const k = keys.map(quoteIdent).join(', ');
    const t = quoteIdent(table);
    return sqlite.prepare(
      `SELECT ${k} FROM (SELECT ${cols} FROM main.${t} EXCEPT SELECT ${cols} FROM prev.${t})
       UNION SELECT ${k} FROM (SELECT ${cols} FROM prev.${t} EXCEPT SELECT ${cols} FROM main.${t})`,
    ).all() as R[];
  };
  /** Runs `sql` (with `{db}` for the schema) in both databases, over a JSON list of keys when given. */
  const both = <R>(sql: string, keys?: Iterable<string>): R[] => {
    const params = keys === undefined ? [] : [JSON.stringify([...keys])];
    return ['main', 'prev'].flatMap((db) => sqlite.prepare(sql.replaceAll('{db}', db)).all(...params) as R[]);
  };

  const meta = changed<{ key: string }>('meta', ['key']).filter((r) => r.key !== VERSIONS_BASIS_KEY);
  if (meta.length > 0) return { full: `the site-wide setting ${meta[0]!.key} changed` };
  if (changed('categories', ['code']).length > 0) return { full: 'the categories changed' };
  const pages: Record<PageKind, Set<string>> = { order: new Set(), product: new Set(), agency: new Set(), supplier: new Set() };
  for (const [table, kind] of [['agencies', 'agency'], ['suppliers', 'supplier']] as const) {
    const ids = changed<{ id: string }>(table, ['id']).map((r) => r.id);
    // Kept, renamed or re-coded: the name shows on other parties' order lists and in flag evidence.
    const kept = both<{ id: string }>(`SELECT id FROM {db}.${table} WHERE id IN (SELECT value FROM json_each(?))`, ids);
    const counts = new Map<string, number>();
    for (const { id } of kept) counts.set(id, (counts.get(id) ?? 0) + 1);
    const renamed = [...counts].find(([, n]) => n > 1);
    if (renamed) return { full: `${kind} ${renamed[0]} changed its name or details` };
    for (const id of ids) pages[kind].add(id);
  }
  for (const r of changed<{ kind: string; id: string }>('party_names', ['kind', 'id'])) {
    if (r.kind === 'agency' || r.kind === 'supplier') pages[r.kind].add(r.id);
  }

  const orders = new Set<string>();
  for (const table of ['orders', 'order_gaps', 'line_gaps', 'early_withdrawals']) {
    for (const r of changed<{ order_no: string }>(table, ['order_no'])) orders.add(r.order_no);
  }
  // Both keys of a changed line in one comparison (the largest table: ≈ 44 ms each at 20k orders).
  for (const r of changed<{ order_no: string; sku: string | null }>('order_lines', ['order_no', 'sku'])) {
    orders.add(r.order_no);
    if (r.sku !== null) pages.product.add(r.sku);
  }

  // The archived body an order page shows is the raw record of (source, order_no, record_hash):
  // one archived (or dropped) since, for an order row that did not change, changes the page.
  for (const r of sqlite.prepare(
    `SELECT o.order_no FROM main.orders o
     WHERE EXISTS (SELECT 1 FROM main.raw_records r WHERE r.source = o.source AND r.kind = 'order' AND r.key = o.order_no AND r.hash = o.record_hash)
        <> EXISTS (SELECT 1 FROM prev.raw_records r WHERE r.source = o.source AND r.kind = 'order' AND r.key = o.order_no AND r.hash = o.record_hash)`,
  ).all() as { order_no: string }[]) orders.add(r.order_no);

  // Flags: on their purchase (its page, its parties' counts and feeds), on their subject, and
  // on the pages of what their evidence names. Compared without the id, which every analysis renumbers.
  const flagKeys = changed<{ flag_key: string }>('flag_reviews', ['flag_key']).map((r) => r.flag_key);
  const flags = [
    ...changed<FlagRow>('flags', ['subject_type', 'subject_id', 'order_no', 'evidence_json'], ['id']),
    ...both<FlagRow>(`SELECT subject_type, subject_id, order_no, evidence_json FROM {db}.flags WHERE key IN (SELECT value FROM json_each(?))`, flagKeys),
  ];
  for (const f of flags) {
    if (f.order_no !== null) orders.add(f.order_no);
    if (f.subject_type === 'order') orders.add(f.subject_id);
    else if (f.subject_type === 'line') orders.add(f.subject_id.replace(/#[^#]*$/, ''));
    else if (f.subject_type === 'listing') pages.product.add(f.subject_id);
    else if (f.subject_type === 'agency') pages.agency.add(f.subject_id);
    else return { full: `a flag on a ${f.subject_type} changed` };
    const refs = evidenceRefs(f.evidence_json);
    for (const id of refs.agencies) pages.agency.add(id);
    for (const id of refs.suppliers) pages.supplier.add(id);
    for (const sku of refs.skus) pages.product.add(sku);
  }
  let flaggedOrders: string[] | null = null;
  const flagged = () => (flaggedOrders ??= both<{ order_no: string }>(`SELECT order_no FROM {db}.flags WHERE order_no IS NOT NULL`).map((r) => r.order_no));

  // A listing: its product page, its supplier's product list, the order lines that show its
  // category, and flag evidence that names it (every flagged purchase: flags are few).
  const skus = changed<{ sku: string; supplier_id: string }>('listings', ['sku', 'supplier_id']);
  if (skus.length > 0) {
    for (const r of skus) {
      pages.product.add(r.sku);
      pages.supplier.add(r.supplier_id);
    }
    for (const r of both<{ order_no: string }>(`SELECT DISTINCT order_no FROM {db}.order_lines WHERE sku IN (SELECT value FROM json_each(?))`, skus.map((r) => r.sku))) orders.add(r.order_no);
    for (const no of flagged()) orders.add(no);
  }
  for (const r of changed<{ sku: string }>('listing_prices', ['sku'])) pages.product.add(r.sku);
  // A product's match and its totals show in its supplier's product list too.
  const listedBySupplier = changed<{ sku: string }>('matches', ['sku']).map((r) => r.sku);

  // Retail prices reach the products matched with them, and the purchases whose gap cites them.
  const observations = changed<{ id: number }>('retail_observations', ['id']).map((r) => String(r.id));
  const productKeys = new Set(changed<{ product_key: string }>('retail_product_keys', ['product_key']).map((r) => r.product_key));
  for (const r of both<{ product_key: string }>(`SELECT product_key FROM {db}.retail_product_keys WHERE observation_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`, observations)) productKeys.add(r.product_key);
  for (const r of both<{ sku: string }>(`SELECT sku FROM {db}.matches WHERE product_key IN (SELECT value FROM json_each(?))`, productKeys)) pages.product.add(r.sku);
  if (observations.length > 0) {
    for (const r of both<{ order_no: string }>(`SELECT DISTINCT order_no FROM {db}.line_gaps WHERE ref_observation_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`, observations)) orders.add(r.order_no);
    for (const no of flagged()) orders.add(no);
  }

  // Totals of a product also show in its supplier's product list; other dimensions (site, month,
  // category) are on the overview and lists, which every build renders.
  const totals = changed<{ dimension: string; key: string }>('totals', ['dimension', 'key']);
  for (const r of totals) {
    if (r.dimension === 'product') listedBySupplier.push(r.key);
    else if (r.dimension === 'agency') pages.agency.add(r.key);
    else if (r.dimension === 'supplier') pages.supplier.add(r.key);
  }
  for (const sku of listedBySupplier) pages.product.add(sku);
  for (const r of both<{ supplier_id: string }>(`SELECT supplier_id FROM {db}.listings WHERE sku IN (SELECT value FROM json_each(?))`, listedBySupplier)) pages.supplier.add(r.supplier_id);
  for (const r of changed<{ agency_id: string; crossing_order_no: string | null }>('agency_cap_use', ['agency_id', 'crossing_order_no'])) {
    pages.agency.add(r.agency_id);
    if (r.crossing_order_no !== null) orders.add(r.crossing_order_no);
  }
  // An order page shows when its version was ingested (the run's finish time).
  const runs = changed<{ id: number }>('ingest_runs', ['id']).map((r) => String(r.id));
  for (const r of both<{ order_no: string }>(`SELECT order_no FROM {db}.orders WHERE ingest_run IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`, runs)) orders.add(r.order_no);
  for (const r of both<{ sku: string }>(`SELECT sku FROM {db}.listings WHERE ingest_run IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`, runs)) pages.product.add(r.sku);

  for (const r of both<{ order_no: string; agency_id: string; supplier_id: string }>(
    `SELECT order_no, agency_id, supplier_id FROM {db}.orders WHERE order_no IN (SELECT value FROM json_each(?))`, orders,
  )) {
    pages.agency.add(r.agency_id);
    pages.supplier.add(r.supplier_id);
  }
  for (const r of both<{ sku: string | null }>(`SELECT DISTINCT sku FROM {db}.order_lines WHERE order_no IN (SELECT value FROM json_each(?))`, orders)) {
    if (r.sku !== null) pages.product.add(r.sku);
  }
  for (const no of orders) pages.order.add(no);
  return { pages };
}

interface FlagRow {
  subject_type: string;
  subject_id: string;
  order_no: string | null;
  evidence_json: string;
}
