import type { Listing } from '../schema.ts';
import { unitPriceIn } from '../../domain/units.ts';
import { all, memo, one } from './db.ts';

export type ProductRow = Omit<Listing, 'status' | 'source' | 'record_hash' | 'ingest_run'> & {
  status: string;
  supplier_name: string | null;
  category_name: string | null;
  product_key: string | null;
  match_method: string | null;
};

export interface ProductListRow {
  sku: string;
  title: string;
  brand: string;
  model: string;
  price_fen: number;
  category_code: string;
  orders: number | null;
  spend_fen: number | null;
}

export interface ProductPurchase {
  order_no: string;
  line_no: number;
  placed_at: string;
  agency_id: string;
  agency_name: string | null;
  quantity: number;
  unit: string;
  unit_price_fen: number;
  currency: string;
  ref_price_fen: number | null;
  ref_retailer: string | null;
  gap_fen: number | null;
  gap_bp: number | null;
}

export interface RetailPoint {
  retailer: string;
  observed_on: string;
  price_fen: number;
  url: string;
  self_operated: number;
}

export const allSkus = memo(() => all<{ sku: string }>(`SELECT sku FROM listings ORDER BY sku`).map((r) => r.sku));

/** The products index: every listing with its purchase totals (from analyze's totals). */
export const productList = memo(() =>
  all<ProductListRow>(
    `SELECT li.sku, li.title, li.brand, li.model, li.price_fen, li.category_code, t.orders, t.spend_fen
     FROM listings li LEFT JOIN totals t ON t.dimension = 'product' AND t.key = li.sku AND t.period = 'all'
     ORDER BY li.category_code, li.brand, li.model, li.sku`,
  ),
);

export function productBySku(sku: string): ProductRow | undefined {
  return one<ProductRow>(
    `SELECT li.sku, li.supplier_id, s.name AS supplier_name, li.category_code, c.name AS category_name,
       li.brand, li.model, li.title, li.spec, li.unit, li.price_fen, li.status, li.updated_at, li.gtin,
       m.product_key, m.method AS match_method
     FROM listings li
     LEFT JOIN suppliers s ON s.id = li.supplier_id
     LEFT JOIN categories c ON c.code = li.category_code
     LEFT JOIN matches m ON m.sku = li.sku
     WHERE li.sku = ?`,
    sku,
  );
}

export function listingPriceHistory(sku: string): { day: string; price_fen: number }[] {
  return all(`SELECT day, price_fen FROM listing_prices WHERE sku = ? ORDER BY day`, sku);
}

export function purchasesOfSku(sku: string): ProductPurchase[] {
  return all<ProductPurchase>(
    `SELECT l.order_no, l.line_no, o.placed_at, o.agency_id, a.name AS agency_name, l.quantity, l.unit,
       l.unit_price_fen, o.currency, g.ref_price_fen, g.ref_retailer, g.gap_fen, g.gap_bp
     FROM order_lines l
     JOIN orders o ON o.order_no = l.order_no
     LEFT JOIN agencies a ON a.id = o.agency_id
     LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no
     WHERE l.sku = ? ORDER BY o.placed_at DESC, l.order_no DESC, l.line_no`,
    sku,
  );
}

/**
 * Retail prices of the product the listing was matched with: every observation analyze gave
 * the same product key (matches → retail_product_keys → retail_observations, each step an
 * indexed lookup), so a retailer's series is complete whether or not anyone bought with it as
 * a reference. Only sale prices in CNY: a 划线价 or another currency is never a reference, so
 * it has no place in the comparison. An unmatched listing has no series. `brand` and `model`
 * are no longer needed (the key says which product); they stay so callers compile unchanged.
 */
/**
 * Every CNY sale price seen at retail for the product this sku is matched with, converted to
 * the listing's own unit (a listing sold per 箱 is compared with retail per 包 × packs): a chart
 * must never put two different units on one axis. Observations whose unit cannot be
 * reconciled are left out and counted, never plotted as if comparable.
 */
export function retailHistory(sku: string, listing: UnitOf): { points: RetailPoint[]; unconvertible: number } {
  const rows = all<RetailPoint & UnitOf>(
    `SELECT ro.retailer, ro.observed_on, ro.price_fen, ro.url, ro.self_operated, ro.unit, ro.spec, ro.title
     FROM matches m
     JOIN retail_product_keys k ON k.product_key = m.product_key
     JOIN retail_observations ro ON ro.id = k.observation_id
     WHERE m.sku = ? AND ro.price_kind = 'sale' AND ro.currency = 'CNY'
     ORDER BY ro.retailer, ro.observed_on, ro.self_operated DESC, ro.price_fen, ro.id`,
    sku,
  );
  const points: RetailPoint[] = [];
  let unconvertible = 0;
  for (const r of rows) {
    const price = unitPriceIn(r.price_fen, r, listing);
    if (price === null) unconvertible++;
    else points.push({ retailer: r.retailer, observed_on: r.observed_on, price_fen: price, url: r.url, self_operated: r.self_operated });
  }
  return { points, unconvertible };
}

type UnitOf = { unit: string; spec: string | null; title: string };

export function productsInCategory(code: string, limit: number): ProductListRow[] {
  return all<ProductListRow>(
    `SELECT li.sku, li.title, li.brand, li.model, li.price_fen, li.category_code, t.orders, t.spend_fen
     FROM listings li LEFT JOIN totals t ON t.dimension = 'product' AND t.key = li.sku AND t.period = 'all'
     WHERE li.category_code = ? ORDER BY t.spend_fen DESC NULLS LAST, li.sku LIMIT ?`,
    code, limit,
  );
}

export function productsOfSupplier(supplierId: string, limit: number): ProductListRow[] {
  return all<ProductListRow>(
    `SELECT li.sku, li.title, li.brand, li.model, li.price_fen, li.category_code, t.orders, t.spend_fen
     FROM listings li LEFT JOIN totals t ON t.dimension = 'product' AND t.key = li.sku AND t.period = 'all'
     WHERE li.supplier_id = ? ORDER BY t.spend_fen DESC NULLS LAST, li.sku LIMIT ?`,
    supplierId, limit,
  );
}

