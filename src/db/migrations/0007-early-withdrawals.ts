import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * A refund can be read before the completed version it undoes (pages of a feed in any order,
 * a late re-export). It is remembered here, and a completed version that is not newer arrives
 * already withdrawn: an order never flickers into the totals. Internal to ingest; not public.
 */
const statements = [
  `CREATE TABLE early_withdrawals (order_no TEXT PRIMARY KEY, status TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
