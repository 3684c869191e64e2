import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clientFolder, started, startBuildWorker, type BuildWorker } from './build-worker.ts';
import type { DownloadsMade } from './downloads-worker.ts';
import { DOWNLOAD_PIECES_FILE } from '../../downloads/pieces.ts';
import type { PublicDbWritten } from './public-db-worker.ts';

/**
 * The whole-dataset downloads of /data/ (DESIGN §8), from the database the pages are rendered
 * from (SUNSHINE_DB, read at build time, never import.meta.url), made by worker threads while
 * Astro renders the pages (build-worker.ts):
 * - the CSV and JSON files (downloads/datasets.ts), handed back and written after the pages,
 *   with the unchanged purchases' rows taken from the previous build (downloads/pieces.ts);
 * - sunshine-public.db, written by its worker straight from SQLite to disk once Astro has
 *   emptied its output folder (astro:build:setup comes after that).
 * Neither is an Astro endpoint: Astro reads an endpoint's body back into one buffer (≈60 MB of
 * CSV and JSON at 20k orders), on the thread that renders the pages.
 */
export default function downloadsIntegration(): AstroIntegration {
  const what = 'downloads';
  const client = clientFolder(what);
  let made: BuildWorker<DownloadsMade> | null = null;
  let publicDb: BuildWorker<PublicDbWritten> | null = null;
  return {
    name: 'sunshine-downloads',
    hooks: {
      'astro:config:done': ({ config }) => client.configure(config),
      'astro:build:start': () => {
        made = startBuildWorker(new URL('./downloads-worker.ts', import.meta.url), what);
        publicDb = startBuildWorker(new URL('./public-db-worker.ts', import.meta.url), 'public database');
      },
      'astro:build:setup': () => started(publicDb, what).post({ client: client.get() }),
      'astro:build:done': async ({ dir, logger }) => {
        const dataDir = path.join(client.check(dir), 'data');
        fs.mkdirSync(dataDir, { recursive: true });
        const at = performance.now();
        const { files, index, orders, reused, seconds } = await started(made, what).wait();
        let bytes = 0;
        for (const f of files) {
          fs.writeFileSync(path.join(dataDir, f.name), f.bytes);
          bytes += f.bytes.byteLength;
        }
        // Beside the client folder, not in it: the pieces' index is for the next build, not for readers.
        fs.writeFileSync(path.join(path.dirname(client.check(dir)), DOWNLOAD_PIECES_FILE), index);
        const db = await started(publicDb, what).wait();
        // "waited": what the render stage spent on them after the pages; the bench adds it to the render (bench/_process.ts).
        logger.info(`downloads: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB, made in ${seconds.toFixed(2)} s beside the render, waited ${((performance.now() - at) / 1000).toFixed(2)} s; the rows of ${reused} of ${orders} purchases taken from the previous build`);
        const rows = db.result.tables.reduce((n, t) => n + t.rows, 0);
        logger.info(`public database: ${db.result.tables.length} tables, ${rows} rows, ${(db.result.bytes / 1024).toFixed(0)} KB in ${db.seconds.toFixed(2)} s beside the render → ${db.path}`);
      },
    },
  };
}
