import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The order lifecycle (DESIGN §3): only what was really bought counts. `status` is
 * 'completed' or the way a later version withdrew the purchase ('refunded', 'cancelled',
 * 'returned'), and `withdrawn_at` when that version was issued. A withdrawn order keeps its
 * row and its page (links never break) but analyze and every total leave it out.
 */
const statements = [
  `ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'completed'
     CHECK (status IN ('completed', 'refunded', 'cancelled', 'returned'))`,
  `ALTER TABLE orders ADD COLUMN withdrawn_at TEXT`,
  `CREATE INDEX orders_status ON orders (status) WHERE status <> 'completed'`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
