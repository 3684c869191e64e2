import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PricePoint } from '../domain/flags/types.ts';

/**
 * Everything analyze needs, read in five whole-table passes (each a single indexed or
 * sequential scan): no query runs per line, so the cost grows with the rows, not with
 * round trips. At 200k lines and 100k observations this is a few hundred MB at most.
 */

export interface ListingRow {
  sku: string;
  category_code: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  gtin: string | null;
}

export interface OrderRow {
  order_no: string;
  agency_id: string;
  supplier_id: string;
  placed_at: string;
  /** The placed day (first ten characters of placed_at, which is stored in Asia/Shanghai). */
  day: string;
  total_fen: number;
  currency: string;
  rating: number | null;
  comment: string | null;
  evaluated_at: string | null;
}

export interface LineRow {
  order_no: string;
  line_no: number;
  sku: string | null;
  title: string;
  brand: string | null;
  model: string | null;
  spec: string | null;
  unit: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
  /** The category of the line's listing; null when the sku has no listing. */
  category_code: string | null;
}

export interface ObservationRow {
  id: number;
  retailer: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  gtin: string | null;
  price_fen: number;
  currency: string;
  observed_on: string;
  url: string;
  self_operated: 0 | 1;
  price_kind: 'sale' | 'list';
}

export interface Loaded {
  listings: ListingRow[];
  orders: OrderRow[];
  lines: LineRow[];
  observations: ObservationRow[];
  listingPrices: Map<string, PricePoint[]>;
}

export async function loadAll(db: Kysely<Database>): Promise<Loaded> {
  const listings = await db
    .selectFrom('listings')
    .select(['sku', 'category_code', 'brand', 'model', 'title', 'spec', 'unit', 'gtin'])
    .orderBy('sku')
    .execute();
  const orders = await db
    .selectFrom('orders')
    .select(['order_no', 'agency_id', 'supplier_id', 'placed_at', 'total_fen', 'currency', 'rating', 'comment', 'evaluated_at'])
    .select(sql<string>`substr(placed_at, 1, 10)`.as('day'))
    .orderBy('order_no')
    .execute();
  const lines = await db
    .selectFrom('order_lines as l')
    .leftJoin('listings as s', 's.sku', 'l.sku')
    .select(['l.order_no', 'l.line_no', 'l.sku', 'l.title', 'l.brand', 'l.model', 'l.spec', 'l.unit', 'l.quantity', 'l.unit_price_fen', 'l.amount_fen'])
    .select('s.category_code')
    .orderBy('l.order_no')
    .orderBy('l.line_no')
    .execute();
  const observations = await db
    .selectFrom('retail_observations')
    .select(['id', 'retailer', 'brand', 'model', 'title', 'spec', 'unit', 'gtin', 'price_fen', 'currency', 'observed_on', 'url', 'self_operated', 'price_kind'])
    .orderBy('id')
    .execute();
  const prices = await db.selectFrom('listing_prices').select(['sku', 'day', 'price_fen']).orderBy('sku').orderBy('day').execute();
  const listingPrices = new Map<string, PricePoint[]>();
  for (const p of prices) {
    const h = listingPrices.get(p.sku);
    const point = { day: p.day, price_fen: p.price_fen };
    if (h) h.push(point);
    else listingPrices.set(p.sku, [point]);
  }
  return { listings, orders, lines, observations, listingPrices };
}
