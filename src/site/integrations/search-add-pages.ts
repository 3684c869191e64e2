import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PagefindIndex } from 'pagefind';
import { searchDocument } from './search-document.ts';

// What a search lane (pagefind.ts) runs for each shard's pages: read, cut to the search document,
// hash and hand to the lane's Pagefind process.

export const documentHash = (document: string): string => createHash('sha256').update(document).digest('hex');

/**
 * Gives Pagefind the search documents of a shard's pages straight from memory (addHTMLFile, the
 * URL computed from the page's path as addDirectory would), in path order, a few dozen in flight.
 * Not through a scratch folder: a folder per page to create and delete cost ≈0.3 ms a page on
 * this disk, as much as the indexing. `document` is searchDocument; a test passes the whole page.
 */
export async function addShardPages(index: PagefindIndex, client: string, shard: { pages: readonly string[] }, document: (html: string) => string = searchDocument): Promise<{ pages: number; errors: string[]; documents: Record<string, string> }> {
  const IN_FLIGHT = 64;
  let pages = 0;
  const errors: string[] = [];
  const documents: Record<string, string> = {};
  for (let i = 0; i < shard.pages.length; i += IN_FLIGHT) {
    const batch = shard.pages.slice(i, i + IN_FLIGHT);
    const added = await Promise.all(batch.map((rel) => {
      const content = document(readPage(client, rel));
      documents[rel] = documentHash(content);
      return index.addHTMLFile({ sourcePath: rel, content });
    }));
    for (const [k, r] of added.entries()) {
      if (r.errors.length > 0) errors.push(`${batch[k]}: ${r.errors.join('; ')}`);
      else pages++;
    }
  }
  return { pages, errors, documents };
}

/** A page's HTML; an error names the page (the search index's error reaches the nightly's log as its message). */
function readPage(client: string, rel: string): string {
  try {
    return fs.readFileSync(path.join(client, rel), 'utf8');
  } catch (e) {
    throw new Error(`search index: cannot read ${rel} (${(e as Error).message})`);
  }
}

