// The CSV and JSON downloads of /data/, made in a worker thread while Astro renders the pages
// (downloads.ts, build-worker.ts). Reads SUNSHINE_DB like the build; the pieces of unchanged
// purchases come from the previous build (SUNSHINE_PREVIOUS_BUILD) unless SUNSHINE_FULL_BUILD=1
// (downloads/pieces.ts). Hands the files back as bytes (transferred, not copied).
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { connection } from '../../db/queries/db.ts';
import { loadDataset } from '../../db/queries/datasets.ts';
import { DATASET_FILES } from '../../downloads/datasets.ts';
import { DOWNLOAD_PIECES_FILE, makeDownloads, type PieceIndex, type PreviousDownloads } from '../../downloads/pieces.ts';
import { codeHash } from '../../publish/code-hash.ts';
import { failure, type WorkerAnswer } from './build-worker.ts';

export interface DownloadsMade { files: { name: string; bytes: Uint8Array }[]; index: string; orders: number; reused: number; seconds: number }

/** The previous build's downloads and their index; null (a full make) when there is none to trust. */
function previousDownloads(): PreviousDownloads | null {
  const build = process.env.SUNSHINE_PREVIOUS_BUILD;
  if (!build || process.env.SUNSHINE_FULL_BUILD === '1') return null;
  try {
    const index = JSON.parse(fs.readFileSync(path.join(build, DOWNLOAD_PIECES_FILE), 'utf8')) as PieceIndex;
    const files: PreviousDownloads['files'] = {};
    for (const f of DATASET_FILES) {
      const file = path.join(build, 'client', 'data', f.name);
      if ('piece' in f && fs.existsSync(file)) files[f.name] = fs.readFileSync(file);
    }
    return { index, files };
  } catch {
    // No index (a build from before pieces, or none at all): every piece is made.
    return null;
  }
}

const started = performance.now();
try {
  const dataset = loadDataset(connection());
  const made = makeDownloads(dataset, DATASET_FILES, codeHash(process.cwd()), previousDownloads());
  // Transferred, so each file must own its memory: a small Buffer is a slice of Node's shared pool.
  const files = made.files.map((f) => ({ name: f.name, bytes: f.bytes.byteOffset === 0 && f.bytes.buffer.byteLength === f.bytes.byteLength ? f.bytes : new Uint8Array(f.bytes) }));
  const done: WorkerAnswer<DownloadsMade> = {
    type: 'done', files, index: JSON.stringify(made.index), orders: dataset.orders.length, reused: made.reused, seconds: (performance.now() - started) / 1000,
  };
  parentPort!.postMessage(done, files.map((f) => f.bytes.buffer as ArrayBuffer));
} catch (e) {
  parentPort!.postMessage(failure(e));
}
