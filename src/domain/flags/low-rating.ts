import type { RulesConfig } from './rules.ts';
import type { Flag, FlagInput } from './types.ts';

/** low-rating: the buyer's own evaluation is max_rating (2) or less out of 5. */
export function lowRating(input: FlagInput, cfg: RulesConfig['rules']['low-rating'], version: string): Flag[] {
  const flags: Flag[] = [];
  for (const o of input.orders) {
    if (o.rating === null || o.rating > cfg.max_rating) continue;
    flags.push({
      rule: 'low-rating',
      subject_type: 'order',
      subject_id: o.order_no,
      order_no: o.order_no,
      evidence: {
        agency_id: o.agency_id,
        supplier_id: o.supplier_id,
        rating: o.rating,
        scale: 5,
        comment: o.comment,
        evaluated_at: o.evaluated_at,
        max_rating: cfg.max_rating,
      },
      rule_version: version,
    });
  }
  return flags;
}
