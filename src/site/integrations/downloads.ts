import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveDbPath } from '../../db/connection.ts';
import { writePublicDb } from '../../db/public-copy.ts';
import { startBuildWorker, type BuildWorker } from './build-worker.ts';
import type { DownloadsMade } from './downloads-worker.ts';

/**
 * The whole-dataset downloads of /data/ (DESIGN §8), from the database the pages are rendered
 * from (SUNSHINE_DB, read at build time, never import.meta.url):
 * - the CSV and JSON files (downloads/datasets.ts) are made in a worker thread started with the
 *   build, alongside Astro's render, and written once the pages are;
 * - sunshine-public.db is written after the pages, straight from SQLite to disk.
 * Neither is an Astro endpoint: Astro reads an endpoint's body back into one buffer (≈60 MB of
 * CSV and JSON at 20k orders), on the thread that renders the pages.
 */
export default function downloadsIntegration(): AstroIntegration {
  let made: BuildWorker<DownloadsMade> | null = null;
  return {
    name: 'sunshine-downloads',
    hooks: {
      'astro:build:start': () => {
        made = startBuildWorker(new URL('./downloads-worker.ts', import.meta.url), 'downloads');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dataDir = path.join(fileURLToPath(dir), 'data');
        fs.mkdirSync(dataDir, { recursive: true });
        let started = performance.now();
        if (!made) throw new Error('downloads: astro:build:start did not run');
        const { files, seconds } = await made.done;
        let bytes = 0;
        for (const f of files) {
          fs.writeFileSync(path.join(dataDir, f.name), f.bytes);
          bytes += f.bytes.byteLength;
        }
        // "waited": what the render stage spent on them after the pages; the bench adds it to the render (bench/_process.ts).
        logger.info(`downloads: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB, made in ${seconds.toFixed(2)} s beside the render, waited ${((performance.now() - started) / 1000).toFixed(2)} s`);
        started = performance.now();
        const outPath = path.join(dataDir, 'sunshine-public.db');
        const result = writePublicDb(resolveDbPath(), outPath);
        const rows = result.tables.reduce((n, t) => n + t.rows, 0);
        logger.info(
          `public database: ${result.tables.length} tables, ${rows} rows, ${(result.bytes / 1024).toFixed(0)} KB ` +
            `in ${((performance.now() - started) / 1000).toFixed(2)} s → ${outPath}`,
        );
      },
    },
  };
}
