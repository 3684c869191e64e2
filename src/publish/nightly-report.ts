import type { AnalyzeReport } from '../analyze/run.ts';
import type { IngestReport } from '../ingest/core/run.ts';
import type { CheckResult } from './check.ts';
import type { VersionsReport } from './content-versions.ts';

/** What a nightly run (nightly.ts) returns and writes to <db dir>/runs/ when it fails; summary.ts words it. */

export type Stage = 'lock' | 'prepare' | 'ingest' | 'analyze' | 'versions' | 'build' | 'check' | 'publish';

export interface NightlySummary {
  purchases_new: number;
  purchases_updated: number;
  flags_new: Record<string, number>;
  rejects: Record<string, number>;
}

export interface NightlyReport {
  status: 'published' | 'failed' | 'busy';
  run_id: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /** The stage that failed. */
  stage?: Stage;
  error?: string;
  stages: Partial<Record<Stage, number>>;
  /** The stage the build started beside: its time in `stages` counts from there. */
  build_started_with?: 'analyze' | 'versions';
  summary?: NightlySummary;
  ingest?: IngestReport;
  analyze?: AnalyzeReport;
  versions?: VersionsReport;
  check?: CheckResult;
  published?: { build: string; dist: string; previous?: string; pruned: string[] };
  log_file?: string;
}

/** The night's purchases and rejects by source, from the ingest's report; the new flags by rule come from the databases. */
export function summarize(ingest: IngestReport, flagsNew: Record<string, number>): NightlySummary {
  const rejects: Record<string, number> = {};
  let created = 0;
  let updated = 0;
  for (const s of ingest.sources) {
    created += s.counts.kinds.order?.inserted ?? 0;
    updated += s.counts.kinds.order?.updated ?? 0;
    rejects[s.source] = Object.values(s.counts.kinds).reduce((n, k) => n + (k?.rejected ?? 0), 0);
  }
  return { purchases_new: created, purchases_updated: updated, flags_new: flagsNew, rejects };
}
