import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/** The stable code of each reject reason (src/domain/reject-code.ts); earlier rejects read 'other'. */
const statements = [`ALTER TABLE rejects ADD COLUMN code TEXT NOT NULL DEFAULT 'other'`];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
