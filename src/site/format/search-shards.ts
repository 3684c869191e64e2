/**
 * Where the search index lives (DESIGN §10, search that scales). Pagefind cannot update an index
 * in place, so the index is cut into shards and a night re-indexes only the shards whose indexed
 * content changed (src/site/integrations/search-shards.ts):
 * - /pagefind/ — the products (the primary index the search page loads first). A product's
 *   search record holds only its listing (name, supplier, category, listed price), so it changes
 *   when the listing does, not with every purchase.
 * - /pagefind-parties/ — agencies and suppliers (≈1.3k pages; their totals change most nights).
 * - /pagefind-{yyyy}-{mm}/ — the purchases of consecutive months (Asia/Shanghai), grouped oldest
 *   first until the next month would take the group past ORDER_SHARD_PAGES; named by the group's
 *   first month. The newest month, where a night's new orders fall, is a shard of its own, so
 *   they re-index that month only and never the closed months grouped before it; a refund or a
 *   change of an old order re-indexes one group. The page cap, not the calendar, bounds what a
 *   shard costs to build, whatever the volume (a month is the smallest shard), and keeps the
 *   number of indexes the browser merges near pages ÷ cap, plus one.
 */
export const MAIN_INDEX = '/pagefind/';
export const PARTIES_INDEX = '/pagefind-parties/';

/**
 * Order pages per shard. At ≈1 ms a page to index (Pagefind, 2 cores), ≈2.5 s to rebuild one;
 * the sample's 20k orders span 13 months of 1,400–1,900 pages, so there a shard is one month.
 */
export const ORDER_SHARD_PAGES = 2500;

/**
 * The shard of each month of purchases, from the number of order pages in each month (YYYY-MM).
 * Deterministic: the same counts give the same shards. New orders in the newest month change
 * only its shard. When a newer month opens, the month before it closes and joins the last closed
 * group if it fits under the cap (that group is re-indexed once) or stays the group of its own it
 * already was (nothing is re-indexed for it: the bench's quiet night at 20k orders, which opens
 * a month, indexes 212 pages for its new orders instead of 1,860). Earlier groups move only if an older
 * month's count changes (late-arriving old orders), which re-indexes the groups after it once.
 */
export function orderShards(monthPages: ReadonlyMap<string, number>, cap = ORDER_SHARD_PAGES): Map<string, string> {
  const months = [...monthPages.keys()].sort();
  const shards = new Map<string, string>();
  let index = '';
  let pages = 0;
  for (const [at, month] of months.entries()) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`not a month of purchases: ${JSON.stringify(month)}`);
    const n = monthPages.get(month)!;
    if (index === '' || pages + n > cap || at === months.length - 1) {
      index = `/pagefind-${month}/`;
      pages = 0;
    }
    pages += n;
    shards.set(month, index);
  }
  return shards;
}

/** Whether a top-level folder of the built site is one of the search index's shards. */
export function isIndexFolder(name: string): boolean {
  return name === 'pagefind' || name === 'pagefind-parties' || /^pagefind-\d{4}-\d{2}$/.test(name);
}

/**
 * The indexes the search page merges into the main one: the parties, then the order shards
 * newest first (the order a date-sorted search reads them).
 */
export function mergedIndexes(orderIndexes: Iterable<string>): string[] {
  return [PARTIES_INDEX, ...[...new Set(orderIndexes)].sort().reverse()];
}
