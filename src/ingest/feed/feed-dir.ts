import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import type { FileLedger, Source, SourceItem } from '../core/source.ts';
import { inProcessParser, workerParser, type FeedFileParser } from './worker/feed-file-parser.ts';
import { fingerprintOf, type FeedFileKind, type ParsedFeedFile } from './feed-file.ts';
import { readRegularFile } from './read-feed-file.ts';

export interface FeedDirOptions {
  /**
   * Parse, validate and hash in a worker thread so that it overlaps the database writes.
   * 'auto' (the default) does so when the files add up to more than AUTO_WORKER_BYTES:
   * below that, starting the worker costs more than it saves.
   */
  parseInWorker?: boolean | 'auto';
  /** Makes the worker parser (a test wraps it to see that files do reach the worker). */
  makeWorker?: () => FeedFileParser;
}

const AUTO_WORKER_BYTES = 4 * 1024 * 1024;
// Files requested ahead of the one being loaded: enough to keep the worker busy, few enough
// that memory stays bounded by a handful of pages.
const PREFETCH = 2;

/**
 * Platform feed v1 from a directory: every `listings*.json` and `orders*.json` envelope
 * (`{ items, next_cursor }`), listings first so orders can refer to them, each kind in file
 * name order. A file that is not a readable envelope breaks the source (fails the run): a
 * half-read export must never be published as if it were complete. With a ledger, a file an
 * earlier run read whole, byte for byte the same, is left unparsed (core/file-ledger.ts).
 */
export function feedDirSource(
  dir: string,
  id = `feed:${path.relative(process.cwd(), path.resolve(dir)) || '.'}`,
  options: FeedDirOptions = {},
): Source {
  return {
    id,
    isSample: isSampleDir(dir),
    async *items(ledger?: FileLedger): AsyncGenerator<SourceItem> {
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      const all: Array<{ name: string; kind: FeedFileKind }> = [
        ...names.filter((n) => n.startsWith('listings')).map((name) => ({ name, kind: 'listing' as const })),
        ...names.filter((n) => n.startsWith('orders')).map((name) => ({ name, kind: 'order' as const })),
      ];
      if (all.length === 0) throw new Error(`${dir}: no listings*.json or orders*.json files found`);
      const files = await unreadFiles(dir, all, ledger);
      const local = inProcessParser();
      // The worker takes a few hundred milliseconds to start; until it is ready, files are
      // parsed here rather than left waiting in its queue.
      const worker = (await useWorker(dir, files, options.parseInWorker ?? 'auto')) ? (options.makeWorker ?? workerParser)() : undefined;
      const requested = new Map<number, Promise<ParsedFeedFile>>();
      const request = (i: number, parser: FeedFileParser) => {
        if (i >= files.length || requested.has(i)) return;
        const p = parser.parse(path.join(dir, files[i]!.name), files[i]!.kind, dir);
        // A later file may fail while an earlier one is awaited; it is reported when reached.
        p.catch(() => {});
        requested.set(i, p);
      };
      try {
        for (let i = 0; i < files.length; i++) {
          // The worker's "ready" arrives as a message, a macrotask: awaiting promises that are
          // already settled (a file parsed here) never lets one run, so without this turn of
          // the event loop the worker started but never received a file.
          if (worker && !worker.ready) await new Promise((resolve) => setImmediate(resolve));
          if (worker?.ready) for (let k = i; k <= i + PREFETCH; k++) request(k, worker);
          else request(i, local);
          const { items, file } = await requested.get(i)!;
          requested.delete(i);
          yield* items;
          // Only once its every item was loaded: a run that stops inside a file has not read it.
          if (file) ledger?.read(file);
        }
      } finally {
        await worker?.close();
      }
    },
  };
}

/**
 * The files to read: all but the first ones the ledger says an earlier run read as they are now.
 * From the first file read on, every file is read (FileLedger: records apply in feed order).
 */
async function unreadFiles<F extends { name: string }>(dir: string, files: F[], ledger: FileLedger | undefined): Promise<F[]> {
  if (!ledger) return files;
  for (const [i, f] of files.entries()) {
    const file = path.join(dir, f.name);
    // A file that cannot be sized is read: the parser says why it cannot be.
    const size = await fs.lstat(file).then((st) => st.size, () => -1);
    const same = size < 0 ? null : ledger.unchanged(size, () => {
      // The parser's own safe read (no FIFOs, no links out of the folder, bounded size).
      const bytes = readRegularFile(file, dir);
      return bytes.ok ? fingerprintOf(f.name, bytes.value) : null;
    });
    if (!same) return files.slice(i);
    ledger.skipped(same);
  }
  return [];
}

async function useWorker(dir: string, files: Array<{ name: string }>, choice: boolean | 'auto'): Promise<boolean> {
  if (choice !== 'auto') return choice;
  let bytes = 0;
  // lstat: sizing must not follow a link out of the folder (read-feed-file refuses those anyway).
  for (const f of files) bytes += (await fs.lstat(path.join(dir, f.name))).size;
  return bytes > AUTO_WORKER_BYTES;
}

/** The bundled sample marks itself with dataset.json so every page can say it is sample data. */
export function isSampleDir(dir: string): boolean {
  try {
    // A FIFO or device named dataset.json must not block the run: only a regular file is read.
    const file = path.join(dir, 'dataset.json');
    if (!fsSync.lstatSync(file).isFile()) return false;
    return JSON.parse(fsSync.readFileSync(file, 'utf8'))?.sample === true;
  } catch {
    return false;
  }
}
