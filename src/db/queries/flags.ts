import { all, memo } from './db.ts';

export interface FlagListRow {
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
}

const FLAG_SQL = `SELECT f.id, f.rule, f.subject_type, f.subject_id, f.order_no, f.evidence_json, f.rule_version,
    o.placed_at, o.agency_id, a.name AS agency_name, s.name AS supplier_name
  FROM flags f
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
