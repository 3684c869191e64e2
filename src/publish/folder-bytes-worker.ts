// The worker of entriesBytesInWorker (folder-bytes.ts): sums the bytes of the entries it is given.
import { parentPort, workerData } from 'node:worker_threads';
import { entriesBytes } from './folder-bytes.ts';

const { dir, names } = workerData as { dir: string; names: string[] };
try {
  parentPort!.postMessage({ bytes: entriesBytes(dir, names) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
