import type { RulesConfig } from './rules.ts';
import { dayNumber, type Flag, type FlagInput, type FlagOrder, type PricePoint } from './types.ts';

interface Point {
  dayNo: number;
  day: string;
  price_fen: number;
}

/**
 * price-hike: the listing's price on the order day stands at a peak — at least min_change_bp
 * above the lowest price in effect during the days_before days before the order day (the
 * rise), and at least min_change_bp above the lowest price in effect during the days_after
 * days after it (the fall back; measured against that later price, the same way as the rise).
 * Both are needed: a rise that stays is a price change, not a hike for one purchase.
 *
 * Prices come from listing_prices (one row per sku per day): the price "in effect" on a day is
 * the latest row on or before it. A window with no known price cannot show a rise or a fall,
 * so it raises nothing. One flag per order per sku.
 */
export function priceHike(input: FlagInput, cfg: RulesConfig['rules']['price-hike'], version: string): Flag[] {
  const orders = new Map(input.orders.map((o) => [o.order_no, o]));
  const histories = new Map<string, Point[] | null>();
  // The test depends only on the sku and the day, so it runs once per (sku, day).
  const peaks = new Map<string, Map<number, ReturnType<typeof peakAt>>>();
  const seen = new Set<string>();
  const flags: Flag[] = [];

  for (const l of input.lines) {
    if (l.sku === null) continue;
    const o = orders.get(l.order_no);
    if (!o) continue;
    const hist = history(histories, input.listingPrices, l.sku);
    if (!hist) continue;
    const d = dayNumber(o.day);
    let bySku = peaks.get(l.sku);
    if (!bySku) peaks.set(l.sku, (bySku = new Map()));
    let hit = bySku.get(d);
    if (hit === undefined) bySku.set(d, (hit = peakAt(hist, d, cfg)));
    if (!hit) continue;
    const key = `${o.order_no}\u0000${l.sku}`;
    if (seen.has(key)) continue;
    seen.add(key);
    flags.push({
      rule: 'price-hike',
      subject_type: 'listing',
      subject_id: l.sku,
      order_no: o.order_no,
      evidence: {
        sku: l.sku,
        order_day: o.day,
        line_no: l.line_no,
        line_unit_price_fen: l.unit_price_fen,
        price_at_order: pt(hit.at),
        lowest_before: pt(hit.before),
        lowest_after: pt(hit.after),
        rise_bp: Math.round(((hit.at.price_fen - hit.before.price_fen) * 10000) / hit.before.price_fen),
        fall_bp: Math.round(((hit.at.price_fen - hit.after.price_fen) * 10000) / hit.after.price_fen),
        history: hit.history.map(pt),
        min_change_bp: cfg.min_change_bp,
        days_before: cfg.days_before,
        days_after: cfg.days_after,
      },
      rule_version: version,
    });
  }
  return flags;
}

function history(cache: Map<string, Point[] | null>, all: FlagInput['listingPrices'], sku: string): Point[] | null {
  let h = cache.get(sku);
  if (h !== undefined) return h;
  const raw: readonly PricePoint[] | undefined = all.get(sku);
  h = raw && raw.length > 0 ? raw.map((p) => ({ dayNo: dayNumber(p.day), day: p.day, price_fen: p.price_fen })).sort((a, b) => a.dayNo - b.dayNo) : null;
  cache.set(sku, h);
  return h;
}

/** The rise-and-fall test around order day D; null when the price on D is no such peak. */
export function peakAt(hist: readonly Point[], d: number, cfg: RulesConfig['rules']['price-hike']) {
  const atIdx = lastOnOrBefore(hist, d);
  if (atIdx < 0) return null;
  const at = hist[atIdx] as Point;
  // A rise on day D−14 itself is a rise within the 14 days before (day 14 included, as in the
  // gap window): the price it rose from was in effect when that day began, so the window opens
  // with the row in effect on the day before it.
  const before = lowestInEffect(hist, d - cfg.days_before - 1, d - 1);
  const after = lowestInEffect(hist, d + 1, d + cfg.days_after);
  if (!before || !after) return null;
  const rises = (at.price_fen - before.price_fen) * 10000 >= cfg.min_change_bp * before.price_fen;
  const falls = (at.price_fen - after.price_fen) * 10000 >= cfg.min_change_bp * after.price_fen;
  if (!rises || !falls) return null;
  const from = Math.max(0, lastOnOrBefore(hist, d - cfg.days_before - 1));
  const to = lastOnOrBefore(hist, d + cfg.days_after);
  return { at, before, after, history: hist.slice(from, to + 1) };
}

/** The lowest price in effect on any day of [from, to]: the row in effect on `from` and every row inside. */
function lowestInEffect(hist: readonly Point[], from: number, to: number): Point | null {
  if (to < from) return null;
  let i = lastOnOrBefore(hist, from);
  let best: Point | null = i >= 0 ? (hist[i] as Point) : null;
  for (i = i + 1; i < hist.length && (hist[i] as Point).dayNo <= to; i++) {
    const p = hist[i] as Point;
    if (best === null || p.price_fen < best.price_fen) best = p;
  }
  return best;
}

/** Index of the last point with dayNo ≤ d, or −1. */
function lastOnOrBefore(hist: readonly Point[], d: number): number {
  let lo = 0;
  let hi = hist.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((hist[mid] as Point).dayNo <= d) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

const pt = (p: Point) => ({ day: p.day, price_fen: p.price_fen });
