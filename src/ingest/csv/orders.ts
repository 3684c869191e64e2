import { fenToYuanString, lineAmountFen, parseMoneyToFen } from '../../domain/money.ts';
import type { FieldIssue } from '../core/records.ts';
import type { SourceItem } from '../core/source.ts';
import { parseFeedOrder } from '../feed/feed-records.ts';
import { applyMapping, setPath, type CompiledMapping } from './mapping.ts';
import type { CsvTable } from './read.ts';
import { cleanFields } from './values.ts';

/**
 * Orders from CSV exports. An export has either one row per order (orders*.csv) with the
 * lines in order-lines*.csv, or one row per line with the order's columns repeated on each
 * (a "flat" orders*.csv, the usual shape of a Chinese 订单明细 export). Both are grouped by
 * order_no into the platform feed's order shape and validated by the same feedOrderSchema,
 * so CSV orders obey exactly the feed's rules: an order with one bad line is rejected whole,
 * amounts must equal unit price × quantity, the total must equal the sum of the lines.
 */

export const ORDER_FIELDS = [
  'order_no', 'buyer.id', 'buyer.name', 'supplier.id', 'supplier.name', 'supplier.credit_code', 'placed_at',
  'completed_at', 'status', 'currency', 'total', 'evaluation.rating', 'evaluation.comment', 'evaluation.at',
  'updated_at', 'contact.name', 'contact.phone',
] as const;
export const ORDER_REQUIRED = ['order_no', 'buyer.id', 'buyer.name', 'supplier.id', 'supplier.name', 'placed_at', 'completed_at', 'status', 'updated_at'] as const;
export const LINE_FIELDS = ['order_no', 'line_no', 'sku', 'title', 'brand', 'model', 'spec', 'unit', 'quantity', 'unit_price', 'amount'] as const;
export const LINE_REQUIRED = ['order_no', 'title', 'unit', 'quantity', 'unit_price'] as const;
/** Columns that make an orders*.csv row a line as well (the flat shape). */
export const LINE_ONLY_FIELDS = LINE_FIELDS.filter((f) => f !== 'order_no');

const ORDER_MONEY = ['total'];
const ORDER_TIMES = ['placed_at', 'completed_at', 'updated_at', 'evaluation.at'];
const LINE_MONEY = ['unit_price', 'amount'];

interface SourcedLine {
  values: Record<string, unknown>;
  position: string;
  origin: Map<string, string>;
}

interface Group {
  order_no: string;
  header: Record<string, unknown>;
  headerPosition: string;
  headerOrigin: Map<string, string>;
  positions: string[];
  lines: SourcedLine[];
  issues: FieldIssue[];
}

export interface OrderTables {
  /** orders*.csv with their compiled mappings; `flat` when their rows are lines too. */
  orders: Array<{ table: CsvTable; mapping: CompiledMapping; flat: boolean }>;
  lines: Array<{ table: CsvTable; mapping: CompiledMapping }>;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

function pick(rec: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in rec) out[f] = rec[f];
  return out;
}

/** Groups rows into orders and yields one SourceItem per order, in order of first appearance. */
export function* orderItems(t: OrderTables): Generator<SourceItem> {
  const groups = new Map<string, Group>();
  const loose: SourceItem[] = [];
  const lineFieldsUsed = new Set<string>();

  for (const { table, mapping, flat } of t.orders) {
    for (const r of table.rows) {
      const position = `${table.name}#${r.row}`;
      const rec = cleanFields(applyMapping(mapping, r.cells), [...ORDER_MONEY, ...LINE_MONEY], ORDER_TIMES);
      const no = text(rec.order_no);
      if (!no) {
        loose.push({ kind: 'order', ok: false, key: position, issues: [{ field: 'order_no', reason: 'is missing' }] });
        continue;
      }
      const header = pick(rec, ORDER_FIELDS.filter((f) => f !== 'order_no'));
      let g = groups.get(no);
      if (!g) {
        g = { order_no: no, header, headerPosition: position, headerOrigin: mapping.origin, positions: [], lines: [], issues: [] };
        groups.set(no, g);
      } else {
        // A repeated order row must repeat the same order: two buyers for one order_no is
        // not something we can choose between.
        for (const f of new Set([...Object.keys(g.header), ...Object.keys(header)])) {
          if (text(g.header[f]) !== text(header[f])) {
            g.issues.push({ field: f, reason: `differs between ${g.headerPosition} ("${text(g.header[f])}") and ${position} ("${text(header[f])}"); one order has one value` });
          }
        }
        if (!flat) g.issues.push({ field: 'order_no', reason: `appears twice in the orders file (${g.headerPosition} and ${position})` });
      }
      g.positions.push(position);
      if (r.problem) g.issues.push({ field: '(row)', reason: `${position} ${r.problem}` });
      if (flat) {
        const line = pick(rec, LINE_ONLY_FIELDS);
        for (const f of Object.keys(line)) lineFieldsUsed.add(f);
        g.lines.push({ values: line, position, origin: mapping.origin });
      }
    }
  }

  for (const { table, mapping } of t.lines) {
    for (const r of table.rows) {
      const position = `${table.name}#${r.row}`;
      const rec = cleanFields(applyMapping(mapping, r.cells), LINE_MONEY, []);
      const no = text(rec.order_no);
      const g = no ? groups.get(no) : undefined;
      if (!g) {
        loose.push({
          kind: 'order', ok: false, key: no || position,
          issues: [{ field: 'order_no', reason: no ? `"${no}" (${position}) has lines but no row in orders*.csv` : `is missing (${position})` }],
        });
        continue;
      }
      g.positions.push(position);
      if (r.problem) g.issues.push({ field: '(row)', reason: `${position} ${r.problem}` });
      g.lines.push({ values: pick(rec, LINE_ONLY_FIELDS), position, origin: mapping.origin });
    }
  }

  for (const g of groups.values()) yield buildOrder(g);
  yield* loose;
}

/** Lines in line_no order when every line has a distinct whole number, else in file order. */
function orderLines(g: Group): SourcedLine[] {
  const nos = g.lines.map((l) => Number(text(l.values.line_no)));
  const usable = g.lines.length > 0 && g.lines.every((l) => text(l.values.line_no) !== '') && nos.every((n) => Number.isInteger(n) && n > 0);
  if (g.lines.some((l) => text(l.values.line_no) !== '') && !usable) {
    g.issues.push({ field: 'line_no', reason: 'must be a whole number above zero on every line of the order, or empty on all of them' });
  }
  if (usable && new Set(nos).size !== nos.length) {
    g.issues.push({ field: 'line_no', reason: `repeats a number (${nos.join(', ')}); each line of an order needs its own` });
  }
  if (!usable) return g.lines;
  return g.lines.map((l, i) => ({ l, n: nos[i]! })).sort((a, b) => a.n - b.n).map((x) => x.l);
}

function buildOrder(g: Group): SourceItem {
  const lines = orderLines(g);
  const derived: string[] = [];
  const raw: Record<string, unknown> = { order_no: g.order_no };
  for (const [f, v] of Object.entries(g.header)) setPath(raw, f, v);
  if (raw.evaluation && typeof raw.evaluation === 'object') {
    const e = raw.evaluation as Record<string, unknown>;
    // A spreadsheet cell "5" is the rating 5; anything else is left for the schema to reject.
    if (typeof e.rating === 'string' && /^\s*\d+\s*$/.test(e.rating)) e.rating = Number(e.rating);
  }
  // Exports often leave out the line amount and the order total because a spreadsheet
  // computes them. Absent columns are derived exactly (unit price × quantity, sum of the
  // lines) and listed in the archive; a present but empty cell is still "missing".
  let sum: number | null = 0;
  raw.lines = lines.map((l, i) => {
    const line: Record<string, unknown> = {};
    for (const [f, v] of Object.entries(l.values)) if (f !== 'line_no') line[f] = v;
    if (!l.origin.has('amount')) {
      const p = parseMoneyToFen(line.unit_price);
      const q = typeof line.quantity === 'string' ? Number(line.quantity) : NaN;
      if (p.ok && Number.isFinite(q) && q > 0) {
        line.amount = fenToYuanString(lineAmountFen(p.value, q));
        derived.push(`lines[${i}].amount`);
      }
    }
    const a = parseMoneyToFen(line.amount);
    if (a.ok && sum !== null) sum += a.value;
    else sum = null;
    return line;
  });
  if (!g.headerOrigin.has('total') && sum !== null) {
    raw.total = fenToYuanString(sum);
    derived.push('total');
  }

  const item = parseFeedOrder(raw, g.headerPosition);
  const locate = (issue: FieldIssue): FieldIssue => {
    const m = /^lines\[(\d+)\]\.(.+)$/.exec(issue.field);
    const line = m ? lines[Number(m[1])] : undefined;
    const where = line ? line.position : g.headerPosition;
    const origin = (line ? line.origin : g.headerOrigin).get(m ? m[2]! : issue.field);
    return { field: issue.field, reason: `${issue.reason} (${where}${origin ? `, ${origin}` : ''})` };
  };
  const derivedSet = new Set(derived);
  if (item.ok === 'skipped') return item;
  if (item.ok === false || g.issues.length > 0) {
    const issues = [...g.issues, ...(item.ok === false ? item.issues.filter((i) => !derivedSet.has(i.field)).map(locate) : [])];
    return { kind: 'order', ok: false, key: g.order_no, issues };
  }
  // The archive keeps the redacted order as validated plus where each part came from, so a
  // published purchase can be traced to its file and rows.
  return { ...item, raw: { source_rows: g.positions, derived, order: item.raw } };
}
