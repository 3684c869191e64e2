import type { RulesConfig } from './rules.ts';
import { dayNumber, type Flag, type FlagInput, type FlagOrder } from './types.ts';
import { maximalWindows } from './windows.ts';

interface Part {
  order: FlagOrder;
  dayNo: number;
  /** What this order spent in the group's category (its lines of that category). */
  amount_fen: number;
}

/**
 * split-order: two or more orders of one agency with one supplier in one category, placed
 * within window_days of each other (first to last, inclusive), each order under the cap,
 * together at or over it — the pattern of a purchase cut up to stay under the e-mall's cap.
 *
 * An order's share of a category is the sum of its lines in that category (an order of a
 * printer and paper counts its printer part towards printers); lines without a known listing
 * have no category and take no part. Orders at or over the cap are excluded: order-over-cap
 * already raises them. One flag per order per group, each carrying the whole group.
 */
export function splitOrder(input: FlagInput, cfg: RulesConfig['rules']['split-order'], version: string): Flag[] {
  const orders = new Map(input.orders.map((o) => [o.order_no, o]));
  // (agency, supplier, category) → order_no → amount in that category
  const groups = new Map<string, Map<string, number>>();
  for (const l of input.lines) {
    const o = orders.get(l.order_no);
    if (!o || l.category_code === null || o.total_fen >= cfg.cap_fen) continue;
    const k = `${o.agency_id}\u0000${o.supplier_id}\u0000${l.category_code}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new Map()));
    g.set(o.order_no, (g.get(o.order_no) ?? 0) + l.amount_fen);
  }

  const flags: Flag[] = [];
  for (const [k, amounts] of groups) {
    if (amounts.size < 2) continue;
    const category = k.split('\u0000')[2] as string;
    const parts: Part[] = [...amounts].map(([no, amount_fen]) => {
      const order = orders.get(no) as FlagOrder;
      return { order, dayNo: dayNumber(order.day), amount_fen };
    });
    parts.sort((a, b) => a.dayNo - b.dayNo || cmp(a.order.placed_at, b.order.placed_at) || cmp(a.order.order_no, b.order.order_no));
    for (const [start, end] of maximalWindows(parts, (p) => p.dayNo, cfg.window_days)) {
      if (end === start) continue;
      let together = 0;
      for (let i = start; i <= end; i++) together += (parts[i] as Part).amount_fen;
      if (together < cfg.cap_fen) continue;
      const w = parts.slice(start, end + 1);
      const first = w[0] as Part;
      const last = w[w.length - 1] as Part;
      const group = `${first.order.agency_id}|${first.order.supplier_id}|${category}|${first.order.day}..${last.order.day}`;
      const members = w.map((p) => ({ order_no: p.order.order_no, day: p.order.day, amount_fen: p.amount_fen, order_total_fen: p.order.total_fen }));
      for (const p of w) {
        flags.push({
          rule: 'split-order',
          subject_type: 'order',
          subject_id: p.order.order_no,
          order_no: p.order.order_no,
          evidence: {
            group,
            agency_id: first.order.agency_id,
            supplier_id: first.order.supplier_id,
            category_code: category,
            first_day: first.order.day,
            last_day: last.order.day,
            span_days: last.dayNo - first.dayNo,
            together_fen: together,
            orders: members,
            cap_fen: cfg.cap_fen,
            window_days: cfg.window_days,
          },
          rule_version: version,
        });
      }
    }
  }
  return flags;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
