/**
 * Loading the sharded search index in the browser (src/site/format/search-shards.ts): the main
 * Pagefind index with every other shard merged into it, single indexes for sorted searches, and the
 * sources a result list reads from. The types are the part of Pagefind's API the page uses.
 */
import { SortedMerge } from './merge-sorted.ts';

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}

export interface PagefindSearchResponse {
  results: { id: string; data: () => Promise<PagefindResultData> }[];
  unfilteredResultCount: number;
}

export interface PagefindApi {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  mergeIndex: (path: string) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (
    term: string | null,
    options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<PagefindSearchResponse | null>;
}

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const indexUrl = (index: string) => `${BASE}${index.replace(/^\//, '')}`;

/** The main index with every other shard merged into it (relevance-ranked searches and filter counts). */
export async function loadPagefind(shards: string[]): Promise<PagefindApi> {
  const api = (await import(/* @vite-ignore */ `${indexUrl('/pagefind/')}pagefind.js`)) as PagefindApi;
  await api.options({ excerptLength: 24 });
  await api.init();
  for (const s of shards) await api.mergeIndex(indexUrl(s));
  return api;
}

/**
 * One index on its own, for sorted searches: a second copy of its pagefind.js (the query string
 * makes it a separate module, so it does not share the merged instance) pointed at its folder.
 */
const solos = new Map<string, Promise<PagefindApi>>();
export function loadSolo(index: string): Promise<PagefindApi> {
  let p = solos.get(index);
  if (!p) {
    p = (async () => {
      const api = (await import(/* @vite-ignore */ `${indexUrl(index)}pagefind.js?sorted`)) as PagefindApi;
      await api.options({ basePath: indexUrl(index), excerptLength: 24 });
      await api.init();
      return api;
    })();
    solos.set(index, p);
  }
  return p;
}

/** The meta field that carries each sort key's sortable text (render/pagefind-tags.ts). */
const SORT_META: Record<string, string> = { date: 'date', amount: 'amount_key', gap: 'gap_key' };

/** Where the next results come from: Pagefind's own (relevance) list, or the merge of sorted ones. */
export interface ResultSource {
  total: number;
  remaining: () => number;
  next: (n: number) => Promise<PagefindResultData[]>;
}

export function listSource(results: PagefindSearchResponse['results']): ResultSource {
  let rest = results;
  return {
    total: results.length,
    remaining: () => rest.length,
    next: async (n) => {
      const batch = rest.slice(0, n);
      rest = rest.slice(n);
      return Promise.all(batch.map((r) => r.data()));
    },
  };
}

/** A sorted search over every shard: each sorts its own results, the merge orders them (Pagefind orders merged results by score only). */
export function sortedSource(lists: PagefindSearchResponse['results'][], key: string, dir: 'asc' | 'desc'): ResultSource {
  const meta = SORT_META[key] ?? key;
  const merge = new SortedMerge(lists, (d: PagefindResultData) => d.meta[meta] ?? '', dir);
  return { total: merge.total, remaining: () => merge.remaining, next: (n) => merge.next(n) };
}
