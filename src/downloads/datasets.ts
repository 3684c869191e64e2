import { evidenceText } from '../site/render/evidence-text.ts';
import { ruleName } from '../i18n/zh-CN.ts';
import type { Dataset, FlagDownloadRow, LineDownloadRow, OrderDownloadRow } from '../db/queries/datasets.ts';
import { fenToYuanString } from '../domain/money.ts';
import { csvHead, csvRecords, toCsv, type CsvColumn } from './csv.ts';

/**
 * The downloadable datasets of /data/ (DESIGN §8): every purchase, every purchase line with its
 * retail reference and gap, every flag, and the purchases with their lines as JSON. The rows are
 * read through src/db/queries/datasets.ts (the API's CSV reads the same rows and columns).
 *
 * Rules for every file: money appears twice, as a yuan decimal string derived from fen (for
 * people and spreadsheets) and as the integer fen it was stored as (for exact sums); rows come
 * in primary-key order so the same database gives byte-identical files; and nothing personal —
 * contacts never reach the database, and the columns below are chosen, never every column by wildcard.
 */

const yuan = (fen: number | null): string | null => (fen === null ? null : fenToYuanString(fen));
/** Basis points as a percentage with two decimals, as text built from integers (no float noise). */
const bpToPercent = (bp: number | null): string | null => (bp === null ? null : fenToYuanString(bp));

export const ORDER_COLUMNS: CsvColumn<OrderDownloadRow>[] = [
  { header: 'order_no', kind: 'text', value: (r) => r.order_no },
  { header: 'agency_id', kind: 'text', value: (r) => r.agency_id },
  { header: 'agency_name', kind: 'text', value: (r) => r.agency_name },
  { header: 'supplier_id', kind: 'text', value: (r) => r.supplier_id },
  { header: 'supplier_name', kind: 'text', value: (r) => r.supplier_name },
  { header: 'placed_at', kind: 'text', value: (r) => r.placed_at },
  { header: 'completed_at', kind: 'text', value: (r) => r.completed_at },
  // A withdrawn (refunded, cancelled, returned) order stays listed, marked, and counts nowhere.
  { header: 'status', kind: 'text', value: (r) => r.status },
  { header: 'withdrawn_at', kind: 'text', value: (r) => r.withdrawn_at },
  { header: 'currency', kind: 'text', value: (r) => r.currency },
  { header: 'total_yuan', kind: 'number', value: (r) => yuan(r.total_fen) },
  { header: 'total_fen', kind: 'number', value: (r) => r.total_fen },
  { header: 'lines', kind: 'number', value: (r) => r.line_count },
  { header: 'lines_with_ref', kind: 'number', value: (r) => r.lines_with_ref },
  { header: 'ref_cost_yuan', kind: 'number', value: (r) => yuan(r.ref_cost_fen) },
  { header: 'ref_cost_fen', kind: 'number', value: (r) => r.ref_cost_fen },
  { header: 'net_gap_yuan', kind: 'number', value: (r) => yuan(r.net_gap_fen) },
  { header: 'net_gap_fen', kind: 'number', value: (r) => r.net_gap_fen },
  { header: 'gap_percent', kind: 'number', value: (r) => bpToPercent(r.gap_bp) },
  { header: 'gap_bp', kind: 'number', value: (r) => r.gap_bp },
  { header: 'overpaid_yuan', kind: 'number', value: (r) => yuan(r.overpaid_fen) },
  { header: 'overpaid_fen', kind: 'number', value: (r) => r.overpaid_fen },
  { header: 'saved_yuan', kind: 'number', value: (r) => yuan(r.saved_fen) },
  { header: 'saved_fen', kind: 'number', value: (r) => r.saved_fen },
  // The rule ids, not a count: the same column and meaning as the API's CSV.
  { header: 'flags', kind: 'text', value: (r) => r.flag_rules },
  { header: 'rating', kind: 'number', value: (r) => r.rating },
  { header: 'comment', kind: 'text', value: (r) => r.comment },
  { header: 'source', kind: 'text', value: (r) => r.source },
];

/** One order line for the downloads: the line, its order's parties and its gap evidence. */
export const LINE_COLUMNS: CsvColumn<LineDownloadRow>[] = [
  { header: 'order_no', kind: 'text', value: (r) => r.order_no },
  { header: 'line_no', kind: 'number', value: (r) => r.line_no },
  { header: 'placed_at', kind: 'text', value: (r) => r.placed_at },
  { header: 'agency_id', kind: 'text', value: (r) => r.agency_id },
  { header: 'supplier_id', kind: 'text', value: (r) => r.supplier_id },
  { header: 'sku', kind: 'text', value: (r) => r.sku },
  { header: 'category_code', kind: 'text', value: (r) => r.category_code },
  { header: 'title', kind: 'text', value: (r) => r.title },
  { header: 'brand', kind: 'text', value: (r) => r.brand },
  { header: 'model', kind: 'text', value: (r) => r.model },
  { header: 'spec', kind: 'text', value: (r) => r.spec },
  { header: 'unit', kind: 'text', value: (r) => r.unit },
  { header: 'quantity', kind: 'number', value: (r) => r.quantity },
  { header: 'currency', kind: 'text', value: (r) => r.currency },
  { header: 'unit_price_yuan', kind: 'number', value: (r) => yuan(r.unit_price_fen) },
  { header: 'unit_price_fen', kind: 'number', value: (r) => r.unit_price_fen },
  { header: 'amount_yuan', kind: 'number', value: (r) => yuan(r.amount_fen) },
  { header: 'amount_fen', kind: 'number', value: (r) => r.amount_fen },
  { header: 'ref_price_yuan', kind: 'number', value: (r) => yuan(r.ref_price_fen) },
  { header: 'ref_price_fen', kind: 'number', value: (r) => r.ref_price_fen },
  { header: 'ref_median_yuan', kind: 'number', value: (r) => yuan(r.ref_median_fen) },
  { header: 'ref_median_fen', kind: 'number', value: (r) => r.ref_median_fen },
  { header: 'ref_retailer', kind: 'text', value: (r) => r.ref_retailer },
  { header: 'ref_observed_on', kind: 'text', value: (r) => r.ref_observed_on },
  { header: 'ref_url', kind: 'text', value: (r) => r.ref_url },
  { header: 'gap_yuan', kind: 'number', value: (r) => yuan(r.gap_fen) },
  { header: 'gap_fen', kind: 'number', value: (r) => r.gap_fen },
  { header: 'gap_percent', kind: 'number', value: (r) => bpToPercent(r.gap_bp) },
  { header: 'gap_bp', kind: 'number', value: (r) => r.gap_bp },
  { header: 'match_method', kind: 'text', value: (r) => r.method },
  { header: 'no_ref_reason', kind: 'text', value: (r) => r.no_ref_reason },
];

export const FLAG_COLUMNS: CsvColumn<FlagDownloadRow>[] = [
  { header: 'id', kind: 'number', value: (r) => r.id },
  { header: 'rule', kind: 'text', value: (r) => r.rule },
  { header: 'rule_name', kind: 'text', value: (r) => ruleName(r.rule) },
  { header: 'rule_version', kind: 'text', value: (r) => r.rule_version },
  { header: 'subject_type', kind: 'text', value: (r) => r.subject_type },
  { header: 'subject_id', kind: 'text', value: (r) => r.subject_id },
  { header: 'order_no', kind: 'text', value: (r) => r.order_no },
  { header: 'agency_id', kind: 'text', value: (r) => r.agency_id },
  { header: 'supplier_id', kind: 'text', value: (r) => r.supplier_id },
  { header: 'placed_at', kind: 'text', value: (r) => r.placed_at },
  { header: 'key', kind: 'text', value: (r) => r.key },
  { header: 'review_status', kind: 'text', value: (r) => r.review_status },
  { header: 'reviewed_on', kind: 'text', value: (r) => r.reviewed_on },
  { header: 'review_note', kind: 'text', value: (r) => r.review_note },
  // The evidence as the page words it, one readable cell (structured: orders.json and /api/flags).
  { header: 'evidence', kind: 'text', value: (r) => evidenceText(r.rule, r.evidence_json) },
];

/** One purchase of orders.json: the order, its lines with their reference and gap, its flags. */
function orderJson(o: OrderDownloadRow, d: Dataset): unknown {
  return {
    order_no: o.order_no,
    agency: { id: o.agency_id, name: o.agency_name },
    supplier: { id: o.supplier_id, name: o.supplier_name },
    placed_at: o.placed_at,
    completed_at: o.completed_at,
    currency: o.currency,
    total_yuan: yuan(o.total_fen),
    total_fen: o.total_fen,
    lines_with_ref: o.lines_with_ref,
    ref_cost_fen: o.ref_cost_fen,
    net_gap_yuan: yuan(o.net_gap_fen),
    net_gap_fen: o.net_gap_fen,
    evaluation: o.rating === null ? null : { rating: o.rating, comment: o.comment },
    source: o.source,
    lines: (d.linesByOrder.get(o.order_no) ?? []).map((l) => ({
      line_no: l.line_no,
      sku: l.sku,
      category_code: l.category_code,
      title: l.title,
      brand: l.brand,
      model: l.model,
      spec: l.spec,
      unit: l.unit,
      quantity: l.quantity,
      unit_price_yuan: yuan(l.unit_price_fen),
      unit_price_fen: l.unit_price_fen,
      amount_yuan: yuan(l.amount_fen),
      amount_fen: l.amount_fen,
      reference:
        l.ref_price_fen === null
          ? null
          : {
              price_yuan: yuan(l.ref_price_fen),
              price_fen: l.ref_price_fen,
              median_fen: l.ref_median_fen,
              retailer: l.ref_retailer,
              observed_on: l.ref_observed_on,
              url: l.ref_url,
            },
      gap_fen: l.gap_fen,
      gap_bp: l.gap_bp,
      match_method: l.method,
      no_ref_reason: l.no_ref_reason,
    })),
    flags: (d.flagsByOrder.get(o.order_no) ?? []).map((f) => ({
      id: f.id,
      rule: f.rule,
      rule_version: f.rule_version,
      subject_type: f.subject_type,
      subject_id: f.subject_id,
      evidence: parseJson(f.evidence_json),
    })),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Evidence is written by analyze and should always parse; never fail a download over it.
    return text;
  }
}

// orders.json: `{ schema, note, orders: [{ …order, lines: [...], flags: [...] }] }`, in order_no
// order; JSON.stringify of that document, written as its start, the orders joined by commas, its end.
const [JSON_HEAD, JSON_TAIL] = JSON.stringify({
  schema: 'sunshine-procurement/orders@1',
  note: 'Money: *_fen are integers in fen (1 yuan = 100 fen); *_yuan are the same amounts as decimal strings. gap_bp is basis points (100 = 1%).',
  orders: [],
}).split('[]') as [string, string];

/**
 * A download made of one piece per purchase, in order_no order, between a head and a tail. A
 * piece depends only on its purchase's rows in the dataset (pieceKey, pieces.ts), so a night
 * reuses the previous build's bytes for every purchase whose rows did not change.
 */
export interface PiecewiseFile {
  name: string;
  head: string;
  /** Between two purchases' pieces. */
  separator: string;
  tail: string;
  piece: (order: OrderDownloadRow, d: Dataset) => string;
}

/** A download written whole each build (the flags: few, and their ids follow the whole table). */
export interface WholeFile {
  name: string;
  whole: (d: Dataset) => string;
}

/** The files of /data/ built from these datasets (written by the build, src/site/integrations/downloads.ts). */
export const DATASET_FILES: readonly (PiecewiseFile | WholeFile)[] = [
  { name: 'orders.csv', head: csvHead(ORDER_COLUMNS), separator: '', tail: '', piece: (o) => csvRecords(ORDER_COLUMNS, [o]) },
  { name: 'order-lines.csv', head: csvHead(LINE_COLUMNS), separator: '', tail: '', piece: (o, d) => csvRecords(LINE_COLUMNS, d.linesByOrder.get(o.order_no) ?? []) },
  { name: 'flags.csv', whole: (d) => toCsv(FLAG_COLUMNS, d.flags) },
  { name: 'orders.json', head: `${JSON_HEAD}[`, separator: ',', tail: `]${JSON_TAIL}\n`, piece: (o, d) => JSON.stringify(orderJson(o, d)) },
];
