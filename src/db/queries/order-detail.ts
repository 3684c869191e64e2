import type { Flag, LineGap, Order, OrderLine } from '../schema.ts';
import { all, one } from './db.ts';

/** Everything one purchase page shows, fetched by order number (a few indexed lookups). */
export type OrderHead = Pick<
  Order,
  'order_no' | 'agency_id' | 'supplier_id' | 'placed_at' | 'completed_at' | 'total_fen' | 'currency' | 'rating'
  | 'comment' | 'evaluated_at' | 'source' | 'record_hash' | 'ingest_run'
> & {
  agency_name: string | null;
  supplier_name: string | null;
  ingested_at: string | null;
};

/** A line with its category and its gap (NULLs where analyze found no reference). */
export type OrderLineRow = Omit<OrderLine, 'order_no'> &
  Omit<Nullable<LineGap>, 'order_no' | 'line_no' | 'ref_observation_id'> & {
    category_code: string | null;
    category_name: string | null;
    /** 1 when a line_gaps row exists (analyze has looked at this line). */
    analysed: number;
    ref_self_operated: number | null;
  };

type Nullable<T> = { [K in keyof T]: T[K] | null };

export type FlagRow = Flag;

export function orderHead(orderNo: string): OrderHead | undefined {
  return one<OrderHead>(
    `SELECT o.order_no, o.agency_id, a.name AS agency_name, o.supplier_id, s.name AS supplier_name,
       o.placed_at, o.completed_at, o.total_fen, o.currency, o.rating, o.comment, o.evaluated_at,
       o.source, o.record_hash, o.ingest_run, r.finished_at AS ingested_at
     FROM orders o
     LEFT JOIN agencies a ON a.id = o.agency_id
     LEFT JOIN suppliers s ON s.id = o.supplier_id
     LEFT JOIN ingest_runs r ON r.id = o.ingest_run
     WHERE o.order_no = ?`,
    orderNo,
  );
}

export function orderLines(orderNo: string): OrderLineRow[] {
  return all<OrderLineRow>(
    `SELECT l.line_no, l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity, l.unit_price_fen, l.amount_fen,
       li.category_code, c.name AS category_name, g.order_no IS NOT NULL AS analysed,
       g.ref_price_fen, g.ref_retailer, g.ref_observed_on, g.ref_url, g.gap_fen, g.gap_bp, g.method,
       g.ref_median_fen, g.ref_count, g.no_ref_reason, ro.self_operated AS ref_self_operated
     FROM order_lines l
     LEFT JOIN listings li ON li.sku = l.sku
     LEFT JOIN categories c ON c.code = li.category_code
     LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no
     LEFT JOIN retail_observations ro ON ro.id = g.ref_observation_id
     WHERE l.order_no = ? ORDER BY l.line_no`,
    orderNo,
  );
}

export function orderFlags(orderNo: string): FlagRow[] {
  return all<FlagRow>(`SELECT * FROM flags WHERE order_no = ? ORDER BY rule, id`, orderNo);
}

/** The archived raw record of the version shown: a primary-key lookup (source, kind, key, hash). */
export function orderRawBody(head: Pick<OrderHead, 'source' | 'order_no' | 'record_hash'>): string | null {
  return one<{ body: string }>(
    `SELECT body FROM raw_records WHERE source = ? AND kind = 'order' AND key = ? AND hash = ?`,
    head.source, head.order_no, head.record_hash,
  )?.body ?? null;
}
