import { RULE_IDS } from '../../domain/flags/rules.ts';
import { badRequest } from './errors.ts';
import { GAP_BANDS } from '../../domain/gap-band.ts';
import { REVIEW_FILTERS } from '../../domain/flags/flag-key.ts';
import { dayParam, enumParam, hundredthsParam, intParam, pagingParams, readParams, textParam } from './params.ts';
import { ORDER_SORT_FIELDS, type OrderSortField, type OrdersQuery } from '../../db/queries/api/filters.ts';

export { ORDER_SORT_FIELDS, type OrderSortField, type OrdersQuery };


export const ORDERS_PARAMS = [
  'agency', 'supplier', 'category', 'flag', 'from', 'to', 'min_gap_pct', 'q', 'year', 'product', 'gap_band', 'review',
  'sort', 'order', 'page', 'per_page', 'format',
] as const;

export function parseOrdersQuery(url: URL): OrdersQuery {
  const p = readParams(url, ORDERS_PARAMS);
  const { field, direction } = parseSort(p.get('sort'), enumParam(p, 'order', ['asc', 'desc'] as const), ORDER_SORT_FIELDS, 'date');
  const query: OrdersQuery = {
    ...pagingParams(p),
    agency: textParam(p, 'agency'),
    supplier: textParam(p, 'supplier'),
    category: textParam(p, 'category'),
    flag: enumParam(p, 'flag', RULE_IDS),
    from: dayParam(p, 'from'),
    to: dayParam(p, 'to'),
    q: textParam(p, 'q'),
    year: intParam(p, 'year', 1900, 2999),
    product: textParam(p, 'product'),
    gap_band: enumParam(p, 'gap_band', GAP_BANDS),
    review: enumParam(p, 'review', REVIEW_FILTERS),
    sort: field,
    direction,
    format: enumParam(p, 'format', ['json', 'csv'] as const) ?? 'json',
  };
  // Percent with two decimals → hundredths of a percent = basis points. A gap can be below
  // −100 % only in theory; 100,000 % is far past any real overpayment and keeps numbers small.
  const pct = hundredthsParam(p, 'min_gap_pct', -100, 100_000);
  if (pct !== undefined) query.min_gap_bp = pct;
  if (query.from && query.to && query.from > query.to) throw badRequest('to', `"to" (${query.to}) is before "from" (${query.from})`);
  return stripUndefined(query);
}

/**
 * `sort=amount` or `sort=-amount` (descending), optionally with `order=asc|desc` when the field
 * has no sign. Dates default to descending (newest first), the way people read a register.
 */
export function parseSort<F extends string>(
  raw: string | undefined,
  order: 'asc' | 'desc' | undefined,
  fields: readonly F[],
  fallback: F,
): { field: F; direction: 'asc' | 'desc' } {
  if (raw === undefined) return { field: fallback, direction: order ?? 'desc' };
  const desc = raw.startsWith('-');
  const name = desc ? raw.slice(1) : raw;
  if (!(fields as readonly string[]).includes(name)) {
    throw badRequest('sort', `"sort" must be one of ${fields.join(', ')} (prefix "-" for descending), got "${raw.slice(0, 40)}"`);
  }
  if (desc && order !== undefined) throw badRequest('order', `give either "sort=-${name}" or "order", not both`);
  return { field: name as F, direction: desc ? 'desc' : (order ?? 'asc') };
}

/** exactOptionalPropertyTypes-friendly: absent filters are absent keys, not `undefined` values. */
export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
