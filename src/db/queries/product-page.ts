import { unitPriceIn } from '../../domain/units.ts';
import type { SiteTotalsRow } from './site.ts';
import type { ProductPurchase, ProductRow, RetailPoint } from './products.ts';
import { all, placeholders } from './db.ts';
import { assign, windowed } from './window.ts';

/**
 * Everything one product page shows, read BATCH listings at a time (window.ts): five queries
 * per window instead of five lookups per page.
 */
const BATCH = 128;

interface ProductBundle {
  product: ProductRow;
  totals: SiteTotalsRow | undefined;
  purchases: ProductPurchase[];
  prices: { day: string; price_fen: number }[];
  retail: (RetailPoint & UnitOf)[];
}

type UnitOf = { unit: string; spec: string | null; title: string };

const bundle = windowed(loadWindow, (from, n) => all<{ sku: string }>('SELECT sku FROM listings WHERE sku >= ? ORDER BY sku LIMIT ?', from, n).map((r) => r.sku), BATCH);

/** The product pages about to render, in render order (their routes' getStaticPaths). */
export function planProductPages(skus: readonly string[]): void {
  bundle.plan(skus);
}

function loadWindow(skus: readonly string[]): Map<string, ProductBundle> {
  const inList = placeholders(skus.length);
  const window = new Map<string, ProductBundle>();
  const products = all<ProductRow>(
    `SELECT li.sku, li.supplier_id, s.name AS supplier_name, li.category_code, c.name AS category_name,
       li.brand, li.model, li.title, li.spec, li.unit, li.price_fen, li.status, li.updated_at, li.gtin,
       m.product_key, m.method AS match_method
     FROM listings li
     LEFT JOIN suppliers s ON s.id = li.supplier_id
     LEFT JOIN categories c ON c.code = li.category_code
     LEFT JOIN matches m ON m.sku = li.sku
     WHERE li.sku IN (${inList}) ORDER BY li.sku`,
    ...skus,
  );
  if (products.length === 0) return window;
  for (const product of products) window.set(product.sku, { product, totals: undefined, purchases: [], prices: [], retail: [] });
  assign(
    window,
    all<SiteTotalsRow>(`SELECT * FROM totals WHERE dimension = 'product' AND key IN (${inList}) AND period = 'all'`, ...skus),
    (r) => r.key, (b, r) => { b.totals = r; },
  );
  assign(
    window,
    all<ProductPurchase & { sku: string }>(
      `SELECT l.sku, l.order_no, l.line_no, o.placed_at, o.agency_id, a.name AS agency_name, l.quantity, l.unit,
         l.unit_price_fen, o.currency, g.ref_price_fen, g.ref_retailer, g.gap_fen, g.gap_bp
       FROM order_lines l
       JOIN orders o ON o.order_no = l.order_no
       LEFT JOIN agencies a ON a.id = o.agency_id
       LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no
       WHERE l.sku IN (${inList}) AND o.status = 'completed' ORDER BY l.sku, o.placed_at DESC, l.order_no DESC, l.line_no`,
      ...skus,
    ),
    (r) => r.sku, (b, { sku: _sku, ...p }) => b.purchases.push(p),
  );
  assign(
    window,
    all<{ sku: string; day: string; price_fen: number }>(
      `SELECT sku, day, price_fen FROM listing_prices WHERE sku IN (${inList}) ORDER BY sku, day`, ...skus,
    ),
    (r) => r.sku, (b, r) => b.prices.push({ day: r.day, price_fen: r.price_fen }),
  );
  // Retail prices of the product each listing was matched with (matches → retail_product_keys
  // → retail_observations): a retailer's series is complete whether or not anyone bought with
  // it as a reference. Only sale prices in CNY: a 划线价 or another currency is never a reference.
  assign(
    window,
    all<RetailPoint & UnitOf & { sku: string }>(
      `SELECT m.sku, ro.retailer, ro.observed_on, ro.price_fen, ro.url, ro.self_operated, ro.unit, ro.spec, ro.title
       FROM matches m
       JOIN retail_product_keys k ON k.product_key = m.product_key
       JOIN retail_observations ro ON ro.id = k.observation_id
       WHERE m.sku IN (${inList}) AND ro.price_kind = 'sale' AND ro.currency = 'CNY'
       ORDER BY m.sku, ro.retailer, ro.observed_on, ro.self_operated DESC, ro.price_fen, ro.id`,
      ...skus,
    ),
    (r) => r.sku, (b, r) => b.retail.push(r),
  );
  return window;
}

export function productBySku(sku: string): ProductRow | undefined {
  return bundle(sku)?.product;
}

/** The purchase totals of one product (analyze's totals, period 'all'). */
export function productTotals(sku: string): SiteTotalsRow | undefined {
  return bundle(sku)?.totals;
}

/** Every purchase of the product, newest first. */
export function purchasesOfSku(sku: string): ProductPurchase[] {
  return bundle(sku)?.purchases ?? [];
}

/** The platform price on each day it was seen. */
export function listingPriceHistory(sku: string): { day: string; price_fen: number }[] {
  return bundle(sku)?.prices ?? [];
}

/**
 * Every CNY sale price seen at retail for the product this sku is matched with, converted to
 * the listing's own unit (a listing sold per 箱 is compared with retail per 包 × packs): a chart
 * must never put two different units on one axis. Observations whose unit cannot be
 * reconciled are left out and counted, never plotted as if comparable. An unmatched listing
 * has no series.
 */
export function retailHistory(sku: string, listing: UnitOf): { points: RetailPoint[]; unconvertible: number } {
  const points: RetailPoint[] = [];
  let unconvertible = 0;
  for (const r of bundle(sku)?.retail ?? []) {
    const price = unitPriceIn(r.price_fen, r, listing);
    if (price === null) unconvertible++;
    else points.push({ retailer: r.retailer, observed_on: r.observed_on, price_fen: price, url: r.url, self_operated: r.self_operated });
  }
  return { points, unconvertible };
}
