import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import type { Source, SourceItem } from '../source.ts';
import { parseFeedListing, parseFeedOrder } from './feed-records.ts';

/**
 * Platform feed v1 from a directory: every `listings*.json` and `orders*.json` envelope
 * (`{ items, next_cursor }`), listings first so orders can refer to them, each kind in file
 * name order. A file that is not a readable envelope breaks the source (fails the run): a
 * half-read export must never be published as if it were complete.
 */
export function feedDirSource(dir: string, id = `feed:${path.relative(process.cwd(), path.resolve(dir)) || '.'}`): Source {
  return {
    id,
    isSample: isSampleDir(dir),
    async *items(): AsyncGenerator<SourceItem> {
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      const listings = names.filter((n) => n.startsWith('listings'));
      const orders = names.filter((n) => n.startsWith('orders'));
      if (listings.length + orders.length === 0) {
        throw new Error(`${dir}: no listings*.json or orders*.json files found`);
      }
      for (const [files, parse] of [
        [listings, parseFeedListing],
        [orders, parseFeedOrder],
      ] as const) {
        for (const name of files) {
          const items = await readEnvelope(path.join(dir, name));
          for (let i = 0; i < items.length; i++) yield parse(items[i], `${name}#${i + 1}`);
        }
      }
    },
  };
}

/** The bundled sample marks itself with dataset.json so every page can say it is sample data. */
export function isSampleDir(dir: string): boolean {
  try {
    return JSON.parse(fsSync.readFileSync(path.join(dir, 'dataset.json'), 'utf8'))?.sample === true;
  } catch {
    return false;
  }
}

async function readEnvelope(file: string): Promise<unknown[]> {
  let body: unknown;
  try {
    body = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) {
    throw new Error(`${file}: not a feed envelope (expected an object with an "items" array)`);
  }
  return (body as { items: unknown[] }).items;
}
