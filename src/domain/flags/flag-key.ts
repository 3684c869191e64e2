import { createHash } from 'node:crypto';

/**
 * The stable key of a flag (DESIGN §7, review trail): the rule and what it is about — subject
 * and purchase — so an auditor's review in data/reviews.csv survives every rebuild, and a flag
 * that goes away (a refund) takes its review with it. Readable prefix, short hash.
 */
export function flagKey(f: { rule: string; subject_type: string; subject_id: string; order_no: string | null }): string {
  return `${f.rule}:${createHash('sha256').update(`${f.subject_type}\u0000${f.subject_id}\u0000${f.order_no ?? ''}`).digest('hex').slice(0, 12)}`;
}

export const REVIEW_STATUSES = ['confirmed', 'explained', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A review state to filter flags (and the orders they are about) by: a status, or none yet. */
export const REVIEW_FILTERS = ['unreviewed', ...REVIEW_STATUSES] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];
