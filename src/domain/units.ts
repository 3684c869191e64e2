import { nfkc } from './normalize.ts';
import { mergePaperSpecs, parsePaperSpec, SHEETS_PER_REAM, type PaperSpec } from './paper.ts';

/**
 * Converting a price per one unit into a price per another (DESIGN §6: the reference is
 * "converted to the line's unit"). A boxed listing of copy paper must compare with a
 * single-pack retail price, so paper converts between 张 (sheet), 包 (pack), 令 (ream = 500
 * sheets, sold as a pack) and 箱 (box) using the parsed pack and box contents. Anything else
 * converts only to the same unit: a price that cannot be reconciled gives null ("no reference"),
 * never a guessed factor.
 */

export interface PricedUnit {
  unit: string;
  spec: string | null;
  title: string;
}

/** A non-negative rational number, kept exact until the final rounding. */
interface Frac {
  num: bigint;
  den: bigint;
}

const PAPER_UNITS = new Set(['张', '包', '令', '箱']);

/**
 * A product page converts every retail observation of its product (≈1.5 s of a 20k-order
 * build went to normalizing and parsing the same few hundred unit and spec strings again),
 * so both results are remembered per string; the caches are emptied when they grow past
 * CACHE_LIMIT entries, so hostile input cannot grow them without bound.
 */
const CACHE_LIMIT = 4096;

function remembered<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

const units = new Map<string, string>();
const specs = new Map<string, PaperSpec | null>();

/** "箱", " 箱 ", "/箱", "每箱", "1箱" → "箱". */
export function normalizeUnit(unit: string): string {
  return remembered(units, unit, () => nfkc(unit).replace(/^(?:\/|每|1(?!\d)|一)\s*/, '').trim());
}

function frac(num: number, den = 1): Frac {
  return { num: BigInt(num), den: BigInt(den) };
}

/** How much one `unit` holds, in sheets and in packs, as far as the spec says. */
function contents(unit: string, spec: PaperSpec | null): { sheets: Frac | null; packs: Frac | null } {
  const spp = spec?.sheetsPerPack ?? null;
  const ppb = spec?.packsPerBox ?? null;
  switch (unit) {
    case '张':
      return { sheets: frac(1), packs: spp ? frac(1, spp) : null };
    case '包':
      return { sheets: spp ? frac(spp) : null, packs: frac(1) };
    case '令':
      // A ream is 500 sheets by definition and is sold as one pack.
      return { sheets: frac(SHEETS_PER_REAM), packs: spp ? frac(SHEETS_PER_REAM, spp) : frac(1) };
    case '箱':
      return { sheets: spp && ppb ? frac(spp * ppb) : null, packs: ppb ? frac(ppb) : null };
    default:
      return { sheets: null, packs: null };
  }
}

/** The paper spec a side states in its spec or title (never mutated by callers: contents() only reads it). */
function specOf(side: PricedUnit): PaperSpec | null {
  return remembered(specs, `${side.spec ?? ''}\u0000${side.title}`, () => mergePaperSpecs(parsePaperSpec(side.spec ?? ''), parsePaperSpec(side.title)));
}

/** price × to / from, rounded half up to a whole fen. */
function scale(priceFen: number, from: Frac, to: Frac): number {
  const a = BigInt(priceFen) * to.num * from.den;
  const b = to.den * from.num;
  return Number((2n * a + b) / (2n * b));
}

/**
 * The price per `to.unit` of something priced `priceFen` per `from.unit`, or null when the two
 * units cannot be reconciled from what the specs say. Integer fen, rounded half up.
 * Example: a 箱 of 5 × 500张 at 15000 fen is 3000 fen per 包.
 */
export function unitPriceIn(priceFen: number, from: PricedUnit, to: PricedUnit): number | null {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) return null;
  const fromUnit = normalizeUnit(from.unit);
  const toUnit = normalizeUnit(to.unit);
  if (fromUnit === '' || toUnit === '') return null;

  const paper = PAPER_UNITS.has(fromUnit) && PAPER_UNITS.has(toUnit);
  if (!paper) return fromUnit === toUnit ? priceFen : null;

  const f = contents(fromUnit, specOf(from));
  const t = contents(toUnit, specOf(to));
  // Sheets are the exact measure; packs serve when a side does not say its sheet count
  // (a retail "A4 70g 包" of the same product matched by spec).
  if (f.sheets && t.sheets) return scale(priceFen, f.sheets, t.sheets);
  if (f.packs && t.packs) return scale(priceFen, f.packs, t.packs);
  // Same unit with unknown contents on one side: a 包 is that product's 包.
  return fromUnit === toUnit ? priceFen : null;
}
