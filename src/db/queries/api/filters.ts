/**
 * What the API's list endpoints filter, sort and page by, as the read layer takes it. The
 * server parses and validates query strings into these (src/server/api/*-query.ts).
 */
import type { GapBand } from '../../../domain/gap-band.ts';
import type { ReviewFilter } from '../../../domain/flags/flag-key.ts';

export interface Paging {
  page: number;
  per_page: number;
}

/** GET /api/orders, validated. Everything optional; the default is newest first. */
export interface OrdersQuery extends Paging {
  agency?: string;
  supplier?: string;
  /** A category code or a prefix of one (catalogue codes are hierarchical: A02 ⊃ A0201 ⊃ A020101). */
  category?: string;
  flag?: string;
  from?: string;
  to?: string;
  /** Orders with at least one line whose gap is at least this, in basis points (12.5 % → 1250). */
  min_gap_bp?: number;
  /** Prefix of order_no. */
  q?: string;
  /** Calendar year of the purchase (Asia/Shanghai day). */
  year?: number;
  /** Orders that bought this product (listing sku). */
  product?: string;
  /** Orders whose gap ratio falls in this band (domain/gap-band.ts). */
  gap_band?: GapBand;
  /** Orders with at least one flag in this review state. */
  review?: ReviewFilter;
  sort: OrderSortField;
  direction: 'asc' | 'desc';
  format: 'json' | 'csv';
}

export const ORDER_SORT_FIELDS = ['date', 'amount', 'gap'] as const;
export type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];

/** GET /api/flags, validated. */
export interface FlagsQuery extends Paging {
  rule?: string;
  agency?: string;
  supplier?: string;
  /** Calendar year of the purchase the flag is about. */
  year?: number;
  /** A category code or prefix: flags about a purchase with a line in it. */
  category?: string;
  review?: ReviewFilter;
  format: 'json' | 'csv';
}
