import type { ApiDb } from './read-db.ts';
import { bpToPct, yuan } from './json-money.ts';


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
  /** The order's gap ratio (net gap over the reference cost of the lines with a reference), in
   *  basis points: the same figure and the same sort as /orders/by-gap/ (domain/order-gap.ts). */
  gap_bp: number | null;
  gap_pct: string | null;
  /** Σ max(gap, 0) × quantity over lines with a reference. */
  overpaid_fen: number;
  overpaid_yuan: string;
  /** Σ max(−gap, 0) × quantity: what the lines with a reference cost below retail. */
  saved_fen: number;
  saved_yuan: string;
  flags: string[];
}

/**
 * What GET /api/orders filters and sorts on, for every order, held in memory once per
 * published data version. SQL alone could not do it fast enough: filters that look into
 * lines (category, gap) or flags became correlated subqueries over every order (100+ ms at
 * 20,000 orders), and sorting by the largest gap needs a per-order aggregate that the schema
 * does not store. Here a filter is one pass over flat arrays and each sort order is precomputed,
 * so a request costs well under a millisecond. The list items themselves are built here too
 * (a page is then a slice, with no query at all): a few hundred bytes per order, about 50 MB
 * at 200,000 orders, loaded in one pass per published version.
 */
export interface OrderIndex {
  items: OrderListItem[];
  orderNo: string[];
  agency: string[];
  supplier: string[];
  placedAt: string[];
  totalFen: number[];
  /** Largest gap over the order's lines, basis points; null = no line has a reference. */
  gapBp: (number | null)[];
  /** The order's category codes as "|A02021001|A06040200": a prefix test is one includes(). */
  categories: string[];
  flags: string[][];
  /** The order's skus as "|sku1|sku2|", so one includes() tests a product. */
  skus: string[];
  /** The review states of the order's flags ("unreviewed" for a flag without a review). */
  reviews: string[][];
  /** Positions sorted ascending by date, amount and gap (gap: orders without a reference last). */
  byDate: Int32Array;
  byAmount: Int32Array;
  byGap: Int32Array;
  /** Each position's place in byDate, byAmount and byGap. */
  rankDate: Int32Array;
  rankAmount: Int32Array;
  rankGap: Int32Array;
  /** How many of byGap have a gap (the rest are "no reference"). */
  withGap: number;
  /** The positions of each agency's and each supplier's orders: a list filtered to one party
   *  visits its few dozen orders instead of testing all of them (1.2 ms at 20,000 orders). */
  byAgency: Map<string, Int32Array>;
  bySupplier: Map<string, Int32Array>;
  /** Each position's share of the sums, flat (the items are scattered objects: reading them in
   *  a sort order cost 2.5 ms a list at 20,000 orders): the total when the order is in yuan. */
  cnyFen: Float64Array;
  /** 1 when the order is in another currency (counted, not added). */
  otherCurrency: Uint8Array;
  overpaidFen: Float64Array;
  savedFen: Float64Array;
  /** The sums over every order: what an unfiltered list says. */
  allSums: OrderSums;
}

const cache = new WeakMap<ApiDb, Promise<OrderIndex>>();

export function orderIndex(d: ApiDb): Promise<OrderIndex> {
  let p = cache.get(d);
  if (!p) {
    p = buildIndex(d);
    cache.set(d, p);
    p.catch(() => cache.delete(d)); // a failed load is retried by the next request
  }
  return p;
}

async function buildIndex(d: ApiDb): Promise<OrderIndex> {
  const orders = await d.db
    .selectFrom('orders as o')
    .leftJoin('agencies as a', 'a.id', 'o.agency_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select([
      'o.order_no', 'o.placed_at', 'o.completed_at', 'o.agency_id', 'a.name as agency_name', 'o.supplier_id',
      's.name as supplier_name', 'o.total_fen', 'o.currency', 'o.rating',
    ])
    // The list holds purchases that count; a withdrawn order is still served by /api/orders/{no}.
    .where('o.status', '=', 'completed')
    .execute();
  const pos = new Map(orders.map((o, i) => [o.order_no, i]));
  const n = orders.length;
  const gapBp: (number | null)[] = new Array(n).fill(null);
  const lines: number[] = new Array(n).fill(0);
  const overpaid: number[] = new Array(n).fill(0);
  const categories: string[][] = Array.from({ length: n }, () => []);
  const flags: string[][] = Array.from({ length: n }, () => []);
  const saved: number[] = new Array(n).fill(0);
  const skus: string[][] = Array.from({ length: n }, () => []);
  const reviews: string[][] = Array.from({ length: n }, () => []);

  // The order-level figures analyze stored (order_gaps): one definition for pages, downloads and API.
  const perOrder = await d.db.selectFrom('order_gaps').select(['order_no', 'lines', 'gap_bp', 'overpaid_fen', 'saved_fen']).execute();
  for (const r of perOrder) {
    const i = pos.get(r.order_no);
    if (i === undefined) continue;
    lines[i] = r.lines;
    overpaid[i] = r.overpaid_fen ?? 0;
    saved[i] = r.saved_fen ?? 0;
    gapBp[i] = r.gap_bp;
  }
  const cats = await d.db
    .selectFrom('order_lines as l')
    .innerJoin('listings as li', 'li.sku', 'l.sku')
    .select(['l.order_no', 'li.category_code', 'l.sku'])
    .distinct()
    .execute();
  for (const c of cats) {
    const i = pos.get(c.order_no);
    if (i === undefined) continue;
    if (!categories[i]!.includes(c.category_code)) categories[i]!.push(c.category_code);
    if (c.sku !== null && !skus[i]!.includes(c.sku)) skus[i]!.push(c.sku);
  }
  const reviewed = await d.db
    .selectFrom('flags as f')
    .leftJoin('flag_reviews as r', 'r.flag_key', 'f.key')
    .select(['f.order_no', 'r.status'])
    .where('f.order_no', 'is not', null)
    .execute();
  for (const r of reviewed) {
    const i = r.order_no === null ? undefined : pos.get(r.order_no);
    const state = r.status ?? 'unreviewed';
    if (i !== undefined && !reviews[i]!.includes(state)) reviews[i]!.push(state);
  }
  const fl = await d.db.selectFrom('flags').select(['order_no', 'rule']).distinct().where('order_no', 'is not', null).orderBy('rule').execute();
  for (const f of fl) {
    const i = f.order_no === null ? undefined : pos.get(f.order_no);
    if (i !== undefined) flags[i]!.push(f.rule);
  }

  const orderNo = orders.map((o) => o.order_no);
  const placedAt = orders.map((o) => o.placed_at);
  const totalFen = orders.map((o) => o.total_fen);
  const tie = (a: number, b: number) => (orderNo[a]! < orderNo[b]! ? -1 : orderNo[a]! > orderNo[b]! ? 1 : 0);
  const sorted = (cmp: (a: number, b: number) => number) => Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(a, b) || tie(a, b)));
  const byDate = sorted((a, b) => (placedAt[a]! < placedAt[b]! ? -1 : placedAt[a]! > placedAt[b]! ? 1 : 0));
  const byAmount = sorted((a, b) => totalFen[a]! - totalFen[b]!);
  const byGap = sorted((a, b) => {
    const ga = gapBp[a] ?? null;
    const gb = gapBp[b] ?? null;
    if (ga === null || gb === null) return ga === gb ? 0 : ga === null ? 1 : -1;
    return ga - gb;
  });
  const items = orders.map((o, i): OrderListItem => ({
    order_no: o.order_no,
    placed_at: o.placed_at,
    completed_at: o.completed_at,
    agency: { id: o.agency_id, name: o.agency_name },
    supplier: { id: o.supplier_id, name: o.supplier_name },
    total_fen: o.total_fen,
    total_yuan: yuan(o.total_fen)!,
    currency: o.currency,
    rating: o.rating,
    lines: lines[i]!,
    gap_bp: gapBp[i]!,
    gap_pct: bpToPct(gapBp[i]!),
    overpaid_fen: overpaid[i]!,
    overpaid_yuan: yuan(overpaid[i]!)!,
    saved_fen: saved[i]!,
    saved_yuan: yuan(saved[i]!)!,
    flags: flags[i]!,
  }));
  const agency = orders.map((o) => o.agency_id);
  const supplier = orders.map((o) => o.supplier_id);
  const cnyFen = Float64Array.from(orders, (o) => (o.currency === 'CNY' ? o.total_fen : 0));
  const otherCurrency = Uint8Array.from(orders, (o) => (o.currency === 'CNY' ? 0 : 1));
  const overpaidFen = Float64Array.from(overpaid);
  const savedFen = Float64Array.from(saved);
  const sum = (a: Float64Array | Uint8Array) => {
    let t = 0;
    for (const v of a) t += v;
    return t;
  };
  const allSums: OrderSums = { orders: n, total_fen: sum(cnyFen), other_currency: sum(otherCurrency), overpaid_fen: sum(overpaidFen), saved_fen: sum(savedFen) };
  return {
    cnyFen, otherCurrency, overpaidFen, savedFen, allSums,
    items, orderNo, categories: categories.map((c) => `|${c.join('|')}`), agency, supplier, placedAt, totalFen,
    gapBp, flags, skus: skus.map((k) => `|${k.join('|')}|`), reviews, byDate, byAmount, byGap,
    rankDate: ranks(byDate), rankAmount: ranks(byAmount), rankGap: ranks(byGap),
    withGap: gapBp.filter((g) => g !== null).length, byAgency: positionsBy(agency), bySupplier: positionsBy(supplier),
  };
}

function ranks(perm: Int32Array): Int32Array {
  const rank = new Int32Array(perm.length);
  for (let k = 0; k < perm.length; k++) rank[perm[k]!] = k;
  return rank;
}

function positionsBy(keys: string[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = lists.get(key);
    if (list) list.push(i);
    else lists.set(key, [i]);
  });
  return new Map([...lists].map(([key, list]) => [key, Int32Array.from(list)]));
}

/** Totals of every order a filter matches (not only one page): what a list says it shows. */
export interface OrderSums {
  orders: number;
  /** Σ total of the CNY orders; orders in another currency are counted, not added. */
  total_fen: number;
  other_currency: number;
  overpaid_fen: number;
  saved_fen: number;
}
