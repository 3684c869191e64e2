import { Worker } from 'node:worker_threads';
import type { FileFingerprint } from '../../core/source.ts';
import { unpackItems, type PackedPage } from './pack-items.ts';
import { readAndParseFeedFile, type FeedFileKind, type ParsedFeedFile } from '../feed-file.ts';

export interface FeedFileRequest {
  id: number;
  file: string;
  kind: FeedFileKind;
  root?: string;
}

export type FeedFileReply = { id: number; page: PackedPage; file: FileFingerprint | null } | { id: number; error: string } | { ready: true };

/** Turns feed files into SourceItems and the fingerprint of the bytes read; a broken file rejects with a message naming it. */
export interface FeedFileParser {
  /** False while a worker is still starting: files sent now would only wait in its queue. */
  readonly ready: boolean;
  parse(file: string, kind: FeedFileKind, root?: string): Promise<ParsedFeedFile>;
  close(): Promise<void>;
}

export function inProcessParser(): FeedFileParser {
  return {
    ready: true,
    parse: async (file, kind, root) => readAndParseFeedFile(file, kind, false, root),
    close: async () => {},
  };
}

/**
 * Parsing in a worker thread: on a large feed, JSON parsing, validation and hashing take as
 * long as the SQLite writes, and with a second core the two overlap. A worker that dies
 * rejects every pending file, which fails the run like any broken source.
 */
export function workerParser(): FeedFileParser {
  // Node 24 strips types in workers too, so the TypeScript entry loads as it is.
  const worker = new Worker(new URL('./feed-file-worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (parsed: ParsedFeedFile) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;
  let ready = false;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (reply: FeedFileReply) => {
    if ('ready' in reply) {
      ready = true;
      return;
    }
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve({ items: unpackItems(reply.page), file: reply.file });
  });
  worker.on('error', (e) => failAll(new Error(`the feed parsing worker failed: ${e.message}`)));
  worker.on('exit', (code) => {
    if (!closing) failAll(new Error(`the feed parsing worker stopped unexpectedly (exit code ${code})`));
  });
  return {
    get ready() {
      return ready;
    },
    parse(file, kind, root) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, file, kind, root } satisfies FeedFileRequest);
      });
    },
    async close() {
      closing = true;
      failAll(new Error('the feed parsing worker was closed'));
      await worker.terminate();
    },
  };
}
