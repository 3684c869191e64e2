import type { Sqlite } from '../db/connection.ts';
import type { Flag } from '../domain/flags/types.ts';
import type { MatchResult } from '../domain/matching.ts';
import type { CapRow, TotalsRow } from './aggregate.ts';
import type { LineGapRow } from './gaps.ts';

export interface AnalysisOutput {
  matches: readonly MatchResult[];
  /** Observation ids and their product keys, side by side (the rows of retail_product_keys). */
  retailKeys: { readonly ids: readonly number[]; readonly keys: readonly string[] };
  gaps: readonly LineGapRow[];
  flags: readonly Flag[];
  totals: readonly TotalsRow[];
  capUse: readonly CapRow[];
}

export interface RunRow {
  started_at: string;
  finished_at: string;
  counts_json: string;
}

const DERIVED_TABLES = ['matches', 'retail_product_keys', 'line_gaps', 'flags', 'totals', 'agency_cap_use'] as const;

/**
 * Replace every derived table and record the run, all in one transaction: readers see the old
 * analysis or the new one, never a mix, and a failure anywhere (a constraint, a full disk)
 * rolls everything back. Rows are written through prepared statements in a fixed order, so
 * a rerun on the same data writes byte-identical tables (flag ids restart at 1 on an empty table).
 */
export function writeAnalysis(sqlite: Sqlite, out: AnalysisOutput, run: () => RunRow): number {
  const insRun = sqlite.prepare(
    `INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json, error) VALUES ('analyze', NULL, ?, ?, 'ok', ?, NULL)`,
  );
  const tx = sqlite.transaction((): number => {
    for (const t of DERIVED_TABLES) sqlite.prepare(`DELETE FROM ${t}`).run();
    bulkInsert(sqlite, 'matches', ['sku', 'product_key', 'method', 'confidence'], out.matches, (m) => [m.sku, m.product_key, m.method, m.confidence]);
    bulkInsert(sqlite, 'retail_product_keys', ['observation_id', 'product_key'], out.retailKeys.ids, (id, i) => [id, out.retailKeys.keys[i]]);
    bulkInsert(
      sqlite,
      'line_gaps',
      ['order_no', 'line_no', 'ref_price_fen', 'ref_retailer', 'ref_observed_on', 'ref_url', 'gap_fen', 'gap_bp', 'method', 'ref_observation_id', 'ref_median_fen', 'ref_count', 'no_ref_reason'],
      out.gaps,
      (g) => [g.order_no, g.line_no, g.ref_price_fen, g.ref_retailer, g.ref_observed_on, g.ref_url, g.gap_fen, g.gap_bp, g.method, g.ref_observation_id, g.ref_median_fen, g.ref_count, g.no_ref_reason],
    );
    bulkInsert(sqlite, 'flags', ['rule', 'subject_type', 'subject_id', 'order_no', 'evidence_json', 'rule_version'], out.flags, (f) => [
      f.rule, f.subject_type, f.subject_id, f.order_no, JSON.stringify(f.evidence), f.rule_version,
    ]);
    bulkInsert(
      sqlite,
      'totals',
      ['dimension', 'key', 'period', 'orders', 'lines', 'spend_fen', 'lines_with_ref', 'lines_without_ref', 'spend_with_ref_fen', 'ref_cost_fen', 'overpaid_fen', 'saved_fen', 'net_gap_fen', 'flags'],
      out.totals,
      (t) => [t.dimension, t.key, t.period, t.orders, t.lines, t.spend_fen, t.lines_with_ref, t.lines_without_ref, t.spend_with_ref_fen, t.ref_cost_fen, t.overpaid_fen, t.saved_fen, t.net_gap_fen, t.flags],
    );
    bulkInsert(sqlite, 'agency_cap_use', ['agency_id', 'year', 'spend_fen', 'cap_fen', 'crossing_order_no'], out.capUse, (c) => [
      c.agency_id, c.year, c.spend_fen, c.cap_fen, c.crossing_order_no,
    ]);
    const r = run();
    return Number(insRun.run(r.started_at, r.finished_at, r.counts_json).lastInsertRowid);
  });
  return tx();
}

const ROWS_PER_STATEMENT = 100;

/**
 * Multi-row prepared INSERTs (100 rows a statement): binding is the cost at 200k rows, and
 * one statement per 100 rows is well over twice as fast as one per row (STACK-NOTES). Rows keep
 * their order, so rowids (flag ids) are the same on every run.
 */
function bulkInsert<T>(sqlite: Sqlite, table: string, columns: readonly string[], rows: readonly T[], values: (row: T, at: number) => unknown[]): void {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(one).join(', ')}`;
  const full = rows.length >= ROWS_PER_STATEMENT ? sqlite.prepare(sqlFor(ROWS_PER_STATEMENT)) : null;
  let batch: unknown[] = [];
  let inBatch = 0;
  for (let at = 0; at < rows.length; at++) {
    for (const v of values(rows[at] as T, at)) batch.push(v);
    if (++inBatch === ROWS_PER_STATEMENT && full) {
      full.run(batch);
      batch = [];
      inBatch = 0;
    }
  }
  if (inBatch > 0) sqlite.prepare(sqlFor(inBatch)).run(batch);
}

/** A failed analysis still leaves its trace in the run history (DESIGN §10), outside the rolled-back transaction. */
export function recordFailedRun(sqlite: Sqlite, startedAt: string, finishedAt: string, error: string, countsJson = '{}'): number {
  const r = sqlite
    .prepare(`INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json, error) VALUES ('analyze', NULL, ?, ?, 'failed', ?, ?)`)
    .run(startedAt, finishedAt, countsJson, error);
  return Number(r.lastInsertRowid);
}
