import { candidatesFor, gapFromCandidates, type Candidates, type GapObservation, type NoRefReason, type UnitConverter, type UnitDesc } from '../domain/gap.ts';
import { addDays } from '../domain/time.ts';
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

interface Work {
  at: number;
  line: LineRow;
  currency: string;
  day: string;
  key: string;
}

/**
 * The gap of every line whose order is known: rows in the order of `lines`, and by line object.
 *
 * Lines are worked through grouped by product, day and currency: the retail candidates of a
 * group (the ±window slice of the product's day-sorted observations, found by two binary
 * searches) are computed once and shared, and conversions to a line's unit are remembered
 * within the product — a popular paper spec has hundreds of observations in any window and
 * thousands of lines, and this keeps the work per line to about one conversion per retailer.
 * A line without a usable reference keeps NULLs and a reason.
 */
export function gapsForLines(
  lines: readonly LineRow[],
  orders: ReadonlyMap<string, OrderRow>,
  matched: Matched,
  windowDays: number,
  convert: UnitConverter,
): { rows: LineGapRow[]; byLine: Map<LineRow, LineGapRow> } {
  const out: (LineGapRow | undefined)[] = new Array(lines.length);
  const work: Work[] = [];
  lines.forEach((line, at) => {
    const order = orders.get(line.order_no);
    if (!order) return;
    const m = matched.matchLine(line);
    if (m.product_key === null) out[at] = noRef(line, m.method, 'no match');
    else work.push({ at, line, currency: order.currency, day: order.day, key: m.product_key });
  });
  work.sort((a, b) => cmp(a.key, b.key) || cmp(a.day, b.day) || cmp(a.currency, b.currency));

  let groupKey = '';
  let candidates: Candidates = { ok: false, reason: 'no observation' };
  let productKey = '';
  let memo: ConversionMemo = new Map();
  const windows = new Map<string, [string, string]>();
  for (const w of work) {
    const method = matched.matchLine(w.line).method;
    if (w.key !== productKey) {
      productKey = w.key;
      memo = new Map();
    }
    const k = `${w.key}\u0000${w.day}\u0000${w.currency}`;
    if (k !== groupKey) {
      groupKey = k;
      let edges = windows.get(w.day);
      if (!edges) windows.set(w.day, (edges = [addDays(w.day, -windowDays), addDays(w.day, windowDays + 1)]));
      candidates = candidatesIn(matched.obsByProduct.get(w.key) ?? [], edges, w.day, w.currency, windowDays);
    }
    const memoConvert = remembering(convert, memo, w.line);
    const r = gapFromCandidates(
      { unit_price_fen: w.line.unit_price_fen, currency: w.currency, unit: w.line.unit, spec: w.line.spec, title: w.line.title, day: w.day },
      candidates,
      memoConvert,
    );
    if (!r.ok) {
      out[w.at] = noRef(w.line, method, r.reason);
      continue;
    }
    out[w.at] = {
      order_no: w.line.order_no,
      line_no: w.line.line_no,
      ref_price_fen: r.ref.price_fen,
      ref_retailer: r.ref.retailer,
      ref_observed_on: r.ref.observed_on,
      ref_url: r.ref.url,
      gap_fen: r.gap_fen,
      gap_bp: r.gap_bp,
      method,
      ref_observation_id: r.ref.observation_id,
      ref_median_fen: r.median_fen,
      ref_count: r.picks.length,
      no_ref_reason: null,
    };
  }
  const rows: LineGapRow[] = [];
  const byLine = new Map<LineRow, LineGapRow>();
  out.forEach((g, at) => {
    if (g === undefined) return;
    rows.push(g);
    byLine.set(lines[at] as LineRow, g);
  });
  return { rows, byLine };
}

/** The candidates of one product for one day: the observations within the window, or why there are none. */
function candidatesIn(
  all: readonly GapObservation[],
  [first, afterLast]: [string, string],
  day: string,
  currency: string,
  windowDays: number,
): Candidates {
  if (all.length === 0) return { ok: false, reason: 'no observation' };
  const from = lowerBound(all, first);
  const to = lowerBound(all, afterLast);
  if (from >= to) return { ok: false, reason: 'no observation within window' };
  return candidatesFor(day, currency, all.slice(from, to), windowDays);
}

/** observation id → line description → converted price (or null). */
type ConversionMemo = Map<number, Map<string, number | null>>;

/**
 * The converter with a memory per (observation, line description): lines of one listing share
 * a description and see the same observations on nearby days. The memo lives for one product
 * only, so it stays small; results are exactly what `convert` returns.
 */
function remembering(convert: UnitConverter, memo: ConversionMemo, line: UnitDesc): UnitConverter {
  const lineKey = `${line.unit}\u0000${line.spec ?? ''}\u0000${line.title}`;
  return (price, from, to) => {
    const id = (from as Partial<GapObservation>).id;
    if (id === undefined) return convert(price, from, to);
    let forObs = memo.get(id);
    if (!forObs) memo.set(id, (forObs = new Map()));
    let v = forObs.get(lineKey);
    if (v === undefined) {
      v = convert(price, from, to);
      forObs.set(lineKey, v);
    }
    return v;
  };
}

function noRef(line: LineRow, method: string, reason: NoRefReason): LineGapRow {
  return {
    order_no: line.order_no,
    line_no: line.line_no,
    ref_price_fen: null,
    ref_retailer: null,
    ref_observed_on: null,
    ref_url: null,
    gap_fen: null,
    gap_bp: null,
    method,
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

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
