/**
 * Text normalisation shared by brand keys, model keys and paper specs. Retail and platform
 * text mixes full-width and half-width forms (ＨＬ－２２６０Ｄ, 惠普（HP）), several dashes and
 * odd spaces; everything that compares product text goes through here first, so that two
 * spellings of one product become one string.
 */

// Dashes NFKC leaves alone (hyphen, non-breaking hyphen, figure dash, en/em dash, minus, ー is
// NOT here: it is a katakana prolonged sound mark, not a dash).
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63]/g;

// Text NFKC leaves as it is: printable ASCII, Cyrillic, CJK ideographs. Most product text is
// only these, and String#normalize is by far the slowest step of keying (measured: ~60 % of
// retailProductKey), so such text skips it.
const NFKC_STABLE = /^[\x20-\x7E\u0400-\u04FF\u4E00-\u9FFF]*$/;

/** NFKC (full-width → half-width, ㎡ → m2), one kind of dash, single spaces, trimmed. */
export function nfkc(text: string): string {
  const n = NFKC_STABLE.test(text) ? text : text.normalize('NFKC').replace(DASHES, '-');
  return n.replace(/\s+/g, ' ').trim();
}

/** `nfkc` then upper case: the form model keys and spec parsing work on. */
export function upperNorm(text: string): string {
  return nfkc(text).toUpperCase();
}

/** A CJK ideograph (the common blocks; enough for brand and product words). */
export const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
const CJK_CHAR = new RegExp(`[${CJK}]`);

export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** Characters that make an alphabetic word continue (Latin, Cyrillic, Greek, digits; not CJK). */
const WORD_CHAR = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}]/u;

/**
 * Where `needle` occurs in `hay` as a whole word. Latin/digit edges of the needle must not touch
 * another Latin letter or digit ("HP" is not inside "HPX", "MI" not inside "MINI"); CJK edges
 * need no boundary, because Chinese is written without spaces ("联想拯救者" contains 联想).
 */
export function findWord(hay: string, needle: string, from = 0): number {
  if (needle === '') return -1;
  let at = hay.indexOf(needle, from);
  while (at !== -1 && !isWordAt(hay, needle, at)) at = hay.indexOf(needle, at + 1);
  return at;
}

/** Whether `needle` sits at `at` in `hay` as a whole word (see findWord). */
export function isWordAt(hay: string, needle: string, at: number): boolean {
  if (needle === '' || !hay.startsWith(needle, at)) return false;
  const before = at > 0 ? (hay[at - 1] as string) : '';
  const after = hay[at + needle.length] ?? '';
  const leftOk = !WORD_CHAR.test(needle[0] as string) || !WORD_CHAR.test(before);
  const rightOk = !WORD_CHAR.test(needle[needle.length - 1] as string) || !WORD_CHAR.test(after);
  return leftOk && rightOk;
}

/**
 * Replace every whole-word occurrence of each phrase with a space, in the order given: pass
 * longer phrases first ("LASERJET PRO" before "LASERJET").
 */
export function removeWords(hay: string, phrases: readonly string[]): string {
  let out = hay;
  for (const phrase of phrases) {
    if (phrase === '' || !out.includes(phrase)) continue;
    let at = findWord(out, phrase);
    while (at !== -1) {
      out = `${out.slice(0, at)} ${out.slice(at + phrase.length)}`;
      at = findWord(out, phrase, at + 1);
    }
  }
  return out;
}
