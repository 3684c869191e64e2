/**
 * Text from outside becomes page text, file names and feed.xml (DESIGN §3 "Identifiers and
 * text"). Ids are rejected when they hold invisible or invalid code points (a look-alike id
 * would be a second public body); free text is cleaned instead, since a stray zero-width space
 * in a title is no reason to lose a purchase. One pass over the UTF-16 code units, no regex
 * with the `u` flag, so lone surrogates are seen rather than skipped.
 */

/** Longest id kept: ids become URL segments and file names. */
export const MAX_ID_CHARS = 200;
/** Longest free-text field kept; longer is rejected, never truncated. */
export const MAX_TEXT_CHARS = 10_000;

/** Format characters that are invisible or reorder text: zero-width, bidi controls, BOM. */
function isFormat(cp: number): boolean {
  return (
    cp === 0x00ad || cp === 0x061c || cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/** What kind of code point makes text unsafe, or null for a normal one. */
function badKind(cp: number): 'control' | 'format' | 'noncharacter' | null {
  if (isControl(cp)) return 'control';
  if (isFormat(cp)) return 'format';
  if (isNoncharacter(cp)) return 'noncharacter';
  return null;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why an id cannot be kept, or null when it can. Never quotes the offending character itself. */
export function idProblem(id: string): string | null {
  if (id.length > MAX_ID_CHARS) return `is longer than ${MAX_ID_CHARS} characters`;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = id.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        const k = badKind(cp);
        if (k) return `holds a ${k} character (${hex(cp)}) at position ${i + 1}`;
        i++;
        continue;
      }
      return `holds an unpaired surrogate (${hex(c)}) at position ${i + 1}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `holds an unpaired surrogate (${hex(c)}) at position ${i + 1}`;
    const k = badKind(c);
    if (k) return `holds a ${k} character (${hex(c)}) at position ${i + 1}`;
  }
  return null;
}

/**
 * Free text as valid Unicode: unpaired surrogates become U+FFFD; controls other than newline
 * (LF or CRLF) and tab, noncharacters and invisible format characters are removed. `changed` tells the
 * caller to count the record as cleaned. Returns the same string when nothing changes (the
 * common case costs one scan and no allocation).
 */
export function cleanText(text: string): { text: string; changed: boolean } {
  let out: string[] | null = null;
  let from = 0; // start of the clean run not yet copied into out
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replace: string | null = null;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        if (badKind(cp) === null) {
          i++;
          continue;
        }
        replace = '';
        width = 2;
      } else replace = '\uFFFD';
    } else if (c >= 0xdc00 && c <= 0xdfff) replace = '\uFFFD';
    // CRLF is a newline as Windows exports write it; a lone CR is a control character.
    else if (c === 0x0a || c === 0x09 || (c === 0x0d && text.charCodeAt(i + 1) === 0x0a)) continue;
    else if (badKind(c) !== null) replace = '';
    if (replace === null) continue;
    out ??= [];
    out.push(text.slice(from, i), replace);
    i += width - 1;
    from = i + 1;
  }
  if (out === null) return { text, changed: false };
  out.push(text.slice(from));
  return { text: out.join(''), changed: true };
}
