import fs from 'node:fs';
import { readRegularFile } from '../feed/read-feed-file.ts';
import path from 'node:path';
import { compileCsvMapping, readCsvFile, type CsvTable } from '../csv/read.ts';
import { cleanFields } from '../csv/values.ts';
import { applyMapping, compileMapping, toMappingFile, type MappingFile, type MappingSpec, type Row } from '../csv/mapping.ts';
import type { Source, SourceItem } from '../core/source.ts';
import { parseRetail, RETAIL_FIELDS, RETAIL_REQUIRED } from './retail-schema.ts';

export interface RetailFileOptions {
  /** A mapping file path, or a parsed spec; when absent one is looked for next to the input. */
  mapping?: string | MappingSpec | MappingFile;
  /** Source id; default "retail:<path relative to cwd>". */
  id?: string;
  /** Receives one line per file saying which encoding and mapping were used. */
  log?: (line: string) => void;
}

export type RetailSource = Source & {
  /** What was decided for each file read so far ("jd.csv: GB18030 (detected …), mapping …"). */
  describe(): string[];
};

const DATA_FILE = /\.(csv|jsonl|ndjson)$/i;

/**
 * The mapping that applies when none is passed: for a file `x.csv`, `x.mapping.json` beside
 * it, else `mapping.json` in its folder; for a folder, its `mapping.json`. Found mappings are
 * always reported, so a file is never silently read through a mapping nobody asked for.
 */
export function findMappingNextTo(input: string): string | undefined {
  const isDir = fs.statSync(input).isDirectory();
  const candidates = isDir
    ? [path.join(input, 'mapping.json')]
    : [input.replace(DATA_FILE, '.mapping.json'), path.join(path.dirname(input), 'mapping.json')];
  return candidates.find((c) => c !== input && fs.existsSync(c));
}

/**
 * Retail observations (DESIGN §3) from a CSV or JSON Lines file, or from every such file of
 * a folder in name order. CSV encodings are detected and reported (csv/decode.ts); headers
 * that differ from our field names go through a mapping (csv/mapping.ts). A file that cannot
 * be read as a whole (encoding, syntax, a required column missing) breaks the source; a bad
 * row is a rejection keyed "<file>#<row>".
 */
export function retailFileSource(input: string, opts: RetailFileOptions = {}): RetailSource {
  const decisions: string[] = [];
  const say = (line: string) => {
    decisions.push(line);
    opts.log?.(line);
  };
  const id = opts.id ?? `retail:${path.relative(process.cwd(), path.resolve(input)) || '.'}`;
  return {
    id,
    describe: () => [...decisions],
    async *items(): AsyncGenerator<SourceItem> {
      if (!fs.existsSync(input)) throw new Error(`${input}: no such file or folder`);
      const isDir = fs.statSync(input).isDirectory();
      const files = isDir
        ? fs.readdirSync(input).filter((n) => DATA_FILE.test(n)).sort().map((n) => path.join(input, n))
        : [input];
      if (files.length === 0) throw new Error(`${input}: no .csv, .jsonl or .ndjson files in this folder`);
      if (!isDir && !DATA_FILE.test(input)) throw new Error(`${input}: retail files must end in .csv, .jsonl or .ndjson`);
      const foundPath = opts.mapping === undefined ? findMappingNextTo(input) : undefined;
      const mapping = toMappingFile(opts.mapping ?? foundPath);
      const hint = mapping ? mapping.path : `a mapping file (pass --mapping FILE, or put mapping.json next to ${path.basename(input)})`;
      for (const file of files) {
        const name = path.basename(file);
        const spec = mapping?.specFor(name);
        const via = spec ? `, mapping ${mapping!.path}${foundPath ? ' (found next to the input)' : ''}` : '';
        if (/\.csv$/i.test(name)) yield* csvItems(file, name, spec, hint, say, via);
        else yield* jsonLinesItems(file, name, spec, hint, say, via);
      }
    },
  };
}

function* csvItems(
  file: string,
  name: string,
  spec: MappingSpec | undefined,
  hint: string,
  say: (line: string) => void,
  via: string,
): Generator<SourceItem> {
  const table = readCsvFile(file, name, spec);
  say(`${name}: ${table.decoded.label}, ${table.rows.length} data rows${via}`);
  yield* retailTableItems(table, spec, hint);
}

/** Retail rows of an already-read CSV table; shared with the --csv folder adapter. */
export function* retailTableItems(table: CsvTable, spec: MappingSpec | undefined, hint: string): Generator<SourceItem> {
  const m = compileCsvMapping(table, spec, RETAIL_FIELDS, RETAIL_REQUIRED, hint);
  for (const r of table.rows) {
    const position = `${table.name}#${r.row}`;
    if (r.problem) {
      yield { kind: 'retail', ok: false, key: position, issues: [{ field: '(row)', reason: r.problem }] };
      continue;
    }
    const rec = cleanFields(applyMapping(m, r.cells), ['price'], ['observed_at']);
    yield explainRuleMisses(parseRetail(rec, position), m.origin);
  }
}

/**
 * "brand is missing" on a row whose brand comes from a mapping rule means the rule found
 * nothing there; say so, so the person reading the rejects looks at the rule and the row.
 */
function explainRuleMisses(item: SourceItem, origin: Map<string, string>): SourceItem {
  if (item.ok !== false) return item;
  return {
    ...item,
    issues: item.issues.map((i) =>
      origin.get(i.field) === 'mapping rule' && i.reason === 'is missing'
        ? { ...i, reason: 'is missing: the mapping rule found no value in this row' }
        : i,
    ),
  };
}

function* jsonLinesItems(
  file: string,
  name: string,
  spec: MappingSpec | undefined,
  hint: string,
  say: (line: string) => void,
  via: string,
): Generator<SourceItem> {
  // JSON is UTF-8 by definition (RFC 8259); a BOM is tolerated, anything else is an error.
  let text: string;
  // Never fs.readFileSync: a FIFO would block the run forever (DESIGN §3 Limits).
  const bytes = readRegularFile(file, path.dirname(file));
  if (!bytes.ok) throw new Error(`${name}: ${bytes.reason}`);
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
  } catch {
    throw new Error(`${name}: JSON Lines must be UTF-8 and this file is not; re-save it as UTF-8`);
  }
  const lines = text.split(/\r?\n/);
  say(`${name}: UTF-8 JSON Lines, ${lines.filter((l) => l.trim() !== '').length} records${via}`);
  // Keys differ from line to line, so a missing field is a per-line rejection here, not a
  // file error; only the mapping's own references are checked against each object.
  const m = compileMapping({
    spec,
    fields: RETAIL_FIELDS,
    required: [],
    lookup: (ref) => (row: Row) => (row as Record<string, unknown>)[ref],
    hasColumn: () => true,
    where: name,
    mappingHint: hint,
  });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const position = `${name}#${i + 1}`;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      yield { kind: 'retail', ok: false, key: position, issues: [{ field: '(line)', reason: `is not valid JSON (${(e as Error).message})` }] };
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      yield { kind: 'retail', ok: false, key: position, issues: [{ field: '(line)', reason: 'is not a JSON object' }] };
      continue;
    }
    yield parseRetail(applyMapping(m, obj as Row), position);
  }
}
