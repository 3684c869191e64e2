import { fenToYuanString } from '../../src/domain/money.ts';
import { DAYS, dayAt } from './clock.ts';
import type { Rng } from './prng.ts';
import type { Product } from './types.ts';

/**
 * Retail observations as a price watcher would record them from JD, Suning and Tmall: the
 * retailers' own titles and brand spellings, self-operated (自营) and marketplace stores,
 * a few strike-through "list" prices (划线价), one price per store per visit.
 */

export type Retailer = 'jd' | 'suning' | 'tmall';

export interface RetailRow {
  retailer: Retailer;
  brand: string;
  model: string;
  title: string;
  spec: string;
  unit: string;
  price: string;
  observed_at: string;
  url: string;
  self_operated: boolean;
  gtin: string;
  currency: string;
  price_kind: 'sale' | 'list';
}

export const RETAIL_COLUMNS = [
  'retailer', 'brand', 'model', 'title', 'spec', 'unit', 'price', 'observed_at', 'url', 'self_operated', 'gtin', 'currency', 'price_kind',
] as const;

/** The day the e-mall's HP M202dw was reported at ¥1,730, ¥129 below Suning's ¥1,859. */
export const FACT_DAY = '2018-07-03';
export const FACT_SUNING_FEN = 185900;

export const DEFAULT_BAND = [0.96, 1.06] as const;

function shortModel(model: string): string {
  const last = model.split(' ').pop() as string;
  return /\d/.test(last) && /[A-Za-z]/.test(last) ? last : model;
}

export interface Store {
  retailer: Retailer;
  self: boolean;
  id: number;
}

export function retailRow(p: Product, store: Store, day: string, fen: number, packs: number, kind: 'sale' | 'list' = 'sale', currency = 'CNY'): RetailRow {
  const { cn, en } = p.brand;
  const unit = packs > 1 ? '箱' : p.unit;
  let brand = cn;
  let model = p.model;
  let title: string;
  const paperTail = p.paper ? (packs > 1 ? `${p.paper.sheets}张/包 ${packs}包/箱` : `${p.paper.sheets}张/包 单包`) : '';
  if (store.retailer === 'jd') {
    brand = en ? `${cn}（${en}）` : cn;
    const noun = p.model.includes(p.noun) ? '' : ` ${p.noun}`;
    title = `${brand}${p.model}${noun} ${p.paper ? paperTail : (p.spec ?? '')}`.trim();
  } else if (store.retailer === 'suning') {
    brand = en ? `${cn}(${en})` : cn;
    model = shortModel(p.model);
    title = `${brand} ${model}${model.includes(p.noun) ? '' : ` ${p.noun}`}${p.paper ? ` ${paperTail}` : ''}`;
  } else {
    brand = en ? `${en}/${cn}` : cn;
    // Tmall sellers tend to shout the model: "HP/惠普 M202DW".
    model = p.paper || p.cls === 'cabinet' || p.cls === 'furniture' || p.cls === 'printpaper' ? p.model : shortModel(p.model).toUpperCase();
    title = `${brand} ${model}${model.includes(p.noun) ? '' : p.noun} ${store.self ? '天猫超市' : '官方旗舰店'}${p.paper ? ` ${paperTail}` : ''}`;
  }
  const spec = p.paper ? `${p.paper.size} ${p.paper.grams}g ${paperTail}` : (p.spec ?? '');
  const url =
    store.retailer === 'jd' ? `https://item.jd.com/${store.id}.html`
    : store.retailer === 'suning' ? `https://product.suning.com/0000000000/${store.id}.html`
    : `https://detail.tmall.com/item.htm?id=${store.id}`;
  return {
    retailer: store.retailer, brand, model, title, spec, unit, price: fenToYuanString(fen), observed_at: day, url,
    self_operated: store.self, gtin: store.retailer === 'jd' && store.self && p.gtin && packs === 1 ? p.gtin : '',
    currency, price_kind: kind,
  };
}

export function storesFor(p: Product, r: Rng, n: number): Store[] {
  const id = (base: number, k: number) => base + n * 97 + k * 13;
  const stores: Store[] = [{ retailer: 'jd', self: true, id: id(100000, 0) }];
  if (r.chance(0.5)) stores.push({ retailer: 'jd', self: false, id: id(5000000, 1) });
  if (r.chance(0.8)) stores.push({ retailer: 'suning', self: true, id: id(10000000, 2) });
  if (r.chance(0.3)) stores.push({ retailer: 'suning', self: false, id: id(60000000, 3) });
  if (p.paper) stores.push({ retailer: 'tmall', self: true, id: id(520000000000, 4) });
  else if (r.chance(0.7)) stores.push({ retailer: 'tmall', self: false, id: id(560000000000, 5) });
  return stores;
}

/** A price in the band, rounded up (to the yuan above ¥100, to 10 fen below) so it never leaves it. */
function bandPrice(ref: number, f: number): number {
  const step = ref >= 10000 ? 100 : 10;
  return Math.ceil((ref * f) / step) * step;
}

export function makeRetailRows(rng: Rng, products: readonly Product[]): RetailRow[] {
  const rows: RetailRow[] = [];
  products.forEach((p, n) => {
    if (p.retail !== 'noisy' && p.retail !== 'flat') return;
    const r = rng.fork(`retail-${p.id}`);
    const [lo, hi] = p.band ?? DEFAULT_BAND;
    const period = r.int(60, 150);
    const phase = r.int(0, period);
    for (const store of storesFor(p, r, n)) {
      let d = -r.int(0, 8);
      while (d < DAYS) {
        const day = dayAt(d);
        const wave = 0.5 + 0.5 * Math.sin((2 * Math.PI * (d + phase)) / period);
        const f = Math.min(hi, Math.max(lo, lo + (hi - lo) * (0.7 * wave + 0.3 * r.next())));
        const skipFact = p.id === 'hp-m202dw' && store.retailer === 'suning' && day === FACT_DAY;
        if (!skipFact) {
          const packs = p.paper && r.chance(0.4) ? p.paper.packsPerBox : 1;
          const ref = p.retailFen * packs;
          const fen = p.retail === 'flat' ? ref : bandPrice(ref, f);
          rows.push(retailRow(p, store, day, fen, packs));
          // A strike-through price shown beside the sale price; it must never become a reference.
          if (r.chance(0.03)) rows.push(retailRow(p, store, day, Math.ceil((fen * 1.15) / 100) * 100, packs, 'list'));
        }
        d += r.int(20, 40);
      }
    }
    if (p.id === 'hp-m202dw') rows.push(retailRow(p, { retailer: 'suning', self: true, id: 10000000 + n * 97 + 2 * 13 }, FACT_DAY, FACT_SUNING_FEN, 1));
  });
  return rows;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function retailCsv(rows: readonly RetailRow[]): string {
  const lines = [RETAIL_COLUMNS.join(',')];
  for (const row of rows) lines.push(RETAIL_COLUMNS.map((c) => csvCell(String(row[c]))).join(','));
  return `${lines.join('\n')}\n`;
}
