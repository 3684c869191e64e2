import { CJK, isWordAt, upperNorm } from './normalize.ts';

/**
 * Brand keys (DESIGN §5): every spelling of a brand (惠普 / HP / 惠普（HP） / HP/惠普 /
 * Hewlett-Packard) becomes one stable key (`hp`). The dictionary is data (data/brands.json);
 * this module only validates and indexes it, so the caller does the file reading.
 */

export interface BrandEntry {
  key: string;
  aliases: readonly string[];
  /** Product-line words dropped from model keys, in the upper-case normalised form. */
  series: readonly string[];
}

export interface BrandDictionary {
  readonly brands: ReadonlyMap<string, BrandEntry>;
  /** Compact alias (upper case, no spaces, ASCII brackets) → brand key. Every alias. */
  readonly byAlias: ReadonlyMap<string, string>;
  /** Aliases that may be looked for inside free text, grouped by their first character. */
  readonly textAliases: ReadonlyMap<string, readonly TextAlias[]>;
  /** Upper-case normalised aliases per brand, for dropping brand words from model text. */
  readonly aliasWords: ReadonlyMap<string, readonly string[]>;
}

interface TextAlias {
  form: string;
  key: string;
}

const KEY_SHAPE = /^[a-z0-9][a-z0-9-]*$/;

/** Upper case, no spaces, one kind of bracket: the form aliases are compared in. */
function compact(text: string): string {
  return upperNorm(text)
    .replace(/[【〔［\[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/\s+/g, '');
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw new Error(`brands.json: ${where} must be a list of non-empty strings`);
  }
  return value as string[];
}

/**
 * Validate and index the parsed brands.json. Throws on a malformed file, an alias claimed by
 * two brands or a duplicate key: a broken dictionary would silently mis-match products, so
 * analysis must stop instead.
 */
export function loadBrandDictionary(json: unknown): BrandDictionary {
  const list = (json as { brands?: unknown } | null)?.brands;
  if (!Array.isArray(list)) throw new Error('brands.json: expected { "brands": [...] }');

  const brands = new Map<string, BrandEntry>();
  const byAlias = new Map<string, string>();
  const aliasWords = new Map<string, string[]>();
  const text: TextAlias[] = [];

  list.forEach((raw: unknown, i) => {
    const item = raw as Record<string, unknown> | null;
    const key = item?.key;
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new Error(`brands.json: brands[${i}].key must be lower-case letters, digits, hyphens`);
    }
    if (brands.has(key)) throw new Error(`brands.json: duplicate key "${key}"`);
    const aliases = stringList(item?.aliases, `brands[${i}] (${key}).aliases`);
    const exactOnly = new Set(stringList(item?.exact_only, `${key}.exact_only`).map(compact));
    const series = stringList(item?.series, `${key}.series`).map(upperNorm);
    if (aliases.length === 0) throw new Error(`brands.json: "${key}" has no aliases`);

    for (const alias of aliases) {
      const c = compact(alias);
      const owner = byAlias.get(c);
      if (owner !== undefined && owner !== key) {
        throw new Error(`brands.json: alias "${alias}" belongs to both "${owner}" and "${key}"`);
      }
      byAlias.set(c, key);
      if (!exactOnly.has(c)) text.push({ form: upperNorm(alias), key });
    }
    // The key itself is a valid spelling too ("hp", "deli").
    if (!byAlias.has(compact(key))) byAlias.set(compact(key), key);
    // Longest first: removing "惠普（HP）" before "惠普" leaves no stray "(HP)".
    aliasWords.set(key, [...new Set(aliases.map(upperNorm))].sort((a, b) => b.length - a.length));
    brands.set(key, { key, aliases, series });
  });

  const textAliases = new Map<string, TextAlias[]>();
  for (const a of text) {
    const first = a.form[0] as string;
    const bucket = textAliases.get(first) ?? [];
    if (!bucket.some((b) => b.form === a.form)) bucket.push(a);
    textAliases.set(first, bucket);
  }
  // Longest first, so that 富士施乐 wins over 富士 and 惠普（HP） over 惠普 at the same place.
  for (const bucket of textAliases.values()) bucket.sort((a, b) => b.form.length - a.form.length);

  return { brands, byAlias, textAliases, aliasWords };
}

const SEPARATORS = /[()（）【】\[\]〔〕/|｜、,，;；]+/;
const SCRIPT_RUNS = new RegExp(`[${CJK}]+|[^${CJK}]+`, 'g');

/**
 * The brand key of a brand field, or null. Accepts the whole string as an alias, or a combined
 * form whose parts name one brand ("联想（Lenovo）", "HP/惠普", "惠普HP", "Lenovo Legion").
 * Parts that name two different brands give null rather than a guess; so does a field with no
 * known part ("荣耀剑舞" is not 荣耀: brand fields are compared whole, never by substring).
 */
export function brandKey(dict: BrandDictionary, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const whole = compact(raw);
  if (whole === '') return null;
  const direct = dict.byAlias.get(whole);
  if (direct !== undefined) return direct;

  const found = new Set<string>();
  // Coarse to fine: bracket/slash chunks, then CJK vs Latin runs, then words. A finer level is
  // only tried when the coarser piece is unknown, so "富士施乐 Fuji Xerox" stays one brand.
  for (const chunk of upperNorm(raw).split(SEPARATORS)) {
    if (lookup(dict, chunk, found)) continue;
    for (const run of chunk.match(SCRIPT_RUNS) ?? []) {
      if (lookup(dict, run, found)) continue;
      for (const word of run.split(/\s+/)) lookup(dict, word, found);
    }
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}

function lookup(dict: BrandDictionary, piece: string, found: Set<string>): boolean {
  const c = compact(piece);
  if (c === '') return true; // nothing to resolve: do not descend
  const key = dict.byAlias.get(c);
  if (key === undefined) return false;
  found.add(key);
  return true;
}

/**
 * Upper-case NFKC text together with, for each of its UTF-16 units, where the character it
 * came from starts and ends in the original, so a match can be reported in the caller's text.
 */
function normaliseWithMap(text: string): { norm: string; start: number[]; end: number[] } {
  let norm = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const ch of text) {
    const n = /\s/.test(ch)
      ? ' '
      : ch
          .normalize('NFKC')
          .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
          .toUpperCase();
    for (let k = 0; k < n.length; k++) {
      start.push(at);
      end.push(at + ch.length);
    }
    norm += n;
    at += ch.length;
  }
  return { norm, start, end };
}

/**
 * Find a brand inside a free title ("惠普（HP）LaserJet Pro M202dw 黑白激光打印机",
 * "Принтер HP LaserJet Pro M15w"). The earliest alias wins (titles start with the brand),
 * the longest at that place; Latin aliases must be whole words. A combined form right after
 * the alias ("惠普（HP）", "HP/惠普") is included in `matched`, which is the original text.
 * Aliases marked exact_only in brands.json (MI, APP, 光明 …) are never looked for here, nor
 * a brand right after 适用/兼容 ("for"), nor a Latin alias hyphenated into a code.
 * This is still reading free text: callers use it only when there is no brand field.
 */
export function findBrandInText(
  dict: BrandDictionary,
  text: string,
): { key: string; matched: string } | null {
  const { norm, start, end } = normaliseWithMap(text);
  for (let i = 0; i < norm.length; i++) {
    const bucket = dict.textAliases.get(norm[i] as string);
    if (bucket === undefined) continue;
    for (const alias of bucket) {
      if (!isWordAt(norm, alias.form, i) || joinedByHyphen(norm, i, alias.form) || afterCompatWord(norm, i)) continue;
      const stop = extendCombined(dict, norm, i + alias.form.length, alias.key);
      return { key: alias.key, matched: text.slice(start[i], end[stop - 1]) };
    }
  }
  return null;
}

/** "JK-DMS-HP": a Latin alias glued to a code by a hyphen is part of that code. */
function joinedByHyphen(norm: string, at: number, form: string): boolean {
  if (!/^[A-Z0-9]/.test(form)) return false;
  return norm[at - 1] === '-' || norm[at + form.length] === '-';
}

// "适用惠普M202dw硒鼓" is a third-party cartridge for an HP printer, not an HP product.
const COMPAT = /(?:适用于?|兼容|适配|用于|FOR)\s*$/;

function afterCompatWord(norm: string, at: number): boolean {
  return COMPAT.test(norm.slice(Math.max(0, at - 4), at));
}

/** Past the end of "惠普" in "惠普（HP）…" or of "HP" in "HP/惠普…": where the brand really ends. */
function extendCombined(dict: BrandDictionary, norm: string, from: number, key: string): number {
  let j = from;
  while (norm[j] === ' ') j++;
  if (norm[j] === '(') {
    const close = norm.indexOf(')', j);
    if (close !== -1 && close - j <= 40 && dict.byAlias.get(compact(norm.slice(j + 1, close))) === key) {
      return close + 1;
    }
  }
  if (norm[j] === '/') {
    for (const word of dict.aliasWords.get(key) ?? []) {
      if (isWordAt(norm, word, j + 1)) return j + 1 + word.length;
    }
  }
  return from;
}
