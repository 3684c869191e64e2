import { all, memo } from './db.ts';
import { dataRunId } from './site.ts';

export interface IngestRunRow {
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
  run_id: number;
  /** When that ingest run finished (or started, if it failed). */
  at: string | null;
  source: string;
  /** Records rejected (the run report's count): a record with two bad fields is one record, two issues. */
  n: number;
  issues: number;
  reasons: { record_key: string; field: string; reason: string; code: string }[];
}

// Runs up to the one the data comes from (site.ts dataRunId): rows the nightly writes after its build stay off the pages.
export const recentRuns = memo(() => all<IngestRunRow>(`SELECT * FROM ingest_runs WHERE id <= ? ORDER BY started_at DESC, id DESC LIMIT 50`, dataRunId()));

export const runCount = memo(() => all<{ n: number }>(`SELECT COUNT(*) AS n FROM ingest_runs WHERE id <= ?`, dataRunId())[0]?.n ?? 0);

/**
 * Rejects of each ingest run and source, newest run first, with the first few reasons: every
 * run's own count, never a sum over the history (the same file is re-read night after night).
 */
export const rejectSummary = memo((): RejectSummary[] => {
  const counts = all<Omit<RejectSummary, 'reasons'>>(
    `SELECT r.run_id, coalesce(i.finished_at, i.started_at) AS at, r.source, COUNT(DISTINCT r.record_key) AS n, COUNT(*) AS issues
     FROM rejects r LEFT JOIN ingest_runs i ON i.id = r.run_id
     WHERE r.run_id <= ?
     GROUP BY r.run_id, r.source ORDER BY r.run_id DESC, r.source LIMIT 20`,
    dataRunId(),
  );
  return counts.map((c) => ({
    ...c,
    reasons: all<{ record_key: string; field: string; reason: string; code: string }>(
      `SELECT record_key, field, reason, code FROM rejects WHERE run_id = ? AND source = ? ORDER BY id LIMIT 5`,
      c.run_id, c.source,
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
