import { sql } from 'kysely';
import type { ApiDb } from './read-db.ts';
import { yuan } from './json-money.ts';
import { retailObservationsFor } from './retail-series.ts';

/**
 * GET /api/products/{sku}/prices: the platform's price history of one listing and the retail
 * prices of the product it was matched with, one series per retailer (the chart on the product
 * page, as data): sale prices only. Observations in another currency are included with their
 * currency but are never a reference for CNY purchases.
 */
export async function productPrices(d: ApiDb, sku: string) {
  const listing = await d.db
    .selectFrom('listings as li')
    .leftJoin('suppliers as s', 's.id', 'li.supplier_id')
    .leftJoin('matches as m', 'm.sku', 'li.sku')
    .select([
      'li.sku', 'li.brand', 'li.model', 'li.title', 'li.spec', 'li.unit', 'li.price_fen', 'li.status', 'li.category_code',
      'li.supplier_id', 's.name as supplier_name', 'li.updated_at', 'm.product_key', 'm.method', 'm.confidence',
    ])
    .where('li.sku', '=', sku)
    .executeTakeFirst();
  if (!listing) return undefined;

  const platform = await d.db.selectFrom('listing_prices').select(['day', 'price_fen']).where('sku', '=', sku).orderBy('day').execute();

  const observations = await retailObservationsFor(d, listing.product_key ?? null);
  const byRetailer = new Map<string, typeof observations>();
  for (const o of observations) {
    const series = byRetailer.get(o.retailer);
    if (series) series.push(o);
    else byRetailer.set(o.retailer, [o]);
  }

  return {
    sku: listing.sku,
    brand: listing.brand,
    model: listing.model,
    title: listing.title,
    spec: listing.spec,
    unit: listing.unit,
    category_code: listing.category_code,
    supplier: { id: listing.supplier_id, name: listing.supplier_name },
    status: listing.status,
    price_fen: listing.price_fen,
    price_yuan: yuan(listing.price_fen),
    updated_at: listing.updated_at,
    match: listing.method ? { product_key: listing.product_key, method: listing.method, confidence: listing.confidence } : null,
    platform: platform.map((p) => ({ day: p.day, price_fen: p.price_fen, price_yuan: yuan(p.price_fen) })),
    retail: [...byRetailer.entries()].map(([retailer, points]) => ({
      retailer,
      points: points.map((o) => ({
        day: o.observed_on,
        price_fen: o.price_fen,
        price_yuan: yuan(o.price_fen),
        currency: o.currency,
        unit: o.unit,
        self_operated: o.self_operated === 1,
        price_kind: o.price_kind,
        url: o.url,
      })),
    })),
    purchases: Number(
      (await d.db.selectFrom('order_lines').select(sql<number>`count(DISTINCT order_no)`.as('n')).where('sku', '=', sku).executeTakeFirst())?.n ?? 0,
    ),
  };
}
