import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * A snapshot of a retail page as it was seen (DESIGN §3, retail observations): live shop pages
 * change and die, so evidence shows the archived copy beside the live link when the source
 * gives one.
 */
const statements = [`ALTER TABLE retail_observations ADD COLUMN archive_url TEXT`];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
