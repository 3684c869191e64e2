/** Shapes shared by the sample generator's modules (internal; the feed shapes are in write.ts). */

export type ClassKey = 'printer' | 'fax' | 'cabinet' | 'furniture' | 'camera' | 'video' | 'printpaper' | 'copypaper';

/**
 * How a product is seen at retail. noisy: prices move within a band around the reference;
 * flat: one fixed price everywhere (planted price-above-retail cases need an exact reference);
 * none: not sold at retail (no reference, no gap); exclusive: only the planted rows exist.
 */
export type RetailMode = 'noisy' | 'flat' | 'none' | 'exclusive';

export interface Brand {
  cn: string;
  en: string | null;
}

export interface Paper {
  size: 'A4' | 'A3';
  grams: number;
  sheets: number;
  packsPerBox: number;
}

export interface Product {
  id: string;
  cls: ClassKey;
  brand: Brand;
  model: string;
  /** What it is, as a title word: 黑白激光打印机. */
  noun: string;
  spec: string | null;
  unit: string;
  /** Retail reference per unit (per pack for paper), fen. */
  retailFen: number;
  retail: RetailMode;
  gtin: string | null;
  paper?: Paper;
  /** Retail band as factors of retailFen; ordinary prices stay inside it. */
  band?: readonly [number, number];
}

export type TimeStyle = 'offset' | 'local' | 'utc';

export interface Supplier {
  id: string;
  name: string;
  credit_code: string | null;
  kind: 'equipment' | 'digital' | 'furniture' | 'stationery';
  /** Some supplier systems send money as JSON numbers and timestamps in other forms. */
  moneyAsNumber: boolean;
  timeStyle: TimeStyle;
  brandStyle: 0 | 1 | 2;
}

export interface Agency {
  id: string;
  name: string;
}

export interface ListingVersion {
  day: string;
  minute: number;
  price: number;
  status: 'on_sale' | 'off_sale';
}

export interface SampleListing {
  sku: string;
  supplier: Supplier;
  product: Product;
  unit: string;
  /** Packs in one unit of this listing (paper sold per box); 1 otherwise. */
  packs: number;
  brandText: string;
  modelText: string;
  title: string;
  spec: string | null;
  gtin: string | null;
  versions: ListingVersion[];
  /** Set on listings that exist for a planted case; ordinary orders never buy them. */
  reserved: string | null;
}

export interface SampleOrderLine {
  listing: SampleListing;
  quantity: number;
  unitFen: number;
}

export interface Evaluation {
  rating: number;
  comment: string;
  day: string;
  minute: number;
}

export interface SampleOrder {
  order_no: string;
  agency: Agency;
  supplier: Supplier;
  day: string;
  minute: number;
  doneDay: string;
  doneMinute: number;
  status: 'completed' | 'pending' | 'cancelled' | 'refunded';
  contact: { name: string; phone: string };
  lines: SampleOrderLine[];
  evaluation: Evaluation | null;
  /** When the evaluation arrives as a later version of the order (a second record in a later page). */
  evaluationLater: boolean;
  /** When the order first appears as pending and is completed in a later version. */
  pendingFirst: boolean;
}

export const orderTotal = (o: SampleOrder): number => o.lines.reduce((s, l) => s + Math.round(l.unitFen * l.quantity), 0);

/** What a generated sample holds, counted (written to dataset.json and the docs). */
export interface SampleSummary {
  orders: number;
  orderRecords: number;
  listings: number;
  listingRecords: number;
  suppliers: number;
  agencies: number;
  retailRows: number;
  listingsWithRetail: number;
}
