import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { orderPageMonths } from '../../db/queries/orders.ts';
import { memo } from '../../db/queries/db.ts';
import { idSegment } from '../format/paths.ts';
import { MAIN_INDEX, ORDER_SHARD_PAGES, PARTIES_INDEX, orderShards } from '../format/search-shards.ts';
import { linkOrCopy } from './link-files.ts';
import { searchDocument } from './search-document.ts';
import { documentHash } from './search-add-pages.ts';

/**
 * The shards of the search index and the pages of each (src/site/format/search-shards.ts), and
 * each shard's key: the hash of what Pagefind reads of its pages (search-document.ts). Equal keys
 * mean equal input, so the previous build's shard can be reused as it is (Pagefind itself is in
 * the code hash). A product page whose purchases changed but whose listing did not keeps its key.
 */
export interface Shard {
  /** URL path of the index, e.g. /pagefind-2019-03/. */
  index: string;
  /** Page files (relative to the client folder) in this shard, sorted. */
  pages: string[];
  key: string;
}

function pagesOf(client: string, kinds: string[]): string[] {
  const pages: string[] = [];
  for (const kind of kinds) {
    const dir = path.join(client, kind);
    if (!fs.existsSync(dir)) continue;
    for (const seg of fs.readdirSync(dir)) {
      if (seg === 'page') continue; // the paged lists, not a product, agency or supplier
      const rel = `${kind}/${seg}/index.html`;
      if (fs.existsSync(path.join(client, rel))) pages.push(rel);
    }
  }
  return pages;
}

/** The previous build's client folder and its pages' document hashes, when this build reuses its files. */
export interface PreviousDocuments {
  client: string;
  documents: Record<string, string>;
  /** The pages (paths in client/) this build linked from that one (its render plan's unchanged pages). */
  linked: ReadonlySet<string>;
}

/** Each order page's shard (format/search-shards.ts), for the index and for the search page's list of shards. */
export const orderPageShards = memo((): Map<string, string> => {
  const months = orderPageMonths();
  const counts = new Map<string, number>();
  for (const m of months.values()) counts.set(m, (counts.get(m) ?? 0) + 1);
  const shardOf = orderShards(counts, shardPagesSetting());
  return new Map([...months].map(([no, m]) => [no, shardOf.get(m)!]));
});

/** SUNSHINE_SEARCH_SHARD_PAGES: order pages per search shard (default ORDER_SHARD_PAGES). */
function shardPagesSetting(): number {
  const raw = process.env.SUNSHINE_SEARCH_SHARD_PAGES;
  if (raw === undefined || raw === '') return ORDER_SHARD_PAGES;
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw new Error(`SUNSHINE_SEARCH_SHARD_PAGES must be a whole number of pages from 1 to 9999999, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * The shards and their pages; with `hash`, also each page's document hash and each shard's key
 * (reading every page). Without it (nothing to reuse: no previous build's shards), keys are ''
 * and the shards' builds hash the documents they read anyway (addShardPages, shardKey).
 */
export function planShards(client: string, previous: PreviousDocuments | null = null, hash = true): { shards: Shard[]; documents: Record<string, string> } {
  const byShard = new Map<string, string[]>();
  for (const [no, index] of orderPageShards()) {
    const list = byShard.get(index) ?? [];
    list.push(`orders/${idSegment(no)}/index.html`);
    byShard.set(index, list);
  }
  const documents: Record<string, string> = {};
  const shard = (index: string, pages: string[]): Shard => {
    pages.sort();
    if (!hash) return { index, pages, key: '' };
    for (const p of pages) {
      documents[p] = reusedHash(p, previous) ?? documentHash(searchDocument(fs.readFileSync(path.join(client, p), 'utf8')));
    }
    return { index, pages, key: shardKey(pages, documents) };
  };
  const shards = [
    shard(MAIN_INDEX, pagesOf(client, ['products'])),
    shard(PARTIES_INDEX, pagesOf(client, ['agencies', 'suppliers'])),
    ...[...byShard].sort(([a], [b]) => (a < b ? -1 : 1)).map(([index, pages]) => shard(index, pages)),
  ];
  return { shards, documents };
}

/** A shard's key: the hash of its pages' paths and document hashes, in path order. */
export function shardKey(pages: readonly string[], documents: Readonly<Record<string, string>>): string {
  const h = createHash('sha256');
  for (const p of pages) h.update(p).update('\u0000').update(documents[p]!).update('\u0000');
  return h.digest('hex');
}

/**
 * A page linked from the previous build (the incremental integration links the pages its render
 * plan does not render: the same file, not a copy) has the document hash that build recorded;
 * reading and cutting ≈29k pages took ≈2.5 s of a quiet night, and asking the file system which
 * pages are links (two stats a page) ≈0.4 s.
 */
function reusedHash(rel: string, previous: PreviousDocuments | null): string | undefined {
  return previous?.linked.has(rel) ? previous.documents[rel] : undefined;
}

/** The previous build's copy of an index folder, linked file by file into this build. */
export function reuseIndex(fromClient: string, toClient: string, index: string): boolean {
  const from = path.join(fromClient, index);
  if (!fs.existsSync(path.join(from, 'pagefind-entry.json'))) return false;
  // Each folder made once: a shard is ≈ 2,000 files in a handful of folders, and a recursive
  // mkdir per file was ≈ 16k failed system calls (EEXIST) a quiet night.
  const made = new Set<string>();
  for (const e of fs.readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(from, path.join(e.parentPath, e.name));
    const to = path.join(toClient, index, rel);
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkOrCopy(path.join(e.parentPath, e.name), to);
  }
  return true;
}
