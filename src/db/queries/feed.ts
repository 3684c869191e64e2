import type { OrderStatus } from '../schema.ts';
import { all, type Param } from './db.ts';
import { FEED_ENTRY_LIMIT } from './paging.ts';

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

const ORDER_COLUMNS = `o.order_no, o.placed_at, o.completed_at, o.status, o.withdrawn_at, o.total_fen, o.currency,
       a.name AS agency_name, s.name AS supplier_name,
       (SELECT title FROM order_lines WHERE order_no = o.order_no ORDER BY line_no LIMIT 1) AS title`;
// A withdrawal is news too (DESIGN §3): it updates the order's entry at the time it happened.
const ORDER_NEWEST = 'coalesce(o.withdrawn_at, o.completed_at) DESC, o.order_no DESC';
const FLAG_NEWEST = 'o.completed_at DESC, f.id DESC';

type SubjectKind = 'agency' | 'supplier' | 'product';

/**
 * Each agency's, supplier's or product's orders as (subject, order_no) pairs; with `planned`,
 * only those of the subjects in the JSON array bound to the query's first parameter.
 */
function subjectOrders(kind: SubjectKind, planned: boolean): string {
  const only = (column: string) => (planned ? `${column} IN (SELECT value FROM json_each(?))` : `${column} IS NOT NULL`);
  switch (kind) {
    case 'agency': return `SELECT agency_id AS subject, order_no FROM orders WHERE ${only('agency_id')}`;
    case 'supplier': return `SELECT supplier_id AS subject, order_no FROM orders WHERE ${only('supplier_id')}`;
    case 'product': return `SELECT DISTINCT sku AS subject, order_no FROM order_lines WHERE ${only('sku')}`;
  }
}

type Grouped<T> = Map<string, T[]>;

function group<T extends object>(rows: (T & { subject: string })[]): Grouped<T> {
  const by: Grouped<T> = new Map();
  for (const { subject, ...row } of rows) {
    const list = by.get(subject) ?? [];
    list.push(row as unknown as T);
    by.set(subject, list);
  }
  return by;
}

/**
 * The newest FEED_ENTRY_LIMIT orders and flags of every agency, supplier and product, each kind
 * in one query (a window per subject): a build renders ≈9.3k of these feeds at 20k orders, and
 * one query per feed cost ≈1.6 s of the render and again of the versions step, against ≈0.6 s.
 * With a plan (planFeeds: the feeds a route is about to render, or a versions worker's part),
 * only those subjects are read — a quiet night renders ≈660 of the 9.3k feeds.
 */
interface Feeds { orders: Grouped<FeedOrder>; flags: Grouped<FeedFlag> }
const plans = new Map<SubjectKind, Set<string>>();
const feeds = new Map<SubjectKind, Feeds>();

/** The feeds of one kind about to be read (replaces any earlier plan of that kind). */
export function planFeeds(kind: SubjectKind, ids: readonly string[]): void {
  plans.set(kind, new Set(ids));
  feeds.delete(kind);
}

function feedsOf(kind: SubjectKind): Feeds {
  let f = feeds.get(kind);
  if (f) return f;
  const plan = plans.get(kind);
  const ids = plan ? [JSON.stringify([...plan])] : [];
  const pairs = subjectOrders(kind, plan !== undefined);
  f = {
    orders: group(all<FeedOrder & { subject: string }>(
      `SELECT t.subject, ${ORDER_COLUMNS}
       FROM (SELECT p.subject, p.order_no, row_number() OVER (PARTITION BY p.subject ORDER BY ${ORDER_NEWEST}) AS rn
             FROM (${pairs}) p JOIN orders o ON o.order_no = p.order_no) t
       JOIN orders o ON o.order_no = t.order_no
       LEFT JOIN agencies a ON a.id = o.agency_id LEFT JOIN suppliers s ON s.id = o.supplier_id
       WHERE t.rn <= ? ORDER BY t.subject, t.rn`, ...ids, FEED_ENTRY_LIMIT)),
    flags: group(all<FeedFlag & { subject: string }>(
      `SELECT t.subject, f.id, f.key, f.rule, f.order_no, o.completed_at, a.name AS agency_name
       FROM (SELECT p.subject, f.id, row_number() OVER (PARTITION BY p.subject ORDER BY ${FLAG_NEWEST}) AS rn
             FROM (${pairs}) p JOIN flags f ON f.order_no = p.order_no JOIN orders o ON o.order_no = f.order_no) t
       JOIN flags f ON f.id = t.id JOIN orders o ON o.order_no = f.order_no LEFT JOIN agencies a ON a.id = o.agency_id
       WHERE t.rn <= ? ORDER BY t.subject, t.rn`, ...ids, FEED_ENTRY_LIMIT)),
  };
  feeds.set(kind, f);
  return f;
}

/** Whether a subject's feed comes from the grouped read (else from a query of its own). */
function grouped(subject: FeedSubject, n: number): subject is { kind: SubjectKind; id: string } {
  if (subject.kind === 'site' || subject.kind === 'rule' || n > FEED_ENTRY_LIMIT) return false;
  const plan = plans.get(subject.kind);
  return plan === undefined || plan.has(subject.id);
}

export function feedOrders(n: number, subject: FeedSubject = { kind: 'site' }): FeedOrder[] {
  if (grouped(subject, n)) return (feedsOf(subject.kind).orders.get(subject.id) ?? []).slice(0, n);
  const [where, params] = orderFilter(subject);
  return all<FeedOrder>(
    `SELECT ${ORDER_COLUMNS}
     FROM orders o LEFT JOIN agencies a ON a.id = o.agency_id LEFT JOIN suppliers s ON s.id = o.supplier_id
     ${where}
     ORDER BY ${ORDER_NEWEST} LIMIT ?`, ...params, n);
}

export function feedFlags(n: number, subject: FeedSubject = { kind: 'site' }): FeedFlag[] {
  if (grouped(subject, n)) return (feedsOf(subject.kind).flags.get(subject.id) ?? []).slice(0, n);
  const [where, params] = subject.kind === 'rule' ? ['WHERE f.rule = ?', [subject.id]] : orderFilter(subject);
  return all<FeedFlag>(
    `SELECT f.id, f.key, f.rule, f.order_no, o.completed_at, a.name AS agency_name
     FROM flags f JOIN orders o ON o.order_no = f.order_no LEFT JOIN agencies a ON a.id = o.agency_id
     ${where}
     ORDER BY ${FLAG_NEWEST} LIMIT ?`, ...params, n);
}
