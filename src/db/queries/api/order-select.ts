import { addDays } from '../../../domain/time.ts';
import { gapBandOf } from '../../../domain/gap-band.ts';
import type { OrdersQuery } from './filters.ts';
import type { OrderIndex, OrderSums } from './order-index.ts';

/*
 * A list request against the order index (order-index.ts): which orders a filter matches, in
 * the requested order, one page of them and the sums over all of them.
 */

/**
 * The positions a filter can match at all: the smaller of the agency's and the supplier's
 * orders when either is asked for, else every order (null).
 */
function candidates(ix: OrderIndex, q: OrdersQuery): Int32Array | null {
  const none = new Int32Array(0);
  const lists = [
    q.agency === undefined ? null : (ix.byAgency.get(q.agency) ?? none),
    q.supplier === undefined ? null : (ix.bySupplier.get(q.supplier) ?? none),
  ].filter((l) => l !== null);
  return lists.length === 0 ? null : lists.reduce((a, b) => (b.length < a.length ? b : a));
}

/**
 * One predicate per filter that is present, built once per request; the loop below then only
 * runs those. (Reading the query object inside the loop was the bulk of the cost: 20,000 × a
 * dozen property lookups on an object whose absent filters were deleted.)
 */
function predicates(ix: OrderIndex, q: OrdersQuery): ((i: number) => boolean)[] {
  const out: ((i: number) => boolean)[] = [];
  const { agency, supplier, from, to, q: prefix, min_gap_bp: minGap, flag, category, year, product, gap_band: band, review } = q;
  if (agency !== undefined) out.push((i) => ix.agency[i] === agency);
  if (supplier !== undefined) out.push((i) => ix.supplier[i] === supplier);
  if (from !== undefined) out.push((i) => ix.placedAt[i]! >= from);
  if (to !== undefined) {
    const before = addDays(to, 1); // placed_at is Shanghai ISO text: "before the next day"
    out.push((i) => ix.placedAt[i]! < before);
  }
  if (prefix !== undefined) out.push((i) => ix.orderNo[i]!.startsWith(prefix));
  if (minGap !== undefined) out.push((i) => ix.gapBp[i] !== null && ix.gapBp[i]! >= minGap);
  if (flag !== undefined) out.push((i) => ix.flags[i]!.includes(flag));
  if (year !== undefined) {
    const [start, end] = [`${year}-01-01`, `${year + 1}-01-01`];
    out.push((i) => ix.placedAt[i]! >= start && ix.placedAt[i]! < end);
  }
  if (product !== undefined) {
    const needle = `|${product}|`;
    out.push((i) => ix.skus[i]!.includes(needle));
  }
  if (band !== undefined) out.push((i) => gapBandOf(ix.gapBp[i]!) === band);
  if (review !== undefined) out.push((i) => ix.reviews[i]!.includes(review));
  if (category !== undefined) {
    const needle = `|${category}`;
    out.push((i) => ix.categories[i]!.includes(needle));
  }
  return out;
}

/** Positions of the matching orders in the requested order: total, the slice for one page, and the sums. */
export function selectOrders(ix: OrderIndex, q: OrdersQuery): { total: number; page: number[]; sums: OrderSums } {
  const perm = q.sort === 'date' ? ix.byDate : q.sort === 'amount' ? ix.byAmount : ix.byGap;
  const n = perm.length;
  // Descending walks the permutation backwards — except that orders without a gap stay last.
  const head = q.sort === 'gap' ? ix.withGap : n;
  const desc = q.direction === 'desc';
  const tests = predicates(ix, q);
  const from = (q.page - 1) * q.per_page;
  const to = from + q.per_page;
  const page: number[] = [];
  const sums: OrderSums = { orders: 0, total_fen: 0, other_currency: 0, overpaid_fen: 0, saved_fen: 0 };
  let total = 0;
  // The walk: step k visits perm[k], or when descending perm[head - 1 - k] for k < head (the
  // orders without a gap stay last). The map is its own inverse, so a candidate at rank r is
  // visited at step walkStep(r): sorting the candidates' steps gives the same order.
  const walkStep = (r: number) => (desc && r < head ? head - 1 - r : r);
  const cand = candidates(ix, q);
  let steps: Int32Array | null = null;
  if (cand) {
    const rank = q.sort === 'date' ? ix.rankDate : q.sort === 'amount' ? ix.rankAmount : ix.rankGap;
    steps = cand.map((i) => walkStep(rank[i]!)).sort();
  }
  if (!steps && tests.length === 0) {
    // Every order matches: the page is a slice of the walk, the sums are the index's.
    for (let k = from; k < Math.min(to, n); k++) page.push(perm[walkStep(k)]!);
    return { total: n, page, sums: { ...ix.allSums } };
  }
  const count = steps ? steps.length : n;
  for (let s = 0; s < count; s++) {
    const k = steps ? steps[s]! : s;
    const i = perm[walkStep(k)]!;
    let ok = true;
    for (let t = 0; t < tests.length && ok; t++) ok = tests[t]!(i);
    if (!ok) continue;
    if (total >= from && total < to) page.push(i);
    total++;
    sums.total_fen += ix.cnyFen[i]!;
    sums.other_currency += ix.otherCurrency[i]!;
    sums.overpaid_fen += ix.overpaidFen[i]!;
    sums.saved_fen += ix.savedFen[i]!;
  }
  sums.orders = total;
  return { total, page, sums };
}
