import type { LineGap } from '../db/schema.ts';
import { candidatesFor, gapFromCandidates, type Candidates, type GapObservation, type NoRefReason, type UnitConverter, type UnitDesc } from '../domain/gap.ts';
import { addDays } from '../domain/time.ts';
import type { AnalyzeLine, AnalyzeOrder } from './load.ts';
import type { Matched } from './match.ts';

/** One row of `line_gaps`, as the schema defines it. */
export type LineGapRow = LineGap;

/**
 * The gap of every line whose order is known: rows in the order of `lines`, and each line's
 * row by its index in `lines` (undefined for a line without an order).
 *
 * Lines are worked through grouped by product, then by day and currency: the retail candidates
 * of a group (the ±window slice of the product's day-sorted observations, found by two binary
 * searches) are computed once and shared, and conversions to a line's unit are remembered
 * within the product — a popular paper spec has hundreds of observations in any window and
 * thousands of lines, and this keeps the work per line to about one conversion per retailer.
 * The groups are nested maps filled in one pass, not a sort of every line.
 * A line without a usable reference keeps NULLs and a reason.
 */
export function gapsForLines(
  lines: readonly AnalyzeLine[],
  orders: ReadonlyMap<string, AnalyzeOrder>,
  matched: Matched,
  windowDays: number,
  convert: UnitConverter,
): { rows: LineGapRow[]; byIndex: (LineGapRow | undefined)[] } {
  const out: (LineGapRow | undefined)[] = new Array(lines.length);
  const methods: string[] = new Array(lines.length);
  // product key → day → currency → line indexes
  const groups = new Map<string, Map<string, Map<string, number[]>>>();
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] as AnalyzeLine;
    const order = orders.get(line.order_no);
    if (!order) continue;
    const m = matched.matchLine(line);
    methods[at] = m.method;
    if (m.product_key === null) {
      out[at] = noRef(line, m.method, 'no match');
      continue;
    }
    let byDay = groups.get(m.product_key);
    if (!byDay) groups.set(m.product_key, (byDay = new Map()));
    let byCurrency = byDay.get(order.day);
    if (!byCurrency) byDay.set(order.day, (byCurrency = new Map()));
    const members = byCurrency.get(order.currency);
    if (members) members.push(at);
    else byCurrency.set(order.currency, [at]);
  }

  const windows = new Map<string, [string, string]>();
  for (const [key, byDay] of groups) {
    const observations = matched.obsByProduct.get(key) ?? [];
    const memo: ConversionMemo = new Map();
    for (const [day, byCurrency] of byDay) {
      let edges = windows.get(day);
      if (!edges) windows.set(day, (edges = [addDays(day, -windowDays), addDays(day, windowDays + 1)]));
      for (const [currency, members] of byCurrency) {
        const candidates = candidatesIn(observations, edges, day, currency, windowDays);
        for (const at of members) out[at] = gapOf(lines[at] as AnalyzeLine, methods[at] as string, day, currency, candidates, remembering(convert, memo, lines[at] as AnalyzeLine));
      }
    }
  }

  const rows: LineGapRow[] = [];
  for (const g of out) if (g !== undefined) rows.push(g);
  return { rows, byIndex: out };
}

function gapOf(line: AnalyzeLine, method: string, day: string, currency: string, candidates: Candidates, convert: UnitConverter): LineGapRow {
  const r = gapFromCandidates(
    { unit_price_fen: line.unit_price_fen, currency, unit: line.unit, spec: line.spec, title: line.title, day },
    candidates,
    convert,
  );
  if (!r.ok) return noRef(line, method, r.reason);
  return {
    order_no: line.order_no,
    line_no: line.line_no,
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

function noRef(line: AnalyzeLine, method: string, reason: NoRefReason): LineGapRow {
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

