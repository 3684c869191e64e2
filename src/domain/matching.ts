import { brandKey, findBrandInText, type BrandDictionary } from './brands.ts';
import { modelKey, productKey } from './model-key.ts';
import { nfkc } from './normalize.ts';
import { looksLikePaper, mergePaperSpecs, parsePaperSpec } from './paper.ts';
import type { ManualMatch } from './manual-matches.ts';

export { manualMatchMap, parseManualMatches, type ManualMatch } from './manual-matches.ts';

/**
 * Matching a platform listing with retail products (DESIGN §5). Methods, strongest first:
 * gtin, manual (data/matches.csv, which can also pin "no match"), model, spec (paper), none.
 * Listings and retail observations get their product keys from the same functions, so a key
 * means the same thing on both sides.
 */

export interface MatchInput {
  sku: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  gtin: string | null;
  category_code: string;
}

export interface RetailKeyInput {
  id: number;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  gtin: string | null;
}

export type MatchMethod = 'gtin' | 'manual' | 'model' | 'spec' | 'none';

export interface MatchResult {
  sku: string;
  product_key: string | null;
  method: MatchMethod;
  confidence: number;
}

export interface RetailIndex {
  /** GTIN-14 → product key; a GTIN seen with two different products is left out. */
  readonly byGtin: ReadonlyMap<string, string>;
  /** Every product key present at retail (model keys and paper spec keys). */
  readonly productKeys: ReadonlySet<string>;
  /** The paper spec keys among them. */
  readonly paperKeys: ReadonlySet<string>;
}

export const CONFIDENCE: Readonly<Record<MatchMethod, number>> = {
  gtin: 1.0,
  manual: 1.0,
  model: 0.9,
  spec: 0.8,
  none: 0,
};

/**
 * Copy paper and printing paper: A090101 复印纸 and A090102 打印纸 of the national procurement
 * catalogue, and A090199 (other paper; the bundled sample files 打印纸 there). Titles with paper
 * words are recognised as paper too, whatever the code.
 */
export const PAPER_CATEGORY_CODES: ReadonlySet<string> = new Set(['A090101', 'A090102', 'A090199']);

// Brand fields that say "no brand"; the title may then name one.
const NO_BRAND = new Set(['', '其他', '其它', '无', '无品牌', '通用', '暂无', '-', 'N/A', 'NA', 'NONE', 'OTHER', 'OTHERS']);

/**
 * The brand key of a listing or observation: the brand field when it names a known brand;
 * the title only when the field is empty or says "no brand". A field naming an unknown brand
 * ("荣耀剑舞") gives null rather than whatever brand word the title happens to contain.
 */
export function resolveBrand(dict: BrandDictionary, brand: string | null | undefined, title: string): string | null {
  const field = nfkc(brand ?? '');
  if (!NO_BRAND.has(field.toUpperCase())) return brandKey(dict, field);
  return findBrandInText(dict, title)?.key ?? null;
}

/** The paper spec key: "deli:PAPER:A4:70G:500", or null without brand, size, grammage or sheets. */
export function paperProductKey(brand: string | null, text: { spec: string | null; title: string }): string | null {
  if (!brand) return null;
  const spec = mergePaperSpecs(parsePaperSpec(text.spec ?? ''), parsePaperSpec(text.title));
  if (!spec || spec.size === null || spec.grammage === null || spec.sheetsPerPack === null) return null;
  return `${brand}:PAPER:${spec.size}:${spec.grammage}G:${spec.sheetsPerPack}`;
}

const PAPER_KEY = /^[^:]+:PAPER:/;

/**
 * brand:MODEL from the model field; from the title only when the field gives no model (empty,
 * or a series name like "机械革命蛟龙"). Never both: a title usually names less than the model
 * field ("戴尔G15" vs "G15 5520-R1766B"), and a second, vaguer key would match the wrong product.
 */
function modelProductKey(dict: BrandDictionary, brand: string | null, model: string, title: string): string | null {
  if (!brand) return null;
  const fromModel = modelKey(model, brand, dict);
  return productKey(brand, fromModel !== '' ? fromModel : modelKey(title, brand, dict));
}

function isPaperText(title: string, spec: string | null): boolean {
  return looksLikePaper(`${title} ${spec ?? ''}`);
}

/**
 * The one place a product key is chosen, for listings and retail alike: paper with a complete
 * spec gets its spec key; anything else (including paper known by a model number, like
 * continuous-form 电脑打印纸 241-2) gets brand:MODEL.
 */
function keyOf(dict: BrandDictionary, item: KeyText, paper: boolean): KeyChoice {
  // Retail data repeats the same texts on every day and at every store: key each text once.
  let memo = keyMemo.get(dict);
  if (memo === undefined || memo.size >= MEMO_LIMIT) keyMemo.set(dict, (memo = new Map()));
  const id = `${paper ? 1 : 0}\u0001${item.brand}\u0001${item.model}\u0001${item.title}\u0001${item.spec ?? ''}`;
  const hit = memo.get(id);
  if (hit !== undefined) return hit;
  const choice = computeKey(dict, item, paper);
  memo.set(id, choice);
  return choice;
}

interface KeyText {
  brand: string;
  model: string;
  title: string;
  spec: string | null;
}

interface KeyChoice {
  key: string | null;
  method: 'spec' | 'model';
}

const keyMemo = new WeakMap<BrandDictionary, Map<string, KeyChoice>>();
// Bounds the memo's memory (~100 MB worst case); past it the memo starts afresh.
const MEMO_LIMIT = 200_000;

function computeKey(dict: BrandDictionary, item: KeyText, paper: boolean): KeyChoice {
  const brand = resolveBrand(dict, item.brand, item.title);
  const spec = paper ? paperProductKey(brand, item) : null;
  if (spec !== null) return { key: spec, method: 'spec' };
  return { key: modelProductKey(dict, brand, item.model, item.title), method: 'model' };
}

/**
 * The product key of a retail observation (whatever its GTIN): a paper spec key for paper
 * ("deli:PAPER:A4:70G:500"), otherwise brand:MODEL from the model field or, failing that,
 * from the title.
 */
export function retailProductKey(dict: BrandDictionary, obs: RetailKeyInput): string | null {
  return keyOf(dict, obs, isPaperText(obs.title, obs.spec)).key;
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/** A GTIN-8/12/13/14 as 14 digits, or null when it is malformed or its check digit is wrong. */
export function normalizeGtin(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const digits = nfkc(raw).replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || !GTIN_LENGTHS.has(digits.length)) return null;
  const gtin = digits.padStart(14, '0');
  // GS1 check digit: weights 3,1,3,… from the right, excluding the check digit itself.
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(gtin[13])) return null;
  // All zeros passes the arithmetic but is a placeholder, not a product.
  return /^0+$/.test(gtin) ? null : gtin;
}

export function buildRetailIndex(dict: BrandDictionary, observations: Iterable<RetailKeyInput>): RetailIndex {
  const byGtin = new Map<string, string>();
  const conflicting = new Set<string>();
  const productKeys = new Set<string>();
  const paperKeys = new Set<string>();
  for (const obs of observations) {
    const key = retailProductKey(dict, obs);
    if (key === null) continue;
    productKeys.add(key);
    if (PAPER_KEY.test(key)) paperKeys.add(key);
    const gtin = normalizeGtin(obs.gtin);
    if (gtin === null || conflicting.has(gtin)) continue;
    const seen = byGtin.get(gtin);
    if (seen === undefined) byGtin.set(gtin, key);
    else if (seen !== key) {
      // One barcode on two products is bad data: trust neither.
      byGtin.delete(gtin);
      conflicting.add(gtin);
    }
  }
  return { byGtin, productKeys, paperKeys };
}

function result(sku: string, product_key: string | null, method: MatchMethod): MatchResult {
  return { sku, product_key, method, confidence: CONFIDENCE[method] };
}

/** Whether a listing is copy or printing paper: by its category, or by its words. */
export function isPaperListing(listing: Pick<MatchInput, 'category_code' | 'title' | 'spec'>): boolean {
  return PAPER_CATEGORY_CODES.has(listing.category_code) || isPaperText(listing.title, listing.spec);
}

/**
 * Match one listing. GTIN first (a barcode names one product exactly), then a manual row, then
 * the product key: for paper with a complete spec its spec key, for anything else its model key. A key is only returned when retail has it: a
 * listing whose product no retailer sells is `none`, and gets no reference price.
 */
export function matchListing(
  dict: BrandDictionary,
  listing: MatchInput,
  index: RetailIndex,
  manual: ReadonlyMap<string, ManualMatch>,
): MatchResult {
  const gtin = normalizeGtin(listing.gtin);
  const byGtin = gtin === null ? undefined : index.byGtin.get(gtin);
  if (byGtin !== undefined) return result(listing.sku, byGtin, 'gtin');

  const pinned = manual.get(listing.sku);
  if (pinned !== undefined) return result(listing.sku, pinned.product_key, 'manual');

  const { key, method } = keyOf(dict, listing, isPaperListing(listing));
  const present = method === 'spec' ? index.paperKeys : index.productKeys;
  if (key !== null && present.has(key)) return result(listing.sku, key, method);
  return result(listing.sku, null, 'none');
}
