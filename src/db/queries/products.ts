import type { Listing } from '../schema.ts';
import { all, memo } from './db.ts';

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

