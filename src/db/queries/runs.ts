import { all, memo } from './db.ts';

export interface RunRow {
  id: number;
  stage: string;
  source: string | null;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts_json: string;
  error: string | null;
}

export interface RejectSummary {
  source: string;
  n: number;
  reasons: { record_key: string; field: string; reason: string }[];
}

export const recentRuns = memo(() => all<RunRow>(`SELECT * FROM ingest_runs ORDER BY started_at DESC, id DESC LIMIT 50`));

export const runCount = memo(() => all<{ n: number }>(`SELECT COUNT(*) AS n FROM ingest_runs`)[0]?.n ?? 0);

/** Rejects per source with the first few reasons (by insertion order), for /data/. */
export const rejectSummary = memo((): RejectSummary[] => {
  const counts = all<{ source: string; n: number }>(`SELECT source, COUNT(*) AS n FROM rejects GROUP BY source ORDER BY source`);
  return counts.map((c) => ({
    ...c,
    reasons: all<{ record_key: string; field: string; reason: string }>(
      `SELECT record_key, field, reason FROM rejects WHERE source = ? ORDER BY id LIMIT 5`,
      c.source,
    ),
  }));
});

/** How listings were matched with retail products, by method (methodology page). */
export const matchMethodCounts = memo(() =>
  all<{ method: string; n: number }>(`SELECT method, COUNT(*) AS n FROM matches GROUP BY method ORDER BY method`),
);

/** Why lines had no reference, by reason (methodology coverage section). */
export const noRefReasons = memo(() =>
  all<{ reason: string; n: number }>(
    `SELECT COALESCE(no_ref_reason, '') AS reason, COUNT(*) AS n FROM line_gaps
     WHERE ref_price_fen IS NULL GROUP BY reason ORDER BY n DESC, reason`,
  ),
);
