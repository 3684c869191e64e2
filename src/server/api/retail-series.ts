import type { ApiDb } from './db.ts';

export interface RetailPoint {
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

/**
 * Retail observations of the product a listing was matched with. The database keeps the match
 * as `matches.product_key` per sku but no key per observation, so the observations are found
 * through the evidence analyze recorded: every observation that served as a reference for one of
 * this sku's purchase lines names a (brand, model) of the retail product, and every observation
 * of that same (brand, model) belongs to the series. No match (or no reference ever found) gives
 * an empty series rather than a guess.
 */
export async function retailObservationsFor(d: ApiDb, sku: string, productKey: string | null): Promise<RetailPoint[]> {
  if (productKey === null) return [];
  // Two indexed steps rather than one correlated query over every observation.
  const pairs = await d.db
    .selectFrom('line_gaps as g')
    .innerJoin('order_lines as l', (j) => j.onRef('l.order_no', '=', 'g.order_no').onRef('l.line_no', '=', 'g.line_no'))
    .innerJoin('retail_observations as ref', 'ref.id', 'g.ref_observation_id')
    .select(['ref.brand', 'ref.model'])
    .distinct()
    .where('l.sku', '=', sku)
    .limit(50)
    .execute();
  if (pairs.length === 0) return [];
  return d.db
    .selectFrom('retail_observations as r')
    .select(['r.id', 'r.retailer', 'r.observed_on', 'r.price_fen', 'r.currency', 'r.unit', 'r.self_operated', 'r.price_kind', 'r.url'])
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('r.brand', '=', p.brand), eb('r.model', '=', p.model)]))))
    .orderBy('r.retailer')
    .orderBy('r.observed_on')
    .limit(5000)
    .execute();
}
