import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * Every name an agency or supplier has been given by the sources (DESIGN §3): a name change,
 * or one mistyped or hostile order, can never silently rename a public body — its page shows
 * the earlier names as 曾用名. Existing names are carried over as seen before any run (run 0).
 */
const statements = [
  `CREATE TABLE party_names (
     kind TEXT NOT NULL CHECK (kind IN ('agency', 'supplier')), id TEXT NOT NULL, name TEXT NOT NULL,
     first_run INTEGER NOT NULL, PRIMARY KEY (kind, id, name)) STRICT, WITHOUT ROWID`,
  `INSERT INTO party_names (kind, id, name, first_run) SELECT 'agency', id, name, 0 FROM agencies`,
  `INSERT INTO party_names (kind, id, name, first_run) SELECT 'supplier', id, name, 0 FROM suppliers`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
