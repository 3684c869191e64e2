import type { ApiDb } from './db.ts';
import { orderIndex, selectOrders } from './order-index.ts';
import type { OrdersQuery } from './orders-query.ts';

/** One row of GET /api/orders. No personal data exists in these tables (ingest drops it). */
export interface OrderListItem {
  order_no: string;
  placed_at: string;
  completed_at: string;
  agency: { id: string; name: string | null };
  supplier: { id: string; name: string | null };
  total_fen: number;
  total_yuan: string;
  currency: string;
  rating: number | null;
  lines: number;
  /** Largest price gap of any line, in basis points; null when no line has a reference. */
  max_gap_bp: number | null;
  max_gap_pct: string | null;
  /** Σ max(gap, 0) × quantity over lines with a reference. */
  overpaid_fen: number;
  overpaid_yuan: string;
  flags: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

/** One page of orders: filtered, sorted and built in memory by the per-version index (order-index.ts). */
export async function listOrders(d: ApiDb, q: OrdersQuery): Promise<Page<OrderListItem>> {
  const ix = await orderIndex(d);
  const { total, page } = selectOrders(ix, q);
  return { items: page.map((i) => ix.items[i]!), total, page: q.page, per_page: q.per_page };
}
