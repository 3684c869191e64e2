import type { BrandDictionary } from '../domain/brands.ts';
import type { GapObservation } from '../domain/gap.ts';
import {
  buildRetailIndex,
  matchListing,
  retailProductKey,
  type ManualMatch,
  type MatchInput,
  type MatchResult,
  type RetailIndex,
} from '../domain/matching.ts';
import type { AnalyzeLine, ListingRow, ObservationRow } from './load.ts';

export interface Matched {
  /** One result per listing, in sku order: the rows of `matches`. */
  results: MatchResult[];
  bySku: Map<string, MatchResult>;
  /** Retail observations per product key, sorted by observed_on then id (for window slicing). */
  obsByProduct: Map<string, GapObservation[]>;
  /** The rows of `retail_product_keys` in primary-key order: product keys sorted, each with its observation ids ascending. */
  retailKeys: [string, number[]][];
  /** The match of a line: its listing's, or (no listing, e.g. OCDS items) one made from the line itself. */
  matchLine(line: AnalyzeLine): MatchResult;
}

/** Match every listing once, and group the retail observations by the product key they share with listings. */
export function matchAll(
  dict: BrandDictionary,
  listings: readonly ListingRow[],
  observations: readonly ObservationRow[],
  manual: ReadonlyMap<string, ManualMatch>,
): Matched {
  // One product is observed day after day under the same text: key each distinct text once,
  // and build the index from those representatives (the index depends only on keys and GTINs).
  const keyOfText = new Map<string, string | null>();
  const representatives: ObservationRow[] = [];
  const obsByProduct = new Map<string, GapObservation[]>();
  for (const o of observations) {
    const text = `${o.brand}\u0000${o.model}\u0000${o.title}\u0000${o.spec ?? ''}\u0000${o.gtin ?? ''}`;
    let key = keyOfText.get(text);
    if (key === undefined) {
      key = retailProductKey(dict, o);
      keyOfText.set(text, key);
      representatives.push(o);
    }
    if (key === null) continue;
    // The row itself is the gap's observation: no copy per observation.
    const list = obsByProduct.get(key);
    if (list) list.push(o);
    else obsByProduct.set(key, [o]);
  }
  // Observations arrive by id, so each list is in id order until it is sorted by day below.
  const retailKeys: [string, number[]][] = [...obsByProduct].map(([key, list]) => [key, list.map((o) => o.id)]);
  retailKeys.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const list of obsByProduct.values()) {
    list.sort((a, b) => (a.observed_on < b.observed_on ? -1 : a.observed_on > b.observed_on ? 1 : a.id - b.id));
  }

  const index: RetailIndex = buildRetailIndex(dict, representatives);
  const results = listings.map((l) => matchListing(dict, l, index, manual));
  const bySku = new Map(results.map((r) => [r.sku, r]));

  // Lines without a listing are matched from their own brand/model/title; identical lines share one result.
  const lineCache = new Map<string, MatchResult>();
  const matchLine = (line: AnalyzeLine): MatchResult => {
    const known = line.sku === null ? undefined : bySku.get(line.sku);
    if (known) return known;
    const input: MatchInput = {
      sku: line.sku ?? '',
      brand: line.brand ?? '',
      model: line.model ?? '',
      title: line.title,
      spec: line.spec,
      unit: line.unit,
      gtin: null,
      category_code: '',
    };
    const k = JSON.stringify(input);
    let r = lineCache.get(k);
    if (!r) lineCache.set(k, (r = matchListing(dict, input, index, manual)));
    return r;
  };

  return { results, bySku, obsByProduct, retailKeys, matchLine };
}
