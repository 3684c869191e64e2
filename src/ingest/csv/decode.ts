/**
 * Text encoding of CSV exports (DESIGN §3: "detected, never guessed silently"). Chinese
 * exports arrive as UTF-8 with a BOM (Excel's "CSV UTF-8"), plain UTF-8, or GB18030/GBK
 * (Excel's default "CSV" on a Chinese Windows). The rule, in order:
 *   1. a UTF-8 BOM → UTF-8;
 *   2. bytes that decode as UTF-8 without a single error → UTF-8 (GBK text practically never
 *      does: its two-byte sequences are not valid UTF-8 continuation patterns);
 *   3. bytes that decode as GB18030 without error and read like Chinese text → GB18030;
 *   4. anything else is an Error that says what to do.
 * The choice is returned as a label so the adapter can report it for every file.
 */

export type EncodingName = 'utf-8' | 'gb18030';
/** What a mapping file may ask for; "gbk" is decoded as GB18030, its superset. */
export type EncodingRequest = 'auto' | 'utf-8' | 'gbk' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: EncodingName;
  bom: boolean;
  /** Human-readable choice, e.g. "UTF-8 (BOM)", "GB18030 (detected)", "GBK (from mapping)". */
  label: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasPrefix(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(encoding: EncodingName, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM is handled (and stripped) explicitly below, so it never leaks into
    // the first header name ("\uFEFF品牌" would not match the mapping's "品牌").
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * GB18030 decodes most byte soups without error (it maps almost every byte pair somewhere),
 * so a clean decode alone is weak evidence. Real GBK exports contain ASCII, CJK ideographs,
 * CJK and full-width punctuation, and a few Latin/Greek/Cyrillic letters and symbols. Text
 * that decodes mostly into other blocks (Hangul, rare extension ideographs, private use) is
 * some other encoding (Big5, Shift-JIS, Latin-1 …) read as GB18030: refuse it.
 */
function looksLikeGbText(text: string): boolean {
  let nonAscii = 0;
  let odd = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    const plausible =
      (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs (all of GB2312/GBK's hanzi)
      (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
      (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
      (cp >= 0x2000 && cp <= 0x27bf) || // general punctuation, symbols, arrows, box drawing
      (cp >= 0x00a0 && cp <= 0x04ff) || // Latin-1, Greek, Cyrillic (GBK has them)
      (cp >= 0x3040 && cp <= 0x30ff) || // kana (GBK has them)
      (cp >= 0x3100 && cp <= 0x312f) || // bopomofo
      (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK, squared units (㎡, ㎏)
      (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
      (cp >= 0xf900 && cp <= 0xfaff); // CJK compatibility ideographs
    if (!plausible) odd++;
  }
  return nonAscii === 0 || odd / nonAscii <= 0.02;
}

const WHAT_TO_DO =
  'open it in a spreadsheet and save it as "CSV UTF-8", or set "encoding" ("utf-8", "gbk" or "gb18030") for this file in the mapping file';

/** Decodes a CSV file's bytes; `file` is used in messages only. Throws with a remedy when undecidable. */
export function decodeCsvBytes(bytes: Uint8Array, file: string, request: EncodingRequest = 'auto'): Decoded {
  const bom = hasPrefix(bytes, UTF8_BOM);
  if (hasPrefix(bytes, [0xff, 0xfe]) || hasPrefix(bytes, [0xfe, 0xff])) {
    throw new Error(`${file}: the file is UTF-16 (it starts with a UTF-16 byte-order mark); ${WHAT_TO_DO.replace(', or set', '. Or set')}`);
  }
  const body = bom ? bytes.subarray(3) : bytes;

  if (request !== 'auto') {
    const encoding: EncodingName = request === 'utf-8' ? 'utf-8' : 'gb18030';
    if (bom && encoding !== 'utf-8') {
      throw new Error(`${file}: the mapping says "${request}" but the file starts with a UTF-8 byte-order mark; remove "encoding" from the mapping or fix the file`);
    }
    const text = tryDecode(encoding, body);
    if (text === null) {
      throw new Error(`${file}: the mapping says "${request}" but the file is not valid ${request.toUpperCase()}; correct "encoding" in the mapping file or re-save the file`);
    }
    return { text, encoding, bom, label: `${request === 'gbk' ? 'GBK' : encoding.toUpperCase()}${bom ? ' (BOM)' : ''} (from mapping)` };
  }

  if (bom) {
    const text = tryDecode('utf-8', body);
    if (text === null) throw new Error(`${file}: starts with a UTF-8 byte-order mark but is not valid UTF-8 after it; ${WHAT_TO_DO}`);
    return { text, encoding: 'utf-8', bom, label: 'UTF-8 (BOM)' };
  }
  const utf8 = tryDecode('utf-8', body);
  if (utf8 !== null) {
    const ascii = !/[^\x00-\x7f]/.test(utf8);
    return { text: utf8, encoding: 'utf-8', bom, label: ascii ? 'UTF-8 (ASCII only)' : 'UTF-8' };
  }
  const gb = tryDecode('gb18030', body);
  if (gb !== null && looksLikeGbText(gb)) {
    return { text: gb, encoding: 'gb18030', bom, label: 'GB18030 (detected: not valid UTF-8)' };
  }
  throw new Error(
    `${file}: cannot tell the text encoding (it is neither valid UTF-8 nor ${gb === null ? 'valid' : 'plausible'} GB18030/GBK); ${WHAT_TO_DO}`,
  );
}
