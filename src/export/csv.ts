/**
 * The CSV writer behind the /data/*.csv downloads: RFC 4180 with a UTF-8 BOM and CRLF line ends,
 * because that is what Excel and WPS in a Chinese locale open correctly by double-click (without
 * the BOM they guess GBK and the names turn to mojibake).
 *
 * Every column declares whether it holds text or a number. Text cells are made formula-safe
 * (OWASP "CSV injection"): source data is written by suppliers and buyers, and a cell such as
 * `=HYPERLINK(...)` must never become a live formula on a journalist's machine. Numeric cells
 * are not touched — `-12.50` in a gap column has to stay a number — and so they are validated
 * instead: anything that is not a plain decimal is refused, so text can never reach a
 * spreadsheet through a column that skips the escaping.
 */

export type CsvKind = 'text' | 'number';

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  kind: CsvKind;
  value: (row: Row) => CsvValue;
}

export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';

// ASCII triggers from OWASP plus their full-width forms: spreadsheet apps in CJK locales
// (Excel with a Chinese IME, WPS) normalise ＝＋－＠ when a cell is edited, turning them live.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A text cell, escaped against formulas and quoted when RFC 4180 requires it. */
export function textCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return quoteIfNeeded(s);
}

/** A numeric cell: a finite number or a plain decimal string, written as is. */
export function numberCell(value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') {
    // Fast path for the common case (fen, counts): safe integers print as plain digits.
    if (Number.isSafeInteger(value)) return String(value);
    if (!Number.isFinite(value)) throw new Error(`CSV numeric cell is not finite: ${String(value)}`);
    const s = String(value);
    // String(1e21) is exponent notation, which spreadsheets read differently; refuse it.
    if (!PLAIN_NUMBER.test(s)) throw new Error(`CSV numeric cell is not a plain decimal: ${s}`);
    return s;
  }
  if (!PLAIN_NUMBER.test(value)) throw new Error(`CSV numeric cell is not a plain decimal: ${JSON.stringify(value)}`);
  return value;
}

function quoteIfNeeded(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader<Row>(columns: readonly CsvColumn<Row>[]): string {
  // Headers are our own ASCII names, but go through the same escaping for uniformity.
  return columns.map((c) => textCell(c.header)).join(',') + CRLF;
}

export function csvRow<Row>(columns: readonly CsvColumn<Row>[], row: Row): string {
  return columns.map((c) => (c.kind === 'number' ? numberCell(c.value(row)) : textCell(c.value(row)))).join(',') + CRLF;
}

/**
 * The whole file: BOM, header, one CRLF-terminated line per row. Pure and deterministic —
 * the same rows in the same order give the same bytes, so downloads diff cleanly between builds.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const parts: string[] = [CSV_BOM, csvHeader(columns)];
  for (const row of rows) parts.push(csvRow(columns, row));
  return parts.join('');
}
