import { sql } from 'kysely';
import type { ApiDb } from './read-db.ts';

export interface ApiRetailPoint {
  id: number;
  retailer: string;
  observed_on: string;
  price_fen: number;
  currency: string;
  unit: string;
  self_operated: 0 | 1;
  price_kind: 'sale' | 'list';
  url: string;
}

// Bounds one response: a product observed daily at a handful of retailers stays well under it.
const MAX_POINTS = 5000;

/**
 * Retail observations of the product a listing was matched with: every observation analyze gave
 * that product key (retail_product_keys, indexed by key, then each observation by id), whether
 * or not it ever served as a reference. Sale prices only (a 划线价 is never a price anyone paid);
 * other currencies are kept with their currency, as the prices API documents. No match gives an
 * empty series rather than a guess.
 */
export async function retailObservationsFor(d: ApiDb, productKey: string | null): Promise<ApiRetailPoint[]> {
  if (productKey === null || !hasProductKeys(d)) return [];
  return d.db
    .selectFrom('retail_product_keys as k')
    .innerJoin('retail_observations as r', 'r.id', 'k.observation_id')
    .select(['r.id', 'r.retailer', 'r.observed_on', 'r.price_fen', 'r.currency', 'r.unit', 'r.self_operated', 'r.price_kind', 'r.url'])
    .where('k.product_key', '=', productKey)
    .where('r.price_kind', '=', 'sale')
    .orderBy('r.retailer')
    .orderBy('r.observed_on')
    .orderBy(sql`r.self_operated DESC`)
    .orderBy('r.price_fen')
    .orderBy('r.id')
    .limit(MAX_POINTS)
    .execute();
}

const checked = new WeakMap<ApiDb, boolean>();

/**
 * A database published before migration 0003 has no retail_product_keys until its next analyze:
 * serve the listing without retail series then, rather than a 500. Checked once per database version.
 */
function hasProductKeys(d: ApiDb): boolean {
  let has = checked.get(d);
  if (has === undefined) {
    has = d.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'retail_product_keys'`).get() !== undefined;
    checked.set(d, has);
  }
  return has;
}
