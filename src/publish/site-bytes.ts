import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PageKind } from '../db/queries/page-inputs.ts';
import { monthListPath, pageFolder } from '../site/format/paths.ts';
import { isIndexFolder } from '../site/format/search-shards.ts';
import { readManifest, unchanged } from '../site/integrations/build-manifest.ts';
import { folderBytes } from './folder-bytes.ts';

/**
 * The size of a build's site (its client folder, the search indexes aside), as the run report
 * gives it. An incremental build links its unchanged page folders and month lists from the
 * previous build (reuse-worker.ts), so their bytes are that build's: each build records the
 * bytes of every such folder beside its manifest, and the next one walks only what it rendered
 * and the rest of the site. At 20k orders that is ≈ 900 of 29.5k page folders; the walk of
 * every file (≈ 60k, two system calls each) was ≈ 1 CPU-s of a quiet night's 30.
 */
export const SITE_BYTES_FILE = 'site-bytes.json';

interface SiteBytesRecord {
  format: 1;
  /** Bytes of each page folder and month list folder (path in client/). */
  folders: Record<string, number>;
}

function readRecord(buildDir: string): Record<string, number> {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(buildDir, SITE_BYTES_FILE), 'utf8')) as SiteBytesRecord;
    return r.format === 1 ? r.folders : {};
  } catch {
    return {};
  }
}

/**
 * Bytes of buildDir's client folder but its search indexes, and the record for the next build.
 * `previousBuild`: the build this one linked its unchanged pages from (its manifest's `from`);
 * with any other, or none, everything is walked.
 */
export function siteBytes(buildDir: string, previousBuild: string | null): number {
  const client = path.join(buildDir, 'client');
  if (!fs.existsSync(client)) return 0; // no site: the check says what is missing
  const manifest = readManifest(buildDir);
  const previous = previousBuild !== null && manifest?.from !== undefined && path.resolve(manifest.from) === path.resolve(previousBuild) ? readManifest(previousBuild) : null;
  const before = previous ? readRecord(previousBuild!) : {};
  const linked = (now: string, then: string | undefined) => previous !== null && unchanged(now, then);
  const known = new Map<string, number | undefined>();
  for (const [kind, pages] of Object.entries(manifest?.pages ?? {}) as [PageKind, Record<string, string>][]) {
    for (const [id, hash] of Object.entries(pages)) {
      const rel = pageFolder(kind, id);
      known.set(rel, linked(hash, previous?.pages[kind]?.[id]) ? before[rel] : undefined);
    }
  }
  for (const [month, hash] of Object.entries(manifest?.months ?? {})) {
    const rel = monthListPath(month).slice(1, -1);
    known.set(rel, linked(hash, previous?.months?.[month]) ? before[rel] : undefined);
  }
  const units = { known, measured: {} as Record<string, number> };
  const bytes = folderBytes(client, units, '', isIndexFolder);
  const record: SiteBytesRecord = { format: 1, folders: units.measured };
  fs.writeFileSync(path.join(buildDir, SITE_BYTES_FILE), JSON.stringify(record));
  return bytes;
}

export interface PendingBytes {
  readonly bytes: Promise<number>;
  stop(): Promise<void>;
}

/** siteBytes in a worker thread, beside the checks that read pages (check.ts). */
export function siteBytesInWorker(buildDir: string, previousBuild: string | null): PendingBytes {
  const worker = new Worker(new URL('./site-bytes-worker.ts', import.meta.url), { workerData: { buildDir, previousBuild } });
  const bytes = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { bytes: number } | { error: string }) => ('bytes' in m ? resolve(m.bytes) : reject(new Error(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the site size worker stopped (exit code ${code})`)));
  });
  bytes.catch(() => {}); // a stopped worker's rejection is nobody's error
  return { bytes, stop: async () => void (await worker.terminate()) };
}
