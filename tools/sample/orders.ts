import { DAYS, addDays, dayAt, weekday } from './clock.ts';
import { makeContact } from './parties.ts';
import { versionOn } from './listings.ts';
import type { Rng } from './prng.ts';
import { orderTotal, type Agency, type ClassKey, type Evaluation, type SampleListing, type SampleOrder, type SampleOrderLine } from './types.ts';

/**
 * Ordinary purchases. They are kept well clear of every flag threshold so that the planted
 * cases are the only flags: lines at the listing's price of the day (so every agency pays the
 * same for a sku within a week), an agency's calendar-year spend capped far below ¥100,000
 * (so no window of its orders can reach the cap), ratings 3–5.
 */

export const AGENCY_YEAR_LIMIT_FEN = 6_000_000;
const ORDER_LIMIT_FEN = 2_500_000;

/** Calendar-year spend per agency, shared by planted and ordinary orders. */
export class Ledger {
  private spend = new Map<string, number>();
  add(o: SampleOrder): void {
    const k = `${o.agency.id}|${o.day.slice(0, 4)}`;
    this.spend.set(k, (this.spend.get(k) ?? 0) + orderTotal(o));
  }
  room(agencyId: string, day: string): number {
    return AGENCY_YEAR_LIMIT_FEN - (this.spend.get(`${agencyId}|${day.slice(0, 4)}`) ?? 0);
  }
}

const CLASS_WEIGHTS: readonly (readonly [ClassKey, number])[] = [
  ['copypaper', 34], ['printpaper', 10], ['printer', 20], ['fax', 4], ['cabinet', 10], ['furniture', 12], ['camera', 5], ['video', 5],
];

const QTY: Readonly<Record<ClassKey, readonly (readonly [number, number])[]>> = {
  printer: [[1, 70], [2, 20], [3, 10]],
  fax: [[1, 85], [2, 15]],
  camera: [[1, 90], [2, 10]],
  video: [[1, 100]],
  cabinet: [[1, 40], [2, 30], [4, 20], [6, 10]],
  furniture: [[1, 30], [2, 25], [4, 20], [8, 15], [12, 10]],
  printpaper: [[1, 30], [2, 30], [5, 25], [10, 15]],
  copypaper: [[2, 20], [5, 30], [10, 30], [20, 20]],
};

export const GOOD_COMMENTS = [
  '送货及时，质量很好', '产品与描述一致，包装完好', '安装调试到位，服务态度好', '价格合理，发货快', '纸张质量不错，不卡纸',
  '物流很快，第二天就到了', '售后响应及时', '整体满意', '外观完好，使用正常', '供应商主动上门安装，点赞',
] as const;
const OK_COMMENTS = ['还可以，送货稍慢', '一般，包装有点破损但不影响使用', '', '与预期基本一致'] as const;

export function evaluate(rng: Rng, doneDay: string): Evaluation | null {
  if (!rng.chance(0.6)) return null;
  const rating = rng.weighted([[5, 60], [4, 28], [3, 12]] as const);
  const comment = rating >= 4 ? rng.pick(GOOD_COMMENTS) : rng.pick(OK_COMMENTS);
  return { rating, comment, day: addDays(doneDay, rng.int(1, 10)), minute: rng.int(8 * 60 + 30, 19 * 60) };
}

export function newOrder(rng: Rng, agency: Agency, day: string, minute: number, lines: SampleOrderLine[], doneAfter = rng.int(1, 6)): SampleOrder {
  const first = lines[0];
  if (!first) throw new Error('an order needs a line');
  const doneDay = addDays(day, doneAfter);
  return {
    order_no: '', agency, supplier: first.listing.supplier, day, minute, doneDay, doneMinute: rng.int(8 * 60 + 30, 19 * 60),
    status: 'completed', contact: makeContact(rng), lines, evaluation: null, evaluationLater: false, pendingFirst: false,
  };
}

export const lineAt = (listing: SampleListing, day: string, quantity: number): SampleOrderLine => {
  const v = versionOn(listing, day);
  if (!v) throw new Error(`listing ${listing.sku} has no price on ${day}`);
  return { listing, quantity, unitFen: v.price };
};

function dayWeights(): number[] {
  const w: number[] = [];
  for (let i = 0; i < DAYS; i++) {
    const wd = weekday(dayAt(i));
    // The e-mall took a few months to be adopted; weekends see the odd order.
    const ramp = Math.min(1, 0.35 + i / 120);
    w.push(i < 2 ? 0 : (wd === 0 || wd === 6 ? 0.08 : 1) * ramp);
  }
  return w;
}

export function makeOrdinaryOrders(rng: Rng, count: number, agencies: readonly Agency[], listings: readonly SampleListing[], ledger: Ledger): SampleOrder[] {
  const byClass = new Map<ClassKey, SampleListing[]>();
  for (const l of listings) {
    if (l.reserved) continue;
    const arr = byClass.get(l.product.cls) ?? [];
    arr.push(l);
    byClass.set(l.product.cls, arr);
  }
  const pickDay = rng.picker(dayWeights().map((w, i) => [i, w] as const));
  const pickAgency = rng.picker(agencies.map((a) => [a, 0.3 + rng.next() * 1.7] as const));

  // Days first, in order, so the ledger fills chronologically.
  const days: number[] = [];
  for (let i = 0; i < count; i++) days.push(pickDay());
  days.sort((a, b) => a - b);

  // What is on sale, by class and supplier, for the day being generated (orders come day by day).
  let stockDay = '';
  const stock = new Map<ClassKey, { pool: SampleListing[]; bySupplier: Map<string, SampleListing[]> }>();
  const onSale = (cls: ClassKey, day: string) => {
    if (day !== stockDay) {
      stock.clear();
      stockDay = day;
    }
    let s = stock.get(cls);
    if (!s) {
      const pool = (byClass.get(cls) ?? []).filter((l) => versionOn(l, day)?.status === 'on_sale');
      const bySupplier = new Map<string, SampleListing[]>();
      for (const l of pool) {
        const list = bySupplier.get(l.supplier.id);
        if (list) list.push(l);
        else bySupplier.set(l.supplier.id, [l]);
      }
      s = { pool, bySupplier };
      stock.set(cls, s);
    }
    return s;
  };

  const out: SampleOrder[] = [];
  for (const di of days) {
    const day = dayAt(di);
    const cls = rng.weighted(CLASS_WEIGHTS);
    const { pool, bySupplier } = onSale(cls, day);
    if (pool.length === 0) continue;
    const main = rng.pick(pool);
    const mates = (bySupplier.get(main.supplier.id) ?? []).filter((l) => l !== main);
    const picked = [main, ...rng.shuffle(mates).slice(0, rng.weighted([[0, 65], [1, 25], [2, 10]] as const))];
    const lines = picked.map((l) => lineAt(l, day, rng.weighted(QTY[cls])));
    let total = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
    while (total > ORDER_LIMIT_FEN && lines.some((l) => l.quantity > 1)) {
      for (const l of lines) if (l.quantity > 1) l.quantity = Math.ceil(l.quantity / 2);
      total = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
    }
    let agency: Agency | null = null;
    for (let tries = 0; tries < 30 && !agency; tries++) {
      const a = pickAgency();
      if (ledger.room(a.id, day) >= total) agency = a;
    }
    if (!agency) continue;
    const o = newOrder(rng, agency, day, rng.int(8 * 60 + 30, 18 * 60), lines);
    o.evaluation = evaluate(rng, o.doneDay);
    o.evaluationLater = o.evaluation !== null && rng.chance(0.1);
    ledger.add(o);
    out.push(o);
  }
  return out;
}
