import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * Agency and supplier pages get a data version too (DESIGN §10): content_versions' kind widens
 * to 'agency' and 'supplier'. SQLite cannot alter a CHECK, so the table is made anew and the
 * stored versions are copied over (their updated_at kept: no page's day moves).
 */
const statements = [
  `CREATE TABLE content_versions_new (
     kind TEXT NOT NULL CHECK (kind IN ('order', 'product', 'agency', 'supplier')), id TEXT NOT NULL,
     hash TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT, WITHOUT ROWID`,
  `INSERT INTO content_versions_new (kind, id, hash, updated_at) SELECT kind, id, hash, updated_at FROM content_versions`,
  `DROP TABLE content_versions`,
  `ALTER TABLE content_versions_new RENAME TO content_versions`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
