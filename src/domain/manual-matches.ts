/**
 * data/matches.csv: matches a person has checked (DESIGN §5, method `manual`). Header
 * `sku,product_key,note`; an empty product_key pins "no match" (the listing is never compared
 * with retail, e.g. a bundle that only looks like a retail product). Lines starting with `#`
 * are comments. The file is curated by hand, so a malformed row stops analysis with the line
 * number instead of being skipped.
 */

export interface ManualMatch {
  sku: string;
  /** null pins "no match". */
  product_key: string | null;
  note?: string;
}

const PRODUCT_KEY = /^[a-z0-9][a-z0-9-]*:\S+$/;

/** RFC 4180 records with their starting line numbers; `#` lines and blank lines are skipped. */
function records(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    // A comment or blank line (only at the start of a record, never inside quotes).
    const eol = text.indexOf('\n', i);
    const rest = text.slice(i, eol === -1 ? text.length : eol).replace(/\r$/, '');
    if (rest.trim() === '' || rest.trimStart().startsWith('#')) {
      i = eol === -1 ? text.length : eol + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) {
        if (quoted) throw new Error(`matches.csv line ${startLine}: unclosed quote`);
        fields.push(field);
        break;
      }
      i++;
      if (quoted) {
        if (ch === '"' && text[i] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else {
          if (ch === '\n') line++;
          field += ch;
        }
      } else if (ch === '"' && field === '') quoted = true;
      else if (ch === ',') {
        fields.push(field);
        field = '';
      } else if (ch === '\n') {
        fields.push(field.replace(/\r$/, ''));
        line++;
        break;
      } else field += ch;
    }
    out.push({ line: startLine, fields });
  }
  return out;
}

export function parseManualMatches(csvText: string): ManualMatch[] {
  const rows = records(csvText.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) return [];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  const [skuCol, keyCol, noteCol] = [col('sku'), col('product_key'), col('note')];
  if (skuCol === -1 || keyCol === -1) {
    throw new Error(`matches.csv line ${header.line}: header must name the columns sku,product_key[,note]`);
  }

  const seen = new Set<string>();
  return rows.map(({ line, fields }) => {
    if (fields.length > names.length) throw new Error(`matches.csv line ${line}: ${fields.length} fields, header has ${names.length}`);
    const sku = (fields[skuCol] ?? '').trim();
    const key = (fields[keyCol] ?? '').trim();
    const note = noteCol === -1 ? '' : (fields[noteCol] ?? '').trim();
    if (sku === '') throw new Error(`matches.csv line ${line}: sku is empty`);
    if (seen.has(sku)) throw new Error(`matches.csv line ${line}: sku ${sku} appears twice`);
    seen.add(sku);
    if (key !== '' && !PRODUCT_KEY.test(key)) {
      throw new Error(`matches.csv line ${line}: product_key "${key}" is not brand:MODEL (e.g. hp:M202DW), nor empty for "no match"`);
    }
    const match: ManualMatch = { sku, product_key: key === '' ? null : key };
    if (note !== '') match.note = note;
    return match;
  });
}

/** By sku, as matchListing wants them. */
export function manualMatchMap(matches: readonly ManualMatch[]): Map<string, ManualMatch> {
  return new Map(matches.map((m) => [m.sku, m]));
}
