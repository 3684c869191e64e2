import path from 'node:path';
import { openWriter } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { toShanghaiIso } from '../../domain/time.ts';
import { readCategories } from './categories.ts';
import { emptySourceCounts, totalOf, type SourceCounts } from '../load/counts.ts';
import { createLoader } from '../load/loader.ts';
import { prepareStatements } from '../load/statements.ts';
import { openFileLedger, type FileLedgerOptions } from './file-ledger.ts';
import { writeRunLog } from './run-log.ts';
import type { Source } from './source.ts';

export interface IngestOptions {
  dbPath: string;
  sources: Source[];
  /** A source with more than this share of its records rejected fails the run (DESIGN §3). */
  maxRejectShare?: number;
  categoriesFile?: string;
  log?: (line: string) => void;
  /** Injected clock for deterministic tests. */
  now?: () => number;
  /**
   * Record the files each source reads (source_files) and, with skipUnchanged, leave out those an
   * earlier run read as they are now (file-ledger.ts). Without it every file is read, unrecorded.
   */
  files?: FileLedgerOptions;
}

export interface SourceReport {
  source: string;
  runId: number;
  counts: SourceCounts;
  firstRejects: Array<{ record_key: string; field: string; reason: string }>;
}

export interface IngestReport {
  status: 'ok' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt: string;
  sources: SourceReport[];
  logFile?: string;
}

const PROGRESS_EVERY_MS = 2000;

/**
 * Pulls every source into the database in ONE transaction: either all sources load and the
 * run commits, or nothing is written (a broken source, too many rejects, any error). Each
 * source gets its own ingest_runs row with counts per kind, and its rejects point at it.
 */
export async function runIngest(opts: IngestOptions): Promise<IngestReport> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const maxShare = opts.maxRejectShare ?? 0.1;
  const startedAt = toShanghaiIso(now());
  const reports: SourceReport[] = [];
  const { sqlite, db } = openWriter(opts.dbPath);
  try {
    await migrateToLatest(db);
    const st = prepareStatements(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      for (const c of readCategories(opts.categoriesFile ?? path.resolve('data/categories.json'))) {
        st.upsertCategory.run(c.code, c.name, c.parent_code);
      }
      const knownCategories = new Set(st.categoryCodes.all() as string[]);
      const insertRun = sqlite.prepare(
        `INSERT INTO ingest_runs (stage, source, started_at, status, counts_json) VALUES ('ingest', ?, ?, 'running', '{}')`,
      );
      const finishRun = sqlite.prepare(`UPDATE ingest_runs SET finished_at = ?, status = 'ok', counts_json = ? WHERE id = ?`);
      const saveState = sqlite.prepare(
        `INSERT INTO source_state (source, kind, updated_since) VALUES (?, ?, ?)
         ON CONFLICT (source, kind) DO UPDATE SET updated_since = excluded.updated_since`,
      );
      const firstRejects = sqlite.prepare(`SELECT record_key, field, reason FROM rejects WHERE run_id = ? ORDER BY id LIMIT 20`);

      // Whether any record was read yet in this run: files may be left unparsed only before (FileLedger).
      let readAny = false;
      for (const source of opts.sources) {
        const runId = Number(insertRun.run(source.id, toShanghaiIso(now())).lastInsertRowid);
        const counts = emptySourceCounts();
        const load = createLoader(st, { runId, sourceId: source.id, knownCategories, counts });
        let lastProgress = now();
        const ledger = opts.files ? openFileLedger(sqlite, source.id, runId, counts, opts.files, () => readAny) : undefined;
        for await (const item of source.items(ledger)) {
          load(item);
          readAny = true;
          if (now() - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = now();
            log(`${source.id}: ${totalOf(counts, 'read').toLocaleString('en')} records read, ${totalOf(counts, 'rejected')} rejected …`);
          }
        }
        const read = totalOf(counts, 'read');
        const rejected = totalOf(counts, 'rejected');
        if (read > 0 && rejected / read > maxShare) {
          throw new Error(
            `${source.id}: ${rejected} of ${read} records rejected (${((100 * rejected) / read).toFixed(1)} %), ` +
              `more than the allowed ${(100 * maxShare).toFixed(1)} %; nothing was saved. First reasons: ` +
              (firstRejects.all(runId) as { record_key: string; reason: string }[]).slice(0, 3).map((r) => `${r.record_key}: ${r.reason}`).join('; '),
          );
        }
        for (const s of source.stateToSave?.() ?? []) saveState.run(source.id, s.kind, s.updated_since);
        if (source.isSample) sqlite.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('sample', '1')`).run();
        finishRun.run(toShanghaiIso(now()), JSON.stringify(counts), runId);
        reports.push({ source: source.id, runId, counts, firstRejects: firstRejects.all(runId) as SourceReport['firstRejects'] });
      }
      sqlite.exec('COMMIT');
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw e;
    }
    return { status: 'ok', startedAt, finishedAt: toShanghaiIso(now()), sources: reports };
  } catch (e) {
    const report: IngestReport = {
      status: 'failed',
      error: e instanceof Error ? e.message : String(e),
      startedAt,
      finishedAt: toShanghaiIso(now()),
      sources: reports,
    };
    report.logFile = writeRunLog(opts.dbPath, `ingest-${startedAt.replace(/[:+]/g, '')}-failed`, report);
    return report;
  } finally {
    await db.destroy();
  }
}
