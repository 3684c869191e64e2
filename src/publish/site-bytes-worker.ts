// The worker of siteBytesInWorker (site-bytes.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { siteBytes } from './site-bytes.ts';

const { buildDir, previousBuild } = workerData as { buildDir: string; previousBuild: string | null };
try {
  parentPort!.postMessage({ bytes: siteBytes(buildDir, previousBuild) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
