import { addDays } from './clock.ts';
import { listingOf, versionOn } from './listings.ts';
import { lineAt, newOrder } from './orders.ts';
import { product, reserveAgency, supplierOf, type PlantContext, type PlantedCase } from './planted-types.ts';
import { orderTotal, type Agency, type ClassKey, type SampleListing, type SampleOrder, type SampleOrderLine, type Supplier } from './types.ts';

/**
 * Planted cases for the spend rules: order-over-cap, annual-over-cap and split-order. Each
 * uses an agency reserved for it (no ordinary purchases), buying ordinary listings at their
 * price of the day, so the only thing unusual about these orders is how much they add up to.
 */

const CAP = 10_000_000;

function stock(ctx: PlantContext, s: Supplier, cls: ClassKey, day: string): SampleListing[] {
  return ctx.ordinaryListings
    .filter((l) => l.supplier === s && l.product.cls === cls && versionOn(l, day)?.status === 'on_sale')
    .sort((a, b) => (versionOn(b, day)?.price ?? 0) - (versionOn(a, day)?.price ?? 0) || (a.sku < b.sku ? -1 : 1));
}

/** A supplier of the kind with at least three listings of the class on sale that day. */
function stockist(ctx: PlantContext, kind: Supplier['kind'], cls: ClassKey, day: string, k: number): Supplier {
  for (let i = 0; i < 64; i++) {
    const s = supplierOf(ctx, kind, k + i);
    if (stock(ctx, s, cls, day).length >= 3) return s;
  }
  throw new Error(`no ${kind} supplier stocks ${cls} on ${day}`);
}

/** Lines from the supplier's stock adding up to at most `target`, within one unit price of it. */
function fill(ctx: PlantContext, s: Supplier, cls: ClassKey, day: string, target: number): SampleOrderLine[] {
  const all = stock(ctx, s, cls, day);
  const items = all.filter((l) => (versionOn(l, day)?.price ?? 0) * 2 <= target).slice(0, 3);
  const lines: SampleOrderLine[] = [];
  let left = target;
  items.forEach((l, i) => {
    const price = versionOn(l, day)?.price ?? 0;
    const share = i === items.length - 1 ? left : Math.floor(left * 0.45);
    const q = Math.floor(share / price);
    if (q > 0) {
      lines.push(lineAt(l, day, q));
      left -= q * price;
    }
  });
  if (lines.length === 0) lines.push(lineAt(all[all.length - 1] as SampleListing, day, 1));
  return lines;
}

function order(ctx: PlantContext, a: Agency, day: string, lines: SampleOrderLine[], minute = 9 * 60 + 40): SampleOrder {
  const o = newOrder(ctx.rng, a, day, minute, lines, 3);
  ctx.ledger.add(o);
  return o;
}

/** Add units to the cheapest line of `last` until the group reaches the cap (each order stays under it). */
function topUp(group: SampleOrder[], reach: number): void {
  const last = group[group.length - 1] as SampleOrder;
  const cheapest = last.lines.reduce((a, b) => (b.unitFen < a.unitFen ? b : a));
  while (group.reduce((s, o) => s + orderTotal(o), 0) < reach) cheapest.quantity++;
  if (orderTotal(last) >= CAP) throw new Error('top-up pushed an order over the cap');
}

export function plantSpendCases(ctx: PlantContext): PlantedCase[] {
  const cases: PlantedCase[] = [];
  const yuan = (f: number) => `¥${(f / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

  // order-over-cap. Reaching ¥100,000 in one order also reaches the agency's yearly cap.
  let a = reserveAgency(ctx, 0);
  let day = '2018-11-20';
  let s = stockist(ctx, 'furniture', 'furniture', day, 0);
  const over = order(ctx, a, day, fill(ctx, s, 'furniture', day, 10_600_000));
  cases.push({ id: 'CAP-1', rule: 'order-over-cap', flags: true, orders: [over], sku: null,
    what: `one order of ${yuan(orderTotal(over))} (furniture for a new office); the agency has no other orders, so it also crosses the yearly cap`,
    expected: [{ order: over, rules: ['order-over-cap', 'annual-over-cap'] }] });

  // ¥99,999.99 exactly: a custom archive cabinet priced to the fen makes up the rest.
  a = reserveAgency(ctx, 1);
  day = '2019-05-21';
  s = stockist(ctx, 'furniture', 'furniture', day, 1);
  const lines = fill(ctx, s, 'furniture', day, CAP - 1 - 400_000);
  const rest = CAP - 1 - lines.reduce((t, l) => t + l.unitFen * l.quantity, 0);
  const archive = listingOf(product(ctx, 'aurora-archive'), s, ctx.factory.nextSku(), 5, '节', rest, '2018-06-25', ctx.rng, 'CAP-2');
  ctx.listings.push(archive);
  const near = order(ctx, a, day, [...lines, lineAt(archive, day, 1)]);
  cases.push({ id: 'CAP-2', rule: 'order-over-cap', flags: false, orders: [near], sku: archive.sku,
    what: `near miss: one order of exactly ${yuan(orderTotal(near))}, the agency's only order of 2019 (also a near miss for annual-over-cap)`,
    expected: [{ order: near, rules: [] }] });

  // split-order, within one year: the third order also crosses the agency's yearly cap.
  const split = (id: string, k: number, cls: ClassKey, plan: [string, number, number][], reach: number) => {
    const ag = reserveAgency(ctx, k);
    const sup = stockist(ctx, 'furniture', cls, (plan[0] as [string, number, number])[0], (plan[0] as [string, number, number])[2]);
    const group = plan.map(([d, target]) => order(ctx, ag, d, fill(ctx, sup, cls, d, target), 9 * 60 + 10 * k));
    if (reach > 0) topUp(group, reach);
    return group;
  };
  let g = split('SPLIT-1', 2, 'furniture', [['2019-03-11', 3_800_000, 2], ['2019-03-13', 3_600_000, 2], ['2019-03-15', 2_900_000, 2]], CAP);
  cases.push({ id: 'SPLIT-1', rule: 'split-order', flags: true, orders: g, sku: null,
    what: `three orders, one agency, one supplier, 办公及特殊家具, within 4 days: ${g.map((o) => yuan(orderTotal(o))).join(' + ')}; the third crosses the agency's 2019 cap`,
    expected: g.map((order, i) => ({ order, rules: i === 2 ? ['split-order', 'annual-over-cap'] : ['split-order'] })) });

  g = split('SPLIT-2', 3, 'cabinet', [['2018-12-28', 5_200_000, 3], ['2019-01-03', 5_000_000, 3]], CAP);
  cases.push({ id: 'SPLIT-2', rule: 'split-order', flags: true, orders: g, sku: null,
    what: `two orders 6 days apart across the new year, one supplier, 文件柜: ${g.map((o) => yuan(orderTotal(o))).join(' + ')} (each calendar year stays under the yearly cap)`,
    expected: g.map((order) => ({ order, rules: ['split-order'] })) });

  g = split('SPLIT-3', 4, 'furniture', [['2018-12-26', 5_500_000, 4], ['2019-01-03', 5_000_000, 4]], CAP);
  cases.push({ id: 'SPLIT-3', rule: 'split-order', flags: false, orders: g, sku: null,
    what: `near miss: the same pattern 8 days apart: ${g.map((o) => yuan(orderTotal(o))).join(' + ')}`,
    expected: g.map((order) => ({ order, rules: [] })) });

  const ag4 = reserveAgency(ctx, 5);
  const s1 = stockist(ctx, 'furniture', 'furniture', '2018-12-29', 5);
  const s2 = stockist(ctx, 'furniture', 'furniture', '2019-01-02', ctx.suppliers.filter((x) => x.kind === 'furniture').indexOf(s1) + 1);
  g = [order(ctx, ag4, '2018-12-29', fill(ctx, s1, 'furniture', '2018-12-29', 5_500_000)), order(ctx, ag4, '2019-01-02', fill(ctx, s2, 'furniture', '2019-01-02', 5_000_000))];
  topUp(g, CAP);
  cases.push({ id: 'SPLIT-4', rule: 'split-order', flags: false, orders: g, sku: null,
    what: `near miss: two orders 4 days apart over the cap together, but from two different suppliers: ${g.map((o) => yuan(orderTotal(o))).join(' + ')}`,
    expected: g.map((order) => ({ order, rules: [] })) });

  g = split('SPLIT-5', 6, 'furniture', [['2019-02-18', 4_900_000, 6], ['2019-02-21', 4_900_000, 6]], 0);
  cases.push({ id: 'SPLIT-5', rule: 'split-order', flags: false, orders: g, sku: null,
    what: `near miss: two orders 3 days apart, one supplier, together ${yuan(g.reduce((t, o) => t + orderTotal(o), 0))}, under the cap`,
    expected: g.map((order) => ({ order, rules: [] })) });

  // annual-over-cap: modest orders every 9 days until 2019's spend passes ¥100,000.
  const ag = reserveAgency(ctx, 7);
  const annual: SampleOrder[] = [];
  let crossing: SampleOrder | null = null;
  const classes: ClassKey[] = ['printer', 'furniture', 'camera', 'cabinet', 'fax', 'video'];
  const kinds: Supplier['kind'][] = ['equipment', 'furniture', 'digital', 'furniture', 'equipment', 'digital'];
  let spent2019 = 0;
  let after = 0;
  for (let i = 0; after < 2; i++) {
    day = i < 3 ? addDays('2018-09-05', i * 30) : addDays('2019-01-08', (i - 3) * 9);
    const c = i % classes.length;
    const o = order(ctx, ag, day, fill(ctx, stockist(ctx, kinds[c] as Supplier['kind'], classes[c] as ClassKey, day, i), classes[c] as ClassKey, day, 800_000));
    annual.push(o);
    if (day >= '2019') {
      spent2019 += orderTotal(o);
      if (crossing) after++;
      else if (spent2019 >= CAP) crossing = o;
    }
  }
  cases.push({ id: 'ANNUAL-1', rule: 'annual-over-cap', flags: true, orders: annual, sku: null,
    what: `${annual.length} orders of about ¥8,000, 3 in 2018 and the rest every 9 days from 2019-01-08; 2019's spend reaches ¥100,000 with the order on ${crossing?.day}`,
    expected: annual.map((order) => ({ order, rules: order === crossing ? ['annual-over-cap'] : [] })) });
  return cases;
}
