import type { AgencyCapUseTable, TotalsTable } from '../db/schema.ts';
import { agencyYears } from '../domain/flags/annual-over-cap.ts';
import type { Flag } from '../domain/flags/types.ts';
import type { LineGapRow } from './gaps.ts';
import type { AnalyzeLine, AnalyzeOrder } from './load.ts';

/**
 * The totals every page needs, computed once (DESIGN §1), CNY orders only. Buckets:
 * all/agency/supplier/category/product × period 'all' and each calendar year; month × 'YYYY-MM'
 * with key 'all'. Spend is the sum of line amounts (so categories and products add up to the
 * whole); an order counts once in every bucket it has a line in. For lines with a reference:
 * ref_cost = ref × quantity, overpaid = max(gap, 0) × quantity, saved = max(−gap, 0) × quantity,
 * net = overpaid − saved, each rounded to the fen per line.
 *
 * Flags count where the thing they point at belongs: every bucket of their order; in
 * category/product only the sku they name (price-above-retail, price-hike, price-discrimination),
 * the category of a split-order group, or for whole-order flags every category of the order.
 */

export type TotalsRow = TotalsTable;
export type CapRow = AgencyCapUseTable;

export interface AggregateInput {
  /** CNY orders only. */
  orders: readonly AnalyzeOrder[];
  /** Every loaded line, the lines of one order side by side (see `spanOf`). */
  lines: readonly AnalyzeLine[];
  /** Where an order's lines are in `lines`: [first, after last). */
  spanOf: ReadonlyMap<string, readonly [number, number]>;
  /** The gap row of the line at the same index (lines of orders that were skipped have none). */
  gapAt: readonly (LineGapRow | undefined)[];
  categoryBySku: ReadonlyMap<string, string>;
  flags: readonly Flag[];
  capFen: number;
}

type Acc = Omit<TotalsRow, 'dimension' | 'key' | 'period'>;
type Dim = TotalsRow['dimension'];

export function aggregate(input: AggregateInput): { totals: TotalsRow[]; capUse: CapRow[] } {
  // dimension → key → period → sums. Nested maps instead of one map of joined strings: a
  // bucket is found with the strings at hand, without building a new key for every line.
  const buckets = new Map<Dim, Map<string, Map<string, Acc>>>();
  const acc = (dim: Dim, key: string, period: string): Acc => {
    let byKey = buckets.get(dim);
    if (!byKey) buckets.set(dim, (byKey = new Map()));
    let byPeriod = byKey.get(key);
    if (!byPeriod) byKey.set(key, (byPeriod = new Map()));
    let a = byPeriod.get(period);
    if (!a) {
      a = { orders: 0, lines: 0, spend_fen: 0, lines_with_ref: 0, lines_without_ref: 0, spend_with_ref_fen: 0, ref_cost_fen: 0, overpaid_fen: 0, saved_fen: 0, net_gap_fen: 0, flags: 0 };
      byPeriod.set(period, a);
    }
    return a;
  };
  const orderBuckets = (o: AnalyzeOrder): Acc[] => {
    const year = o.day.slice(0, 4);
    const out: Acc[] = [acc('month', 'all', o.day.slice(0, 7))];
    for (const period of ['all', year]) {
      out.push(acc('all', 'all', period), acc('agency', o.agency_id, period), acc('supplier', o.supplier_id, period));
    }
    return out;
  };
  const scoped = (o: AnalyzeOrder, dim: 'category' | 'product', key: string): Acc[] => [acc(dim, key, 'all'), acc(dim, key, o.day.slice(0, 4))];
  const categoryOf = (sku: string | null) => (sku === null ? undefined : input.categoryBySku.get(sku));

  const add = (targets: readonly Acc[], l: AnalyzeLine, g: LineGapRow | undefined) => {
    const withRef = g !== undefined && g.ref_price_fen !== null && g.gap_fen !== null;
    const refCost = withRef ? Math.round((g.ref_price_fen as number) * l.quantity) : 0;
    const over = withRef ? Math.round(Math.max(g.gap_fen as number, 0) * l.quantity) : 0;
    const saved = withRef ? Math.round(Math.max(-(g.gap_fen as number), 0) * l.quantity) : 0;
    for (const a of targets) {
      a.lines++;
      a.spend_fen += l.amount_fen;
      if (withRef) {
        a.lines_with_ref++;
        a.spend_with_ref_fen += l.amount_fen;
        a.ref_cost_fen += refCost;
        a.overpaid_fen += over;
        a.saved_fen += saved;
        a.net_gap_fen += over - saved;
      } else a.lines_without_ref++;
    }
  };

  const ordersByNo = new Map<string, AnalyzeOrder>();
  for (const o of input.orders) {
    ordersByNo.set(o.order_no, o);
    const whole = orderBuckets(o);
    for (const a of whole) a.orders++;
    const counted = new Set<Acc>();
    const [first, end] = input.spanOf.get(o.order_no) ?? [0, 0];
    for (let at = first; at < end; at++) {
      const l = input.lines[at] as AnalyzeLine;
      const g = input.gapAt[at];
      add(whole, l, g);
      const cat = categoryOf(l.sku);
      if (cat !== undefined) add(countOnce(counted, scoped(o, 'category', cat)), l, g);
      if (l.sku !== null) add(countOnce(counted, scoped(o, 'product', l.sku)), l, g);
    }
  }

  for (const f of input.flags) {
    const o = f.order_no === null ? undefined : ordersByNo.get(f.order_no);
    if (!o) continue;
    for (const a of orderBuckets(o)) a.flags++;
    let sku: string | null = null;
    if (f.subject_type === 'listing') sku = f.subject_id;
    else if (f.subject_type === 'line' && typeof f.evidence.sku === 'string') sku = f.evidence.sku;
    let cats: string[];
    if (sku !== null) cats = [categoryOf(sku)].filter((c): c is string => c !== undefined);
    else if (f.rule === 'split-order') cats = [String(f.evidence.category_code)];
    else {
      const [first, end] = input.spanOf.get(o.order_no) ?? [0, 0];
      cats = [...new Set(input.lines.slice(first, end).map((l) => categoryOf(l.sku)).filter((c): c is string => c !== undefined))];
    }
    for (const c of cats) for (const a of scoped(o, 'category', c)) a.flags++;
    if (sku !== null) for (const a of scoped(o, 'product', sku)) a.flags++;
  }

  const totals: TotalsRow[] = [];
  for (const [dimension, byKey] of buckets) {
    for (const [key, byPeriod] of byKey) for (const [period, a] of byPeriod) totals.push({ dimension, key, period, ...a });
  }
  totals.sort((a, b) => cmp(a.dimension, b.dimension) || cmp(a.key, b.key) || cmp(a.period, b.period));

  const capUse: CapRow[] = agencyYears(input.orders, input.capFen).map((y) => ({
    agency_id: y.agency_id,
    year: y.year,
    spend_fen: y.spend_fen,
    cap_fen: y.cap_fen,
    crossing_order_no: y.crossing?.order_no ?? null,
  }));
  return { totals, capUse };
}

/** A category or product bucket counts an order once, however many of its lines fall there. */
function countOnce(counted: Set<Acc>, accs: Acc[]): Acc[] {
  for (const a of accs) {
    if (counted.has(a)) continue;
    counted.add(a);
    a.orders++;
  }
  return accs;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
