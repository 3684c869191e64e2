import { sql, type Kysely } from 'kysely';
import { transactional } from './transactional.ts';

/**
 * The product key analyze gave each retail observation (DESIGN §5), so a product page and
 * `/api/products/{sku}/prices` find every retailer's prices of a matched listing with indexed
 * lookups: matches.product_key → this table → retail_observations. A table of its own rather
 * than a column on retail_observations: ingest owns the observations and analyze owns what is
 * derived from them, replacing it whole in one transaction. Observations without a key (no
 * brand or model recognised) have no row.
 */
const statements = [
  `CREATE TABLE retail_product_keys (observation_id INTEGER PRIMARY KEY, product_key TEXT NOT NULL) STRICT`,
  // The rowid (observation_id) rides along in the index, so a key's observations come from it alone.
  `CREATE INDEX retail_product_keys_key ON retail_product_keys(product_key)`,
];

export default transactional({
  async up(db: Kysely<any>) {
    for (const s of statements) await sql.raw(s).execute(db);
  },
});
