import { all, memo, one } from './db.ts';
import { siteCounts } from './counts.ts';

/** One purchase as lists show it (names joined, gap summed over lines with a reference). */
export interface OrderSummary {
  order_no: string;
  agency_id: string;
  agency_name: string | null;
  supplier_id: string;
  supplier_name: string | null;
  placed_at: string;
  total_fen: number;
  currency: string;
  /** Σ gap × quantity over lines with a reference; null when no line had one. */
  net_gap_fen: number | null;
  /** Σ reference × quantity over the same lines. */
  ref_cost_fen: number | null;
  /** Σ positive gaps × quantity, and Σ savings (negative gaps) × quantity, never netted. */
  overpaid_fen: number | null;
  saved_fen: number | null;
  /** The order's gap ratio in basis points (net gap / reference cost). */
  gap_bp: number | null;
  first_title: string | null;
  line_count: number;
  /** The rules this purchase raised flags under, space-separated; null when none. */
  flag_rules: string | null;
}

export type OrderSort = 'date' | 'amount' | 'gap';
export const ORDER_SORTS: readonly OrderSort[] = ['date', 'amount', 'gap'];

// A list row shows only what its order page's inputs hold (db/queries/page-inputs.ts, orderInputs):
// the month lists are versioned by their orders' page versions (site/integrations/month-versions.ts).
const SUMMARY_SQL = `SELECT o.order_no, o.agency_id, a.name AS agency_name, o.supplier_id, s.name AS supplier_name,
    o.placed_at, o.total_fen, o.currency, gg.net_gap_fen, gg.ref_cost_fen, gg.overpaid_fen, gg.saved_fen, gg.gap_bp,
    (SELECT title FROM order_lines WHERE order_no = o.order_no ORDER BY line_no LIMIT 1) AS first_title,
    (SELECT COUNT(*) FROM order_lines WHERE order_no = o.order_no) AS line_count,
    (SELECT group_concat(rule, ' ') FROM (SELECT DISTINCT rule FROM flags WHERE order_no = o.order_no ORDER BY rule)) AS flag_rules
  FROM orders o
  LEFT JOIN agencies a ON a.id = o.agency_id
  LEFT JOIN suppliers s ON s.id = o.supplier_id
  LEFT JOIN order_gaps gg ON gg.order_no = o.order_no`;

/** Every order number, for getStaticPaths (stable order). */
export const allOrderNos = memo(() => all<{ order_no: string }>(`SELECT order_no FROM orders ORDER BY order_no`).map((r) => r.order_no));

/** Purchases that count: completed ones (a refunded, cancelled or returned order keeps its page only). */
export const orderCount = (): number => siteCounts().orders;

/**
 * The order of every list view, computed once per build and sliced by each page, so a list
 * page never re-sorts the whole table. Ties broken by order_no: stable across builds.
 * CNY orders sort before other currencies by amount and gap (amounts are not comparable).
 */
const orderings = memo(() => {
  // The order's gap ratio as analyze stored it (domain/order-gap.ts): the API sorts by the same.
  const rows = all<{ order_no: string; placed_at: string; total_fen: number; cny: number; bp: number | null }>(
    `SELECT o.order_no, o.placed_at, o.total_fen, o.currency = 'CNY' AS cny, gg.gap_bp AS bp
     FROM orders o LEFT JOIN order_gaps gg ON gg.order_no = o.order_no
     WHERE o.status = 'completed'`,
  );
  const byNo = (a: { order_no: string }, b: { order_no: string }) => (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0);
  const date = [...rows].sort((a, b) => (a.placed_at < b.placed_at ? 1 : a.placed_at > b.placed_at ? -1 : -byNo(a, b)));
  // Ties newest order number first, as the API's descending sorts give them.
  const amount = [...rows].sort((a, b) => b.cny - a.cny || b.total_fen - a.total_fen || byNo(b, a));
  const gapKey = (r: (typeof rows)[number]) => (r.cny && r.bp !== null ? r.bp : Number.NEGATIVE_INFINITY);
  const gap = [...rows].sort((a, b) => gapKey(b) - gapKey(a) || byNo(b, a));
  return { date: date.map((r) => r.order_no), amount: amount.map((r) => r.order_no), gap: gap.map((r) => r.order_no) };
});

/** Summaries for a set of order numbers, returned in the given order. */
export function orderSummaries(orderNos: readonly string[]): OrderSummary[] {
  if (orderNos.length === 0) return [];
  const rows = all<OrderSummary>(
    `WITH picked(order_no) AS (VALUES ${orderNos.map(() => '(?)').join(', ')})
     ${SUMMARY_SQL} WHERE o.order_no IN (SELECT order_no FROM picked)`,
    ...orderNos,
  );
  const byNo = new Map(rows.map((r) => [r.order_no, r]));
  return orderNos.map((n) => byNo.get(n)).filter((r): r is OrderSummary => r !== undefined);
}

/**
 * Every listed purchase's summary, read in one pass for the lists: the 600-odd month list pages
 * of a full build at 20k orders took one query each (≈ 1.1 ms a page); the single query costs a third.
 */
const listedSummaries = memo(() => new Map(all<OrderSummary>(`${SUMMARY_SQL} WHERE o.status = 'completed'`).map((r) => [r.order_no, r])));

/** The first `n` purchases of the whole site in one order (the /orders/ pages). */
export function topOrders(sort: OrderSort, n: number): OrderSummary[] {
  const byNo = listedSummaries();
  return orderings()[sort].slice(0, n).map((no) => byNo.get(no)).filter((r): r is OrderSummary => r !== undefined);
}

/** A purchase's month: YYYY-MM of placed_at, as listedMonths and the search shards (orderPageMonths) group them. */
const monthOf = (placedAt: string) => placedAt.slice(0, 7);

/**
 * Each month's purchases in each list order: the site-wide orderings filtered by month, so a
 * month's list sorts exactly as the site's does. A month's pages change only when one of its
 * purchases does (DESIGN §10): new orders no longer shift every page of every list.
 */
const monthOrderings = memo(() => {
  const byNo = listedSummaries();
  const out = new Map<string, Record<OrderSort, string[]>>();
  for (const sort of ORDER_SORTS) {
    for (const no of orderings()[sort]) {
      const m = monthOf(byNo.get(no)!.placed_at);
      let lists = out.get(m);
      if (!lists) out.set(m, (lists = { date: [], amount: [], gap: [] }));
      lists[sort].push(no);
    }
  }
  return out;
});

/**
 * The months with purchases that count, newest first, and how many each has: the month lists,
 * their index on /orders/ and their versions (one query, cheap enough for the build's workers).
 */
export const listedMonths = memo(() =>
  all<{ month: string; orders: number }>(
    `SELECT substr(placed_at, 1, 7) AS month, COUNT(*) AS orders FROM orders WHERE status = 'completed' GROUP BY month ORDER BY month DESC`,
  ),
);

/**
 * The months a month's lists link to: the next newer and the next older month with purchases.
 * Their version takes in these and nothing else of the other months (month-versions.ts).
 */
export function neighbourMonths(month: string): { newer: string | undefined; older: string | undefined } {
  const months = listedMonths();
  const at = months.findIndex((m) => m.month === month);
  return { newer: at > 0 ? months[at - 1]!.month : undefined, older: at >= 0 ? months[at + 1]?.month : undefined };
}

/** One page of one month's list. */
export function monthListPage(month: string, sort: OrderSort, page: number, perPage: number): OrderSummary[] {
  const byNo = listedSummaries();
  const nos = monthOrderings().get(month)?.[sort] ?? [];
  return nos.slice((page - 1) * perPage, page * perPage).map((n) => byNo.get(n)).filter((r): r is OrderSummary => r !== undefined);
}

/**
 * The newest orders of one agency / supplier (indexed by (agency_id, placed_at)), their summaries
 * taken from the one read of every listed purchase that the month lists make anyway (only
 * completed purchases are listed, and a summary reads its own order's rows only). At 20k orders
 * the 343 party pages of a quiet night took 218–247 ms of the render by a query of up to 200
 * summaries each, 43–44 ms this way; hashing every page (the versions step, one thread) took
 * 4.8–5.3 s against 5.2–5.7 s. A quiet night's versions step now makes that read (≈ 0.35 s) for
 * its few hundred party pages, about what their queries cost.
 */
export function ordersOf(by: 'agency' | 'supplier', id: string, limit: number): OrderSummary[] {
  const col = by === 'agency' ? 'agency_id' : 'supplier_id';
  const byNo = listedSummaries();
  return all<{ order_no: string }>(
    `SELECT order_no FROM orders WHERE ${col} = ? AND status = 'completed' ORDER BY placed_at DESC, order_no DESC LIMIT ?`, id, limit,
  ).map((r) => byNo.get(r.order_no)).filter((r): r is OrderSummary => r !== undefined);
}

export function countOrdersOf(by: 'agency' | 'supplier', id: string): number {
  const col = by === 'agency' ? 'agency_id' : 'supplier_id';
  return one<{ n: number }>(`SELECT COUNT(*) AS n FROM orders WHERE ${col} = ? AND status = 'completed'`, id)?.n ?? 0;
}


export interface CurrencyCount { currency: string; orders: number; total_fen: number }
type Dim = 'agency' | 'supplier' | 'category' | 'all';

/**
 * Purchases in a currency other than CNY per agency, supplier and category: their pages list
 * them but never add them to ¥ totals (DESIGN §3), and must say so. Such orders are few, so
 * one pass over them per build serves every page.
 */
const otherCurrency = memo(() => {
  const rows = all<{ order_no: string; agency_id: string; supplier_id: string; currency: string; total_fen: number; category_code: string | null }>(
    `SELECT DISTINCT o.order_no, o.agency_id, o.supplier_id, o.currency, o.total_fen, li.category_code
     FROM orders o LEFT JOIN order_lines l ON l.order_no = o.order_no LEFT JOIN listings li ON li.sku = l.sku
     WHERE o.currency <> 'CNY' AND o.status = 'completed' ORDER BY o.order_no`,
  );
  const out = new Map<string, Map<string, { orders: Set<string>; total_fen: number }>>();
  const add = (dim: Dim, id: string | null, r: (typeof rows)[number]) => {
    if (id === null) return;
    const k = `${dim}\u0000${id}`;
    const byCur = out.get(k) ?? new Map<string, { orders: Set<string>; total_fen: number }>();
    out.set(k, byCur);
    const c = byCur.get(r.currency) ?? { orders: new Set<string>(), total_fen: 0 };
    byCur.set(r.currency, c);
    if (!c.orders.has(r.order_no)) {
      c.orders.add(r.order_no);
      c.total_fen += r.total_fen;
    }
  };
  for (const r of rows) {
    add('all', 'all', r);
    add('agency', r.agency_id, r);
    add('supplier', r.supplier_id, r);
    add('category', r.category_code, r);
  }
  return out;
});

export function otherCurrencyOf(dim: Dim, id: string): CurrencyCount[] {
  const byCur = otherCurrency().get(`${dim}\u0000${id}`);
  if (!byCur) return [];
  return [...byCur].map(([currency, c]) => ({ currency, orders: c.orders.size, total_fen: c.total_fen })).sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** The calendar years in which purchases that count were placed, newest first (list filters). */
export const orderYears = memo(() =>
  all<{ y: string }>(`SELECT DISTINCT substr(placed_at, 1, 4) AS y FROM orders WHERE status = 'completed' ORDER BY y DESC`).map((r) => Number(r.y)),
);

/** Every order page's month of purchase, YYYY-MM (withdrawn ones too): the search index is sharded by it. */
export const orderPageMonths = memo(() =>
  new Map(all<{ order_no: string; m: string }>(`SELECT order_no, substr(placed_at, 1, 7) AS m FROM orders ORDER BY order_no`).map((r) => [r.order_no, r.m])),
);
