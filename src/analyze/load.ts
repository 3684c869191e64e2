import type { Sqlite } from '../db/connection.ts';
import type { Listing, Order, OrderLine } from '../db/schema.ts';
import type { GapObservation } from '../domain/gap.ts';
import type { PricePoint } from '../domain/flags/types.ts';

/**
 * Everything analyze needs, read in five whole-table passes (each a single indexed or
 * sequential scan): no query runs per line, so the cost grows with the rows, not with
 * round trips. At 200k lines and 100k observations this is a few hundred MB at most.
 *
 * The big tables come back as arrays (`.raw()`) and become rows here: turning SQLite values
 * into JS strings is most of the cost of a load, so a line whose text (title, brand, model,
 * spec, unit) is its listing's — nearly all of them — gets no text from SQLite at all and
 * shares the listing's strings, as it shares its sku and category.
 */

export type ListingRow = Pick<Listing, 'sku' | 'category_code' | 'brand' | 'model' | 'title' | 'spec' | 'unit' | 'gtin'>;

export type AnalyzeOrder = Pick<
  Order,
  'order_no' | 'agency_id' | 'supplier_id' | 'placed_at' | 'total_fen' | 'currency' | 'rating' | 'comment' | 'evaluated_at' | 'status'
> & {
  /** The placed day (first ten characters of placed_at, which is stored in Asia/Shanghai). */
  day: string;
};

export type AnalyzeLine = OrderLine & {
  /** The category of the line's listing; null when the sku has no listing. */
  category_code: string | null;
};

/** A retail observation as the gap computation takes it, plus what its product key is made from. */
export interface ObservationRow extends GapObservation {
  brand: string;
  model: string;
  gtin: string | null;
}

export interface Loaded {
  listings: ListingRow[];
  orders: AnalyzeOrder[];
  lines: AnalyzeLine[];
  /** By id. */
  observations: ObservationRow[];
  listingPrices: Map<string, PricePoint[]>;
}

// Whether a line repeats its listing's text; when it does, SQLite sends NULLs instead of the text.
const SAME_TEXT = `(s.rowid IS NOT NULL AND l.title = s.title AND l.brand IS s.brand AND l.model IS s.model
  AND l.spec IS s.spec AND l.unit = s.unit)`;
const own = (column: string) => `CASE WHEN ${SAME_TEXT} THEN NULL ELSE l.${column} END`;

type Raw = unknown[];

export function loadAll(sqlite: Sqlite): Loaded {
  const listingRows = sqlite
    .prepare(`SELECT rowid, sku, category_code, brand, model, title, spec, unit, gtin FROM listings ORDER BY sku`)
    .all() as (ListingRow & { rowid: number })[];
  const byRowid = new Map<number, ListingRow>();
  const listings = listingRows.map(({ rowid, ...l }) => {
    byRowid.set(rowid, l);
    return l;
  });

  const orders = (
    sqlite
      .prepare(
        `SELECT order_no, agency_id, supplier_id, placed_at, substr(placed_at, 1, 10), total_fen, currency, rating, comment, evaluated_at, status
         FROM orders ORDER BY order_no`,
      )
      .raw(true)
      .all() as Raw[]
  ).map(
    (r): AnalyzeOrder => ({
      order_no: r[0] as string,
      agency_id: r[1] as string,
      supplier_id: r[2] as string,
      placed_at: r[3] as string,
      day: r[4] as string,
      total_fen: r[5] as number,
      currency: r[6] as string,
      rating: r[7] as number | null,
      comment: r[8] as string | null,
      evaluated_at: r[9] as string | null,
      status: r[10] as AnalyzeOrder['status'],
    }),
  );

  const lines = (
    sqlite
      .prepare(
        `SELECT l.order_no, l.line_no, s.rowid, CASE WHEN s.rowid IS NULL THEN l.sku END, ${SAME_TEXT},
           ${own('title')}, ${own('brand')}, ${own('model')}, ${own('spec')}, ${own('unit')}, l.quantity, l.unit_price_fen, l.amount_fen
         FROM order_lines l LEFT JOIN listings s ON s.sku = l.sku
         ORDER BY l.order_no, l.line_no`,
      )
      .raw(true)
      .all() as Raw[]
  ).map((r): AnalyzeLine => {
    const listing = r[2] === null ? undefined : byRowid.get(r[2] as number);
    const same = r[4] === 1 && listing !== undefined;
    return {
      order_no: r[0] as string,
      line_no: r[1] as number,
      sku: listing ? listing.sku : (r[3] as string | null),
      title: same ? listing.title : (r[5] as string),
      brand: same ? listing.brand : (r[6] as string | null),
      model: same ? listing.model : (r[7] as string | null),
      spec: same ? listing.spec : (r[8] as string | null),
      unit: same ? listing.unit : (r[9] as string),
      quantity: r[10] as number,
      unit_price_fen: r[11] as number,
      amount_fen: r[12] as number,
      category_code: listing ? listing.category_code : null,
    };
  });

  const observations = (
    sqlite
      .prepare(
        `SELECT id, retailer, brand, model, title, spec, unit, gtin, price_fen, currency, observed_on, url, self_operated, price_kind
         FROM retail_observations ORDER BY id`,
      )
      .raw(true)
      .all() as Raw[]
  ).map(
    (r): ObservationRow => ({
      id: r[0] as number,
      retailer: r[1] as string,
      brand: r[2] as string,
      model: r[3] as string,
      title: r[4] as string,
      spec: r[5] as string | null,
      unit: r[6] as string,
      gtin: r[7] as string | null,
      price_fen: r[8] as number,
      currency: r[9] as string,
      observed_on: r[10] as string,
      url: r[11] as string,
      self_operated: r[12] === 1,
      price_kind: r[13] as 'sale' | 'list',
    }),
  );

  const listingPrices = new Map<string, PricePoint[]>();
  const prices = sqlite.prepare(`SELECT sku, day, price_fen FROM listing_prices ORDER BY sku, day`).raw(true).all() as Raw[];
  let sku = '';
  let history: PricePoint[] = [];
  for (const p of prices) {
    // Rows come grouped by sku: one map entry per sku, not one lookup per row.
    if (p[0] !== sku || history.length === 0) {
      sku = p[0] as string;
      history = [];
      listingPrices.set(sku, history);
    }
    history.push({ day: p[1] as string, price_fen: p[2] as number });
  }
  return { listings, orders, lines, observations, listingPrices };
}
