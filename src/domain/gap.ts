import { daysBetween } from './time.ts';

/**
 * The price gap of one purchase line against retail (DESIGN §6). Pure: the caller hands over
 * the line and the retail observations of its matched product, plus the unit converter
 * (`unitPriceIn` from units.ts in the pipeline; injected so this module stays free of the
 * paper/spec parser and its tests stay about choosing a reference).
 *
 * Choosing the observation of one retailer — "prefer self-operated" versus "nearest":
 *   1. Only usable observations count: a sale price (never 'list'/划线价), in the line's currency,
 *      observed within ±windowDays of the order day (both ends included), with a positive price
 *      that converts to the line's unit.
 *   2. If the retailer has at least one usable self-operated (自营) observation, only its
 *      self-operated observations are considered: the retailer's own price is what a buyer can
 *      rely on, and marketplace sellers of that retailer are third parties whose offers may be
 *      grey imports, used goods or bait prices. So a nearer marketplace observation loses to a
 *      farther self-operated one inside the window, and a lower marketplace price is never used
 *      while a usable self-operated one exists.
 *   3. Among those, the nearest to the order day wins; on equal distance the one on or before
 *      the order day (the price the buyer could have seen), then the lower price, then the lower id.
 * The reference is the lowest of the retailers' picks (ties: retailer name); the median of the
 * picks is kept beside it.
 */

export interface UnitDesc {
  unit: string;
  spec: string | null;
  title: string;
}

/** Price per `from.unit` → price per `to.unit`; null when the units cannot be reconciled. */
export type UnitConverter = (priceFen: number, from: UnitDesc, to: UnitDesc) => number | null;

export interface GapLine extends UnitDesc {
  unit_price_fen: number;
  currency: string;
  /** The order day, 'YYYY-MM-DD'. */
  day: string;
}

export interface GapObservation extends UnitDesc {
  id: number;
  retailer: string;
  price_fen: number;
  currency: string;
  observed_on: string;
  url: string;
  self_operated: boolean;
  price_kind: 'sale' | 'list';
}

export interface RetailerPick {
  retailer: string;
  observation_id: number;
  observed_on: string;
  url: string;
  self_operated: boolean;
  /** The observed price, per the observation's own unit. */
  observed_price_fen: number;
  /** The observed price converted to the line's unit: what the reference compares. */
  price_fen: number;
  /** observed_on − order day, in days (negative = before the order). */
  offset_days: number;
}

export type NoRefReason =
  | 'no match'
  | 'no observation'
  | 'list price only'
  | 'currency'
  | 'no observation within window'
  | 'units not comparable';

export type GapResult =
  | {
      ok: true;
      ref: RetailerPick;
      median_fen: number;
      /** One pick per retailer, lowest price first. */
      picks: RetailerPick[];
      gap_fen: number;
      gap_bp: number;
    }
  | { ok: false; reason: NoRefReason };

export interface GapOptions {
  windowDays: number;
  convert: UnitConverter;
}

/** One usable-so-far observation and its distance from the order day. */
export interface Candidate {
  o: GapObservation;
  /** observed_on − order day, in days. */
  offset: number;
}

/** One retailer's candidates, each pool sorted nearest first (see the comment at the top). */
export interface RetailerPool {
  retailer: string;
  own: Candidate[];
  market: Candidate[];
}

export type Candidates = { ok: true; pools: RetailerPool[] } | { ok: false; reason: NoRefReason };

/** The whole computation for one line: candidatesFor then gapFromCandidates. */
export function computeGap(line: GapLine, observations: readonly GapObservation[], opts: GapOptions): GapResult {
  return gapFromCandidates(line, candidatesFor(line.day, line.currency, observations, opts.windowDays), opts.convert);
}

/**
 * Step 1 (and the day/currency half of the filters): which observations of the product could
 * serve a line in `currency` ordered on `day`. It depends on nothing else of the line, so a
 * caller may compute it once for all lines of one product, day and currency.
 * Filters run in a fixed order and the reason names the step that left nothing, so a reader
 * learns the most specific cause ("list price only" rather than "no observation within window").
 */
export function candidatesFor(day: string, currency: string, observations: readonly GapObservation[], windowDays: number): Candidates {
  if (observations.length === 0) return { ok: false, reason: 'no observation' };
  const orderDay = dayNo(day);
  let sale = 0;
  let sameCurrency = 0;
  const pools = new Map<string, RetailerPool>();
  for (const o of observations) {
    if (o.price_kind === 'list') continue;
    sale++;
    if (o.currency !== currency) continue;
    sameCurrency++;
    const offset = dayNo(o.observed_on) - orderDay;
    if (Math.abs(offset) > windowDays) continue;
    let pool = pools.get(o.retailer);
    if (!pool) pools.set(o.retailer, (pool = { retailer: o.retailer, own: [], market: [] }));
    (o.self_operated ? pool.own : pool.market).push({ o, offset });
  }
  if (sale === 0) return { ok: false, reason: 'list price only' };
  if (sameCurrency === 0) return { ok: false, reason: 'currency' };
  if (pools.size === 0) return { ok: false, reason: 'no observation within window' };
  const sorted = [...pools.values()].sort((a, b) => cmp(a.retailer, b.retailer));
  for (const p of sorted) {
    p.own.sort(nearestFirst);
    p.market.sort(nearestFirst);
  }
  return { ok: true, pools: sorted };
}

/**
 * Steps 2–3 for one line: per retailer its self-operated pick, else its marketplace pick;
 * conversion to the line's unit waits until a candidate is next in line, so a busy product
 * costs about one conversion per retailer, not one per observation. Then the reference.
 */
export function gapFromCandidates(line: GapLine, c: Candidates, convert: UnitConverter): GapResult {
  if (!c.ok) return c;
  const picks: RetailerPick[] = [];
  for (const pool of c.pools) {
    const pick = nearestConvertible(pool.own, line, convert) ?? nearestConvertible(pool.market, line, convert);
    if (pick) picks.push(pick);
  }
  if (picks.length === 0) return { ok: false, reason: 'units not comparable' };

  picks.sort((a, b) => a.price_fen - b.price_fen || cmp(a.retailer, b.retailer));
  const ref = picks[0] as RetailerPick;
  const gap = line.unit_price_fen - ref.price_fen;
  return {
    ok: true,
    ref,
    median_fen: medianFen(picks.map((p) => p.price_fen)),
    picks,
    gap_fen: gap,
    gap_bp: basisPoints(gap, ref.price_fen),
  };
}

/** Nearest first; on equal distance on-or-before the order day first; then the lower id. */
function nearestFirst(a: Candidate, b: Candidate): number {
  return Math.abs(a.offset) - Math.abs(b.offset) || side(a.offset) - side(b.offset) || a.o.id - b.o.id;
}

/**
 * Walk one sorted pool a tier at a time (same distance, same side of the order day); the
 * first tier holding a convertible observation gives the pick, its lowest converted price
 * (then lowest id) winning the tier.
 */
function nearestConvertible(pool: readonly Candidate[], line: UnitDesc, convert: UnitConverter): RetailerPick | null {
  let best: RetailerPick | null = null;
  for (const c of pool) {
    if (best && (Math.abs(c.offset) !== Math.abs(best.offset_days) || side(c.offset) !== side(best.offset_days))) break;
    const p = toPick(c, line, convert);
    if (p && (!best || p.price_fen < best.price_fen)) best = p;
  }
  return best;
}

/** 0 for on or before the order day, 1 after: the price the buyer could have seen comes first. */
const side = (offset: number) => (offset > 0 ? 1 : 0);

function toPick({ o, offset }: Candidate, line: UnitDesc, convert: UnitConverter): RetailerPick | null {
  if (!(o.price_fen > 0)) return null;
  const converted = convert(o.price_fen, o, line);
  if (converted === null || !Number.isFinite(converted) || converted <= 0) return null;
  return {
    retailer: o.retailer,
    observation_id: o.id,
    observed_on: o.observed_on,
    url: o.url,
    self_operated: o.self_operated,
    observed_price_fen: o.price_fen,
    price_fen: Math.round(converted),
    offset_days: offset,
  };
}

// Day numbers of 'YYYY-MM-DD' strings, remembered: a run compares a few hundred distinct days
// millions of times, and Date.parse would otherwise dominate. Bounded, so it cannot grow without end.
const dayNos = new Map<string, number>();
function dayNo(day: string): number {
  let n = dayNos.get(day);
  if (n === undefined) {
    n = daysBetween('1970-01-01', day);
    if (dayNos.size < 100_000) dayNos.set(day, n);
  }
  return n;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Median of integer fen; for an even count the mean of the middle two, rounded half up. */
export function medianFen(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : Math.round(((s[mid - 1] as number) + (s[mid] as number)) / 2);
}

/** round(10000 × gap / ref), halves away from zero so +x and −x gaps get mirrored figures. */
export function basisPoints(gapFen: number, refFen: number): number {
  const bp = Math.round((Math.abs(gapFen) * 10000) / refFen);
  return gapFen < 0 ? -bp : bp;
}
