/**
 * Where the search index lives (DESIGN §10, search that scales): one Pagefind index per year of
 * purchases at /pagefind-{year}/, and the products, agencies and suppliers at /pagefind/ (the
 * primary index the search page loads first and merges the years into). A night re-indexes only
 * the shards whose pages changed; each shard's memory and time follow one year's pages.
 */
export const MAIN_INDEX = '/pagefind/';

export function yearIndex(year: string): string {
  if (!/^\d{4}$/.test(year)) throw new Error(`not a year: ${JSON.stringify(year)}`);
  return `/pagefind-${year}/`;
}

/** Whether a top-level folder of the built site is one of the search index's shards. */
export function isIndexFolder(name: string): boolean {
  return name === 'pagefind' || /^pagefind-\d{4}$/.test(name);
}

/** The year shards of a set of order years, newest first (the order a date-sorted search reads them). */
export function yearIndexes(years: Iterable<string>): string[] {
  return [...new Set(years)].sort().reverse().map(yearIndex);
}
