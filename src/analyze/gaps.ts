import { computeGap, type GapObservation, type NoRefReason, type UnitConverter } from '../domain/gap.ts';
import { addDays, dayOf } from '../domain/time.ts';
import type { LineRow, OrderRow } from './load.ts';
import type { Matched } from './match.ts';

/** One row of `line_gaps`. */
export interface LineGapRow {
  order_no: string;
  line_no: number;
  ref_price_fen: number | null;
  ref_retailer: string | null;
  ref_observed_on: string | null;
  ref_url: string | null;
  gap_fen: number | null;
  gap_bp: number | null;
  method: string;
  ref_observation_id: number | null;
  ref_median_fen: number | null;
  ref_count: number;
  no_ref_reason: string | null;
}

/**
 * The gap of every line whose order is known. Observations of the line's product are already
 * sorted by day, so the ±window slice is two binary searches; computeGap then sees only the
 * handful of rows that can matter. A line without a usable reference keeps NULLs and a reason.
 */
export function gapsForLines(
  lines: readonly LineRow[],
  orders: ReadonlyMap<string, OrderRow>,
  matched: Matched,
  windowDays: number,
  convert: UnitConverter,
): LineGapRow[] {
  const out: LineGapRow[] = [];
  for (const line of lines) {
    const order = orders.get(line.order_no);
    if (!order) continue;
    const m = matched.matchLine(line);
    const base = { order_no: line.order_no, line_no: line.line_no, method: m.method };
    if (m.product_key === null) {
      out.push(noRef(base, 'no match'));
      continue;
    }
    const all = matched.obsByProduct.get(m.product_key) ?? [];
    if (all.length === 0) {
      out.push(noRef(base, 'no observation'));
      continue;
    }
    const day = dayOf(order.placed_at);
    const from = lowerBound(all, addDays(day, -windowDays));
    const to = lowerBound(all, addDays(day, windowDays + 1));
    if (from >= to) {
      out.push(noRef(base, 'no observation within window'));
      continue;
    }
    const r = computeGap(
      { unit_price_fen: line.unit_price_fen, currency: order.currency, unit: line.unit, spec: line.spec, title: line.title, day },
      all.slice(from, to),
      { windowDays, convert },
    );
    if (!r.ok) {
      out.push(noRef(base, r.reason));
      continue;
    }
    out.push({
      ...base,
      ref_price_fen: r.ref.price_fen,
      ref_retailer: r.ref.retailer,
      ref_observed_on: r.ref.observed_on,
      ref_url: r.ref.url,
      gap_fen: r.gap_fen,
      gap_bp: r.gap_bp,
      ref_observation_id: r.ref.observation_id,
      ref_median_fen: r.median_fen,
      ref_count: r.picks.length,
      no_ref_reason: null,
    });
  }
  return out;
}

function noRef(base: { order_no: string; line_no: number; method: string }, reason: NoRefReason): LineGapRow {
  return {
    ...base,
    ref_price_fen: null,
    ref_retailer: null,
    ref_observed_on: null,
    ref_url: null,
    gap_fen: null,
    gap_bp: null,
    ref_observation_id: null,
    ref_median_fen: null,
    ref_count: 0,
    no_ref_reason: reason,
  };
}

/** First index whose observed_on is ≥ day. */
function lowerBound(sorted: readonly GapObservation[], day: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as GapObservation).observed_on < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
