import { all, memo } from './db.ts';

export type FlagListRow = {
  id: number;
  rule: string;
  subject_type: string;
  subject_id: string;
  order_no: string | null;
  evidence_json: string;
  rule_version: string;
  placed_at: string | null;
  agency_id: string | null;
  agency_name: string | null;
  supplier_name: string | null;
} & FlagReviewFields;

/** A flag's key and what auditors concluded about it (null fields: not reviewed yet). */
export interface FlagReviewFields {
  key: string | null;
  review_status: 'confirmed' | 'explained' | 'dismissed' | null;
  review_note: string | null;
  review_source: string | null;
  reviewed_on: string | null;
}

/** The review columns, for any query over `flags f`. */
export const REVIEW_SQL = {
  columns: 'f.key, r.status AS review_status, r.note AS review_note, r.source_url AS review_source, r.reviewed_on',
  join: 'LEFT JOIN flag_reviews r ON r.flag_key = f.key',
};

const FLAG_SQL = `SELECT f.id, f.rule, f.subject_type, f.subject_id, f.order_no, f.evidence_json, f.rule_version,
    o.placed_at, o.agency_id, a.name AS agency_name, s.name AS supplier_name, ${REVIEW_SQL.columns}
  FROM flags f
  ${REVIEW_SQL.join}
  LEFT JOIN orders o ON o.order_no = f.order_no
  LEFT JOIN agencies a ON a.id = o.agency_id
  LEFT JOIN suppliers s ON s.id = o.supplier_id`;

/** How many flags each rule raised, once per build (methodology, /flags/, overview). */
export const ruleCounts = memo(() =>
  all<{ rule: string; n: number }>(`SELECT rule, COUNT(*) AS n FROM flags GROUP BY rule ORDER BY rule`),
);

export function ruleCount(rule: string): number {
  return ruleCounts().find((r) => r.rule === rule)?.n ?? 0;
}

/** Newest first: flags have no time of their own, so the purchase's time orders them. */
export function newestFlags(n: number): FlagListRow[] {
  return all<FlagListRow>(`${FLAG_SQL} ORDER BY o.placed_at DESC NULLS LAST, f.id DESC LIMIT ?`, n);
}

export function flagsOfRule(rule: string, offset: number, limit: number): FlagListRow[] {
  return all<FlagListRow>(
    `${FLAG_SQL} WHERE f.rule = ? ORDER BY o.placed_at DESC NULLS LAST, f.id DESC LIMIT ? OFFSET ?`,
    rule, limit, offset,
  );
}

/** Per rule, how many of its flags auditors confirmed, explained or dismissed (methodology). */
export const reviewCounts = memo(() =>
  all<{ rule: string; status: string; n: number }>(
    `SELECT f.rule, r.status, COUNT(*) AS n FROM flags f JOIN flag_reviews r ON r.flag_key = f.key GROUP BY f.rule, r.status ORDER BY f.rule, r.status`,
  ),
);

/** The flags with these ids, in the given order (a filtered page of GET /api/flags, shown as cards). */
export function flagsByIds(ids: readonly number[]): FlagListRow[] {
  if (ids.length === 0) return [];
  const rows = all<FlagListRow>(`${FLAG_SQL} WHERE f.id IN (${ids.map(() => '?').join(', ')})`, ...ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is FlagListRow => r !== undefined);
}
