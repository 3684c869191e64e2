/**
 * Where the search index lives (DESIGN §10, search that scales). Pagefind cannot update an index
 * in place, so the index is cut into shards and a night re-indexes only the shards whose indexed
 * content changed (src/site/integrations/search-shards.ts):
 * - /pagefind/ — the products (the primary index the search page loads first). A product's
 *   search record holds only its listing (name, supplier, category, listed price), so it changes
 *   when the listing does, not with every purchase.
 * - /pagefind-parties/ — agencies and suppliers (≈1.3k pages; their totals change most nights).
 * - /pagefind-{year}-q{1-4}/ — the purchases placed in one quarter (Asia/Shanghai). A night's new
 *   orders fall in the newest quarter; a refund or a change of an old order touches one more.
 *   Quarters rather than years keep a night's re-indexing to a few thousand pages; rather than
 *   months, they keep the browser's merge to four indexes a year.
 */
export const MAIN_INDEX = '/pagefind/';
export const PARTIES_INDEX = '/pagefind-parties/';

/** The order shard of a purchase placed at `placedAt` (ISO text in Shanghai time, as stored). */
export function quarterIndex(placedAt: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(placedAt);
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12) throw new Error(`not a purchase time: ${JSON.stringify(placedAt)}`);
  return `/pagefind-${m[1]}-q${Math.ceil(month / 3)}/`;
}

/** Whether a top-level folder of the built site is one of the search index's shards. */
export function isIndexFolder(name: string): boolean {
  return name === 'pagefind' || name === 'pagefind-parties' || /^pagefind-\d{4}-q[1-4]$/.test(name);
}

/**
 * The indexes the search page merges into the main one: the parties, then the order quarters
 * newest first (the order a date-sorted search reads them).
 */
export function mergedIndexes(quarterIndexes: Iterable<string>): string[] {
  return [PARTIES_INDEX, ...[...new Set(quarterIndexes)].sort().reverse()];
}
