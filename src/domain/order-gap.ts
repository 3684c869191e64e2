/**
 * The gap of a whole purchase (DESIGN §6), defined once and computed once, by analyze; lists,
 * order pages, downloads and the API read the stored figures. Over the lines that have a
 * reference: what the references would have cost, the net gap, and — never netted against
 * each other — the overpayment (positive gaps × quantity) and the savings (negative gaps ×
 * quantity). Each line is rounded to the fen as line amounts are, so a quantity of 2.5 boxes
 * gives whole fen. Lines without a reference are counted, never treated as a zero gap.
 */
export interface OrderGapLine {
  quantity: number;
  ref_price_fen: number | null;
  gap_fen: number | null;
}

export interface OrderGap {
  lines: number;
  lines_with_ref: number;
  /** Null when no line has a reference (then every figure below is null too). */
  ref_cost_fen: number | null;
  net_gap_fen: number | null;
  overpaid_fen: number | null;
  saved_fen: number | null;
  /** round(10000 × net gap / reference cost): the order's gap ratio, in basis points. */
  gap_bp: number | null;
}

export function orderGap(lines: readonly OrderGapLine[]): OrderGap {
  let withRef = 0;
  let ref = 0;
  let over = 0;
  let saved = 0;
  for (const l of lines) {
    if (l.ref_price_fen === null || l.gap_fen === null) continue;
    withRef++;
    ref += Math.round(l.ref_price_fen * l.quantity);
    const g = Math.round(l.gap_fen * l.quantity);
    if (g > 0) over += g;
    else saved -= g;
  }
  if (withRef === 0) return { lines: lines.length, lines_with_ref: 0, ref_cost_fen: null, net_gap_fen: null, overpaid_fen: null, saved_fen: null, gap_bp: null };
  const net = over - saved;
  return {
    lines: lines.length,
    lines_with_ref: withRef,
    ref_cost_fen: ref,
    net_gap_fen: net,
    overpaid_fen: over,
    saved_fen: saved,
    gap_bp: ref > 0 ? roundHalfAway((net * 10000) / ref) : null,
  };
}

/** Halves away from zero, so a saving and an overpayment of the same size show the same digits. */
const roundHalfAway = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));
