/**
 * The CSV writer behind the /data/*.csv downloads and the API's CSV: RFC 4180 with a UTF-8 BOM
 * and CRLF line ends, because that is what Excel and WPS in a Chinese locale open correctly by
 * double-click (without the BOM they guess GBK and the names turn to mojibake). Quoting, the
 * BOM and line ends are csv-stringify's (the sibling of the csv-parse we read with); what it
 * cannot know is which cells are text and which are numbers, and that is ours:
 *
 * Every column declares whether it holds text or a number. Text cells are made formula-safe
 * (OWASP "CSV injection"): source data is written by suppliers and buyers, and a cell such as
 * `=HYPERLINK(...)` must never become a live formula on a journalist's machine. csv-stringify's
 * own `escape_formulas` is not used: it would also turn `-12.50` in a gap column into text and
 * misses the full-width triggers. Numeric cells are validated instead: anything that is not a
 * plain decimal is refused, so text can never reach a spreadsheet through a column that skips
 * the escaping.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvKind = 'text' | 'number';

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  kind: CsvKind;
  value: (row: Row) => CsvValue;
}

export const CSV_BOM = '\uFEFF';

// ASCII triggers from OWASP plus their full-width forms: spreadsheet apps in CJK locales
// (Excel with a Chinese IME, WPS) normalise ＝＋－＠ when a cell is edited, turning them live.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// csv-stringify quotes delimiters, quotes and CRLF; a lone CR or LF, and edge spaces that
// spreadsheets would trim, are quoted too.
const QUOTED_MATCH = /[\r\n]|^\s|\s$/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A text cell's content, escaped against formulas (quoting is left to the writer). */
export function textCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
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

const cell = <Row>(c: CsvColumn<Row>, row: Row): string => (c.kind === 'number' ? numberCell(c.value(row)) : textCell(c.value(row)));

/**
 * The whole file: BOM, header, one CRLF-terminated line per row. Pure and deterministic —
 * the same rows in the same order give the same bytes, so downloads diff cleanly between builds.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  return csvHead(columns) + csvRecords(columns, rows);
}

const OPTIONS = { record_delimiter: 'windows', quoted_match: QUOTED_MATCH } as const;

/** The BOM and the header line: the start of every CSV download. */
export function csvHead<Row>(columns: readonly CsvColumn<Row>[]): string {
  // Headers are our own ASCII names, but go through the same escaping for uniformity.
  return stringify([columns.map((c) => textCell(c.header))], { ...OPTIONS, bom: true });
}

/**
 * Rows without the head. Each row's text depends on that row alone, so the rows of a file
 * written in pieces (src/downloads/pieces.ts) are the bytes the whole file would have.
 */
export function csvRecords<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const records: string[][] = [];
  for (const row of rows) records.push(columns.map((c) => cell(c, row)));
  return records.length === 0 ? '' : stringify(records, OPTIONS);
}
