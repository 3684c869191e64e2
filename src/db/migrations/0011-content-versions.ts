import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The version of each page's data (DESIGN §10): the hash of everything an order or product page
 * shows, and when that hash last changed. The nightly writes it after analyze; the build reads it
 * to say when a page's data last changed (the same database always gives the same page) and to
 * re-render only the pages whose hash moved.
 */
const statements = [
  `CREATE TABLE content_versions (
     kind TEXT NOT NULL CHECK (kind IN ('order', 'product')), id TEXT NOT NULL,
     hash TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT, WITHOUT ROWID`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
