import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * Aggregates computed once by analyze so no page sums the whole database (DESIGN §1).
 * One row per (dimension, key, period): dimension is 'all', 'agency', 'supplier', 'category',
 * 'product' or 'month'; period is 'all', a year 'YYYY', or for dimension 'month' the month
 * 'YYYY-MM' (key then 'all'). CNY orders only; other currencies are never summed into these.
 */
const statements = [
  `CREATE TABLE totals (
     dimension TEXT NOT NULL, key TEXT NOT NULL, period TEXT NOT NULL,
     orders INTEGER NOT NULL, lines INTEGER NOT NULL, spend_fen INTEGER NOT NULL,
     lines_with_ref INTEGER NOT NULL, lines_without_ref INTEGER NOT NULL,
     spend_with_ref_fen INTEGER NOT NULL, ref_cost_fen INTEGER NOT NULL,
     overpaid_fen INTEGER NOT NULL, saved_fen INTEGER NOT NULL, net_gap_fen INTEGER NOT NULL,
     flags INTEGER NOT NULL,
     PRIMARY KEY (dimension, key, period)) STRICT, WITHOUT ROWID`,
  `CREATE TABLE agency_cap_use (
     agency_id TEXT NOT NULL, year TEXT NOT NULL, spend_fen INTEGER NOT NULL, cap_fen INTEGER NOT NULL,
     crossing_order_no TEXT,
     PRIMARY KEY (agency_id, year)) STRICT, WITHOUT ROWID`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
