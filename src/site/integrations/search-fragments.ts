// How Pagefind bundles the fragments (the text shown for a result) of a shard's pages; apart from
// pagefind.ts so that a search lane (search-build-shard.ts) loads no database code.

/**
 * One gzipped fragment file per page meant ≈29,700 files (116 MB on disk, 31.9 MB of data) at
 * 20k orders. Bundled into at most 3,000 files per index, and a few pages per file in every
 * index (PAGES_PER_FRAGMENT_FILE): a result still loads a few KB.
 */
export const DEFAULT_MAX_FRAGMENTS = 3000;

/**
 * Pages per shared fragment file. An order shard of ≈1,900 pages was 1,927 files, ≈1.1 KB each;
 * with four pages a file it is ≈500 (Pagefind took as long either way: 0.80 against 0.76 s to
 * write one shard). The files are what a night links for every reused shard, the check walks
 * and the disk holds: ≈22k fewer at 20k orders. A shared file of four pages is ≈1.3 KB gzipped.
 */
export const PAGES_PER_FRAGMENT_FILE = 4;
