import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The gap of each purchase as a whole (src/domain/order-gap.ts), written by analyze so that the
 * order list, the order page, the downloads and the API read one figure instead of each summing
 * the lines in its own words (they had drifted: the API sorted by the largest line gap, the
 * site by the net ratio).
 */
const statements = [
  `CREATE TABLE order_gaps (
     order_no TEXT PRIMARY KEY, lines INTEGER NOT NULL, lines_with_ref INTEGER NOT NULL,
     ref_cost_fen INTEGER, net_gap_fen INTEGER, overpaid_fen INTEGER, saved_fen INTEGER, gap_bp INTEGER) STRICT`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
