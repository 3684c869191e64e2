import type BetterSqlite3 from 'better-sqlite3';
import type { SourceCounts } from '../load/counts.ts';
import type { FileLedger } from './source.ts';

export interface FileLedgerOptions {
  /** The ingest code the files are read with (ingestCodeHash): a read under other code is not reused. */
  code: string;
  /** Leave out files an earlier run read whole (false: read every file, still recording each). */
  skipUnchanged: boolean;
}

/**
 * The ledger of one source's files in one run, kept in source_files. Why a file read before may
 * be left out: the loader is idempotent, so the same bytes read again by the same adapter under
 * the same code give the same records, each 'unchanged' (or rejected again, as it was in the run
 * that read it); re-reading an archive that only grows was most of a quiet night's ingest. The
 * bytes are the key, not the folder: a night's export in a new folder holds yesterday's pages
 * as they were. Only the first files of a run are left out (FileLedger): with every record after
 * the first one read applied in feed order, as a full read applies them, the result is the full
 * read's, except where a record left the feed since the night before (a party's name or a tie of
 * updated_at that it had won keeps its value, where a full read would fall back to an earlier
 * record's). Rows are written in the run's own transaction, so a failed run leaves no file
 * marked read; rows of other code are dropped, as they can never match again.
 */
export function openFileLedger(
  sqlite: BetterSqlite3.Database, source: string, runId: number, counts: SourceCounts, opts: FileLedgerOptions, readAny: () => boolean,
): FileLedger {
  const adapter = source.slice(0, Math.max(0, source.indexOf(':'))) || source;
  sqlite.prepare(`DELETE FROM source_files WHERE code <> ?`).run(opts.code);
  const rows = sqlite.prepare(`SELECT sha256, bytes FROM source_files WHERE adapter = ? AND code = ?`).all(adapter, opts.code) as { sha256: string; bytes: number }[];
  const known = new Map(rows.map((r) => [r.sha256, r.bytes]));
  const sizes = new Set(rows.map((r) => r.bytes));
  const record = sqlite.prepare(
    `INSERT INTO source_files (adapter, sha256, code, bytes, name, source, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (adapter, sha256, code) DO UPDATE SET name = excluded.name, source = excluded.source, run_id = excluded.run_id`,
  );
  const files = () => (counts.files ??= { read: 0, unchanged: 0, unchanged_bytes: 0 });
  return {
    unchanged: (bytes, fingerprint) => {
      if (!opts.skipUnchanged || readAny() || !sizes.has(bytes)) return null;
      const f = fingerprint();
      return f !== null && known.get(f.sha256) === f.bytes ? f : null;
    },
    skipped: (f) => {
      files().unchanged++;
      files().unchanged_bytes += f.bytes;
    },
    read: (f) => {
      files().read++;
      record.run(adapter, f.sha256, opts.code, f.bytes, f.name, source, runId);
    },
  };
}
