import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Bytes of the files under dir. A plain walk with lstat: readdir's recursive mode with a stat of
 * each joined path took 1.6 s for the 62k files of a 20k-order site, this 0.7 s, same total.
 */
function folderBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += fs.lstatSync(p).size;
  }
  return total;
}

/** Bytes of the named entries of dir (files, or folders walked as above). */
export function entriesBytes(dir: string, names: readonly string[]): number {
  let total = 0;
  for (const name of names) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (st.isDirectory()) total += folderBytes(p);
    else if (st.isFile()) total += st.size;
  }
  return total;
}

export interface PendingBytes {
  readonly bytes: Promise<number>;
  stop(): Promise<void>;
}

/**
 * entriesBytes in a worker thread, so that walking the site (a system call or two per file:
 * about 1 s of a 20k-order site's check) goes on beside the checks that read pages.
 */
export function entriesBytesInWorker(dir: string, names: readonly string[]): PendingBytes {
  const worker = new Worker(new URL('./folder-bytes-worker.ts', import.meta.url), { workerData: { dir, names } });
  const bytes = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { bytes: number } | { error: string }) => ('bytes' in m ? resolve(m.bytes) : reject(new Error(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the folder size worker stopped (exit code ${code})`)));
  });
  bytes.catch(() => {}); // a stopped worker's rejection is nobody's error
  return { bytes, stop: async () => void (await worker.terminate()) };
}
