import { flagKey } from '../domain/flags/flag-key.ts';
import type { FlagReview } from './reviews.ts';
import type { OrderGap } from '../domain/order-gap.ts';
import type { RulesConfig } from '../domain/flags/rules.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { Sqlite } from '../db/connection.ts';
import type { Flag } from '../domain/flags/types.ts';
import type { MatchResult } from '../domain/matching.ts';
import type { CapRow, TotalsRow } from './aggregate.ts';
import type { LineGapRow } from './gaps.ts';

export interface AnalysisOutput {
  matches: readonly MatchResult[];
  /** The rows of retail_product_keys, in primary-key order: each product key with its observation ids. */
  retailKeys: readonly (readonly [string, readonly number[]])[];
  gaps: readonly LineGapRow[];
  flags: readonly Flag[];
  totals: readonly TotalsRow[];
  capUse: readonly CapRow[];
  /** The gap of each purchase as a whole, by order number (domain/order-gap.ts). */
  orderGaps: readonly (readonly [string, OrderGap])[];
  /** What auditors concluded about flags (data/reviews.csv). */
  reviews: readonly FlagReview[];
  /** The thresholds this analysis used, recorded so that pages explain the figures they show. */
  rules: RulesConfig;
}

export interface AnalyzeRunRow {
  started_at: string;
  finished_at: string;
  counts_json: string;
}

const DERIVED_TABLES = ['matches', 'retail_product_keys', 'line_gaps', 'order_gaps', 'flags', 'flag_reviews', 'totals', 'agency_cap_use'] as const;

/**
 * Replace every derived table and record the run, all in one transaction: readers see the old
 * analysis or the new one, never a mix, and a failure anywhere (a constraint, a full disk)
 * rolls everything back. Rows are written through prepared statements in a fixed order, so
 * a rerun on the same data writes byte-identical tables (flag ids restart at 1 on an empty table).
 */
export function writeAnalysis(sqlite: Sqlite, out: AnalysisOutput, run: () => AnalyzeRunRow): number {
  const insRun = sqlite.prepare(
    `INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json, error) VALUES ('analyze', NULL, ?, ?, 'ok', ?, NULL)`,
  );
  const tx = sqlite.transaction((): number => {
    for (const t of DERIVED_TABLES) sqlite.prepare(`DELETE FROM ${t}`).run();
    sqlite.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('analysis_rules', ?)`).run(JSON.stringify(out.rules));
    bulkInsert(sqlite, 'matches', ['sku', 'product_key', 'method', 'confidence'], out.matches, (m, v, i) => {
      v[i] = m.sku; v[i + 1] = m.product_key; v[i + 2] = m.method; v[i + 3] = m.confidence;
    });
    // Flattened in primary-key order, so the WITHOUT ROWID table is filled by appending.
    const keyRows: [string, number][] = [];
    for (const [key, ids] of out.retailKeys) for (const id of ids) keyRows.push([key, id]);
    bulkInsert(sqlite, 'retail_product_keys', ['product_key', 'observation_id'], keyRows, (k, v, i) => {
      v[i] = k[0]; v[i + 1] = k[1];
    });
    bulkInsert(
      sqlite,
      'line_gaps',
      ['order_no', 'line_no', 'ref_price_fen', 'ref_retailer', 'ref_observed_on', 'ref_url', 'gap_fen', 'gap_bp', 'method', 'ref_observation_id', 'ref_median_fen', 'ref_count', 'no_ref_reason'],
      out.gaps,
      (g, v, i) => {
        v[i] = g.order_no; v[i + 1] = g.line_no; v[i + 2] = g.ref_price_fen; v[i + 3] = g.ref_retailer; v[i + 4] = g.ref_observed_on;
        v[i + 5] = g.ref_url; v[i + 6] = g.gap_fen; v[i + 7] = g.gap_bp; v[i + 8] = g.method; v[i + 9] = g.ref_observation_id;
        v[i + 10] = g.ref_median_fen; v[i + 11] = g.ref_count; v[i + 12] = g.no_ref_reason;
      },
    );
    bulkInsert(
      sqlite,
      'order_gaps',
      ['order_no', 'lines', 'lines_with_ref', 'ref_cost_fen', 'net_gap_fen', 'overpaid_fen', 'saved_fen', 'gap_bp'],
      out.orderGaps,
      ([no, g], v, i) => {
        v[i] = no; v[i + 1] = g.lines; v[i + 2] = g.lines_with_ref; v[i + 3] = g.ref_cost_fen; v[i + 4] = g.net_gap_fen;
        v[i + 5] = g.overpaid_fen; v[i + 6] = g.saved_fen; v[i + 7] = g.gap_bp;
      },
    );
    bulkInsert(sqlite, 'flags', ['rule', 'subject_type', 'subject_id', 'order_no', 'evidence_json', 'rule_version', 'key'], out.flags, (f, v, i) => {
      v[i] = f.rule; v[i + 1] = f.subject_type; v[i + 2] = f.subject_id; v[i + 3] = f.order_no; v[i + 4] = JSON.stringify(f.evidence); v[i + 5] = f.rule_version;
      v[i + 6] = flagKey(f);
    });
    bulkInsert(sqlite, 'flag_reviews', ['flag_key', 'status', 'note', 'source_url', 'reviewed_on'], out.reviews, (r, v, i) => {
      v[i] = r.flag_key; v[i + 1] = r.status; v[i + 2] = r.note; v[i + 3] = r.source_url; v[i + 4] = r.reviewed_on;
    });
    bulkInsert(
      sqlite,
      'totals',
      ['dimension', 'key', 'period', 'orders', 'lines', 'spend_fen', 'lines_with_ref', 'lines_without_ref', 'spend_with_ref_fen', 'ref_cost_fen', 'overpaid_fen', 'saved_fen', 'net_gap_fen', 'flags'],
      out.totals,
      (t, v, i) => {
        v[i] = t.dimension; v[i + 1] = t.key; v[i + 2] = t.period; v[i + 3] = t.orders; v[i + 4] = t.lines; v[i + 5] = t.spend_fen;
        v[i + 6] = t.lines_with_ref; v[i + 7] = t.lines_without_ref; v[i + 8] = t.spend_with_ref_fen; v[i + 9] = t.ref_cost_fen;
        v[i + 10] = t.overpaid_fen; v[i + 11] = t.saved_fen; v[i + 12] = t.net_gap_fen; v[i + 13] = t.flags;
      },
    );
    bulkInsert(sqlite, 'agency_cap_use', ['agency_id', 'year', 'spend_fen', 'cap_fen', 'crossing_order_no'], out.capUse, (c, v, i) => {
      v[i] = c.agency_id; v[i + 1] = c.year; v[i + 2] = c.spend_fen; v[i + 3] = c.cap_fen; v[i + 4] = c.crossing_order_no;
    });
    const r = run();
    return Number(insRun.run(r.started_at, r.finished_at, r.counts_json).lastInsertRowid);
  });
  return tx();
}

/** A failed analysis still leaves its trace in the run history (DESIGN §10), outside the rolled-back transaction. */
export function recordFailedRun(sqlite: Sqlite, startedAt: string, finishedAt: string, error: string, countsJson = '{}'): number {
  const r = sqlite
    .prepare(`INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json, error) VALUES ('analyze', NULL, ?, ?, 'failed', ?, ?)`)
    .run(startedAt, finishedAt, countsJson, error);
  return Number(r.lastInsertRowid);
}
