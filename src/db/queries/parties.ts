import { all, memo, one } from './db.ts';

/** Agencies and suppliers: indexes from totals (computed once by analyze), pages by id. */
export interface PartyListRow {
  id: string;
  name: string;
  orders: number | null;
  spend_fen: number | null;
  net_gap_fen: number | null;
  ref_cost_fen: number | null;
  flags: number | null;
  last_day: string | null;
}

export interface CapUseRow {
  year: string;
  spend_fen: number;
  cap_fen: number;
  crossing_order_no: string | null;
}

type Party = 'agency' | 'supplier';
const table = (p: Party) => (p === 'agency' ? 'agencies' : 'suppliers');
const col = (p: Party) => (p === 'agency' ? 'agency_id' : 'supplier_id');

function listOf(p: Party): PartyListRow[] {
  return all<PartyListRow>(
    `SELECT x.id, x.name, t.orders, t.spend_fen, t.net_gap_fen, t.ref_cost_fen, t.flags,
       (SELECT substr(MAX(placed_at), 1, 10) FROM orders WHERE ${col(p)} = x.id AND status = 'completed') AS last_day
     FROM ${table(p)} x LEFT JOIN totals t ON t.dimension = '${p}' AND t.key = x.id AND t.period = 'all'
     ORDER BY t.spend_fen DESC NULLS LAST, x.id`,
  );
}

export const agencyList = memo(() => listOf('agency'));
export const supplierList = memo(() => listOf('supplier'));

export const allAgencyIds = memo(() => all<{ id: string }>(`SELECT id FROM agencies ORDER BY id`).map((r) => r.id));
export const allSupplierIds = memo(() => all<{ id: string }>(`SELECT id FROM suppliers ORDER BY id`).map((r) => r.id));

export function agencyById(id: string): { id: string; name: string } | undefined {
  return one(`SELECT id, name FROM agencies WHERE id = ?`, id);
}

export function supplierById(id: string): { id: string; name: string; credit_code: string | null } | undefined {
  return one(`SELECT id, name, credit_code FROM suppliers WHERE id = ?`, id);
}

export function capUse(agencyId: string): CapUseRow[] {
  return all<CapUseRow>(
    `SELECT year, spend_fen, cap_fen, crossing_order_no FROM agency_cap_use WHERE agency_id = ? ORDER BY year`,
    agencyId,
  );
}

/** Flags on the purchases of one agency or supplier, counted by rule. */
export function flagCountsOf(p: Party, id: string): { rule: string; n: number }[] {
  return all(
    `SELECT f.rule, COUNT(*) AS n FROM flags f JOIN orders o ON o.order_no = f.order_no
     WHERE o.${col(p)} = ? GROUP BY f.rule ORDER BY f.rule`,
    id,
  );
}

/** Latest day and spend per party, for the Pagefind sort keys of its page. */
export function lastOrderDay(p: Party, id: string): string | null {
  return one<{ d: string | null }>(`SELECT substr(MAX(placed_at), 1, 10) AS d FROM orders WHERE ${col(p)} = ? AND status = 'completed'`, id)?.d ?? null;
}
