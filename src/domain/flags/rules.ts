import { z } from 'zod';
import { fail, ok, type Result } from '../result.ts';

/**
 * The thresholds of every flag rule and of the gap window, read from data/rules.json so that
 * the methodology page, the flags and the tests all use one set of numbers. Money in fen,
 * ratios in basis points (1 % = 100), windows in whole days. Every comparison is "≥ the
 * threshold raises" (for low-rating: "≤ max_rating raises").
 */

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

const schema = z
  .object({
    version: z.string().min(1),
    gap: z.object({ window_days: count }).strict(),
    rules: z
      .object({
        'price-above-retail': z.object({ min_gap_bp: count, min_gap_fen: count }).strict(),
        'order-over-cap': z.object({ cap_fen: positive }).strict(),
        'annual-over-cap': z.object({ cap_fen: positive }).strict(),
        'split-order': z.object({ cap_fen: positive, window_days: count }).strict(),
        'price-hike': z.object({ min_change_bp: count, days_before: count, days_after: count }).strict(),
        'price-discrimination': z.object({ min_diff_bp: count, window_days: count }).strict(),
        'low-rating': z.object({ max_rating: z.number().int().min(1).max(5) }).strict(),
      })
      .strict(),
  })
  .strict();

export type RulesConfig = z.infer<typeof schema>;
export type RuleId = keyof RulesConfig['rules'];

/** Stable rule ids (DESIGN §7), in the order the methodology page lists them. */
export const RULE_IDS: readonly RuleId[] = [
  'price-above-retail',
  'order-over-cap',
  'annual-over-cap',
  'split-order',
  'price-hike',
  'price-discrimination',
  'low-rating',
];

/** Validate parsed rules.json; a bad file is a reason, never a silently defaulted threshold. */
export function parseRules(json: unknown): Result<RulesConfig> {
  const r = schema.safeParse(json);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  return fail(`rules.json: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'invalid'}`);
}
