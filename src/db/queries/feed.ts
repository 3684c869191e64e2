import type { OrderStatus } from '../schema.ts';
import { all, type Param } from './db.ts';

/** The newest purchases and flags for the Atom feeds (ordered by data, never by the clock). */
export interface FeedOrder { order_no: string; placed_at: string; completed_at: string; status: OrderStatus; withdrawn_at: string | null; total_fen: number; currency: string; agency_name: string | null; supplier_name: string | null; title: string | null }
export interface FeedFlag { id: number; key: string | null; rule: string; order_no: string; completed_at: string; agency_name: string | null }

/** What one feed follows: the whole site, one agency, supplier or product, or one flag rule. */
export type FeedSubject =
  | { kind: 'site' }
  | { kind: 'agency' | 'supplier' | 'product'; id: string }
  | { kind: 'rule'; id: string };

function orderFilter(s: FeedSubject): [string, Param[]] {
  switch (s.kind) {
    case 'agency': return ['WHERE o.agency_id = ?', [s.id]];
    case 'supplier': return ['WHERE o.supplier_id = ?', [s.id]];
    case 'product': return ['WHERE o.order_no IN (SELECT order_no FROM order_lines WHERE sku = ?)', [s.id]];
    case 'rule': return ['WHERE o.order_no IN (SELECT order_no FROM flags WHERE rule = ?)', [s.id]];
    default: return ['', []];
  }
}

export function feedOrders(n: number, subject: FeedSubject = { kind: 'site' }): FeedOrder[] {
  const [where, params] = orderFilter(subject);
  return all<FeedOrder>(
    // A withdrawal is news too (DESIGN §3): it updates the order's entry at the time it happened.
    `SELECT o.order_no, o.placed_at, o.completed_at, o.status, o.withdrawn_at, o.total_fen, o.currency,
       a.name AS agency_name, s.name AS supplier_name,
       (SELECT title FROM order_lines WHERE order_no = o.order_no ORDER BY line_no LIMIT 1) AS title
     FROM orders o LEFT JOIN agencies a ON a.id = o.agency_id LEFT JOIN suppliers s ON s.id = o.supplier_id
     ${where}
     ORDER BY coalesce(o.withdrawn_at, o.completed_at) DESC, o.order_no DESC LIMIT ?`, ...params, n);
}

export function feedFlags(n: number, subject: FeedSubject = { kind: 'site' }): FeedFlag[] {
  const [where, params] = subject.kind === 'rule' ? ['WHERE f.rule = ?', [subject.id]] : orderFilter(subject);
  return all<FeedFlag>(
    `SELECT f.id, f.key, f.rule, f.order_no, o.completed_at, a.name AS agency_name
     FROM flags f JOIN orders o ON o.order_no = f.order_no LEFT JOIN agencies a ON a.id = o.agency_id
     ${where}
     ORDER BY o.completed_at DESC, f.id DESC LIMIT ?`, ...params, n);
}
