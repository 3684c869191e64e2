import type { OrderStatus } from '../schema.ts';
import { all } from './db.ts';

/** The newest purchases and flags for /feed.xml (ordered by data, never by the clock). */
export interface FeedOrder { order_no: string; placed_at: string; completed_at: string; status: OrderStatus; withdrawn_at: string | null; total_fen: number; currency: string; agency_name: string | null; supplier_name: string | null; title: string | null }
export interface FeedFlag { id: number; rule: string; order_no: string; completed_at: string; agency_name: string | null }

export function feedOrders(n: number): FeedOrder[] {
  return all<FeedOrder>(
    // A withdrawal is news too (DESIGN §3): it updates the order's entry at the time it happened.
    `SELECT o.order_no, o.placed_at, o.completed_at, o.status, o.withdrawn_at, o.total_fen, o.currency,
       a.name AS agency_name, s.name AS supplier_name,
       (SELECT title FROM order_lines WHERE order_no = o.order_no ORDER BY line_no LIMIT 1) AS title
     FROM orders o LEFT JOIN agencies a ON a.id = o.agency_id LEFT JOIN suppliers s ON s.id = o.supplier_id
     ORDER BY coalesce(o.withdrawn_at, o.completed_at) DESC, o.order_no DESC LIMIT ?`, n);
}

export function feedFlags(n: number): FeedFlag[] {
  return all<FeedFlag>(
    `SELECT f.id, f.rule, f.order_no, o.completed_at, a.name AS agency_name
     FROM flags f JOIN orders o ON o.order_no = f.order_no LEFT JOIN agencies a ON a.id = o.agency_id
     ORDER BY o.completed_at DESC, f.id DESC LIMIT ?`, n);
}
