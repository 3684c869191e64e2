import type { RulesConfig } from './rules.ts';
import { dayNumber, type Flag, type FlagInput, type FlagLine, type FlagOrder } from './types.ts';
import { maximalWindows } from './windows.ts';

interface Sale {
  line: FlagLine;
  order: FlagOrder;
  dayNo: number;
}

/**
 * price-discrimination: one sku sold to different agencies within window_days of each other
 * (first to last, inclusive) at unit prices differing by ≥ min_diff_bp, measured against the
 * lower price ((high − low) × 10000 ≥ bp × low). Lines are compared only within one unit, so
 * a per-box and a per-pack line of one sku are never set against each other.
 *
 * For each maximal window (see windows.ts), a purchase is involved when some purchase of
 * another agency in the same window differs from it by the threshold. Each involved purchase
 * gets one flag per group, carrying every line of the group so a reader sees the spread.
 */
export function priceDiscrimination(input: FlagInput, cfg: RulesConfig['rules']['price-discrimination'], version: string): Flag[] {
  const orders = new Map(input.orders.map((o) => [o.order_no, o]));
  const bySku = new Map<string, Sale[]>();
  for (const l of input.lines) {
    const order = orders.get(l.order_no);
    if (l.sku === null || !order) continue;
    const k = `${l.sku}\u0000${l.unit}`;
    const s = { line: l, order, dayNo: dayNumber(order.day) };
    const g = bySku.get(k);
    if (g) g.push(s);
    else bySku.set(k, [s]);
  }

  const flags: Flag[] = [];
  for (const sales of bySku.values()) {
    if (sales.length < 2) continue;
    sales.sort((a, b) => a.dayNo - b.dayNo || cmp(a.order.order_no, b.order.order_no) || a.line.line_no - b.line.line_no);
    for (const [start, end] of maximalWindows(sales, (s) => s.dayNo, cfg.window_days)) {
      if (end === start) continue;
      // Most windows are one price paid by everyone: rule those out before any grouping.
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = start; i <= end; i++) {
        const p = (sales[i] as Sale).line.unit_price_fen;
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
      if (!differs(lo, hi, cfg.min_diff_bp)) continue;
      const w = sales.slice(start, end + 1);
      const ext = extremesByAgency(w);
      if (ext.size < 2) continue;
      const involved = new Set<string>();
      for (const s of w) {
        const { low, high } = othersRange(ext, s.order.agency_id);
        const p = s.line.unit_price_fen;
        if (differs(Math.min(p, low), Math.max(p, low), cfg.min_diff_bp) || differs(Math.min(p, high), Math.max(p, high), cfg.min_diff_bp)) {
          involved.add(s.order.order_no);
        }
      }
      if (involved.size === 0) continue;
      const first = w[0] as Sale;
      const last = w[w.length - 1] as Sale;
      const prices = w.map((s) => s.line.unit_price_fen);
      const low = Math.min(...prices);
      const high = Math.max(...prices);
      const group = `${first.line.sku}|${first.line.unit}|${first.order.day}..${last.order.day}`;
      const members = w.map((s) => ({
        order_no: s.order.order_no,
        line_no: s.line.line_no,
        agency_id: s.order.agency_id,
        day: s.order.day,
        unit_price_fen: s.line.unit_price_fen,
      }));
      const flagged = new Set<string>();
      for (const s of w) {
        if (!involved.has(s.order.order_no) || flagged.has(s.order.order_no)) continue;
        flagged.add(s.order.order_no);
        flags.push({
          rule: 'price-discrimination',
          subject_type: 'listing',
          subject_id: s.line.sku as string,
          order_no: s.order.order_no,
          evidence: {
            group,
            sku: s.line.sku,
            unit: s.line.unit,
            first_day: first.order.day,
            last_day: last.order.day,
            low_fen: low,
            high_fen: high,
            spread_bp: Math.round(((high - low) * 10000) / low),
            this_unit_price_fen: s.line.unit_price_fen,
            lines: members,
            min_diff_bp: cfg.min_diff_bp,
            window_days: cfg.window_days,
          },
          rule_version: version,
        });
      }
    }
  }
  return flags;
}

function differs(low: number, high: number, bp: number): boolean {
  return low > 0 && (high - low) * 10000 >= bp * low;
}

type Extremes = Map<string, { low: number; high: number }>;

function extremesByAgency(w: readonly Sale[]): Extremes {
  const m: Extremes = new Map();
  for (const s of w) {
    const p = s.line.unit_price_fen;
    const e = m.get(s.order.agency_id);
    if (!e) m.set(s.order.agency_id, { low: p, high: p });
    else {
      if (p < e.low) e.low = p;
      if (p > e.high) e.high = p;
    }
  }
  return m;
}

/** Lowest and highest price paid in the window by agencies other than `agency`. */
function othersRange(ext: Extremes, agency: string): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  for (const [a, e] of ext) {
    if (a === agency) continue;
    if (e.low < low) low = e.low;
    if (e.high > high) high = e.high;
  }
  return { low, high };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
