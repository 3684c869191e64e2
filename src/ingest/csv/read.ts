import path from 'node:path';
import { readRegularFile } from '../feed/read-feed-file.ts';
import { parse } from 'csv-parse/sync';
import { decodeCsvBytes, type Decoded } from './decode.ts';
import { compileMapping, type ColumnLookup, type CompiledMapping, type MappingSpec, type Row } from './mapping.ts';

export interface CsvRow {
  /** The row number a spreadsheet shows for this record (the header is row 1). */
  row: number;
  cells: string[];
  /** Set when the row cannot be read as a record at all (e.g. more cells than columns). */
  problem?: string;
}

export interface CsvTable {
  /** The name used in messages and record keys ("orders.csv"). */
  name: string;
  decoded: Decoded;
  /** Column names: the header row, or the mapping's positional names. */
  columns: string[];
  rows: CsvRow[];
}

/**
 * Reads a whole CSV file: detects (or takes from the mapping) its encoding, parses it with
 * csv-parse, and numbers records the way a spreadsheet does. Records rather than text lines
 * are counted, because a quoted cell may span several lines (rozetka's descriptions do) and a
 * spreadsheet still shows it as one row. Blank records are skipped but keep their number.
 * Whole-file reading is deliberate: the encoding can only be decided on all the bytes, and
 * exports of this kind are megabytes, not gigabytes.
 */
export function readCsvFile(file: string, name: string, spec: MappingSpec | undefined): CsvTable {
  // Never fs.readFileSync: a FIFO would block the run forever (DESIGN §3 Limits).
  const bytes = readRegularFile(file, path.dirname(file));
  if (!bytes.ok) throw new Error(`${name}: ${bytes.reason}`);
  const decoded = decodeCsvBytes(bytes.value, name, spec?.encoding ?? 'auto');
  let records: string[][];
  try {
    records = parse(decoded.text, {
      delimiter: spec?.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    throw new Error(`${name}: not readable as CSV (${(e as Error).message}); fix the file (often an unclosed quote) and run again`);
  }
  const header = spec?.header ?? true;
  let columns: string[];
  let first = 0;
  if (header) {
    if (records.length === 0) throw new Error(`${name}: the file is empty (no header row)`);
    columns = records[0]!.map((c) => c.trim());
    first = 1;
  } else {
    columns = (spec?.positional ?? []).map((c) => (c ?? '').trim());
  }
  const rows: CsvRow[] = [];
  for (let i = first; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const row: CsvRow = { row: i + 1, cells };
    // Trailing empty cells are harmless (a trailing comma); extra filled cells mean the row
    // does not line up with the columns, and any value read from it could be the wrong one.
    const extra = cells.slice(columns.length);
    if (extra.some((c) => c.trim() !== '')) {
      row.problem = `has ${cells.length} cells but the file has ${columns.length} columns (an unquoted comma inside a value?); fix the row`;
    }
    rows.push(row);
  }
  return { name, decoded, columns, rows };
}

/** Column lookup for a CSV table: header names (trimmed), or "#N" for the N-th column. */
export function csvLookup(table: Pick<CsvTable, 'name' | 'columns'>, mappingHint: string): ColumnLookup {
  return (ref, field) => {
    let index: number;
    const pos = /^#(\d+)$/.exec(ref.trim());
    if (pos) {
      index = Number(pos[1]) - 1;
      if (index < 0 || index >= table.columns.length) {
        throw new Error(`${table.name}: ${field} refers to column ${ref}, but the file has ${table.columns.length} columns; fix ${mappingHint}`);
      }
    } else {
      const hits = table.columns.flatMap((c, i) => (c === ref.trim() ? [i] : []));
      if (hits.length === 0) {
        throw new Error(`${table.name}: ${field} needs column "${ref}", which the file does not have (columns: ${table.columns.filter(Boolean).slice(0, 12).join(', ')}${table.columns.length > 12 ? ', …' : ''}); fix ${mappingHint}`);
      }
      if (hits.length > 1) {
        throw new Error(`${table.name}: column "${ref}" appears ${hits.length} times (columns ${hits.map((h) => `#${h + 1}`).join(', ')}); refer to one by position, e.g. "${field}": "#${hits[0]! + 1}", in ${mappingHint}`);
      }
      index = hits[0]!;
    }
    return (row: Row) => (row as readonly string[])[index];
  };
}

export function compileCsvMapping(
  table: CsvTable,
  spec: MappingSpec | undefined,
  fields: readonly string[],
  required: readonly string[],
  mappingHint: string,
): CompiledMapping {
  return compileMapping({
    spec,
    fields,
    required,
    lookup: csvLookup(table, mappingHint),
    hasColumn: (n) => table.columns.filter((c) => c === n).length === 1,
    where: table.name,
    mappingHint,
  });
}
