import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The product key analyze gave each retail observation (DESIGN §5), so a product page and
 * `/api/products/{sku}/prices` find every retailer's prices of a matched listing with indexed
 * lookups: matches.product_key → this table → retail_observations. A table of its own rather
 * than a column on retail_observations: ingest owns the observations and analyze owns what is
 * derived from them, replacing it whole in one transaction. Observations without a key (no
 * brand or model recognised) have no row.
 *
 * Keyed by (product_key, observation_id) WITHOUT ROWID: a product's observations are one range
 * of the table itself, and analyze writes the rows in that order — appending to one B-tree,
 * about five times cheaper at 100k rows than a rowid table plus an index filled in random order.
 * One key per observation is analyze's to keep (it writes each observation once).
 */
const statements = [
  `CREATE TABLE retail_product_keys (product_key TEXT NOT NULL, observation_id INTEGER NOT NULL,
     PRIMARY KEY (product_key, observation_id)) STRICT, WITHOUT ROWID`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
