import { listingOf } from './listings.ts';
import { lineAt, newOrder } from './orders.ts';
import { agencyAt, product, supplierOf, type PlantContext } from './planted-types.ts';
import { retailRow, type RetailRow } from './retail.ts';
import type { SampleListing, SampleOrder } from './types.ts';
import { listingRecord, orderRecord, type FeedRecord, type SampleJson } from './write.ts';

/**
 * A handful of broken records, one per kind of fault ingest must reject with a field and a
 * reason (DESIGN §3): far fewer than the 10 % that would fail the run. None of them is
 * counted in any agency's spend, so a validator that wrongly let one through would show up
 * as an unexpected flag or total, not hide.
 */

export interface BadCase {
  id: string;
  kind: 'order' | 'listing' | 'retail';
  /** The record key, or null when the key itself is what is missing (then file#position is used). */
  key: string | null;
  field: string;
  what: string;
  record?: FeedRecord;
  row?: RetailRow;
  /** "file#position" (for the CSV, its line; the header is line 1), set once pages and rows are sorted. */
  where?: string;
}

type Body = { [k: string]: SampleJson };
type Mutate = (b: Body, line: Body) => void;

const ORDER_FAULTS: readonly [string, string, string, Mutate][] = [
  ['BAD-1', 'order_no', 'order_no missing', (b) => { delete b.order_no; }],
  ['BAD-2', 'lines[0].unit_price', 'unit_price "12.345" (finer than a fen)', (_b, l) => { l.unit_price = '12.345'; }],
  ['BAD-3', 'total', 'total "abc"', (b) => { b.total = 'abc'; }],
  ['BAD-4', 'lines[0].quantity', 'quantity 0', (_b, l) => { l.quantity = 0; }],
  ['BAD-5', 'lines[0].quantity', 'quantity −2', (_b, l) => { l.quantity = -2; }],
  ['BAD-6', 'placed_at', 'placed_at 2019-02-30 (no such day)', (b) => { b.placed_at = '2019-02-30T10:00:00+08:00'; }],
  ['BAD-7', 'status', 'status "shipping_lost" (not a platform status)', (b) => { b.status = 'shipping_lost'; }],
  ['BAD-8', 'lines[0].quantity', 'quantity is an object {"value": 2}', (_b, l) => { l.quantity = { value: 2 }; }],
  ['BAD-9', 'total', 'total ¥10.00 more than the sum of the lines', (b) => { b.total = bump(b.total, 1000); }],
  ['BAD-10', 'lines[0].amount', 'line amount ¥1.00 more than unit_price × quantity (total matches the lines)', (b, l) => {
    l.amount = bump(l.amount, 100);
    b.total = bump(b.total, 100);
  }],
  ['BAD-11', 'completed_at', 'completed_at a day before placed_at', (b) => { b.completed_at = String(b.placed_at).replace(/^(\d{4}-\d{2}-)(\d{2})/, (_m, ym: string, d: string) => `${ym}${String(Number(d) - 1).padStart(2, '0')}`); }],
  ['BAD-12', 'lines', 'no lines at all', (b) => { b.lines = []; }],
  ['BAD-13', 'evaluation.rating', 'rating "5" sent as text', (b) => { b.evaluation = { rating: '5', comment: '好', at: b.updated_at ?? null }; }],
];

function bump(v: SampleJson | undefined, fen: number): SampleJson {
  if (typeof v === 'number') return Math.round(v * 100 + fen) / 100;
  const [y, f = '00'] = String(v).split('.');
  const total = Number(y) * 100 + Number(f.padEnd(2, '0')) + fen;
  return `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
}

const DAYS = ['2018-07-19', '2018-08-29', '2018-09-26', '2018-10-24', '2018-11-14', '2018-12-05', '2019-01-09', '2019-02-20', '2019-03-13', '2019-04-03', '2019-04-24', '2019-05-15', '2019-06-05'];

export function makeBadRecords(ctx: PlantContext, orderNo: (o: SampleOrder) => string): BadCase[] {
  const cases: BadCase[] = [];
  const pool = ctx.ordinaryListings.filter((l) => l.product.cls === 'printer' && l.versions.length === 1 && l.versions[0]?.status === 'on_sale');
  ORDER_FAULTS.forEach(([id, field, what, mutate], k) => {
    const day = DAYS[k] as string;
    const o = newOrder(ctx.rng, agencyAt(ctx, 70 + k), day, 11 * 60 + k, [lineAt(pool[(k * 5) % pool.length] as SampleListing, day, 2)], 2);
    o.order_no = orderNo(o);
    const rec = orderRecord(o, 'completed');
    mutate(rec.body, (rec.body.lines as Body[])[0] ?? {});
    cases.push({ id, kind: 'order', key: field === 'order_no' ? null : o.order_no, field, what, record: rec });
  });

  const s = supplierOf(ctx, 'stationery', 2);
  const noPrice = listingOf(product(ctx, 'deli-a4-70'), s, ctx.factory.nextSku(), 1, '箱', 17600, '2018-09-17', ctx.rng, 'BAD-14');
  const rec14 = listingRecord(noPrice, noPrice.versions[0] as SampleListing['versions'][number]);
  delete rec14.body.price;
  cases.push({ id: 'BAD-14', kind: 'listing', key: noPrice.sku, field: 'price', what: 'listing without a price', record: rec14 });
  const badDate = listingOf(product(ctx, 'mg-a4-70'), s, ctx.factory.nextSku(), 2, '包', 2050, '2018-10-09', ctx.rng, 'BAD-15');
  const rec15 = listingRecord(badDate, badDate.versions[0] as SampleListing['versions'][number]);
  rec15.body.updated_at = '2018-13-01T09:00:00+08:00';
  cases.push({ id: 'BAD-15', kind: 'listing', key: badDate.sku, field: 'updated_at', what: 'listing updated_at in month 13', record: rec15 });

  const p = product(ctx, 'hp-m104a');
  const r16 = retailRow(p, { retailer: 'jd', self: true, id: 100777 }, '2018-12-12', 89900, 1);
  r16.price = 'abc';
  cases.push({ id: 'BAD-16', kind: 'retail', key: r16.url, field: 'price', what: 'retail price "abc"', row: r16 });
  const r17 = retailRow(p, { retailer: 'suning', self: true, id: 10000777 }, '2019-02-28', 88900, 1);
  r17.observed_at = '2019-02-30';
  cases.push({ id: 'BAD-17', kind: 'retail', key: r17.url, field: 'observed_at', what: 'retail observed_at 2019-02-30 (no such day)', row: r17 });
  return cases;
}
