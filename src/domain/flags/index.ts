import { annualOverCap } from './annual-over-cap.ts';
import { lowRating } from './low-rating.ts';
import { orderOverCap } from './order-over-cap.ts';
import { priceAboveRetail } from './price-above-retail.ts';
import { priceDiscrimination } from './price-discrimination.ts';
import { priceHike } from './price-hike.ts';
import { RULE_IDS, type RulesConfig } from './rules.ts';
import { splitOrder } from './split-order.ts';
import type { Flag, FlagInput } from './types.ts';

export type { Flag, FlagGap, FlagInput, FlagLine, FlagOrder, PricePoint } from './types.ts';
export { RULE_IDS, parseRules, type RuleId, type RulesConfig } from './rules.ts';

/** Flags, caps and totals are about CNY purchases only: another currency is never compared or summed with yuan. */
export function cnyOnly(input: FlagInput): FlagInput {
  const orders = input.orders.filter((o) => o.currency === 'CNY');
  const keep = new Set(orders.map((o) => o.order_no));
  return {
    orders,
    lines: input.lines.filter((l) => keep.has(l.order_no)),
    gaps: input.gaps.filter((g) => keep.has(g.order_no)),
    listingPrices: input.listingPrices,
  };
}

/** Every rule of DESIGN §7 over the CNY purchases, in a stable order (so reruns write identical rows). */
export function runFlagRules(all: FlagInput, rules: RulesConfig): Flag[] {
  const input = cnyOnly(all);
  const r = rules.rules;
  const v = rules.version;
  const flags = [
    ...priceAboveRetail(input, r['price-above-retail'], v),
    ...orderOverCap(input, r['order-over-cap'], v),
    ...annualOverCap(input, r['annual-over-cap'], v),
    ...splitOrder(input, r['split-order'], v),
    ...priceHike(input, r['price-hike'], v),
    ...priceDiscrimination(input, r['price-discrimination'], v),
    ...lowRating(input, r['low-rating'], v),
  ];
  const rank = new Map(RULE_IDS.map((id, i) => [id, i]));
  // Evidence is compared only to break a tie (one order in two groups of one rule), so the
  // sort does not serialise every flag.
  return flags.sort(
    (a, b) =>
      (rank.get(a.rule) as number) - (rank.get(b.rule) as number) ||
      cmp(a.order_no ?? '', b.order_no ?? '') ||
      cmp(a.subject_id, b.subject_id) ||
      cmp(JSON.stringify(a.evidence), JSON.stringify(b.evidence)),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
