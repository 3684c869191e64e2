/**
 * The one scrubber of personal data in published free text (DESIGN §3, Personal data): every
 * title, spec, name, comment and reject reason passes through it before it is stored. Adapters
 * drop personal fields by allow-list; this catches what leaks into the text that is kept — an
 * evaluation comment that quotes a phone number, a title with an e-mail address in it.
 *
 * Numbers are matched in all the ways people write them: ASCII or full-width digits
 * (１３８…), grouped with spaces, hyphens or dots, with a +86 / 0086 / (+86) prefix, landlines
 * with the area code in brackets, 400/800 service numbers, resident ID numbers of 15 and 18
 * digits, bank card numbers of 16 to 19 digits. Ids (order numbers, skus, GTINs) are never
 * passed here: they are validated by their own rules, and a 12-digit GTIN starting with 0
 * would read as a landline.
 */

export const REDACTED = '〔已隐去〕';

const D = '[0-9０-９]';
const S = '[\\s\\-.－．·]?';
const NOT_D_BEFORE = `(?<![0-9０-９])`;
const NOT_D_AFTER = `(?![0-9０-９])`;
const number = (body: string) => new RegExp(`${NOT_D_BEFORE}${body}${NOT_D_AFTER}`, 'gu');

// Longest and most specific first: a span already replaced holds no digits for the next one.
const PATTERNS: RegExp[] = [
  /[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/gu,
  // Resident ID, 18 characters (the last may be X), whole or grouped 6-8-4.
  number(`${D}{6}${S}${D}{8}${S}${D}{3}[0-9０-９XxＸｘ]`),
  // Bank cards: 16–19 digits, whole or in groups of four.
  number(`${D}{4}(?:${S}${D}{4}){2}${S}${D}{4,7}`),
  // Resident ID, old 15-digit form.
  number(`${D}{15}`),
  // Mobile: 1[3-9]x xxxx xxxx, any grouping, with or without +86 / 0086 / (+86).
  number(`(?:(?:[+＋]|00)?86${S}|[(（][+＋]?86[)）]${S})?[1１][3-9３-９]${D}${S}${D}{4}${S}${D}{4}`),
  // 400 / 800 service numbers.
  number(`[48４８][0０]{2}${S}${D}{3}${S}${D}{4}`),
  // Landlines with area code: 0718-8221234, (0718)8221234, （０７１８）８２２１２３４, 010 1234 5678.
  number(`(?:[(（][0０]${D}{2,3}[)）]|[0０]${D}{2,3})${S}${D}{3,4}${S}${D}{4}`),
];

// Every number pattern above needs at least 10 digits (the shortest, a 400 number or a landline
// with a 3-digit area code, has 10), and the e-mail pattern an @: most titles and specs have
// neither, and skip the seven scans (measured: redaction was ~10 % of an ingest).
const MIN_DIGITS = 10;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) n++;
  }
  return n;
}

export interface Redaction {
  text: string;
  /** How many spans were replaced; counted in the run report, never stored with the text. */
  count: number;
}

/**
 * Scrubs `text`; `names` are further strings to remove wherever they appear (the values of
 * personal fields the adapter dropped from the same record, e.g. the contact's name).
 */
export function redactText(text: string, names: readonly string[] = []): Redaction {
  let count = 0;
  let out = text;
  const email = text.includes('@') || text.includes('＠');
  const numbers = digitCount(text) >= MIN_DIGITS;
  for (let i = 0; i < PATTERNS.length; i++) {
    if (i === 0 ? !email : !numbers) continue;
    out = out.replace(PATTERNS[i]!, () => {
      count++;
      return REDACTED;
    });
  }
  for (const name of names) {
    const n = name.trim();
    // One-character "names" would scrub ordinary words; real names are 2+ characters.
    // Most texts hold none of the names: a scan instead of a split and a join per name.
    if (n.length < 2 || n === REDACTED || !out.includes(n)) continue;
    const parts = out.split(n);
    count += parts.length - 1;
    out = parts.join(REDACTED);
  }
  return { text: out, count };
}
