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

export function computeGap(line: GapLine, observations: readonly GapObservation[], opts: GapOptions): GapResult {
  // Filters run in a fixed order and the reason names the step that left nothing, so a
  // reader learns the most specific cause ("list price only" rather than "units").
  if (observations.length === 0) return { ok: false, reason: 'no observation' };
  const sale = observations.filter((o) => o.price_kind !== 'list');
  if (sale.length === 0) return { ok: false, reason: 'list price only' };
  const sameCurrency = sale.filter((o) => o.currency === line.currency);
  if (sameCurrency.length === 0) return { ok: false, reason: 'currency' };
  const inWindow: { o: GapObservation; offset: number }[] = [];
  for (const o of sameCurrency) {
    const offset = daysBetween(line.day, o.observed_on);
    if (Math.abs(offset) <= opts.windowDays) inWindow.push({ o, offset });
  }
  if (inWindow.length === 0) return { ok: false, reason: 'no observation within window' };

  const byRetailer = new Map<string, RetailerPick[]>();
  for (const { o, offset } of inWindow) {
    if (!(o.price_fen > 0)) continue;
    const converted = opts.convert(o.price_fen, o, line);
    if (converted === null || !Number.isFinite(converted) || converted <= 0) continue;
    const pick: RetailerPick = {
      retailer: o.retailer,
      observation_id: o.id,
      observed_on: o.observed_on,
      url: o.url,
      self_operated: o.self_operated,
      observed_price_fen: o.price_fen,
      price_fen: Math.round(converted),
      offset_days: offset,
    };
    const list = byRetailer.get(o.retailer);
    if (list) list.push(pick);
    else byRetailer.set(o.retailer, [pick]);
  }
  if (byRetailer.size === 0) return { ok: false, reason: 'units not comparable' };

  const picks: RetailerPick[] = [];
  for (const usable of byRetailer.values()) picks.push(pickForRetailer(usable));
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

/** Step 2 and 3 of the comment above: self-operated first, then nearest. */
function pickForRetailer(usable: RetailerPick[]): RetailerPick {
  const own = usable.filter((p) => p.self_operated);
  const pool = own.length > 0 ? own : usable;
  let best = pool[0] as RetailerPick;
  for (const p of pool) if (closer(p, best) < 0) best = p;
  return best;
}

function closer(a: RetailerPick, b: RetailerPick): number {
  return (
    Math.abs(a.offset_days) - Math.abs(b.offset_days) ||
    (a.offset_days > 0 ? 1 : 0) - (b.offset_days > 0 ? 1 : 0) ||
    a.price_fen - b.price_fen ||
    a.observation_id - b.observation_id
  );
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
