import type { RulesConfig } from './rules.ts';
import type { Flag, FlagInput, FlagOrder } from './types.ts';

export interface AgencyYear {
  agency_id: string;
  year: string;
  spend_fen: number;
  cap_fen: number;
  /** The order whose total took the year's running spend from below the cap to at or over it. */
  crossing: { order_no: string; day: string; total_fen: number; before_fen: number; after_fen: number; orders_so_far: number } | null;
}

/**
 * Each agency's spend per calendar year (of the placed day), running through its orders in
 * placed_at order (ties by order_no, so the crossing order is reproducible). Shared by the
 * flag and by the agency_cap_use table so the two can never disagree.
 */
export function agencyYears(orders: readonly FlagOrder[], capFen: number): AgencyYear[] {
  const groups = new Map<string, FlagOrder[]>();
  for (const o of orders) {
    const k = `${o.agency_id}\u0000${o.day.slice(0, 4)}`;
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  const out: AgencyYear[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => cmp(a.placed_at, b.placed_at) || cmp(a.order_no, b.order_no));
    const first = g[0] as FlagOrder;
    let spend = 0;
    let crossing: AgencyYear['crossing'] = null;
    g.forEach((o, i) => {
      const before = spend;
      spend += o.total_fen;
      if (crossing === null && before < capFen && spend >= capFen) {
        crossing = { order_no: o.order_no, day: o.day, total_fen: o.total_fen, before_fen: before, after_fen: spend, orders_so_far: i + 1 };
      }
    });
    out.push({ agency_id: first.agency_id, year: first.day.slice(0, 4), spend_fen: spend, cap_fen: capFen, crossing });
  }
  out.sort((a, b) => cmp(a.agency_id, b.agency_id) || cmp(a.year, b.year));
  return out;
}

/** annual-over-cap: the order that takes an agency's e-mall spend in a calendar year to ≥ cap_fen. */
export function annualOverCap(input: FlagInput, cfg: RulesConfig['rules']['annual-over-cap'], version: string): Flag[] {
  const flags: Flag[] = [];
  for (const y of agencyYears(input.orders, cfg.cap_fen)) {
    if (!y.crossing) continue;
    flags.push({
      rule: 'annual-over-cap',
      subject_type: 'agency',
      subject_id: y.agency_id,
      order_no: y.crossing.order_no,
      evidence: {
        agency_id: y.agency_id,
        year: y.year,
        cap_fen: y.cap_fen,
        crossing_order_no: y.crossing.order_no,
        crossing_day: y.crossing.day,
        order_total_fen: y.crossing.total_fen,
        spend_before_fen: y.crossing.before_fen,
        spend_after_fen: y.crossing.after_fen,
        orders_so_far: y.crossing.orders_so_far,
        year_spend_fen: y.spend_fen,
      },
      rule_version: version,
    });
  }
  return flags;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
