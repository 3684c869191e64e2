import type { AgencyCapUseTable, TotalsTable } from '../db/schema.ts';
import { agencyYears } from '../domain/flags/annual-over-cap.ts';
import { lineId, type Flag } from '../domain/flags/types.ts';
import type { LineGapRow } from './gaps.ts';
import type { LineRow, OrderRow } from './load.ts';

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
  orders: readonly OrderRow[];
  linesByOrder: ReadonlyMap<string, readonly LineRow[]>;
  gaps: ReadonlyMap<string, LineGapRow>;
  categoryBySku: ReadonlyMap<string, string>;
  flags: readonly Flag[];
  capFen: number;
}

type Acc = Omit<TotalsRow, 'dimension' | 'key' | 'period'>;
type Dim = TotalsRow['dimension'];

const SEP = '\u0000';

export function aggregate(input: AggregateInput): { totals: TotalsRow[]; capUse: CapRow[] } {
  const buckets = new Map<string, Acc>();
  const acc = (dim: Dim, key: string, period: string): Acc => {
    const k = `${dim}${SEP}${key}${SEP}${period}`;
    let a = buckets.get(k);
    if (!a) {
      a = { orders: 0, lines: 0, spend_fen: 0, lines_with_ref: 0, lines_without_ref: 0, spend_with_ref_fen: 0, ref_cost_fen: 0, overpaid_fen: 0, saved_fen: 0, net_gap_fen: 0, flags: 0 };
      buckets.set(k, a);
    }
    return a;
  };
  const orderBuckets = (o: OrderRow): Acc[] => {
    const day = o.day;
    const year = day.slice(0, 4);
    const out: Acc[] = [acc('month', 'all', day.slice(0, 7))];
    for (const period of ['all', year]) {
      out.push(acc('all', 'all', period), acc('agency', o.agency_id, period), acc('supplier', o.supplier_id, period));
    }
    return out;
  };
  const scoped = (o: OrderRow, dim: 'category' | 'product', key: string): Acc[] => {
    const year = o.day.slice(0, 4);
    return [acc(dim, key, 'all'), acc(dim, key, year)];
  };
  const categoryOf = (sku: string | null) => (sku === null ? undefined : input.categoryBySku.get(sku));

  const ordersByNo = new Map<string, OrderRow>();
  for (const o of input.orders) {
    ordersByNo.set(o.order_no, o);
    const whole = orderBuckets(o);
    for (const a of whole) a.orders++;
    const counted = new Set<string>();
    for (const l of input.linesByOrder.get(o.order_no) ?? []) {
      const targets = [...whole];
      const cat = categoryOf(l.sku);
      if (cat !== undefined) targets.push(...scopedOnce(counted, `c${cat}`, scoped(o, 'category', cat)));
      if (l.sku !== null) targets.push(...scopedOnce(counted, `p${l.sku}`, scoped(o, 'product', l.sku)));
      const g = input.gaps.get(lineId(l.order_no, l.line_no));
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
    }
  }

  const lineSku = new Map<string, string | null>();
  for (const ls of input.linesByOrder.values()) for (const l of ls) lineSku.set(lineId(l.order_no, l.line_no), l.sku);
  for (const f of input.flags) {
    const o = f.order_no === null ? undefined : ordersByNo.get(f.order_no);
    if (!o) continue;
    for (const a of orderBuckets(o)) a.flags++;
    let sku: string | null = null;
    if (f.subject_type === 'listing') sku = f.subject_id;
    else if (f.subject_type === 'line') sku = lineSku.get(f.subject_id) ?? null;
    let cats: string[];
    if (sku !== null) cats = [categoryOf(sku)].filter((c): c is string => c !== undefined);
    else if (f.rule === 'split-order') cats = [String(f.evidence.category_code)];
    else cats = [...new Set((input.linesByOrder.get(o.order_no) ?? []).map((l) => categoryOf(l.sku)).filter((c): c is string => c !== undefined))];
    for (const c of cats) for (const a of scoped(o, 'category', c)) a.flags++;
    if (sku !== null) for (const a of scoped(o, 'product', sku)) a.flags++;
  }

  const totals: TotalsRow[] = [...buckets].map(([k, a]) => {
    const [dimension, key, period] = k.split(SEP) as [Dim, string, string];
    return { dimension, key, period, ...a };
  });
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
function scopedOnce(counted: Set<string>, tag: string, accs: Acc[]): Acc[] {
  if (!counted.has(tag)) {
    counted.add(tag);
    for (const a of accs) a.orders++;
  }
  return accs;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
