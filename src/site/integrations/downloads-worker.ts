// The CSV and JSON downloads of /data/, made in a worker thread while Astro renders the pages
// (downloads.ts, build-worker.ts). Reads SUNSHINE_DB like the build; hands the files back as
// bytes (transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { connection } from '../../db/queries/db.ts';
import { DATASET_FILES } from '../../downloads/datasets.ts';
import { failure, type WorkerAnswer } from './build-worker.ts';

export interface DownloadsMade { files: { name: string; bytes: Uint8Array }[]; seconds: number }

const started = performance.now();
try {
  const files = DATASET_FILES.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.body(connection()))) }));
  const done: WorkerAnswer<DownloadsMade> = { type: 'done', files, seconds: (performance.now() - started) / 1000 };
  parentPort!.postMessage(done, files.map((f) => f.bytes.buffer as ArrayBuffer));
} catch (e) {
  parentPort!.postMessage(failure(e));
}
