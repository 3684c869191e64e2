import BetterSqlite3 from 'better-sqlite3';

/**
 * The nightly run's own rows in `ingest_runs` (ingest and analyze write theirs): one for the
 * build, one for the check and one for the whole run. They go into the staging database just
 * before it is published, so the published database carries its complete history; a failed
 * run leaves the live database untouched and is reported in a file instead (run-log.ts).
 */
export interface StageRow {
  stage: 'build' | 'check' | 'nightly';
  started_at: string;
  finished_at: string;
  counts: Record<string, unknown>;
}

export function recordStages(stagingPath: string, rows: StageRow[], source: string): number[] {
  const db = new BetterSqlite3(stagingPath, { fileMustExist: true });
  try {
    const insert = db.prepare(
      `INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json, error) VALUES (?, ?, ?, ?, 'ok', ?, NULL)`,
    );
    return db.transaction(() =>
      rows.map((r) => Number(insert.run(r.stage, source, r.started_at, r.finished_at, JSON.stringify(r.counts)).lastInsertRowid)),
    )();
  } finally {
    db.close();
  }
}

/** Flags as comparable keys, to tell which flags a run raised that the published database did not have. */
export function flagKeys(dbPath: string): Set<string> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    return new Set();
  }
  try {
    const hasFlags = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flags'`).get();
    if (!hasFlags) return new Set();
    const rows = db.prepare(`SELECT rule, subject_id, coalesce(order_no, '') AS order_no FROM flags`).all() as {
      rule: string; subject_id: string; order_no: string;
    }[];
    return new Set(rows.map((r) => `${r.rule}\u0000${r.subject_id}\u0000${r.order_no}`));
  } finally {
    db.close();
  }
}

/** New flags per rule: keys in `after` that are not in `before`. */
export function newFlagsByRule(before: Set<string>, after: Set<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of after) {
    if (before.has(k)) continue;
    const rule = k.slice(0, k.indexOf('\u0000'));
    out[rule] = (out[rule] ?? 0) + 1;
  }
  return out;
}
