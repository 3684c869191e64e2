import { addDays } from './clock.ts';
import { listingOf } from './listings.ts';
import { lineAt, newOrder } from './orders.ts';
import { retailRow, type Store } from './retail.ts';
import { agencyAt, product, supplierOf, type PlantContext, type PlantedCase } from './planted-types.ts';
import type { SampleListing, SampleOrder, Product, Supplier } from './types.ts';

/**
 * Planted cases for the price rules (DESIGN §7): price-above-retail, price-hike and
 * price-discrimination, each with near misses just below a threshold. Every case buys a
 * reserved listing that no ordinary order touches, so nothing else lands near it.
 */

const LISTED_FROM = '2018-06-25';

function reserved(ctx: PlantContext, p: Product, s: Supplier, fen: number, tag: string, unit = p.unit): SampleListing {
  const l = listingOf(p, s, ctx.factory.nextSku(), ctx.listings.length + 3, unit, fen, LISTED_FROM, ctx.rng, tag);
  ctx.listings.push(l);
  return l;
}

function buy(ctx: PlantContext, l: SampleListing, k: number, day: string, qty: number, unitFen?: number): SampleOrder {
  const line = lineAt(l, day, qty);
  if (unitFen !== undefined) line.unitFen = unitFen;
  const o = newOrder(ctx.rng, agencyAt(ctx, k), day, 10 * 60 + k, [line], 2);
  ctx.ledger.add(o);
  return o;
}

const store = (retailer: Store['retailer'], self: boolean, id: number): Store => ({ retailer, self, id });

/** Observations of an exclusive product: steady, far from the planted day, plus the planted rows. */
function exclusiveRows(ctx: PlantContext, p: Product, day: string, fen: number, planted: [Store, number, number, 'sale' | 'list', string][]): void {
  const jd = store('jd', true, 100000 + fen / 100);
  for (const off of [-90, -60, -40, 40, 60, 90]) ctx.retail.push(retailRow(p, jd, addDays(day, off), fen, 1));
  for (const [st, off, price, kind, currency] of planted) ctx.retail.push(retailRow(p, st, addDays(day, off), price, 1, kind, currency));
}

export function plantPriceCases(ctx: PlantContext): PlantedCase[] {
  const cases: PlantedCase[] = [];
  const flagged = (id: string, rule: string, orders: SampleOrder[], sku: string, what: string): void => {
    cases.push({ id, rule, flags: true, orders, sku, what, expected: orders.map((order) => ({ order, rules: [rule] })) });
  };
  const clean = (id: string, rule: string, orders: SampleOrder[], sku: string, what: string): void => {
    cases.push({ id, rule, flags: false, orders, sku, what, expected: orders.map((order) => ({ order, rules: [] })) });
  };
  const eq = (k: number) => supplierOf(ctx, 'equipment', k);
  const fu = (k: number) => supplierOf(ctx, 'furniture', k);

  // price-above-retail: flat-priced products, so the reference is exact whatever the retailer.
  let l = reserved(ctx, product(ctx, 'brother-2260d'), eq(2), 139900, 'PAR-1');
  flagged('PAR-1', 'price-above-retail', [buy(ctx, l, 1, '2018-09-12', 2)], l.sku,
    'Brother HL-2260D at ¥1,399.00; every retailer ¥1,099.00 (gap ¥300.00, 27.30 %)');
  l = reserved(ctx, product(ctx, 'canon-lbp2900'), eq(3), 121000, 'PAR-2');
  flagged('PAR-2', 'price-above-retail', [buy(ctx, l, 2, '2018-10-16', 1)], l.sku,
    'Canon LBP2900+ at ¥1,210.00; retail ¥1,100.00 (gap ¥110.00, exactly 10.00 %: the threshold is inclusive)');
  l = reserved(ctx, product(ctx, 'canon-lbp2900'), eq(4), 120900, 'PAR-3');
  clean('PAR-3', 'price-above-retail', [buy(ctx, l, 3, '2018-10-18', 1)], l.sku,
    'near miss: Canon LBP2900+ at ¥1,209.00; retail ¥1,100.00 (gap 9.91 %, under 10 %)');
  // Copy paper compares per pack and converts to the line's unit (DESIGN §5–6): ¥22.00 a pack is ¥176.00 a box of 8.
  const st = (k: number) => supplierOf(ctx, 'stationery', k);
  l = reserved(ctx, product(ctx, 'tianzhang-a4-70'), st(1), 19600, 'PAR-4', '箱');
  flagged('PAR-4', 'price-above-retail', [buy(ctx, l, 4, '2019-03-05', 3)], l.sku,
    'TANGO 新绿天章 A4 70g at ¥196.00 a box of 8 packs; retail ¥22.00 a pack = ¥176.00 a box (gap ¥20.00 a box, 11.36 %: the ¥20 floor is inclusive)');
  l = reserved(ctx, product(ctx, 'tianzhang-a4-70'), st(2), 19599, 'PAR-5', '箱');
  clean('PAR-5', 'price-above-retail', [buy(ctx, l, 5, '2019-03-07', 3)], l.sku,
    'near miss: the same paper at ¥195.99 a box vs ¥176.00 (11.36 % but only ¥19.99 a box)');

  // Traps in the retail data: each would flag the purchase if the wrong observation were used.
  let p = product(ctx, 'epson-lq730k');
  let day = '2018-11-21';
  exclusiveRows(ctx, p, day, 179900, [
    [store('jd', true, 100000 + 1799), -2, 179900, 'sale', 'CNY'],
    [store('suning', true, 10001799), 1, 179900, 'sale', 'CNY'],
    [store('suning', true, 10001799), 0, 149900, 'list', 'CNY'],
    [store('tmall', false, 560000001799), 0, 25900, 'sale', 'USD'],
  ]);
  l = reserved(ctx, p, eq(5), 194000, 'PAR-6');
  clean('PAR-6', 'price-above-retail', [buy(ctx, l, 6, day, 1)], l.sku,
    'trap: Epson LQ-730K at ¥1,940.00 vs ¥1,799.00 (7.84 %); the same window holds a "list" price ¥1,499.00 and a USD 259.00 row, which must never be a reference');

  p = product(ctx, 'brother-1608');
  day = '2019-01-15';
  exclusiveRows(ctx, p, day, 99900, [
    [store('jd', true, 100000 + 999), -3, 99900, 'sale', 'CNY'],
    [store('jd', false, 5000999), -1, 79900, 'sale', 'CNY'],
    [store('suning', true, 10000999), 2, 99900, 'sale', 'CNY'],
  ]);
  l = reserved(ctx, p, eq(6), 106900, 'PAR-7');
  clean('PAR-7', 'price-above-retail', [buy(ctx, l, 7, day, 1)], l.sku,
    'trap: Brother DCP-1608 at ¥1,069.00 vs self-operated ¥999.00 (7.01 %); a nearer JD marketplace store at ¥799.00 must lose to JD self-operated');

  p = product(ctx, 'canon-mf113w');
  day = '2019-04-10';
  exclusiveRows(ctx, p, day, 139900, [
    [store('jd', true, 100000 + 1399), -15, 109900, 'sale', 'CNY'],
    [store('jd', true, 100000 + 1399), -6, 139900, 'sale', 'CNY'],
    [store('suning', true, 10001399), 5, 139900, 'sale', 'CNY'],
    [store('suning', true, 10001399), 15, 109900, 'sale', 'CNY'],
  ]);
  l = reserved(ctx, p, eq(7), 149900, 'PAR-8');
  clean('PAR-8', 'price-above-retail', [buy(ctx, l, 8, day, 1)], l.sku,
    'trap: Canon MF113w at ¥1,499.00 vs ¥1,399.00 (7.15 %); ¥1,099.00 rows 15 days before and after lie just outside the ±14-day window');

  // price-hike: versions change at 08:00 on their day (see listings.ts).
  const hike = (id: string, pid: string, sup: Supplier, base: number, peak: number, up: string, order: string, down: string) => {
    const h = reserved(ctx, product(ctx, pid), sup, base, id);
    h.versions.push({ day: up, minute: 8 * 60, price: peak, status: 'on_sale' }, { day: down, minute: 8 * 60, price: base, status: 'on_sale' });
    return { l: h, o: buy(ctx, h, Number(id.slice(-1)) + 10, order, 2) };
  };
  let h = hike('PH-1', 'hp-m104a', eq(8), 77300, 88900, '2018-12-03', '2018-12-13', '2018-12-22');
  flagged('PH-1', 'price-hike', [h.o], h.l.sku,
    'HP M104a listed ¥773.00, raised to ¥889.00 (+15.0 %) 10 days before the order, back to ¥773.00 9 days after');
  h = hike('PH-2', 'hp-m104w', eq(9), 85900, 93600, '2019-02-25', '2019-03-06', '2019-03-15');
  clean('PH-2', 'price-hike', [h.o], h.l.sku, 'near miss: HP M104w ¥859.00 → ¥936.00 (+8.96 %) 9 days before, back 9 days after');
  h = hike('PH-3', 'lenovo-2405d', eq(10), 85900, 98800, '2019-05-06', '2019-05-16', '2019-06-05');
  clean('PH-3', 'price-hike', [h.o], h.l.sku,
    'near miss: Lenovo LJ2405D ¥859.00 → ¥988.00 (+15.0 %) 10 days before, but back only 20 days after (outside 14)');

  // price-discrimination: one reserved sku, two agencies, the second charged more.
  const disc = (id: string, pid: string, sup: Supplier, base: number, other: number, d1: string, d2: string) => {
    const d = reserved(ctx, product(ctx, pid), sup, base, id);
    const k = Number(id.slice(-1)) * 2 + 20;
    return { l: d, a: buy(ctx, d, k, d1, 2), b: buy(ctx, d, k + 1, d2, 2, other) };
  };
  let d = disc('PD-1', 'deli-cab-185', fu(3), 86200, 93100, '2018-08-20', '2018-08-24');
  flagged('PD-1', 'price-discrimination', [d.a, d.b], d.l.sku,
    'deli steel file cabinet sold at ¥862.00 and, 4 days later to another agency, ¥931.00 (+8.0 %)');
  d = disc('PD-2', 'sunon-chair-mesh', fu(4), 48000, 49900, '2018-09-03', '2018-09-06');
  clean('PD-2', 'price-discrimination', [d.a, d.b], d.l.sku, 'near miss: SUNON office chair at ¥480.00 and ¥499.00 (+3.96 %) 3 days apart');
  d = disc('PD-3', 'aurora-desk-14', fu(5), 158000, 170600, '2019-04-01', '2019-04-09');
  clean('PD-3', 'price-discrimination', [d.a, d.b], d.l.sku, 'near miss: AURORA desk at ¥1,580.00 and ¥1,706.00 (+8.0 %) but 8 days apart');
  return cases;
}
