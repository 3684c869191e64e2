import type { ListingFactory } from './listings.ts';
import type { Ledger } from './orders.ts';
import type { Rng } from './prng.ts';
import type { RetailRow } from './retail.ts';
import type { Agency, SampleListing, SampleOrder, Product, Supplier } from './types.ts';

/** One planted case: what was planted and which flags each of its orders must raise (maybe none). */
export interface PlantedCase {
  id: string;
  rule: string;
  /** True when the case must raise `rule`; false for a near miss that must not. */
  flags: boolean;
  orders: SampleOrder[];
  sku: string | null;
  what: string;
  expected: { order: SampleOrder; rules: string[] }[];
}

export interface PlantContext {
  rng: Rng;
  products: ReadonlyMap<string, Product>;
  suppliers: readonly Supplier[];
  agencies: readonly Agency[];
  ordinaryListings: readonly SampleListing[];
  factory: ListingFactory;
  ledger: Ledger;
  /** Listings created for planted cases (reserved: ordinary orders never buy them). */
  listings: SampleListing[];
  /** Retail rows planted for exclusive products. */
  retail: RetailRow[];
  /** Agencies that only ever buy in planted cases. */
  reservedAgencies: Set<string>;
}

export function product(ctx: PlantContext, id: string): Product {
  const p = ctx.products.get(id);
  if (!p) throw new Error(`unknown product ${id}`);
  return p;
}

/** The k-th supplier of a kind (wrapping), so planted cases spread over suppliers. */
export function supplierOf(ctx: PlantContext, kind: Supplier['kind'], k: number): Supplier {
  const all = ctx.suppliers.filter((s) => s.kind === kind);
  return all[k % all.length] as Supplier;
}

/** An ordinary agency for a planted case that is about price, not spend. */
export function agencyAt(ctx: PlantContext, k: number): Agency {
  const free = ctx.agencies.filter((a) => !ctx.reservedAgencies.has(a.id));
  return free[(k * 17 + 3) % free.length] as Agency;
}

export function reserveAgency(ctx: PlantContext, k: number): Agency {
  const a = ctx.agencies[(k * 19 + 7) % ctx.agencies.length] as Agency;
  if (ctx.reservedAgencies.has(a.id)) throw new Error(`agency ${a.id} reserved twice`);
  ctx.reservedAgencies.add(a.id);
  return a;
}
