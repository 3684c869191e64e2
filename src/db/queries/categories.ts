import { all, memo, one } from './db.ts';

export interface CategoryRow {
  code: string;
  /** null when the code is not in the catalogue (shown as the code, DESIGN §3). */
  name: string | null;
  parent_code: string | null;
  listings: number;
  orders: number | null;
  spend_fen: number | null;
  net_gap_fen: number | null;
  ref_cost_fen: number | null;
  lines_with_ref: number | null;
  lines: number | null;
  flags: number | null;
}

/** Catalogue categories plus every unknown code listings use; computed once. */
export const categoryList = memo(() =>
  all<CategoryRow>(
    `WITH codes(code) AS (SELECT code FROM categories UNION SELECT category_code FROM listings)
     SELECT k.code, c.name, c.parent_code,
       (SELECT COUNT(*) FROM listings WHERE category_code = k.code) AS listings,
       t.orders, t.spend_fen, t.net_gap_fen, t.ref_cost_fen, t.lines_with_ref, t.lines, t.flags
     FROM codes k LEFT JOIN categories c ON c.code = k.code
     LEFT JOIN totals t ON t.dimension = 'category' AND t.key = k.code AND t.period = 'all'
     ORDER BY k.code`,
  ),
);

const byCode = memo(() => new Map(categoryList().map((c) => [c.code, c])));

export function categoryByCode(code: string): CategoryRow | undefined {
  return byCode().get(code);
}

export function childCategories(code: string): CategoryRow[] {
  return categoryList().filter((c) => c.parent_code === code);
}

/** Name of a category, or the bare code when the catalogue does not know it. */
export function categoryLabel(code: string): string {
  return byCode().get(code)?.name ?? code;
}

export function categoryExists(code: string): boolean {
  return one(`SELECT 1 AS x FROM categories WHERE code = ?`, code) !== undefined;
}
