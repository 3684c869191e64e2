import type { BrandDictionary } from './brands.ts';
import { CJK, removeWords, upperNorm } from './normalize.ts';

/**
 * Model keys (DESIGN §5): NFKC (full-width → half-width), upper case, no spaces or hyphens,
 * brand and series words dropped: "LaserJet Pro M202dw" → "M202DW", "ＨＬ－２２６０Ｄ" →
 * "HL2260D", "HP LaserJet Pro M130a (G3Q57A)" → "M130A" (the bracketed vendor part number is
 * kept apart, see partNumbers).
 *
 * A model field ("G15 5520-R1766B") is kept whole, only compacted. A whole retail title
 * ("Canon PIXMA Ink Efficiency E474 with Wi-Fi (1365C009)") is reduced to its model token.
 * An empty string means "no usable model": a key must contain a digit (or be a descriptive
 * model field of four or more characters, as furniture has), because a series name alone
 * ("蛟龙", "暗影骑士") covers many different machines and would match the wrong one.
 */

// Words that describe a product rather than name it. Removed as whole words (Latin) or as
// substrings (Chinese); longer phrases are removed before their parts.
const NOISE = [
  'WITH WI-FI', 'WITH WIFI', 'С WI-FI', 'WI-FI', 'WIFI', 'WITH', 'С', 'WIDE FORMAT',
  'BLACK', 'WHITE', 'GREY', 'GRAY', 'SILVER', 'COLOR', 'COLOUR', 'MONO', 'MFP', 'PRINTER',
  'DUPLEX', 'ПРИНТЕР', 'МФУ', 'A3', 'A4',
  '黑白激光多功能一体机', '彩色激光多功能一体机', '激光多功能一体机', '喷墨多功能一体机', '多功能一体机', '一体机',
  '黑白激光打印机', '彩色激光打印机', '激光打印机', '喷墨打印机', '针式打印机', '照片打印机', '打印机',
  '数码复合机', '复合机', '复印机', '传真机', '扫描仪', '碎纸机', '投影仪',
  '数码相机', '单反相机', '微单相机', '照相机', '相机', '数码摄像机', '摄像机',
  '电脑打印纸', '凭证打印纸', '打印纸', '复印纸',
  '笔记本电脑', '笔记本', '游戏本', '台式电脑', '台式机', '电脑',
  '黑白', '彩色', '无线', '双面', '官方标配', '标配', '标准版', '系列', '新款', '款',
];

/** Tokens that are specifications, never the model: CPUs, GPUs, memory types … */
const SPEC_TOKENS = [
  /^[IR][3579]-\d{4,5}[A-Z]{0,3}\d?$/, // i7-12700H, R7-5800H, i5-1155G7 (the hyphen: "R9000P" and "R7000" are Lenovo models)
  /^(RTX|GTX|RX)-?\d{3,4}(TI|S|M)?$/, // RTX3060, GTX1650 (not GT or MX: HP DeskJet GT5810, Canon PIXMA MX498)
  /^(LP)?G?DDR\d+X?$/,
  /^(WIN|WINDOWS)\d+$/,
  /^USB\d(\.\d)?$/,
];

// A measurement: numbers with units, possibly several or a dimension: "16G", "15.6英寸",
// "165HZ", "100-1000ΜL", "45X45CM", "5ML1ML". It must contain a unit, so "2135" is not one.
const UNIT = '(?:英寸|寸|HZ|KHZ|MHZ|GHZ|KB|MB|GB|TB|G|T|K|W|KW|V|MAH|WH|MM|CM|M|UM|ΜM|NM|ML|L|UL|ΜL|MG|KG|PPM|DPI|P|BIT)';
// Every number but the last must end in a unit or a separator, so a run of digits can be read
// only one way (no exponential backtracking on long numbers).
const NUM = '\\d+(?:\\.\\d+)?';
const SEP = '[X×*~/-]';
const MEASUREMENT = new RegExp(`^(?:${NUM}(?:${UNIT}${SEP}?|${SEP}))*${NUM}${UNIT}?$`);
const HAS_UNIT = new RegExp(`\\d${UNIT}`);

const YEAR = /^(19|20)\d\d$/;
const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】/g;
const SEPARATORS = /[\s,;:|+&·•、，；：!?*×"'“”‘’《》<>]+/;

/** Vendor part numbers written in brackets: "HP LaserJet Pro M130a (G3Q57A)" → ["G3Q57A"]. */
export function partNumbers(model: string): string[] {
  const found: string[] = [];
  for (const group of upperNorm(model).match(BRACKETS) ?? []) {
    const inner = group.slice(1, -1).trim();
    // One token, at least one digit, 5–20 characters: "G3Q57A", "1102M23RUV", "407691";
    // not a specification list like "新12代i7-12700H 16G 512G".
    if (/^[A-Z0-9][A-Z0-9_.-]{4,19}$/.test(inner) && /\d/.test(inner) && !isSpec(inner)) {
      if (!found.includes(inner)) found.push(inner);
    }
  }
  return found;
}

function stripBrackets(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(BRACKETS, ' ');
  }
  return out;
}

function isSpec(token: string): boolean {
  if (MEASUREMENT.test(token) && HAS_UNIT.test(token)) return true;
  return SPEC_TOKENS.some((re) => re.test(token));
}

const LONG_CJK_RUN = new RegExp(`[${CJK}]{8,}`);

/**
 * A title, not a model field: long as given, or, once brand and descriptive words are gone,
 * still many words ("PowerShot G7 X Mark II" is a model; five words is not yet a title) or a
 * run of Chinese prose ("适配曲拉通X-100乳化剂…"). A model field
 * has at most a short series word ("拯救者Y9000P", "蛟龙5").
 */
function looksLikeTitle(original: string, reduced: string): boolean {
  const words = reduced.trim().split(/\s+/).length;
  return original.length > 30 || words > 5 || LONG_CJK_RUN.test(reduced);
}

function compactKey(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * "SP 212w", "MP 2014AD", "RTX 3060": a one-to-three-letter prefix written apart from the
 * number after it is one token. Merged before specifications are recognised, so "212W" is not
 * taken for 212 watts and "RTX 3060" is still a graphics card.
 */
function mergePrefixes(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if (/^[A-Z]{1,3}$/.test(t) && next !== undefined && /^\d+[A-Z0-9]*$/.test(next) && !YEAR.test(next) && !CLEAR_MEASURE.test(next)) {
      out.push(t + next);
      i++;
    } else if (t !== CJK_BREAK) {
      out.push(t);
    }
  }
  return out;
}

// A number with a unit of two or more letters is a measurement even after a letter prefix
// ("旷世E 165Hz"); one-letter suffixes are not, because models end in them ("SP 212w", "M6500W").
const CLEAR_MEASURE = /^\d+(?:\.\d+)?(?:HZ|KHZ|MHZ|GHZ|KB|MB|GB|TB|MAH|WH|MM|CM|ML|UL|ΜL|KG|PPM|DPI|BIT)$/;

// Stands for a run of Chinese between two Latin tokens in a title: "A级…10ml" must not merge
// into "A10ML" the way "SP 212w" merges into "SP212W".
const CJK_BREAK = '\u0000';

/** A model field: every remaining token, joined. */
function keyFromField(text: string): string {
  const tokens = mergePrefixes(text.split(SEPARATORS).filter((t) => t !== '')).filter((t) => !isSpec(t));
  // "LaserJet Pro 500 M521dn": a short bare number before the model code is a series
  // number, not part of the model.
  const firstCode = tokens.findIndex((t) => /[A-Z]/.test(t) && /\d/.test(t));
  const kept = tokens.filter((t, i) => !(i < firstCode && /^\d{1,3}$/.test(t)));
  return compactKey(kept.join(''));
}

// Chinese-unit measurements ("17.3英寸", "12代", "500张") go before Chinese text is cut out,
// or their numbers would be left behind looking like model numbers.
const CJK_MEASUREMENT = /\d+(?:\.\d+)?\s*(?:英寸|寸|代|核|线程|张|包|箱|个|支|只|盒|瓶|套|件|台|片|两|克|页|色|联)/g;

/**
 * A title: the first model-looking token (letters with digits). A bare number counts only when
 * nothing else is left before it ("HP OfficeJet Pro 7740 Wide Format"): in a Chinese title a
 * bare number is far more often a specification ("满血3060").
 */
function keyFromTitle(text: string): string {
  const raw = text
    .replace(CJK_MEASUREMENT, ' ')
    .replace(new RegExp(`[${CJK}]+`, 'g'), ` ${CJK_BREAK} `)
    .split(SEPARATORS)
    .map((t) => (t === CJK_BREAK ? t : t.replace(/^[-_./]+|[-_./]+$/g, '')))
    .filter((t) => t !== '');
  const tokens = mergePrefixes(raw).filter((t) => !isSpec(t));
  const code = tokens.find((t) => /[A-Z]/.test(t) && /\d/.test(t) && t.length >= 3);
  if (code !== undefined) return compactKey(code);
  const first = tokens[0];
  return first !== undefined && /^\d{3,}$/.test(first) && !YEAR.test(first) ? first : '';
}

/** Too little to name one product: no digit, or a lone one- or two-digit number. */
function isWeak(key: string): boolean {
  return !/\d/.test(key) || /^\d{1,2}$/.test(key);
}

interface Words {
  /** Brand aliases and descriptive words, always dropped. */
  base: readonly string[];
  /** The brand's series words, dropped when a real model remains. */
  series: readonly string[];
}

// Word lists per dictionary and brand, built once: modelKey runs for every retail observation.
const wordCache = new WeakMap<BrandDictionary, Map<string, Words>>();
const NO_DICT = new Map<string, Words>();

function wordsFor(dict: BrandDictionary | undefined, brand: string | null | undefined): Words {
  const cache = dict ? (wordCache.get(dict) ?? new Map<string, Words>()) : NO_DICT;
  if (dict && !wordCache.has(dict)) wordCache.set(dict, cache);
  const id = brand ?? '';
  const hit = cache.get(id);
  if (hit) return hit;

  const brandWords: string[] = brand ? [brand.toUpperCase()] : [];
  const series: string[] = [];
  if (dict) {
    const keys = brand ? [brand] : [...dict.brands.keys()];
    for (const k of keys) {
      brandWords.push(...(dict.aliasWords.get(k) ?? []));
      series.push(...(dict.brands.get(k)?.series ?? []));
    }
  }
  const words = { base: longestFirst([...brandWords, ...NOISE]), series: longestFirst(series) };
  cache.set(id, words);
  return words;
}

function longestFirst(words: string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/**
 * The model key of a model field or, when the field is empty or is the whole title, of a title.
 * `brandKey` and `dict` let brand words (惠普, HP, ThinkPad) and the brand's series words
 * (LaserJet Pro, 拯救者) be dropped; without a brand, the words of every brand are.
 * Series words are dropped only when a real model remains ("光影精灵8" stays "光影精灵8":
 * "8" alone would name nothing). Returns "" when there is no usable model.
 */
export function modelKey(model: string, brandKey?: string | null, dict?: BrandDictionary): string {
  const original = upperNorm(model);
  if (original === '') return '';
  const words = wordsFor(dict, brandKey);
  const base = removeWords(stripBrackets(original), words.base);

  const title = looksLikeTitle(original, base);
  const reduce = title ? keyFromTitle : keyFromField;
  const withoutSeries = reduce(removeWords(base, words.series));
  if (!isWeak(withoutSeries)) return withoutSeries;
  const withSeries = reduce(base);
  if (!isWeak(withSeries)) return withSeries;
  // A descriptive model field without digits ("会议椅 弓形 网布": furniture is listed this
  // way) still names one product of its brand, unless it was only a series name ("蛟龙",
  // "暗影骑士擎" changed when series words were dropped) or is too short to be specific.
  if (!title && withSeries === withoutSeries && [...withSeries].length >= 4) return withSeries;
  return '';
}

/** `brand:MODEL`, or null when either part is missing (an unkeyed product is never matched). */
export function productKey(brandKey: string | null, modelKey: string): string | null {
  if (!brandKey || modelKey === '') return null;
  return `${brandKey}:${modelKey}`;
}
