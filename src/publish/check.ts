import fs from 'node:fs';
import { isIndexFolder } from '../site/format/search-shards.ts';
import path from 'node:path';
import { openReader } from '../db/connection.ts';
import { idSegment } from '../site/format/paths.ts';
import { sameFile } from '../site/integrations/link-files.ts';
import { entriesBytes } from './folder-bytes.ts';
import { siteBytesInWorker } from './site-bytes.ts';

/**
 * Is this build fit to publish? Run on the fresh folder before the swap. It checks what a
 * reader would notice: every purchase in the database has its page and the page names it,
 * no page exists for a purchase that is not in the database, the search index and the public
 * database download exist, and the server entry the node adapter writes is there.
 */

export interface CheckResult {
  orders: number;
  order_pages: number;
  pagefind_pages: number;
  bytes: number;
}

export class CheckFailed extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    const shown = problems.slice(0, 10).map((p) => `  - ${p}`).join('\n');
    super(`the build is not fit to publish (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
    this.problems = problems;
    this.name = 'CheckFailed';
  }
}

// Folders under /orders/ that hold the paged lists, not one purchase (see src/site/pages/orders/[...list].astro).
const LIST_DIRS = new Set(['page', 'by-date', 'by-amount', 'by-gap', 'month']);

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The part of the check that needs only the pages, started once Astro has exited (startCheck). */
export interface PendingCheck {
  readonly pages: Promise<{ counts: Omit<CheckResult, 'bytes' | 'pagefind_pages'>; problems: string[]; bytes: number }>;
  stop(): Promise<void>;
}

/**
 * Checks the pages and sums the size of everything but the search index (site-bytes.ts, in a
 * worker thread). The nightly starts it
 * when Astro has exited, beside the search index (build.ts), so that only the index is left for
 * checkBuild after the build (≈ 0.7 s of a quiet night at 20k orders was all after it).
 *
 * `previousBuild`: the published build, which passed this check. An order page that is its very
 * file (the incremental build links unchanged pages) is known good and not read again — reading
 * 20k pages was most of a quiet night's check.
 */
export function startCheck(buildDir: string, dbPath: string, previousBuild: string | null): PendingCheck {
  const site = siteBytesInWorker(buildDir, previousBuild);
  const pages = (async () => {
    // The worker first, and the caller's callback returns before the synchronous checks run.
    await new Promise((resolve) => setImmediate(resolve));
    const problems: string[] = [];
    const counts = checkPages(buildDir, dbPath, previousBuild, problems);
    return { counts, problems, bytes: await site.bytes };
  })();
  pages.catch(() => {}); // awaited by checkBuild; a build that failed meanwhile never asks
  return { pages, stop: () => site.stop() };
}

/** Is the build fit to publish (see the top of this file)? `started`: its page checks, begun earlier (startCheck). */
export async function checkBuild(buildDir: string, dbPath: string, previousBuild: string | null = null, started?: PendingCheck): Promise<CheckResult> {
  const pending = started ?? startCheck(buildDir, dbPath, previousBuild);
  try {
    const { counts, problems, bytes } = await pending.pages;
    const client = path.join(buildDir, 'client');
    const pagefindPages = readPagefindPageCount(client);
    if (pagefindPages === undefined) problems.push('the Pagefind index is missing (client/pagefind/pagefind-entry.json)');
    else if (pagefindPages < counts.orders) {
      problems.push(`the search index holds ${pagefindPages} pages, fewer than the ${counts.orders} purchases`);
    }
    if (problems.length > 0) throw new CheckFailed(problems);
    const indexBytes = entriesBytes(client, fs.readdirSync(client).filter(isIndexFolder));
    return { ...counts, pagefind_pages: pagefindPages ?? 0, bytes: bytes + indexBytes };
  } finally {
    await pending.stop();
  }
}

/** What the pages must be, the search index aside; each problem found goes to `problems`. */
function checkPages(buildDir: string, dbPath: string, previousBuild: string | null, problems: string[]): Omit<CheckResult, 'bytes' | 'pagefind_pages'> {
  const client = path.join(buildDir, 'client');
  const need = (rel: string, what: string) => {
    if (!fs.existsSync(path.join(buildDir, rel))) problems.push(`${what} is missing (${rel})`);
  };
  need('server/entry.mjs', 'the server entry');
  need('client/index.html', 'the home page');
  need('client/data/sunshine-public.db', 'the public database download');

  const orderNos = readOrderNos(dbPath);
  const ordersDir = path.join(client, 'orders');
  const expected = new Map(orderNos.map((o) => [idSegment(o), o]));
  let orderPages = 0;
  const checkedBefore = (file: string, rel: string) => previousBuild !== null && sameFile(file, path.join(previousBuild, 'client', rel));
  for (const [segment, orderNo] of expected) {
    const rel = path.join('orders', segment, 'index.html');
    const file = path.join(client, rel);
    try {
      if (checkedBefore(file, rel)) {
        orderPages++;
        continue;
      }
      if (!showsText(file, orderNo) && !showsText(file, escapeHtml(orderNo))) {
        problems.push(`the page of purchase ${orderNo} does not show its order number (data missing?)`);
      }
      orderPages++;
    } catch {
      problems.push(`purchase ${orderNo} has no page (orders/${segment}/index.html)`);
    }
  }
  if (fs.existsSync(ordersDir)) {
    for (const entry of fs.readdirSync(ordersDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || LIST_DIRS.has(entry.name) || expected.has(entry.name)) continue;
      if (fs.existsSync(path.join(ordersDir, entry.name, 'index.html'))) {
        problems.push(`page orders/${entry.name}/ is for a purchase that is not in the database`);
      }
    }
  }

  return { orders: orderNos.length, order_pages: orderPages };
}

// An order page names its order in <title>, ≈ 2 KB in: the head of the file is read first, and
// the whole file only when the head does not have it (at 20k orders, 240 MB of pages were read
// and decoded in full).
const HEAD_BYTES = 4096;
const head = Buffer.alloc(HEAD_BYTES);

/** Whether the file's bytes contain `text` (UTF-8); throws when the file cannot be read. */
function showsText(file: string, text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
    if (head.subarray(0, n).includes(needle)) return true;
    if (n < HEAD_BYTES) return false;
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(file).includes(needle);
}

function readOrderNos(dbPath: string): string[] {
  const { sqlite } = openReader(dbPath);
  try {
    return (sqlite.prepare(`SELECT order_no FROM orders ORDER BY order_no`).pluck().all() as string[]);
  } finally {
    sqlite.close();
  }
}

/**
 * Pages in the search index, summed over its shards (format/search-shards.ts) and their
 * languages; undefined when there is no main index.
 */
function readPagefindPageCount(client: string): number | undefined {
  if (!fs.existsSync(path.join(client, 'pagefind', 'pagefind-entry.json'))) return undefined;
  let total = 0;
  for (const name of fs.readdirSync(client)) {
    if (!isIndexFolder(name)) continue;
    try {
      const entry = JSON.parse(fs.readFileSync(path.join(client, name, 'pagefind-entry.json'), 'utf8')) as {
        languages?: Record<string, { page_count?: number }>;
      };
      total += Object.values(entry.languages ?? {}).reduce((n, l) => n + (l.page_count ?? 0), 0);
    } catch {
      return undefined;
    }
  }
  return total;
}
