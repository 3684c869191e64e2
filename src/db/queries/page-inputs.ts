import { createHash } from 'node:crypto';
import { evidenceRefs } from '../../domain/evidence-refs.ts';
import { all, memo, one } from './db.ts';
import { allOrderNos, countOrdersOf, orderYears, ordersOf, otherCurrencyOf } from './orders.ts';
import { allSkus, productsOfSupplier } from './products.ts';
import { formerNames, namesFor } from './names.ts';
import { agencyById, allAgencyIds, allSupplierIds, capUse, flagCountsOf, lastOrderDay, supplierById } from './parties.ts';
import { FEED_ENTRY_LIMIT, PARTY_ORDER_LIMIT, SUPPLIER_PRODUCT_LIMIT } from './paging.ts';
import { totalsOf, yearlyTotals } from './site.ts';
import { orderFlags, orderHead, orderLines, orderRawBody, planOrderPages } from './order-detail.ts';
import { listingPriceHistory, planProductPages, productBySku, productTotals, purchasesOfSku, retailHistory } from './product-page.ts';
import { feedFlags, feedOrders, planFeeds, type FeedSubject } from './feed.ts';

/**
 * Each order, product, agency and supplier page's inputs, hashed (DESIGN §10: "each page's
 * inputs hashed from the database"), with every file of the page's folder (feed, price CSV).
 * The inputs are read with the very functions the pages call, so a page cannot show something
 * its hash did not see; what every page shares (the sample flag, the analysis rules, category
 * names) goes into every hash. The nightly stores the hashes in content_versions with the time
 * each last changed, and the build re-renders a page only when its hash moved.
 */
export type PageKind = 'order' | 'product' | 'agency' | 'supplier';
export const PAGE_KINDS: readonly PageKind[] = ['order', 'product', 'agency', 'supplier'];

/** Site-wide facts that appear on every versioned page. */
function sharedInputs(): unknown {
  return {
    meta: all<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('sample', 'analysis_rules') ORDER BY key`),
    categories: all(`SELECT code, name, parent_code FROM categories ORDER BY code`),
  };
}

function orderInputs(orderNo: string): unknown {
  const head = orderHead(orderNo);
  if (!head) return null;
  const flags = orderFlags(orderNo);
  const refs = flags.map((f) => evidenceRefs(f.evidence_json));
  const ids = (pick: (r: ReturnType<typeof evidenceRefs>) => string[]) => [...new Set(refs.flatMap(pick))].sort();
  const names = namesFor({ agencies: ids((r) => r.agencies), suppliers: ids((r) => r.suppliers), skus: ids((r) => r.skus) });
  return {
    head,
    lines: orderLines(orderNo),
    // Flag ids are renumbered by every analyze run and never shown: leave them out.
    flags: flags.map(({ id: _id, ...f }) => f),
    raw: orderRawBody(head),
    names: [
      ids((r) => r.agencies).map((id) => names.agency?.(id) ?? null),
      ids((r) => r.suppliers).map((id) => names.supplier?.(id) ?? null),
      ids((r) => r.skus).map((id) => names.product?.(id) ?? null),
    ],
  };
}

function productInputs(sku: string): unknown {
  const product = productBySku(sku);
  if (!product) return null;
  return {
    product,
    totals: productTotals(sku) ?? null,
    purchases: purchasesOfSku(sku),
    prices: listingPriceHistory(sku),
    retail: retailHistory(sku, product),
    feed: feedInputs({ kind: 'product', id: sku }),
    // The year select of the page's order filter form (OrderFilters).
    years: orderYears(),
  };
}

/** What a page's Atom feed shows (render/atom.ts). */
function feedInputs(subject: FeedSubject): unknown {
  return [feedOrders(FEED_ENTRY_LIMIT, subject), feedFlags(FEED_ENTRY_LIMIT, subject).map(({ id: _id, ...f }) => f)];
}

/** An agency's or supplier's page and feed (pages/agencies/[id].astro, pages/suppliers/[id].astro). */
function partyInputs(kind: 'agency' | 'supplier', id: string): unknown {
  const party = kind === 'agency' ? agencyById(id) : supplierById(id);
  if (!party) return null;
  return {
    party,
    former: formerNames(kind, party.id, party.name),
    totals: totalsOf(kind, id) ?? null,
    count: countOrdersOf(kind, id),
    orders: ordersOf(kind, id, PARTY_ORDER_LIMIT),
    otherCurrency: otherCurrencyOf(kind, id),
    flagCounts: flagCountsOf(kind, id),
    lastOrderDay: lastOrderDay(kind, id),
    years: orderYears(),
    feed: feedInputs({ kind, id }),
    ...(kind === 'agency'
      ? { yearly: yearlyTotals('agency', id), capUse: capUse(id) }
      : { products: productsOfSupplier(id, SUPPLIER_PRODUCT_LIMIT) }),
  };
}

/** Every order, product, agency and supplier page's id, each kind in id order. */
export function pageIds(): Record<PageKind, string[]> {
  return { order: allOrderNos(), product: allSkus(), agency: allAgencyIds(), supplier: allSupplierIds() };
}

const sharedJson = memo(() => JSON.stringify(sharedInputs()));

/**
 * id → hash for some pages of one kind. Ids in id order and contiguous where possible: the page
 * queries read ids in windows (src/db/queries/window.ts). Only these pages' feeds are read.
 */
export function hashPages(kind: PageKind, ids: readonly string[]): Map<string, string> {
  const shared = sharedJson();
  const hashOf = (inputs: unknown) => createHash('sha256').update(shared).update('\u0000').update(JSON.stringify(inputs)).digest('hex');
  // Told which pages come, the windowed reads take these ids rather than the table's next ones
  // (a night's few hundred changed products are scattered over the table).
  if (kind === 'order') planOrderPages(ids);
  else planFeeds(kind, ids);
  if (kind === 'product') planProductPages(ids);
  const inputs = kind === 'order' ? orderInputs : kind === 'product' ? productInputs : (id: string) => partyInputs(kind, id);
  return new Map(ids.map((id) => [id, hashOf(inputs(id))]));
}

/**
 * What every versioned page reads besides its own rows: the site-wide inputs and the years of
 * the order filters. The versions step records them; when they move, a page's rows are not all
 * that changed (publish/content-versions.ts).
 */
export function pageBasis(): { shared: string; years: string } {
  return { shared: sharedJson(), years: JSON.stringify(orderYears()) };
}

/** What the build shows as a page's data version: its hash and when it last changed. */
export interface ContentVersion {
  hash: string;
  updated_at: string;
}

/** The stored versions of one kind (written by the nightly's versions step). */
export function contentVersions(kind: PageKind): Map<string, ContentVersion> {
  // A database migrated before 0011 has no versions yet: every page then shows the site's date.
  if (!one(`SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'content_versions'`)) return new Map();
  return new Map(
    all<{ id: string; hash: string; updated_at: string }>(`SELECT id, hash, updated_at FROM content_versions WHERE kind = ?`, kind)
      .map((r) => [r.id, { hash: r.hash, updated_at: r.updated_at }]),
  );
}
