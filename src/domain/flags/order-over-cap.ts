import type { RulesConfig } from './rules.ts';
import type { Flag, FlagInput } from './types.ts';

/** order-over-cap: one order whose total reaches the e-mall's per-order cap (≥ cap_fen). */
export function orderOverCap(input: FlagInput, cfg: RulesConfig['rules']['order-over-cap'], version: string): Flag[] {
  const flags: Flag[] = [];
  for (const o of input.orders) {
    if (o.total_fen < cfg.cap_fen) continue;
    flags.push({
      rule: 'order-over-cap',
      subject_type: 'order',
      subject_id: o.order_no,
      order_no: o.order_no,
      evidence: {
        agency_id: o.agency_id,
        supplier_id: o.supplier_id,
        day: o.day,
        total_fen: o.total_fen,
        cap_fen: cfg.cap_fen,
        over_fen: o.total_fen - cfg.cap_fen,
      },
      rule_version: version,
    });
  }
  return flags;
}
