import type { Archived } from '../load/hash.ts';
import type { FieldIssue, RecordByKind, RecordKind } from './records.ts';

/**
 * What every source adapter yields, one item per input record, in input order. Adapters do
 * their own parsing and validation and drop personal data before yielding; the loader only
 * stores. A record that fails validation is yielded as a rejection, never thrown or skipped.
 */
export type SourceItem = {
  [K in RecordKind]:
    | {
        kind: K;
        ok: true;
        key: string;
        record: RecordByKind[K];
        /** The redacted input record as received, archived in raw_records. */
        raw: unknown;
        /**
         * raw already in its archived form, when the adapter computed it off the main thread
         * (then raw may be left undefined so it is not copied between threads).
         */
        archived?: Archived;
        /** Spans of personal data scrubbed from free text (counted in the run report). */
        redactions?: number;
        /** Names of input fields outside the entity's allow-list, left behind (counted, never stored). */
        dropped?: string[];
        /** Free text had invalid or invisible characters removed (counted in the run report). */
        cleaned?: boolean;
      }
    | {
        kind: K;
        ok: false;
        /** The record's own key, or "file#position" when the key itself is missing. */
        key: string;
        issues: FieldIssue[];
        dropped?: string[];
      }
    | {
        /** A valid record the product does not keep (e.g. an order that is not completed). */
        kind: K;
        ok: 'skipped';
        key: string;
        reason: string;
        dropped?: string[];
      };
}[RecordKind];

export interface Source {
  /** Stable id stored in orders.source / rejects.source, e.g. "feed:data/sample". */
  id: string;
  /** True for the bundled sample (its folder holds dataset.json with "sample": true). */
  isSample?: boolean;
  /**
   * Items in input order. Throwing means the source is broken and fails the whole run. A source
   * made of files may consult `ledger` to leave out a file an earlier run already read whole.
   */
  items(ledger?: FileLedger): AsyncIterable<SourceItem>;
  /**
   * Called after the run committed, to persist resumable state (e.g. updated_since).
   * Returned pairs are written to source_state in the same transaction as the data.
   */
  stateToSave?(): Array<{ kind: string; updated_since: string }>;
}

/** A file's content, as the run that read it saw it. */
export interface FileFingerprint {
  /** The file's name inside its source (the source id says which folder). */
  name: string;
  sha256: string;
  bytes: number;
}

/**
 * The file contents that earlier runs read whole (file-ledger.ts). A file whose bytes and ingest
 * code are those of a committed earlier read yields the same records again, each 'unchanged' or
 * already rejected: such a file may be left unparsed, and is counted as such. Only a run's first
 * files may be: records apply in feed order (a tie of updated_at, or a party's name, goes to the
 * later record), so no file may be left out once a record before it in the run was read.
 */
export interface FileLedger {
  /**
   * The fingerprint of a file of `bytes` bytes when it may be left unparsed (skipping is allowed,
   * nothing has been read in this run yet, and a committed run of this adapter read the same
   * bytes under the same code), else null. `fingerprint` (reading and hashing the file; null if
   * it cannot be read) is called only when a read of that size is on record. Once it answers null, the source reads
   * that file and every one after it.
   */
  unchanged(bytes: number, fingerprint: () => FileFingerprint | null): FileFingerprint | null;
  /** The file was left unparsed (counted in the run report). */
  skipped(file: FileFingerprint): void;
  /** The file was read whole, these bytes: recorded in the run's transaction. */
  read(file: FileFingerprint): void;
}
