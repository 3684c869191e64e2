import type { RuleId } from './rules.ts';

/**
 * What the flag rules see: plain records, already loaded and (by `runFlagRules`) restricted
 * to CNY orders, so no rule can compare or sum amounts of different currencies.
 */

export interface FlagOrder {
  order_no: string;
  agency_id: string;
  supplier_id: string;
  /** ISO-8601 Asia/Shanghai; sorts as text. */
  placed_at: string;
  /** The placed day, 'YYYY-MM-DD'. */
  day: string;
  total_fen: number;
  currency: string;
  rating: number | null;
  comment: string | null;
  evaluated_at: string | null;
}

export interface FlagLine {
  order_no: string;
  line_no: number;
  sku: string | null;
  /** The listing's category; null when the line has no known listing. */
  category_code: string | null;
  unit: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

/** The reference of a line that has one (lines without a reference are simply absent). */
export interface FlagGap {
  order_no: string;
  line_no: number;
  ref_price_fen: number;
  ref_median_fen: number;
  ref_retailer: string;
  ref_observed_on: string;
  ref_url: string;
  ref_observation_id: number;
  gap_fen: number;
  gap_bp: number;
}

export interface PricePoint {
  day: string;
  price_fen: number;
}

export interface FlagInput {
  orders: readonly FlagOrder[];
  lines: readonly FlagLine[];
  gaps: readonly FlagGap[];
  /** listing_prices per sku, any order (rules sort what they need). */
  listingPrices: ReadonlyMap<string, readonly PricePoint[]>;
}

export interface Flag {
  rule: RuleId;
  subject_type: 'order' | 'line' | 'listing' | 'agency';
  subject_id: string;
  order_no: string | null;
  /** Enough for a reader to verify the flag by hand: amounts in fen, days, order_nos, ids. */
  evidence: Record<string, unknown>;
  rule_version: string;
}

/** The subject id of one order line, e.g. "ES2018070001#2". */
export const lineId = (orderNo: string, lineNo: number) => `${orderNo}#${lineNo}`;

// Remembered: the rules look up the same few hundred days hundreds of thousands of times, and
// Date.parse would be most of their cost. Bounded so a strange input cannot grow it without end.
const dayNumbers = new Map<string, number>();

/** Day number since the epoch, for cheap window arithmetic on 'YYYY-MM-DD'. */
export function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
    if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  }
  return n;
}
