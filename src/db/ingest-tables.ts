/**
 * The tables the ingest keeps for itself (DESIGN §3): what it archived, where each source
 * resumes and which files it read. None is public: no page reads them (except the archived body
 * of an order's version) and the public copy leaves them out. Part of the one schema: Database
 * in schema.ts lists them.
 */

export interface RawRecordsTable {
  source: string;
  kind: string;
  key: string;
  hash: string;
  body: string;
  first_seen_run: number | null; // extra
}

/** Where each source stopped: the `updated_since` to ask for next time (extra, not public). */
export interface SourceStateTable {
  source: string;
  kind: string;
  updated_since: string;
}

/** File contents a committed ingest run read whole (src/ingest/core/file-ledger.ts). */
export interface SourceFilesTable {
  /** The adapter that read them: the source id's prefix ('feed'). */
  adapter: string;
  sha256: string;
  /** The ingest code that read them (ingestCodeHash). */
  code: string;
  bytes: number;
  /** Where they were last read: the file's name and the source's id. */
  name: string;
  source: string;
  run_id: number;
}
