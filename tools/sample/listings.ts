import { brandText } from './catalogue.ts';
import { DAYS, dayAt } from './clock.ts';
import type { Rng } from './prng.ts';
import type { ClassKey, SampleListing, ListingVersion, Product, Supplier } from './types.ts';

/**
 * Ordinary listings: each supplier lists part of the catalogue in its own wording. Prices
 * sit at or a little below retail (factor 0.86–1.00 of the retail reference, rounded down),
 * and later versions move by at most 3 % at least 30 days apart, so no ordinary purchase
 * comes near the price-above-retail (10 %), price-discrimination (5 %) or price-hike (10 %)
 * thresholds.
 */

// Probability that a supplier of a kind lists a product of a class.
const ASSORTMENT: Readonly<Record<Supplier['kind'], Partial<Record<ClassKey, number>>>> = {
  equipment: { printer: 0.85, fax: 0.7, printpaper: 0.3, copypaper: 0.4 },
  digital: { camera: 0.85, video: 0.85, printer: 0.35 },
  furniture: { cabinet: 0.85, furniture: 0.85 },
  stationery: { copypaper: 0.9, printpaper: 0.8, cabinet: 0.3, furniture: 0.3 },
};

export const MIN_FACTOR = 0.86;
export const MAX_FACTOR = 1.0;
export const FACT_SUPPLIER_INDEX = 0;
export const FACT_M202DW_FEN = 173000;

/** Round a price down to a tidy figure: whole yuan above ¥100, half yuan below. */
export function tidyDown(fen: number): number {
  const step = fen >= 10000 ? 100 : 50;
  return Math.floor(fen / step) * step;
}

const FULL_WIDTH = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Suppliers write models differently; matching has to see through it (DESIGN §5). */
function modelText(p: Product, s: Supplier, idx: number): string {
  if (p.cls === 'copypaper' || p.cls === 'printpaper' || p.cls === 'cabinet' || p.cls === 'furniture') return p.model;
  if (idx % 13 === 7) return FULL_WIDTH(p.model);
  if (s.brandStyle === 1) {
    const last = p.model.split(' ').pop() as string;
    return /\d/.test(last) ? last : p.model;
  }
  return p.model;
}

export function listingText(p: Product, s: Supplier, idx: number, unit: string): Pick<SampleListing, 'brandText' | 'modelText' | 'title' | 'spec'> {
  const b = brandText(p.brand, s.brandStyle);
  const m = modelText(p, s, idx);
  if (p.paper) {
    const spec = unit === '箱' ? p.spec : `${p.paper.size} ${p.paper.grams}g 500张/包`;
    return { brandText: b, modelText: m, title: `${b} ${m} 复印纸 ${unit === '箱' ? `${p.paper.packsPerBox}包/箱` : '500张/包'}`, spec };
  }
  const title = p.cls === 'cabinet' || p.cls === 'furniture' || p.cls === 'printpaper' ? `${b} ${m}` : `${b} ${m} ${p.noun}`;
  return { brandText: b, modelText: m, title, spec: p.spec };
}

export interface ListingFactory {
  nextSku(): string;
}

export function makeFactory(start = 100001): ListingFactory {
  let n = start;
  return { nextSku: () => String(n++) };
}

export function listingOf(
  p: Product, s: Supplier, sku: string, idx: number, unit: string, firstPrice: number, firstDay: string, rng: Rng, reserved: string | null,
): SampleListing {
  const packs = p.paper && unit === '箱' ? p.paper.packsPerBox : 1;
  return {
    sku, supplier: s, product: p, unit, packs,
    ...listingText(p, s, idx, unit),
    gtin: p.gtin && unit === p.unit && rng.chance(0.6) ? p.gtin : null,
    versions: [{ day: firstDay, minute: rng.int(8 * 60, 19 * 60), price: firstPrice, status: 'on_sale' }],
    reserved,
  };
}

function laterVersions(rng: Rng, first: ListingVersion, refFen: number): ListingVersion[] {
  const out: ListingVersion[] = [];
  const n = rng.weighted([[0, 70], [1, 18], [2, 9], [3, 3]] as const);
  let day = 20 + rng.int(0, 60);
  let price = first.price;
  for (let k = 0; k < n && day < DAYS - 5; k++) {
    const step = rng.range(0.01, 0.03) * (rng.chance(0.5) ? 1 : -1);
    const next = Math.min(Math.max(tidyDown(Math.round(price * (1 + step))), Math.ceil(refFen * MIN_FACTOR)), Math.floor(refFen * MAX_FACTOR));
    // Prices are tidied down, so keep the move inside 3 % of the lower price or skip it.
    if (next !== price && Math.abs(next - price) * 100 <= 3 * Math.min(next, price)) {
      out.push({ day: dayAt(day), minute: 8 * 60, price: next, status: 'on_sale' });
      price = next;
    }
    day += 30 + rng.int(0, 70);
  }
  if (rng.chance(0.03)) {
    const offDay = Math.min(day, DAYS - 2);
    if (offDay > 40) out.push({ day: dayAt(offDay), minute: 8 * 60, price, status: 'off_sale' });
  }
  return out;
}

export function makeOrdinaryListings(rng: Rng, products: readonly Product[], suppliers: readonly Supplier[], factory: ListingFactory): SampleListing[] {
  const out: SampleListing[] = [];
  suppliers.forEach((s, si) => {
    const r = rng.fork(`supplier-${s.id}`);
    for (const p of products) {
      if (p.retail === 'exclusive') continue;
      const isFact = si === FACT_SUPPLIER_INDEX && p.id === 'hp-m202dw';
      const prob = ASSORTMENT[s.kind][p.cls] ?? 0;
      if (!isFact && !r.chance(prob)) continue;
      const units = p.paper ? (r.chance(0.5) ? ['包', '箱'] : [r.pick(['包', '箱'])]) : [p.unit];
      for (const unit of units) {
        const packs = p.paper && unit === '箱' ? p.paper.packsPerBox : 1;
        const ref = p.retailFen * packs;
        const f = isFact ? 0 : r.range(MIN_FACTOR + 0.01, MAX_FACTOR);
        const price = isFact ? FACT_M202DW_FEN : Math.max(tidyDown(Math.round(ref * f)), Math.ceil(ref * MIN_FACTOR));
        const day = dayAt(-r.int(1, 10));
        const l = listingOf(p, s, factory.nextSku(), out.length, unit, price, day, r, null);
        if (!isFact) l.versions.push(...laterVersions(r, l.versions[0] as ListingVersion, ref));
        if (r.chance(0.02)) (l.versions[0] as ListingVersion).status = 'off_sale';
        out.push(l);
      }
    }
  });
  return out;
}

/** The version in effect on a day (versions change at 08:00, before any order of the day). */
export function versionOn(l: SampleListing, day: string): ListingVersion | null {
  let v: ListingVersion | null = null;
  for (const x of l.versions) if (x.day <= day) v = x;
  return v;
}
