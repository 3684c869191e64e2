import type { CsvColumn } from '../../export/csv.ts';
import type { FlagItem } from './flags.ts';
import type { OrderListItem } from './order-index.ts';

/**
 * CSV shapes of the list endpoints, written through src/export/csv.ts (BOM, CRLF, formula-safe
 * text cells) so an API download opens the same way as the site's downloads.
 */
export const ORDER_CSV: CsvColumn<OrderListItem>[] = [
  { header: 'order_no', kind: 'text', value: (r) => r.order_no },
  { header: 'placed_at', kind: 'text', value: (r) => r.placed_at },
  { header: 'completed_at', kind: 'text', value: (r) => r.completed_at },
  { header: 'agency_id', kind: 'text', value: (r) => r.agency.id },
  { header: 'agency_name', kind: 'text', value: (r) => r.agency.name },
  { header: 'supplier_id', kind: 'text', value: (r) => r.supplier.id },
  { header: 'supplier_name', kind: 'text', value: (r) => r.supplier.name },
  { header: 'total_fen', kind: 'number', value: (r) => r.total_fen },
  { header: 'total_yuan', kind: 'number', value: (r) => r.total_yuan },
  { header: 'currency', kind: 'text', value: (r) => r.currency },
  { header: 'rating', kind: 'number', value: (r) => r.rating },
  { header: 'lines', kind: 'number', value: (r) => r.lines },
  { header: 'max_gap_pct', kind: 'number', value: (r) => r.max_gap_pct },
  { header: 'overpaid_yuan', kind: 'number', value: (r) => r.overpaid_yuan },
  { header: 'flags', kind: 'text', value: (r) => r.flags.join(';') },
];

export const FLAG_CSV: CsvColumn<FlagItem>[] = [
  { header: 'id', kind: 'number', value: (r) => r.id },
  { header: 'rule', kind: 'text', value: (r) => r.rule },
  { header: 'subject_type', kind: 'text', value: (r) => r.subject_type },
  { header: 'subject_id', kind: 'text', value: (r) => r.subject_id },
  { header: 'order_no', kind: 'text', value: (r) => r.order_no },
  { header: 'agency_id', kind: 'text', value: (r) => r.agency_id },
  { header: 'supplier_id', kind: 'text', value: (r) => r.supplier_id },
  { header: 'placed_at', kind: 'text', value: (r) => r.placed_at },
  { header: 'rule_version', kind: 'text', value: (r) => r.rule_version },
  { header: 'evidence', kind: 'text', value: (r) => JSON.stringify(r.evidence) },
];
