import type { Sqlite } from '../connection.ts';
import type { OrderGap } from '../../domain/order-gap.ts';
import type { LineGap, Order, OrderLine } from '../schema.ts';

/**
 * The rows of the downloadable datasets (/data/ and the API's CSV): every purchase with its
 * order-level gap as analyze stored it, every line with its reference and gap, every flag.
 * Rows come in primary-key order so the same database gives byte-identical files, and the
 * columns are chosen, never every column by wildcard. The file formats are src/downloads/datasets.ts's.
 */

export type OrderDownloadRow = Pick<
  Order,
  'order_no' | 'agency_id' | 'supplier_id' | 'placed_at' | 'completed_at' | 'currency' | 'total_fen' | 'rating' | 'comment' | 'source'
  | 'status' | 'withdrawn_at'
> & Omit<OrderGap, 'lines'> & {
  agency_name: string | null;
  supplier_name: string | null;
  line_count: number;
  /** The rules of the flags this purchase raised, sorted and joined by a space. */
  flag_rules: string;
};

// The head of each order only; line counts, gaps and flag counts are summed in JavaScript from
// the one pass over the lines and flags that the other files need anyway (see loadDataset).
const ORDERS_SQL = `
  SELECT o.order_no, o.agency_id, a.name AS agency_name, o.supplier_id, s.name AS supplier_name,
    o.placed_at, o.completed_at, o.currency, o.total_fen, o.rating, o.comment, o.source, o.status, o.withdrawn_at,
    coalesce(og.lines, 0) AS line_count, coalesce(og.lines_with_ref, 0) AS lines_with_ref, og.ref_cost_fen, og.net_gap_fen,
    og.overpaid_fen, og.saved_fen, og.gap_bp
  FROM orders o
  LEFT JOIN order_gaps og ON og.order_no = o.order_no
  LEFT JOIN agencies a ON a.id = o.agency_id
  LEFT JOIN suppliers s ON s.id = o.supplier_id
  ORDER BY o.order_no`;

export type LineDownloadRow = OrderLine &
  Pick<Order, 'placed_at' | 'agency_id' | 'supplier_id' | 'currency'> &
  Omit<{ [K in keyof LineGap]: LineGap[K] | null }, 'order_no' | 'line_no' | 'ref_observation_id' | 'ref_count'> & {
    category_code: string | null;
  };

const LINES_SQL = `
  SELECT l.order_no, l.line_no, o.placed_at, o.agency_id, o.supplier_id, o.currency,
    l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity, l.unit_price_fen, l.amount_fen,
    li.category_code,
    g.ref_price_fen, g.ref_median_fen, g.ref_retailer, g.ref_observed_on, g.ref_url, g.gap_fen, g.gap_bp,
    g.method, g.no_ref_reason
  FROM order_lines l
  JOIN orders o ON o.order_no = l.order_no
  LEFT JOIN listings li ON li.sku = l.sku
  LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no
  ORDER BY l.order_no, l.line_no`;

export interface FlagDownloadRow {
  id: number;
  rule: string;
  rule_version: string;
  subject_type: string;
  subject_id: string;
  order_no: string | null;
  agency_id: string | null;
  supplier_id: string | null;
  placed_at: string | null;
  evidence_json: string;
  /** The flag's stable key and its review (data/reviews.csv), null when not reviewed. */
  key: string | null;
  review_status: string | null;
  review_note: string | null;
  reviewed_on: string | null;
}

const FLAGS_SQL = `
  SELECT f.id, f.rule, f.rule_version, f.subject_type, f.subject_id, f.order_no,
    o.agency_id, o.supplier_id, o.placed_at, f.evidence_json,
    f.key, r.status AS review_status, r.note AS review_note, r.reviewed_on
  FROM flags f LEFT JOIN orders o ON o.order_no = f.order_no
  LEFT JOIN flag_reviews r ON r.flag_key = f.key
  ORDER BY f.id`;

export interface Dataset {
  orders: OrderDownloadRow[];
  lines: LineDownloadRow[];
  flags: FlagDownloadRow[];
  linesByOrder: Map<string, LineDownloadRow[]>;
  flagsByOrder: Map<string, FlagDownloadRow[]>;
}

// The four downloads are rendered by four endpoints of the same build, one after another: read
// the tables once per connection and share the rows (at 20,000 orders each file then costs one
// serialisation, not another scan of the database).
const loaded = new WeakMap<Sqlite, Dataset>();

export function loadDataset(sqlite: Sqlite): Dataset {
  const cached = loaded.get(sqlite);
  if (cached) return cached;
  const lines = sqlite.prepare(LINES_SQL).all() as LineDownloadRow[];
  const flags = sqlite.prepare(FLAGS_SQL).all() as FlagDownloadRow[];
  const linesByOrder = groupBy(lines, (l) => l.order_no);
  const flagsByOrder = groupBy(flags.filter((f) => f.order_no !== null), (f) => f.order_no!);
  // The order-level figures are analyze's (order_gaps), the same the pages and the API show.
  const heads = sqlite.prepare(ORDERS_SQL).all() as Omit<OrderDownloadRow, 'flag_rules'>[];
  const orders: OrderDownloadRow[] = heads.map((o) => ({
    ...o,
    flag_rules: [...new Set((flagsByOrder.get(o.order_no) ?? []).map((f) => f.rule))].sort().join(' '),
  }));
  const dataset = { orders, lines, flags, linesByOrder, flagsByOrder };
  loaded.set(sqlite, dataset);
  return dataset;
}


/** The download rows of some purchases, in the order given (the API's CSV of one page). */
export function orderRowsFor(sqlite: Sqlite, orderNos: readonly string[]): OrderDownloadRow[] {
  const byNo = new Map(loadDataset(sqlite).orders.map((o) => [o.order_no, o]));
  return orderNos.map((n) => byNo.get(n)).filter((o): o is OrderDownloadRow => o !== undefined);
}

/** The download rows of some flags, in the order given. */
export function flagRowsFor(sqlite: Sqlite, ids: readonly number[]): FlagDownloadRow[] {
  const byId = new Map(loadDataset(sqlite).flags.map((f) => [f.id, f]));
  return ids.map((id) => byId.get(id)).filter((f): f is FlagDownloadRow => f !== undefined);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

