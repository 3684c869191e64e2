import { createHash } from 'node:crypto';
import type { TotalsTable } from '../schema.ts';
import { all, memo, one } from './db.ts';
import { DATA_RUN_ID_SQL } from '../data-run.ts';

export interface SiteFacts {
  /** meta.sample = '1': the bundled sample; every page shows the 示例数据 banner. */
  sample: boolean;
  /** finished_at of the latest successful analyze or nightly run, or null if none. */
  lastUpdated: string | null;
  /** Names the published data for citations: changes with every successful run, the same for the same database. */
  dataVersion: string;
}

/** The id of the run the site's data comes from (src/db/data-run.ts). */
export const dataRunId = memo((): number => one<{ id: number }>(`SELECT ${DATA_RUN_ID_SQL} AS id`)?.id ?? 0);

/** Read once per build; the layout of every page uses it. */
export const siteFacts = memo((): SiteFacts => {
  const sample = one<{ value: string }>(`SELECT value FROM meta WHERE key = 'sample'`)?.value === '1';
  const last = one<{ finished_at: string }>(
    `SELECT finished_at FROM ingest_runs
     WHERE status = 'ok' AND stage IN ('analyze', 'nightly') AND finished_at IS NOT NULL AND id <= ?
     ORDER BY finished_at DESC, id DESC LIMIT 1`,
    dataRunId(),
  );
  const runs = one<{ v: string | null }>(
    `SELECT group_concat(id || ':' || coalesce(finished_at, ''), ',') AS v FROM (SELECT id, finished_at FROM ingest_runs WHERE status = 'ok' AND id <= ? ORDER BY id)`,
    dataRunId(),
  )?.v ?? '';
  return { sample, lastUpdated: last?.finished_at ?? null, dataVersion: createHash('sha256').update(runs).digest('hex').slice(0, 12) };
});

export type SiteTotalsRow = TotalsTable;

/** The aggregate analyze wrote for one subject and period ('all' or a year), if any. */
export function totalsOf(dimension: string, key: string, period = 'all'): SiteTotalsRow | undefined {
  return one<SiteTotalsRow>(`SELECT * FROM totals WHERE dimension = ? AND key = ? AND period = ?`, dimension, key, period);
}

/** Per-year rows of one subject, oldest first. */
export function yearlyTotals(dimension: string, key: string): SiteTotalsRow[] {
  return all<SiteTotalsRow>(
    `SELECT * FROM totals WHERE dimension = ? AND key = ? AND period <> 'all' ORDER BY period`,
    dimension, key,
  );
}

/** Site-wide totals: dimension 'all' (its key is not pinned down by the contract, so take any). */
export const siteTotals = memo(
  (): SiteTotalsRow | undefined =>
    one<SiteTotalsRow>(`SELECT * FROM totals WHERE dimension = 'all' AND period = 'all' ORDER BY key LIMIT 1`),
);

export const monthlySpend = memo(() =>
  all<{ month: string; spend_fen: number; orders: number }>(
    `SELECT period AS month, spend_fen, orders FROM totals WHERE dimension = 'month' ORDER BY period`,
  ),
);
