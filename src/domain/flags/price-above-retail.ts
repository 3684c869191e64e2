import type { RulesConfig } from './rules.ts';
import { lineId, type Flag, type FlagInput, type FlagLine } from './types.ts';

/**
 * price-above-retail: a line's unit price is ≥ min_gap_bp above its retail reference AND at
 * least min_gap_fen more per unit (so a 12 % gap on a ¥5 pen is not raised). The ratio is
 * tested exactly (gap × 10000 ≥ bp × ref), not on the rounded gap_bp, so 9.996 % never
 * rounds its way into a flag.
 */
export function priceAboveRetail(input: FlagInput, cfg: RulesConfig['rules']['price-above-retail'], version: string): Flag[] {
  const above = input.gaps.filter((g) => g.gap_fen >= cfg.min_gap_fen && g.gap_fen * 10000 >= cfg.min_gap_bp * g.ref_price_fen);
  if (above.length === 0) return [];
  const linesByOrder = new Map<string, FlagLine[]>();
  for (const l of input.lines) {
    const ls = linesByOrder.get(l.order_no);
    if (ls) ls.push(l);
    else linesByOrder.set(l.order_no, [l]);
  }
  const flags: Flag[] = [];
  for (const g of above) {
    const line = linesByOrder.get(g.order_no)?.find((l) => l.line_no === g.line_no);
    if (!line) continue; // not a CNY line
    flags.push({
      rule: 'price-above-retail',
      subject_type: 'line',
      subject_id: lineId(g.order_no, g.line_no),
      order_no: g.order_no,
      evidence: {
        sku: line.sku,
        line_no: g.line_no,
        unit: line.unit,
        quantity: line.quantity,
        unit_price_fen: line.unit_price_fen,
        ref_price_fen: g.ref_price_fen,
        ref_median_fen: g.ref_median_fen,
        ref_retailer: g.ref_retailer,
        ref_observed_on: g.ref_observed_on,
        ref_url: g.ref_url,
        ref_observation_id: g.ref_observation_id,
        gap_fen: g.gap_fen,
        gap_bp: g.gap_bp,
        overpaid_fen: Math.round(g.gap_fen * line.quantity),
        threshold: { min_gap_bp: cfg.min_gap_bp, min_gap_fen: cfg.min_gap_fen },
      },
      rule_version: version,
    });
  }
  return flags;
}
