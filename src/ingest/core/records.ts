/**
 * The validated, normalised records every source adapter yields (DESIGN §3). Sources differ in
 * shape; after validation they are all one of these. Money is integer fen, timestamps are
 * Asia/Shanghai ISO strings (see domain/time.ts), absent optional text is null.
 */

export interface PartyRef {
  id: string;
  name: string;
}

export interface SupplierRef extends PartyRef {
  credit_code: string | null;
}

export interface ListingRecord {
  sku: string;
  supplier: SupplierRef;
  category_code: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  price_fen: number;
  gtin: string | null;
  status: 'on_sale' | 'off_sale';
  updated_at: string;
}

export interface OrderLineRecord {
  line_no: number;
  sku: string | null;
  title: string;
  brand: string | null;
  model: string | null;
  spec: string | null;
  unit: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

export interface OrderRecord {
  order_no: string;
  buyer: PartyRef;
  supplier: SupplierRef;
  placed_at: string;
  completed_at: string;
  currency: string;
  lines: OrderLineRecord[];
  total_fen: number;
  evaluation: { rating: number; comment: string | null; at: string | null } | null;
  updated_at: string;
}

export interface RetailRecord {
  retailer: string;
  brand: string;
  model: string;
  title: string;
  spec: string | null;
  unit: string;
  price_fen: number;
  currency: string;
  observed_on: string;
  url: string;
  /** A snapshot of the page as it was seen (a web archive), shown beside the live link. */
  archive_url: string | null;
  self_operated: boolean;
  gtin: string | null;
  price_kind: 'sale' | 'list';
}

/**
 * A newer version of an order that undoes the purchase (DESIGN §3, Order lifecycle): refunded,
 * cancelled or returned. Only what identifies the order and when is kept; the order's page
 * stays, and analyze counts it nowhere.
 */
export interface WithdrawalRecord {
  order_no: string;
  status: WithdrawnStatus;
  updated_at: string;
}

export const WITHDRAWN_STATUSES = ['refunded', 'cancelled', 'returned'] as const;
export type WithdrawnStatus = (typeof WITHDRAWN_STATUSES)[number];

export type RecordKind = 'listing' | 'order' | 'withdrawal' | 'retail';

export interface RecordByKind {
  listing: ListingRecord;
  order: OrderRecord;
  withdrawal: WithdrawalRecord;
  retail: RetailRecord;
}

/** One problem with one field of one record, in words a person can act on. */
export interface FieldIssue {
  field: string;
  reason: string;
}
