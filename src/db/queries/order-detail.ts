import type { StoredFlag, LineGap, Order, OrderGapRow, OrderLine } from '../schema.ts';
import { all, placeholders } from './db.ts';
import { REVIEW_SQL, type FlagReviewFields } from './flags.ts';
import { assign, windowed } from './window.ts';

/** Everything one purchase page shows, read with the orders around it (see loadWindow). */
export type OrderHead = Pick<
  Order,
  'order_no' | 'agency_id' | 'supplier_id' | 'placed_at' | 'completed_at' | 'total_fen' | 'currency' | 'rating'
  | 'comment' | 'evaluated_at' | 'source' | 'record_hash' | 'ingest_run' | 'status' | 'withdrawn_at'
> & {
  agency_name: string | null;
  supplier_name: string | null;
  ingested_at: string | null;
} & Nullable<Pick<OrderGapRow, 'lines_with_ref' | 'ref_cost_fen' | 'net_gap_fen' | 'overpaid_fen' | 'saved_fen' | 'gap_bp'>>;

/** A line with its category and its gap (NULLs where analyze found no reference). */
export type OrderLineRow = Omit<OrderLine, 'order_no'> &
  Omit<Nullable<LineGap>, 'order_no' | 'line_no' | 'ref_observation_id'> & {
    category_code: string | null;
    category_name: string | null;
    /** 1 when a line_gaps row exists (analyze has looked at this line). */
    analysed: number;
    ref_self_operated: number | null;
    /** The archived copy of the reference's retail page, when the source gave one. */
    ref_archive_url: string | null;
  };

type Nullable<T> = { [K in keyof T]: T[K] | null };

export type OrderFlagRow = StoredFlag & FlagReviewFields;

interface OrderBundle {
  head: OrderHead;
  lines: OrderLineRow[];
  flags: OrderFlagRow[];
  rawBody: string | null;
}

/** Orders read BATCH at a time (see window.ts): ≈0.25 ms per page → a few µs. */
const BATCH = 256;
const bundle = windowed(loadWindow, (from, n) => all<{ order_no: string }>('SELECT order_no FROM orders WHERE order_no >= ? ORDER BY order_no LIMIT ?', from, n).map((r) => r.order_no), BATCH);

/** The order pages about to render, in render order (their route's getStaticPaths). */
export function planOrderPages(orderNos: readonly string[]): void {
  bundle.plan(orderNos);
}

function loadWindow(orderNos: readonly string[]): Map<string, OrderBundle> {
  const inList = placeholders(orderNos.length);
  const window = new Map<string, OrderBundle>();
  const heads = all<OrderHead>(
    `SELECT o.order_no, o.agency_id, a.name AS agency_name, o.supplier_id, s.name AS supplier_name,
       o.placed_at, o.completed_at, o.total_fen, o.currency, o.rating, o.comment, o.evaluated_at,
       o.source, o.record_hash, o.ingest_run, o.status, o.withdrawn_at, r.finished_at AS ingested_at,
       og.lines_with_ref, og.ref_cost_fen, og.net_gap_fen, og.overpaid_fen, og.saved_fen, og.gap_bp
     FROM orders o
     LEFT JOIN agencies a ON a.id = o.agency_id
     LEFT JOIN suppliers s ON s.id = o.supplier_id
     LEFT JOIN ingest_runs r ON r.id = o.ingest_run
     LEFT JOIN order_gaps og ON og.order_no = o.order_no
     WHERE o.order_no IN (${inList}) ORDER BY o.order_no`,
    ...orderNos,
  );
  if (heads.length === 0) return window;
  for (const head of heads) window.set(head.order_no, { head, lines: [], flags: [], rawBody: null });
  const lines = all<OrderLineRow & { order_no: string }>(
    `SELECT l.order_no, l.line_no, l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity, l.unit_price_fen, l.amount_fen,
       li.category_code, c.name AS category_name, g.order_no IS NOT NULL AS analysed,
       g.ref_price_fen, g.ref_retailer, g.ref_observed_on, g.ref_url, g.gap_fen, g.gap_bp, g.method,
       g.ref_median_fen, g.ref_count, g.no_ref_reason, ro.self_operated AS ref_self_operated, ro.archive_url AS ref_archive_url
     FROM order_lines l
     LEFT JOIN listings li ON li.sku = l.sku
     LEFT JOIN categories c ON c.code = li.category_code
     LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no
     LEFT JOIN retail_observations ro ON ro.id = g.ref_observation_id
     WHERE l.order_no IN (${inList}) ORDER BY l.order_no, l.line_no`,
    ...orderNos,
  );
  assign(window, lines, (l) => l.order_no, (b, { order_no: _order_no, ...line }) => b.lines.push(line));
  const flags = all<OrderFlagRow>(
    `SELECT f.*, ${REVIEW_SQL.columns} FROM flags f ${REVIEW_SQL.join} WHERE f.order_no IN (${inList}) ORDER BY f.order_no, f.rule, f.id`, ...orderNos,
  );
  assign(window, flags, (f) => f.order_no, (b, f) => b.flags.push(f));
  // The archived raw record of the version shown: (source, kind, key, hash) is its primary key.
  const bodies = all<{ order_no: string; body: string }>(
    `SELECT o.order_no, r.body FROM orders o
     JOIN raw_records r ON r.source = o.source AND r.kind = 'order' AND r.key = o.order_no AND r.hash = o.record_hash
     WHERE o.order_no IN (${inList})`,
    ...orderNos,
  );
  assign(window, bodies, (r) => r.order_no, (b, r) => { b.rawBody = r.body; });
  return window;
}

export function orderHead(orderNo: string): OrderHead | undefined {
  return bundle(orderNo)?.head;
}

export function orderLines(orderNo: string): OrderLineRow[] {
  return bundle(orderNo)?.lines ?? [];
}

export function orderFlags(orderNo: string): OrderFlagRow[] {
  return bundle(orderNo)?.flags ?? [];
}

/** The archived raw record of the version shown, or null when it was not archived. */
export function orderRawBody(head: Pick<OrderHead, 'order_no'>): string | null {
  return bundle(head.order_no)?.rawBody ?? null;
}
