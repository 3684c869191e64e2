import fs from 'node:fs';
import path from 'node:path';
import { applyMapping, loadMappingFile, setPath, toMappingFile, type EntityKind, type MappingFile, type MappingSpec } from './mapping.ts';
import { LINE_FIELDS, LINE_ONLY_FIELDS, LINE_REQUIRED, ORDER_FIELDS, ORDER_REQUIRED, orderItems, type OrderTables } from './orders.ts';
import { compileCsvMapping, readCsvFile, type CsvTable } from './read.ts';
import { cleanFields } from './values.ts';
import type { Source, SourceItem } from '../core/source.ts';
import { parseFeedListing } from '../feed/feed-records.ts';
import { retailTableItems } from '../retail/retail-file.ts';

export interface CsvDirOptions {
  /** Mapping file path or parsed mapping; default: mapping.json in the folder, if present. */
  mapping?: string | MappingSpec | MappingFile;
  /** Source id; default "csv:<folder relative to cwd>". */
  id?: string;
  /** One line per file: kind, encoding, rows, mapping. */
  log?: (line: string) => void;
}

export type CsvDirSource = Source & { describe(): string[] };

const LISTING_FIELDS = [
  'sku', 'supplier.id', 'supplier.name', 'supplier.credit_code', 'category_code', 'brand', 'model', 'title', 'spec',
  'unit', 'price', 'gtin', 'status', 'updated_at',
] as const;
const ORDER_FIELDS_AND_LINES = [...new Set<string>([...ORDER_FIELDS, ...LINE_FIELDS])];
const LISTING_REQUIRED = ['sku', 'supplier.id', 'supplier.name', 'category_code', 'brand', 'model', 'title', 'unit', 'price', 'status', 'updated_at'] as const;

/** The kind a file holds: from its mapping's "kind", else from its name. */
export function kindOfFile(name: string, spec: MappingSpec | undefined): EntityKind | undefined {
  if (spec?.kind) return spec.kind;
  if (/^order[-_]?lines/i.test(name)) return 'order-lines';
  if (/^orders/i.test(name)) return 'orders';
  if (/^listings/i.test(name)) return 'listings';
  if (/^retail/i.test(name)) return 'retail';
  return undefined;
}

/**
 * CSV exports of our entities (DESIGN §3, `--csv DIR`): orders*.csv, order-lines*.csv (or
 * order_lines*), listings*.csv and retail*.csv, in name order within each kind; listings are
 * yielded first, then orders, then retail observations. Each file's encoding is detected and
 * reported; headers that differ from ours go through the folder's mapping.json. Anything that
 * makes a whole file unreadable (encoding, syntax, a required column) fails the source with
 * an Error naming the file and the fix; bad rows become rejections keyed by order_no/sku or
 * "<file>#<row>".
 */
export function csvDirSource(dir: string, opts: CsvDirOptions = {}): CsvDirSource {
  const decisions: string[] = [];
  const say = (line: string) => {
    decisions.push(line);
    opts.log?.(line);
  };
  return {
    id: opts.id ?? `csv:${path.relative(process.cwd(), path.resolve(dir)) || '.'}`,
    describe: () => [...decisions],
    async *items(): AsyncGenerator<SourceItem> {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir}: not a folder (--csv takes a folder of CSV files)`);
      const defaultMapping = path.join(dir, 'mapping.json');
      const mapping = opts.mapping !== undefined ? toMappingFile(opts.mapping) : fs.existsSync(defaultMapping) ? loadMappingFile(defaultMapping) : undefined;
      const hint = mapping ? mapping.path : `mapping.json in ${dir}`;
      const names = fs.readdirSync(dir).filter((n) => /\.csv$/i.test(n)).sort();
      const byKind: Record<EntityKind, Array<{ table: CsvTable; spec: MappingSpec | undefined }>> = {
        orders: [], 'order-lines': [], listings: [], retail: [],
      };
      for (const name of names) {
        const spec = mapping?.specFor(name);
        const kind = kindOfFile(name, spec);
        if (!kind) {
          say(`${name}: ignored (the name does not start with orders, order-lines, listings or retail; set "kind" for it in ${hint} to read it)`);
          continue;
        }
        const table = readCsvFile(path.join(dir, name), name, spec);
        say(`${name}: ${kind}, ${table.decoded.label}, ${table.rows.length} data rows${spec ? `, mapping ${mapping!.path}` : ''}`);
        byKind[kind].push({ table, spec });
      }
      if (Object.values(byKind).every((l) => l.length === 0)) {
        throw new Error(`${dir}: no orders*.csv, order-lines*.csv, listings*.csv or retail*.csv files found`);
      }

      for (const { table, spec } of byKind.listings) {
        const m = compileCsvMapping(table, spec, LISTING_FIELDS, LISTING_REQUIRED, hint);
        for (const r of table.rows) {
          const position = `${table.name}#${r.row}`;
          if (r.problem) {
            yield { kind: 'listing', ok: false, key: position, issues: [{ field: '(row)', reason: r.problem }] };
            continue;
          }
          const flat = cleanFields(applyMapping(m, r.cells), ['price'], ['updated_at']);
          const raw: Record<string, unknown> = {};
          for (const [f, v] of Object.entries(flat)) setPath(raw, f, v);
          const item = parseFeedListing(raw, position);
          yield item.ok === true ? { ...item, raw: { source_rows: [position], listing: raw } } : item;
        }
      }

      yield* orderItems(compileOrderTables(byKind.orders, byKind['order-lines'], hint));

      for (const { table, spec } of byKind.retail) yield* retailTableItems(table, spec, hint);
    },
  };
}

function compileOrderTables(
  orders: Array<{ table: CsvTable; spec: MappingSpec | undefined }>,
  lines: Array<{ table: CsvTable; spec: MappingSpec | undefined }>,
  hint: string,
): OrderTables {
  if (orders.length === 0 && lines.length > 0) {
    throw new Error(`${lines[0]!.table.name}: order lines without any orders*.csv; add the orders file (buyer, supplier, dates) to the folder`);
  }
  const compiledOrders = orders.map(({ table, spec }) => {
    // Decide the shape from the columns: any line column makes every row a line, and then
    // all the line columns a line needs must be there.
    const probe = compileCsvMapping(table, spec, ORDER_FIELDS_AND_LINES, ORDER_REQUIRED, hint);
    const flat = LINE_ONLY_FIELDS.some((f) => probe.getters.has(f));
    if (flat && lines.length > 0) {
      throw new Error(
        `${table.name}: has line columns (${LINE_ONLY_FIELDS.filter((f) => probe.getters.has(f)).join(', ')}) and ${lines[0]!.table.name} has lines too; ` +
          `keep the lines in one place (remove those columns from the orders mapping, or remove the order-lines file)`,
      );
    }
    if (!flat && lines.length === 0) {
      throw new Error(`${table.name}: no line columns (${LINE_REQUIRED.slice(1).join(', ')}) and no order-lines*.csv; add the lines file, or map the line columns in ${hint}`);
    }
    const mapping = flat ? compileCsvMapping(table, spec, ORDER_FIELDS_AND_LINES, [...new Set([...ORDER_REQUIRED, ...LINE_REQUIRED])], hint) : probe;
    return { table, mapping, flat };
  });
  const compiledLines = lines.map(({ table, spec }) => ({ table, mapping: compileCsvMapping(table, spec, LINE_FIELDS, LINE_REQUIRED, hint) }));
  return { orders: compiledOrders, lines: compiledLines };
}
