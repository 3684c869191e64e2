// /data/sunshine-public.db, written by a worker thread while Astro renders the pages
// (downloads.ts, build-worker.ts), once the build has posted the client folder.
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { resolveDbPath } from '../../db/connection.ts';
import { writePublicDb, type PublicDbResult } from '../../db/public-copy.ts';
import { waitForVersions } from '../../publish/versions-ready.ts';
import { failure, type WorkerAnswer } from './build-worker.ts';

export interface PublicDbWritten { result: PublicDbResult; path: string; seconds: number }

parentPort!.once('message', ({ client }: { client: string }) => {
  try {
    // The nightly may still be writing the database (versions-ready.ts).
    waitForVersions();
    const started = performance.now();
    const outPath = path.join(client, 'data', 'sunshine-public.db');
    const result = writePublicDb(resolveDbPath(), outPath);
    const done: WorkerAnswer<PublicDbWritten> = { type: 'done', result, path: outPath, seconds: (performance.now() - started) / 1000 };
    parentPort!.postMessage(done);
  } catch (e) {
    parentPort!.postMessage(failure(e));
  }
});
