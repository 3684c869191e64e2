import { readReviews } from './reviews.ts';
import { orderGap, type OrderGap, type OrderGapLine } from '../domain/order-gap.ts';
import fs from 'node:fs';
import path from 'node:path';
import { openWriter } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadBrandDictionary } from '../domain/brands.ts';
import { runFlagRules } from '../domain/flags/index.ts';
import { parseRules, RULE_IDS, type RuleId, type RulesConfig } from '../domain/flags/rules.ts';
import type { FlagGap, FlagInput } from '../domain/flags/types.ts';
import { manualMatchMap, parseManualMatches, type ManualMatch, type MatchMethod } from '../domain/matching.ts';
import { toShanghaiIso } from '../domain/time.ts';
import { unitPriceIn } from '../domain/units.ts';
import { aggregate } from './aggregate.ts';
import { gapsForLines, type LineGapRow } from './gaps.ts';
import { loadAll, type AnalyzeLine, type AnalyzeOrder } from './load.ts';
import { matchAll } from './match.ts';
import { writeAnalysis, recordFailedRun } from './write.ts';

export interface AnalyzeOptions {
  dbPath: string;
  /** Folder of brands.json, rules.json and the optional matches.csv; default data/ under the working directory. */
  dataDir?: string;
}

export interface AnalyzeReport {
  run_id: number;
  rule_version: string;
  listings: number;
  matches_by_method: Record<MatchMethod, number>;
  /** Orders that count (completed); withdrawn ones are counted apart. */
  orders: number;
  withdrawn_orders: number;
  /** Orders in another currency: kept out of flags and totals. */
  non_cny_orders: number;
  lines: number;
  lines_with_ref: number;
  lines_without_ref: number;
  no_ref_reasons: Record<string, number>;
  /** Lines whose order_no has no order row (skipped). */
  orphan_lines: number;
  flags_by_rule: Record<RuleId, number>;
  totals_rows: number;
  cap_rows: number;
  duration_ms: number;
  /** Where the time went: load, match, gaps, flags, aggregate, write (ms). */
  phases_ms: Record<string, number>;
}

/**
 * `npm run analyze`: read the database, match, gap, flag and aggregate in memory, then
 * replace the derived tables in one transaction (see write.ts). Rerunning on the same data
 * yields identical tables. On failure nothing derived changes and a 'failed' run row is kept.
 */
export async function runAnalyze(opts: AnalyzeOptions): Promise<AnalyzeReport> {
  const t0 = performance.now();
  const startedAt = toShanghaiIso(Date.now());
  const dataDir = path.resolve(process.cwd(), opts.dataDir ?? 'data');
  // Ingest creates the database; analysing a mistyped path would create an empty one and
  // report success on nothing.
  if (!fs.existsSync(opts.dbPath)) throw new Error(`no database at ${opts.dbPath}: run \`npm run ingest\` first`);
  const { sqlite, db } = openWriter(opts.dbPath);
  try {
    try {
      await migrateToLatest(db);
      const rules = readRules(dataDir);
      const dict = loadBrandDictionary(readJson(path.join(dataDir, 'brands.json')));
      const manual = manualMatchMap(readManual(dataDir));
      const phases: Record<string, number> = {};
      let lap = performance.now();
      const phase = (name: string) => {
        const now = performance.now();
        phases[name] = Math.round(now - lap);
        lap = now;
      };
      const loaded = loadAll(sqlite);
      phase('load');

      const orders = new Map<string, AnalyzeOrder>(loaded.orders.map((o) => [o.order_no, o]));
      const matched = matchAll(dict, loaded.listings, loaded.observations, manual);
      phase('match');
      const { rows: gaps, byIndex } = gapsForLines(loaded.lines, orders, matched, rules.gap.window_days, unitPriceIn);
      phase('gaps');
      const categoryBySku = new Map(loaded.listings.map((l) => [l.sku, l.category_code]));

      // Only what was really bought counts (DESIGN §3): a refunded, cancelled or returned order
      // keeps its line gaps (its page shows them) but raises and helps raise no flag and enters
      // no total or cap use. Flags and totals are rebuilt from scratch every run, so a group
      // that falls under a threshold without it is no longer flagged.
      const counted = loaded.orders.filter((o) => o.status === 'completed');
      const countedNos = new Set(counted.map((o) => o.order_no));
      const isCounted = (r: { order_no: string }) => countedNos.has(r.order_no);
      const flags = runFlagRules(
        flagInput(counted, loaded.lines.filter(isCounted), gaps.filter(isCounted), loaded.listingPrices),
        rules,
      );
      phase('flags');

      const cnyOrders = counted.filter((o) => o.currency === 'CNY');
      const { totals, capUse } = aggregate({
        orders: cnyOrders,
        lines: loaded.lines,
        spanOf: orderSpans(loaded.lines),
        gapAt: byIndex,
        categoryBySku,
        flags,
        capFen: rules.rules['annual-over-cap'].cap_fen,
      });

      phase('aggregate');
      const report: Omit<AnalyzeReport, 'run_id' | 'duration_ms' | 'phases_ms'> = {
        rule_version: rules.version,
        listings: loaded.listings.length,
        matches_by_method: countBy(['gtin', 'manual', 'model', 'spec', 'none'] as MatchMethod[], matched.results.map((m) => m.method)),
        orders: counted.length,
        withdrawn_orders: loaded.orders.length - counted.length,
        non_cny_orders: counted.length - cnyOrders.length,
        lines: gaps.length,
        lines_with_ref: gaps.filter((g) => g.ref_price_fen !== null).length,
        lines_without_ref: gaps.filter((g) => g.ref_price_fen === null).length,
        no_ref_reasons: countBy([], gaps.flatMap((g) => (g.no_ref_reason === null ? [] : [g.no_ref_reason]))),
        orphan_lines: loaded.lines.length - gaps.length,
        flags_by_rule: countBy([...RULE_IDS], flags.map((f) => f.rule)),
        totals_rows: totals.length,
        cap_rows: capUse.length,
      };
      let durationMs = 0;
      const runId = writeAnalysis(sqlite, { matches: matched.results, retailKeys: matched.retailKeys, gaps, orderGaps: orderGapsOf(loaded.orders, loaded.lines, byIndex), flags, totals, capUse, rules, reviews: readReviews(dataDir) }, () => {
        phase('write');
        durationMs = Math.round(performance.now() - t0);
        return { started_at: startedAt, finished_at: toShanghaiIso(Date.now()), counts_json: JSON.stringify({ ...report, duration_ms: durationMs, phases_ms: phases }) };
      });
      return { run_id: runId, ...report, duration_ms: durationMs, phases_ms: phases };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      try {
        const durationMs = Math.round(performance.now() - t0);
        recordFailedRun(sqlite, startedAt, toShanghaiIso(Date.now()), message, JSON.stringify({ duration_ms: durationMs }));
      } catch {
        // The database itself is unusable (e.g. not migrated, read-only): the original error is what matters.
      }
      throw err;
    }
  } finally {
    await db.destroy();
  }
}

/**
 * The rules' view of the loaded rows. AnalyzeLine and AnalyzeOrder already carry what FlagLine and
 * FlagOrder need (category_code, day), so 200k lines are passed as they are, not copied.
 */
function flagInput(
  orders: readonly AnalyzeOrder[],
  lines: readonly AnalyzeLine[],
  gaps: readonly LineGapRow[],
  listingPrices: FlagInput['listingPrices'],
): FlagInput {
  const withRef = gaps.filter((g): g is LineGapRow & FlagGap => g.ref_price_fen !== null && g.gap_fen !== null && g.gap_bp !== null);
  return { orders, lines, gaps: withRef, listingPrices };
}

/** Where each order's lines are: they arrive sorted by order_no, so an order's lines are one run. */
function orderSpans(lines: readonly AnalyzeLine[]): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  let first = 0;
  for (let at = 1; at <= lines.length; at++) {
    const orderNo = (lines[first] as AnalyzeLine).order_no;
    if (at < lines.length && (lines[at] as AnalyzeLine).order_no === orderNo) continue;
    spans.set(orderNo, [first, at]);
    first = at;
  }
  return spans;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readRules(dataDir: string): RulesConfig {
  const r = parseRules(readJson(path.join(dataDir, 'rules.json')));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** data/matches.csv is optional: without it there are simply no manual matches. */
function readManual(dataDir: string): ManualMatch[] {
  const file = path.join(dataDir, 'matches.csv');
  if (!fs.existsSync(file)) return [];
  return parseManualMatches(fs.readFileSync(file, 'utf8'));
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/**
 * Every order's gap as a whole (withdrawn orders too: their pages still show what was bought
 * at what gap; only totals and flags leave them out). Non-CNY orders have no references.
 */
function orderGapsOf(orders: readonly AnalyzeOrder[], lines: readonly AnalyzeLine[], gapAt: ReadonlyArray<LineGapRow | undefined>): [string, OrderGap][] {
  const spans = orderSpans(lines);
  return orders.map((o) => {
    const [first, end] = spans.get(o.order_no) ?? [0, 0];
    const ls: OrderGapLine[] = [];
    for (let at = first; at < end; at++) {
      const g = gapAt[at];
      ls.push({ quantity: (lines[at] as AnalyzeLine).quantity, ref_price_fen: g?.ref_price_fen ?? null, gap_fen: g?.gap_fen ?? null });
    }
    return [o.order_no, orderGap(ls)];
  });
}
