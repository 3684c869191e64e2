import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The file contents that committed ingest runs read whole, by adapter, hash and the ingest code
 * that read them (src/ingest/core/file-ledger.ts): a night leaves out a file whose bytes were read
 * before. Working data only; never in the public copy.
 */
export default transactional({
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE source_files (
      adapter TEXT NOT NULL, sha256 TEXT NOT NULL, code TEXT NOT NULL, bytes INTEGER NOT NULL,
      name TEXT NOT NULL, source TEXT NOT NULL, run_id INTEGER NOT NULL,
      PRIMARY KEY (adapter, sha256, code)) STRICT, WITHOUT ROWID`.execute(db);
  },
});
