import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The review trail (DESIGN §7): each flag's stable key, and what auditors concluded about it,
 * read by analyze from data/reviews.csv (kept in the repository, like data/matches.csv).
 */
const statements = [
  `ALTER TABLE flags ADD COLUMN key TEXT`,
  `CREATE TABLE flag_reviews (
     flag_key TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('confirmed', 'explained', 'dismissed')),
     note TEXT NOT NULL, source_url TEXT, reviewed_on TEXT NOT NULL) STRICT`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
